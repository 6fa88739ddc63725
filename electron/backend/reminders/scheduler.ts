/**
 * The reminder scheduler (docs/architecture.md "Reminders"). It asks the pure
 * rules what is due at start, on wake from sleep, on screen unlock and on a
 * timer re-armed for the next occurrence, records what it finds in the
 * ledger through the store's one writer (one change per batch), and only
 * then hands the reminders to the notifier, merged into one notice. Its
 * platform needs (clock, timers, power events, notifier) come in as
 * arguments, so a test plays them.
 */
import { randomBytes } from 'node:crypto';
import { deadlineDerivation, deadlineIndexing, deadlinesByKey } from '../../../shared/caches/deadlineDerivation.ts';
import type { Deadline } from '../../../shared/rules/deadlines.ts';
import type { ReminderItem } from '../../../shared/contract/deadlineViews.ts';
import { OccurrenceLedger } from '../../../shared/caches/occurrenceLedger.ts';
import { nextOccurrenceSearch, reminderLook, remindersDue } from '../../../shared/caches/reminderColumns.ts';
import {
  arrivalKey,
  arrivalsLook,
  arrivalsMessage,
  settledKey,
  type Occurrence,
  type RemindersDue,
} from '../../../shared/rules/reminders.ts';
import { settledEntryId, type LedgerEntry } from '../../../shared/schema/deadlines.ts';
import type { RecordChange, State } from '../../../shared/schema/state.ts';
import { dateInZone } from '../../../shared/dates/time.ts';
import { daysBetween, longDate } from '../../../shared/dates/calendarDates.ts';
import type { Store } from '../store/store.ts';
import { runSliced } from '../slices.ts';

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
  /**
   * `reminders`: reminders that came due (a system notification as well).
   * `arrivals`: the in-app summary of obligations already overdue when this
   * copy learned of them: shown in the app only, never as a system notification.
   */
  readonly kind: 'reminders' | 'arrivals';
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
  /**
   * Called as a look begins recording what it found in several changes (a
   * catch-up after an absence: hundreds of them at ten-year scale); the
   * function it returns, once they are all made. The backend announces the
   * scheduler's changes made in between as one `data:changed`: announced one
   * by one, each made every open page read its reminders again, and those
   * reads starved the search index's build for minutes.
   */
  readonly holdChanges?: () => () => void;
}

/** How long the data must be quiet before the timer is re-armed after changes. */
export const RESCHEDULE_QUIET_MS = 1000;

/** Who the audit trail names for the ledger entries. */
export const SCHEDULER_ACTOR = 'Boardkeeper reminders';

/**
 * The longest the scheduler computes before letting the event loop run (ms):
 * in Electron the backend shares the main process with every window, and
 * docs/architecture.md allows no stall over 50 ms.
 */
export const SLICE_MS = 10;

/**
 * At most this many ledger entries per change: the store validates each
 * entry of a change and copies each bucket of the ledger it touches in one
 * go, so a look that finds thousands (a first start after a long absence, a
 * large import) records them in several changes, each short. Measured on the
 * ten-year body at its "now" (71,000 occurrences to record): the start took
 * 6 s with no stall over 45 ms once the store was open (50 per change with
 * 64 buckets per collection had taken 39 s).
 */
export const LEDGER_BATCH = 250;

/** Runs a stepwise computation to its end, letting the event loop run every SLICE_MS. */
function inSlices<T>(steps: Generator<void, T, void>): Promise<T> {
  return runSliced(steps, SLICE_MS);
}

/** The ledger's occurrence keys and settled plans, in steps (a ten-year ledger holds tens of thousands). */
function* ledgerKeys(ledger: State['reminderLedger']): Generator<void, OccurrenceLedger, void> {
  const keys = new OccurrenceLedger();
  let n = 0;
  for (const entry of ledger) {
    keys.record(entry);
    if (++n % 5000 === 0) yield;
  }
  return keys;
}

/**
 * The groups of `found` (each due occurrence with the older ones of its
 * deadline it supersedes), cut into batches of about LEDGER_BATCH ledger
 * entries (one per due occurrence, one per plan with superseded ones), as
 * the deadline keys of each batch.
 */
