/**
 * Starting the app when the person logs in, so reminders fire without
 * opening it by hand: macOS and Windows through Electron's login item
 * settings; Linux through an autostart entry (`~/.config/autostart`, the
 * XDG rule), which runs the AppImage itself when the app is one (its own
 * path is in $APPIMAGE; the executable inside is in a temporary mount).
 */
import { existsSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { StartAtLogin } from '../../shared/contract/deadlineViews.ts';
import type { StartAtLoginControl } from '../backend/platform.ts';
import { PRODUCT_NAME } from './appIdentity.ts';

/** The part of Electron's `app` used here. */
export interface LoginItemApp {
  readonly isPackaged: boolean;
  getLoginItemSettings(): { openAtLogin: boolean };
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

/** The autostart entry that starts `executable`. */
export function desktopEntry(executable: string): string {
  return [
    '[Desktop Entry]',
    'Type=Application',
    `Name=${PRODUCT_NAME}`,
    'Comment=Deadlines and reminders for oversight boards',
    `Exec=${quoteExec(executable)}`,
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
    if (platform === 'darwin' || platform === 'win32') {
      return { supported: true, enabled: app.getLoginItemSettings().openAtLogin, how };
    }
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
      return read();
    },
  };
}
