/**
 * The deadline register's rules: every dated obligation, derived from its
 * source (conditions, contracts, meetings, decisions) or kept as a manual
 * deadline. Derived deadlines are never stored: they follow their source, so
 * a changed source changes them. What is stored for them (a person's lead
 * times, a snooze) sits in `state.deadlines` as `derived` records keyed by
 * the deadline's key. Pure: `today` is passed in. The rules read and add
 * through a {@link DerivationInputs}; the engine that runs them over a state
 * and keeps their results is caches/deadlineDerivation.ts (`deriveDeadlines`).
 */
import { addDays, dateOf, dayCount, longDate, partsOf } from '../dates/calendarDates.ts';
import { DUE_DATES_LIMIT, isOpen as isConditionOpen, missedDue, STEP_MONTHS } from './conditionRules.ts';
import type { Condition } from '../schema/conditions.ts';
import type { Contract } from '../schema/contracts.ts';
import { currentTermEnd } from './contractTerms.ts';
import type { Deadline as StoredDeadline } from '../schema/deadlines.ts';
import type { Decision } from '../schema/decisions.ts';
import type { Meeting } from '../schema/meetings.ts';
import type { Member } from '../schema/members.ts';
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
export const RECURRING_HORIZON_DAYS = 730;

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
export interface MeetingRules {
  readonly holidays: HolidayRules;
  readonly workingDays: number;
  /** When these rules last changed ('' never): papers-due dates are known from then. */
  readonly changedAt: string;
}

/** The board's lead times and when they last changed ('' never), kept as one object as MeetingRules is. */
export interface BoardLeadDays {
  readonly days: readonly number[];
  readonly changedAt: string;
}

/**
 * What a rule reads besides its own source record, and where it puts what it
 * derives. The engine (caches/deadlineDerivation.ts) notes each lookup, and
 * each comparison with `today` made through `before` and `withinHorizon`, to
 * know how long a result holds.
 */
export interface DerivationInputs {
  /** The day derived for. */
  readonly today: string;
  decision(id: string): Decision | undefined;
  contract(id: string): Contract | undefined;
  member(id: string): Member | undefined;
  /** What is stored for a derived deadline (lead times, snooze), by the deadline's key. */
  stored(key: string): StoredDeadline | undefined;
  /** The board's lead times (read only by deadlines without their own). */
  leadDays(): BoardLeadDays;
  meetingRules(): MeetingRules;
  /** `date < today`. */
  before(date: string): boolean;
  /** `date <= today + RECURRING_HORIZON_DAYS`. */
  withinHorizon(date: string): boolean;
  add(deadline: Deadline): void;
}

type Base = Omit<Deadline, 'leadDays' | 'ownLeadDays' | 'snoozedUntil' | 'status' | 'closedReason' | 'derived'> & {
  closedReason: string;
};

/** The first of `ids` that names a contract, as a deadline links it. */
function firstContract(x: DerivationInputs, ids: readonly string[]): Deadline['contract'] {
  for (const id of ids) {
    const found = x.contract(id);
    if (found !== undefined) return { id: found.id, reference: found.reference };
  }
  return null;
}

