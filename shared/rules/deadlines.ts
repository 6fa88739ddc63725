/**
 * The deadline register: every dated obligation, derived from its source
 * (conditions, contracts, meetings, decisions) or kept as a manual deadline.
 * Derived deadlines are never stored: they follow their source, so a changed
 * source changes them. What is stored for them (a person's lead times, a
 * snooze) sits in `state.deadlines` as `derived` records keyed by the
 * deadline's key. Pure: `today` is passed in.
 */
import { addDays, dateOf, longDate, partsOf } from '../dates/calendarDates.ts';
import { DUE_DATES_LIMIT, isOpen as isConditionOpen, missedDue, STEP_MONTHS } from './conditionRules.ts';
import type { Condition } from '../schema/conditions.ts';
import type { Contract } from '../schema/contracts.ts';
import type { Deadline as StoredDeadline } from '../schema/deadlines.ts';
import type { Decision } from '../schema/decisions.ts';
import type { Meeting } from '../schema/meetings.ts';
import type { State } from '../schema/state.ts';
import { addWorkingDays, type HolidayRules } from '../dates/workingDays.ts';

/** What a deadline comes from: the page its link opens. */
export const DEADLINE_SOURCE_KINDS = ['condition', 'contract', 'meeting', 'decision', 'manual'] as const;
export type DeadlineSourceKind = (typeof DEADLINE_SOURCE_KINDS)[number];
export const DEADLINE_SOURCE_LABELS: { [K in DeadlineSourceKind]: string } = {
  condition: 'Condition',
  contract: 'Contract',
  meeting: 'Meeting',
  decision: 'Decision',
  manual: 'Manual',
};

/** What sort of date it is. */
export type DeadlineKind =
  | 'condition'
  | 'contract-end'
  | 'option-notice'
  | 'break-notice'
  | 'milestone'
  | 'max-extent'
  | 'papers-due'
  | 'call-in'
  | 'manual';

/**
 * Obligations are reminded weekly once overdue, until closed. The other kinds
 * are rights or limits (an option or a break clause, the end of a call-in
 * period): once the day has passed there is nothing left to do, so they close
 * themselves instead of nagging.
 */
const LAPSES: { [K in DeadlineKind]: boolean } = {
  condition: false,
  'contract-end': false,
  'option-notice': true,
  'break-notice': true,
  milestone: false,
  'max-extent': true,
  'papers-due': false,
  'call-in': true,
  manual: false,
};

/** A deadline's owner: a member, or an outside body with an address when known. */
export interface DeadlineOwner {
  readonly memberId: string | null;
  readonly name: string;
  readonly email: string;
}

/** One deadline of the register. */
export interface Deadline {
  /** Stable across restarts: e.g. `cnd:<id>:<due>`, `ctr:<id>:end`, or a manual deadline's id. */
  readonly key: string;
  readonly kind: DeadlineKind;
  readonly title: string;
  /** `YYYY-MM-DD` in the board's time zone. */
  readonly due: string;
  readonly owner: DeadlineOwner;
  readonly source: { readonly kind: DeadlineSourceKind; readonly id: string };
  /** What a person calls the source: a decision or contract reference, a meeting's date. */
  readonly reference: string;
  /** The text to quote when chasing (a condition's wording). */
  readonly detail: string;
  /** The contract it belongs to, for grouping; null when none. */
  readonly contract: { readonly id: string; readonly reference: string } | null;
  readonly status: 'open' | 'closed';
  /** Why it is closed ("Met", "Option exercised", "Meeting held"...); '' when open. */
  readonly closedReason: string;
  /** True for derived deadlines: edited only through their source. */
  readonly derived: boolean;
  /**
   * The instant from which this deadline, with this due date and these lead
   * times, is known: the last change of its source, of its own reminder
   * settings, of the board's lead times when it uses them, and for a
   * papers-due deadline of the rule that places it (Settings
   * `papersDueRuleChangedAt`, `leadDaysChangedAt`). No reminder whose time
   * fell before it ever fires, so loading or importing data, moving a due
   * date or adding a lead time never sets off a burst of old reminders.
   */
  readonly since: string;
  /** Lead times in days before the due date, largest first (the board's, or this deadline's own). */
  readonly leadDays: readonly number[];
  /** True when `leadDays` is this deadline's own rather than the board's. */
  readonly ownLeadDays: boolean;
  /** No reminder before this instant; '' when not snoozed. */
  readonly snoozedUntil: string;
}

