/**
 * Reminder rules (docs/architecture.md "Reminders"). A deadline has occurrences: a
 * reminder per lead time (days before the due date), a weekly repeat once it
 * is overdue, and the end of a snooze. Each is keyed by deadline key + kind +
 * due date + lead days, overdue week or snooze end, so it fires exactly once
 * across restarts and a moved due date makes fresh ones. Pure: `now` is
 * passed in; the ledger says which occurrences were already dealt with.
 */
import type { Deadline } from './deadlines.ts';
import type { Settings } from '../schema/settings.ts';
import { dateInZone, instantOfLocal } from '../dates/time.ts';

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

/** What the ledger must answer: has this occurrence been dealt with (fired, superseded or dismissed)? */
export interface RecordedOccurrences {
  has(occurrenceKey: string): boolean;
}

/**
 * A ledger's occurrence keys that only ever grow: what it answers `true` for
 * stays true. A look over the register remembers, per deadline, that the
 * ledger already holds its latest occurrence, and asks again only when the
 * deadline's occurrences move on; a ledger that loses keys (undo, restore,
 * import) must be a new object. Any other `RecordedOccurrences` is asked
 * every time.
 */
export class OccurrenceLedger implements RecordedOccurrences {
  private readonly keys = new Set<string>();
  /**
   * A bit per hash of the keys held (at least eight bits per key): a clear bit
   * answers "not recorded" from a small array, without a lookup in the set.
   * A look after a long absence asks about tens of thousands of keys the
   * ledger does not hold.
   */
  private bits = new Uint32Array(1 << 15);

  constructor(keys: Iterable<string> = []) {
    for (const key of keys) this.add(key);
  }

  has(occurrenceKey: string): boolean {
    return this.keys.has(occurrenceKey);
  }

  /** has(), given the key's {@link keyHash}: the bit first. */
  hasHashed(occurrenceKey: string, hash: number): boolean {
    const bit = hash & (this.bits.length * 32 - 1);
    return (this.bits[bit >>> 5]! & (1 << (bit & 31))) !== 0 && this.keys.has(occurrenceKey);
  }

  add(occurrenceKey: string): this {
    if (this.keys.has(occurrenceKey)) return this;
    this.keys.add(occurrenceKey);
    if (this.keys.size * 8 > this.bits.length * 32) {
      this.bits = new Uint32Array(this.bits.length * 2);
      for (const key of this.keys) this.setBit(keyHash(key));
    } else {
      this.setBit(keyHash(occurrenceKey));
    }
    return this;
  }

  private setBit(hash: number): void {
    const bit = hash & (this.bits.length * 32 - 1);
    this.bits[bit >>> 5]! |= 1 << (bit & 31);
  }

  get size(): number {
    return this.keys.size;
  }
}

/** The deadline fields the rules read. */
export type RemindedDeadline = Pick<
  Deadline,
  'key' | 'title' | 'due' | 'status' | 'since' | 'leadDays' | 'snoozedUntil'
>;

