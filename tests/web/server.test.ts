/**
 * The web host against the real backend on real temp folders: who it lets in
 * (token header, never a cookie; Origin, Host), what it serves (CSP, no path
 * traversal, the SPA fallback), the contract over POST /rpc and events over
 * SSE, and the bounds on its resources (streams, connections, slow and
 * oversized bodies).
 */
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { connect, type Socket } from 'node:net';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openBackend, type Backend } from '../../electron/backend/backend.ts';
import {
  CONTENT_SECURITY_POLICY,
  MAX_BODY_BYTES,
  MAX_CONNECTIONS,
  MAX_EVENT_STREAMS,
  MAX_UPLOAD_BODY_BYTES,
  startWebHost,
  type WebHost,
} from '../../electron/web/server.ts';
import { WEB_UPLOAD_LIMIT_BYTES } from '../../renderer/src/features/papers/uploadLimits.ts';
import { MAX_ATTACHMENT_BYTES } from '../../shared/schema/papers.ts';

interface Reply {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

interface RequestOptions {
  readonly method?: string;
  readonly headers?: Record<string, string>;
  readonly body?: string | Buffer;
}

/** A raw HTTP request: the path is sent exactly as given (no normalising of `..`). */
function send(host: WebHost, rawPath: string, options: RequestOptions = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: '127.0.0.1', port: host.port, path: rawPath, method: options.method ?? 'GET', headers: options.headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

const dirs: string[] = [];
let backend: Backend | undefined;
let host: WebHost;
let dataDir: string;
/** The header that carries the token, as the page sends it. */
let auth: Record<string, string>;

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'boardkeeper-web-'));
  dirs.push(dir);
  return dir;
}

/** A small stand-in for dist/renderer, with a secret file beside it that must never be served. */
async function rendererFolder(): Promise<string> {
  const root = await tempDir();
  const renderer = path.join(root, 'renderer');
  await mkdir(path.join(renderer, 'assets'), { recursive: true });
  await writeFile(
    path.join(renderer, 'index.html'),
    '<!doctype html><title>Boardkeeper test</title><div id="root"></div>',
  );
  await writeFile(path.join(renderer, 'assets', 'app.js'), 'console.log("app");');
  await writeFile(path.join(root, 'secret.txt'), 'TOP SECRET');
  return renderer;
}

async function startAll(requestTimeoutMs?: number): Promise<void> {
  dataDir = await tempDir();
  await openAll(requestTimeoutMs);
}

/** Opens the backend on `dataDir` and a web host over it (`requestTimeoutMs` for the host, when given). */
async function openAll(requestTimeoutMs?: number): Promise<void> {
  backend = await openBackend({
    dataDir,
    platform: { openPath: async () => false, quit: () => undefined },
    logError: () => undefined,
  });
  host = await startWebHost({
    backend,
    port: 0,
    rendererDir: await rendererFolder(),
    logError: () => undefined,
    ...(requestTimeoutMs === undefined ? {} : { requestTimeoutMs }),
  });
  auth = { Authorization: `Bearer ${host.token}` };
}

