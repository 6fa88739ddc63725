/**
 * The web host: serves the built renderer and the contract over HTTP on the
 * loopback interface, to the same handler table the IPC binding uses. It is
 * how `npm run web` previews the app in a browser and how the end-to-end
 * tests drive the real UI.
 *
 * Every call of the contract and the event stream must carry the per-run
 * token in an `Authorization: Bearer` header, come from our own origin and
 * name our own host (against DNS rebinding). The token is never a cookie:
 * browsers send cookies for 127.0.0.1 to every port on it, so any other local
 * server the person visits (a dev server, a notebook, a printer page) would
 * receive it. The page takes it from the printed URL (`?token=`) and keeps it
 * in its own tab's sessionStorage, which is scoped to this exact origin
 * (port included), and sends it itself; a header is never sent anywhere by
 * the browser on its own. The static files of the built renderer hold no
 * data and are served without the token. Every response carries the strict
 * CSP of docs/architecture.md.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile, realpath, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { EventPayloads } from '../../shared/contract/api.ts';
import { EVENTS } from '../../shared/contract/channels.ts';
import { fail } from '../../shared/contract/result.ts';
import type { Backend } from '../backend/backend.ts';
import { dispatch, type ErrorLogger } from '../backend/dispatch.ts';
import { createRepeatGuard, isRequestId } from '../backend/repeatedRequests.ts';
import { CONTENT_SECURITY_POLICY } from '../../shared/contract/csp.ts';

/** The part of the backend the web host needs: the handler table and its events. */
export type HostedBackend = Pick<Backend, 'handlers' | 'on'>;

/** Options of {@link startWebHost}. */
export interface WebHostOptions {
  readonly backend: HostedBackend;
  /** 0 picks any free port. */
  readonly port: number;
  /** Loopback only: the host is never reachable from another machine. */
  readonly host?: '127.0.0.1';
  /** The built renderer (`dist/renderer`). */
  readonly rendererDir: string;
  /** The per-run secret; a fresh random one when left out. */
  readonly token?: string;
  /** Where unexpected handler errors go (stderr by default). */
  readonly logError?: ErrorLogger;
  /** How long a request (headers and body) may take to arrive, in ms; {@link REQUEST_TIMEOUT_MS} by default. */
  readonly requestTimeoutMs?: number;
}

/** A running web host. */
export interface WebHost {
  /** The URL to open, token included: `http://127.0.0.1:<port>/?token=…`. */
  readonly url: string;
  /** `http://127.0.0.1:<port>`. */
  readonly origin: string;
  readonly port: number;
  readonly token: string;
  /** Stops accepting requests, ends the event streams and closes every connection. */
  close(): Promise<void>;
}

/** The Content-Security-Policy of every response: the app's one policy, from shared/contract/csp.ts. */
export { CONTENT_SECURITY_POLICY };

/** The authentication scheme of the `Authorization` header that carries the token: `Bearer <token>`. */
export const TOKEN_SCHEME = 'Bearer';

/**
 * The header a page sends with a create: a random id per create. A repeat of
 * the same create with the same id (a retry after a lost reply) is answered
 * with the first result instead of making a second record.
 */
export const REQUEST_ID_HEADER = 'x-request-id';

/** At most this many connections are open at once; more are dropped by the server. */
export const MAX_CONNECTIONS = 64;

/**
 * At most this many event streams are open at once (one per open tab); the
 * next is answered 503 with the reason. The streams share one subscription
 * to the backend, so they never pile listeners onto it.
 */
export const MAX_EVENT_STREAMS = 16;

/** A request whose headers and body have not all arrived within this many ms is answered 408 and dropped. */
export const REQUEST_TIMEOUT_MS = 30_000;

/** Largest request body accepted, in bytes, on every channel but those that carry files. */
export const MAX_BODY_BYTES = 1024 * 1024;

/**
 * Largest body of a channel that carries attached files in base64: a 25 MB
 * attachment (MAX_ATTACHMENT_BYTES) is about 34 MB in base64, with the text
 * and fields beside it.
 */
export const MAX_UPLOAD_BODY_BYTES = 40 * 1024 * 1024;

