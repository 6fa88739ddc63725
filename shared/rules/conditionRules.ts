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

/** The date a condition is next due on or after `today`, else its last date; '' when it has none. */
export function nextDue(condition: Pick<Condition, 'due' | 'recurrence'>, today: string): string {
  const r = condition.recurrence;
  if (!r) return condition.due;
  const horizon = r.until || addMonths(today, 24);
  const dates = dueDates(condition, horizon);
  return dates.find((d) => d >= today) ?? dates.at(-1) ?? '';
}

/** Whether the condition still needs action (not met, waived or superseded). */
export function isOpen(status: ConditionStatus): boolean {
  return !CLOSED_CONDITION_STATUSES.includes(status);
}

/**
 * For a recurring condition (a quarterly report), the first date before
 * `today` not yet answered, or '' when none is missed. Each update recorded
 * on it (a status change, a note, evidence) answers one date, in order, so a
 * report delivered early or late still counts once. Dates before the
 * condition was recorded were not this board's to miss.
 */
export function missedDue(
  condition: Pick<Condition, 'due' | 'recurrence' | 'status' | 'history' | 'createdAt'>,
  today: string,
): string {
  if (!condition.recurrence || !isOpen(condition.status)) return '';
  const recorded = condition.createdAt.slice(0, 10);
  const past = dueDates(condition, addDays(today, -1)).filter((d) => d > recorded);
  const answered = condition.history.filter((h) => h.at > condition.createdAt).length;
  return answered < past.length ? past[answered]! : '';
}

/**
 * Whether a condition is late: a one-off one past its due date and still
 * open; a recurring one with a missed date. A breached condition is not
 * "overdue": it has its own status.
 */
export function isOverdue(
  condition: Pick<Condition, 'due' | 'recurrence' | 'status' | 'history' | 'createdAt'>,
  today: string,
): boolean {
  if (!isOpen(condition.status) || condition.status === 'breached') return false;
  if (condition.recurrence) return missedDue(condition, today) !== '';
  return condition.due !== '' && condition.due < today;
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
