/**
 * Rules about conditions that both sides need: the dates a recurring condition
 * falls due, the next one, whether it is overdue, and a decision's condition
 * summary. Pure: `today` is passed in.
 */
import { addMonths } from './calendarDates.ts';
import { CLOSED_CONDITION_STATUSES, type Condition, type ConditionStatus } from './schema/conditions.ts';

const STEP_MONTHS = { monthly: 1, quarterly: 3, annually: 12 } as const;

/** Every due date of a condition up to `until` (inclusive), in order; at most `limit`. */
export function dueDates(condition: Pick<Condition, 'due' | 'recurrence'>, until: string, limit = 500): string[] {
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

/** Whether a one-off condition is past its due date and still open. */
export function isOverdue(condition: Pick<Condition, 'due' | 'recurrence' | 'status'>, today: string): boolean {
  if (!isOpen(condition.status) || condition.status === 'breached') return false;
  const due = condition.recurrence ? '' : condition.due;
  return due !== '' && due < today;
}

/** A decision's conditions in one word: what a register shows. */
export type ConditionSummary = 'none' | 'all met' | 'outstanding' | 'breached';

export function summariseConditions(conditions: ReadonlyArray<Pick<Condition, 'status'>>): ConditionSummary {
  if (conditions.length === 0) return 'none';
  if (conditions.some((c) => c.status === 'breached')) return 'breached';
  if (conditions.some((c) => isOpen(c.status))) return 'outstanding';
  return 'all met';
}
