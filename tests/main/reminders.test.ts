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
import {
  createReminderNotifier,
  hashOf,
  NOTIFICATIONS_UNAVAILABLE,
  type NotificationClass,
} from '../../electron/main/reminderNotifications.ts';
import {
  autostartFile,
  createStartAtLogin,
  desktopEntry,
  execValue,
  quoteExec,
} from '../../electron/main/startAtLogin.ts';
import { appFiles } from '../../electron/main/dataLocations.ts';
import { trayAvailable, trayIcon, trayText } from '../../electron/main/tray.ts';
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
    const notifier = createReminderNotifier(fake.Notification satisfies NotificationClass, {
      open: (h) => opened.push(h),
      logError: () => {},
      platform: 'linux',
      onUnavailable: () => {},
    });
    notifier.notify(notice);
    notifier.notify({
      ...notice,
      count: 2,
      message: '2 reminders while you were away',
      items: [...notice.items, ...notice.items],
    });
    const [first, second] = fake.Notification.instances.slice(-2);
    expect(first?.options).toMatchObject({ title: 'Award a new contract', body: 'Due in 30 days, on 24 June 2027' });
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
      createReminderNotifier(fake.Notification, {
        open: () => {},
        logError: () => {},
        platform: 'linux',
        onUnavailable: () => {},
      }).notify(notice);
      expect(fake.Notification.instances.length).toBe(before);
    } finally {
      fake.Notification.supported = true;
    }
  });
});

describe('reminder notifications that go wrong on real systems', () => {
  it('log a notification the system refused, and say once that system notifications are unavailable', async () => {
    const fake = await import('./fakeElectron.ts');
    const told: string[] = [];
    const logged: string[] = [];
    const notifier = createReminderNotifier(fake.Notification, {
      open: () => {},
      logError: (where, error) => logged.push(`${where}: ${error instanceof Error ? error.message : String(error)}`),
      platform: 'darwin',
      onUnavailable: (message) => told.push(message),
    });
    const before = fake.Notification.instances.length;
    notifier.notify(notice);
    notifier.notify(notice);
    for (const refused of fake.Notification.instances.slice(before)) refused.fail('Notifications are not allowed');
    expect(logged).toEqual([
      'notification: The system did not show a notification: Notifications are not allowed',
      'notification: The system did not show a notification: Notifications are not allowed',
    ]);
    expect(told).toEqual([NOTIFICATIONS_UNAVAILABLE]);
    expect(notifier.showing.size).toBe(0);
  });

  it('main sends the page one app:notice when the system refuses its notifications, and writes the log', async () => {
    const { fake, window, userData } = await launch('GNOME');
    await vi.waitFor(() => expect(window.webContents.isLoading()).toBe(false));
    window.webContents.sent.length = 0;
    // A reminder fires through the backend's scheduler into main's notifier.
    const fire = fake.Notification.instances.length;
    // A deadline due in two days, and the clock moved on to its day (only Date is faked):
    // waking from sleep makes the scheduler look, and its day-0 reminder is due.
    const inTwoDays = new Date(Date.now() + 2 * 86_400_000);
    const due = inTwoDays.toISOString().slice(0, 10);
    await fake.ipcMain.invoke('deadlines:createManual', { title: 'File the return', due, leadDays: [0] });
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(new Date(`${due}T14:00:00Z`));
      fake.powerMonitor.emit('resume');
      await vi.waitFor(() => expect(fake.Notification.instances.length).toBeGreaterThan(fire), { timeout: 15_000 });
    } finally {
      vi.useRealTimers();
    }
    for (const refused of fake.Notification.instances.slice(fire)) refused.fail('not signed');
    const notices = window.webContents.sent.filter((m) => m.channel === 'app:notice');
    expect(notices).toHaveLength(1);
    expect(notices[0]?.payload).toEqual({ message: expect.stringMatching(/^System notifications are unavailable/) });
    expect(await readFile(path.join(userData, 'logs', 'main.log'), 'utf8')).toContain(
      'The system did not show a notification: not signed',
    );
  }, 30_000);

  it('on Windows, a click in Action Center (after the toast timed out and closed) still opens the item', async () => {
    const fake = await import('./fakeElectron.ts');
    const opened: string[] = [];
    const notifier = createReminderNotifier(fake.Notification, {
      open: (hash) => opened.push(hash),
      logError: () => {},
      platform: 'win32',
      onUnavailable: () => {},
    });
    notifier.notify(notice);
    const toast = fake.Notification.instances.at(-1);
    if (toast === undefined) throw new Error('no toast');
    const id = toast.options.id ?? '';
    expect(id).not.toBe('');
    toast.clickInActionCenter(`tag=${id}`);
    expect(opened).toEqual(['#/deadlines?key=cnd%3Acnd_1%3A2027-06-24']);
    // An activation that names no notification of this run opens the notification centre.
    fake.Notification.activationHandler?.({ type: 'click', arguments: '' });
    expect(opened.at(-1)).toBe('#/deadlines?centre=open');
    // The instance's own click is not also handled (handleActivation hears it too): one open per click.
    toast.emit('click');
    expect(opened).toHaveLength(2);
  });
});