function batchesOf(found: RemindersDue): Array<Set<string>> {
  const batches: Array<Set<string>> = [];
  let batch = new Set<string>();
  let size = 0;
  const add = (deadlineKey: string): void => {
    if (size >= LEDGER_BATCH) {
      batches.push(batch);
      batch = new Set();
      size = 0;
    }
    batch.add(deadlineKey);
    size++;
  };
  // remindersDue lists superseded ones by deadline, in the order of `due`, so each group stays whole.
  let j = 0;
  for (const o of found.due) {
    add(o.deadlineKey);
    if (j < found.superseded.length && found.superseded[j]!.deadlineKey === o.deadlineKey) size++;
    while (j < found.superseded.length && found.superseded[j]!.deadlineKey === o.deadlineKey) j++;
  }
  for (; j < found.superseded.length; j++) add(found.superseded[j]!.deadlineKey);
  if (batch.size > 0) batches.push(batch);
  return batches;
}

/** When an occurrence's deadline is due, in words: "Due in 30 days, on 24 June 2027". */
export function whenText(o: Pick<Occurrence, 'kind' | 'offset' | 'due' | 'at'>): string {
  const on = longDate(o.due);
  if (o.kind === 'overdue') {
    // Counted from the due date (the repeats of one overdue on arrival count from its arrival instead).
    const weeks = Math.max(o.offset, Math.floor(daysBetween(o.due, o.at.slice(0, 10)) / 7));
    return `Overdue since ${on} (${weeks} ${weeks === 1 ? 'week' : 'weeks'})`;
  }
  if (o.kind === 'snooze') return `Snoozed reminder: due ${on}`;
  if (o.offset === 0) return `Due today, ${on}`;
  return `Due in ${o.offset} ${o.offset === 1 ? 'day' : 'days'}, on ${on}`;
}

/** Merges the reminders of one look into one notice. `away`: they came due while the app could not show them. */
export function noticeOf(due: readonly Occurrence[], items: readonly ReminderItem[], away: boolean): ReminderNotice {
  const titles = due.map((o) => o.title);
  const first = due[0];
  if (due.length === 1 && first !== undefined) {
    return { kind: 'reminders', count: 1, titles, message: first.title, body: whenText(first), items };
  }
  const shown = titles.slice(0, 3).join('; ');
  return {
    kind: 'reminders',
    count: due.length,
    titles,
    message: `${due.length} reminders${away ? ' while you were away' : ''}`,
    body: due.length > 3 ? `${shown}; and ${due.length - 3} more` : shown,
    items,
  };
}

function firedEntry(o: Occurrence, now: string): LedgerEntry {
  return {
    id: `rem_${randomBytes(8).toString('hex')}`,
    createdAt: now,
    updatedAt: now,
    key: o.key,
    deadlineKey: o.deadlineKey,
    kind: o.kind,
    due: o.due,
    offset: o.offset,
    outcome: 'fired',
    at: o.at,
  };
}

/** A plan's settled instant, recorded in the scheduler's own change (the next look learns it without reading the ledger). */
interface Settled {
  readonly deadlineKey: string;
  readonly due: string;
  readonly ms: number;
}

/**
 * The `settled` entries for superseded occurrences (grouped by deadline, as
 * remindersDue lists them): per plan, its one entry moved on to the latest
 * of them, counting them, or a new one.
 */
