/**
 * The memoising engine of the deadline register (docs/architecture.md
 * "Deadlines and reminders at ten-year scale"): it runs the per-source rules
 * of rules/deadlines.ts through a Derivation that notes every lookup and
 * every comparison with `today`, and keeps each record's deadlines against
 * the record object while those still hold. Pure: `today` is passed in.
 */
import { addDays } from '../dates/calendarDates.ts';
import {
  deriveCondition,
  deriveContract,
  deriveDecision,
  deriveManual,
  deriveMeeting,
  RECURRING_HORIZON_DAYS,
  type BoardLeadDays,
  type Deadline,
  type DerivationInputs,
  type MeetingRules,
} from '../rules/deadlines.ts';
import type { Contract } from '../schema/contracts.ts';
import type { Deadline as StoredDeadline } from '../schema/deadlines.ts';
import type { Decision } from '../schema/decisions.ts';
import type { Member } from '../schema/members.ts';
import type { State } from '../schema/state.ts';

/** Later than any date: the open end of a range of days. */
const NO_END = '\uffff';

/**
 * Everything a deadline is derived from besides its own source record. One
 * object per distinct set of collections (and settings values), so a cached
 * derivation made from the same sources is known good by one comparison.
 */
interface Sources {
  readonly decisions: State['decisions'];
  readonly contracts: State['contracts'];
  readonly members: State['members'];
  /** The stored settings of derived deadlines (`source: 'derived'`), by deadline key. */
  readonly own: ReadonlyMap<string, StoredDeadline>;
  readonly leadDays: BoardLeadDays;
  readonly meetingRules: MeetingRules;
}

type Slot = keyof Sources;

/**
 * What a derivation looked up, and what it found (the derivation holds while each lookup finds the
 * same): three items a lookup, the slot, the id and the value, in one flat array sized to fit. At
 * ten-year scale there are tens of thousands of entries: an object per lookup and arrays left with
 * the room `push` grows them by cost about three times the memory (measured).
 */
type Reads = readonly unknown[];

function lookUp(src: Sources, slot: Slot, id: string): unknown {
  switch (slot) {
    case 'own':
      return src.own.get(id);
    case 'leadDays':
    case 'meetingRules':
      return src[slot];
    default:
      return src[slot].get(id);
  }
}

/** One empty array for every entry that looked nothing up or derived nothing (most decisions and meetings). */
const NONE: readonly never[] = Object.freeze([]);

/** `items` as an array of exactly its length (a copy: `push` leaves room for more), or the shared empty one. */
function fitted<T>(items: readonly T[]): readonly T[] {
  return items.length === 0 ? NONE : items.slice();
}

/**
 * The deadlines derived from one source record, the sources they were read
 * from, and the days `today` may move between without changing them (after
 * `gt`, from `ge`, before `lt`, up to `le`).
 */
interface Entry {
  /** The sources last found to give the same lookups (moved on when a check passes). */
  src: Sources;
  readonly reads: Reads;
  readonly gt: string;
  readonly ge: string;
  readonly lt: string;
  readonly le: string;
  readonly deadlines: readonly Deadline[];
}

/** What one collection gave: reused whole while the collection, the sources and the day range hold. */
interface PartMemo {
  readonly src: Sources;
  readonly gt: string;
  readonly ge: string;
  readonly lt: string;
  readonly le: string;
  readonly deadlines: readonly Deadline[];
}

/*
 * The caches. Records are immutable (a change replaces the record object), so
 * a derivation cached against its record object is never wrong for that
 * object; what else it read is checked through `reads`, and `today` through
 * the day range. Weak keys: a record no longer in any state is forgotten.
 */
const entries = new WeakMap<object, Entry>();
const partMemos = new WeakMap<object, PartMemo>();
const ownIndexes = new WeakMap<object, ReadonlyMap<string, StoredDeadline>>();
let lastSources: Sources | null = null;

