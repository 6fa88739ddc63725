// The dashboard's answer kept per state (electron/backend/services/dashboard.ts): asked again on the
// same state and day it is the same answer; another day or a changed state is worked out afresh.
import { describe, expect, it } from 'vitest';
import { getDashboard } from '../../electron/backend/services/dashboard.ts';
import { applyChanges } from '../../shared/schema/state.ts';
import { sampleState } from '../shared/sampleState.ts';

describe('the dashboard kept per state', () => {
  it('answers the same state and day from what it kept, and works out another day or state afresh', () => {
    const state = sampleState('2026-11-27T09:00:00.000Z');
    const first = getDashboard(state, '2026-11-27');
    expect(getDashboard(state, '2026-11-27')).toBe(first);
    // Another day: overdue lists move with the date (the quarterly report of 24 December).
    const later = getDashboard(state, '2027-01-10');
    expect(later.today).toBe('2027-01-10');
    expect(later.overdue.total).toBeGreaterThan(first.overdue.total);
    expect(JSON.stringify(getDashboard(sampleState('2026-11-27T09:00:00.000Z'), '2027-01-10'))).toBe(
      JSON.stringify(later),
    );
    // A changed state (a new object): its own answer.
    const condition = first.overdue.rows[0]!;
    const changed = applyChanges(state, [
      { target: 'conditions', id: condition.id, after: { ...state.conditions.get(condition.id)!, status: 'met' } },
    ]);
    const after = getDashboard(changed, '2026-11-27');
    expect(after.overdue.total).toBe(first.overdue.total - 1);
    expect(getDashboard(state, '2026-11-27').overdue.total).toBe(first.overdue.total);
  });
});
