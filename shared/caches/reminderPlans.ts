/**
 * A deadline's reminder plan (docs/architecture.md "Deadlines and reminders
 * at ten-year scale"): its eligible occurrences (rules/reminders.ts) split at
 * `now` into those whose time has come and those to come, with the span of
 * `now` in which that split holds, kept per deadline object. A local date
 * becomes an instant (Intl) only near a comparison, and each day's instant is
 * kept per zone and reminder time.
 */
import {
  eligibleOccurrences,
  isReminded,
  leadOrder,
  occurrenceKey,
  overdueWeeksFrom,
  settledKey,
  weeksOverdue,
  type Occurrence,
  type OccurrenceKind,
  type RemindedDeadline,
  type ReminderSettings,
} from '../rules/reminders.ts';
import { dateInZone, instantOfLocal } from '../dates/time.ts';
import { keyHash } from './occurrenceLedger.ts';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
/**
 * How far the instant of a local time can be from the same reading taken as
 * UTC: zone offsets run from -12 to +14 hours, plus an hour for a time the
 * clocks skip, plus a margin. Within this, only an exact conversion decides.
 */
const SLACK_MS = 16 * HOUR_MS;

/** Days since 1970-01-01 of a `YYYY-MM-DD` date. */
function dayOf(date: string): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / DAY_MS;
}

/** The `YYYY-MM-DD` date of a day number. */
function dateOfDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/**
 * The instants of the reminder time in one zone, by day number. An exact
 * conversion asks Intl (tens of microseconds), so each day's is kept across
 * calls (the scheduler asks about the same days every hour), and most
 * comparisons never need one: the instant is within SLACK_MS of the day's
 * reminder time read as UTC, so a date weeks away compares by that alone.
 */
export class ReminderInstants {
  private readonly exact = new Map<number, number>();
  /** The reminder time in ms after midnight. */
  private readonly timeMs: number;

  constructor(
    readonly timeZone: string,
    readonly reminderTime: string,
  ) {
    const [hh, mm] = reminderTime.split(':').map(Number) as [number, number];
    this.timeMs = (hh * 60 + mm) * 60_000;
  }

  /** The instant (ms) of the reminder time on `day`. */
  at(day: number): number {
    let ms = this.exact.get(day);
    if (ms === undefined) {
      if (this.exact.size >= 100_000) this.exact.clear();
      ms = instantOfLocal(dateOfDay(day), this.reminderTime, this.timeZone).getTime();
      this.exact.set(day, ms);
    }
    return ms;
  }

  /** No later than the instant of `day`. */
  earliest(day: number): number {
    return this.exact.get(day) ?? day * DAY_MS + this.timeMs - SLACK_MS;
  }

  /** No earlier than the instant of `day`. */
  latest(day: number): number {
    return this.exact.get(day) ?? day * DAY_MS + this.timeMs + SLACK_MS;
  }

  /** Whether the instant of `day` is before `ms`. */
  before(day: number, ms: number): boolean {
    if (this.latest(day) < ms) return true;
    if (this.earliest(day) >= ms) return false;
    return this.at(day) < ms;
  }

  /** Whether the instant of `day` is at or before `ms`. */
  notAfter(day: number, ms: number): boolean {
    if (this.latest(day) <= ms) return true;
    if (this.earliest(day) > ms) return false;
    return this.at(day) <= ms;
  }
}

const instantsByZone = new Map<string, ReminderInstants>();

function instantsOf(settings: ReminderSettings): ReminderInstants {
  const key = `${settings.timeZone}|${settings.reminderTime}`;
  let instants = instantsByZone.get(key);
  if (instants === undefined) {
    instants = new ReminderInstants(settings.timeZone, settings.reminderTime);
    instantsByZone.set(key, instants);
  }
  return instants;
}

/** One occurrence of a plan: its key and Occurrence are made when first asked for, then kept. */
export class Planned {
  /** No later than its instant: exact when known, else a bound without Intl. */
  readonly earliest: number;
  /** No earlier than its instant. */
  readonly latest: number;
  private keyMemo: string | undefined;
  private occurrenceMemo: Occurrence | undefined;

  constructor(
    readonly d: RemindedDeadline,
    readonly kind: OccurrenceKind,
    readonly offset: number,
    readonly keyOffset: number | string,
    /** The day it falls on at the reminder time; NaN for a snooze (its instant is fixed). */
    readonly day: number,
    /** Its instant when fixed (a snooze), else NaN. */
    readonly fixedAt: number,
    instants: ReminderInstants,
  ) {
    this.earliest = Number.isNaN(fixedAt) ? instants.earliest(day) : fixedAt;
    this.latest = Number.isNaN(fixedAt) ? instants.latest(day) : fixedAt;
  }

  key(): string {
    this.keyMemo ??= occurrenceKey(this.d.key, this.kind, this.d.due, this.keyOffset);
    return this.keyMemo;
  }

  at(instants: ReminderInstants): number {
    return Number.isNaN(this.fixedAt) ? instants.at(this.day) : this.fixedAt;
  }