function settledEntries(
  state: State,
  superseded: readonly Occurrence[],
  now: string,
): { entries: LedgerEntry[]; settled: Settled[] } {
  const byPlan = new Map<string, { o: Occurrence; count: number }>();
  for (const o of superseded) {
    const id = settledEntryId(o.deadlineKey, o.due);
    const seen = byPlan.get(id);
    if (seen === undefined) byPlan.set(id, { o, count: 1 });
    else byPlan.set(id, { o: Date.parse(o.at) > Date.parse(seen.o.at) ? o : seen.o, count: seen.count + 1 });
  }
  const entries: LedgerEntry[] = [];
  const settled: Settled[] = [];
  for (const [id, { o, count }] of byPlan) {
    const before = state.reminderLedger.get(id);
    const at = before !== undefined && Date.parse(before.at) > Date.parse(o.at) ? before.at : o.at;
    entries.push({
      id,
      createdAt: before?.createdAt ?? now,
      updatedAt: now,
      key: settledKey(o.deadlineKey, o.due),
      deadlineKey: o.deadlineKey,
      kind: 'settled',
      due: o.due,
      offset: (before?.offset ?? 0) + count,
      outcome: 'superseded',
      at,
    });
    settled.push({ deadlineKey: o.deadlineKey, due: o.due, ms: Date.parse(at) });
  }
  return { entries, settled };
}

/** The in-app summary of deadlines already overdue when this copy learned of them. */
export function arrivalsNoticeOf(arrived: readonly Deadline[]): ReminderNotice {
  const titles = arrived.map((d) => d.title);
  const shown = titles.slice(0, 3).join('; ');
  return {
    kind: 'arrivals',
    count: arrived.length,
    titles,
    message: arrivalsMessage(arrived.length),
    body: `${arrived.length > 3 ? `${shown}; and ${arrived.length - 3} more` : shown}. They are in the overdue list; no notification is sent for dates before they were recorded.`,
    items: arrived.map((d) => ({
      key: arrivalKey(d.key, d.due),
      deadlineKey: d.key,
      title: d.title,
      due: d.due,
      kind: 'overdue',
      offset: 0,
      source: d.source,
    })),
  };
}

function arrivalEntry(d: Deadline, now: string): LedgerEntry {
  return {
    id: `rem_${randomBytes(8).toString('hex')}`,
    createdAt: now,
    updatedAt: now,
    key: arrivalKey(d.key, d.due),
    deadlineKey: d.key,
    kind: 'arrival',
    due: d.due,
    offset: 0,
    outcome: 'summarised',
    at: now,
  };
}

/**
 * The occurrence keys of one ledger (the collection object they were read
 * from). The keys only ever grow (the scheduler's own changes add to them; a
 * ledger changed otherwise is read into a new one), which lets the reminder
 * rules remember what they already found recorded.
 */
interface LedgerIndex {
  readonly map: State['reminderLedger'];
  readonly keys: OccurrenceLedger;
}

/** Runs the reminder rules at the right moments and delivers what they find. */
export class ReminderScheduler {
  private readonly timers: TimerApi;
  private handle: unknown = null;
  private running: Promise<unknown> = Promise.resolve();
  private stopped = false;
  private listening = false;
  private armedFor: { at: Date; delayMs: number } | null = null;
  private ledgerIndex: LedgerIndex | null = null;
  /** The scheduler's own last ledger change: its journal seq, the index it was made from, the keys it added, the plans it settled. */
  private ownChange: {
    seq: number;
    from: LedgerIndex;
    keys: readonly string[];
    settled?: readonly Settled[];
  } | null = null;
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

  /** Listens for wake and unlock (once, however often called). */
  listen(): void {
    if (this.listening || this.stopped) return;
    this.listening = true;
    this.options.power?.on('resume', this.onResume);
    this.options.power?.on('unlock-screen', this.onUnlock);
  }

