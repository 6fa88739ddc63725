/**
 * The main window when its page misbehaves. The window is made hidden and
 * shown on `ready-to-show`; a page that never gets there (a load that fails
 * or hangs) would leave it hidden for good while the app holds the data
 * folder, so it is shown anyway after a failed load or a timeout. A page
 * whose process ends leaves a blank window: the person is told, and may
 * reload or quit.
 */

/** How long the page may take to be ready before the window is shown anyway. */
export const READY_TIMEOUT_MS = 10_000;

/** The part of a BrowserWindow's webContents used here. */
export interface PageContents {
  on(
    event: 'did-fail-load',
    listener: (event: unknown, errorCode: number, errorDescription: string, url: string, isMainFrame: boolean) => void,
  ): unknown;
  on(
    event: 'render-process-gone',
    listener: (event: unknown, details: { reason: string; exitCode: number }) => void,
  ): unknown;
  reload(): void;
}

/** The part of a BrowserWindow used here. */
export interface PageWindow {
  once(event: 'ready-to-show', listener: () => void): unknown;
  isDestroyed(): boolean;
  readonly webContents: PageContents;
}

/** Chromium's net error for a load cancelled by another (a navigation within the app): not a failure. */
const ERR_ABORTED = -3;

/**
 * Calls `show` once: on `ready-to-show`, on a failed load of the page, or
 * after `timeoutMs`, whichever comes first. The last two are logged.
 */
export function showWhenReady(
  window: PageWindow,
  show: () => void,
  logError: (where: string, error: unknown) => void,
  timeoutMs: number = READY_TIMEOUT_MS,
): void {
  let shown = false;
  const showOnce = (): void => {
    clearTimeout(timer);
    if (shown || window.isDestroyed()) return;
    shown = true;
    show();
  };
  const timer = setTimeout(() => {
    if (shown) return;
    logError('ready-to-show', new Error(`The page was not ready after ${timeoutMs} ms; the window is shown anyway.`));
    showOnce();
  }, timeoutMs);
  // The timer must not be what keeps a process alive (tests, a window closed before it fires).
  timer.unref();
  window.once('ready-to-show', showOnce);
  window.webContents.on('did-fail-load', (_event, errorCode, errorDescription, url, isMainFrame) => {
    if (!isMainFrame || errorCode === ERR_ABORTED) return;
    logError('did-fail-load', new Error(`${url} did not load: ${errorDescription} (${errorCode})`));
    showOnce();
  });
}

/**
 * When the page's process ends other than cleanly, logs it and asks the
 * person (`ask`): reload the page, or quit.
 */
export function recoverFromPageCrash(
  window: PageWindow,
  ask: (reason: string) => Promise<'reload' | 'quit' | undefined>,
  quit: () => void,
  logError: (where: string, error: unknown) => void,
): void {
  window.webContents.on('render-process-gone', (_event, details) => {
    if (details.reason === 'clean-exit') return;
    logError(
      'render-process-gone',
      new Error(`The page's process ended: ${details.reason} (exit code ${details.exitCode})`),
    );
    void ask(details.reason)
      .then((choice) => {
        if (window.isDestroyed()) return;
        if (choice === 'quit') quit();
        else window.webContents.reload();
      })
      .catch((error: unknown) => logError('render-process-gone', error));
  });
}
