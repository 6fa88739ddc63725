import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { buildMenuTemplate } from '../../electron/main/menu.ts';

function recorder() {
  const calls: string[] = [];
  return {
    calls,
    actions: {
      backUpNow: () => calls.push('backUpNow'),
      openDataFolder: () => calls.push('openDataFolder'),
      showAbout: () => calls.push('showAbout'),
    },
  };
}

function submenu(item: MenuItemConstructorOptions | undefined): MenuItemConstructorOptions[] {
  const items = item?.submenu;
  if (!Array.isArray(items)) throw new Error(`${item?.label ?? 'item'} has no submenu array`);
  return items;
}

function click(item: MenuItemConstructorOptions | undefined): void {
  if (item?.click === undefined) throw new Error(`${item?.label ?? 'item'} is not clickable`);
  // Our handlers ignore the item, window and event Electron would pass.
  Reflect.apply(item.click, undefined, []);
}

const byLabel = (items: MenuItemConstructorOptions[], label: string) => items.find((i) => i.label === label);

describe('the application menu', () => {
  it('has File, Edit, View, Window and Help on Windows and Linux', () => {
    const { actions } = recorder();
    const template = buildMenuTemplate('linux', actions, { devTools: false });
    expect(template.map((item) => item.label)).toEqual(['File', 'Edit', 'View', 'Window', 'Help']);
    expect(byLabel(template, 'Edit')?.role).toBe('editMenu');
    expect(byLabel(template, 'Window')?.role).toBe('windowMenu');
  });

  it('File has Back up now and Quit; Help has About and Open data folder, wired to their actions', () => {
    const { actions, calls } = recorder();
    const template = buildMenuTemplate('win32', actions, { devTools: false });
    const file = submenu(byLabel(template, 'File'));
    click(byLabel(file, 'Back up now'));
    expect(file.at(-1)).toMatchObject({ role: 'quit', label: 'Quit' });
    const help = submenu(byLabel(template, 'Help'));
    click(byLabel(help, 'About Boardkeeper'));
    click(byLabel(help, 'Open data folder'));
    expect(calls).toEqual(['backUpNow', 'showAbout', 'openDataFolder']);
  });

  it('View has the zoom roles, and developer tools only when running from source', () => {
    const { actions } = recorder();
    const roles = (devTools: boolean) =>
      submenu(byLabel(buildMenuTemplate('linux', actions, { devTools }), 'View')).map((item) => item.role);
    expect(roles(false)).toEqual(expect.arrayContaining(['resetZoom', 'zoomIn', 'zoomOut', 'togglefullscreen']));
    expect(roles(false)).not.toContain('toggleDevTools');
    expect(roles(false)).not.toContain('reload');
    expect(roles(true)).toContain('toggleDevTools');
  });

  it('puts the app menu first on macOS, and File closes the window there', () => {
    const { actions } = recorder();
    const template = buildMenuTemplate('darwin', actions, { devTools: false });
    expect(template[0]).toMatchObject({ label: 'Boardkeeper', role: 'appMenu' });
    expect(submenu(byLabel(template, 'File')).at(-1)).toMatchObject({ role: 'close' });
  });
});
