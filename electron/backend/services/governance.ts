/**
 * Shared reads over decisions, conditions and contracts: rows and links that
 * several pages show.
 */
import { byCode } from '../../../shared/text/compare.ts';
import { conditionsOfDecision, dueAndOverdue } from '../../../shared/rules/conditionRules.ts';
import type { Condition } from '../../../shared/schema/conditions.ts';
import type { Settings } from '../../../shared/schema/settings.ts';
import type { State } from '../../../shared/schema/state.ts';
import type { ConditionRow } from '../../../shared/contract/views.ts';
import type { HolidayRules } from '../../../shared/dates/workingDays.ts';

/** The board's holiday rules, from Settings. */
export function holidayRulesOf(settings: Settings): HolidayRules {
  return { region: settings.holidayRegion, extra: settings.extraHolidays, removed: settings.removedHolidays };
}

/**
 * Rows made, per condition object (records are immutable: a change replaces the object): reused while
 * `today` and the decision are the same. Working out a recurring condition's dates is what costs; the
 * dashboard and the register look at every condition.
 */
const rowCache = new WeakMap<
  Condition,
  { readonly today: string; readonly decision: object | undefined; readonly row: ConditionRow }
>();

/** A condition as a row, with its decision's reference and next due date. */
export function conditionRow(state: State, c: Condition, today: string): ConditionRow {
  const decision = state.decisions.get(c.decisionId);
  const kept = rowCache.get(c);
  if (kept !== undefined && kept.today === today && kept.decision === decision) return kept.row;
  const row = freshConditionRow(c, decision?.reference, today);
  rowCache.set(c, { today, decision, row });
  return row;
}

function freshConditionRow(c: Condition, decisionReference: string | undefined, today: string): ConditionRow {
  // The one rule: a missed date is what needs chasing, not the next one.
  const { due, overdue } = dueAndOverdue(c, today);
  return {
    id: c.id,
    decisionId: c.decisionId,
    decisionReference: decisionReference ?? '(missing decision)',
    wording: c.wording,
    owner: c.owner.name,
    due,
    recurring: c.recurrence !== null,
    ongoing: c.ongoing,
    status: c.status,
    overdue,
    // The day the last update happened, as the user gave it.
    lastUpdate: c.history.at(-1)?.on ?? c.updatedAt.slice(0, 10),
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
