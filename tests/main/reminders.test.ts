/**
 * Reminders on the desktop, against the fake electron with a real backend on
 * temp folders: system notifications (a click opens the item), the tray with
 * its counts where a tray exists (closing then hides the window, explained
 * once), the power monitor waking the scheduler, and start at login.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createReminderNotifier, hashOf, type NotificationClass } from '../../electron/main/reminderNotifications.ts';
import { autostartFile, createStartAtLogin, desktopEntry, quoteExec } from '../../electron/main/startAtLogin.ts';
import { trayAvailable, trayText } from '../../electron/main/tray.ts';
import type { ReminderNotice } from '../../electron/backend/reminders/scheduler.ts';
import { tempDir } from '../helpers/tempDir.ts';

type Fake = typeof import('./fakeElectron.ts');
const running: Fake[] = [];

afterEach(async () => {
  for (const fake of running.splice(0)) {
    if (!fake.app.quitting && fake.app.exitCode === null) {
      fake.app.quit();
      await vi.waitFor(() => expect(fake.app.quitting).toBe(true));
    }
  }
  vi.unstubAllEnvs();
});

/** Starts main.ts afresh on temp folders (as main.test.ts does), with the desktop named. */
async function launch(desktop: string) {
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
  vi.stubEnv('XDG_CURRENT_DESKTOP', desktop);
  const main = await import('../../electron/main/main.ts');
  running.push(fake);
  await main.started;
  const window = fake.BrowserWindow.instances[0];
  if (window === undefined) throw new Error('no window');
  return { fake, userData, window };
}

const notice: ReminderNotice = {
  kind: 'reminders',
  count: 1,
  titles: ['Award a new contract'],
  message: 'Award a new contract',
  body: 'Due in 30 days, on 24 June 2027',
  items: [
    {
      key: 'cnd:cnd_1:2027-06-24|lead|2027-06-24|30',
      deadlineKey: 'cnd:cnd_1:2027-06-24',
      title: 'Award a new contract',
      due: '2027-06-24',
      kind: 'lead',
      offset: 30,
      source: { kind: 'condition', id: 'cnd_1' },
    },
  ],
};

describe('reminder notifications', () => {
  it('show the notice, keep a reference until clicked or closed, and a click opens the item', async () => {
    const fake = await import('./fakeElectron.ts');
    const opened: string[] = [];
    const notifier = createReminderNotifier(
      fake.Notification satisfies NotificationClass,
      (h) => opened.push(h),
      () => {},
    );
    notifier.notify(notice);
    notifier.notify({
      ...notice,
      count: 2,
      message: '2 reminders while you were away',
      items: [...notice.items, ...notice.items],
    });
    const [first, second] = fake.Notification.instances.slice(-2);
    expect(first?.options).toEqual({ title: 'Award a new contract', body: 'Due in 30 days, on 24 June 2027' });
    expect(first?.shown).toBe(true);
    expect(notifier.showing.size).toBe(2);
    first?.emit('click');
    expect(opened).toEqual(['#/deadlines?key=cnd%3Acnd_1%3A2027-06-24']);
    second?.emit('close');
    expect(notifier.showing.size).toBe(0);
    expect(hashOf({ items: [] })).toBe('#/deadlines?centre=open');
  });

  it('are skipped where the system has no notification server', async () => {
    const fake = await import('./fakeElectron.ts');
    fake.Notification.supported = false;
    try {
      const before = fake.Notification.instances.length;
      createReminderNotifier(
        fake.Notification,
        () => {},
        () => {},
      ).notify(notice);
      expect(fake.Notification.instances.length).toBe(before);
    } finally {
      fake.Notification.supported = true;
    }
  });
});

