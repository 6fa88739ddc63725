/**
 * Conditions by status as a small bar chart. Each bar is a list item with the
 * status and the count in words; the bar itself only repeats the count for
 * the eye and is hidden from screen readers.
 */
import type { ReactNode } from 'react';
import {
  CONDITION_STATUS_LABELS,
  CONDITION_STATUSES,
  type ConditionStatus,
} from '../../../../shared/schema/conditions.ts';
import { linkTo } from '../../app/location.ts';

const TONES: { readonly [S in ConditionStatus]: string } = {
  open: 'info',
  met: 'good',
  partially_met: 'warn',
  breached: 'bad',
  waived: 'neutral',
  superseded: 'neutral',
};

/** The chart of how many conditions are in each status. */
export function ConditionsChart({ counts }: { readonly counts: Readonly<Record<ConditionStatus, number>> }): ReactNode {
  const total = CONDITION_STATUSES.reduce((n, s) => n + counts[s], 0);
  const most = Math.max(1, ...CONDITION_STATUSES.map((s) => counts[s]));
  if (total === 0) {
    return <p className="muted">No conditions yet. They are added to decisions, and counted here by status.</p>;
  }
  return (
    <ul className="bar-chart" aria-label={`${total} conditions by status`}>
      {CONDITION_STATUSES.map((status) => (
        <li key={status} className="bar-row">
          <a className="bar-label" href={linkTo(['conditions'], { status })}>
            {CONDITION_STATUS_LABELS[status]}
          </a>
          <span className="bar-track" aria-hidden="true">
            <span
              className={`bar-fill bar-fill-${TONES[status]}`}
              style={{ width: `${(counts[status] / most) * 100}%` }}
            />
          </span>
          <span className="bar-value">{counts[status]}</span>
        </li>
      ))}
    </ul>
  );
}