/** The channels whose requests may be as large as {@link MAX_UPLOAD_BODY_BYTES}. */
export const UPLOAD_CHANNELS: ReadonlySet<string> = new Set([
  'papers:create',
  'papers:update',
  'papers:addFromFile',
  'archive:import',
  'tracker:preview',
  'tracker:import',
  'packs:import',
]);

/** The largest body accepted for a channel. */
export function bodyLimitOf(channel: string): number {
  return UPLOAD_CHANNELS.has(channel) ? MAX_UPLOAD_BODY_BYTES : MAX_BODY_BYTES;
}

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

const UNAUTHORISED_MESSAGE =
  'Boardkeeper: this address needs the link printed by `npm run web` in the terminal. Open that link (it carries a key for this run).\n';

const STALE_LINK_MESSAGE =
  'Boardkeeper: this link carries a key that is not this run’s (the web host was restarted, or the link was mistyped). Open the link `npm run web` printed last in the terminal.\n';

/** Makes a fresh per-run token: 32 random bytes, base64url. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Compares two secrets in constant time (their hashes, so the lengths match too). */
function sameSecret(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

/** The token of an `Authorization: Bearer <token>` header, or undefined when there is none. */
function bearerToken(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  const [scheme, value, ...rest] = header.trim().split(/\s+/);
  if (scheme?.toLowerCase() !== TOKEN_SCHEME.toLowerCase() || value === undefined || rest.length > 0) return undefined;
  return value;
}

function setCommonHeaders(res: ServerResponse): void {
  res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
}

function sendText(res: ServerResponse, status: number, text: string, extraHeaders: Record<string, string> = {}): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', ...extraHeaders });
  res.end(text);
}

function sendJson(res: ServerResponse, value: unknown): void {
  res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(JSON.stringify(value));
}

/** The body of a request, or why it could not be read. */
type BodyRead =
  | { readonly ok: true; readonly text: string }
  | { readonly ok: false; readonly reason: 'too_large' | 'timed_out' | 'failed' };

/**
 * Reads a request body of at most `limit` bytes within `timeoutMs`. A body
 * over the limit is not kept but still read to its end (and thrown away), so
 * that the client, still sending, gets the 413 reply rather than a reset
 * connection; the request timeout bounds how long that may go on.
 */
function readBody(req: IncomingMessage, limit: number, timeoutMs: number): Promise<BodyRead> {
  return new Promise((resolve) => {
    let settled = false;
    const settle = (read: BodyRead): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(read);
    };
    const timer = setTimeout(() => settle({ ok: false, reason: 'timed_out' }), timeoutMs);
    const chunks: Buffer[] = [];
    let size = 0;
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > limit) {
      req.resume();
      settle({ ok: false, reason: 'too_large' });
      return;
    }
    req.on('data', (chunk: Buffer) => {
      if (settled) return;
      size += chunk.length;
      if (size > limit) {
        chunks.length = 0;
        settle({ ok: false, reason: 'too_large' });
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => settle({ ok: true, text: Buffer.concat(chunks).toString('utf8') }));
    req.on('error', () => settle({ ok: false, reason: 'failed' }));
    req.on('close', () => settle({ ok: false, reason: 'failed' }));
  });
}

/**
 * Maps a request path onto a file inside `root`, or says it may not be served.
 * The raw path is decoded once; any `..` segment, backslash or NUL is refused
 * outright rather than normalised away, so `/../x` and `/%2e%2e/x` never match.
 */
function filePathFor(root: string, rawPath: string): { ok: true; file: string } | { ok: false } {
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    return { ok: false };
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return { ok: false };
  const segments = decoded.split('/');
  if (segments.some((s) => s === '..' || s === '.')) return { ok: false };
  const file = path.resolve(root, '.' + decoded);
  if (file !== root && !file.startsWith(root + path.sep)) return { ok: false };
  return { ok: true, file };
}

/** True for paths that name a file (an asset), as opposed to a route of the app. */
function looksLikeAsset(rawPath: string): boolean {
  const last = rawPath.split('/').pop() ?? '';
  return last.includes('.');
}

/**
 * Starts the web host on 127.0.0.1. Resolves once it listens; the URL it
 * returns carries the token.
 */
