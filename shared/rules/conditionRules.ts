/**
 * Rules about conditions that both sides need: the dates a recurring condition
 * falls due, the next one, whether it is overdue, and a decision's condition
 * summary. Pure: `today` is passed in.
 */
import { addDays, addMonths } from '../dates/calendarDates.ts';
import { byCode } from '../text/compare.ts';
import { CLOSED_CONDITION_STATUSES, type Condition, type ConditionStatus } from '../schema/conditions.ts';

/** Months between a recurring condition's dates. */
export const STEP_MONTHS = { monthly: 1, quarterly: 3, annually: 12 } as const;
/** At most this many dates of a recurring condition are counted, from its first (83 years of monthly ones). */
export const DUE_DATES_LIMIT = 1000;

/** Every due date of a condition up to `until` (inclusive), in order; at most `limit`. */
export function dueDates(
  condition: Pick<Condition, 'due' | 'recurrence'>,
  until: string,
  limit = DUE_DATES_LIMIT,
): string[] {
  const r = condition.recurrence;
  if (!r) return condition.due && condition.due <= until ? [condition.due] : [];
  const out: string[] = [];
  const end = r.until && r.until < until ? r.until : until;
  for (let i = 0; out.length < limit; i++) {
    // Always from the first date, so 31 January, quarterly, gives 30 April then 31 July.
    const date = addMonths(r.from, i * STEP_MONTHS[r.every]);
    if (date > end) break;
    out.push(date);
  }
  return out;
}

/** What the one rule reads of a condition. */
export type DatedCondition = Pick<Condition, 'due' | 'recurrence' | 'status' | 'history'>;

/**
 * The due dates the condition's updates answer: an update answers a date
 * only when it says which (`answers`); a note answers nothing. Kept per
 * history array (immutable: a change makes a new one).
 */
const answeredByHistory = new WeakMap<readonly unknown[], ReadonlySet<string>>();

/** The answer for a condition none of whose updates answers a date (most of them): one set, never changed. */
const NONE_ANSWERED: ReadonlySet<string> = new Set<string>();

/** The due dates answered by an update of the condition. */
export function answeredDates(condition: Pick<Condition, 'history'>): ReadonlySet<string> {
  let answered = answeredByHistory.get(condition.history);
  if (answered === undefined) {
    let set: Set<string> | null = null;
    for (const h of condition.history) if (h.answers) (set ??= new Set<string>()).add(h.answers);
    answered = set ?? NONE_ANSWERED;
    answeredByHistory.set(condition.history, answered);
  }
  return answered;
}

/** Whether the condition still needs action (not met, waived or superseded). */
export function isOpen(status: ConditionStatus): boolean {
  return !CLOSED_CONDITION_STATUSES.includes(status);
}

/**
 * THE rule of what a condition owes on `today`: the first of its due dates
 * before `today` that no update answers, or '' when none is missed (or the
 * condition is closed). Due dates come from the condition's own `due` or its
 * recurrence's `from`, never from when it was recorded, imported or
 * restored: a report due before the record was typed in is still owed until
 * an update says it was received. Every view asks this module.
 */
export function missedDue(condition: DatedCondition, today: string): string {
  if (!isOpen(condition.status)) return '';
  const answered = answeredDates(condition);
  for (const d of dueDates(condition, dayBefore(today))) if (!answered.has(d)) return d;
  return '';
}

/** The day before `today`, kept for the last `today` asked (a register asks it once per condition). */
let dayBeforeKept = { today: '', before: '' };
function dayBefore(today: string): string {
  if (dayBeforeKept.today !== today) dayBeforeKept = { today, before: addDays(today, -1) };
  return dayBeforeKept.before;
}

/**
 * The date a condition is due as every view shows it on `today`: its first
 * missed date (overdue) when it has one, else its first unanswered date on
 * or after `today`, else its last date; '' when it has none (an ongoing
 * condition without a review date).
 */
export function nextDue(condition: DatedCondition, today: string): string {
  return missedDue(condition, today) || dueAfterMissed(condition, today);
}

/**
 * {@link nextDue} and {@link isOverdue} of one condition, its missed date
 * worked out once (a register's row shows both, for every condition).
 */
export function dueAndOverdue(condition: DatedCondition, today: string): { due: string; overdue: boolean } {
  const missed = missedDue(condition, today);
  return {
    due: missed || dueAfterMissed(condition, today),
    overdue: condition.status !== 'breached' && missed !== '',
  };
}

/** {@link nextDue} of a condition with no missed date. */
function dueAfterMissed(condition: DatedCondition, today: string): string {
  const r = condition.recurrence;
  if (!r) return condition.due;
  const answered = answeredDates(condition);
  const horizon = r.until || addMonths(today, 24);
  const dates = dueDates(condition, horizon);
  return dates.find((d) => d >= today && !answered.has(d)) ?? dates.at(-1) ?? '';
}

/**
 * Whether a condition is late on `today`: open, not breached (a breach has
 * its own status), with a missed date ({@link missedDue}). The same for a
 * one-off date, a recurring one and an ongoing condition's review.
 */
export function isOverdue(condition: DatedCondition, today: string): boolean {
  if (condition.status === 'breached') return false;
  return missedDue(condition, today) !== '';
}

/** Whether a date of the condition is answered by one of its updates. */
export function isAnswered(condition: Pick<Condition, 'history'>, due: string): boolean {
  return answeredDates(condition).has(due);
}

/** The dates an update of the condition may say it answers on `today`: its dates up to a year ahead, not yet answered. */
export function answerableDates(condition: DatedCondition, today: string): string[] {
  const answered = answeredDates(condition);
  return dueDates(condition, addMonths(today, 12)).filter((d) => !answered.has(d));
}

/** Whether a condition still waits for action by its due date (open or partly met; not breached). */
export function isPending(status: ConditionStatus): boolean {
  return status === 'open' || status === 'partially_met';
}

/** A decision's conditions in one word: what a register shows. */
export type ConditionSummary = 'none' | 'all met' | 'outstanding' | 'breached';

export function summariseConditions(conditions: ReadonlyArray<Pick<Condition, 'status'>>): ConditionSummary {
  if (conditions.length === 0) return 'none';
  if (conditions.some((c) => c.status === 'breached')) return 'breached';
  if (conditions.some((c) => isOpen(c.status))) return 'outstanding';
  return 'all met';
}

/**
 * Conditions grouped by decision, each group in due order, built once per
 * version of the conditions collection: the collection is immutable (a
 * change makes a new one), so the grouping is cached against it with nothing
 * to invalidate.
 */
const byDecision = new WeakMap<object, Map<string, Condition[]>>();

/** A decision's conditions (archived ones left out), soonest due first. */
export function conditionsOfDecision(
  state: { readonly conditions: Iterable<Condition> & object },
  decisionId: string,
): readonly Condition[] {
  let grouped = byDecision.get(state.conditions);
  if (!grouped) {
    grouped = new Map();
    for (const c of state.conditions) {
      if (c.archivedAt) continue;
      const list = grouped.get(c.decisionId);
      if (list) list.push(c);
      else grouped.set(c.decisionId, [c]);
    }
    const key = (c: Condition) => c.due || c.recurrence?.from || '9999';
    for (const list of grouped.values()) {
      list.sort((a, b) => byCode(key(a), key(b)) || byCode(a.createdAt, b.createdAt) || byCode(a.id, b.id));
    }
    byDecision.set(state.conditions, grouped);
  }
  return grouped.get(decisionId) ?? [];
}
