/**
 * Shared reads over decisions, conditions and contracts: rows and links that
 * several pages show.
 */
import { byCode } from '../../../shared/text/compare.ts';
import { conditionsOfDecision, isOverdue, missedDue, nextDue } from '../../../shared/rules/conditionRules.ts';
import type { Condition } from '../../../shared/schema/conditions.ts';
import type { Settings } from '../../../shared/schema/settings.ts';
import type { State } from '../../../shared/schema/state.ts';
import type { ConditionRow } from '../../../shared/contract/views.ts';
import type { HolidayRules } from '../../../shared/dates/workingDays.ts';

/** The board's holiday rules, from Settings. */
export function holidayRulesOf(settings: Settings): HolidayRules {
  return { region: settings.holidayRegion, extra: settings.extraHolidays, removed: settings.removedHolidays };
}

/** A condition as a row, with its decision's reference and next due date. */
export function conditionRow(state: State, c: Condition, today: string): ConditionRow {
  const decision = state.decisions.get(c.decisionId);
  return {
    id: c.id,
    decisionId: c.decisionId,
    decisionReference: decision?.reference ?? '(missing decision)',
    wording: c.wording,
    owner: c.owner.name,
    // A missed date of a recurring condition is what needs chasing, not the next one.
    due: missedDue(c, today) || nextDue(c, today),
    recurring: c.recurrence !== null,
    status: c.status,
    overdue: isOverdue(c, today),
    lastUpdate: c.history.at(-1)?.at ?? c.updatedAt,
  };
}

/** The conditions of one decision, in due order (grouped once per version of the collection). */
export function conditionsOf(state: State, decisionId: string): readonly Condition[] {
  return conditionsOfDecision(state, decisionId);
}

/** A decision's conditions as rows, soonest due first. */
export function conditionRowsOf(state: State, decisionId: string, today: string): ConditionRow[] {
  return conditionsOf(state, decisionId)
    .map((c) => conditionRow(state, c, today))
    .sort((a, b) => byCode(a.due || '9999', b.due || '9999'));
}
