/**
 * The reminder scheduler (ARCHITECTURE.md "Reminders"). It asks the pure
 * rules what is due at start, on wake from sleep, on screen unlock and on a
 * timer re-armed for the next occurrence, records what it finds in the
 * ledger through the store's one writer (one change per batch), and only
 * then hands the reminders to the notifier, merged into one notice. Its
 * platform needs (clock, timers, power events, notifier) come in as
 * arguments, so a test plays them.
 */
import { randomBytes } from 'node:crypto';
import { deriveDeadlines, type Deadline } from '../../../shared/deadlines.ts';
import type { ReminderItem } from '../../../shared/deadlineViews.ts';
import { nextOccurrenceAt, remindersDue, type Occurrence } from '../../../shared/reminders.ts';
import type { LedgerEntry } from '../../../shared/schema/deadlines.ts';
import type { RecordChange, State } from '../../../shared/schema/state.ts';
import { dateInZone } from '../../../shared/time.ts';
import { longDate } from '../services/deadlines.ts';
import type { Store } from '../store/store.ts';

/**
 * Never a timeout longer than an hour: setTimeout overflows past 2^31-1 ms
 * (about 24.8 days) and fires at once, and a long timeout drifts from the
 * wall clock (it does not count time asleep, and ignores clock changes).
 */
export const MAX_TIMER_MS = 3_600_000;

/** The timer functions the scheduler uses (Node's own by default; a test's fake). */
export interface TimerApi {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** What wakes the scheduler besides its timer: Electron's powerMonitor has this shape. */
export type PowerEventName = 'resume' | 'unlock-screen';
export interface PowerEvents {
  on(event: PowerEventName, listener: () => void): unknown;
  removeListener(event: PowerEventName, listener: () => void): unknown;
}

/** Why the scheduler looked. */
export type CheckReason = 'start' | 'timer' | PowerEventName;

/** One merged notice for the reminders found in one look. */
export interface ReminderNotice {
  readonly count: number;
  readonly titles: readonly string[];
  /** The heading: the deadline's title, or "3 reminders while you were away". */
  readonly message: string;
  /** The line under it. */
  readonly body: string;
  readonly items: readonly ReminderItem[];
}

/** Shows a notice (the page's event, a system notification...). */
export type ReminderNotifier = (notice: ReminderNotice) => void;

/** Options of {@link ReminderScheduler}. */
export interface SchedulerOptions {
  /** The current store: read on every look, since a restore replaces it. */
  readonly store: () => Store;
  readonly clock: () => Date;
  readonly notify: ReminderNotifier;
  readonly timers?: TimerApi;
  readonly power?: PowerEvents;
  readonly logError?: (where: string, error: unknown) => void;
}

/** How long the data must be quiet before the timer is re-armed after changes. */
export const RESCHEDULE_QUIET_MS = 1000;

/** Who the audit trail names for the ledger entries. */
export const SCHEDULER_ACTOR = 'Boardkeeper reminders';

/** When an occurrence's deadline is due, in words: "Due in 30 days, on 24 June 2027". */
export function whenText(o: Pick<Occurrence, 'kind' | 'offset' | 'due'>): string {
  const on = longDate(o.due);
  if (o.kind === 'overdue') return `Overdue since ${on} (${o.offset} ${o.offset === 1 ? 'week' : 'weeks'})`;
  if (o.kind === 'snooze') return `Snoozed reminder: due ${on}`;
  if (o.offset === 0) return `Due today, ${on}`;
  return `Due in ${o.offset} ${o.offset === 1 ? 'day' : 'days'}, on ${on}`;
}

/** Merges the reminders of one look into one notice. `away`: they came due while the app could not show them. */
export function noticeOf(due: readonly Occurrence[], items: readonly ReminderItem[], away: boolean): ReminderNotice {
  const titles = due.map((o) => o.title);
  const first = due[0];
  if (due.length === 1 && first !== undefined) {
    return { count: 1, titles, message: first.title, body: whenText(first), items };
  }
  const shown = titles.slice(0, 3).join('; ');
  return {
    count: due.length,
    titles,
    message: `${due.length} reminders${away ? ' while you were away' : ''}`,
    body: due.length > 3 ? `${shown}; and ${due.length - 3} more` : shown,
    items,
  };
}

function ledgerEntry(o: Occurrence, outcome: LedgerEntry['outcome'], now: string): LedgerEntry {
  return {
    id: `rem_${randomBytes(8).toString('hex')}`,
    createdAt: now,
    updatedAt: now,
    key: o.key,
    deadlineKey: o.deadlineKey,
    kind: o.kind,
    due: o.due,
    offset: o.offset,
    outcome,
    at: o.at,
  };
}

/** Runs the reminder rules at the right moments and delivers what they find. */
export class ReminderScheduler {
  private readonly timers: TimerApi;
  private handle: unknown = null;
  private running: Promise<unknown> = Promise.resolve();
  private stopped = false;
  private armedFor: { at: Date; delayMs: number } | null = null;
  private ledgerIndex: { map: State['reminderLedger']; keys: Set<string> } | null = null;
  private derived: { inputs: readonly unknown[]; deadlines: Deadline[] } | null = null;
  private rescheduleHandle: unknown = null;
  private readonly onResume = (): void => void this.check('resume');
  private readonly onUnlock = (): void => void this.check('unlock-screen');