function rpc(channel: string, input: unknown, headers: Record<string, string> = {}): Promise<Reply> {
  return send(host, `/rpc/${channel}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...auth, ...headers },
    body: JSON.stringify(input),
  });
}

beforeEach(() => startAll());

afterEach(async () => {
  await host.close();
  await backend?.close();
  backend = undefined;
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

describe('who the web host lets in', () => {
  it('prints a URL on 127.0.0.1 that carries a long random token', () => {
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]{43}$/);
    expect(host.url).toContain(host.token);
  });

  it('refuses a call or the event stream without the token with 401 and says to open the printed URL', async () => {
    for (const reply of [await rpc('settings:get', {}, { Authorization: '' }), await send(host, '/events')]) {
      expect(reply.status).toBe(401);
      expect(reply.body).toContain('npm run web');
      expect(reply.body).not.toContain(host.token);
    }
  });

  it('serves the page itself without the token: it holds no data, and takes the token from its address', async () => {
    const page = await send(host, '/');
    expect(page.status).toBe(200);
    expect(page.body).toContain('Boardkeeper test');
    const withToken = await send(host, `/?token=${host.token}`);
    expect(withToken.status).toBe(200);
  });

  it('refuses a wrong token, in the address or in the header', async () => {
    const stale = await send(host, '/?token=not-the-token');
    expect(stale.status).toBe(401);
    expect(stale.body).toContain('not this run');
    expect((await send(host, `/?token=${host.token}x`)).status).toBe(401);
    expect((await rpc('settings:get', {}, { Authorization: 'Bearer not-the-token' })).status).toBe(401);
    expect((await rpc('settings:get', {}, { Authorization: `Bearer ${host.token.slice(1)}` })).status).toBe(401);
    expect((await rpc('settings:get', {}, { Authorization: `Basic ${host.token}` })).status).toBe(401);
    expect((await rpc('settings:get', {}, { Authorization: `Bearer ${host.token} extra` })).status).toBe(401);
  });

  it('never sets a cookie and does not take the token from one (a cookie goes to every port of 127.0.0.1)', async () => {
    for (const reply of [
      await send(host, `/?token=${host.token}`),
      await send(host, `/settings?token=${host.token}`),
    ]) {
      expect(reply.headers['set-cookie']).toBeUndefined();
    }
    const byCookie = await rpc('settings:get', {}, { Authorization: '', Cookie: `bk_token=${host.token}` });
    expect(byCookie.status).toBe(401);
    expect((await send(host, '/events', { headers: { Cookie: `bk_token=${host.token}` } })).status).toBe(401);
  });

  it('refuses a request from a foreign Origin with 403, even with the right token', async () => {
    const evil = await rpc('settings:update', { boardName: 'Pwned' }, { Origin: 'http://evil.example' });
    expect(evil.status).toBe(403);
    expect((await rpc('settings:get', {}, { Origin: 'null' })).status).toBe(403);
    expect((await rpc('settings:get', {}, { Origin: `http://127.0.0.1:${host.port + 1}` })).status).toBe(403);
    const settings = await rpc('settings:get', {});
    expect(JSON.parse(settings.body)).toMatchObject({ ok: true, value: { boardName: 'My board' } });
  });

  it('accepts its own origin, by address or by localhost', async () => {
    expect((await rpc('settings:get', {}, { Origin: host.origin })).status).toBe(200);
    const local = await rpc(
      'settings:get',
      {},
      { Origin: `http://localhost:${host.port}`, Host: `localhost:${host.port}` },
    );
    expect(local.status).toBe(200);
  });

  it('refuses a Host header that is not its own (DNS rebinding)', async () => {
    for (const hostHeader of [`evil.example:${host.port}`, 'evil.example', `127.0.0.1:${host.port + 1}`, '127.0.0.1']) {
      const reply = await send(host, '/rpc/settings:get', { method: 'POST', headers: { Host: hostHeader, ...auth } });
      expect(reply.status, hostHeader).toBe(403);
    }
  });

  it('refuses methods it does not serve', async () => {
    expect((await send(host, '/rpc/settings:get', { headers: auth })).status).toBe(405);
    expect((await send(host, '/', { method: 'POST', headers: auth })).status).toBe(405);
    expect((await send(host, '/', { method: 'DELETE', headers: auth })).status).toBe(405);
    expect((await send(host, '/events', { method: 'POST', headers: auth })).status).toBe(405);
    expect((await send(host, '/events', { method: 'HEAD', headers: auth })).status).toBe(405);
  });
});