  /** Listens for wake and unlock, and looks once (what came due while the app was closed). */
  async start(): Promise<void> {
    this.listen();
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
   * The index of `ledger` without reading it all when possible: the same
   * ledger as last time, or the one the scheduler's own last change made
   * (`seq`, the journal position of `ledger`, is that change's: nothing else
   * changed it since), which is the index before plus the keys it added.
   */
  private knownLedger(ledger: State['reminderLedger'], seq: number): LedgerIndex | null {
    const index = this.ledgerIndex;
    if (index?.map === ledger) return index;
    const own = this.ownChange;
    if (own === null || own.from !== index || own.seq !== seq) return null;
    for (const key of own.keys) index.keys.add(key);
    for (const p of own.settled ?? []) index.keys.settle(p.deadlineKey, p.due, p.ms);
    this.ownChange = null;
    this.ledgerIndex = { map: ledger, keys: index.keys };
    return this.ledgerIndex;
  }

  /** The ledger's keys in `state` (at journal position `seq`), read in full at once when not known. */
  private recorded(state: State, seq: number): LedgerIndex {
    let index = this.knownLedger(state.reminderLedger, seq);
    if (index === null) {
      const steps = ledgerKeys(state.reminderLedger);
      let step = steps.next();
      while (!step.done) step = steps.next();
      index = { map: state.reminderLedger, keys: step.value };
      this.ledgerIndex = index;
    }
    return index;
  }

  /**
   * The register and the ledger's keys of the store's state on `now`,
   * computed in slices. Deriving and the reminder rules keep their results
   * per record and per deadline, so what this computes is found ready by the
   * quick, synchronous looks made inside a change (which must see the latest state).
   */
  private async prepare(
    store: Store,
    now: Date,
  ): Promise<{ state: State; deadlines: Deadline[]; ledger: OccurrenceLedger }> {
    const state = store.state();
    const seq = store.head().seq;
    const today = dateInZone(now, state.settings.timeZone);
    const deadlines = await inSlices(deadlineDerivation(state, today));
    // The index by key the changes use, ready before them.
    await inSlices(deadlineIndexing(state, today));
    let index = this.knownLedger(state.reminderLedger, seq);
    if (index === null) {
      index = { map: state.reminderLedger, keys: await inSlices(ledgerKeys(state.reminderLedger)) };
      this.ledgerIndex = index;
    }
    return { state, deadlines, ledger: index.keys };
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
    await this.arm();
    return delivered;
  }

  private async record(store: Store, reason: CheckReason): Promise<readonly Occurrence[]> {
    const now = this.options.clock();
    // Look in slices against the state as it is now: usually nothing is due and nothing is written.
    const { state: before, deadlines, ledger } = await this.prepare(store, now);
    const found = await inSlices(reminderLook(deadlines, ledger, before.settings, now));
    const due: Occurrence[] = [];
    const items: ReminderItem[] = [];
    const batches = batchesOf(found);
    const release = batches.length > 1 ? this.options.holdChanges?.() : undefined;
    try {
      await this.recordBatches(store, batches, now, due, items);
    } finally {
      release?.();
    }
    if (batches.length > 0 && !this.stopped) {
      // Looked at once more against the ledger that now holds them: the rules remember each as
      // recorded and let its plan's past occurrences go (tens of thousands after a long absence).
      const { state: after, deadlines: register, ledger: recorded } = await this.prepare(store, now);
      await inSlices(reminderLook(register, recorded, after.settings, now));
    }
    await this.summariseArrivals(store, now);
    if (due.length > 0) {
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

  /** Records what a look found, batch by batch (each looked at again against the latest state); `due` and `items` gather what fired. */
  private async recordBatches(
    store: Store,
    batches: ReadonlyArray<Set<string>>,
    now: Date,
    due: Occurrence[],
    items: ReminderItem[],
  ): Promise<void> {
    const stamp = now.toISOString();
    for (const batch of batches) {
      if (this.stopped) return;
      // Each batch is looked at again inside its change, against the latest state: a concurrent
      // edit or dismissal is seen, and nothing is recorded twice.
      const result = await store.mutate(SCHEDULER_ACTOR, 'Reminders', (state) => {
        const byKey = deadlinesByKey(state, dateInZone(now, state.settings.timeZone));
        const mine: Deadline[] = [];
        for (const key of batch) {
          const d = byKey.get(key);
          if (d !== undefined) mine.push(d);
        }
        const index = this.recorded(state, store.head().seq);
        const again = remindersDue(mine, index.keys, state.settings, now);
        // Fired ones one entry each (the notification centre lists them); superseded ones one entry per plan.
        const settled = settledEntries(state, again.superseded, stamp);
        const changes: RecordChange[] = [...again.due.map((o) => firedEntry(o, stamp)), ...settled.entries].map(
          (entry) => ({ target: 'reminderLedger', id: entry.id, after: entry }),
        );
        const superseded = again.superseded.length;
        return {
          changes,
          value: {
            due: again.due,
            sources: new Map(mine.map((d) => [d.key, d.source])),
            written: { from: index, keys: again.due.map((o) => o.key), settled: settled.settled },
          },
          summary: `Reminders: ${again.due.length} fired${superseded ? `, ${superseded} older ${superseded === 1 ? 'one' : 'ones'} superseded` : ''}`,
        };
      });
      // The next look knows the ledger this change made without reading it all again.
      if (result.changed) this.ownChange = { seq: result.seq, ...result.value.written };
      for (const o of result.value.due) {
        due.push(o);
        items.push({
          key: o.key,
          deadlineKey: o.deadlineKey,
          title: o.title,
          due: o.due,
          kind: o.kind,
          offset: o.offset,
          source: result.value.sources.get(o.deadlineKey) ?? null,
        });
      }
    }
  }

  /**
   * Records the deadlines already overdue when this copy learned of them
   * (one ledger entry each, so each is told once, across restarts) and hands
   * the notifier one in-app summary for them all.
   */
  private async summariseArrivals(store: Store, now: Date): Promise<void> {
    if (this.stopped) return;
    const stamp = now.toISOString();
    const { state, deadlines, ledger } = await this.prepare(store, now);
    const found = await inSlices(arrivalsLook(deadlines, ledger, state.settings.timeZone));
    if (found.length === 0) return;
    const keys = new Set(found.map((d) => d.key));
    const result = await store.mutate(SCHEDULER_ACTOR, 'Reminders', (latest) => {
      const byKey = deadlinesByKey(latest, dateInZone(now, latest.settings.timeZone));
      const index = this.recorded(latest, store.head().seq);
      const mine: Deadline[] = [];
      for (const key of keys) {
        const d = byKey.get(key);
        if (d !== undefined) mine.push(d);
      }
      const again = arrivalsLook(mine, index.keys, latest.settings.timeZone);
      let step = again.next();
      while (!step.done) step = again.next();
      const arrived = step.value;
      const entries = arrived.map((d) => arrivalEntry(d, stamp));
      return {
        changes: entries.map((entry) => ({ target: 'reminderLedger' as const, id: entry.id, after: entry })),
        value: { arrived, written: { from: index, keys: entries.map((e) => e.key) } },
        summary: `Reminders: ${arrivalsMessage(arrived.length)} (told in the app, not notified)`,
      };
    });
    if (result.changed) this.ownChange = { seq: result.seq, ...result.value.written };
    if (result.value.arrived.length === 0) return;
    try {
      this.options.notify(arrivalsNoticeOf(result.value.arrived));
    } catch (error) {
      this.options.logError?.('reminders:notify', error);
    }
  }

  private disarm(): void {
    if (this.handle !== null) this.timers.clearTimeout(this.handle);
    this.handle = null;
    this.armedFor = null;
  }

  private async arm(): Promise<void> {
    this.disarm();
    if (this.stopped) return;
    let delayMs = MAX_TIMER_MS;
    const now = this.options.clock();
    try {
      const store = this.options.store();
      if (store.status().status === 'ready') {
        const { state, deadlines, ledger } = await this.prepare(store, now);
        const next = await inSlices(nextOccurrenceSearch(deadlines, ledger, state.settings, now));
        if (next !== null) delayMs = Math.min(MAX_TIMER_MS, Math.max(0, next.getTime() - now.getTime()));
        // Obligations overdue on arrival (just recorded or imported): summarised at once.
        const arrivals = await inSlices(arrivalsLook(deadlines, ledger, state.settings.timeZone));
        if (arrivals.length > 0) delayMs = 0;
      }
    } catch (error) {
      this.options.logError?.('reminders:arm', error);
    }
    // Armed while this was computing (a look or re-arm that came after), or stopped: leave it.
    if (this.stopped || this.handle !== null) return;
    this.armedFor = { at: new Date(now.getTime() + delayMs), delayMs };
    this.handle = this.timers.setTimeout(() => {
      this.handle = null;
      void this.check('timer');
    }, delayMs);
  }
}
