/**
 * The main process as a whole, started against the fake electron with a real
 * backend on temp folders: what it registers before `ready`, the window it
 * builds, the IPC binding, the menu, the dialogs, and a clean quit.
 */
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openBackend } from '../../electron/backend/backend.ts';
import { LOCK_FILE } from '../../electron/backend/store/lock.ts';
import { APP_ID } from '../../electron/main/appIdentity.ts';
import { CONTENT_SECURITY_POLICY } from '../../electron/main/appProtocol.ts';
import { CHANNELS } from '../../shared/contract/channels.ts';
import { tempDir } from '../helpers/tempDir.ts';

type Fake = typeof import('./fakeElectron.ts');

interface Launched {
  readonly fake: Fake;
  readonly userData: string;
  readonly appRoot: string;
  readonly dataDir: string;
}

const running: Fake[] = [];

afterEach(async () => {
  // Quit every app a test left running, so its backend releases the folder
  // before the temp folders are removed.
  for (const fake of running.splice(0)) {
    if (!fake.app.quitting && fake.app.exitCode === null) {
      fake.app.quit();
      await vi.waitFor(() => expect(fake.app.quitting).toBe(true));
    }
  }
  vi.unstubAllEnvs();
});

/**
 * Starts main.ts afresh: new module instances (main, the fake electron and
 * the backend), a temp userData and an app folder holding a tiny renderer.
 */
async function launch(prepare?: (fake: Fake, paths: { userData: string; dataDir: string }) => Promise<void> | void) {
  // vi.mock's factory result would outlive resetModules; doMock after the
  // reset makes main see the same fresh fake this test inspects.
  vi.resetModules();
  vi.doMock('electron', () => import('./fakeElectron.ts'));
  const fake = await import('./fakeElectron.ts');
  const userData = await tempDir('bk-userdata-');
  const appRoot = await tempDir('bk-app-');
  await mkdir(path.join(appRoot, 'dist', 'renderer'), { recursive: true });
  await writeFile(path.join(appRoot, 'dist', 'renderer', 'index.html'), '<!doctype html><title>Boardkeeper</title>');
  fake.app.paths.userData = userData;
  fake.app.appPath = appRoot;
  vi.stubEnv('BOARD_DATA_DIR', '');
  const dataDir = path.join(userData, 'data');
  await prepare?.(fake, { userData, dataDir });
  const main = await import('../../electron/main/main.ts');
  running.push(fake);
  await main.started;
  return { fake, userData, appRoot, dataDir } satisfies Launched;
}

function theWindow(fake: Fake) {
  expect(fake.BrowserWindow.instances).toHaveLength(1);
  const window = fake.BrowserWindow.instances[0];
  if (window === undefined) throw new Error('no window');
  return window;
}

