/**
 * The Electron main process: the only code that imports 'electron'. It wires
 * the pieces of this folder together (each takes its Electron dependencies as
 * arguments and is tested in tests/main) and owns the app's lifecycle:
 * single instance, the app:// scheme, the window, the menu, the IPC binding
 * to the backend, and closing the backend before the process ends (on quit,
 * and on a system shutdown or log-off, which skip quitting).
 */
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  nativeImage,
  Notification,
  powerMonitor,
  protocol,
  safeStorage,
  screen,
  session,
  shell,
  Tray,
  type MessageBoxOptions,
  type OpenDialogOptions,
} from 'electron';
import { existsSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { AppFailure } from '../../shared/contract/result.ts';
import type { Backend } from '../backend/backend.ts';
import { openBackendShowingProgress } from '../backend/openingBackend.ts';
import type { Platform } from '../backend/platform.ts';
import { APP_ID } from './appIdentity.ts';
import { contextMenuTemplate } from './contextMenu.ts';
import { packFileQueue, packPathsOf } from './packFiles.ts';
import { APP_ENTRY_URL, registerAppScheme, serveAppProtocol } from './appProtocol.ts';
import { appFiles, resolveDataDir, userDataFiles } from './dataLocations.ts';
import {
  aboutDialog,
  backupDoneDialog,
  backupFailedDialog,
  rendererGoneDialog,
  startFailureDialog,
  startProblemDialog,
  storeProblemDialog,
  type ChoiceDialog,
} from './dialogs.ts';
import { printPdfInHiddenWindow, saveWithDialog } from './documentOutput.ts';
import { createErrorLog, type LogError } from './errorLog.ts';
import { bindContract, forwardEvents, isTrustedFrame } from './ipcBinding.ts';
import { buildMenuTemplate } from './menu.ts';
import { createReminderNotifier } from './reminderNotifications.ts';
import { createStartAtLogin } from './startAtLogin.ts';
import { configureSpellchecker, spellcheckWithoutNetwork } from './spelling.ts';
import { keptRunningMessage, trayAvailable, trayIcon, updateTray, type TrayCounts } from './tray.ts';
import { guardWebContents, restrictPermissions } from './webContentsGuards.ts';
import { recoverFromPageCrash, showWhenReady } from './windowLifecycle.ts';
import { createWindowOptions } from './windowOptions.ts';
import { fitToScreens, readWindowState, saveWindowState } from './windowState.ts';

// Both must happen before `ready`: Electron ignores a privileged scheme
// registered later, and enableSandbox applies to renderers created after it.
registerAppScheme(protocol);
app.enableSandbox();
// UK English (dates as 24/06/2026 in date fields) unless the user started the app with another --lang.
if (!app.commandLine.hasSwitch('lang')) app.commandLine.appendSwitch('lang', 'en-GB');

/**
 * What start-up has made so far, so that a failure part-way is reported in
 * the log file and to the person, keeps a window that exists, and closes a
 * backend that was opened (its lock released) before the process ends.
 */
const progress: {
  logError: LogError;
  logFile: string | null;
  window: () => BrowserWindow | null;
  closeBackend: (() => Promise<void>) | null;
} = {
  logError: (where, error) => console.error(`[${where}]`, error),
  logFile: null,
  window: () => null,
  closeBackend: null,
};

/** Resolves once start-up has finished (or given up); tests await it. */
export const started: Promise<void> = start().catch(reportStartFailure);

/**
 * An error that escaped start-up: logged to the log file (a packaged app has
 * no terminal), shown in a dialog naming that file; the window is kept when
 * there is one, else the backend is closed and the app exits.
 */
async function reportStartFailure(error: unknown): Promise<void> {
  progress.logError('start', error);
  const message = error instanceof Error ? error.message : String(error);
  const logFile = progress.logFile ?? 'the terminal (stderr)';
  const window = progress.window();
  const kept = window !== null && !window.isDestroyed();
  try {
    if (kept) window.show();
    await showMessage(kept ? window : null, startProblemDialog(message, logFile, kept));
  } catch (dialogError) {
    progress.logError('start:dialog', dialogError);
  }
  if (kept) return;
  await progress.closeBackend?.().catch((closeError: unknown) => progress.logError('backend.close', closeError));
  app.exit(1);
}

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
  progress.logError = logError;
  progress.logFile = userFiles.errorLog;
  const devTools = !app.isPackaged;
  let mainWindow: BrowserWindow | null = null;
  progress.window = () => mainWindow;
  // Where the desktop has a tray, closing the window hides it there (reminders keep firing).
  let tray: Tray | null = null;
  let quitting = false;

  // Board packs the system opens the app with ("open with"): offered to the page once the backend is open.
  const packFiles = packFileQueue();
  packFiles.add(packPathsOf(process.argv.slice(1)));
  app.on('open-file', (event, file) => {
    event.preventDefault();
    packFiles.add([file]);
  });
  app.on('second-instance', (_event, argv: readonly string[] | undefined) => {
    packFiles.add(packPathsOf(argv));
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
  restrictPermissions(session.defaultSession);
  configureSpellchecker(session.defaultSession, process.platform);
  serveAppProtocol(protocol, files.rendererRoot);

  const platform: Platform = {
    async openPath(folder) {
      // shell.openPath answers with an error message, empty on success.
      const problem = await shell.openPath(folder);
      if (problem !== '') logError('openPath', new Error(`${problem} (${folder})`));
      return problem === '';
    },
    quit: () => app.quit(),
    startAtLogin: createStartAtLogin({
      app,
      platform: process.platform,
      env: process.env,
      homeDir: homedir(),
      execPath: process.execPath,
    }),
    printPdf: (html, settings) => printPdfInHiddenWindow(BrowserWindow, html, settings),
    saveFile: (file) =>
      saveWithDialog(
        (options) =>
          mainWindow !== null && !mainWindow.isDestroyed()
            ? dialog.showSaveDialog(mainWindow, options)
            : dialog.showSaveDialog(options),
        file,
        documentsFolder(),
      ),
    chooseFolder: async (title) => {
      const options: OpenDialogOptions = { title, properties: ['openDirectory', 'createDirectory'] };
      const answer =
        mainWindow !== null && !mainWindow.isDestroyed()
          ? await dialog.showOpenDialog(mainWindow, options)
          : await dialog.showOpenDialog(options);
      return answer.canceled ? null : (answer.filePaths[0] ?? null);
    },
    // The private key that signs packs is wrapped by the system's key store where it has one.
    keyProtection: {
      isAvailable: () => safeStorage.isEncryptionAvailable(),
      encrypt: (data) => safeStorage.encryptString(data.toString('base64')),
      decrypt: (data) => Buffer.from(safeStorage.decryptString(data), 'base64'),
    },
  };

  // A click on a reminder brings the window forward and asks the page to show the item.
  const showAt = (hash?: string): void => {
    if (mainWindow === null || mainWindow.isDestroyed()) mainWindow = openWindow();
    const window = mainWindow;
    if (window.isMinimized()) window.restore();
    window.show();
    window.focus();
    if (hash !== undefined) window.webContents.send('app:navigate', { hash });
  };
  // Said once per run, when the page is there to hear it (main may learn it before the page loads).
  let pendingNotice: string | null = null;
  const tellPage = (): void => {
    const window = mainWindow;
    if (pendingNotice === null || window === null || window.isDestroyed() || window.webContents.isLoading()) return;
    window.webContents.send('app:notice', { message: pendingNotice });
    pendingNotice = null;
  };
  const reminders = createReminderNotifier(Notification, {
    open: showAt,
    logError,
    platform: process.platform,
    onUnavailable: (message) => {
      pendingNotice = message;
      tellPage();
    },
  });

  let backend: Backend;
  let whenOpened: Promise<unknown>;
  try {
    const opening = openBackendShowingProgress({
      dataDir,
      platform,
      logError,
      holder: 'the Boardkeeper app',
      startupWork: 'after-first-screen',
      powerEvents: powerMonitor,
      notifier: reminders.notify,
    });
    // The window opens once the folder's lock is held: the page loads while the store opens (and shows
    // how far a rebuild from the journal is, when the state must be rebuilt).
    await opening.locked;
    backend = opening.backend;
    whenOpened = opening.opened;
  } catch (error) {
    if (!(error instanceof AppFailure)) logError('openBackend', error);
    const message = error instanceof Error ? error.message : String(error);
    const choice = await showChoice(null, startFailureDialog(dataDir, message));
    if (choice === 'openDataFolder') await platform.openPath(dataDir);
    app.exit(1);
    return;
  }

  const unbind = bindContract(ipcMain, backend, isTrustedFrame, logError);
  // Closing the backend writes the last checkpoint and releases the lock; it
  // runs once, whichever of quit, session end or shutdown asks first.
  let closing: Promise<void> | null = null;
  const closeBackend = (): Promise<void> => {
    closing ??= (async () => {
      unbind();
      await backend.close().catch((error: unknown) => logError('backend.close', error));
    })();
    return closing;
  };
  progress.closeBackend = closeBackend;
  // Quit waits for the backend: the first before-quit is held, the backend
  // closed, and quit asked again.
  let closed = false;
  app.on('before-quit', (event) => {
    quitting = true;
    if (closed) return;
    event.preventDefault();
    void closeBackend().finally(() => {
      if (closed) return;
      closed = true;
      app.quit();
    });
  });
  // Linux and macOS: the system waits while the app quits, if asked to.
  powerMonitor.on('shutdown', (event?: { preventDefault(): void }) => {
    event?.preventDefault();
    quitting = true;
    app.quit();
  });

  const opened = backend;
  packFiles.open((file) => void opened.offerPack(file).catch((error: unknown) => logError('offerPack', error)));
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
        spellcheck: spellcheckWithoutNetwork(process.platform),
        ...(process.platform === 'darwin' ? {} : { icon: files.windowIcon }),
      }),
    );
    // Shown when ready, or anyway after a failed load or a timeout: never left hidden holding the lock.
    showWhenReady(
      window,
      () => {
        // Maximised here, not before: maximize() shows a hidden window at once on some systems.
        if (state?.maximized === true) window.maximize();
        window.show();
      },
      logError,
    );
    recoverFromPageCrash(
      window,
      async (reason) => showChoice(window, rendererGoneDialog(reason, userFiles.errorLog)),
      () => app.quit(),
      logError,
    );
    // Windows: shutdown and log-off end the process without before-quit (the
    // window hears it, hidden or not), and cannot be delayed: close at once.
    // The journal is already on disk; the last checkpoint and the lock are at stake.
    window.on('session-end', () => {
      logError('session-end', new Error('The session is ending (shutdown or log-off); closing the data folder.'));
      void closeBackend();
    });
    window.webContents.on('did-finish-load', tellPage);
    window.webContents.on('context-menu', (_event, params) => {
      const template = contextMenuTemplate(params, {
        replaceMisspelling: (word) => window.webContents.replaceMisspelling(word),
        addToDictionary: (word) => void window.webContents.session.addWordToSpellCheckerDictionary(word),
      });
      if (template.length > 0) Menu.buildFromTemplate(template).popup({ window });
    });
    window.on('close', () => {
      try {
        const bounds = window.getNormalBounds();
        saveWindowState(userFiles.windowState, { ...bounds, maximized: window.isMaximized() });
      } catch (error) {
        logError('saveWindowState', error);
      }
    });
    window.on('close', (event) => {
      if (tray === null || quitting) return;
      event.preventDefault();
      window.hide();
      explainTrayOnce(userData, process.platform, logError);
    });
    window.on('closed', () => {
      if (mainWindow === window) mainWindow = null;
    });
    window.loadURL(APP_ENTRY_URL).catch((error: unknown) => logError('loadURL', error));
    return window;
  };
  mainWindow = openWindow();

  if (trayAvailable(process.platform, process.env)) {
    const image = trayIcon(process.platform, files);
    const loaded = nativeImage.createFromPath(image.file);
    if (image.template) loaded.setTemplateImage(true);
    const shownTray = new Tray(image.width === undefined ? loaded : loaded.resize({ width: image.width }));
    tray = shownTray;
    const trayActions = { open: showAt, quit: () => app.quit() };
    const refreshTray = (): void => {
      void trayCounts(backend)
        .then((counts) =>
          updateTray(shownTray, counts, (t) => Menu.buildFromTemplate(t), trayActions, process.platform),
        )
        .catch((error: unknown) => logError('tray', error));
    };
    shownTray.on('click', () => showAt());
    refreshTray();
    // The counts are there once the store is open (the window loads meanwhile).
    backend.on('store:status', refreshTray);
    backend.on('data:changed', refreshTray);
    backend.on('reminder:due', refreshTray);
    // "Due this week" moves on with the days, changes or not.
    setInterval(refreshTray, 3_600_000).unref();
  }

  // macOS: a click on the Dock icon brings the window back, whether it was
  // closed (then it is made again) or hidden by closing it into the menu bar.
  app.on('activate', () => showAt());
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  // The window is already open: the outcome is known once the open is over.
  await whenOpened.catch((error: unknown) => logError('openBackend', error));
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

/** The person's Documents folder, where a save dialog starts; null when the system has none. */
function documentsFolder(): string | null {
  try {
    return app.getPath('documents');
  } catch {
    return null;
  }
}

/** The tray's counts: open deadlines overdue, and due in the next seven days. */
async function trayCounts(backend: Backend): Promise<TrayCounts> {
  if (backend.status().status !== 'ready') return { overdue: 0, week: 0 };
  const list = await backend.handlers['deadlines:list']({
    window: 'overdue',
    status: 'open',
    groupBy: 'none',
    page: 0,
    pageSize: 1,
  });
  return { overdue: list.counts.overdue, week: list.counts.week };
}

/** The first time the window closes into the tray, says so (once: a marker file in userData). */
function explainTrayOnce(userData: string, platform: NodeJS.Platform, logError: LogError): void {
  const marker = path.join(userData, 'tray-explained');
  if (existsSync(marker)) return;
  try {
    writeFileSync(marker, new Date().toISOString());
  } catch (error) {
    logError('explainTrayOnce', error);
  }
  const text = keptRunningMessage(platform);
  void dialog.showMessageBox({ type: 'info', buttons: ['OK'], ...text });
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