  constructor(private readonly options: SchedulerOptions) {
    this.timers = options.timers ?? {
      setTimeout: (callback, ms) => {
        const timer = setTimeout(callback, ms);
        // A pending reminder never keeps the process alive on its own.
        timer.unref();
        return timer;
      },
      clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
    };
  }

  /** Looks once (what came due while the app was closed), then listens for wake and unlock. */
  async start(): Promise<void> {
    this.options.power?.on('resume', this.onResume);
    this.options.power?.on('unlock-screen', this.onUnlock);
    await this.check('start');
  }

  /** Stops the timer and the listeners; waits for a look in progress. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.disarm();
    if (this.rescheduleHandle !== null) this.timers.clearTimeout(this.rescheduleHandle);
    this.rescheduleHandle = null;
    this.options.power?.removeListener('resume', this.onResume);
    this.options.power?.removeListener('unlock-screen', this.onUnlock);
    await this.running.catch(() => undefined);
  }

  /** When the timer will next fire, and after how long it was armed (tests, diagnostics). */
  get armed(): { readonly at: Date; readonly delayMs: number } | null {
    return this.armedFor;
  }

  /** Looks now: records and delivers what is due. One look at a time; resolves with what it delivered. */
  check(reason: CheckReason): Promise<readonly Occurrence[]> {
    const run = this.running.then(() => this.look(reason));
    this.running = run.catch(() => undefined);
    return run;
  }

  /**
   * Re-arms the timer after the data changed (a new or moved deadline may
   * come sooner). Writes nothing. A burst of changes re-arms once, a moment
   * after the last: deriving the register is not free at ten-year scale.
   */
  reschedule(): void {
    if (this.stopped) return;
    if (this.rescheduleHandle !== null) this.timers.clearTimeout(this.rescheduleHandle);
    this.rescheduleHandle = this.timers.setTimeout(() => {
      this.rescheduleHandle = null;
      this.running = this.running.then(() => this.arm()).catch(() => undefined);
    }, RESCHEDULE_QUIET_MS);
  }

  /**
   * The register of `state` on `today`, derived again only when what it is
   * derived from changed: the ledger the scheduler itself writes, and
   * edits elsewhere (papers, members...), leave it as it was.
   */
  private deadlinesOf(state: State, today: string): Deadline[] {
    const inputs = [
      today,
      state.settings,
      state.conditions,
      state.decisions,
      state.contracts,
      state.meetings,
      state.members,
      state.deadlines,
    ];
    if (this.derived === null || this.derived.inputs.some((input, i) => input !== inputs[i])) {
      this.derived = { inputs, deadlines: deriveDeadlines(state, today) };
    }
    return this.derived.deadlines;
  }

