/**
 * The dashboard: what a member wants to know before walking into a meeting.
 */
import { byCode } from '../../../shared/text/compare.ts';
import { addDays, addMonths } from '../../../shared/dates/calendarDates.ts';
import { isPending } from '../../../shared/rules/conditionRules.ts';
import { CONDITION_STATUSES, type ConditionStatus } from '../../../shared/schema/conditions.ts';
import { COLLECTION_NAMES, type State } from '../../../shared/schema/state.ts';
import type { DashboardView } from '../../../shared/contract/views.ts';
import { listContracts } from './contracts.ts';
import { conditionRow } from './governance.ts';
import { packProgress } from './meetings.ts';

/**
 * The dashboard on `today`. Its contract lists are the active contracts by end of term, as the register
 * lists them, capped at the register's largest page (500 rows).
 */
export function getDashboard(state: State, today: string): DashboardView {
  const next = state.meetings
    .values()
    .filter((m) => !m.archivedAt && m.status === 'planned' && m.date >= today)
    .sort((a, b) => byCode(a.date, b.date) || byCode(a.time, b.time))[0];
  const rows = state.conditions
    .values()
    .filter((c) => !c.archivedAt)
    .map((c) => conditionRow(state, c, today));
  const byStatus = Object.fromEntries(CONDITION_STATUSES.map((s) => [s, 0])) as Record<ConditionStatus, number>;
  for (const r of rows) byStatus[r.status]++;
  const soon = addDays(today, 30);
  const yearAhead = addMonths(today, 12);
  const contracts = listContracts(state, {
    search: '',
    archived: 'active',
    sort: 'termEnd',
    page: 0,
    pageSize: 500,
  }).rows;
  return {
    today,
    empty: COLLECTION_NAMES.every((name) => state[name].size === 0),
    nextMeeting: next
      ? {
          id: next.id,
          title: next.title,
          date: next.date,
          time: next.time,
          place: next.place,
          pack: packProgress(state, next),
        }
      : null,
    overdue: rows.filter((r) => r.overdue).sort((a, b) => byCode(a.due, b.due)),
    dueSoon: rows
      .filter((r) => isPending(r.status) && r.due >= today && r.due <= soon)
      .sort((a, b) => byCode(a.due, b.due)),
    // The board's own contracts only: a watched contract is kept out of its totals.
    contractsEnding: contracts.filter(
      (c) =>
        c.kind === 'held' &&
        c.termEnd !== '' &&
        c.termEnd >= today &&
        c.termEnd <= yearAhead &&
        c.status !== 'ended' &&
        c.status !== 'terminated' &&
        c.status !== 'blocked',
    ),
    conditionsByStatus: byStatus,
    directAwards: contracts.filter((c) => c.directAward && c.kind === 'held'),
  };
}
