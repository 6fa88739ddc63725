/**
 * How a condition's status and due date read on screen.
 */
import type { ReactNode } from 'react';
import { assertNever } from '../../../../shared/contract/result.ts';
import { CONDITION_STATUS_LABELS, type Condition, type ConditionStatus } from '../../../../shared/schema/conditions.ts';
import { StatusTag, type Tone } from '../../components/StatusTag.tsx';
import { formatCalendarDate } from '../../format.ts';

function statusTone(status: ConditionStatus): Tone {
  switch (status) {
    case 'open':
      return 'info';
    case 'met':
      return 'good';
    case 'partially_met':
      return 'warn';
    case 'breached':
      return 'bad';
    case 'waived':
    case 'superseded':
      return 'neutral';
    default:
      return assertNever(status);
  }
}

/** A condition's status, and "Overdue" beside it when its date has passed while still open. */
export function ConditionStatusTag({
  status,
  overdue = false,
}: {
  readonly status: ConditionStatus;
  readonly overdue?: boolean;
}): ReactNode {
  return (
    <span className="status-tags">
      <StatusTag tone={statusTone(status)}>{CONDITION_STATUS_LABELS[status]}</StatusTag>
      {overdue && <StatusTag tone="bad">Overdue</StatusTag>}
    </span>
  );
}

const EVERY: { readonly [R in NonNullable<Condition['recurrence']>['every']]: string } = {
  monthly: 'Every month',
  quarterly: 'Every quarter',
  annually: 'Every year',
};

/**
 * When a condition falls due, in words: "24 December 2026", "Every quarter from 24 September 2026 until 24 June 2027",
 * or for an ongoing one "Ongoing", with its review ("Ongoing, reviewed every year from 1 January 2027").
 */
export function dueInWords(
  condition: Pick<Condition, 'due' | 'recurrence'> & Partial<Pick<Condition, 'ongoing'>>,
): string {
  const r = condition.recurrence;
  if (condition.ongoing === true) {
    if (r !== null) return `Ongoing, reviewed ${EVERY[r.every].toLowerCase()} from ${formatCalendarDate(r.from)}`;
    return condition.due === '' ? 'Ongoing' : `Ongoing, review by ${formatCalendarDate(condition.due)}`;
  }
  if (r === null) return condition.due === '' ? 'No date' : formatCalendarDate(condition.due);
  const until = r.until === '' ? '' : ` until ${formatCalendarDate(r.until)}`;
  return `${EVERY[r.every]} from ${formatCalendarDate(r.from)}${until}`;
}