describe('the tray and the window', () => {
  it('knows where a tray exists', () => {
    expect(trayAvailable('win32', {})).toBe(true);
    expect(trayAvailable('darwin', {})).toBe(true);
    expect(trayAvailable('linux', { XDG_CURRENT_DESKTOP: 'KDE' })).toBe(true);
    expect(trayAvailable('linux', { XDG_CURRENT_DESKTOP: 'ubuntu:GNOME' })).toBe(false);
    expect(trayAvailable('linux', { XDG_CURRENT_DESKTOP: 'Budgie:GNOME' })).toBe(true);
    expect(trayAvailable('linux', {})).toBe(false);
    expect(trayText({ overdue: 2, week: 3 })).toBe('2 overdue, 3 due this week');
    expect(trayText({ overdue: 0, week: 0 })).toBe('Nothing due this week');
  });

  it('with a tray: shows the counts, Open and Quit; closing hides the window, explained once', async () => {
    const { fake, window, userData } = await launch('KDE');
    const tray = fake.Tray.instances.at(-1);
    if (tray === undefined) throw new Error('no tray');
    await vi.waitFor(() => expect(tray.toolTip).toBe('Boardkeeper: Nothing due this week'));
    await fake.ipcMain.invoke('sample:load', {});
    await vi.waitFor(() => expect(tray.toolTip).toMatch(/^Boardkeeper: \d+ overdue/));
    expect(tray.menu?.template.map((item) => item.label ?? item.type)).toEqual([
      tray.toolTip.replace('Boardkeeper: ', ''),
      'separator',
      'Open Boardkeeper',
      'Quit Boardkeeper',
    ]);

    window.visible = true;
    window.close();
    expect(window.destroyed).toBe(false);
    expect(window.visible).toBe(false);
    expect(fake.dialog.shown.map((d) => d.title)).toEqual(['Boardkeeper is still running']);
    window.visible = true;
    window.close();
    expect(fake.dialog.shown).toHaveLength(1);
    expect(existsSync(path.join(userData, 'tray-explained'))).toBe(true);

    // Open from the tray brings it back; a notification's click sends the page to the item.
    const open = tray.menu?.template.find((item) => item.label === 'Open Boardkeeper');
    open?.click?.(...([] as unknown as Parameters<NonNullable<typeof open.click>>));
    expect(window.visible).toBe(true);

    const quit = tray.menu?.template.find((item) => item.label === 'Quit Boardkeeper');
    quit?.click?.(...([] as unknown as Parameters<NonNullable<typeof quit.click>>));
    await vi.waitFor(() => expect(fake.app.quitting).toBe(true));
  });

  it('without a tray: no icon, and closing the window closes it (the app quits)', async () => {
    const { fake, window } = await launch('GNOME');
    expect(fake.Tray.instances.filter((t) => !t.destroyed)).toHaveLength(0);
    window.close();
    expect(window.destroyed).toBe(true);
  });

  it('wires the power monitor to the scheduler, and a notification click navigates the window', async () => {
    const { fake, window } = await launch('GNOME');
    // The scheduler listens to the power monitor (what a look finds is tested in tests/backend/scheduler.test.ts).
    expect(fake.powerMonitor.listenerCount('resume')).toBe(1);
    expect(fake.powerMonitor.listenerCount('unlock-screen')).toBe(1);
    window.webContents.sent.length = 0;
    createReminderNotifier(
      fake.Notification,
      (hash) => window.webContents.send('app:navigate', { hash }),
      () => {},
    ).notify(notice);
    fake.Notification.instances.at(-1)?.emit('click');
    expect(window.webContents.sent).toEqual([
      { channel: 'app:navigate', payload: { hash: '#/deadlines?key=cnd%3Acnd_1%3A2027-06-24' } },
    ]);
    // Quitting stops the scheduler: it no longer listens.
    fake.app.quit();
    await vi.waitFor(() => expect(fake.app.quitting).toBe(true));
    expect(fake.powerMonitor.listenerCount('resume')).toBe(0);
  });
});

describe('start at login', () => {
  it('on Linux writes and removes an autostart entry that runs the AppImage', async () => {
    const home = await tempDir('bk-home-');
    const app = {
      isPackaged: true,
      getLoginItemSettings: () => ({ openAtLogin: false }),
      setLoginItemSettings: () => {},
    };
    const control = createStartAtLogin({
      app,
      platform: 'linux',
      env: { APPIMAGE: '/home/sec/Apps/Boardkeeper 0.1.0.AppImage' },
      homeDir: home,
      execPath: '/tmp/.mount_Board/boardkeeper',
    });
    const file = autostartFile({}, home);
    expect(file).toBe(path.join(home, '.config', 'autostart', 'boardkeeper.desktop'));
    expect(await control.get()).toMatchObject({ supported: true, enabled: false });
    expect(await control.set(true)).toMatchObject({ supported: true, enabled: true });
    const entry = await readFile(file, 'utf8');
    expect(entry).toContain('Exec="/home/sec/Apps/Boardkeeper 0.1.0.AppImage"\n');
    expect(entry).toContain('[Desktop Entry]\nType=Application\n');
    expect(await control.set(false)).toMatchObject({ enabled: false });
    expect(existsSync(file)).toBe(false);
    expect(quoteExec('/a "b" $c`d\\e')).toBe('"/a \\"b\\" \\$c\\`d\\\\e"');
    expect(desktopEntry('/opt/Boardkeeper/boardkeeper')).toContain('Exec="/opt/Boardkeeper/boardkeeper"');
    expect(autostartFile({ XDG_CONFIG_HOME: '/x/cfg' }, home)).toBe('/x/cfg/autostart/boardkeeper.desktop');
  });

  it('on macOS and Windows uses the login item settings; not offered when run from source', async () => {
    const fake = await import('./fakeElectron.ts');
    fake.app.isPackaged = true;
    try {
      for (const platform of ['darwin', 'win32'] as const) {
        const control = createStartAtLogin({ app: fake.app, platform, env: {}, homeDir: '/nowhere', execPath: '/x' });
        expect(await control.set(true)).toMatchObject({ supported: true, enabled: true });
        expect(fake.app.loginItem).toEqual({ openAtLogin: true });
        expect(await control.set(false)).toMatchObject({ enabled: false });
      }
      fake.app.isPackaged = false;
      const dev = createStartAtLogin({
        app: fake.app,
        platform: 'linux',
        env: {},
        homeDir: '/nowhere',
        execPath: '/x',
      });
      expect(await dev.set(true)).toMatchObject({ supported: false, enabled: false });
    } finally {
      fake.app.isPackaged = false;
    }
  });

  it('is a channel the page can toggle (here from source: not supported, said plainly)', async () => {
    const { fake } = await launch('GNOME');
    expect(await fake.ipcMain.invoke('app:getStartAtLogin', {})).toMatchObject({
      ok: true,
      value: { supported: false, how: 'Available in the installed app, not when run from source.' },
    });
  });
});