export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const { backend } = options;
  const host = options.host ?? '127.0.0.1';
  const token = options.token ?? newToken();
  const requestTimeoutMs = options.requestTimeoutMs ?? REQUEST_TIMEOUT_MS;
  const root = await realpath(path.resolve(options.rendererDir));
  const streams = new Set<ServerResponse>();
  const repeats = createRepeatGuard();
  let port = 0;

  // One subscription to the backend, fanned out to every open stream.
  const unsubscribe = EVENTS.map((name) =>
    backend.on(name, (payload: EventPayloads[typeof name]) => {
      const frame = `event: ${name}\ndata: ${JSON.stringify(payload)}\n\n`;
      for (const res of streams) res.write(frame);
    }),
  );
  // A comment now and then keeps proxies and idle timers from closing the streams.
  const heartbeat = setInterval(() => {
    for (const res of streams) res.write(': keep-alive\n\n');
  }, 25_000);
  heartbeat.unref();

  async function serveFile(req: IncomingMessage, res: ServerResponse, rawPath: string): Promise<void> {
    const target = filePathFor(root, rawPath);
    if (!target.ok) {
      sendText(res, 403, 'Refused: that path is outside the app.\n');
      return;
    }
    let file = target.file;
    let info = await stat(file).catch(() => undefined);
    if (info?.isDirectory()) {
      file = path.join(file, 'index.html');
      info = await stat(file).catch(() => undefined);
    }
    if (info === undefined || !info.isFile()) {
      if (looksLikeAsset(rawPath)) {
        sendText(res, 404, 'Not found.\n');
        return;
      }
      // A route of the single-page app (e.g. /settings): the app handles it.
      file = path.join(root, 'index.html');
    }
    // A symbolic link inside the folder must not lead out of it.
    const real = await realpath(file).catch(() => undefined);
    if (real === undefined || (real !== root && !real.startsWith(root + path.sep))) {
      sendText(res, 404, 'Not found.\n');
      return;
    }
    const body = await readFile(real);
    const type = CONTENT_TYPES[path.extname(real).toLowerCase()] ?? 'application/octet-stream';
    res.writeHead(200, { 'Content-Type': type, 'Content-Length': body.length, 'Cache-Control': 'no-cache' });
    res.end(req.method === 'HEAD' ? undefined : body);
  }

  async function serveRpc(req: IncomingMessage, res: ServerResponse, channel: string): Promise<void> {
    const limit = bodyLimitOf(channel);
    const body = await readBody(req, limit, requestTimeoutMs);
    if (!body.ok) {
      if (body.reason === 'too_large') {
        const megabytes = limit / 1024 / 1024;
        const message = UPLOAD_CHANNELS.has(channel)
          ? `Refused: the request is larger than ${megabytes} MB, the most the browser preview accepts in one save. Save fewer attachments at a time.\n`
          : `Refused: the request body is larger than ${limit} bytes.\n`;
        // The rest of the body is still read (and dropped): closing now would reset the
        // connection under a client that is still sending, and it would never see this reply.
        sendText(res, 413, message);
      } else if (body.reason === 'timed_out') {
        sendText(
          res,
          408,
          `Refused: the request did not arrive in full within ${requestTimeoutMs / 1000} s. Try again.\n`,
          { Connection: 'close' },
        );
        res.on('finish', () => req.destroy());
      } else {
        req.destroy();
      }
      return;
    }
    let input: unknown = undefined;
    if (body.text.trim() !== '') {
      try {
        input = JSON.parse(body.text) as unknown;
      } catch {
        sendJson(
          res,
          fail({
            code: 'invalid_input',
            message: 'The request body is not valid JSON.',
            details: { issues: [{ field: '(input)', message: 'is not valid JSON' }] },
          }),
        );
        return;
      }
    }
    const requestId = req.headers[REQUEST_ID_HEADER];
    const run = () => dispatch(backend.handlers, channel, input, options.logError);
    sendJson(res, await (isRequestId(requestId) ? repeats.once(channel, requestId, body.text, run) : run()));
  }

  function serveEvents(req: IncomingMessage, res: ServerResponse): void {
    if (streams.size >= MAX_EVENT_STREAMS) {
      sendText(
        res,
        503,
        `Refused: ${MAX_EVENT_STREAMS} pages of this app are already open and listening for changes. Close the tabs you no longer need and reload this one.\n`,
        { 'Retry-After': '10' },
      );
      return;
    }
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
    });
    res.write('retry: 2000\n\n');
    streams.add(res);
    const stop = (): void => {
      streams.delete(res);
    };
    req.on('close', stop);
    res.on('close', stop);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    setCommonHeaders(res);

    // DNS rebinding: a page on evil.example resolving to 127.0.0.1 still sends its own Host.
    const hostHeader = req.headers.host ?? '';
    if (hostHeader !== `127.0.0.1:${port}` && hostHeader !== `localhost:${port}`) {
      sendText(res, 403, 'Refused: this host answers only to 127.0.0.1 and localhost.\n');
      return;
    }
    // Another site's page (or a sandboxed "null" origin) may not drive the app.
    const origin = req.headers.origin;
    if (origin !== undefined && origin !== `http://${hostHeader}`) {
      sendText(res, 403, 'Refused: requests from other sites are not accepted.\n');
      return;
    }

    const url = new URL(req.url ?? '/', `http://${hostHeader}`);
    const rawPath = (req.url ?? '/').split('?')[0] ?? '/';
    const isRpc = rawPath.startsWith('/rpc/');
    const isEvents = rawPath === '/events';
    const method = req.method ?? 'GET';
    const allowed = isRpc ? ['POST'] : isEvents ? ['GET'] : ['GET', 'HEAD'];
    if (!allowed.includes(method)) {
      sendText(res, 405, `Refused: ${method} is not accepted here.\n`, { Allow: allowed.join(', ') });
      return;
    }

    if (isRpc || isEvents) {
      const given = bearerToken(req.headers.authorization);
      if (given === undefined || !sameSecret(given, token)) {
        sendText(res, 401, UNAUTHORISED_MESSAGE);
        return;
      }
    } else {
      // The page itself holds no data; the page keeps the token of its address and sends it in a header.
      // A wrong token in the address (an old run's link) is told so at once.
      const givenToken = url.searchParams.get('token');
      if (givenToken !== null && !sameSecret(givenToken, token)) {
        sendText(res, 401, STALE_LINK_MESSAGE);
        return;
      }
    }

    if (isRpc) {
      let channel: string;
      try {
        channel = decodeURIComponent(rawPath.slice('/rpc/'.length));
      } catch {
        channel = rawPath.slice('/rpc/'.length);
      }
      await serveRpc(req, res, channel);
      return;
    }
    if (isEvents) {
      serveEvents(req, res);
      return;
    }
    await serveFile(req, res, rawPath);
  }

  const server = createServer({ requestTimeout: requestTimeoutMs, connectionsCheckingInterval: 1000 }, (req, res) => {
    handle(req, res).catch((error: unknown) => {
      (options.logError ?? ((where, e) => console.error(`[${where}]`, e)))('web host', error);
      if (!res.headersSent) sendText(res, 500, 'Something went wrong in the web host; see its terminal.\n');
      else res.end();
    });
  });
  // Requests must arrive promptly (requestTimeout, checked every second); an event stream has
  // no such limit once open. Past MAX_CONNECTIONS, new connections are dropped.
  server.maxConnections = MAX_CONNECTIONS;

  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    // e.g. the port is taken: leave the backend as it was found.
    clearInterval(heartbeat);
    for (const off of unsubscribe) off();
    throw error;
  }
  const address: AddressInfo | string | null = server.address();
  if (address === null || typeof address === 'string') throw new Error('The web host is not listening on a TCP port.');
  port = address.port;
  const origin = `http://${host}:${port}`;

  return {
    url: `${origin}/?token=${token}`,
    origin,
    port,
    token,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        clearInterval(heartbeat);
        for (const off of unsubscribe) off();
        for (const res of streams) res.end();
        streams.clear();
        server.closeIdleConnections();
        // Replies already on their way get a moment to finish; then every connection goes.
        setTimeout(() => server.closeAllConnections(), 500).unref();
      }),
  };
}
