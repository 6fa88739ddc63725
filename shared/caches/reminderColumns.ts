/**
 * The looks over a whole register of deadlines (docs/architecture.md
 * "Deadlines and reminders at ten-year scale"): what is due now
 * ({@link remindersDue}) and when the next occurrence comes
 * ({@link nextOccurrenceAt}), each also in steps. The register's plans
 * (caches/reminderPlans.ts) are kept as columns per register array, so a look
 * reads a few numbers per deadline unless its occurrences moved on.
 */
import {
  isReminded,
  type Occurrence,
  type RecordedOccurrences,
  type RemindedDeadline,
  type RemindersDue,
  type ReminderSettings,
} from '../rules/reminders.ts';
import { OccurrenceLedger } from './occurrenceLedger.ts';
import {
  clockOf,
  comingOccurrences,
  letPastGo,
  pastOf,
  planFor,
  type Clock,
  type Plan,
  type Planned,
  type ReminderInstants,
} from './reminderPlans.ts';

/**
 * Deadlines looked at between two pauses of a stepwise look. The work itself
 * is in plain functions over a range (a loop inside a generator runs about
 * half as fast, measured), and the generators only cut the array into ranges.
 */
const STEP = 256;

/** A day column's value for a span open at its start (`firstDay` of -Infinity). */
const NO_FIRST_DAY = -0x80000000;