  /** Whether its instant is at or before `ms`. */
  notAfter(instants: ReminderInstants, ms: number): boolean {
    if (this.latest <= ms) return true;
    if (this.earliest > ms) return false;
    return this.at(instants) <= ms;
  }

  occurrence(instants: ReminderInstants): Occurrence {
    this.occurrenceMemo ??= {
      key: this.key(),
      deadlineKey: this.d.key,
      kind: this.kind,
      due: this.d.due,
      offset: this.offset,
      // A snooze keeps the instant as it was given (it is part of its key).
      at: this.kind === 'snooze' ? this.d.snoozedUntil : new Date(this.at(instants)).toISOString(),
      title: this.d.title,
    };
    return this.occurrenceMemo;
  }
}

/**
 * A deadline's occurrences that may fire, as they stand at some instant:
 * those whose time has come and those to come, each ascending by time. It
 * holds, unchanged, for every `now` in [from, until) whose local date is in
 * [firstDay, lastDay] (the overdue weeks looked at move with the date), in
 * the zone and at the reminder time it was made for.
 */
export interface Plan {
  /** The deadline it was planned for. */
  readonly d: RemindedDeadline;
  readonly instants: ReminderInstants;
  readonly from: number;
  readonly until: number;
  readonly firstDay: number;
  readonly lastDay: number;
  /**
   * Its occurrences whose time has come, with their keys; null once let go
   * ({@link letPastGo}: the ledger holds the latest, so no look reads them
   * while the plan holds), made again by {@link pastOf} should a look need
   * them (a ledger that lost keys, after an undo). Most of a register's
   * plans are settled: kept for all of them, these were most of the plans'
   * memory (tens of MB at ten-year scale).
   */
  past: Past | null;
  /**
   * The latest past key and its {@link keyHash}, and the first coming
   * occurrence with its key and bounds, held on the plan itself: a look over
   * tens of thousands of deadlines is bound by memory reads, and these save
   * one or two per deadline.
   */
  readonly lastKey: string | null;
  readonly lastHash: number;
  readonly next: Planned | null;
  readonly nextKey: string;
  readonly nextEarliest: number;
  readonly nextLatest: number;
  /** The key of the deadline's plan settled up to an instant in the ledger ({@link settledKey}). */
  readonly settledKey: string;
  /** The {@link keyHash} of `settledKey`, for a growth-only ledger's bits. */
  readonly settledHash: number;
}

/** A plan's occurrences whose time has come, ascending by time. */
export interface Past {
  readonly planned: readonly Planned[];
  /** Their keys: every look that finds the latest unrecorded asks the ledger for them. */
  readonly keys: readonly string[];
  /** Their {@link keyHash}es, for a growth-only ledger's bits. */
  readonly hashes: readonly number[];
  /** Their Occurrences, made the first time the latest is found unrecorded (then kept). */
  occurrences: readonly Occurrence[] | null;
}

/** What one look at the rules works with: the zone's instants, `now` and its local day. */
export interface Clock {
  readonly instants: ReminderInstants;
  readonly now: number;
  readonly today: number;
}

export function clockOf(settings: ReminderSettings, now: Date): Clock {
  return {
    instants: instantsOf(settings),
    now: now.getTime(),
    today: dayOf(dateInZone(now, settings.timeZone)),
  };
}

/**
 * Plans by deadline object. A deadline is immutable (a change makes a new
 * object), so a plan is never wrong for its object; it is remade only when
 * `now` leaves the span it holds for. The register's deadlines are the same
 * objects from call to call (deriveDeadlines keeps them), so each look only
 * compares `now` with a span per deadline.
 */
const plans = new WeakMap<RemindedDeadline, Plan>();
const sortedLeads = new WeakMap<readonly number[], readonly number[]>();

/** {@link leadOrder}, kept per array: most deadlines share the board's. */
function leadsOf(leadDays: readonly number[]): readonly number[] {
  let sorted = sortedLeads.get(leadDays);
  if (sorted === undefined) {
    sorted = leadOrder(leadDays);
    sortedLeads.set(leadDays, sorted);
  }
  return sorted;
}

function holds(plan: Plan, clock: Clock): boolean {
  return (
    plan.instants === clock.instants &&
    clock.now >= plan.from &&
    clock.now < plan.until &&
    clock.today >= plan.firstDay &&
    clock.today <= plan.lastDay
  );
}

/**
 * The eligible occurrences (rules/reminders.ts) of an open deadline at
 * `clock`, ascending by time; and the day its overdue weeks count from and
 * how many have gone.
 */
function eligibleAt(d: RemindedDeadline, clock: Clock): { eligible: Planned[]; weekDay: number; weeksGone: number } {
  const { instants } = clock;
  const dueDay = dayOf(d.due);
  const weekDay = overdueWeeksFrom(d, dueDay, instants.timeZone);
  const weeksGone = weeksOverdue(weekDay, clock.today);
  const eligible = eligibleOccurrences(
    d,
    leadsOf(d.leadDays),
    dueDay,
    weekDay,
    weeksGone,
    instants,
    (kind: OccurrenceKind, offset: number, keyOffset: number | string, day: number, fixedAt: number) =>
      new Planned(d, kind, offset, keyOffset, day, fixedAt, instants),
  );
  return { eligible, weekDay, weeksGone };
}

