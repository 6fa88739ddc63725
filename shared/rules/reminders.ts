/**
 * Reminder rules (docs/architecture.md "Reminders"). A deadline has occurrences: a
 * reminder per lead time (days before the due date), a weekly repeat once it
 * is overdue, and the end of a snooze. Each is keyed by deadline key + kind +
 * due date + lead days, overdue week or snooze end, so it fires exactly once
 * across restarts and a moved due date makes fresh ones. Pure: `now` is
 * passed in; the ledger says which occurrences were already dealt with. The
 * looks over a whole register (what is due, when the next one comes) are
 * caches/reminderColumns.ts; one deadline's plan is caches/reminderPlans.ts.
 */
import type { Deadline } from './deadlines.ts';
import type { Settings } from '../schema/settings.ts';
import { dateInZone } from '../dates/time.ts';

/** A lead-time reminder, a weekly overdue repeat, or the end of a snooze. */
export type OccurrenceKind = 'lead' | 'overdue' | 'snooze';

/** One reminder occurrence of one deadline. */
export interface Occurrence {
  readonly key: string;
  readonly deadlineKey: string;
  readonly kind: OccurrenceKind;
  /** The deadline's due date when the occurrence was made. */
  readonly due: string;
  /** Days before due (lead), weeks after due (overdue), 0 for a snooze. */
  readonly offset: number;
  /** The instant it comes due (ISO, UTC). */
  readonly at: string;
  readonly title: string;
}

/** What the rules need from Settings. */
export type ReminderSettings = Pick<Settings, 'timeZone' | 'reminderTime'>;

/**
 * What the ledger must answer: has this occurrence been dealt with (fired,
 * superseded or dismissed)? An occurrence is dealt with when its key is
 * recorded, or when its deadline plan's occurrences are settled up to its
 * instant or later (superseded ones are recorded so: one `settled` entry per
 * plan, see {@link settledKey}).
 */
export interface RecordedOccurrences {
  has(occurrenceKey: string): boolean;
  /** The instant (ms) up to which the plan's occurrences are settled (its {@link settledKey}); -Infinity when none are. Absent: none are. */
  settledThrough?(settledKey: string): number;
}

/** The deadline fields the rules read (`learnedAt` when known: the weekly overdue repeats of one overdue on arrival count from it). */
export type RemindedDeadline = Pick<
  Deadline,
  'key' | 'title' | 'due' | 'status' | 'since' | 'leadDays' | 'snoozedUntil'
> &
  Partial<Pick<Deadline, 'learnedAt'>>;

/** The reminders to deliver now, and the older ones they supersede. */
export interface RemindersDue {
  /** Per deadline at most one: its latest occurrence whose time has come, if the ledger has not recorded it. */
  readonly due: readonly Occurrence[];
  /**
   * Older unrecorded occurrences of the same deadlines: recorded as superseded,
   * never fired. Grouped by deadline, the groups in the order of `due`.
   */
  readonly superseded: readonly Occurrence[];
}

/** The key of an occurrence: deadline key + kind + due date + lead days, overdue week or snooze end. */
export function occurrenceKey(
  deadlineKey: string,
  kind: OccurrenceKind | 'arrival' | 'settled',
  due: string,
  offset: number | string,
): string {
  // join makes one flat string (a template makes a rope): the ledger is asked about each key on every look.
  return [deadlineKey, kind, due, offset].join('|');
}

/** The key of a deadline plan's `settled` entry (its occurrences superseded up to an instant): deadline key + due date. */
export function settledKey(deadlineKey: string, due: string): string {
  return occurrenceKey(deadlineKey, 'settled', due, 0);
}

/** Whether an occurrence is dealt with: its key recorded, or its plan settled up to its instant. */
export function isRecorded(
  ledger: RecordedOccurrences,
  o: Pick<Occurrence, 'key' | 'deadlineKey' | 'due' | 'at'>,
): boolean {
  return (
    ledger.has(o.key) || (ledger.settledThrough?.(settledKey(o.deadlineKey, o.due)) ?? -Infinity) >= Date.parse(o.at)
  );
}

/** Whether a deadline is reminded at all: open, with a due date. */
export function isReminded(d: RemindedDeadline): boolean {
  return d.status === 'open' && d.due !== '';
}

/** Lead days without repeats, largest first (so their dates ascend). */
export function leadOrder(leadDays: readonly number[]): readonly number[] {
  return [...new Set(leadDays)].sort((a, b) => b - a);
}

/**
 * The day (a day number) the weekly overdue repeats of a deadline count from:
 * its due day; for one already overdue when this copy learned of it, the day
 * it learned of it (so the first repeat comes a week after it was recorded,
 * not on some weekday of its old due date).
 */
export function overdueWeeksFrom(
  d: Pick<RemindedDeadline, 'due' | 'learnedAt'>,
  dueDay: number,
  timeZone: string,
): number {
  if (d.learnedAt === undefined || !(d.due < d.learnedAt)) return dueDay;
  const learned = dateInZone(new Date(d.learnedAt), timeZone);
  if (!(d.due < learned)) return dueDay;
  const learnedDay =
    Date.UTC(Number(learned.slice(0, 4)), Number(learned.slice(5, 7)) - 1, Number(learned.slice(8, 10))) / 86_400_000;
  return Math.max(dueDay, learnedDay);
}

