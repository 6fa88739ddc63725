/**
 * Reminders as system notifications. A click opens the item: the window comes
 * forward and the page is asked to show the deadline (or the notification
 * centre, for a merged notice). Each notification is kept referenced until it
 * is clicked or closed: one that is only referenced by a local variable can
 * be garbage-collected while on screen, and its click is then lost.
 *
 * Two ways a notification goes wrong on real systems are handled here:
 * - the system refuses it (Electron emits `failed`; unsigned macOS builds do
 *   this): the error is logged and the person is told once, in the app, that
 *   system notifications are unavailable (the in-app list still has them);
 * - on Windows a toast that times out moves to Action Center, and its object
 *   has already had `close`: a click there reaches only
 *   `Notification.handleActivation`, which is therefore the Windows path.
 */
import type { NotificationConstructorOptions } from 'electron';
import type { ReminderNotice } from '../backend/reminders/scheduler.ts';

/** The part of Electron's Notification this module uses. */
export interface NotificationLike {
  show(): void;
  on(event: 'click' | 'close', listener: () => void): unknown;
  on(event: 'failed', listener: (event: unknown, error: string) => void): unknown;
}

/** What Windows reports of a notification's activation (Electron's ActivationArguments, in part). */
export interface Activation {
  readonly type: string;
  /**
   * The raw activation arguments. When they name a notification shown in
   * this run, its place opens; otherwise (an older toast, arguments without
   * the id) the notification centre, which lists every reminder.
   */
  readonly arguments: string;
}

/** Electron's Notification class, as this module uses it. */
export interface NotificationClass {
  new (options: NotificationConstructorOptions): NotificationLike;
  isSupported(): boolean;
  /** Windows only (Electron documents it for win32): every activation, the object in memory or not. */
  handleActivation(callback: (details: Activation) => void): void;
}

/** What the person is told, once, when the system refuses a notification. */
export const NOTIFICATIONS_UNAVAILABLE =
  'System notifications are unavailable on this computer, so reminders are not shown outside Boardkeeper. They are all listed here, under Reminders.';

/** The notification centre's hash: where a notice of several reminders, or an unknown activation, leads. */
export const CENTRE_HASH = '#/deadlines?centre=open';

/** Where a notice leads in the page: the deadline of a single reminder, else the notification centre. */
export function hashOf(notice: Pick<ReminderNotice, 'items'>): string {
  const only = notice.items.length === 1 ? notice.items[0] : undefined;
  return only === undefined ? CENTRE_HASH : `#/deadlines?key=${encodeURIComponent(only.deadlineKey)}`;
}

/** How many shown notifications' places are remembered for Action Center clicks. */
const REMEMBERED = 100;

/** What the notifier needs beside the Notification class. */
export interface NotifierDeps {
  /** Brings the window forward at that place. */
  readonly open: (hash: string) => void;
  readonly logError: (where: string, error: unknown) => void;
  readonly platform: NodeJS.Platform;
  /** Tells the person, in the app, that system notifications are unavailable; called once. */
  readonly onUnavailable: (message: string) => void;
}

/** A notifier showing system notifications. */
export function createReminderNotifier(
  Notification: NotificationClass,
  deps: NotifierDeps,
): { notify(notice: ReminderNotice): void; readonly showing: ReadonlySet<NotificationLike> } {
  const { open, logError } = deps;
  const showing = new Set<NotificationLike>();
  // id -> hash of notifications shown, newest last, for Windows activations.
  const places = new Map<string, string>();
  let told = false;
  let sequence = 0;
  const openSafely = (hash: string): void => {
    try {
      open(hash);
    } catch (error) {
      logError('notification:click', error);
    }
  };

  const windows = deps.platform === 'win32';
  if (windows) {
    Notification.handleActivation((details) => {
      const id = [...places.keys()].reverse().find((known) => details.arguments.includes(known));
      openSafely(id === undefined ? CENTRE_HASH : (places.get(id) ?? CENTRE_HASH));
    });
  }

  return {
    showing,
    notify(notice) {
      // Without a notification server (some Linux desktops) the in-app centre still lists them.
      if (!Notification.isSupported()) return;
      const id = `boardkeeper-${Date.now().toString(36)}-${(sequence++).toString(36)}`;
      const hash = hashOf(notice);
      const notification = new Notification({ id, title: notice.message, body: notice.body });
      places.set(id, hash);
      if (places.size > REMEMBERED) places.delete(places.keys().next().value ?? id);
      showing.add(notification);
      const release = (): void => {
        showing.delete(notification);
      };
      // On Windows the click arrives through handleActivation too (also from Action Center); once is enough.
      if (!windows) {
        notification.on('click', () => {
          release();
          openSafely(hash);
        });
      }
      notification.on('close', release);
      notification.on('failed', (_event, error) => {
        release();
        logError('notification', new Error(`The system did not show a notification: ${error}`));
        if (told) return;
        told = true;
        deps.onUnavailable(NOTIFICATIONS_UNAVAILABLE);
      });
      notification.show();
    },
  };
}
