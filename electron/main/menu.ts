/**
 * The application menu: File (Back up now, Quit), Edit, View (zoom), Window,
 * Help (About, Open data folder). Built as a plain template so a test can read
 * it; roles give each platform its native labels and shortcuts.
 */
import type { MenuItemConstructorOptions } from 'electron';
import { PRODUCT_NAME } from './appIdentity.ts';

/** What the app-specific items do; wired to the backend and dialogs in main.ts. */
export interface MenuActions {
  backUpNow(): void;
  openDataFolder(): void;
  showAbout(): void;
}

/** Builds the menu template for `platform`; developer items only when `devTools` is on. */
export function buildMenuTemplate(
  platform: NodeJS.Platform,
  actions: MenuActions,
  options: { readonly devTools: boolean },
): MenuItemConstructorOptions[] {
  const isMac = platform === 'darwin';
  const backUp: MenuItemConstructorOptions = { label: 'Back up now', click: () => actions.backUpNow() };
  const openDataFolder: MenuItemConstructorOptions = {
    label: 'Open data folder',
    click: () => actions.openDataFolder(),
  };
  const about: MenuItemConstructorOptions = { label: `About ${PRODUCT_NAME}`, click: () => actions.showAbout() };
  const developer: MenuItemConstructorOptions[] = options.devTools
    ? [{ role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }, { type: 'separator' }]
    : [];

  return [
    // macOS puts About and Quit in the app menu, named after the app.
    ...(isMac ? [{ label: PRODUCT_NAME, role: 'appMenu' } satisfies MenuItemConstructorOptions] : []),
    {
      label: 'File',
      submenu: [backUp, { type: 'separator' }, isMac ? { role: 'close' } : { role: 'quit', label: 'Quit' }],
    },
    { label: 'Edit', role: 'editMenu' },
    {
      label: 'View',
      submenu: [
        ...developer,
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    { label: 'Window', role: 'windowMenu' },
    { label: 'Help', role: 'help', submenu: [about, { type: 'separator' }, openDataFolder] },
  ];
}