function inRange(r: Pick<Entry, 'gt' | 'ge' | 'lt' | 'le'>, today: string): boolean {
  return today > r.gt && today >= r.ge && today < r.lt && today <= r.le;
}

function sameNumbers(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function ownIndexOf(deadlines: State['deadlines']): ReadonlyMap<string, StoredDeadline> {
  let own = ownIndexes.get(deadlines);
  if (own === undefined) {
    const map = new Map<string, StoredDeadline>();
    for (const record of deadlines) {
      if (record.source === 'derived' && !record.archivedAt) map.set(record.key, record);
    }
    own = map;
    ownIndexes.set(deadlines, own);
  }
  return own;
}

/** The sources of `state`: the same object as last time when nothing they hold changed. */
function sourcesOf(state: State): Sources {
  const s = state.settings;
  const last = lastSources;
  const own = ownIndexOf(state.deadlines);
  // Settings are validated (so copied) on every change: compare values, keep the old object when equal.
  const lead = last?.leadDays;
  const leadDays =
    lead !== undefined && lead.changedAt === s.leadDaysChangedAt && sameNumbers(lead.days, s.reminderLeadDays)
      ? lead
      : { days: s.reminderLeadDays, changedAt: s.leadDaysChangedAt };
  const rules = last?.meetingRules;
  const meetingRules =
    rules !== undefined &&
    rules.workingDays === s.papersDueWorkingDays &&
    rules.changedAt === s.papersDueRuleChangedAt &&
    rules.holidays.region === s.holidayRegion &&
    rules.holidays.extra.join() === s.extraHolidays.join() &&
    rules.holidays.removed.join() === s.removedHolidays.join()
      ? rules
      : {
          holidays: { region: s.holidayRegion, extra: s.extraHolidays, removed: s.removedHolidays },
          workingDays: s.papersDueWorkingDays,
          changedAt: s.papersDueRuleChangedAt,
        };
  if (
    last !== null &&
    last.decisions === state.decisions &&
    last.contracts === state.contracts &&
    last.members === state.members &&
    last.own === own &&
    last.leadDays === leadDays &&
    last.meetingRules === meetingRules
  ) {
    return last;
  }
  lastSources = {
    decisions: state.decisions,
    contracts: state.contracts,
    members: state.members,
    own,
    leadDays,
    meetingRules,
  };
  return lastSources;
}

/** Whether a cached derivation still holds for `src`: what it looked up is unchanged. */
function holdsFor(entry: Entry, src: Sources): boolean {
  if (entry.src === src) return true;
  const reads = entry.reads;
  for (let i = 0; i < reads.length; i += 3) {
    const slot = reads[i] as Slot;
    // A collection that is the same object cannot have changed.
    if (entry.src[slot] !== src[slot] && lookUp(src, slot, reads[i + 1] as string) !== reads[i + 2]) return false;
  }
  entry.src = src;
  return true;
}

/**
 * The derivation of one source record's deadlines: it notes every lookup
 * (so the result can be checked later without deriving again) and every
 * comparison with `today` (so the result is kept while `today` stays on the
 * same side of each compared date).
 */
class Derivation implements DerivationInputs {
  readonly deadlines: Deadline[] = [];
  private readonly reads: unknown[] = [];
  private gt = '';
  private le = NO_END;
  /** The latest date found within the horizon, the earliest found beyond it. */
  private horizonGe = '';
  private horizonLt = NO_END;
  private horizon = '';

  constructor(
    private readonly src: Sources,
    readonly today: string,
  ) {}

  private read<T>(slot: Slot, id: string, value: T): T {
    this.reads.push(slot, id, value);
    return value;
  }

  decision(id: string): Decision | undefined {
    return this.read('decisions', id, this.src.decisions.get(id));
  }

  contract(id: string): Contract | undefined {
    return this.read('contracts', id, this.src.contracts.get(id));
  }

  member(id: string): Member | undefined {
    return this.read('members', id, this.src.members.get(id));
  }

  stored(key: string): StoredDeadline | undefined {
    return this.read('own', key, this.src.own.get(key));
  }

  /** The board's lead times (read only by deadlines without their own). */
  leadDays(): BoardLeadDays {
    return this.read('leadDays', '', this.src.leadDays);
  }

  meetingRules(): MeetingRules {
    return this.read('meetingRules', '', this.src.meetingRules);
  }

  /** `date < today`. */
  before(date: string): boolean {
    if (date < this.today) {
      if (date > this.gt) this.gt = date;
      return true;
    }
    if (date < this.le) this.le = date;
    return false;
  }

  /** `date <= today + RECURRING_HORIZON_DAYS`. */
  withinHorizon(date: string): boolean {
    this.horizon ||= addDays(this.today, RECURRING_HORIZON_DAYS);
    if (date <= this.horizon) {
      if (date > this.horizonGe) this.horizonGe = date;
      return true;
    }
    if (date < this.horizonLt) this.horizonLt = date;
    return false;
  }

  add(deadline: Deadline): void {
    this.deadlines.push(deadline);
  }

  entry(): Entry {
    // Only the horizon compares `today` with `>=` and `<`: today + horizon >= x  <=>  today >= x - horizon.
    const ge = this.horizonGe ? addDays(this.horizonGe, -RECURRING_HORIZON_DAYS) : '';
    const lt = this.horizonLt !== NO_END ? addDays(this.horizonLt, -RECURRING_HORIZON_DAYS) : NO_END;
    return {
      src: this.src,
      reads: fitted(this.reads),
      gt: this.gt,
      ge,
      lt,
      le: this.le,
      deadlines: fitted(this.deadlines),
    };
  }
}

/**
 * Records looked at between two pauses of a stepwise derivation. The work is
 * in a plain function over a range of the records (a loop inside a generator
 * runs about half as fast, measured); the generator only cuts them into ranges.
 */
const STEP = 256;

/** A part being derived: its deadlines so far and the days `today` may move between (see Entry). */
interface PartResult {
  readonly deadlines: Deadline[];
  gt: string;
  ge: string;
  lt: string;
  le: string;
}

function deriveRange<R extends object>(
  records: readonly R[],
  from: number,
  to: number,
  derive: (record: R, x: Derivation) => void,
  src: Sources,
  today: string,
  part: PartResult,
): void {
  for (let i = from; i < to; i++) {
    const record = records[i]!;
    let entry = entries.get(record);
    if (entry === undefined || !inRange(entry, today) || !holdsFor(entry, src)) {
      const x = new Derivation(src, today);
      derive(record, x);
      entry = x.entry();
      entries.set(record, entry);
    }
    if (entry.gt > part.gt) part.gt = entry.gt;
    if (entry.ge > part.ge) part.ge = entry.ge;
    if (entry.lt < part.lt) part.lt = entry.lt;
    if (entry.le < part.le) part.le = entry.le;
    for (const d of entry.deadlines) part.deadlines.push(d);
  }
}

const recordArrays = new WeakMap<object, readonly object[]>();

/** A collection's records as an array, made once per collection object (iterating a RecordMap is slower). */
function recordsOf<R extends object>(map: { values(): R[] } & object): readonly R[] {
  let records = recordArrays.get(map) as readonly R[] | undefined;
  if (records === undefined) {
    records = map.values();
    recordArrays.set(map, records);
  }
  return records;
}

/** The deadlines of one collection's records: from its memo, else record by record (each from its cache or afresh). */
function* derivePart<R extends object>(
  map: { values(): R[] } & object,
  derive: (record: R, x: Derivation) => void,
  src: Sources,
  today: string,
): Generator<void, readonly Deadline[], void> {
  const memo = partMemos.get(map);
  if (memo !== undefined && memo.src === src && inRange(memo, today)) return memo.deadlines;
  const records = recordsOf(map);
  const part: PartResult = { deadlines: [], gt: '', ge: '', lt: NO_END, le: NO_END };
  for (let from = 0; from < records.length; from += STEP) {
    deriveRange(records, from, Math.min(records.length, from + STEP), derive, src, today, part);
    yield;
  }
  partMemos.set(map, { src, gt: part.gt, ge: part.ge, lt: part.lt, le: part.le, deadlines: part.deadlines });
  return part.deadlines;
}

/** The deadlines of each kind of source: arrays that stay the same objects while nothing of theirs changes. */
function* derivedParts(state: State, today: string): Generator<void, ReadonlyArray<readonly Deadline[]>, void> {
  const src = sourcesOf(state);
  return [
    yield* derivePart(state.conditions, deriveCondition, src, today),
    yield* derivePart(state.contracts, deriveContract, src, today),
    yield* derivePart(state.meetings, deriveMeeting, src, today),
    yield* derivePart(state.decisions, deriveDecision, src, today),
    yield* derivePart(state.deadlines, deriveManual, src, today),
  ];
}

/**
 * {@link deriveDeadlines} in steps: it pauses (yields) every so often, so a
 * caller sharing a thread can let other work run between steps (the
 * scheduler keeps its event loop free this way); the result is the return
 * value. Deriving is incremental: a record unchanged since an earlier call,
 * whose related records and settings are unchanged and whose dates stand on
 * the same side of `today`, gives back the very same deadline objects.
 */
export function* deadlineDerivation(state: State, today: string): Generator<void, Deadline[], void> {
  const out: Deadline[] = [];
  for (const part of yield* derivedParts(state, today)) for (const d of part) out.push(d);
  return out;
}

function finish<T>(steps: Generator<void, T, void>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * Every deadline of the state on `today`, open and closed, in no particular
 * order. A recurring condition gives one deadline per date shown: one past
 * date (the first missed, else the latest) and the next ones. Whether a date
 * is owed, answered by an update or due before the condition was recorded is
 * the Conditions list's rule (conditionRules `missedDue`), so the register is
 * overdue exactly when `isOverdue` says so, on the date the list shows. The
 * array is the caller's; the deadline objects are shared with later calls
 * (they are immutable).
 */
export function deriveDeadlines(state: State, today: string): Deadline[] {
  return finish(deadlineDerivation(state, today));
}

/**
 * The deadlines derived from contracts alone (terms, notices, options, milestones), on `today`: the
 * same objects {@link deriveDeadlines} gives for them (the same part, memo and caches), without
 * deriving the other collections' (the dashboard's overdue milestones need only these).
 */
export function contractDeadlines(state: State, today: string): readonly Deadline[] {
  return finish(derivePart(state.contracts, deriveContract, sourcesOf(state), today));
}

let lastIndex: { parts: ReadonlyArray<readonly Deadline[]>; byKey: ReadonlyMap<string, Deadline> } | null = null;

/** {@link deadlinesByKey} in steps, as {@link deadlineDerivation} is. */
export function* deadlineIndexing(state: State, today: string): Generator<void, ReadonlyMap<string, Deadline>, void> {
  const parts = yield* derivedParts(state, today);
  if (lastIndex === null || parts.some((part, i) => part !== lastIndex?.parts[i])) {
    const byKey = new Map<string, Deadline>();
    for (const part of parts) {
      for (const d of part) {
        byKey.set(d.key, d);
        if (byKey.size % (STEP * 8) === 0) yield;
      }
    }
    lastIndex = { parts, byKey };
  }
  return lastIndex.byKey;
}

/** The deadlines of {@link deriveDeadlines} by key, kept while none of them changes (for lookups of a few keys). */
export function deadlinesByKey(state: State, today: string): ReadonlyMap<string, Deadline> {
  return finish(deadlineIndexing(state, today));
}
