import { describe, expect, it } from 'vitest';
import {
  externalUrlToOpen,
  guardWebContents,
  isAllowedExternal,
  navigationVerdict,
  permissionVerdict,
  restrictPermissions,
} from '../../electron/main/webContentsGuards.ts';
import { FakeSession, FakeWebContents } from './fakeElectron.ts';

/** A guarded webContents and what it tried to open outside. */
function guarded() {
  const contents = new FakeWebContents();
  const opened: string[] = [];
  const errors: unknown[] = [];
  guardWebContents(
    contents,
    async (url) => {
      opened.push(url);
    },
    (_where, error) => errors.push(error),
  );
  return { contents, opened, errors };
}

const FOREIGN = [
  'javascript:alert(1)',
  'JavaScript:alert(document.domain)',
  'file:///etc/passwd',
  'file://server/share/doc.pdf',
  'http://evil.example/',
  'http://127.0.0.1:8080/',
  'data:text/html,<script>alert(1)</script>',
  'blob:app://bundle/1234',
  'about:blank',
  'smb://server/share',
  'ms-msdt:/id PCWDiagnostic',
  'vbscript:msgbox(1)',
  'app://other/index.html',
  'not a url',
];

describe('externalUrlToOpen', () => {
  it.each([
    ['https://example.org/report?id=1', 'https://example.org/report?id=1'],
    ['HTTPS://Example.org', 'https://example.org/'],
    ['mailto:clerk@example.org?subject=Board%20pack', 'mailto:clerk@example.org?subject=Board%20pack'],
  ])('lets %s out, re-serialised', (url, expected) => {
    expect(externalUrlToOpen(url)).toBe(expected);
  });

  it.each([
    ...FOREIGN,
    'app://bundle/index.html',
    'https://bank.example@evil.example/',
    'https://user:pw@example.org/',
  ])('keeps %s in', (url) => {
    expect(externalUrlToOpen(url)).toBeNull();
    expect(isAllowedExternal(url)).toBe(false);
  });
});

describe('navigation', () => {
  it.each([...FOREIGN, 'https://example.org/', 'http://bundle/index.html'])('blocks navigating to %s', (url) => {
    const { contents } = guarded();
    expect(navigationVerdict(url)).toBe('block');
    expect(contents.attempt('will-navigate', url)).toBe(true);
    expect(contents.attempt('will-redirect', url)).toBe(true);
  });

  it('lets the page move within its own bundle', () => {
    const { contents } = guarded();
    expect(contents.attempt('will-navigate', 'app://bundle/index.html#/settings')).toBe(false);
  });

  it('hands a blocked https: or mailto: link to the system, and nothing else', () => {
    const { contents, opened } = guarded();
    for (const url of FOREIGN) contents.attempt('will-navigate', url);
    expect(opened).toEqual([]);
    contents.attempt('will-navigate', 'https://example.org/minutes');
    contents.attempt('will-navigate', 'mailto:chair@example.org');
    expect(opened).toEqual(['https://example.org/minutes', 'mailto:chair@example.org']);
  });

  it('refuses every webview', () => {
    const { contents } = guarded();
    expect(contents.attempt('will-attach-webview')).toBe(true);
  });
});

describe('window.open', () => {
  it.each([...FOREIGN, 'app://bundle/index.html', 'https://example.org/', 'mailto:a@example.org'])(
    'denies a new window for %s',
    (url) => {
      const { contents } = guarded();
      expect(contents.openWindow(url)).toEqual({ action: 'deny' });
    },
  );

  it('opens only https: and mailto: outside', () => {
    const { contents, opened } = guarded();
    for (const url of FOREIGN) contents.openWindow(url);
    contents.openWindow('https://example.org/a');
    contents.openWindow('mailto:a@example.org');
    expect(opened).toEqual(['https://example.org/a', 'mailto:a@example.org']);
  });

  it('logs a link the system failed to open instead of losing it', async () => {
    const contents = new FakeWebContents();
    const errors: unknown[] = [];
    guardWebContents(
      contents,
      async () => {
        throw new Error('no browser');
      },
      (_where, error) => errors.push(error),
    );
    contents.openWindow('https://example.org/');
    await new Promise((resolve) => setImmediate(resolve));
    expect(errors).toHaveLength(1);
  });
});

describe('permissions', () => {
  it('lets the app\'s own page write to the clipboard ("Copy as text"), and nothing else', async () => {
    const session = new FakeSession();
    restrictPermissions(session);
    expect(await session.usePermission('clipboard-sanitized-write', 'app://bundle/index.html#/decisions')).toBe(true);
    expect(await session.usePermission('clipboard-sanitized-write', 'https://evil.example/')).toBe(false);
    expect(await session.usePermission('clipboard-sanitized-write', 'app://other/index.html')).toBe(false);
    expect(await session.usePermission('clipboard-read', 'app://bundle/index.html')).toBe(false);
    expect(permissionVerdict('clipboard-sanitized-write', undefined)).toBe(false);
  });

  it('denies every other request and check', () => {
    const session = new FakeSession();
    restrictPermissions(session);
    const answers: boolean[] = [];
    for (const permission of ['media', 'geolocation', 'notifications', 'openExternal', 'clipboard-read'] as const) {
      session.requestHandler?.(
        // The handlers ignore their first and last arguments; Electron's types ask for them.
        {} as Electron.WebContents,
        permission,
        (granted) => answers.push(granted),
        { isMainFrame: true, requestingUrl: 'app://bundle/index.html' },
      );
      expect(
        session.checkHandler?.(null, permission, 'app://bundle', {
          isMainFrame: true,
          embeddingOrigin: 'app://bundle',
          securityOrigin: 'app://bundle',
          requestingUrl: 'app://bundle/index.html',
        }),
      ).toBe(false);
    }
    expect(answers).toEqual([false, false, false, false, false]);
    expect(
      session.deviceHandler?.({
        deviceType: 'usb',
        origin: 'app://bundle',
        device: { deviceId: '1', vendorId: 1, productId: 1 },
      } as never),
    ).toBe(false);
  });
});
