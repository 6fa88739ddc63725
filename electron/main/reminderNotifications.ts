/**
 * Reminders as system notifications. A click opens the item: the window comes
 * forward and the page is asked to show the deadline (or the notification
 * centre, for a merged notice). Each notification is kept referenced until it
 * is clicked or closed: one that is only referenced by a local variable can
 * be garbage-collected while on screen, and its click is then lost.
 */
import type { NotificationConstructorOptions } from 'electron';
import type { ReminderNotice } from '../backend/reminders/scheduler.ts';

/** The part of Electron's Notification this module uses. */
export interface NotificationLike {
  show(): void;
  on(event: 'click' | 'close' | 'failed', listener: () => void): unknown;
}

/** Electron's Notification class, as this module uses it. */
export interface NotificationClass {
  new (options: NotificationConstructorOptions): NotificationLike;
  isSupported(): boolean;
}

/** Where a notice leads in the page: the deadline of a single reminder, else the notification centre. */
export function hashOf(notice: Pick<ReminderNotice, 'items'>): string {
  const only = notice.items.length === 1 ? notice.items[0] : undefined;
  return only === undefined ? '#/deadlines?centre=open' : `#/deadlines?key=${encodeURIComponent(only.deadlineKey)}`;
}

/** A notifier showing system notifications; `open(hash)` brings the window forward at that place. */
export function createReminderNotifier(
  Notification: NotificationClass,
  open: (hash: string) => void,
  logError: (where: string, error: unknown) => void,
): { notify(notice: ReminderNotice): void; readonly showing: ReadonlySet<NotificationLike> } {
  const showing = new Set<NotificationLike>();
  return {
    showing,
    notify(notice) {
      // Without a notification server (some Linux desktops) the in-app centre still lists them.
      if (!Notification.isSupported()) return;
      const notification = new Notification({ title: notice.message, body: notice.body });
      showing.add(notification);
      const release = (): void => {
        showing.delete(notification);
      };
      notification.on('click', () => {
        release();
        try {
          open(hashOf(notice));
        } catch (error) {
          logError('notification:click', error);
        }
      });
      notification.on('close', release);
      notification.on('failed', release);
      notification.show();
    },
  };
}