describe('what the web host serves', () => {
  it('puts the strict CSP and the other safety headers on HTML and rpc responses', async () => {
    const page = await send(host, '/', { headers: auth });
    const call = await rpc('store:status', {});
    const refused = await send(host, '/events');
    expect(refused.status).toBe(401);
    for (const reply of [page, call, refused]) {
      expect(reply.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
      expect(reply.headers['x-content-type-options']).toBe('nosniff');
      expect(reply.headers['referrer-policy']).toBe('no-referrer');
    }
    expect(CONTENT_SECURITY_POLICY).toBe(
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    );
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(call.headers['cache-control']).toBe('no-store');
  });

  it('serves assets, falls back to index.html for app routes, and 404s a missing asset', async () => {
    const asset = await send(host, '/assets/app.js', { headers: auth });
    expect(asset.status).toBe(200);
    expect(asset.headers['content-type']).toBe('text/javascript; charset=utf-8');
    const route = await send(host, '/settings/backups', { headers: auth });
    expect(route.status).toBe(200);
    expect(route.body).toContain('Boardkeeper test');
    expect((await send(host, '/assets/missing.js', { headers: auth })).status).toBe(404);
  });

  it('refuses paths that lead outside the renderer folder', async () => {
    const attempts = [
      '/../secret.txt',
      '/%2e%2e/secret.txt',
      '/%2E%2E/secret.txt',
      '/assets/../../secret.txt',
      '/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
      '/..%2fsecret.txt',
      '/..%5csecret.txt',
      '/%00index.html',
      '/%E0%A4%A',
    ];
    for (const attempt of attempts) {
      const reply = await send(host, attempt, { headers: auth });
      expect(reply.status, attempt).toBeGreaterThanOrEqual(400);
      expect(reply.body, attempt).not.toContain('TOP SECRET');
    }
  });
});

describe('the contract over POST /rpc', () => {
  it('answers invalid input with ok:false naming the field', async () => {
    const reply = await rpc('settings:update', { boardName: '' });
    expect(reply.status).toBe(200);
    const result: unknown = JSON.parse(reply.body);
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', details: { issues: [{ field: 'boardName', message: 'is required' }] } },
    });
  });

  it('answers a field it does not know, and a body that is not JSON, with invalid_input', async () => {
    expect(JSON.parse((await rpc('settings:update', { colour: 'red' })).body)).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    const notJson = await send(host, '/rpc/settings:update', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...auth },
      body: '{"boardName":',
    });
    expect(notJson.status).toBe(200);
    expect(JSON.parse(notJson.body)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('answers an unknown channel with ok:false unknown_channel, still as HTTP 200', async () => {
    const reply = await rpc('settings:explode', {});
    expect(reply.status).toBe(200);
    expect(JSON.parse(reply.body)).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
  });

  it('refuses a body over the limit with 413', async () => {
    const reply = await send(host, '/rpc/settings:update', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...auth },
      body: JSON.stringify({ boardName: 'x'.repeat(MAX_BODY_BYTES) }),
    });
    expect(reply.status).toBe(413);
  });

  it('takes a paper with an attachment at the 25 MB limit, and refuses a larger request with a reason', async () => {
    const attachment = Buffer.alloc(MAX_ATTACHMENT_BYTES, 0x25).toString('base64');
    expect(attachment.length).toBeGreaterThan(MAX_BODY_BYTES * 30);
    const reply = await rpc('papers:create', {
      reference: 'PAP-BIG',
      title: 'Scanned appendix',
      date: '2026-06-10',
      attachments: [{ name: 'appendix.pdf', type: 'application/pdf', dataBase64: attachment }],
    });
    expect(reply.status).toBe(200);
    const saved = JSON.parse(reply.body) as { ok: boolean; value: { id: string } };
    expect(saved.ok).toBe(true);
    const paper = JSON.parse((await rpc('papers:get', { id: saved.value.id })).body) as {
      value: { attachments: Array<{ name: string; bytes: number }> };
    };
    expect(paper.value.attachments).toEqual([
      expect.objectContaining({ name: 'appendix.pdf', bytes: MAX_ATTACHMENT_BYTES }),
    ]);

    const tooLarge = await send(host, '/rpc/papers:update', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...auth },
      body: JSON.stringify({
        id: saved.value.id,
        addAttachments: [{ name: 'huge.pdf', dataBase64: 'A'.repeat(MAX_UPLOAD_BODY_BYTES) }],
      }),
    });
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.body).toMatch(/larger than 40 MB.*Save fewer attachments at a time/);
  });

  it('keeps the 1 MB limit on every other channel, and the renderer knows the upload limit', async () => {
    const reply = await send(host, '/rpc/meetings:create', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...auth },
      body: JSON.stringify({ title: 'x'.repeat(MAX_BODY_BYTES + 10), date: '2026-06-24' }),
    });
    expect(reply.status).toBe(413);
    expect(WEB_UPLOAD_LIMIT_BYTES).toBe(MAX_UPLOAD_BODY_BYTES);
  });

  it('saves a change through the real backend, into the journal on disk', async () => {
    const reply = await rpc('settings:update', { boardName: 'Police and Crime Board' });
    expect(JSON.parse(reply.body)).toMatchObject({ ok: true, value: { boardName: 'Police and Crime Board' } });
    const again = await rpc('settings:get', {});
    expect(JSON.parse(again.body)).toMatchObject({ ok: true, value: { boardName: 'Police and Crime Board' } });
  });
});