/** Whole weeks a deadline due on day `dueDay` is overdue on day `today` (day numbers); 0 when not overdue. */
export function weeksOverdue(dueDay: number, today: number): number {
  return Math.max(0, Math.floor((today - dueDay) / 7));
}

/** How the rules compare the reminder time on a local day (a day number) with an instant (ms). */
export interface ReminderTimes {
  /** Whether the instant of `day` is before `ms`. */
  before(day: number, ms: number): boolean;
  /** Whether the instant of `day` is at or before `ms`. */
  notAfter(day: number, ms: number): boolean;
}

/**
 * Makes an eligible occurrence: `offset` as in {@link Occurrence}, `keyOffset`
 * as in {@link occurrenceKey}; `day` is the day it falls on at the reminder
 * time (NaN for a snooze) and `fixedAt` its instant when fixed (a snooze's
 * end, else NaN).
 */
export type MakeOccurrence<P> = (
  kind: OccurrenceKind,
  offset: number,
  keyOffset: number | string,
  day: number,
  fixedAt: number,
) => P;

/**
 * The occurrences of an open deadline that may fire, ascending by time, as
 * `make` makes them: one per lead time (`leads`, from {@link leadOrder}), the
 * overdue weeks looked at, and the end of a snooze. Never eligible: any
 * occurrence whose time fell before the deadline's `since`; a lead or overdue
 * one inside a snooze. Overdue weeks are looked at only either side of today
 * (`weeksGone`, from {@link weeksOverdue}): a later week always supersedes
 * the older ones, and after a long absence there would be many.
 */
export function eligibleOccurrences<P extends { readonly day: number }>(
  d: RemindedDeadline,
  leads: readonly number[],
  dueDay: number,
  /** The day overdue weeks count from ({@link overdueWeeksFrom}). */
  weekDay: number,
  weeksGone: number,
  times: ReminderTimes,
  make: MakeOccurrence<P>,
): P[] {
  const since = Date.parse(d.since);
  const snooze = d.snoozedUntil ? Date.parse(d.snoozedUntil) : Number.NaN;
  const eligible: P[] = [];
  // Largest lead first, then the overdue weeks: ascending by day. (Loops, not closures: this runs per deadline.)
  const firstWeek = Math.max(1, weeksGone - 1);
  for (let i = 0, n = leads.length + weeksGone + 2 - firstWeek; i < n; i++) {
    const lead = i < leads.length;
    const offset = lead ? leads[i]! : firstWeek + i - leads.length;
    const day = lead ? dueDay - offset : weekDay + 7 * offset;
    if (!Number.isNaN(since) && times.before(day, since)) continue;
    if (!Number.isNaN(snooze) && times.before(day, snooze)) continue;
    eligible.push(make(lead ? 'lead' : 'overdue', offset, offset, day, Number.NaN));
  }
  if (d.snoozedUntil && !(snooze < since)) {
    // Everything left is at or after the snooze's end; it goes after those exactly at it.
    let at = 0;
    while (at < eligible.length && times.notAfter(eligible[at]!.day, snooze)) at++;
    eligible.splice(at, 0, make('snooze', 0, d.snoozedUntil, Number.NaN, snooze));
  }
  return eligible;
}

/** The ledger key of a deadline's arrival: it was already overdue when this copy learned of it. */
export function arrivalKey(deadlineKey: string, due: string): string {
  return occurrenceKey(deadlineKey, 'arrival', due, 0);
}

/**
 * Whether a deadline was already overdue when this copy learned of its
 * source (created, imported or restored here): open, and due before that
 * day in the board's zone. Such a deadline is in the overdue list at once
 * and told once in the in-app summary; none of its reminders from before
 * that moment is ever sent as a notification (its `since`).
 */
export function overdueOnArrival(d: Pick<Deadline, 'status' | 'due' | 'learnedAt'>, timeZone: string): boolean {
  // A date string sorts before the instant of its own day: due < learnedAt is needed (cheap), the zone decides.
  return (
    d.status === 'open' && d.due !== '' && d.due < d.learnedAt && d.due < dateInZone(new Date(d.learnedAt), timeZone)
  );
}

/**
 * The open deadlines overdue on arrival whose arrival the ledger has not
 * recorded: what the next in-app summary tells ("3 obligations were already
 * overdue when recorded"). In steps, as the other looks over a register.
 */
export function* arrivalsLook(
  deadlines: readonly Deadline[],
  recorded: RecordedOccurrences,
  timeZone: string,
): Generator<void, Deadline[], void> {
  const out: Deadline[] = [];
  for (let i = 0; i < deadlines.length; i++) {
    const d = deadlines[i]!;
    if (d.due < d.learnedAt && overdueOnArrival(d, timeZone) && !recorded.has(arrivalKey(d.key, d.due))) out.push(d);
    if (i % 4096 === 4095) yield;
  }
  return out;
}

/** The heading of the in-app summary of obligations overdue on arrival. */
export function arrivalsMessage(count: number): string {
  return count === 1
    ? '1 obligation was already overdue when recorded'
    : `${count} obligations were already overdue when recorded`;
}
