import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  APP_ENTRY_URL,
  APP_SCHEME_PRIVILEGES,
  CONTENT_SECURITY_POLICY,
  createAppRequestHandler,
  isAppUrl,
  registerAppScheme,
  resolveAppUrlToFile,
  serveAppProtocol,
} from '../../electron/main/appProtocol.ts';
import { protocol } from './fakeElectron.ts';

const SECRET = 'root:x:0:0:secret outside the bundle';
let work: string;
let root: string;

beforeAll(async () => {
  // A bundle folder with a secret file beside it, where a traversal would land.
  work = await mkdtemp(path.join(tmpdir(), 'bk-protocol-'));
  root = path.join(work, 'renderer');
  await mkdir(path.join(root, 'assets'), { recursive: true });
  await writeFile(path.join(root, 'index.html'), '<!doctype html><title>Boardkeeper</title>');
  await writeFile(path.join(root, 'assets', 'app-1a2b.js'), 'console.log(1)');
  await writeFile(path.join(work, 'passwd'), SECRET);
  await mkdir(path.join(work, 'etc'), { recursive: true });
  await writeFile(path.join(work, 'etc', 'passwd'), SECRET);
});

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

const handler = () => createAppRequestHandler(root);
const get = (url: string) => handler()(new Request(url));

describe('the app:// scheme registration', () => {
  it('is standard, secure and fetch-capable, and never bypasses the CSP', () => {
    expect(APP_SCHEME_PRIVILEGES.scheme).toBe('app');
    expect(APP_SCHEME_PRIVILEGES.privileges).toEqual({ standard: true, secure: true, supportFetchAPI: true });
    expect(APP_SCHEME_PRIVILEGES.privileges?.bypassCSP).toBeUndefined();
    registerAppScheme(protocol);
    expect(protocol.privileged.at(-1)?.schemes).toEqual([APP_SCHEME_PRIVILEGES]);
  });
});

describe('resolveAppUrlToFile', () => {
  it('maps app://bundle/ paths into the bundle folder', () => {
    expect(resolveAppUrlToFile('app://bundle/index.html', root)).toEqual({ file: path.join(root, 'index.html') });
    expect(resolveAppUrlToFile('app://bundle/', root)).toEqual({ file: path.join(root, 'index.html') });
    expect(resolveAppUrlToFile('app://bundle', root)).toEqual({ file: path.join(root, 'index.html') });
    expect(resolveAppUrlToFile('app://bundle/assets/app-1a2b.js?v=1#x', root)).toEqual({
      file: path.join(root, 'assets', 'app-1a2b.js'),
    });
  });

  it.each([
    'app://bundle/%2e%2e%2f%2e%2e%2fetc%2fpasswd',
    'app://bundle/%2E%2E%2Fpasswd',
    'app://bundle/..%2fpasswd',
    'app://bundle/%252e%252e%252fpasswd',
    'app://bundle/%2fetc%2fpasswd',
    'app://bundle//etc/passwd',
    'app://bundle/C:/Windows/win.ini',
    'app://bundle/C%3a%5cWindows%5cwin.ini',
    'app://bundle/..%5c..%5cpasswd',
    'app://bundle/assets/%00.js',
    'app://bundle/.../passwd',
    'app://bundle/index.html.',
    'app://bundle/%E0%A4%A',
  ])('refuses %s', (url) => {
    expect(resolveAppUrlToFile(url, root)).toEqual({ refused: 'bad_path' });
  });

  it('keeps dot segments that URL parsing resolves inside the bundle', () => {
    // `..` is resolved by the URL parser before the handler sees it (as
    // Chromium does for a standard scheme): it cannot climb above the root.
    expect(resolveAppUrlToFile('app://bundle/../../etc/passwd', root)).toEqual({
      file: path.join(root, 'etc', 'passwd'),
    });
  });

  it.each([
    'app://other/index.html',
    'file:///etc/passwd',
    'https://bundle/index.html',
    'app://user@bundle/x',
    'not a url',
  ])('refuses %s as not the app', (url) => {
    expect(resolveAppUrlToFile(url, root)).toEqual({ refused: 'not_app_url' });
  });

  it('accepts the host in any case, as Chromium lower-cases it', () => {
    expect(isAppUrl('app://BUNDLE/index.html')).toBe(true);
    expect(isAppUrl(APP_ENTRY_URL)).toBe(true);
    expect(isAppUrl('app://bundle.evil/index.html')).toBe(false);
  });
});

describe('the app:// request handler', () => {
  it('serves the page with the strict CSP and nosniff', async () => {
    const response = await get('app://bundle/index.html');
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<title>Boardkeeper</title>');
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('sends exactly the CSP of docs/architecture.md', () => {
    expect(CONTENT_SECURITY_POLICY).toBe(
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    );
  });

  it('serves assets with their type', async () => {
    const response = await get('app://bundle/assets/app-1a2b.js');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
  });

  it.each([
    'app://bundle/../../etc/passwd',
    'app://bundle/../passwd',
    'app://bundle/%2e%2e/%2e%2e/etc/passwd',
    'app://bundle/%2e%2e%2f%2e%2e%2fetc%2fpasswd',
    'app://bundle/%252e%252e%252fpasswd',
    'app://bundle//etc/passwd',
    'app://bundle/%2Fetc%2Fpasswd',
    'app://bundle/..%5cpasswd',
  ])('never serves a file outside the bundle for %s', async (url) => {
    const response = await get(url);
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(await response.text()).not.toContain(SECRET);
    // Errors carry the CSP too: whatever is shown is bound by it.
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
  });

  it('refuses an absolute path encoded into the URL', async () => {
    const url = `app://bundle/${encodeURIComponent(path.join(work, 'passwd'))}`;
    expect(resolveAppUrlToFile(url, root)).toEqual({ refused: 'bad_path' });
    expect((await get(url)).status).toBe(400);
  });

  it('answers 404 for a missing file, with no fallback to the index (the renderer routes by hash)', async () => {
    expect((await get('app://bundle/assets/missing.js')).status).toBe(404);
    expect((await get('app://bundle/settings')).status).toBe(404);
  });

  it('refuses other hosts and methods other than GET and HEAD', async () => {
    expect((await get('app://other/index.html')).status).toBe(404);
    const post = await handler()(new Request('app://bundle/index.html', { method: 'POST', body: 'x' }));
    expect(post.status).toBe(405);
    const head = await handler()(new Request('app://bundle/index.html', { method: 'HEAD' }));
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it('reads nothing for a refused path', async () => {
    const read: string[] = [];
    const spyHandler = createAppRequestHandler(root, async (file) => {
      read.push(file);
      throw Object.assign(new Error('missing'), { code: 'ENOENT' });
    });
    await spyHandler(new Request('app://bundle/%2e%2e%2fpasswd'));
    expect(read).toEqual([]);
  });

  it('is what serveAppProtocol registers for app:', async () => {
    serveAppProtocol(protocol, root);
    const response = await protocol.fetch('app://bundle/index.html');
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
  });
});
