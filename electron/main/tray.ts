/**
 * The tray icon: the count of due and overdue deadlines, Open and Quit. Only
 * where the desktop has a tray: there, closing the window keeps the app
 * running (so reminders still fire), which is explained once; elsewhere
 * closing quits, and the next start catches up on what came due.
 */
import type { MenuItemConstructorOptions } from 'electron';
import { PRODUCT_NAME } from './appIdentity.ts';

/**
 * Linux desktops that show tray icons out of the box, as they name themselves
 * in XDG_CURRENT_DESKTOP (upper-cased). Any other desktop gets no tray: GNOME
 * shows none without an extension, tiling compositors (sway, Hyprland, i3...)
 * only with a bar that may not be there, and Electron cannot tell: a Tray
 * made there is silently invisible, and a window hidden into it leaves the
 * app running, unseen, holding the data folder.
 */
export const TRAY_DESKTOPS: ReadonlySet<string> = new Set([
  'KDE',
  'XFCE',
  'X-CINNAMON',
  'CINNAMON',
  'MATE',
  'LXQT',
  'LXDE',
  'BUDGIE',
  'UNITY',
  'DEEPIN',
]);

/** Whole XDG_CURRENT_DESKTOP values with a tray: Ubuntu's GNOME ships its AppIndicator extension on. */
export const TRAY_DESKTOP_VALUES: ReadonlySet<string> = new Set(['UBUNTU:GNOME']);

/** Whether this desktop shows tray icons. Windows and macOS always do; Linux from the allow-lists. */
export function trayAvailable(platform: NodeJS.Platform, env: Readonly<Record<string, string | undefined>>): boolean {
  if (platform === 'win32' || platform === 'darwin') return true;
  if (platform !== 'linux') return false;
  const value = (env.XDG_CURRENT_DESKTOP ?? '').trim().toUpperCase();
  if (TRAY_DESKTOP_VALUES.has(value)) return true;
  return value.split(':').some((desktop) => TRAY_DESKTOPS.has(desktop));
}

/**
 * The tray's image on `platform`: a template image on macOS (the menu bar is
 * light or dark, and a coloured icon is wrong on one of them), the .ico on
 * Windows, the app icon at 16 px elsewhere.
 */
export function trayIcon(
  platform: NodeJS.Platform,
  files: { readonly windowIcon: string; readonly trayTemplate: string; readonly trayIco: string },
): { readonly file: string; readonly template: boolean; readonly width?: number } {
  if (platform === 'darwin') return { file: files.trayTemplate, template: true };
  if (platform === 'win32') return { file: files.trayIco, template: false };
  return { file: files.windowIcon, template: false, width: 16 };
}

/** Due and overdue counts for the tray. */
export interface TrayCounts {
  readonly overdue: number;
  /** Due within the next seven days. */
  readonly week: number;
}

/** The tray's tooltip and its first menu line, e.g. "2 overdue, 3 due this week". */
export function trayText(counts: TrayCounts): string {
  if (counts.overdue === 0 && counts.week === 0) return 'Nothing due this week';
  const parts = [
    counts.overdue > 0 ? `${counts.overdue} overdue` : '',
    counts.week > 0 ? `${counts.week} due this week` : '',
  ].filter(Boolean);
  return parts.join(', ');
}

/** The tray's menu: the counts (opening the deadlines), Open, Quit. */
export function trayMenuTemplate(
  counts: TrayCounts,
  actions: { open(hash?: string): void; quit(): void },
): MenuItemConstructorOptions[] {
  return [
    { label: trayText(counts), click: () => actions.open('#/deadlines') },
    { type: 'separator' },
    { label: `Open ${PRODUCT_NAME}`, click: () => actions.open() },
    { label: `Quit ${PRODUCT_NAME}`, click: () => actions.quit() },
  ];
}

/** The part of Electron's Tray used here. */
export interface TrayLike {
  setToolTip(text: string): void;
  setContextMenu(menu: unknown): void;
  setTitle?(title: string): void;
  on(event: 'click', listener: () => void): unknown;
  destroy(): void;
}

/** Keeps a tray's tooltip, title (macOS menu bar) and menu up to date with the counts. */
export function updateTray(
  tray: TrayLike,
  counts: TrayCounts,
  buildMenu: (template: MenuItemConstructorOptions[]) => unknown,
  actions: { open(hash?: string): void; quit(): void },
  platform: NodeJS.Platform,
): void {
  tray.setToolTip(`${PRODUCT_NAME}: ${trayText(counts)}`);
  // The macOS menu bar shows a short title beside the icon; other trays only the tooltip.
  if (platform === 'darwin')
    tray.setTitle?.(counts.overdue + counts.week > 0 ? String(counts.overdue + counts.week) : '');
  tray.setContextMenu(buildMenu(trayMenuTemplate(counts, actions)));
}

/** The message shown the first time the window is closed into the tray. */
export function keptRunningMessage(platform: NodeJS.Platform): { title: string; message: string; detail: string } {
  const where = platform === 'darwin' ? 'menu bar' : 'tray';
  return {
    title: `${PRODUCT_NAME} is still running`,
    message: `${PRODUCT_NAME} keeps running in the ${where}, so that reminders reach you on time.`,
    detail: `Open it again from the ${where} icon. To stop it, choose Quit ${PRODUCT_NAME} from the icon's menu (or the File menu). This message is shown once.`,
  };
}