function ownerOf(x: DerivationInputs, o: DeadlineOwner): DeadlineOwner {
  // The member is only asked for what the owner does not say itself.
  const member = o.memberId && (!o.name || !o.email) ? x.member(o.memberId) : undefined;
  return { memberId: o.memberId, name: o.name || member?.name || '', email: o.email || member?.email || '' };
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
function recurringDates(x: DerivationInputs, c: Condition, r: NonNullable<Condition['recurrence']>): ShownDates {
  const today = x.today;
  const step = STEP_MONTHS[r.every];
  const { y, m, d } = partsOf(r.from);
  const t = partsOf(today);
  // (Plain loops, no closures: this runs for every recurring condition.)
  // k: the first date on or after today, counting past the until date and the limit.
  let k = Math.max(0, Math.floor(((t.y - y) * 12 + (t.m - m)) / step));
  while (k > 0 && monthsAfter(y, m, d, (k - 1) * step) >= today) k--;
  let dk = monthsAfter(y, m, d, k * step);
  while (dk < today) dk = monthsAfter(y, m, d, ++k * step);
  if (k < DUE_DATES_LIMIT && (!r.until || dk <= r.until) && x.withinHorizon(dk)) {
    // Listed from a past date (which may be overdue); dates up to k are listed because k is.
    const dates: string[] = [];
    let missed = '';
    if (k > 0) {
      // Which dates have passed, so which is missed, stays the same while today is after the latest past one.
      const previous = monthsAfter(y, m, d, (k - 1) * step);
      x.before(previous);
      missed = missedDue(c, today);
      dates.push(missed || previous);
    }
    x.before(dk);
    dates.push(dk);
    for (let i = k + 1; dates.length < 12 && i < DUE_DATES_LIMIT; i++) {
      const date = monthsAfter(y, m, d, i * step);
      if ((r.until && date > r.until) || !x.withinHorizon(date)) break;
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
  x.before(last);
  const missed = missedDue(c, today);
  return { dates: [missed || last], past: true, missed };
}

/** Why a right or limit closed when its day passed: an unused option or break "lapsed on" that day. */
function lapseReason(base: Pick<Deadline, 'kind' | 'due'>): string {
  return base.kind === 'option-notice' || base.kind === 'break-notice'
    ? `${LAPSED_PREFIX}${longDate(base.due)}`
    : 'Date passed';
}

/** How the closed reason of a lapsed right starts ("Lapsed on 5 August 2026"): Deadlines filters on it. */
export const LAPSED_PREFIX = 'Lapsed on ';

/** Adds a derived deadline, with what is stored for it (lead times, snooze) and its lapse. */
function addDerived(x: DerivationInputs, base: Base): void {
  const mine = x.stored(base.key);
  const closedReason = base.closedReason || (LAPSES[base.kind] && x.before(base.due) ? lapseReason(base) : '');
  const own = mine?.leadDays ?? null;
  const board = own === null ? x.leadDays() : null;
  let since = mine ? later(base.since, mine.updatedAt) : base.since;
  if (board !== null) since = later(since, board.changedAt);
  x.add({
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

export function deriveCondition(c: Condition, x: DerivationInputs): void {
  if (c.archivedAt) return;
  const decision = x.decision(c.decisionId);
  if (!decision || decision.archivedAt) return;
  const contract = firstContract(x, decision.contractIds);
  const closed = conditionClosure(c);
  const shown: ShownDates = c.recurrence
    ? recurringDates(x, c, c.recurrence)
    : { dates: c.due ? [c.due] : [], past: false, missed: '' };
  const owner = ownerOf(x, c.owner);
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
    addDerived(x, {
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

export function deriveContract(k: Contract, x: DerivationInputs): void {
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
  const source = { kind: 'contract' as const, id: k.id };
  const reference = k.reference;
  const since = k.updatedAt;
  // Fields listed, not spread from a shared object: the spread made this ten times slower (measured).
  const add = (key: string, kind: DeadlineKind, title: string, due: string, detail: string, closedReason: string) =>
    addDerived(x, { owner, source, reference, contract, since, key, kind, title, due, detail, closedReason });
  const end = currentTermEnd(k);
  const watched = k.kind === 'watched' ? ' (a watched contract, not this board’s)' : '';
  const moved = end !== k.termEnd ? `, after the extension options exercised (as let: ${longDate(k.termEnd)})` : '';
  // A proposed or blocked contract may have no dates yet: no term-end deadline until it has one.
  if (end) {
    add(
      `ctr:${k.id}:end`,
      'contract-end',
      `Term ends: ${k.title}`,
      end,
      `The term of ${k.reference} (${k.title})${watched} ends on ${longDate(end)}${moved}.`,
      ended,
    );
  }
  for (const o of k.extensionOptions) {
    if (!o.noticeBy || !o.id) continue;
    add(
      `ctr:${k.id}:opt:${o.id}:notice`,
      'option-notice',
      `Notice to extend by ${o.months} months: ${k.title}`,
      o.noticeBy,
      `Notice to exercise the ${o.months}-month extension option of ${k.reference} must be given by ${longDate(o.noticeBy)}.`,
      ended || (o.exercised ? 'Option exercised' : ''),
    );
  }
  for (const b of k.breakClauses) {
    if (!b.id) continue;
    const due = addDays(b.earliest, -b.noticeDays);
    add(
      `ctr:${k.id}:brk:${b.id}:notice`,
      'break-notice',
      `Last day to give notice for the break on ${longDate(b.earliest)}: ${k.title}`,
      due,
      `To end ${k.reference} at its break on ${longDate(b.earliest)}, ${dayCount(b.noticeDays)}' notice must be given by ${longDate(due)}.${b.note ? ` ${b.note}.` : ''}`,
      ended,
    );
  }
  for (const m of k.milestones) {
    if (!m.id) continue;
    add(
      `ctr:${k.id}:mst:${m.id}`,
      'milestone',
      `${m.title}: ${k.title}`,
      m.due,
      `Re-tender milestone of ${k.reference}: ${m.title}, due ${longDate(m.due)}.`,
      ended || (m.done ? 'Done' : ''),
    );
  }
  // The same day as the term end says nothing the term end does not.
  if (k.maxExtentDate && k.maxExtentDate !== end) {
    add(
      `ctr:${k.id}:maxextent`,
      'max-extent',
      `Latest possible end, with every extension: ${k.title}`,
      k.maxExtentDate,
      `${k.reference} cannot run beyond ${longDate(k.maxExtentDate)}, whatever extensions are exercised.`,
      ended,
    );
  }
}

export function deriveMeeting(m: Meeting, x: DerivationInputs): void {
  if (m.archivedAt) return;
  const rules = x.meetingRules();
  const due = addWorkingDays(m.date, -rules.workingDays, rules.holidays);
  const date = longDate(m.date);
  addDerived(x, {
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

export function deriveDecision(d: Decision, x: DerivationInputs): void {
  if (d.archivedAt || !d.callInEnds) return;
  addDerived(x, {
    key: `dec:${d.id}:callin`,
    kind: 'call-in',
    title: `Call-in period ends: ${d.reference} ${d.title}`,
    due: d.callInEnds,
    owner: NO_OWNER,
    source: { kind: 'decision', id: d.id },
    reference: d.reference,
    detail: `The call-in period of ${d.reference} (${d.title}) ends on ${longDate(d.callInEnds)}.`,
    contract: firstContract(x, d.contractIds),
    since: d.updatedAt,
    closedReason: '',
  });
}

export function deriveManual(r: StoredDeadline, x: DerivationInputs): void {
  if (r.source !== 'manual' || r.archivedAt || !r.due) return;
  const contract = r.contractId ? x.contract(r.contractId) : undefined;
  const decision = r.decisionId ? x.decision(r.decisionId) : undefined;
  const board = r.leadDays === null ? x.leadDays() : null;
  x.add({
    key: r.id,
    kind: 'manual',
    title: r.title,
    due: r.due,
    owner: ownerOf(x, r.owner),
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
 * How a chase e-mail opens: "Dear Sam Okoro," for a person; for an owner named
 * by role ("The police force's commercial director"), a line for whose
 * attention it is, then "Dear colleague," (never "Dear The force's ...").
 */
export function greetingOf(owner: Pick<DeadlineOwner, 'name' | 'memberId'>): string[] {
  const name = owner.name.trim();
  if (name === '') return ['Dear colleague,'];
  if (owner.memberId === null && /^(the|a|an)\s/i.test(name)) {
    return [`For the attention of ${name.charAt(0).toLowerCase()}${name.slice(1)}`, '', 'Dear colleague,'];
  }
  return [`Dear ${name},`];
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
    ...greetingOf(deadline.owner),
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
