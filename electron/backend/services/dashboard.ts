/**
 * The dashboard: what a member wants to know before walking into a meeting.
 */
import { byCode } from '../../../shared/text/compare.ts';
import type { Handlers } from '../../../shared/contract/api.ts';
import { addDays, addMonths } from '../../../shared/dates/calendarDates.ts';
import { isPending } from '../../../shared/rules/conditionRules.ts';
import { CONDITION_STATUSES, type ConditionStatus } from '../../../shared/schema/conditions.ts';
import { COLLECTION_NAMES } from '../../../shared/schema/state.ts';
import { dateInZone } from '../../../shared/dates/time.ts';
import type { ContractRow } from '../../../shared/contract/views.ts';
import type { ServiceContext } from './context.ts';
import { conditionRow } from './governance.ts';
import { packProgress } from './meetings.ts';

/** Handler for the dashboard. */
export function dashboardHandlers(
  ctx: ServiceContext,
  contractRows: () => Promise<readonly ContractRow[]>,
): Pick<Handlers, 'dashboard:get'> {
  return {
    'dashboard:get': async () => {
      const state = ctx.store().state();
      const today = dateInZone(ctx.clock(), state.settings.timeZone);
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
      const contracts = await contractRows();
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
        contractsEnding: contracts.filter(
          (c) =>
            c.termEnd >= today &&
            c.termEnd <= yearAhead &&
            c.status !== 'ended' &&
            c.status !== 'terminated' &&
            c.status !== 'blocked',
        ),
        conditionsByStatus: byStatus,
        directAwards: contracts.filter((c) => c.directAward),
      };
    },
  };
}