describe('main: start-up', () => {
  it('registers app:// as privileged and enables the sandbox before ready', async () => {
    const { fake } = await launch();
    expect(fake.protocol.privileged).toHaveLength(1);
    expect(fake.protocol.privileged[0]).toEqual({
      schemes: [{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }],
      beforeReady: true,
    });
    expect(fake.app.log.indexOf('enableSandbox')).toBeLessThan(fake.app.log.indexOf('ready'));
    expect(fake.app.userModelId).toBe(APP_ID);
  });

  it('sets the locale to UK English before ready, unless the user chose another with --lang', async () => {
    const { fake } = await launch();
    expect(fake.app.commandLine.getSwitchValue('lang')).toBe('en-GB');
    expect(fake.app.log.indexOf('appendSwitch:lang')).toBeGreaterThanOrEqual(0);
    expect(fake.app.log.indexOf('appendSwitch:lang')).toBeLessThan(fake.app.log.indexOf('ready'));
    const chosen = await launch((f) => {
      f.app.commandLine.switches.set('lang', 'fr');
    });
    expect(chosen.fake.app.commandLine.getSwitchValue('lang')).toBe('fr');
  });

  it('builds the window with the secure preferences, as the window receives them', async () => {
    const { fake, appRoot } = await launch();
    const window = theWindow(fake);
    const prefs = window.options.webPreferences;
    expect(prefs?.preload).toBe(path.join(appRoot, 'dist', 'preload', 'preload.cjs'));
    expect(prefs?.contextIsolation).toBe(true);
    expect(prefs?.sandbox).toBe(true);
    expect(prefs?.nodeIntegration).toBe(false);
    expect(prefs?.nodeIntegrationInWorker).toBe(false);
    expect(prefs?.nodeIntegrationInSubFrames).toBe(false);
    expect(prefs?.webSecurity).toBe(true);
    expect(prefs?.allowRunningInsecureContent).toBe(false);
    expect(prefs?.experimentalFeatures).toBe(false);
    expect(prefs?.enableBlinkFeatures).toBeUndefined();
    expect(prefs?.webviewTag).toBe(false);
    // Running from source (not packaged): developer tools are available.
    expect(prefs?.devTools).toBe(true);
    expect(window.loadedUrl).toBe('app://bundle/index.html');
    expect(window.visible).toBe(false);
    window.emit('ready-to-show');
    expect(window.visible).toBe(true);
  });

  it('turns developer tools off in a packaged app', async () => {
    const { fake } = await launch((f) => {
      f.app.isPackaged = true;
    });
    expect(theWindow(fake).options.webPreferences?.devTools).toBe(false);
  });

  it('serves the renderer from app:// with the CSP, and nothing outside it', async () => {
    const { fake } = await launch();
    const page = await fake.protocol.fetch('app://bundle/index.html');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect((await fake.protocol.fetch('app://bundle/%2e%2e%2fpackage.json')).status).toBe(400);
  });

  it('guards the window: navigation, new windows, webviews and permissions', async () => {
    const { fake } = await launch();
    const contents = theWindow(fake).webContents;
    expect(contents.attempt('will-navigate', 'https://example.org/')).toBe(true);
    expect(contents.attempt('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(contents.openWindow('javascript:alert(1)')).toEqual({ action: 'deny' });
    expect(contents.openWindow('https://example.org/help')).toEqual({ action: 'deny' });
    expect(contents.attempt('will-attach-webview')).toBe(true);
    expect(fake.shell.openedExternal).toEqual(['https://example.org/', 'https://example.org/help']);
    const granted: boolean[] = [];
    fake.session.defaultSession.requestHandler?.(
      // The handler ignores the contents and details; Electron's types ask for them.
      {} as Electron.WebContents,
      'media',
      (answer) => granted.push(answer),
      { isMainFrame: true, requestingUrl: 'app://bundle/index.html' },
    );
    expect(granted).toEqual([false]);
  });

  it('sets the standard menu', async () => {
    const { fake } = await launch();
    expect(fake.Menu.applicationMenu?.template.map((item) => item.label)).toEqual([
      'File',
      'Edit',
      'View',
      'Window',
      'Help',
    ]);
  });
});

describe('main: the contract over IPC', () => {
  it('binds every channel to the real backend in <userData>/data', async () => {
    const { fake, dataDir } = await launch();
    expect([...fake.ipcMain.handlers.keys()].sort()).toEqual([...CHANNELS].sort());
    expect(existsSync(path.join(dataDir, LOCK_FILE))).toBe(true);
    expect(await fake.ipcMain.invoke('settings:update', { boardName: 'Main Board' })).toMatchObject({
      ok: true,
      value: { boardName: 'Main Board' },
    });
    expect(await fake.ipcMain.invoke('settings:update', { boardName: '' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', details: { issues: [{ field: 'boardName' }] } },
    });
    expect(
      await fake.ipcMain.invoke('settings:update', { boardName: 'x' }, { url: 'https://evil.example/', parent: null }),
    ).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('uses BOARD_DATA_DIR when it is set', async () => {
    const chosen = await tempDir('bk-chosen-');
    const { fake } = await launch(() => {
      vi.stubEnv('BOARD_DATA_DIR', chosen);
    });
    expect(existsSync(path.join(chosen, LOCK_FILE))).toBe(true);
    expect(await fake.ipcMain.invoke('store:status', {})).toMatchObject({ ok: true, value: { dataDir: chosen } });
  });

  it('forwards backend events to the window', async () => {
    const { fake } = await launch();
    await fake.ipcMain.invoke('settings:update', { boardName: 'Evented' });
    expect(theWindow(fake).webContents.sent).toContainEqual({
      channel: 'data:changed',
      payload: { seq: 1, targets: ['settings'] },
    });
  });
});

describe('main: lifecycle', () => {
  it('quits at once when another instance holds the lock, opening nothing', async () => {
    const { fake, dataDir } = await launch((f) => {
      f.app.gotSingleInstanceLock = false;
    });
    expect(fake.app.quitRequests).toBe(1);
    expect(fake.BrowserWindow.instances).toHaveLength(0);
    expect(existsSync(dataDir)).toBe(false);
  });

  it('brings the window forward on a second launch', async () => {
    const { fake } = await launch();
    const window = theWindow(fake);
    window.minimized = true;
    fake.app.emit('second-instance');
    expect(window.minimized).toBe(false);
    expect(window.focused).toBe(true);
  });

  it('on quit, remembers the window and closes the backend before the process ends', async () => {
    const { fake, userData, dataDir } = await launch();
    await fake.ipcMain.invoke('settings:update', { boardName: 'Kept at exit' });
    const window = theWindow(fake);
    window.normalBounds = { x: 33, y: 44, width: 1111, height: 777 };
    window.maximized = true;
    window.close();
    fake.app.emit('window-all-closed');
    // The first before-quit is held while the backend closes.
    expect(fake.app.quitting).toBe(false);
    await vi.waitFor(() => expect(fake.app.quitting).toBe(true));
    expect(existsSync(path.join(dataDir, LOCK_FILE))).toBe(false);
    expect(await readFile(path.join(dataDir, 'db.json'), 'utf8')).toContain('Kept at exit');
    expect(fake.ipcMain.handlers.size).toBe(0);
    expect(JSON.parse(await readFile(path.join(userData, 'window-state.json'), 'utf8'))).toEqual({
      x: 33,
      y: 44,
      width: 1111,
      height: 777,
      maximized: true,
    });
  });

  it('reopens the window where it was, and ignores a broken state file', async () => {
    const placed = await launch(async (_fake, { userData }) => {
      await writeFile(
        path.join(userData, 'window-state.json'),
        JSON.stringify({ x: 10, y: 20, width: 1000, height: 700, maximized: true }),
      );
    });
    const window = theWindow(placed.fake);
    expect([window.options.x, window.options.y, window.options.width, window.options.height]).toEqual([
      10, 20, 1000, 700,
    ]);
    expect(window.maximized).toBe(false);
    window.emit('ready-to-show');
    expect(window.maximized).toBe(true);
    expect(window.visible).toBe(true);

    const broken = await launch(async (_fake, { userData }) => {
      await writeFile(path.join(userData, 'window-state.json'), '{"x": "left"');
    });
    expect(theWindow(broken.fake).options.center).toBe(true);
  });
});

describe('main: problems reach native dialogs', () => {
  it('names the holder when the data folder is locked by another process, and exits', async () => {
    const other: { close(): Promise<void> }[] = [];
    const { fake } = await launch(async (f, { dataDir }) => {
      other.push(
        await openBackend({
          dataDir,
          holder: 'a web host',
          platform: { openPath: async () => false, quit: () => undefined },
          logError: () => undefined,
        }),
      );
      f.dialog.answers.push(1);
    });
    try {
      expect(fake.dialog.shown).toHaveLength(1);
      expect(fake.dialog.shown[0]?.detail).toContain('already open in a web host');
      expect(fake.shell.openedPaths).toHaveLength(1);
      expect(fake.app.exitCode).toBe(1);
      expect(fake.BrowserWindow.instances).toHaveLength(0);
    } finally {
      await Promise.all(other.map((backend) => backend.close()));
    }
  });

  it('offers to open the data folder when the data cannot be read', async () => {
    const { fake, dataDir } = await launch(async (f, paths) => {
      await mkdir(paths.dataDir, { recursive: true });
      await writeFile(path.join(paths.dataDir, 'db.json'), '{ this is not JSON');
      f.dialog.answers.push(1);
    });
    const shown = fake.dialog.shown[0];
    expect(shown?.type).toBe('error');
    expect(shown?.buttons).toEqual(['Continue', 'Open data folder', 'Quit']);
    expect(fake.shell.openedPaths).toEqual([dataDir]);
    // The window still opens, where the user can restore a backup.
    expect(theWindow(fake).loadedUrl).toBe('app://bundle/index.html');
    expect(await fake.ipcMain.invoke('store:status', {})).toMatchObject({ ok: true, value: { status: 'failed' } });
  });

  it('"Back up to a folder…" asks for the folder with the system\'s folder picker', async () => {
    const { fake, dataDir } = await launch();
    const chosen = path.join(dataDir, '..', 'external-drive');
    fake.dialog.openAnswers.push({ canceled: false, filePaths: [chosen] });
    expect(await fake.ipcMain.invoke('backups:chooseFolder', {})).toEqual({ ok: true, value: { folder: chosen } });
    expect(fake.dialog.openDialogs.at(-1)?.properties).toEqual(['openDirectory', 'createDirectory']);
    // Cancelled: no folder.
    expect(await fake.ipcMain.invoke('backups:chooseFolder', {})).toEqual({ ok: true, value: { folder: null } });
  });

  it('backs up from the menu and says where the backup went', async () => {
    const { fake, dataDir } = await launch();
    const file = fake.Menu.applicationMenu?.template.find((item) => item.label === 'File');
    const backUp = Array.isArray(file?.submenu) ? file.submenu.find((item) => item.label === 'Back up now') : undefined;
    if (backUp?.click === undefined) throw new Error('no Back up now item');
    Reflect.apply(backUp.click, undefined, []);
    await vi.waitFor(() => expect(fake.dialog.shown).toHaveLength(1));
    expect(fake.dialog.shown[0]?.title).toBe('Backup made');
    expect(await readdir(path.join(dataDir, 'backups'))).toHaveLength(1);
  });
});

describe('main: what real systems do that the fake once let through', () => {
  it('macOS: a click on the Dock icon shows the window again after it was closed into the menu bar', async () => {
    const { fake } = await launch(() => {
      vi.stubEnv('XDG_CURRENT_DESKTOP', 'KDE');
    });
    const window = theWindow(fake);
    window.emit('ready-to-show');
    window.close();
    expect(window.destroyed).toBe(false);
    expect(window.visible).toBe(false);
    fake.app.emit('activate');
    expect(window.visible).toBe(true);
    expect(fake.BrowserWindow.instances).toHaveLength(1);
  });

  it('Windows: shutdown or log-off (session-end, no before-quit) still writes the checkpoint and frees the lock', async () => {
    const { fake, dataDir } = await launch();
    await fake.ipcMain.invoke('settings:update', { boardName: 'Kept at shutdown' });
    theWindow(fake).endSession();
    await vi.waitFor(() => expect(existsSync(path.join(dataDir, LOCK_FILE))).toBe(false));
    expect(await readFile(path.join(dataDir, 'db.json'), 'utf8')).toContain('Kept at shutdown');
  });

  it("Linux and macOS: the power monitor's shutdown holds the system while the app quits cleanly", async () => {
    const { fake, dataDir } = await launch();
    const event = new fake.FakeEvent();
    fake.powerMonitor.emit('shutdown', event);
    expect(event.defaultPrevented).toBe(true);
    await vi.waitFor(() => expect(fake.app.quitting).toBe(true));
    expect(existsSync(path.join(dataDir, LOCK_FILE))).toBe(false);
  });

  it('an error during start is written to the log file and shown; with no window the data folder is freed', async () => {
    const { fake, userData, dataDir } = await launch((f) => {
      f.screen.getAllDisplays = () => {
        throw new Error('no displays (a broken graphics stack)');
      };
    });
    expect(await readFile(path.join(userData, 'logs', 'main.log'), 'utf8')).toContain('no displays');
    expect(fake.dialog.shown.at(-1)).toMatchObject({
      title: 'Boardkeeper cannot start',
      detail: expect.stringContaining(path.join(userData, 'logs', 'main.log')),
    });
    expect(fake.app.exitCode).toBe(1);
    expect(existsSync(path.join(dataDir, LOCK_FILE))).toBe(false);
  });

  it('an error after the window exists keeps the window, shown, and says so', async () => {
    const { fake, userData } = await launch((f) => {
      vi.stubEnv('XDG_CURRENT_DESKTOP', 'KDE');
      f.nativeImage.createFromPath = () => {
        throw new Error('a tray icon Electron refused');
      };
    });
    const window = theWindow(fake);
    expect(window.visible).toBe(true);
    expect(fake.app.exitCode).toBeNull();
    expect(fake.dialog.shown.at(-1)?.title).toBe('Boardkeeper did not finish starting');
    expect(await readFile(path.join(userData, 'logs', 'main.log'), 'utf8')).toContain('a tray icon Electron refused');
  });

  it('a page that fails to load does not leave the window hidden', async () => {
    const { fake, userData } = await launch((f) => {
      f.BrowserWindow.loadOutcome = 'fails';
    });
    const window = theWindow(fake);
    await vi.waitFor(() => expect(window.visible).toBe(true));
    expect(await readFile(path.join(userData, 'logs', 'main.log'), 'utf8')).toContain('ERR_NAME_NOT_RESOLVED');
  });

  it('a crashed page is reported and reloaded, not left blank', async () => {
    const { fake, userData } = await launch();
    const window = theWindow(fake);
    window.webContents.processGone('crashed');
    await vi.waitFor(() => expect(window.webContents.reloads).toBe(1));
    expect(fake.dialog.shown.at(-1)?.title).toBe('Boardkeeper stopped showing its page');
    expect(await readFile(path.join(userData, 'logs', 'main.log'), 'utf8')).toContain(
      "The page's process ended: crashed",
    );
  });

  it('spellchecking is off on Linux (it would download dictionaries), and a right click offers Cut, Copy, Paste', async () => {
    const { fake } = await launch();
    const window = theWindow(fake);
    expect(fake.session.defaultSession.spellCheckerEnabled).toBe(false);
    expect(window.options.webPreferences?.spellcheck).toBe(false);
    const flags = {
      canUndo: false,
      canRedo: false,
      canCut: true,
      canCopy: true,
      canPaste: true,
      canDelete: true,
      canSelectAll: true,
      canEditRichly: false,
    };
    window.webContents.rightClick({
      isEditable: true,
      selectionText: 'recieve',
      misspelledWord: 'recieve',
      dictionarySuggestions: ['receive'],
      editFlags: flags,
    });
    const menu = fake.Menu.popups.at(-1);
    expect(menu?.window).toBe(window);
    expect(menu?.template.map((item) => item.role ?? item.label ?? item.type)).toEqual([
      'receive',
      'Add to dictionary',
      'separator',
      'cut',
      'copy',
      'paste',
      'separator',
      'selectAll',
    ]);
    const suggestion = menu?.template[0];
    if (suggestion?.click === undefined) throw new Error('no suggestion');
    Reflect.apply(suggestion.click, undefined, []);
    expect(window.webContents.replacedMisspellings).toEqual(['receive']);
  });
});