const NO_OWNER: DeadlineOwner = { memberId: null, name: '', email: '' };

/** The later of two ISO instants ('' counts as the earliest). */
function later(a: string, b: string): string {
  return a >= b ? a : b;
}

/** How far ahead a recurring condition's dates are listed. */
const RECURRING_HORIZON_DAYS = 730;
/** Later than any date: the open end of a range of days. */
const NO_END = '\uffff';

/** Days in a month (1-12) without making a Date: this runs for every date of every recurring condition. */
function monthLength(y: number, m: number): number {
  if (m !== 2) return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
}

/** `y-m-d` plus `months`, clamped to the end of a shorter month: `addMonths` on parts parsed once. */
function monthsAfter(y: number, m: number, d: number, months: number): string {
  const index = y * 12 + (m - 1) + months;
  const ny = Math.floor(index / 12);
  const nm = (index % 12) + 1;
  return dateOf(ny, nm, Math.min(d, monthLength(ny, nm)));
}

/** The settings a derivation reads, kept as one object while their values stay the same. */
interface MeetingRules {
  readonly holidays: HolidayRules;
  readonly workingDays: number;
  /** When these rules last changed ('' never): papers-due dates are known from then. */
  readonly changedAt: string;
}

/** The board's lead times and when they last changed ('' never), kept as one object as MeetingRules is. */
interface BoardLeadDays {
  readonly days: readonly number[];
  readonly changedAt: string;
}

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

/** One thing a derivation looked up, and what it found: the derivation holds while the lookup finds the same. */
interface Read {
  readonly slot: Slot;
  readonly id: string;
  readonly value: unknown;
}

function lookUp(src: Sources, read: Read): unknown {
  switch (read.slot) {
    case 'own':
      return src.own.get(read.id);
    case 'leadDays':
    case 'meetingRules':
      return src[read.slot];
    default:
      return src[read.slot].get(read.id);
  }
}

/**
 * The deadlines derived from one source record, the sources they were read
 * from, and the days `today` may move between without changing them (after
 * `gt`, from `ge`, before `lt`, up to `le`).
 */
interface Entry {
  /** The sources last found to give the same lookups (moved on when a check passes). */
  src: Sources;
  readonly reads: readonly Read[];
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
  for (const read of entry.reads) {
    // A collection that is the same object cannot have changed.
    if (entry.src[read.slot] !== src[read.slot] && lookUp(src, read) !== read.value) return false;
  }
  entry.src = src;
  return true;
}

type Base = Omit<Deadline, 'leadDays' | 'ownLeadDays' | 'snoozedUntil' | 'status' | 'closedReason' | 'derived'> & {
  closedReason: string;
};

/**
 * The derivation of one source record's deadlines: it notes every lookup
 * (so the result can be checked later without deriving again) and every
 * comparison with `today` (so the result is kept while `today` stays on the
 * same side of each compared date).
 */
class Derivation {
  readonly deadlines: Deadline[] = [];
  private readonly reads: Read[] = [];
  private gt = '';
  private le = NO_END;
  /** The latest date found within the horizon, the earliest found beyond it. */
  private horizonGe = '';
  private horizonLt = NO_END;
  private horizon = '';

  constructor(
    private readonly src: Sources,
    private readonly today: string,
  ) {}

  private read<T>(slot: Slot, id: string, value: T): T {
    this.reads.push({ slot, id, value });
    return value;
  }

  decision(id: string): Decision | undefined {
    return this.read('decisions', id, this.src.decisions.get(id));
  }

  contract(id: string): Contract | undefined {
    return this.read('contracts', id, this.src.contracts.get(id));
  }

  /** The first of `ids` that names a contract, as a deadline links it. */
  firstContract(ids: readonly string[]): Deadline['contract'] {
    for (const id of ids) {
      const found = this.contract(id);
      if (found !== undefined) return { id: found.id, reference: found.reference };
    }
    return null;
  }