describe('a create sent again after a lost reply', () => {
  it('is answered with the first result (the same record), not a second record', async () => {
    const requestId = 'AbCdEfGhIjKlMnOpQrStUv';
    const input = { title: 'Board meeting', date: '2027-06-24' };
    // The first try: the connection drops before the reply is read (the backend saves anyway).
    await new Promise<void>((resolve) => {
      const req = httpRequest({
        host: '127.0.0.1',
        port: host.port,
        path: '/rpc/meetings:create',
        method: 'POST',
        headers: { ...auth, 'Content-Type': 'application/json', 'X-Request-Id': requestId },
      });
      req.on('error', () => resolve());
      req.end(JSON.stringify(input), () =>
        setTimeout(() => {
          req.destroy();
          resolve();
        }, 200),
      );
    });
    const first = JSON.parse((await rpc('meetings:create', input, { 'X-Request-Id': requestId })).body) as {
      ok: boolean;
      value: { id: string };
    };
    const again = JSON.parse((await rpc('meetings:create', input, { 'X-Request-Id': requestId })).body) as {
      value: { id: string };
    };
    expect(first.ok).toBe(true);
    expect(again.value.id).toBe(first.value.id);
    const list = JSON.parse((await rpc('meetings:list', { page: 0, pageSize: 10 })).body) as {
      value: { total: number };
    };
    expect(list.value.total).toBe(1);
    // Another id is another create.
    const other = JSON.parse(
      (await rpc('meetings:create', input, { 'X-Request-Id': 'ZyXwVuTsRqPoNmLkJiHgFe' })).body,
    ) as {
      value: { id: string };
    };
    expect(other.value.id).not.toBe(first.value.id);
  });
});

describe('events over GET /events', () => {
  it('delivers data:changed after a settings:update', async () => {
    const received = new Promise<string>((resolve, reject) => {
      const req = httpRequest(
        {
          host: '127.0.0.1',
          port: host.port,
          path: '/events',
          headers: { ...auth, Accept: 'text/event-stream' },
        },
        (res) => {
          expect(res.statusCode).toBe(200);
          expect(res.headers['content-type']).toBe('text/event-stream; charset=utf-8');
          let buffer = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => {
            buffer += chunk;
            const at = buffer.indexOf('event: data:changed\n');
            if (at >= 0 && buffer.indexOf('\n\n', at) > 0) {
              req.destroy();
              resolve(buffer.slice(at, buffer.indexOf('\n\n', at)));
            }
          });
          // Once the stream is open, make a change.
          void rpc('settings:update', { boardName: 'Evented board' });
        },
      );
      req.on('error', reject);
      req.end();
    });
    const event = await received;
    const data = event.split('\n').find((line) => line.startsWith('data: '));
    expect(JSON.parse(data?.slice('data: '.length) ?? 'null')).toMatchObject({ seq: 1, targets: ['settings'] });
  });
});

/** Opens an event stream and resolves with its status once the reply starts; the request stays open. */
function openStream(): Promise<{ status: number; close: () => void }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: '127.0.0.1', port: host.port, path: '/events', headers: { ...auth, Accept: 'text/event-stream' } },
      (res) => {
        res.resume();
        resolve({ status: res.statusCode ?? 0, close: () => req.destroy() });
      },
    );
    req.on('error', reject);
    req.end();
  });
}

/** A raw TCP connection to the host, resolved once connected. */
function rawSocket(): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(host.port, '127.0.0.1', () => resolve(socket));
    socket.on('error', reject);
  });
}

/** Everything a raw socket receives until the server closes it (or `ms` pass), and whether it was closed. */
function readUntilClosed(socket: Socket, ms: number): Promise<{ text: string; closed: boolean }> {
  return new Promise((resolve) => {
    let text = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (text += chunk));
    const timer = setTimeout(() => resolve({ text, closed: false }), ms);
    socket.on('close', () => {
      clearTimeout(timer);
      resolve({ text, closed: true });
    });
    socket.on('error', () => undefined);
  });
}