describe('the tray and the window', () => {
  it('knows where a tray exists', () => {
    expect(trayAvailable('win32', {})).toBe(true);
    expect(trayAvailable('darwin', {})).toBe(true);
    expect(trayAvailable('linux', { XDG_CURRENT_DESKTOP: 'KDE' })).toBe(true);
    expect(trayAvailable('linux', { XDG_CURRENT_DESKTOP: 'ubuntu:GNOME' })).toBe(true);
    expect(trayAvailable('linux', { XDG_CURRENT_DESKTOP: 'Budgie:GNOME' })).toBe(true);
    expect(trayAvailable('linux', { XDG_CURRENT_DESKTOP: 'X-Cinnamon' })).toBe(true);
    expect(trayAvailable('linux', {})).toBe(false);
    // An allow-list: a desktop not known to show a tray gets none (closing the window then quits).
    for (const desktop of ['GNOME', 'sway', 'Hyprland', 'i3', 'niri', 'river', 'Pop:GNOME', 'something-new']) {
      expect(trayAvailable('linux', { XDG_CURRENT_DESKTOP: desktop }), desktop).toBe(false);
    }
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

  it.each(['GNOME', 'sway', 'Hyprland'])(
    'without a tray (%s): no icon, and closing the window closes it (the app quits, releasing the lock)',
    async (desktop) => {
      const { fake, window } = await launch(desktop);
      expect(fake.Tray.instances.filter((t) => !t.destroyed)).toHaveLength(0);
      window.close();
      expect(window.destroyed).toBe(true);
    },
  );

  it('wires the power monitor to the scheduler, and a notification click navigates the window', async () => {
    const { fake, window } = await launch('GNOME');
    // The scheduler listens to the power monitor (what a look finds is tested in tests/backend/scheduler.test.ts).
    expect(fake.powerMonitor.listenerCount('resume')).toBe(1);
    expect(fake.powerMonitor.listenerCount('unlock-screen')).toBe(1);
    window.webContents.sent.length = 0;
    createReminderNotifier(fake.Notification, {
      open: (hash) => window.webContents.send('app:navigate', { hash }),
      logError: () => {},
      platform: 'linux',
      onUnavailable: () => {},
    }).notify(notice);
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

  it('writes % and \\ in the autostart path as the desktop-entry spec asks (a string, then quoted, % doubled)', () => {
    const odd = String.raw`/opt/50% off\Board "Q"/run`;
    expect(execValue(odd)).toBe(String.raw`"/opt/50%% off\\\\Board \\"Q\\"/run"`);
    expect(desktopEntry(odd)).toContain(String.raw`Exec="/opt/50%% off\\\\Board \\"Q\\"/run"` + '\n');
    expect(execValue('/plain/path')).toBe('"/plain/path"');
  });

  it('says when the system did not keep the login item: macOS approval, Windows turned off', async () => {
    const fake = await import('./fakeElectron.ts');
    fake.app.isPackaged = true;
    try {
      fake.app.loginItemAwaitsApproval = true;
      const mac = createStartAtLogin({
        app: fake.app,
        platform: 'darwin',
        env: {},
        homeDir: '/nowhere',
        execPath: '/x',
      });
      expect(await mac.set(true)).toEqual({
        supported: true,
        enabled: false,
        how: 'Waiting for your approval: in System Settings, General, Login Items, allow Boardkeeper.',
      });
      fake.app.loginItemAwaitsApproval = false;
      expect(await mac.get()).toMatchObject({ enabled: true });

      fake.app.startupEntryTurnedOff = true;
      const win = createStartAtLogin({
        app: fake.app,
        platform: 'win32',
        env: {},
        homeDir: '/nowhere',
        execPath: '/x',
      });
      expect(await win.set(true)).toMatchObject({
        enabled: false,
        how: expect.stringMatching(/^Turned off in Windows/),
      });
    } finally {
      fake.app.isPackaged = false;
      fake.app.loginItemAwaitsApproval = false;
      fake.app.startupEntryTurnedOff = false;
      fake.app.loginItem = { openAtLogin: false };
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

describe('the tray icon', () => {
  it('is a template image on macOS, the .ico on Windows, the app icon at 16 px elsewhere', async () => {
    const files = appFiles('/app');
    expect(trayIcon('darwin', files)).toEqual({
      file: path.join('/app', 'dist', 'tray', 'trayTemplate.png'),
      template: true,
    });
    expect(trayIcon('win32', files)).toEqual({ file: path.join('/app', 'dist', 'tray', 'tray.ico'), template: false });
    expect(trayIcon('linux', files)).toEqual({ file: files.windowIcon, template: false, width: 16 });
    const fake = await import('./fakeElectron.ts');
    // The file's name alone makes it a template on macOS; main also says so.
    expect(fake.nativeImage.createFromPath(files.trayTemplate).template).toBe(true);
  });
});