/** The index of the first of `eligible` whose time is after `now`. */
function splitAt(eligible: readonly Planned[], clock: Clock): number {
  let split = 0;
  while (split < eligible.length && eligible[split]!.notAfter(clock.instants, clock.now)) split++;
  return split;
}

/**
 * The occurrences of an open deadline still to come at `clock`, ascending by
 * time: made afresh when asked (rarely: only when the first of them is
 * already recorded, dismissed ahead), not kept with its plan.
 */
export function comingOccurrences(d: RemindedDeadline, clock: Clock): Planned[] {
  const { eligible } = eligibleAt(d, clock);
  return eligible.slice(splitAt(eligible, clock));
}

/**
 * The plan of an open deadline at `clock`: its eligible occurrences split at
 * `now`. Of those to come only the first is kept (the rest are made again in
 * the rare case they are needed: {@link comingOccurrences}); tens of
 * thousands of plans are held.
 */
function planAt(d: RemindedDeadline, clock: Clock): Plan {
  const { instants, now } = clock;
  const { eligible, weekDay, weeksGone } = eligibleAt(d, clock);
  const split = splitAt(eligible, clock);
  const past = pastFrom(eligible.slice(0, split));
  const last = past.planned.at(-1);
  const next = eligible[split];
  const key = settledKey(d.key, d.due);
  return {
    d,
    instants,
    // `from` may be loose (no Intl call) but keeps `now` inside and every occurrence on its side.
    // `until` is exact (one Intl call per day, kept): a loose one, 16 hours early, made every plan
    // whose next occurrence falls on the same day expire at the same moment, a look planning
    // thousands again at once.
    from: last === undefined ? -Infinity : last.latest <= now ? last.latest : last.at(instants),
    until: next === undefined ? Infinity : next.at(instants),
    firstDay: weeksGone === 0 ? -Infinity : weekDay + 7 * weeksGone,
    lastDay: weekDay + 7 * weeksGone + 6,
    past,
    lastKey: past.keys.at(-1) ?? null,
    lastHash: past.hashes.at(-1) ?? 0,
    next: next ?? null,
    nextKey: next?.key() ?? '',
    nextEarliest: next?.earliest ?? Infinity,
    nextLatest: next?.latest ?? Infinity,
    settledKey: key,
    settledHash: keyHash(key),
  };
}

function pastFrom(planned: readonly Planned[]): Past {
  const keys: string[] = [];
  for (const c of planned) keys.push(c.key());
  // As int32s (small integers in a plain array: a typed array per plan weighs several times more;
  // the ledger's bits read the same low bits).
  return { planned, keys, hashes: keys.map((key) => keyHash(key) | 0), occurrences: null };
}

/**
 * A plan's past occurrences at `clock` (a clock the plan holds for): kept
 * ones, or made again from its deadline when they were let go. Within the
 * plan's span the same occurrences have come, so they are the same keys.
 */
export function pastOf(plan: Plan, clock: Clock): Past {
  if (plan.past !== null) return plan.past;
  const { eligible } = eligibleAt(plan.d, clock);
  const past = pastFrom(eligible.slice(0, splitAt(eligible, clock)));
  if ((past.keys.at(-1) ?? null) !== plan.lastKey) {
    throw new Error(`reminder plan of ${plan.d.key}: its past made again at a time it does not hold for`);
  }
  plan.past = past;
  return past;
}

/**
 * Lets a plan's past occurrences go once the ledger holds its latest: while
 * the plan holds no look reads them (they were made to be listed and
 * recorded; tens of thousands after a long absence). Made again by
 * {@link pastOf} should a ledger without them (after an undo) ask.
 */
export function letPastGo(plan: Plan): void {
  plan.past = null;
}

/** The plan of an open deadline at `clock`: its kept one while it holds, else a new one. */
export function planFor(d: RemindedDeadline, clock: Clock): Plan {
  let plan = plans.get(d);
  if (plan === undefined || !holds(plan, clock)) {
    plan = planAt(d, clock);
    plans.set(d, plan);
  }
  return plan;
}

/** The upcoming occurrences of one deadline after `now`, at most `limit`: what its page lists. */
export function upcomingOccurrences(
  d: RemindedDeadline,
  settings: ReminderSettings,
  now: Date,
  limit = 8,
): Occurrence[] {
  if (!isReminded(d)) return [];
  const instants = instantsOf(settings);
  const out: Occurrence[] = [];
  // Walk forward: each step asks for the first occurrence after the last one found.
  let from = now.getTime();
  for (let i = 0; i < limit; i++) {
    const at = new Date(from);
    const next = planAt(d, { instants, now: from, today: dayOf(dateInZone(at, settings.timeZone)) }).next;
    if (next === null) break;
    const o = next.occurrence(instants);
    out.push(o);
    from = Date.parse(o.at);
  }
  return out;
}
