/**
 * What the deadline and reminder channels answer: rows of the register, one
 * deadline with its reminders, the notification centre's list, the calendar
 * export and the chasing e-mail. Plain types, shared by backend and renderer.
 */
import type { ChaseMessage, Deadline, DeadlineBand } from '../rules/deadlines.ts';
import type { OccurrenceKind } from '../rules/reminders.ts';

/** A deadline in the register. */
export interface DeadlineRow {
  readonly key: string;
  readonly kind: Deadline['kind'];
  readonly title: string;
  readonly due: string;
  readonly owner: string;
  readonly ownerEmail: string;
  readonly source: Deadline['source'];
  readonly reference: string;
  readonly contract: Deadline['contract'];
  readonly status: Deadline['status'];
  readonly closedReason: string;
  readonly derived: boolean;
  readonly band: DeadlineBand;
  readonly snoozedUntil: string;
  /** The heading it sits under when the list is grouped ('' when not grouped). */
  readonly group: string;
}

/** How many open deadlines fall in each band (whatever the filters). */
export interface DeadlineCounts {
  readonly overdue: number;
  readonly week: number;
  readonly month: number;
  readonly quarter: number;
}

/** A page of the register, with what the filters offer. */
export interface DeadlineList {
  readonly today: string;
  readonly rows: readonly DeadlineRow[];
  readonly total: number;
  readonly page: number;
  readonly pageSize: number;
  readonly counts: DeadlineCounts;
  readonly owners: readonly string[];
  readonly contracts: ReadonlyArray<{ readonly id: string; readonly reference: string }>;
}

/** A reminder occurrence of one deadline, fired or to come. */
export interface OccurrenceView {
  readonly key: string;
  /**
   * `arrival`: already overdue when this copy learned of it, told in the in-app summary.
   * `settled`: earlier occurrences superseded without firing, up to `at`; `offset` says how many.
   */
  readonly kind: OccurrenceKind | 'arrival' | 'settled';
  readonly offset: number;
  readonly at: string;
  readonly due: string;
  /** `pending` for one still to come (it may yet be dismissed). */
  readonly outcome: 'fired' | 'superseded' | 'dismissed' | 'summarised' | 'pending';
}

/** One deadline's page. */
export interface DeadlineDetail {
  readonly today: string;
  readonly deadline: DeadlineRow & {
    readonly detail: string;
    readonly leadDays: readonly number[];
    readonly ownLeadDays: boolean;
    readonly since: string;
    readonly notes: string;
  };
  /** The board's lead times, for "use the board's". */
  readonly boardLeadDays: readonly number[];
  readonly upcoming: readonly OccurrenceView[];
  readonly past: readonly OccurrenceView[];
}

/** A fired reminder in the notification centre: the reminder, when it fired and where its deadline stands. */
export interface ReminderRow extends ReminderItem {
  readonly at: string;
  readonly dismissed: boolean;
  /** The deadline as it is now: open, closed, or gone (its source removed or its date moved). */
  readonly deadlineStatus: 'open' | 'closed' | 'gone';
}

/** The notification centre: fired reminders, newest first. */
export interface ReminderList {
  readonly rows: readonly ReminderRow[];
  readonly total: number;
  readonly page: number;
  readonly pageSize: number;
  /** Fired and not dismissed. */
  readonly active: number;
  /** The latest in-app summary of obligations already overdue when recorded: how many, and when; null when none. */
  readonly arrived: { readonly count: number; readonly at: string } | null;
  /** When the next reminder will be notified ('' when none is coming). */
  readonly nextAt: string;
  /** The deadline register's counts on the same day: overdue, and due this week (as `deadlines:list` counts them). */
  readonly deadlines: { readonly overdue: number; readonly week: number };
}

/** The calendar export. */
export interface IcsExport {
  readonly filename: string;
  readonly text: string;
  readonly count: number;
}

/** The chasing e-mail. */
export type ChaseView = ChaseMessage;

/** One reminder in a notification. */
export interface ReminderItem {
  readonly key: string;
  readonly deadlineKey: string;
  readonly title: string;
  readonly due: string;
  readonly kind: OccurrenceKind;
  readonly offset: number;
  readonly source: Deadline['source'] | null;
}

/** Starting the app when the person logs in: whether this host can, and whether it will. */
export interface StartAtLogin {
  readonly supported: boolean;
  readonly enabled: boolean;
  /** How it is done here, in a few words ("an autostart entry in ~/.config/autostart"), or why it cannot be. */
  readonly how: string;
}
