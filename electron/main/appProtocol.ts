/**
 * The `app://` scheme the renderer is loaded from. A custom privileged scheme
 * (rather than `file://`) gives the page a real origin, so the CSP and the
 * sender check in the IPC binding can name it, and the handler can refuse
 * every path outside the renderer bundle.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { CustomScheme, Protocol } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../../shared/contract/csp.ts';

/** The scheme name, without the colon. */
export const APP_SCHEME = 'app';

/** The one host the scheme serves: the renderer bundle. */
export const APP_HOST = 'bundle';

/** The page the window loads. */
export const APP_ENTRY_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/** The Content-Security-Policy of every response: the app's one policy, from shared/contract/csp.ts. */
export { CONTENT_SECURITY_POLICY };

/**
 * How the scheme is registered. `standard` gives it origins and relative URLs,
 * `secure` makes it a secure context, `supportFetchAPI` lets the page fetch its
 * own assets. Never `bypassCSP`: the CSP header must bind. Not `corsEnabled`:
 * the page loads its module scripts from its own origin, and leaving it unset
 * keeps app:// unreadable from any other origin.
 */
export const APP_SCHEME_PRIVILEGES: CustomScheme = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true },
};

/** Must run before the app's `ready` event: Electron ignores it afterwards. */
export function registerAppScheme(protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);
}

/** Why a URL was not mapped to a file. */
export type RefusedUrl = { readonly refused: 'not_app_url' | 'bad_path' };

/**
 * Maps an `app://bundle/...` URL to a file inside `root`, or says why not.
 * Each path segment is decoded once and must be a plain name: no `..`, no
 * separators, no drive letters, no NUL and no leftover `%` (a double-encoded
 * segment is never a file our bundle ships). The result is checked to lie
 * inside `root` as well, so a mistake above cannot escape it.
 */
export function resolveAppUrlToFile(url: string, root: string): { readonly file: string } | RefusedUrl {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { refused: 'not_app_url' };
  }
  // Chromium lower-cases the host of a standard scheme; Node's URL does not.
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.hostname.toLowerCase() !== APP_HOST) {
    return { refused: 'not_app_url' };
  }
  if (parsed.username !== '' || parsed.password !== '' || parsed.port !== '') return { refused: 'not_app_url' };

  const rawSegments = parsed.pathname.split('/').slice(1);
  // A trailing slash (or the bare origin) means the folder's index page.
  if (rawSegments.length === 0 || rawSegments[rawSegments.length - 1] === '') {
    rawSegments.splice(-1, 1, 'index.html');
  }
  const segments: string[] = [];
  for (const raw of rawSegments) {
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return { refused: 'bad_path' };
    }
    if (
      segment === '' ||
      segment === '.' ||
      segment === '..' ||
      /[/\\:%\0]/.test(segment) ||
      // Windows ignores trailing dots and spaces, so `..` could hide as `.. ` or `...`.
      /^\.+\s*$/.test(segment) ||
      /[. ]$/.test(segment)
    ) {
      return { refused: 'bad_path' };
    }
    segments.push(segment);
  }
  const base = path.resolve(root);
  const file = path.resolve(base, ...segments);
  const relative = path.relative(base, file);
  if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) return { refused: 'bad_path' };
  return { file };
}

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
};

/** Headers every answer carries, errors included: the CSP binds whatever is shown. */
function securityHeaders(contentType: string): Headers {
  return new Headers({
    'Content-Type': contentType,
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cache-Control': 'no-cache',
  });
}

function plain(status: number, text: string): Response {
  return new Response(text, { status, headers: securityHeaders('text/plain; charset=utf-8') });
}

/** Reads a file; injected so tests can count what was read. */
export type FileReader = (file: string) => Promise<Uint8Array>;

function isMissing(error: unknown): boolean {
  const code = error instanceof Error && 'code' in error ? error.code : undefined;
  return code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR';
}

/**
 * The `protocol.handle` handler for `app://`: serves files of the renderer
 * bundle at `root` with the CSP header, and nothing else. The renderer routes
 * by hash (`#/settings`), so there is no fallback to the index page: a path
 * that is not a file is a 404.
 */
export function createAppRequestHandler(
  root: string,
  read: FileReader = (file) => readFile(file),
): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405, 'Method not allowed');
    const resolved = resolveAppUrlToFile(request.url, root);
    if ('refused' in resolved) return plain(resolved.refused === 'not_app_url' ? 404 : 400, 'Not found');
    let body: Uint8Array;
    try {
      body = await read(resolved.file);
    } catch (error) {
      return isMissing(error) ? plain(404, 'Not found') : plain(500, 'The file could not be read');
    }
    const type = CONTENT_TYPES[path.extname(resolved.file).toLowerCase()] ?? 'application/octet-stream';
    return new Response(request.method === 'HEAD' ? null : body, { status: 200, headers: securityHeaders(type) });
  };
}

/** Serves `app://` from the renderer bundle; call once the app is ready. */
export function serveAppProtocol(protocol: Pick<Protocol, 'handle'>, root: string, read?: FileReader): void {
  protocol.handle(APP_SCHEME, createAppRequestHandler(root, read));
}

/** True for a URL of the app's own page (any path under `app://bundle/`). */
export function isAppUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.hostname.toLowerCase() === APP_HOST;
  } catch {
    return false;
  }
}
