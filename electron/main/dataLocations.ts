/**
 * Where the app keeps things on disk, from the environment and Electron's
 * per-user folder: kept apart from main.ts so a test can check the rules.
 */
import path from 'node:path';

/**
 * The data folder: `BOARD_DATA_DIR` when set (resolved against the working
 * folder), else `<userData>/data`, as docs/architecture.md "Data" says.
 */
export function resolveDataDir(env: Readonly<Record<string, string | undefined>>, userDataDir: string): string {
  const chosen = env.BOARD_DATA_DIR?.trim();
  return chosen ? path.resolve(chosen) : path.join(userDataDir, 'data');
}

/** Files of the built app, relative to `app.getAppPath()` (the project folder or app.asar). */
export function appFiles(appRoot: string): {
  readonly rendererRoot: string;
  readonly preload: string;
  readonly windowIcon: string;
  /** macOS menu-bar icon: black and clear, named *Template so the system tints it (the @2x beside it is found by name). */
  readonly trayTemplate: string;
  /** Windows tray icon: an .ico holding 16 to 256 px, so the taskbar picks its size. */
  readonly trayIco: string;
} {
  return {
    rendererRoot: path.join(appRoot, 'dist', 'renderer'),
    preload: path.join(appRoot, 'dist', 'preload', 'preload.cjs'),
    windowIcon: path.join(appRoot, 'dist', 'icon.png'),
    trayTemplate: path.join(appRoot, 'dist', 'tray', 'trayTemplate.png'),
    trayIco: path.join(appRoot, 'dist', 'tray', 'tray.ico'),
  };
}

/** Files main keeps in userData, beside (not inside) the data folder. */
export function userDataFiles(userDataDir: string): { readonly windowState: string; readonly errorLog: string } {
  return {
    windowState: path.join(userDataDir, 'window-state.json'),
    errorLog: path.join(userDataDir, 'logs', 'main.log'),
  };
}
