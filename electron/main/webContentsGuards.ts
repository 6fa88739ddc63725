/**
 * What a page may make the app do beyond itself: nothing, except hand an
 * `https:` or `mailto:` link to the system. Applied to every webContents
 * (Electron security checklist items 5, 13, 14 and 15).
 */
import type { Session, WindowOpenHandlerResponse } from 'electron';
import { isAppUrl } from './appProtocol.ts';

/**
 * The URL to give `shell.openExternal`, or null when it must not be opened.
 * Parsed with `URL` (never matched as a string) and re-serialised, so what
 * reaches the OS is what was checked. `https:` needs a host and no
 * credentials (`https://bank.example@evil.example/` hides its real host).
 */
export function externalUrlToOpen(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol === 'mailto:') return parsed.href;
  if (parsed.protocol === 'https:' && parsed.hostname !== '' && parsed.username === '' && parsed.password === '') {
    return parsed.href;
  }
  return null;
}

/** True when a link may be opened in the user's browser or mail program. */
export function isAllowedExternal(url: string): boolean {
  return externalUrlToOpen(url) !== null;
}

/** Opens a URL outside the app; injected so tests can record it. */
export type OpenExternal = (url: string) => Promise<void>;

/** An event that can be cancelled, with the URL it is about. */
export interface NavigationEvent {
  readonly url: string;
  preventDefault(): void;
}

/** The part of `WebContents` the guards use (the real one satisfies it). */
export interface GuardableContents {
  on(event: 'will-navigate', listener: (event: NavigationEvent) => void): unknown;
  on(event: 'will-redirect', listener: (event: NavigationEvent) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: { preventDefault(): void }) => void): unknown;
  setWindowOpenHandler(handler: (details: { readonly url: string }) => WindowOpenHandlerResponse): void;
}

/** Decides a navigation: stay only on the app's own page. */
export function navigationVerdict(url: string): 'allow' | 'block' {
  return isAppUrl(url) ? 'allow' : 'block';
}

/**
 * Blocks navigation away from the app, denies every new window and webview,
 * and sends allowed links to the system instead. `logError` hears about a
 * link the system failed to open, so a failure is never silent.
 */
export function guardWebContents(
  contents: GuardableContents,
  openExternal: OpenExternal,
  logError: (where: string, error: unknown) => void,
): void {
  const openOutside = (url: string): void => {
    const safe = externalUrlToOpen(url);
    if (safe === null) return;
    openExternal(safe).catch((error: unknown) => logError('openExternal', error));
  };
  contents.on('will-navigate', (event) => {
    if (navigationVerdict(event.url) === 'allow') return;
    event.preventDefault();
    openOutside(event.url);
  });
  // A server redirect is a navigation too; our scheme never redirects, so any is foreign.
  contents.on('will-redirect', (event) => {
    if (navigationVerdict(event.url) === 'block') event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    openOutside(url);
    return { action: 'deny' };
  });
}

/** The part of `Session` whose permission handlers are set. */
export type PermissionSession = Pick<
  Session,
  'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler'
>;

/**
 * The one permission the page may have: writing to the clipboard, which
 * "Copy as text" does with `navigator.clipboard.writeText` (Chromium asks for
 * `clipboard-sanitized-write`). Reading the clipboard stays denied.
 */
export const PAGE_PERMISSIONS: ReadonlySet<string> = new Set(['clipboard-sanitized-write']);

/** Whether `permission` may be granted to a frame at `url`: only those above, only for the app's own page. */
export function permissionVerdict(permission: string, url: string | undefined): boolean {
  return PAGE_PERMISSIONS.has(permission) && url !== undefined && isAppUrl(url);
}

/**
 * Denies every permission request and check (camera, notifications from the
 * page, geolocation, devices, reading the clipboard...) except
 * PAGE_PERMISSIONS for the app's own origin: OS notifications come from main,
 * not from the web Notification API.
 */
export function restrictPermissions(session: PermissionSession): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) =>
    callback(permissionVerdict(permission, details.requestingUrl)),
  );
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin) =>
    permissionVerdict(permission, requestingOrigin),
  );
  session.setDevicePermissionHandler(() => false);
}
