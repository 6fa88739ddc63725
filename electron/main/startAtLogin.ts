/**
 * Starting the app when the person logs in, so reminders fire without
 * opening it by hand: macOS and Windows through Electron's login item
 * settings; Linux through an autostart entry (`~/.config/autostart`, the
 * XDG rule), which runs the AppImage itself when the app is one (its own
 * path is in $APPIMAGE; the executable inside is in a temporary mount).
 *
 * What the system says is read back rather than assumed: on macOS 13+ a login
 * item may wait for the person's approval (and an unsigned app's may never
 * take), and on Windows a startup entry may be turned off in Task Manager.
 */
import { existsSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { StartAtLogin } from '../../shared/contract/deadlineViews.ts';
import type { StartAtLoginControl } from '../backend/platform.ts';
import { PRODUCT_NAME } from './appIdentity.ts';

/** What Electron's `app.getLoginItemSettings()` answers, in the parts used here. */
export interface LoginItemState {
  readonly openAtLogin: boolean;
  /** macOS: 'requires-approval' until the person allows it in System Settings. */
  readonly status?: 'not-registered' | 'enabled' | 'requires-approval' | 'not-found';
  /** Windows: false when the entry exists but is turned off (Task Manager, Settings → Startup). */
  readonly executableWillLaunchAtLogin?: boolean;
}

/** The part of Electron's `app` used here. */
export interface LoginItemApp {
  readonly isPackaged: boolean;
  getLoginItemSettings(): LoginItemState;
  setLoginItemSettings(settings: { openAtLogin: boolean }): void;
}

/** Where the Linux autostart entry lives. */
export function autostartFile(env: Readonly<Record<string, string | undefined>>, homeDir: string): string {
  const config = env.XDG_CONFIG_HOME?.trim() ? env.XDG_CONFIG_HOME : path.join(homeDir, '.config');
  return path.join(config, 'autostart', 'boardkeeper.desktop');
}

/** Quotes an Exec argument as the Desktop Entry spec asks: double quotes, with " ` $ \ escaped. */
export function quoteExec(arg: string): string {
  return `"${arg.replace(/(["`$\\])/g, '\\$1')}"`;
}

/**
 * The Exec value that runs `executable`: quoted (quoteExec), then written as
 * a desktop-entry string, whose own escapes are undone before the quoting
 * rule (so each backslash is doubled again, a literal one becoming four),
 * and with `%` doubled, since a single `%` starts a field code (`%f`, `%u`...).
 */
export function execValue(executable: string): string {
  const stringEscapes: Readonly<Record<string, string>> = { '\\': '\\\\', '\n': '\\n', '\t': '\\t', '\r': '\\r' };
  return quoteExec(executable)
    .replace(/[\\\n\t\r]/g, (c) => stringEscapes[c] ?? c)
    .replace(/%/g, '%%');
}

/** The autostart entry that starts `executable`. */
export function desktopEntry(executable: string): string {
  return [
    '[Desktop Entry]',
    'Type=Application',
    `Name=${PRODUCT_NAME}`,
    'Comment=Deadlines and reminders for oversight boards',
    `Exec=${execValue(executable)}`,
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
}

/** Start at login for this platform. */
export function createStartAtLogin(deps: {
  readonly app: LoginItemApp;
  readonly platform: NodeJS.Platform;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly homeDir: string;
  readonly execPath: string;
}): StartAtLoginControl {
  const { app, platform, env } = deps;
  const linuxFile = autostartFile(env, deps.homeDir);
  const how =
    platform === 'linux'
      ? `An autostart entry in ${path.dirname(linuxFile)}`
      : platform === 'darwin'
        ? 'A login item (System Settings, General, Login Items)'
        : 'A startup entry (Settings, Apps, Startup)';
  const read = (): StartAtLogin => {
    if (!app.isPackaged) {
      return { supported: false, enabled: false, how: 'Available in the installed app, not when run from source.' };
    }
    if (platform === 'linux') return { supported: true, enabled: existsSync(linuxFile), how };
    if (platform === 'darwin' || platform === 'win32')
      return loginItemStatus(platform, app.getLoginItemSettings(), how);
    return { supported: false, enabled: false, how: 'Not available on this system.' };
  };
  return {
    async get() {
      return read();
    },
    async set(enabled) {
      const now = read();
      if (!now.supported) return now;
      if (platform === 'linux') {
        if (enabled) {
          await mkdir(path.dirname(linuxFile), { recursive: true });
          await writeFile(linuxFile, desktopEntry(env.APPIMAGE?.trim() ? env.APPIMAGE : deps.execPath));
        } else {
          await rm(linuxFile, { force: true });
        }
      } else {
        app.setLoginItemSettings({ openAtLogin: enabled });
      }
      const after = read();
      // The system may take the request and not keep it (an unsigned macOS app's login item): say so.
      if (enabled && !after.enabled && after.how === how) {
        return { ...after, how: `${how}: the system did not keep it. Add ${PRODUCT_NAME} there by hand.` };
      }
      return after;
    },
  };
}

/** Start at login on macOS or Windows as the system reports it, saying when the person must act. */
export function loginItemStatus(platform: 'darwin' | 'win32', state: LoginItemState, how: string): StartAtLogin {
  if (platform === 'darwin' && state.status === 'requires-approval') {
    return {
      supported: true,
      enabled: false,
      how: `Waiting for your approval: in System Settings, General, Login Items, allow ${PRODUCT_NAME}.`,
    };
  }
  if (platform === 'darwin' && state.status === 'not-found') {
    return {
      supported: true,
      enabled: false,
      how: `macOS could not register ${PRODUCT_NAME} as a login item. Move it to Applications and try again, or add it in System Settings, General, Login Items.`,
    };
  }
  if (platform === 'win32' && state.openAtLogin && state.executableWillLaunchAtLogin === false) {
    return {
      supported: true,
      enabled: false,
      how: `Turned off in Windows: turn ${PRODUCT_NAME} on in Settings, Apps, Startup (or Task Manager, Startup apps).`,
    };
  }
  const enabled = platform === 'darwin' && state.status !== undefined ? state.status === 'enabled' : state.openAtLogin;
  return { supported: true, enabled, how };
}