  private recorded(state: State): Set<string> {
    if (this.ledgerIndex?.map !== state.reminderLedger) {
      this.ledgerIndex = {
        map: state.reminderLedger,
        keys: new Set(state.reminderLedger.values().map((e) => e.key)),
      };
    }
    return this.ledgerIndex.keys;
  }

  private async look(reason: CheckReason): Promise<readonly Occurrence[]> {
    if (this.stopped) return [];
    let delivered: readonly Occurrence[] = [];
    try {
      const store = this.options.store();
      if (store.status().status === 'ready') delivered = await this.record(store, reason);
    } catch (error) {
      this.options.logError?.('reminders', error);
    }
    this.arm();
    return delivered;
  }

  private async record(store: Store, reason: CheckReason): Promise<readonly Occurrence[]> {
    const now = this.options.clock();
    const stamp = now.toISOString();
    // Computed inside the change, against the latest state: a concurrent edit is seen.
    const result = await store.mutate(SCHEDULER_ACTOR, 'Reminders', (state) => {
      const deadlines = this.deadlinesOf(state, dateInZone(now, state.settings.timeZone));
      const found = remindersDue(deadlines, this.recorded(state), state.settings, now);
      const byKey = new Map(deadlines.map((d) => [d.key, d]));
      const changes: RecordChange[] = [
        ...found.due.map((o) => ledgerEntry(o, 'fired', stamp)),
        ...found.superseded.map((o) => ledgerEntry(o, 'superseded', stamp)),
      ].map((entry) => ({ target: 'reminderLedger', id: entry.id, after: entry }));
      const superseded = found.superseded.length;
      return {
        changes,
        value: { due: found.due, byKey },
        summary: `Reminders: ${found.due.length} fired${superseded ? `, ${superseded} older ${superseded === 1 ? 'one' : 'ones'} superseded` : ''}`,
      };
    });
    const { due, byKey } = result.value;
    if (due.length > 0) {
      const items: ReminderItem[] = due.map((o) => ({
        key: o.key,
        deadlineKey: o.deadlineKey,
        title: o.title,
        due: o.due,
        kind: o.kind,
        offset: o.offset,
        source: byKey.get(o.deadlineKey)?.source ?? null,
      }));
      // "While you were away": found on start or wake, or well after their time.
      const away = reason !== 'timer' || due.some((o) => Date.parse(o.at) < now.getTime() - 5 * 60_000);
      try {
        this.options.notify(noticeOf(due, items, away));
      } catch (error) {
        // The ledger holds them and the notification centre lists them: a failed notice loses nothing.
        this.options.logError?.('reminders:notify', error);
      }
    }
    return due;
  }

  private disarm(): void {
    if (this.handle !== null) this.timers.clearTimeout(this.handle);
    this.handle = null;
    this.armedFor = null;
  }

  private arm(): void {
    this.disarm();
    if (this.stopped) return;
    let delayMs = MAX_TIMER_MS;
    const now = this.options.clock();
    try {
      const store = this.options.store();
      if (store.status().status === 'ready') {
        const state = store.state();
        const deadlines = this.deadlinesOf(state, dateInZone(now, state.settings.timeZone));
        const next = nextOccurrenceAt(deadlines, this.recorded(state), state.settings, now);
        if (next !== null) delayMs = Math.min(MAX_TIMER_MS, Math.max(0, next.getTime() - now.getTime()));
      }
    } catch (error) {
      this.options.logError?.('reminders:arm', error);
    }
    this.armedFor = { at: new Date(now.getTime() + delayMs), delayMs };
    this.handle = this.timers.setTimeout(() => {
      this.handle = null;
      void this.check('timer');
    }, delayMs);
  }
}
