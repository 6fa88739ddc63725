/**
 * The Electron main process: the only code that imports 'electron'. It wires
 * the pieces of this folder together (each takes its Electron dependencies as
 * arguments and is tested in tests/main) and owns the app's lifecycle:
 * single instance, the app:// scheme, the window, the menu, the IPC binding
 * to the backend, and closing the backend before the process ends.
 */
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  protocol,
  screen,
  session,
  shell,
  type MessageBoxOptions,
} from 'electron';
import { AppFailure } from '../../shared/result.ts';
import { openBackend, type Backend, type Platform } from '../backend/backend.ts';
import { APP_ID } from './appIdentity.ts';
import { APP_ENTRY_URL, registerAppScheme, serveAppProtocol } from './appProtocol.ts';
import { appFiles, resolveDataDir, userDataFiles } from './dataLocations.ts';
import {
  aboutDialog,
  backupDoneDialog,
  backupFailedDialog,
  startFailureDialog,
  storeProblemDialog,
  type ChoiceDialog,
} from './dialogs.ts';
import { createErrorLog, type LogError } from './errorLog.ts';
import { bindContract, forwardEvents, isTrustedFrame } from './ipcBinding.ts';
import { buildMenuTemplate } from './menu.ts';
import { denyAllPermissions, guardWebContents } from './webContentsGuards.ts';
import { createWindowOptions } from './windowOptions.ts';
import { fitToScreens, readWindowState, saveWindowState } from './windowState.ts';

// Both must happen before `ready`: Electron ignores a privileged scheme
// registered later, and enableSandbox applies to renderers created after it.
registerAppScheme(protocol);
app.enableSandbox();

/** Resolves once start-up has finished (or given up); tests await it. */
export const started: Promise<void> = start().catch((error: unknown) => {
  console.error('[start]', error);
  app.exit(1);
});

async function start(): Promise<void> {
  // One instance per user: it keeps one writer on the data folder, and a
  // second launch (double-clicking the icon again) brings the window forward.
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  app.setAppUserModelId(APP_ID);

  const userData = app.getPath('userData');
  const files = appFiles(app.getAppPath());
  const userFiles = userDataFiles(userData);
  const dataDir = resolveDataDir(process.env, userData);
  const logError = createErrorLog(userFiles.errorLog);
  const devTools = !app.isPackaged;
  let mainWindow: BrowserWindow | null = null;

  app.on('second-instance', () => {
    if (mainWindow === null) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.show();
    mainWindow.focus();
  });
  // Every webContents, including any created later, gets the same guards.
  app.on('web-contents-created', (_event, contents) =>
    guardWebContents(contents, (url) => shell.openExternal(url), logError),
  );

  await app.whenReady();
  denyAllPermissions(session.defaultSession);
  serveAppProtocol(protocol, files.rendererRoot);

  const platform: Platform = {
    async openPath(folder) {
      // shell.openPath answers with an error message, empty on success.
      const problem = await shell.openPath(folder);
      if (problem !== '') logError('openPath', new Error(`${problem} (${folder})`));
      return problem === '';
    },
    quit: () => app.quit(),
  };

  let backend: Backend;
  try {
    backend = await openBackend({ dataDir, platform, logError, holder: 'the Boardkeeper app' });
  } catch (error) {
    if (!(error instanceof AppFailure)) logError('openBackend', error);
    const message = error instanceof Error ? error.message : String(error);
    const choice = await showChoice(null, startFailureDialog(dataDir, message));
    if (choice === 'openDataFolder') await platform.openPath(dataDir);
    app.exit(1);
    return;
  }

  const unbind = bindContract(ipcMain, backend, isTrustedFrame, logError);
  forwardEvents(backend, (event, payload) => {
    if (mainWindow !== null && !mainWindow.isDestroyed()) mainWindow.webContents.send(event, payload);
  });

  const actions = {
    backUpNow: () => void backUpNow(backend, dataDir, mainWindow, logError),
    openDataFolder: () => void platform.openPath(dataDir),
    showAbout: () =>
      void showMessage(
        mainWindow,
        aboutDialog({ version: app.getVersion(), electron: process.versions.electron ?? '', dataDir }),
      ),
  };
  Menu.setApplicationMenu(Menu.buildFromTemplate(buildMenuTemplate(process.platform, actions, { devTools })));

  const openWindow = (): BrowserWindow => {
    const workAreas = screen.getAllDisplays().map((display) => display.workArea);
    const saved = readWindowState(userFiles.windowState);
    const state = saved === null ? null : fitToScreens(saved, workAreas);
    const window = new BrowserWindow(
      createWindowOptions({
        preloadPath: files.preload,
        state,
        devTools,
        ...(process.platform === 'darwin' ? {} : { icon: files.windowIcon }),
      }),
    );
    window.once('ready-to-show', () => {
      // Maximised here, not before: maximize() shows a hidden window at once on some systems.
      if (state?.maximized === true) window.maximize();
      window.show();
    });
    window.on('close', () => {
      try {
        const bounds = window.getNormalBounds();
        saveWindowState(userFiles.windowState, { ...bounds, maximized: window.isMaximized() });
      } catch (error) {
        logError('saveWindowState', error);
      }
    });
    window.on('closed', () => {
      if (mainWindow === window) mainWindow = null;
    });
    window.loadURL(APP_ENTRY_URL).catch((error: unknown) => logError('loadURL', error));
    return window;
  };
  mainWindow = openWindow();

  app.on('activate', () => {
    // macOS: clicking the Dock icon with no window open opens one again.
    if (mainWindow === null) mainWindow = openWindow();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  // Quit waits for the backend's last checkpoint and the lock's release: the
  // first before-quit is held, the backend closed, and quit asked again.
  let closing = false;
  let closed = false;
  app.on('before-quit', (event) => {
    if (closed) return;
    event.preventDefault();
    if (closing) return;
    closing = true;
    unbind();
    backend
      .close()
      .catch((error: unknown) => logError('backend.close', error))
      .finally(() => {
        closed = true;
        app.quit();
      });
  });

  const problem = storeProblemDialog(backend.status());
  if (problem !== null) {
    // Not attached to the window: it is still hidden until ready-to-show (on
    // macOS a sheet on a hidden window is never seen), and the renderer may
    // not load at all.
    const choice = await showChoice(null, problem);
    if (choice === 'openDataFolder') await platform.openPath(dataDir);
    if (choice === 'quit') app.quit();
  }
}

/** Shows a message box, attached to the window when there is one. */
async function showMessage(window: BrowserWindow | null, options: MessageBoxOptions): Promise<number> {
  const { response } =
    window !== null && !window.isDestroyed()
      ? await dialog.showMessageBox(window, options)
      : await dialog.showMessageBox(options);
  return response;
}

/** Shows a choice dialog and returns the choice of the button pressed. */
async function showChoice<C extends string>(
  window: BrowserWindow | null,
  spec: ChoiceDialog<C>,
): Promise<C | undefined> {
  return spec.choices[await showMessage(window, spec.options)];
}

/** The menu's "Back up now": runs the same handler as the page's button and says how it went. */
async function backUpNow(backend: Backend, dataDir: string, window: BrowserWindow | null, logError: LogError) {
  try {
    const backup = await backend.handlers['backups:create']({});
    await showMessage(window, backupDoneDialog(backup, dataDir));
  } catch (error) {
    if (!(error instanceof AppFailure)) logError('backUpNow', error);
    await showMessage(window, backupFailedDialog(error instanceof Error ? error.message : String(error)));
  }
}
