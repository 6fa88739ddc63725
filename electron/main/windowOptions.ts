/**
 * The main window's construction options, built in one place so a test can
 * check every security setting as the window receives it.
 */
import type { BrowserWindowConstructorOptions } from 'electron';
import { PRODUCT_NAME } from './appIdentity.ts';
import { DEFAULT_WINDOW_SIZE, MIN_WINDOW_SIZE, type WindowState } from './windowState.ts';

/** What the options depend on. */
export interface WindowOptionsInput {
  /** Absolute path of the bundled preload (dist/preload/preload.cjs). */
  readonly preloadPath: string;
  /** The remembered size and position, already fitted to the screens. */
  readonly state: WindowState | null;
  /** Developer tools: on when running from source, off in a packaged app. */
  readonly devTools: boolean;
  /** The window icon (Linux and Windows use it; macOS takes the bundle's). */
  readonly icon?: string;
  /** Spellchecking in fields: only where it needs no download (spelling.ts). */
  readonly spellcheck: boolean;
}

/**
 * Options for the main window. Every security-relevant web preference is
 * written out, even where it is Electron's default, so a future default
 * change or a careless edit shows up in review and in tests/main.
 */
export function createWindowOptions(input: WindowOptionsInput): BrowserWindowConstructorOptions {
  const { state } = input;
  return {
    title: PRODUCT_NAME,
    width: state?.width ?? DEFAULT_WINDOW_SIZE.width,
    height: state?.height ?? DEFAULT_WINDOW_SIZE.height,
    ...(state?.x !== undefined && state.y !== undefined ? { x: state.x, y: state.y } : { center: true }),
    minWidth: MIN_WINDOW_SIZE.width,
    minHeight: MIN_WINDOW_SIZE.height,
    // Shown on `ready-to-show`, so the user never sees a blank frame.
    show: false,
    backgroundColor: '#ffffff',
    ...(input.icon === undefined ? {} : { icon: input.icon }),
    webPreferences: {
      preload: input.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      // Middle-click opens links in a new window; the open handler denies
      // those anyway, but the feature is not needed at all.
      disableBlinkFeatures: 'Auxclick',
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      devTools: input.devTools,
      spellcheck: input.spellcheck,
    },
  };
}