/** FNV-1a over a key's UTF-16 code units (the ledger's bits; kept with each planned key). */
function keyHash(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** The key of an occurrence: deadline key + kind + due date + lead days, overdue week or snooze end. */
export function occurrenceKey(deadlineKey: string, kind: OccurrenceKind, due: string, offset: number | string): string {
  // join makes one flat string (a template makes a rope): the ledger is asked about each key on every look.
  return [deadlineKey, kind, due, offset].join('|');
}

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
class ReminderInstants {
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
class Planned {
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
interface Plan {
  readonly instants: ReminderInstants;
  readonly from: number;
  readonly until: number;
  readonly firstDay: number;
  readonly lastDay: number;
  readonly past: readonly Planned[];
  /** The keys of `past`, made with the plan: every look asks the ledger for them. */
  readonly pastKeys: readonly string[];
  /** Their {@link keyHash}es, for a growth-only ledger's bits. */
  readonly pastHashes: Uint32Array;
  /**
   * The latest past key, and the first coming occurrence with its key and
   * bounds, held on the plan itself: a look over tens of thousands of
   * deadlines is bound by memory reads, and these save one or two per deadline.
   */
  readonly lastKey: string | null;
  readonly next: Planned | null;
  readonly nextKey: string;
  readonly nextEarliest: number;
  readonly nextLatest: number;
  /** The Occurrences of `past`, made the first time the latest is found unrecorded (then kept). */
  occurrences: readonly Occurrence[] | null;
  readonly future: readonly Planned[];
}

/** What one look at the rules works with: the zone's instants, `now` and its local day. */
interface Clock {
  readonly instants: ReminderInstants;
  readonly now: number;
  readonly today: number;
}

function clockOf(settings: ReminderSettings, now: Date): Clock {
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

/** Lead days without repeats, largest first (so their dates ascend); most deadlines share the board's array. */
function leadsOf(leadDays: readonly number[]): readonly number[] {
  let sorted = sortedLeads.get(leadDays);
  if (sorted === undefined) {
    sorted = [...new Set(leadDays)].sort((a, b) => b - a);
    sortedLeads.set(leadDays, sorted);
  }
  return sorted;
}

function isOpen(d: RemindedDeadline): boolean {
  return d.status === 'open' && d.due !== '';
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
 * The plan of an open deadline at `clock`. Never eligible: any occurrence
 * whose time fell before the deadline's `since`; a lead or overdue one inside
 * a snooze. Overdue weeks are looked at only either side of today: a later
 * week always supersedes the older ones, and after a long absence there
 * would be many.
 */
function planAt(d: RemindedDeadline, clock: Clock): Plan {
  const { instants, now } = clock;
  const dueDay = dayOf(d.due);
  const weeksGone = Math.max(0, Math.floor((clock.today - dueDay) / 7));
  const since = Date.parse(d.since);
  const snooze = d.snoozedUntil ? Date.parse(d.snoozedUntil) : Number.NaN;
  const eligible: Planned[] = [];
  // Largest lead first, then the overdue weeks: ascending by day. (Loops, not closures: this runs per deadline.)
  const leads = leadsOf(d.leadDays);
  const firstWeek = Math.max(1, weeksGone - 1);
  for (let i = 0, n = leads.length + weeksGone + 2 - firstWeek; i < n; i++) {
    const lead = i < leads.length;
    const offset = lead ? leads[i]! : firstWeek + i - leads.length;
    const day = lead ? dueDay - offset : dueDay + 7 * offset;
    if (!Number.isNaN(since) && instants.before(day, since)) continue;
    if (!Number.isNaN(snooze) && instants.before(day, snooze)) continue;
    eligible.push(new Planned(d, lead ? 'lead' : 'overdue', offset, offset, day, Number.NaN, instants));
  }
  if (d.snoozedUntil && !(snooze < since)) {
    // Everything left is at or after the snooze's end; it goes after those exactly at it.
    let at = 0;
    while (at < eligible.length && eligible[at]!.notAfter(instants, snooze)) at++;
    eligible.splice(at, 0, new Planned(d, 'snooze', 0, d.snoozedUntil, Number.NaN, snooze, instants));
  }
  let split = 0;
  while (split < eligible.length && eligible[split]!.notAfter(instants, now)) split++;
  const past = eligible.slice(0, split);
  const pastKeys = keysOf(past);
  const future = eligible.slice(split);
  const last = past.at(-1);
  const next = future[0];
  return {
    instants,
    // `from` may be loose (no Intl call) but keeps `now` inside and every occurrence on its side.
    // `until` is exact (one Intl call per day, kept): a loose one, 16 hours early, made every plan
    // whose next occurrence falls on the same day expire at the same moment, a look planning
    // thousands again at once.
    from: last === undefined ? -Infinity : last.latest <= now ? last.latest : last.at(instants),
    until: next === undefined ? Infinity : next.at(instants),
    firstDay: weeksGone === 0 ? -Infinity : dueDay + 7 * weeksGone,
    lastDay: dueDay + 7 * weeksGone + 6,
    past,
    pastKeys,
    pastHashes: Uint32Array.from(pastKeys, keyHash),
    lastKey: pastKeys.at(-1) ?? null,
    next: next ?? null,
    nextKey: next?.key() ?? '',
    nextEarliest: next?.earliest ?? Infinity,
    nextLatest: next?.latest ?? Infinity,
    occurrences: null,
    future,
  };
}

function keysOf(planned: readonly Planned[]): string[] {
  const keys: string[] = [];
  for (const c of planned) keys.push(c.key());
  return keys;
}

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

/**
 * Deadlines looked at between two pauses of a stepwise look. The work itself
 * is in plain functions over a range (a loop inside a generator runs about
 * half as fast, measured), and the generators only cut the array into ranges.
 */
const STEP = 256;

function arrayOf<T>(items: Iterable<T>): readonly T[] {
  return Array.isArray(items) ? (items as readonly T[]) : [...items];
}

/** The plan of an open deadline at `clock`: its kept one while it holds, else a new one. */
function planFor(d: RemindedDeadline, clock: Clock): Plan {
  let plan = plans.get(d);
  if (plan === undefined || !holds(plan, clock)) {
    plan = planAt(d, clock);
    plans.set(d, plan);
  }
  return plan;
}

/**
 * A register's plans as columns, for looks over the same array (the
 * scheduler looks every hour, and at every wake, over tens of thousands of
 * deadlines): the span each slot's plan holds for in typed arrays read in
 * order, so a look whose `now` is still inside a slot's span, and whose
 * ledger already answered for it, reads a few numbers and moves on, instead
 * of finding its plan by object and asking the ledger again. A slot is
 * planned again (through `planFor`, kept by deadline object) when `now`
 * leaves its span; a new array of the same objects takes the columns of the
 * array it replaces wherever an index holds the same object.
 */
class Slots {
  /** The deadline each slot was planned for: an array changed in place is noticed slot by slot. */
  readonly objs: RemindedDeadline[];
  readonly plans: Array<Plan | null>;
  /** 1: the deadline is open (0: closed, or no due date: never reminded). */
  readonly open: Uint8Array;
  /** The span its plan holds for (`from` is +Infinity until the slot is first planned). */
  readonly from: Float64Array;
  readonly until: Float64Array;
  readonly firstDay: Float64Array;
  readonly lastDay: Float64Array;
  /** No later than the first coming occurrence's instant (Infinity: none). */
  readonly nextEarliest: Float64Array;
  /** 1: while the plan holds, nothing of it is due under `ledger` (no past occurrence, or the latest recorded). */
  readonly settled: Uint8Array;
  /** The growth-only ledger `settled` was learnt from; null: learn nothing. */
  ledger: OccurrenceLedger | null = null;

  constructor(
    list: readonly RemindedDeadline[],
    readonly instants: ReminderInstants,
  ) {
    const n = list.length;
    this.objs = list.slice();
    this.plans = new Array<Plan | null>(n).fill(null);
    this.open = new Uint8Array(n).fill(1);
    this.from = new Float64Array(n).fill(Infinity);
    this.until = new Float64Array(n).fill(-Infinity);
    this.firstDay = new Float64Array(n);
    this.lastDay = new Float64Array(n);
    this.nextEarliest = new Float64Array(n);
    this.settled = new Uint8Array(n);
  }

  /** Takes the columns of `before` for every index holding the same deadline object. */
  adopt(before: Slots): void {
    const n = Math.min(this.objs.length, before.objs.length);
    const same = before.ledger;
    for (let i = 0; i < n; i++) {
      if (this.objs[i] !== before.objs[i]) continue;
      this.plans[i] = before.plans[i] ?? null;
      this.open[i] = before.open[i]!;
      this.from[i] = before.from[i]!;
      this.until[i] = before.until[i]!;
      this.firstDay[i] = before.firstDay[i]!;
      this.lastDay[i] = before.lastDay[i]!;
      this.nextEarliest[i] = before.nextEarliest[i]!;
      this.settled[i] = before.settled[i]!;
    }
    this.ledger = same;
  }

  /** Slot `i` now holds `d` (the array was changed in place): planned afresh when next looked at. */
  replace(i: number, d: RemindedDeadline): void {
    this.objs[i] = d;
    this.plans[i] = null;
    this.open[i] = 1;
    this.from[i] = Infinity;
    this.until[i] = -Infinity;
    this.settled[i] = 0;
  }

  /** The plan of slot `i` at `clock`: kept while `now` is inside its span, else planned again. */
  planAt(i: number, clock: Clock): Plan | null {
    const { now, today } = clock;
    if (now >= this.from[i]! && now < this.until[i]! && today >= this.firstDay[i]! && today <= this.lastDay[i]!) {
      return this.plans[i]!;
    }
    this.settled[i] = 0;
    const d = this.objs[i]!;
    if (!isOpen(d)) {
      this.open[i] = 0;
      return null;
    }
    const plan = planFor(d, clock);
    this.plans[i] = plan;
    this.from[i] = plan.from;
    this.until[i] = plan.until;
    this.firstDay[i] = plan.firstDay;
    this.lastDay[i] = plan.lastDay;
    this.nextEarliest[i] = plan.nextEarliest;
    return plan;
  }

  /**
   * Makes `ledger` the one `settled` speaks for: kept for the same growth-only
   * ledger, cleared for another (and for any ledger that may lose keys, at
   * every look and after every pause of one).
   */
  answerFrom(ledger: RecordedOccurrences): void {
    const growing = ledger instanceof OccurrenceLedger ? ledger : null;
    if (growing !== this.ledger || growing === null) {
      this.settled.fill(0);
      this.ledger = growing;
    }
  }
}

/**
 * Columns by register array; and the latest register's (held, so that the
 * array derived after the next edit starts from it however soon the old one
 * is dropped: one register's worth of memory). A short list (the scheduler's
 * few deadlines of one change) does not take its place.
 */
const slotsByList = new WeakMap<readonly RemindedDeadline[], Slots>();
let latestSlots: Slots | null = null;

function slotsOf(list: readonly RemindedDeadline[], clock: Clock): Slots {
  let slots = slotsByList.get(list);
  if (slots === undefined || slots.instants !== clock.instants || slots.objs.length !== list.length) {
    slots = new Slots(list, clock.instants);
    const before = latestSlots;
    if (before !== null && before.instants === clock.instants) slots.adopt(before);
    slotsByList.set(list, slots);
  }
  if (latestSlots === null || slots.objs.length * 2 >= latestSlots.objs.length) latestSlots = slots;
  return slots;
}

/** What a look found so far. */
interface Found {
  readonly due: Occurrence[];
  readonly superseded: Occurrence[];
}

function lookAt(
  list: readonly RemindedDeadline[],
  slots: Slots,
  from: number,
  to: number,
  ledger: RecordedOccurrences,
  clock: Clock,
  found: Found,
): void {
  const { instants, now, today } = clock;
  const { objs, open, settled, plans, firstDay, lastDay } = slots;
  const spanFrom = slots.from;
  const spanUntil = slots.until;
  const growing = slots.ledger;
  for (let n = from, end = Math.min(to, objs.length); n < end; n++) {
    const d = list[n]!;
    if (d !== objs[n]) slots.replace(n, d);
    if (open[n] === 0) continue;
    // The usual case, read from the columns alone: the plan still holds and nothing of it is due.
    const holds = now >= spanFrom[n]! && now < spanUntil[n]! && today >= firstDay[n]! && today <= lastDay[n]!;
    if (holds && settled[n] === 1) continue;
    const plan = holds ? plans[n]! : slots.planAt(n, clock);
    if (plan === null || settled[n] === 1) continue;
    const { lastKey, pastKeys, pastHashes } = plan;
    const last = pastKeys.length - 1;
    if (lastKey === null || (growing !== null ? growing.hasHashed(lastKey, pastHashes[last]!) : ledger.has(lastKey))) {
      // Remembered for a growth-only ledger; answerFrom clears it before any look with another.
      settled[n] = 1;
      continue;
    }
    const occurrences = (plan.occurrences ??= plan.past.map((c) => c.occurrence(instants)));
    found.due.push(occurrences[last]!);
    for (let i = 0; i < last; i++) {
      const recorded = growing !== null ? growing.hasHashed(pastKeys[i]!, pastHashes[i]!) : ledger.has(pastKeys[i]!);
      if (!recorded) found.superseded.push(occurrences[i]!);
    }
  }
}

/**
 * {@link remindersDue} in steps: it pauses (yields) every so often so that a
 * caller sharing a thread can let other work run; the result is the return
 * value. The scheduler runs it in slices before it records what is due, so
 * the look it makes inside the change finds every plan ready.
 */
export function* reminderLook(
  deadlines: Iterable<RemindedDeadline>,
  ledger: RecordedOccurrences,
  settings: ReminderSettings,
  now: Date,
): Generator<void, RemindersDue, void> {
  const list = arrayOf(deadlines);
  const clock = clockOf(settings, now);
  const slots = slotsOf(list, clock);
  slots.answerFrom(ledger);
  const found: Found = { due: [], superseded: [] };
  for (let from = 0; from < list.length; from += STEP) {
    lookAt(list, slots, from, Math.min(list.length, from + STEP), ledger, clock, found);
    yield;
    // Another look may have used the columns meanwhile (with another ledger).
    slots.answerFrom(ledger);
  }
  return found;
}

/**
 * Per deadline, its latest occurrence whose time has come, unless the ledger
 * already holds it; older unrecorded occurrences of that deadline come back
 * as superseded. Nothing whose time fell before the deadline's `since`, and
 * nothing of a closed deadline.
 */
export function remindersDue(
  deadlines: Iterable<RemindedDeadline>,
  ledger: RecordedOccurrences,
  settings: ReminderSettings,
  now: Date,
): RemindersDue {
  const list = arrayOf(deadlines);
  const clock = clockOf(settings, now);
  const slots = slotsOf(list, clock);
  slots.answerFrom(ledger);
  const found: Found = { due: [], superseded: [] };
  lookAt(list, slots, 0, list.length, ledger, clock, found);
  return found;
}

/**
 * The search for the next occurrence so far: each deadline's first coming
 * occurrence the ledger does not already hold (e.g. dismissed ahead). The
 * answer is at most `bound` (the least latest instant so far): only those
 * that may come before it are kept, to have their exact instant worked out
 * at the end.
 */
interface NextSearch {
  readonly near: Planned[];
  bound: number;
}

function searchNext(
  list: readonly RemindedDeadline[],
  slots: Slots,
  from: number,
  to: number,
  ledger: RecordedOccurrences,
  clock: Clock,
  search: NextSearch,
): void {
  const { objs, open, nextEarliest } = slots;
  for (let n = from, end = Math.min(to, objs.length); n < end; n++) {
    const d = list[n]!;
    if (d !== objs[n]) slots.replace(n, d);
    if (open[n] === 0) continue;
    const plan = slots.planAt(n, clock);
    // Every coming occurrence of it is at or after its first's earliest instant: past the bound, none can be next.
    if (plan === null || plan.next === null || nextEarliest[n]! > search.bound) continue;
    if (!ledger.has(plan.nextKey)) {
      if (plan.nextEarliest <= search.bound) search.near.push(plan.next);
      if (plan.nextLatest < search.bound) search.bound = plan.nextLatest;
      continue;
    }
    // Dismissed ahead: the first coming one the ledger does not hold.
    for (const c of plan.future) {
      if (ledger.has(c.key())) continue;
      if (c.earliest <= search.bound) search.near.push(c);
      if (c.latest < search.bound) search.bound = c.latest;
      break;
    }
  }
}

function nextOf(search: NextSearch, clock: Clock): Date | null {
  let best = Infinity;
  for (const c of search.near) {
    if (c.earliest <= search.bound) best = Math.min(best, c.at(clock.instants));
  }
  return best === Infinity ? null : new Date(best);
}

/** {@link nextOccurrenceAt} in steps, as {@link reminderLook} is. */
export function* nextOccurrenceSearch(
  deadlines: Iterable<RemindedDeadline>,
  ledger: RecordedOccurrences,
  settings: ReminderSettings,
  now: Date,
): Generator<void, Date | null, void> {
  const list = arrayOf(deadlines);
  const clock = clockOf(settings, now);
  const slots = slotsOf(list, clock);
  const search: NextSearch = { near: [], bound: Infinity };
  for (let from = 0; from < list.length; from += STEP) {
    searchNext(list, slots, from, Math.min(list.length, from + STEP), ledger, clock, search);
    yield;
  }
  return nextOf(search, clock);
}

/**
 * The earliest instant after `now` at which an occurrence of any deadline
 * comes due (and is not already recorded, e.g. dismissed ahead), or null
 * when there is none. The scheduler arms its timer for it (never more than
 * an hour ahead: see the scheduler).
 */
export function nextOccurrenceAt(
  deadlines: Iterable<RemindedDeadline>,
  ledger: RecordedOccurrences,
  settings: ReminderSettings,
  now: Date,
): Date | null {
  const list = arrayOf(deadlines);
  const clock = clockOf(settings, now);
  const slots = slotsOf(list, clock);
  const search: NextSearch = { near: [], bound: Infinity };
  searchNext(list, slots, 0, list.length, ledger, clock, search);
  return nextOf(search, clock);
}

/** The upcoming occurrences of one deadline after `now`, at most `limit`: what its page lists. */
export function upcomingOccurrences(
  d: RemindedDeadline,
  settings: ReminderSettings,
  now: Date,
  limit = 8,
): Occurrence[] {
  if (!isOpen(d)) return [];
  const instants = instantsOf(settings);
  const out: Occurrence[] = [];
  // Walk forward: each step asks for the first occurrence after the last one found.
  let from = now.getTime();
  for (let i = 0; i < limit; i++) {
    const at = new Date(from);
    const next = planAt(d, { instants, now: from, today: dayOf(dateInZone(at, settings.timeZone)) }).future[0];
    if (next === undefined) break;
    const o = next.occurrence(instants);
    out.push(o);
    from = Date.parse(o.at);
  }
  return out;
}