  owner(o: DeadlineOwner): DeadlineOwner {
    // The member is only asked for what the owner does not say itself.
    const member =
      o.memberId && (!o.name || !o.email)
        ? this.read('members', o.memberId, this.src.members.get(o.memberId))
        : undefined;
    return { memberId: o.memberId, name: o.name || member?.name || '', email: o.email || member?.email || '' };
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
  private withinHorizon(date: string): boolean {
    this.horizon ||= addDays(this.today, RECURRING_HORIZON_DAYS);
    if (date <= this.horizon) {
      if (date > this.horizonGe) this.horizonGe = date;
      return true;
    }
    if (date < this.horizonLt) this.horizonLt = date;
    return false;
  }

  /**
   * The dates a recurring condition shows on `today`: one past date and the
   * next ones, at most 12 in all, among its dates up to the horizon (at most
   * DUE_DATES_LIMIT of them). The past date is the one the Conditions list
   * shows: the first missed (`missedDue`), else the latest past one. The same
   * list as slicing `dueDates(condition, today + horizon, DUE_DATES_LIMIT)`
   * around today (the past date put first), but only the dates shown are
   * computed: the index of today's date comes from the months between.
   */
  recurringDates(c: Condition, r: NonNullable<Condition['recurrence']>): ShownDates {
    const step = STEP_MONTHS[r.every];
    const { y, m, d } = partsOf(r.from);
    const t = partsOf(this.today);
    // (Plain loops, no closures: this runs for every recurring condition.)
    // k: the first date on or after today, counting past the until date and the limit.
    let k = Math.max(0, Math.floor(((t.y - y) * 12 + (t.m - m)) / step));
    while (k > 0 && monthsAfter(y, m, d, (k - 1) * step) >= this.today) k--;
    let dk = monthsAfter(y, m, d, k * step);
    while (dk < this.today) dk = monthsAfter(y, m, d, ++k * step);
    if (k < DUE_DATES_LIMIT && (!r.until || dk <= r.until) && this.withinHorizon(dk)) {
      // Listed from a past date (which may be overdue); dates up to k are listed because k is.
      const dates: string[] = [];
      let missed = '';
      if (k > 0) {
        // Which dates have passed, so which is missed, stays the same while today is after the latest past one.
        const previous = monthsAfter(y, m, d, (k - 1) * step);
        this.before(previous);
        missed = missedDue(c, this.today);
        dates.push(missed || previous);
      }
      this.before(dk);
      dates.push(dk);
      for (let i = k + 1; dates.length < 12 && i < DUE_DATES_LIMIT; i++) {
        const date = monthsAfter(y, m, d, i * step);
        if ((r.until && date > r.until) || !this.withinHorizon(date)) break;
        dates.push(date);
      }
      return { dates, past: k > 0, missed };
    }
    // Every listed date has passed (the series ended, or today is beyond the limit): the first missed or the last stays.
    let n = Math.min(k, DUE_DATES_LIMIT);
    if (r.until) {
      const u = partsOf(r.until);
      let past = Math.max(0, Math.floor(((u.y - y) * 12 + (u.m - m)) / step));
      while (past > 0 && monthsAfter(y, m, d, (past - 1) * step) > r.until) past--;
      while (monthsAfter(y, m, d, past * step) <= r.until) past++;
      n = Math.min(n, past);
    }
    if (n === 0) return { dates: [], past: false, missed: '' };
    const last = monthsAfter(y, m, d, (n - 1) * step);
    this.before(last);
    const missed = missedDue(c, this.today);
    return { dates: [missed || last], past: true, missed };
  }

  /** Adds a derived deadline, with what is stored for it (lead times, snooze) and its lapse. */
  derived(base: Base): void {
    const mine = this.read('own', base.key, this.src.own.get(base.key));
    const closedReason = base.closedReason || (LAPSES[base.kind] && this.before(base.due) ? 'Date passed' : '');
    const own = mine?.leadDays ?? null;
    const board = own === null ? this.leadDays() : null;
    let since = mine ? later(base.since, mine.updatedAt) : base.since;
    if (board !== null) since = later(since, board.changedAt);
    this.deadlines.push({
      key: base.key,
      kind: base.kind,
      title: base.title,
      due: base.due,
      owner: base.owner,
      source: base.source,
      reference: base.reference,
      detail: base.detail,
      contract: base.contract,
      since,
      status: closedReason ? 'closed' : 'open',
      closedReason,
      derived: true,
      leadDays: own ?? board!.days,
      ownLeadDays: own !== null,
      snoozedUntil: mine?.snoozedUntil ?? '',
    });
  }

  entry(): Entry {
    // Only the horizon compares `today` with `>=` and `<`: today + horizon >= x  <=>  today >= x - horizon.
    const ge = this.horizonGe ? addDays(this.horizonGe, -RECURRING_HORIZON_DAYS) : '';
    const lt = this.horizonLt !== NO_END ? addDays(this.horizonLt, -RECURRING_HORIZON_DAYS) : NO_END;
    return { src: this.src, reads: this.reads, gt: this.gt, ge, lt, le: this.le, deadlines: this.deadlines };
  }
}

/** Why every date of a condition is closed, by its status; '' while it is to be met. */
function conditionClosure(c: Condition): string {
  if (!isConditionOpen(c.status)) return c.status === 'met' ? 'Met' : c.status === 'waived' ? 'Waived' : 'Superseded';
  // Not overdue (conditionRules.isOverdue): a breach has its own status, and reminding of the date changes nothing.
  return c.status === 'breached' ? 'Breached' : '';
}

/** The dates of a condition shown on a day: when `past`, the first has passed; `missed` is `missedDue` ('' when none). */
interface ShownDates {
  readonly dates: readonly string[];
  readonly past: boolean;
  readonly missed: string;
}

/** Why a date of a recurring condition was never this board's to miss (conditionRules.missedDue). */
const BEFORE_RECORDED = 'Due before the condition was recorded';
/** Why a date of a recurring condition is answered: an update was recorded for it (conditionRules.missedDue). */
const ANSWERED = 'Update recorded';

function deriveCondition(c: Condition, x: Derivation): void {
  if (c.archivedAt) return;
  const decision = x.decision(c.decisionId);
  if (!decision || decision.archivedAt) return;
  const contract = x.firstContract(decision.contractIds);
  const closed = conditionClosure(c);
  const shown: ShownDates = c.recurrence
    ? x.recurringDates(c, c.recurrence)
    : { dates: c.due ? [c.due] : [], past: false, missed: '' };
  const owner = x.owner(c.owner);
  const source = { kind: 'condition' as const, id: c.id };
  const recorded = c.createdAt.slice(0, 10);
  // The dates ascend, and updates answer them in order: once one is owed, every later one is.
  let owed = false;
  for (let i = 0; i < shown.dates.length; i++) {
    const due = shown.dates[i]!;
    let closedReason = closed;
    if (!closedReason && c.recurrence) {
      if (due <= recorded) closedReason = BEFORE_RECORDED;
      else if (owed || due === shown.missed) owed = true;
      // Past with nothing missed (`missedDue` said so): answered.
      else if (i === 0 && shown.past) closedReason = ANSWERED;
      // A coming date: answered ahead when, counting the updates so far, nothing up to it would be missed.
      else if (missedDue(c, addDays(due, 1)) === '') closedReason = ANSWERED;
      else owed = true;
    }
    x.derived({
      key: `cnd:${c.id}:${due}`,
      kind: 'condition',
      title: c.wording,
      due,
      owner,
      source,
      reference: decision.reference,
      detail: c.wording,
      contract,
      since: c.updatedAt,
      closedReason,
    });
  }
}

function deriveContract(k: Contract, x: Derivation): void {
  if (k.archivedAt) return;
  const contract = { id: k.id, reference: k.reference };
  const ended =
    k.status === 'ended'
      ? 'Contract ended'
      : k.status === 'terminated'
        ? 'Contract terminated'
        : k.status === 'blocked'
          ? 'Contract not approved'
          : '';
  const owner: DeadlineOwner = { memberId: null, name: k.buyer, email: '' };
  // Fields listed, not spread from a shared object: the spread made this ten times slower (measured).
  const source = { kind: 'contract' as const, id: k.id };
  const reference = k.reference;
  const since = k.updatedAt;
  x.derived({
    owner,
    source,
    reference,
    contract,
    since,
    key: `ctr:${k.id}:end`,
    kind: 'contract-end',
    title: `Term ends: ${k.title}`,
    due: k.termEnd,
    detail: `The term of ${k.reference} (${k.title}) ends on ${longDate(k.termEnd)}.`,
    closedReason: ended,
  });
  for (const o of k.extensionOptions) {
    if (!o.noticeBy || !o.id) continue;
    x.derived({
      owner,
      source,
      reference,
      contract,
      since,
      key: `ctr:${k.id}:opt:${o.id}:notice`,
      kind: 'option-notice',
      title: `Notice to extend by ${o.months} months: ${k.title}`,
      due: o.noticeBy,
      detail: `Notice to exercise the ${o.months}-month extension option of ${k.reference} must be given by ${longDate(o.noticeBy)}.`,
      closedReason: ended || (o.exercised ? 'Option exercised' : ''),
    });
  }
  for (const b of k.breakClauses) {
    if (!b.id) continue;
    const due = addDays(b.earliest, -b.noticeDays);
    x.derived({
      owner,
      source,
      reference,
      contract,
      since,
      key: `ctr:${k.id}:brk:${b.id}:notice`,
      kind: 'break-notice',
      title: `Last day to give notice for the break on ${longDate(b.earliest)}: ${k.title}`,
      due,
      detail: `To end ${k.reference} at its break on ${longDate(b.earliest)}, ${b.noticeDays} days' notice must be given by ${longDate(due)}.${b.note ? ` ${b.note}.` : ''}`,
      closedReason: ended,
    });
  }
  for (const m of k.milestones) {
    if (!m.id) continue;
    x.derived({
      owner,
      source,
      reference,
      contract,
      since,
      key: `ctr:${k.id}:mst:${m.id}`,
      kind: 'milestone',
      title: `${m.title}: ${k.title}`,
      due: m.due,
      detail: `Re-tender milestone of ${k.reference}: ${m.title}, due ${longDate(m.due)}.`,
      closedReason: ended || (m.done ? 'Done' : ''),
    });
  }
  // The same day as the term end says nothing the term end does not.
  if (k.maxExtentDate && k.maxExtentDate !== k.termEnd) {
    x.derived({
      owner,
      source,
      reference,
      contract,
      since,
      key: `ctr:${k.id}:maxextent`,
      kind: 'max-extent',
      title: `Latest possible end, with every extension: ${k.title}`,
      due: k.maxExtentDate,
      detail: `${k.reference} cannot run beyond ${longDate(k.maxExtentDate)}, whatever extensions are exercised.`,
      closedReason: ended,
    });
  }
}

function deriveMeeting(m: Meeting, x: Derivation): void {
  if (m.archivedAt) return;
  const rules = x.meetingRules();
  const due = addWorkingDays(m.date, -rules.workingDays, rules.holidays);
  const date = longDate(m.date);
  x.derived({
    key: `mtg:${m.id}:papers`,
    kind: 'papers-due',
    title: `Papers due for the ${m.title} of ${date}`,
    due,
    owner: NO_OWNER,
    source: { kind: 'meeting', id: m.id },
    reference: `${m.title}, ${date}`,
    detail: `Papers for the ${m.title} on ${date} are due ${rules.workingDays} working days before, on ${longDate(due)}.`,
    contract: null,
    // Known with this date since the meeting's last edit or the rule's last change, whichever is later.
    since: later(m.updatedAt, rules.changedAt),
    closedReason:
      m.status === 'cancelled'
        ? 'Meeting cancelled'
        : m.status === 'held'
          ? 'Meeting held'
          : x.before(m.date)
            ? 'Meeting date passed'
            : '',
  });
}

function deriveDecision(d: Decision, x: Derivation): void {
  if (d.archivedAt || !d.callInEnds) return;
  x.derived({
    key: `dec:${d.id}:callin`,
    kind: 'call-in',
    title: `Call-in period ends: ${d.reference} ${d.title}`,
    due: d.callInEnds,
    owner: NO_OWNER,
    source: { kind: 'decision', id: d.id },
    reference: d.reference,
    detail: `The call-in period of ${d.reference} (${d.title}) ends on ${longDate(d.callInEnds)}.`,
    contract: x.firstContract(d.contractIds),
    since: d.updatedAt,
    closedReason: '',
  });
}

function deriveManual(r: StoredDeadline, x: Derivation): void {
  if (r.source !== 'manual' || r.archivedAt || !r.due) return;
  const contract = r.contractId ? x.contract(r.contractId) : undefined;
  const decision = r.decisionId ? x.decision(r.decisionId) : undefined;
  const board = r.leadDays === null ? x.leadDays() : null;
  x.deadlines.push({
    key: r.id,
    kind: 'manual',
    title: r.title,
    due: r.due,
    owner: x.owner(r.owner),
    source: { kind: 'manual', id: r.id },
    reference: decision?.reference ?? contract?.reference ?? '',
    detail: r.notes || r.title,
    contract: contract ? { id: contract.id, reference: contract.reference } : null,
    status: r.status === 'open' ? 'open' : 'closed',
    closedReason: r.status === 'done' ? 'Done' : r.status === 'cancelled' ? 'Cancelled' : '',
    derived: false,
    since: board === null ? r.updatedAt : later(r.updatedAt, board.changedAt),
    leadDays: r.leadDays ?? board!.days,
    ownLeadDays: r.leadDays !== null,
    snoozedUntil: r.snoozedUntil,
  });
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

/** Where a deadline stands on `today`: what the Deadlines view groups by. */
export type DeadlineBand = 'overdue' | 'week' | 'month' | 'quarter' | 'later' | 'closed';

/** The band of a deadline on `today`: overdue, this week (7 days), next 30, next 90, later, or closed. */
export function bandOf(deadline: Pick<Deadline, 'due' | 'status'>, today: string): DeadlineBand {
  if (deadline.status === 'closed') return 'closed';
  if (deadline.due < today) return 'overdue';
  if (deadline.due <= addDays(today, 6)) return 'week';
  if (deadline.due <= addDays(today, 30)) return 'month';
  if (deadline.due <= addDays(today, 90)) return 'quarter';
  return 'later';
}

/** A message chasing a deadline's owner: for "Draft an e-mail" (mailto:) and "Copy as text". */
export interface ChaseMessage {
  readonly to: string;
  readonly subject: string;
  readonly body: string;
  /** `mailto:` with the address (when known), subject and body, percent-encoded as RFC 6068 asks. */
  readonly mailto: string;
  /** The whole message as plain text, for the clipboard. */
  readonly text: string;
}

/**
 * The e-mail that chases a deadline's owner: the subject names the reference
 * and the due date, the body quotes the condition. `dueText` is the due date
 * as a person reads it ("24 June 2027"); `boardName` signs it.
 */
export function chaseMessage(
  deadline: Pick<Deadline, 'reference' | 'title' | 'detail' | 'owner' | 'due'>,
  dueText: string,
  boardName: string,
  today: string,
): ChaseMessage {
  const what = deadline.title.length > 80 ? `${deadline.title.slice(0, 79)}…` : deadline.title;
  const subject = `${deadline.reference ? `${deadline.reference}: ` : ''}${what} (due ${dueText})`;
  const late = deadline.due < today;
  const quoted = deadline.detail
    .split(/\r?\n/)
    .map((line) => `> ${line}`)
    .join('\n');
  const body = [
    `Dear ${deadline.owner.name || 'colleague'},`,
    '',
    late
      ? `The following was due on ${dueText} and is not yet recorded as done${deadline.reference ? ` (${deadline.reference})` : ''}:`
      : `A reminder that the following is due on ${dueText}${deadline.reference ? ` (${deadline.reference})` : ''}:`,
    '',
    quoted,
    '',
    late
      ? 'Please let us know where it stands and when we can expect it, with any evidence.'
      : 'Please let us know if anything stands in the way, and send the evidence when it is done.',
    '',
    'With thanks,',
    boardName,
  ].join('\n');
  const to = deadline.owner.email;
  // RFC 6068: encode everything but unreserved characters; line ends as %0D%0A.
  const enc = (s: string) => encodeURIComponent(s.replace(/\r?\n/g, '\r\n'));
  const mailto = `mailto:${to ? encodeURIComponent(to).replace(/%40/g, '@') : ''}?subject=${enc(subject)}&body=${enc(body)}`;
  const text = `${to ? `To: ${to}\n` : ''}Subject: ${subject}\n\n${body}\n`;
  return { to, subject, body, mailto, text };
}
