/**
 * The web host: serves the built renderer and the contract over HTTP on the
 * loopback interface, to the same handler table the IPC binding uses. It is
 * how `npm run web` previews the app in a browser and how the end-to-end
 * tests drive the real UI.
 *
 * Every request must carry the per-run token (in the printed URL once, then
 * as an HttpOnly SameSite=Strict cookie), come from our own origin and name
 * our own host (against DNS rebinding). Every response carries the strict
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

/** Name of the cookie that carries the token after the first visit. */
export const TOKEN_COOKIE = 'bk_token';

/** Largest request body accepted, in bytes, on every channel but those that carry files. */
export const MAX_BODY_BYTES = 1024 * 1024;

/**
 * Largest body of a channel that carries attached files in base64: a 25 MB
 * attachment (MAX_ATTACHMENT_BYTES) is about 34 MB in base64, with the text
 * and fields beside it.
 */
export const MAX_UPLOAD_BODY_BYTES = 40 * 1024 * 1024;

/** The channels whose requests may be as large as {@link MAX_UPLOAD_BODY_BYTES}. */
export const UPLOAD_CHANNELS: ReadonlySet<string> = new Set(['papers:create', 'papers:update', 'packs:import']);

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

function cookieValue(header: string | undefined, name: string): string | undefined {
  if (header === undefined) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
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

/** Why a body could not be read, or the body itself. */
type BodyRead = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly tooLarge: true };

function readBody(req: IncomingMessage, limit: number): Promise<BodyRead> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > limit) {
      resolve({ ok: false, tooLarge: true });
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    req.on('data', (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size > limit) {
        done = true;
        resolve({ ok: false, tooLarge: true });
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (done) return;
      done = true;
      resolve({ ok: true, text: Buffer.concat(chunks).toString('utf8') });
    });
    req.on('error', (error) => {
      if (done) return;
      done = true;
      reject(error);
    });
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
  const root = await realpath(path.resolve(options.rendererDir));
  const streams = new Set<ServerResponse>();
  let port = 0;

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
    const body = await readBody(req, limit);
    if (!body.ok) {
      const megabytes = limit / 1024 / 1024;
      const message = UPLOAD_CHANNELS.has(channel)
        ? `Refused: the request is larger than ${megabytes} MB, the most the browser preview accepts in one save. Save fewer attachments at a time.\n`
        : `Refused: the request body is larger than ${limit} bytes.\n`;
      sendText(res, 413, message, { Connection: 'close' });
      req.resume();
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
    sendJson(res, await dispatch(backend.handlers, channel, input, options.logError));
  }

  function serveEvents(req: IncomingMessage, res: ServerResponse): void {
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
    });
    res.write('retry: 2000\n\n');
    streams.add(res);
    const unsubscribe = EVENTS.map((name) =>
      backend.on(name, (payload: EventPayloads[typeof name]) => {
        res.write(`event: ${name}\ndata: ${JSON.stringify(payload)}\n\n`);
      }),
    );
    // A comment now and then keeps proxies and idle timers from closing the stream.
    const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), 25_000);
    heartbeat.unref();
    const stop = (): void => {
      clearInterval(heartbeat);
      for (const off of unsubscribe) off();
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

    const givenToken = url.searchParams.get('token');
    if (givenToken !== null) {
      if (method !== 'GET' || !sameSecret(givenToken, token)) {
        sendText(res, 401, UNAUTHORISED_MESSAGE);
        return;
      }
      // Trade the token in the address for a cookie, and drop it from the address bar and history.
      url.searchParams.delete('token');
      const location = url.pathname + url.search;
      res.writeHead(303, {
        'Set-Cookie': `${TOKEN_COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`,
        Location: location,
        'Cache-Control': 'no-store',
      });
      res.end();
      return;
    }
    const cookie = cookieValue(req.headers.cookie, TOKEN_COOKIE);
    if (cookie === undefined || !sameSecret(cookie, token)) {
      sendText(res, 401, UNAUTHORISED_MESSAGE);
      return;
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

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      (options.logError ?? ((where, e) => console.error(`[${where}]`, e)))('web host', error);
      if (!res.headersSent) sendText(res, 500, 'Something went wrong in the web host; see its terminal.\n');
      else res.end();
    });
  });
  // Requests must arrive promptly; an event stream has no such limit once open.
  server.requestTimeout = 30_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
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
        for (const res of streams) res.end();
        streams.clear();
        server.closeIdleConnections();
        // Replies already on their way get a moment to finish; then every connection goes.
        setTimeout(() => server.closeAllConnections(), 500).unref();
      }),
  };
}