function arrayOf<T>(items: Iterable<T>): readonly T[] {
  return Array.isArray(items) ? (items as readonly T[]) : [...items];
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
 *
 * The slots are set up range by range as looks reach them ({@link setUpTo}),
 * not all at once: a stepwise look sets up (and takes from the array before)
 * only the range of its step, so no step walks the whole register (a first
 * look after a start or an edit had done so in one go, over ~48,000
 * deadlines).
 */
class Slots {
  /** The length of the array the columns are for. */
  readonly size: number;
  /** The deadline each slot was planned for: an array changed in place is noticed slot by slot. */
  readonly objs: RemindedDeadline[];
  readonly plans: Array<Plan | null>;
  /** 1: the deadline is open (0: closed, or no due date: never reminded). */
  readonly open: Uint8Array;
  /** The span its plan holds for (`from` is +Infinity until the slot is first planned); days as day numbers. */
  readonly from: Float64Array;
  readonly until: Float64Array;
  readonly firstDay: Int32Array;
  readonly lastDay: Int32Array;
  /** No later than the first coming occurrence's instant (Infinity: none). */
  readonly nextEarliest: Float64Array;
  /**
   * The {@link keyHash} of its plan's latest past key and of its settled key:
   * the first look with a ledger (after a start, an undo, an import) asks the
   * ledger's bits with them, without reading the plan's own arrays.
   */
  readonly lastHash: Uint32Array;
  readonly settledHash: Uint32Array;
  /** 1: while the plan holds, nothing of it is due under `ledger` (no past occurrence, or the latest recorded). */
  readonly settled: Uint8Array;
  /** The growth-only ledger `settled` was learnt from; null: learn nothing. */
  ledger: OccurrenceLedger | null;
  /** Slots below this index are set up; a look reads no other. */
  ready = 0;
  /** Until every slot is set up: the columns they take (those of the array before). */
  private before: Slots | null;

  constructor(
    list: readonly RemindedDeadline[],
    readonly instants: ReminderInstants,
    before: Slots | null,
  ) {
    const n = list.length;
    this.size = n;
    this.before = before !== null && before.instants === instants ? before : null;
    this.ledger = this.before?.ledger ?? null;
    this.objs = list.slice();
    this.plans = new Array<Plan | null>(n).fill(null);
    this.open = new Uint8Array(n);
    this.from = new Float64Array(n);
    this.until = new Float64Array(n);
    this.firstDay = new Int32Array(n);
    this.lastDay = new Int32Array(n);
    this.nextEarliest = new Float64Array(n);
    this.lastHash = new Uint32Array(n);
    this.settledHash = new Uint32Array(n);
    this.settled = new Uint8Array(n);
  }

  /**
   * Sets up the slots below `end` not yet set up: each holds its deadline,
   * unplanned, or the columns of the array before where its index holds the
   * same object.
   */
  setUpTo(end: number): void {
    const { before } = this;
    const from = this.ready;
    const to = Math.min(end, this.size);
    if (from >= to) return;
    this.open.fill(1, from, to);
    this.from.fill(Infinity, from, to);
    this.until.fill(-Infinity, from, to);
    if (before !== null && from < before.size) this.adopt(before, from, Math.min(to, before.size));
    this.ready = to;
    if (to === this.size) this.before = null;
  }

  /** Takes the columns of `before` in [from, to) for every index holding the same deadline object. */
  private adopt(before: Slots, from: number, to: number): void {
    before.setUpTo(to);
    // The range copied whole (usually most objects are the same), then the slots of other objects set back.
    this.open.set(before.open.subarray(from, to), from);
    this.from.set(before.from.subarray(from, to), from);
    this.until.set(before.until.subarray(from, to), from);
    this.firstDay.set(before.firstDay.subarray(from, to), from);
    this.lastDay.set(before.lastDay.subarray(from, to), from);
    this.nextEarliest.set(before.nextEarliest.subarray(from, to), from);
    this.lastHash.set(before.lastHash.subarray(from, to), from);
    this.settledHash.set(before.settledHash.subarray(from, to), from);
    // What `before` learnt holds here only if it was learnt from the growth-only ledger these columns speak for
    // (a look between two steps may have made either answer for another).
    if (this.ledger !== null && before.ledger === this.ledger) {
      this.settled.set(before.settled.subarray(from, to), from);
    }
    const { objs, plans } = this;
    for (let i = from; i < to; i++) {
      if (objs[i] === before.objs[i]) plans[i] = before.plans[i] ?? null;
      else this.replace(i, objs[i]!);
    }
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
    if (!isReminded(d)) {
      this.open[i] = 0;
      return null;
    }
    const plan = planFor(d, clock);
    this.plans[i] = plan;
    this.from[i] = plan.from;
    this.until[i] = plan.until;
    this.firstDay[i] = plan.firstDay === -Infinity ? NO_FIRST_DAY : plan.firstDay;
    this.lastDay[i] = plan.lastDay;
    this.nextEarliest[i] = plan.nextEarliest;
    this.lastHash[i] = plan.lastHash;
    this.settledHash[i] = plan.settledHash;
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

/** The columns of `list` at `clock` (not yet set up: each look sets up the range it reads). */
function slotsOf(list: readonly RemindedDeadline[], clock: Clock): Slots {
  let slots = slotsByList.get(list);
  if (slots === undefined || slots.instants !== clock.instants || slots.size !== list.length) {
    slots = new Slots(list, clock.instants, latestSlots);
    slotsByList.set(list, slots);
  }
  if (latestSlots === null || slots.size * 2 >= latestSlots.size) latestSlots = slots;
  return slots;
}

/**
 * How many slots of `list`'s columns are set up so far (null: no look has
 * made its columns): a stepwise look sets them up as it goes, which the
 * tests check.
 */
export function columnsSetUp(list: readonly RemindedDeadline[]): number | null {
  return slotsByList.get(list)?.ready ?? null;
}

/** One look over a register: its array, its columns, the ledger it asks and its clock. */
interface Look {
  readonly list: readonly RemindedDeadline[];
  readonly slots: Slots;
  readonly ledger: RecordedOccurrences;
  readonly clock: Clock;
}

function lookOf(
  deadlines: Iterable<RemindedDeadline>,
  ledger: RecordedOccurrences,
  settings: ReminderSettings,
  now: Date,
): Look {
  const list = arrayOf(deadlines);
  const clock = clockOf(settings, now);
  return { list, slots: slotsOf(list, clock), ledger, clock };
}

/** What a look found so far. */
interface Found {
  readonly due: Occurrence[];
  readonly superseded: Occurrence[];
}

function lookAt(look: Look, from: number, to: number, found: Found): void {
  const { list, slots, ledger, clock } = look;
  slots.setUpTo(to);
  const { instants, now, today } = clock;
  const { objs, open, settled, plans, firstDay, lastDay, lastHash, settledHash } = slots;
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
    const { lastKey } = plan;
    if (lastKey === null || (growing !== null ? growing.hasHashed(lastKey, lastHash[n]!) : ledger.has(lastKey))) {
      // Remembered for a growth-only ledger; answerFrom clears it before any look with another.
      settled[n] = 1;
      if (growing !== null) letPastGo(plan);
      continue;
    }
    // Superseded occurrences are recorded per plan: settled up to an instant.
    const through =
      growing !== null
        ? growing.settledThroughHashed(plan.settledKey, settledHash[n]!)
        : (ledger.settledThrough?.(plan.settledKey) ?? -Infinity);
    const past = pastOf(plan, clock);
    const { planned, keys, hashes } = past;
    const last = keys.length - 1;
    if (through !== -Infinity && planned[last]!.notAfter(instants, through)) {
      settled[n] = 1;
      if (growing !== null) letPastGo(plan);
      continue;
    }
    const occurrences = (past.occurrences ??= planned.map((c) => c.occurrence(instants)));
    found.due.push(occurrences[last]!);
    // Ascending by time: those the plan's settled instant covers come first.
    let i = 0;
    if (through !== -Infinity) while (i < last && planned[i]!.notAfter(instants, through)) i++;
    for (; i < last; i++) {
      const recorded = growing !== null ? growing.hasHashed(keys[i]!, hashes[i]!) : ledger.has(keys[i]!);
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
  const look = lookOf(deadlines, ledger, settings, now);
  look.slots.answerFrom(ledger);
  const found: Found = { due: [], superseded: [] };
  for (let from = 0; from < look.list.length; from += STEP) {
    lookAt(look, from, Math.min(look.list.length, from + STEP), found);
    yield;
    // Another look may have used the columns meanwhile (with another ledger).
    look.slots.answerFrom(ledger);
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
  const look = lookOf(deadlines, ledger, settings, now);
  look.slots.answerFrom(ledger);
  const found: Found = { due: [], superseded: [] };
  lookAt(look, 0, look.list.length, found);
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

function searchNext(look: Look, from: number, to: number, search: NextSearch): void {
  const { list, slots, ledger, clock } = look;
  slots.setUpTo(to);
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
    for (const c of comingOccurrences(d, clock)) {
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
  const look = lookOf(deadlines, ledger, settings, now);
  const search: NextSearch = { near: [], bound: Infinity };
  for (let from = 0; from < look.list.length; from += STEP) {
    searchNext(look, from, Math.min(look.list.length, from + STEP), search);
    yield;
  }
  return nextOf(search, look.clock);
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
  const look = lookOf(deadlines, ledger, settings, now);
  const search: NextSearch = { near: [], bound: Infinity };
  searchNext(look, 0, look.list.length, search);
  return nextOf(search, look.clock);
}