describe('the bounds on the host’s resources', () => {
  it(`keeps at most ${MAX_EVENT_STREAMS} event streams, answers the next with 503 and a reason, and never warns of a listener leak`, async () => {
    const warnings: string[] = [];
    const onWarning = (warning: Error): void => void warnings.push(warning.name);
    process.on('warning', onWarning);
    try {
      const streams = await Promise.all(Array.from({ length: MAX_EVENT_STREAMS }, () => openStream()));
      expect(streams.map((s) => s.status)).toEqual(streams.map(() => 200));
      const refused = await send(host, '/events', { headers: auth });
      expect(refused.status).toBe(503);
      expect(refused.body).toContain('Close the tabs you no longer need');
      // One closes: a new one is let in.
      streams[0]?.close();
      await new Promise((resolve) => setTimeout(resolve, 100));
      const next = await openStream();
      expect(next.status).toBe(200);
      for (const stream of [...streams, next]) stream.close();
      expect(warnings).not.toContain('MaxListenersExceededWarning');
    } finally {
      process.off('warning', onWarning);
    }
  });

  it(`drops connections past ${MAX_CONNECTIONS}`, async () => {
    const sockets = await Promise.all(Array.from({ length: MAX_CONNECTIONS }, () => rawSocket()));
    await new Promise((resolve) => setTimeout(resolve, 100));
    const extra = await rawSocket();
    const seen = await readUntilClosed(extra, 3000);
    expect(seen.closed).toBe(true);
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect((await rpc('store:status', {})).status).toBe(200);
  });

  it('answers a request whose body stalls with 408 and drops it within the stated timeout', async () => {
    await host.close();
    await backend?.close();
    await startAll(600);
    const socket = await rawSocket();
    const started = Date.now();
    socket.write(
      `POST /rpc/settings:update HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\nAuthorization: Bearer ${host.token}\r\n` +
        'Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{"boardName":',
    );
    const seen = await readUntilClosed(socket, 5000);
    expect(seen.closed).toBe(true);
    expect(seen.text).toMatch(/^HTTP\/1\.1 408/);
    expect(seen.text).toContain('did not arrive in full within 0.6 s');
    expect(Date.now() - started).toBeLessThan(2500);
  });

  it('answers an upload over the limit with the 413 explanation even while the client is still sending', async () => {
    for (const declared of [true, false]) {
      const chunk = Buffer.alloc(1024 * 1024, 0x41);
      // Far past the limit: the old host closed the connection under such a client (EPIPE).
      const total = 300 * chunk.length;
      const reply = await new Promise<Reply>((resolve, reject) => {
        const req = httpRequest(
          {
            host: '127.0.0.1',
            port: host.port,
            path: '/rpc/papers:create',
            method: 'POST',
            headers: {
              ...auth,
              'Content-Type': 'application/json',
              ...(declared ? { 'Content-Length': String(total) } : {}),
            },
          },
          (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (c: Buffer) => chunks.push(c));
            res.on('end', () =>
              resolve({
                status: res.statusCode ?? 0,
                headers: res.headers,
                body: Buffer.concat(chunks).toString('utf8'),
              }),
            );
          },
        );
        req.on('error', reject);
        let sent = 0;
        const pump = (): void => {
          while (sent < total) {
            sent += chunk.length;
            if (!req.write(chunk)) {
              req.once('drain', pump);
              return;
            }
          }
          req.end();
        };
        pump();
      });
      expect(reply.status, declared ? 'with Content-Length' : 'chunked').toBe(413);
      expect(reply.body).toContain('Save fewer attachments at a time');
    }
  });
});

describe('when the data is corrupt', () => {
  it('still serves the app and the status, and refuses writes', async () => {
    await host.close();
    await backend?.close();
    await writeFile(path.join(dataDir, 'db.json'), '{"schemaVersion": 1, "settings": ');
    await openAll();

    expect((await send(host, '/', { headers: auth })).status).toBe(200);
    const status: unknown = JSON.parse((await rpc('store:status', {})).body);
    expect(status).toMatchObject({ ok: true, value: { status: 'failed', problem: { file: 'db.json' } } });
    const write: unknown = JSON.parse((await rpc('settings:update', { boardName: 'Over corrupt data' })).body);
    expect(write).toMatchObject({ ok: false, error: { code: 'store_unavailable' } });
  });
});
