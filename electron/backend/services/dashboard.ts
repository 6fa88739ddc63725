/**
 * The dashboard: what a member wants to know before walking into a meeting.
 * Its answer stays small at any scale: counts, and the first rows of each
 * list with the list's total (the screen links to the register for the rest).
 */
import { byCode } from '../../../shared/text/compare.ts';
import { addMonths } from '../../../shared/dates/calendarDates.ts';
import { deadlineDerivation } from '../../../shared/caches/deadlineDerivation.ts';
import { CONDITION_STATUSES, type ConditionStatus } from '../../../shared/schema/conditions.ts';
import { COLLECTION_NAMES, type State } from '../../../shared/schema/state.ts';
import {
  DASHBOARD_ROWS,
  type ConditionRow,
  type ContractFlagRow,
  type ContractRow,
  type DashboardView,
  type RetenderPlanRow,
  type ListHead,
} from '../../../shared/contract/views.ts';
import { byDue, inDueWindow } from './conditions.ts';
import { listContracts, retenderScheduleOf } from './contracts.ts';
import { procurementFlags } from '../../../shared/rules/procurementAct.ts';
import { conditionRow } from './governance.ts';
import { packProgress } from './meetings.ts';
import { overdueMilestones } from '../../../shared/documents/conditionsReport.ts';

function headOf<Row>(rows: readonly Row[]): ListHead<Row> {
  return { rows: rows.slice(0, DASHBOARD_ROWS), total: rows.length };
}

/**
 * The last answer per state (immutable: a change makes a new one) and the day it was for: the page
 * asks again every half second while its answer is provisional and after every change, two pages
 * ask the same, and working it out walks every condition (~100 ms at ten-year scale, rows kept).
 */
const answers = new WeakMap<State, { readonly today: string; readonly view: DashboardView }>();

/**
 * The dashboard on `today`. The condition lists are the conditions register's own (`due: overdue`,
 * `due: next30`, by due date: the same tests and order), so "see all" finds the same total; the
 * contract lists are the active contracts by end of term, as the register lists them.
 */
export function getDashboard(state: State, today: string): DashboardView {
  const kept = answers.get(state);
  if (kept !== undefined && kept.today === today) return kept.view;
  const view = dashboardOf(state, today);
  answers.set(state, { today, view });
  return view;
}

function dashboardOf(state: State, today: string): DashboardView {
  const next = state.meetings
    .values()
    .filter((m) => !m.archivedAt && m.status === 'planned' && m.date >= today)
    .sort((a, b) => byCode(a.date, b.date) || byCode(a.time, b.time))[0];
  const byStatus = Object.fromEntries(CONDITION_STATUSES.map((s) => [s, 0])) as Record<ConditionStatus, number>;
  // One pass over the conditions: each row is made once, for the counts and both lists.
  const overdue: ConditionRow[] = [];
  const dueSoon: ConditionRow[] = [];
  for (const c of state.conditions) {
    if (c.archivedAt) continue;
    byStatus[c.status]++;
    const row = conditionRow(state, c, today);
    if (inDueWindow(row, 'overdue', today)) overdue.push(row);
    if (inDueWindow(row, 'next30', today)) dueSoon.push(row);
  }
  const yearAhead = addMonths(today, 12);
  const contracts: readonly ContractRow[] = listContracts(state, {
    search: '',
    archived: 'active',
    sort: 'termEnd',
    page: 0,
    pageSize: Math.max(1, state.contracts.size),
  }).rows;
  const flags: ContractFlagRow[] = [];
  const plans: RetenderPlanRow[] = [];
  for (const c of state.contracts.values()) {
    if (c.archivedAt || c.kind !== 'held') continue;
    for (const flag of procurementFlags(c, { today })) {
      flags.push({ contractId: c.id, reference: c.reference, title: c.title, flag });
    }
    const schedule = retenderScheduleOf(state, c, today);
    if (schedule && c.retenderPlan) {
      const next = schedule.steps.find((s) => !s.done);
      plans.push({
        contractId: c.id,
        reference: c.reference,
        title: c.title,
        requiredStart: c.retenderPlan.requiredStart,
        onTrack: schedule.onTrack,
        warnings: schedule.warnings,
        nextStep: next ? { title: next.title, date: next.date } : null,
      });
    }
  }
  flags.sort((a, b) => byCode(a.reference, b.reference));
  plans.sort((a, b) => byCode(a.requiredStart, b.requiredStart));
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
    overdue: headOf(overdue.sort(byDue)),
    overdueMilestones: headOf(overdueMilestones(state, today)),
    dueSoon: headOf(dueSoon.sort(byDue)),
    // The board's own contracts only: a watched contract is kept out of its totals.
    contractsEnding: headOf(
      contracts.filter(
        (c) =>
          c.kind === 'held' &&
          c.termEnd !== '' &&
          c.termEnd >= today &&
          c.termEnd <= yearAhead &&
          c.status !== 'ended' &&
          c.status !== 'terminated' &&
          c.status !== 'blocked',
      ),
    ),
    conditionsByStatus: byStatus,
    directAwards: headOf(contracts.filter((c) => c.directAward && c.kind === 'held')),
    procurementFlags: headOf(flags),
    retenderPlans: headOf(plans),
  };
}

/**
 * The first screen's work done ahead, a piece at a time: every condition's row for `today` (kept per
 * condition, see conditionRow), the contracts' decisions, and every deadline derived (kept per
 * record, see deadlineDerivation: the header's overdue count asks for them). Run in slices while the
 * page loads its code, so the first dashboard:get and deadlines:list find it done instead of
 * deriving ten years of deadlines in one turn of the event loop.
 */
export function* dashboardWarming(state: State, today: string): Generator<void, void, void> {
  yield* conditionRowsWarming(state, today);
  listContracts(state, { search: '', archived: 'active', sort: 'termEnd', page: 0, pageSize: 1 });
  yield;
  yield* deadlineDerivation(state, today);
}

/** Every condition's row for `today` worked out ahead (kept per condition, see conditionRow), a hundred at a time. */
function* conditionRowsWarming(state: State, today: string): Generator<void, void, void> {
  let n = 0;
  for (const c of state.conditions) {
    if (!c.archivedAt) conditionRow(state, c, today);
    if (++n % 100 === 0) yield;
  }
}

/** The dashboard on `today`, its condition rows worked out a piece at a time first (for runSliced). */
export function* dashboardInSteps(state: State, today: string): Generator<void, DashboardView, void> {
  yield* conditionRowsWarming(state, today);
  return getDashboard(state, today);
}
