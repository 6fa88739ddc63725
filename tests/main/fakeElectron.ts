/**
 * The one fake 'electron' module for every main-process and preload test
 * (`vi.mock('electron', () => import('./fakeElectron.ts'))`). It records what
 * the code asks of Electron and lets a test play the parts Electron would:
 * a frame invoking a channel, a page navigating, the user quitting. Renderer
 * and main are joined as in Electron: `ipcRenderer.invoke` reaches the
 * handlers registered on `ipcMain`, and `webContents.send` reaches
 * `ipcRenderer` listeners.
 *
 * Types come from Electron's own where the code under test takes them
 * (permission handlers, window-open handler), so the fake cannot drift.
 */
import { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type {
  BrowserWindowConstructorOptions,
  ContextMenuParams,
  CustomScheme,
  MenuItemConstructorOptions,
  MessageBoxOptions,
  OpenDialogOptions,
  OpenDialogReturnValue,
  PrintToPDFOptions,
  SaveDialogOptions,
  SaveDialogReturnValue,
  Session,
  WindowOpenHandlerResponse,
} from 'electron';

/** A sender frame as `ipcMain` handlers see it. */
export interface FakeFrame {
  readonly url: string;
  readonly parent: FakeFrame | null;
}

/** The app's own page, as Electron reports the window's top frame. */
export const APP_FRAME: FakeFrame = { url: 'app://bundle/index.html', parent: null };

/** A cancellable event as Electron passes to navigation listeners. */
export class FakeEvent {
  defaultPrevented = false;
  constructor(readonly url = '') {}
  preventDefault(): void {
    this.defaultPrevented = true;
  }
}

type OpenHandler = (details: { readonly url: string }) => WindowOpenHandlerResponse;

/** The context-menu parameters the app reads (Electron's ContextMenuParams, in part). */
export type FakeContextMenuParams = Pick<
  ContextMenuParams,
  'isEditable' | 'selectionText' | 'misspelledWord' | 'dictionarySuggestions' | 'editFlags'
>;

/** A window's webContents: navigation events, the window-open handler and `send`. */
export class FakeWebContents extends EventEmitter {
  windowOpenHandler: OpenHandler | null = null;
  readonly sent: Array<{ readonly channel: string; readonly payload: unknown }> = [];
  /** True from loadURL until the page has loaded (or failed); a hung load stays true. */
  loading = false;
  reloads = 0;
  readonly replacedMisspellings: string[] = [];

  /** The session, as Electron gives each webContents (here the default one). */
  get session(): FakeSession {
    return session.defaultSession;
  }
  isLoading(): boolean {
    return this.loading;
  }
  reload(): void {
    this.reloads++;
  }
  replaceMisspelling(word: string): void {
    this.replacedMisspellings.push(word);
  }
  /** Plays the page's process ending, as Electron reports it. */
  processGone(reason: 'crashed' | 'oom' | 'killed' | 'clean-exit', exitCode = 1): void {
    this.emit('render-process-gone', new FakeEvent(), { reason, exitCode });
  }
  /** Plays a right click in the page with the given context-menu parameters. */
  rightClick(params: FakeContextMenuParams): void {
    this.emit('context-menu', new FakeEvent(), params);
  }

  setWindowOpenHandler(handler: OpenHandler): void {
    this.windowOpenHandler = handler;
  }

  /** The options of every printToPDF call, in order. */
  readonly printed: PrintToPDFOptions[] = [];

  /** Prints as Electron would, answering with a small stand-in PDF. */
  async printToPDF(options: PrintToPDFOptions): Promise<Buffer> {
    this.printed.push(options);
    return Buffer.from('%PDF-1.7\n% a stand-in PDF from the fake electron\n%%EOF\n');
  }

  send(channel: string, payload: unknown): void {
    this.sent.push({ channel, payload });
    ipcRenderer.emit(channel, { sender: 'the IPC event, which must not reach the page' }, payload);
  }

  /** Plays a navigation event (`will-navigate`, `will-redirect`...) and says whether it was cancelled. */
  attempt(event: 'will-navigate' | 'will-redirect' | 'will-attach-webview', url = ''): boolean {
    const fakeEvent = new FakeEvent(url);
    this.emit(event, fakeEvent);
    return fakeEvent.defaultPrevented;
  }

  /** Plays `window.open(url)` and returns the handler's answer. */
  openWindow(url: string): WindowOpenHandlerResponse {
    if (this.windowOpenHandler === null) throw new Error('no window-open handler was set');
    return this.windowOpenHandler({ url });
  }
}

/**
 * How a page load goes, as on a real system: it loads (`did-finish-load`),
 * fails (`did-fail-load`, and loadURL rejects), or hangs (neither, ever; no
 * `ready-to-show` either). Tests set it before the window is made.
 */
export type LoadOutcome = 'loads' | 'fails' | 'hangs';

/** A BrowserWindow that records its options and what was done to it. */
export class BrowserWindow extends EventEmitter {
  static readonly instances: BrowserWindow[] = [];
  static loadOutcome: LoadOutcome = 'loads';
  readonly webContents = new FakeWebContents();
  loadedUrl: string | null = null;
  /** The text of a file:// page when it was loaded (the file may be gone later). */
  loadedFileText: string | null = null;
  visible = false;
  focused = false;
  minimized = false;
  maximized = false;
  destroyed = false;
  normalBounds: { x: number; y: number; width: number; height: number };

  constructor(readonly options: BrowserWindowConstructorOptions) {
    super();
    this.normalBounds = {
      x: options.x ?? 100,
      y: options.y ?? 80,
      width: options.width ?? 800,
      height: options.height ?? 600,
    };
    BrowserWindow.instances.push(this);
    app.emit('web-contents-created', new FakeEvent(), this.webContents);
  }

  async loadURL(url: string): Promise<void> {
    this.loadedUrl = url;
    if (url.startsWith('file:')) this.loadedFileText = readFileSync(fileURLToPath(url), 'utf8');
    this.webContents.loading = true;
    const outcome = BrowserWindow.loadOutcome;
    if (outcome === 'hangs') return new Promise<void>(() => undefined);
    await Promise.resolve();
    this.webContents.loading = false;
    if (outcome === 'fails') {
      this.webContents.emit('did-fail-load', new FakeEvent(), -105, 'ERR_NAME_NOT_RESOLVED', url, true);
      throw new Error(`ERR_NAME_NOT_RESOLVED (-105) loading '${url}'`);
    }
    this.webContents.emit('did-finish-load', new FakeEvent());
  }
  isVisible(): boolean {
    return this.visible;
  }
  /**
   * Plays Windows ending the session (shutdown, restart, log-off): the window
   * hears `session-end`, and then the process is gone. No `before-quit`,
   * no `will-quit`: whatever was to be done on quit is skipped.
   */
  endSession(): void {
    this.emit('session-end', new FakeEvent());
  }
  /** Destroys at once, as Electron does: no `close`, only `closed`. */
  destroy(): void {
    this.destroyed = true;
    this.emit('closed');
  }
  show(): void {
    this.visible = true;
  }
  hide(): void {
    this.visible = false;
  }
  focus(): void {
    this.focused = true;
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  restore(): void {
    this.minimized = false;
  }
  maximize(): void {
    this.maximized = true;
  }
  isMaximized(): boolean {
    return this.maximized;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  getNormalBounds(): { x: number; y: number; width: number; height: number } {
    return this.normalBounds;
  }
  /** Closes as Electron does: `close`, then `closed`. */
  close(): void {
    const event = new FakeEvent();
    this.emit('close', event);
    // As in Electron, a `close` listener may keep the window (e.g. to hide it in the tray).
    if (event.defaultPrevented) return;
    this.destroyed = true;
    this.emit('closed');
  }
}

/** The app: lifecycle, paths and the single-instance lock. */
/** The fake of `app.commandLine`: records the switches, in the app's log too. */
class FakeCommandLine {
  readonly switches = new Map<string, string>();
  constructor(private readonly log: string[]) {}
  appendSwitch(name: string, value = ''): void {
    this.log.push(`appendSwitch:${name}`);
    this.switches.set(name, value);
  }
  hasSwitch(name: string): boolean {
    return this.switches.has(name);
  }
  getSwitchValue(name: string): string {
    return this.switches.get(name) ?? '';
  }
}

class FakeApp extends EventEmitter {
  isPackaged = false;
  ready = false;
  quitting = false;
  exitCode: number | null = null;
  sandboxEnabled = false;
  userModelId: string | null = null;
  gotSingleInstanceLock = true;
  quitRequests = 0;
  paths: Record<string, string> = {};
  appPath = '/nonexistent-app';
  /** The order in which things happened, for "before ready" checks. */
  readonly log: string[] = [];
  /** The command-line switches appended (and any a test says the user passed), by name. */
  readonly commandLine = new FakeCommandLine(this.log);

  requestSingleInstanceLock(): boolean {
    return this.gotSingleInstanceLock;
  }
  setAppUserModelId(id: string): void {
    this.userModelId = id;
  }
  enableSandbox(): void {
    this.log.push('enableSandbox');
    this.sandboxEnabled = true;
  }
  getPath(name: string): string {
    const found = this.paths[name];
    if (found === undefined) throw new Error(`fake app: no path named ${name}`);
    return found;
  }
  getAppPath(): string {
    return this.appPath;
  }
  getVersion(): string {
    return '0.1.0-test';
  }
  isReady(): boolean {
    return this.ready;
  }
  async whenReady(): Promise<void> {
    this.ready = true;
    this.log.push('ready');
    this.emit('ready');
  }
  /** As Electron: `before-quit` may be prevented; if not, the app quits. */
  quit(): void {
    this.quitRequests++;
    const event = new FakeEvent();
    this.emit('before-quit', event);
    if (event.defaultPrevented) return;
    this.quitting = true;
    this.emit('will-quit', new FakeEvent());
  }
  exit(code = 0): void {
    this.exitCode = code;
  }
  /** Login item settings (macOS, Windows), as last set. */
  loginItem = { openAtLogin: false };
  /**
   * What the system made of it, as Electron reports: macOS's `status` (an
   * unsigned or unapproved app's item waits for approval) and Windows's
   * `executableWillLaunchAtLogin` (false when turned off in Task Manager).
   * A test sets these to play a system that did not keep the request.
   */
  loginItemAwaitsApproval = false;
  startupEntryTurnedOff = false;
  getLoginItemSettings(): {
    openAtLogin: boolean;
    status: 'not-registered' | 'enabled' | 'requires-approval';
    executableWillLaunchAtLogin: boolean;
  } {
    const { openAtLogin } = this.loginItem;
    return {
      openAtLogin,
      status: !openAtLogin ? 'not-registered' : this.loginItemAwaitsApproval ? 'requires-approval' : 'enabled',
      executableWillLaunchAtLogin: openAtLogin && !this.startupEntryTurnedOff,
    };
  }
  setLoginItemSettings(settings: { openAtLogin: boolean }): void {
    this.loginItem = { openAtLogin: settings.openAtLogin };
  }
}

/** `ipcMain`: handlers by channel, and `invoke` to call one as a frame would. */
class FakeIpcMain {
  readonly handlers = new Map<string, (event: { senderFrame: FakeFrame | null }, ...args: unknown[]) => unknown>();

  handle(channel: string, listener: (event: { senderFrame: FakeFrame | null }, ...args: unknown[]) => unknown): void {
    // Electron refuses a second handler for a channel; so does the fake.
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, listener);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
  async invoke(channel: string, input: unknown, frame: FakeFrame | null = APP_FRAME): Promise<unknown> {
    const handler = this.handlers.get(channel);
    if (handler === undefined) throw new Error(`No handler registered for '${channel}'`);
    return handler({ senderFrame: frame }, input);
  }
}

/** `ipcRenderer`: `invoke` goes to the fake `ipcMain` from the frame `frame`. */
class FakeIpcRenderer extends EventEmitter {
  frame: FakeFrame = APP_FRAME;
  readonly invoked: Array<{ readonly channel: string; readonly input: unknown }> = [];

  async invoke(channel: string, input: unknown): Promise<unknown> {
    this.invoked.push({ channel, input });
    return ipcMain.invoke(channel, input, this.frame);
  }
}

/** `protocol`: what was registered, and `fetch` to request from a handled scheme. */
class FakeProtocol {
  readonly privileged: Array<{ readonly schemes: CustomScheme[]; readonly beforeReady: boolean }> = [];
  readonly handlers = new Map<string, (request: Request) => Response | Promise<Response>>();

  registerSchemesAsPrivileged(schemes: CustomScheme[]): void {
    this.privileged.push({ schemes, beforeReady: !app.ready });
  }
  handle(scheme: string, handler: (request: Request) => Response | Promise<Response>): void {
    this.handlers.set(scheme, handler);
  }
  async fetch(url: string, init?: RequestInit): Promise<Response> {
    const scheme = new URL(url).protocol.slice(0, -1);
    const handler = this.handlers.get(scheme);
    if (handler === undefined) throw new Error(`no handler for ${scheme}:`);
    return handler(new Request(url, init));
  }
}

type PermissionRequestHandler = Parameters<Session['setPermissionRequestHandler']>[0];
type PermissionCheckHandler = Parameters<Session['setPermissionCheckHandler']>[0];
type DevicePermissionHandler = Parameters<Session['setDevicePermissionHandler']>[0];

/** A session's permission handlers. */
export class FakeSession {
  /** As in Electron, the spellchecker is on until turned off (and then downloads dictionaries off macOS). */
  spellCheckerEnabled = true;
  readonly dictionaryWords: string[] = [];
  setSpellCheckerEnabled(enable: boolean): void {
    this.spellCheckerEnabled = enable;
  }
  addWordToSpellCheckerDictionary(word: string): boolean {
    this.dictionaryWords.push(word);
    return true;
  }
  requestHandler: PermissionRequestHandler = null;
  checkHandler: PermissionCheckHandler = null;
  deviceHandler: DevicePermissionHandler = null;

  setPermissionRequestHandler: Session['setPermissionRequestHandler'] = (handler) => {
    this.requestHandler = handler;
  };
  setPermissionCheckHandler: Session['setPermissionCheckHandler'] = (handler) => {
    this.checkHandler = handler;
  };
  setDevicePermissionHandler: Session['setDevicePermissionHandler'] = (handler) => {
    this.deviceHandler = handler;
  };

  /**
   * Plays what Chromium does when a page at `url` uses a permission (e.g.
   * `navigator.clipboard.writeText` asks for `clipboard-sanitized-write`):
   * the check handler with the page's origin, then the request handler.
   * With no handler set, Electron grants; so does this.
   */
  async usePermission(permission: PermissionName, url: string): Promise<boolean> {
    // Chromium's origin of a standard scheme; Node's URL gives 'null' for app:, so it is built here.
    const parsed = new URL(url);
    const origin = `${parsed.protocol}//${parsed.host}`;
    const checked =
      this.checkHandler?.(null, permission, origin, {
        isMainFrame: true,
        requestingUrl: url,
        securityOrigin: origin,
      }) ?? true;
    if (!checked) return false;
    if (this.requestHandler === null) return true;
    const handler = this.requestHandler;
    return new Promise((resolve) =>
      // The handlers under test do not read the webContents; Electron's type asks for one.
      handler({} as Electron.WebContents, permission, resolve, { isMainFrame: true, requestingUrl: url }),
    );
  }
}

/** A permission name as Electron's permission handlers receive it. */
export type PermissionName = Parameters<NonNullable<PermissionRequestHandler>>[1];

/** `shell`: records what would have been opened. */
class FakeShell {
  readonly openedExternal: string[] = [];
  readonly openedPaths: string[] = [];
  openPathAnswer = '';

  async openExternal(url: string): Promise<void> {
    this.openedExternal.push(url);
  }
  async openPath(path: string): Promise<string> {
    this.openedPaths.push(path);
    return this.openPathAnswer;
  }
}

/** `dialog`: records message boxes and answers with scripted button indexes (0 by default). */
class FakeDialog {
  readonly shown: MessageBoxOptions[] = [];
  readonly answers: number[] = [];
  readonly saveDialogs: SaveDialogOptions[] = [];
  /** Answers of the save dialog, in order; cancelled when none is left. */
  readonly saveAnswers: SaveDialogReturnValue[] = [];

  async showSaveDialog(
    windowOrOptions: BrowserWindow | SaveDialogOptions,
    maybeOptions?: SaveDialogOptions,
  ): Promise<SaveDialogReturnValue> {
    const options = windowOrOptions instanceof BrowserWindow ? maybeOptions : windowOrOptions;
    if (options === undefined) throw new Error('showSaveDialog without options');
    this.saveDialogs.push(options);
    return this.saveAnswers.shift() ?? { canceled: true, filePath: '' };
  }

  readonly openDialogs: OpenDialogOptions[] = [];
  /** Answers of the open dialog, in order; cancelled when none is left. */
  readonly openAnswers: OpenDialogReturnValue[] = [];

  async showOpenDialog(
    windowOrOptions: BrowserWindow | OpenDialogOptions,
    maybeOptions?: OpenDialogOptions,
  ): Promise<OpenDialogReturnValue> {
    const options = windowOrOptions instanceof BrowserWindow ? maybeOptions : windowOrOptions;
    if (options === undefined) throw new Error('showOpenDialog without options');
    this.openDialogs.push(options);
    return this.openAnswers.shift() ?? { canceled: true, filePaths: [] };
  }

  async showMessageBox(
    windowOrOptions: BrowserWindow | MessageBoxOptions,
    maybeOptions?: MessageBoxOptions,
  ): Promise<{ response: number; checkboxChecked: boolean }> {
    const options = windowOrOptions instanceof BrowserWindow ? maybeOptions : windowOrOptions;
    if (options === undefined) throw new Error('showMessageBox without options');
    this.shown.push(options);
    return { response: this.answers.shift() ?? 0, checkboxChecked: false };
  }
}

/** A built menu: its template, and `popup` as a context menu. */
export interface FakeMenu {
  readonly template: MenuItemConstructorOptions[];
  popup(options?: { window?: BrowserWindow }): void;
}

/** `Menu`: keeps the template that was set, and the menus popped up. */
class FakeMenuModule {
  applicationMenu: FakeMenu | null = null;
  readonly popups: Array<{ readonly template: MenuItemConstructorOptions[]; readonly window?: BrowserWindow }> = [];
  buildFromTemplate(template: MenuItemConstructorOptions[]): FakeMenu {
    return {
      template,
      popup: (options) => this.popups.push({ template, ...(options?.window ? { window: options.window } : {}) }),
    };
  }
  setApplicationMenu(menu: FakeMenu | null): void {
    this.applicationMenu = menu;
  }
}

/** `contextBridge`: what the preload exposed, by key. */
class FakeContextBridge {
  readonly exposed = new Map<string, unknown>();
  exposeInMainWorld(key: string, api: unknown): void {
    if (this.exposed.has(key)) throw new Error(`Cannot bind an API on top of an existing property: ${key}`);
    this.exposed.set(key, api);
  }
}

export const app = new FakeApp();
export const ipcMain = new FakeIpcMain();
export const ipcRenderer = new FakeIpcRenderer();
export const protocol = new FakeProtocol();
export const session = { defaultSession: new FakeSession() };
export const shell = new FakeShell();
export const dialog = new FakeDialog();
export const contextBridge = new FakeContextBridge();
export const Menu = new FakeMenuModule();

/**
 * A system notification: records what was shown; a test plays the click, the
 * close, the system refusing it (`failed`, as unsigned macOS builds do), or
 * a Windows activation from Action Center (`activate`), which reaches only
 * the handleActivation callback: by then the object has had its `close`.
 */
export class Notification extends EventEmitter {
  static supported = true;
  static readonly instances: Notification[] = [];
  static activationHandler: ((details: { type: string; arguments: string }) => void) | null = null;
  shown = false;
  constructor(readonly options: { readonly id?: string; readonly title?: string; readonly body?: string }) {
    super();
    Notification.instances.push(this);
  }
  static isSupported(): boolean {
    return Notification.supported;
  }
  static handleActivation(callback: (details: { type: string; arguments: string }) => void): void {
    Notification.activationHandler = callback;
  }
  show(): void {
    this.shown = true;
  }
  /** Plays the system refusing to show it. */
  fail(error: string): void {
    this.emit('failed', new FakeEvent(), error);
  }
  /** Plays a Windows toast timing out into Action Center, then clicked there. */
  clickInActionCenter(activationArguments: string): void {
    this.emit('close', new FakeEvent());
    Notification.activationHandler?.({ type: 'click', arguments: activationArguments });
  }
}

/** A tray icon: its tooltip, title and menu as last set. */
export class Tray extends EventEmitter {
  static readonly instances: Tray[] = [];
  toolTip = '';
  title = '';
  menu: FakeMenu | null = null;
  destroyed = false;
  constructor(readonly image: unknown) {
    super();
    Tray.instances.push(this);
  }
  setToolTip(text: string): void {
    this.toolTip = text;
  }
  setTitle(title: string): void {
    this.title = title;
  }
  setContextMenu(menu: FakeMenu | null): void {
    this.menu = menu;
  }
  destroy(): void {
    this.destroyed = true;
  }
}

/** An image as `nativeImage` makes it: its path, and whether it is a template (macOS tints those). */
export interface FakeImage {
  readonly path: string;
  template: boolean;
  readonly width?: number;
  setTemplateImage(option: boolean): void;
  resize(size: { width: number }): FakeImage;
}

function fakeImage(path: string, width?: number): FakeImage {
  return {
    path,
    // As on macOS, a file named *Template is a template image.
    template: /Template(@\dx)?\.png$/.test(path),
    ...(width === undefined ? {} : { width }),
    setTemplateImage(option) {
      this.template = option;
    },
    resize: (size) => fakeImage(path, size.width),
  };
}

/** `nativeImage`: an image that remembers its path. */
export const nativeImage = {
  createFromPath(path: string): FakeImage {
    return fakeImage(path);
  },
};

/** `powerMonitor`: a test emits `resume`, `unlock-screen` or `shutdown` (with a FakeEvent). */
export const powerMonitor = new EventEmitter();
/** No system key store in tests: the backend stores the key unwrapped, as in the web host. */
export const safeStorage = {
  isEncryptionAvailable: (): boolean => false,
  encryptString: (text: string): Buffer => Buffer.from(text),
  decryptString: (data: Buffer): string => data.toString(),
};
export const screen = {
  displays: [{ workArea: { x: 0, y: 0, width: 1920, height: 1040 } }],
  getAllDisplays(): Array<{ workArea: { x: number; y: number; width: number; height: number } }> {
    return screen.displays;
  },
};
