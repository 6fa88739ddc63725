/**
 * The app itself, as the host runs it: starting at login (where the host
 * can), opening the data folder in the system's file manager, and quitting.
 */
import type { StartAtLogin } from '../../../shared/contract/deadlineViews.ts';
import { AppFailure } from '../../../shared/contract/result.ts';
import type { Platform } from '../platform.ts';

const UNSUPPORTED: StartAtLogin = {
  supported: false,
  enabled: false,
  how: 'Only the desktop app can start when you log in.',
};

/** Whether the app starts at login; unsupported where the host cannot say (the web host). */
export async function getStartAtLogin(platform: Pick<Platform, 'startAtLogin'>): Promise<StartAtLogin> {
  return platform.startAtLogin ? platform.startAtLogin.get() : UNSUPPORTED;
}

/** Turns starting at login on or off; refused where the host cannot. */
export async function setStartAtLogin(
  platform: Pick<Platform, 'startAtLogin'>,
  enabled: boolean,
): Promise<StartAtLogin> {
  if (!platform.startAtLogin) throw new AppFailure('conflict', UNSUPPORTED.how);
  return platform.startAtLogin.set(enabled);
}

/** Opens the data folder in the system's file manager. */
export async function openDataFolder(
  platform: Pick<Platform, 'openPath'>,
  dataDir: string,
): Promise<{ path: string; opened: boolean }> {
  return { path: dataDir, opened: await platform.openPath(dataDir) };
}

/** Quits a moment later, so the caller sees its reply first. */
export function quitSoon(platform: Pick<Platform, 'quit'>): { quitting: true } {
  setTimeout(() => platform.quit(), 10);
  return { quitting: true };
}
