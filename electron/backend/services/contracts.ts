/**
 * Contracts: terms, values, options, break clauses, procurement route and
 * re-tender milestones, with the decisions that govern them.
 */
import { byReference, byCode } from '../../../shared/text/compare.ts';
import type { ParsedInputOf } from '../../../shared/contract/api.ts';
import { longDate } from '../../../shared/dates/calendarDates.ts';
import { currentTermEnd, maxExtentWarning, termHistory } from '../../../shared/rules/contractTerms.ts';
import { matchesSearch, pageOf, type Page } from '../../../shared/contract/paging.ts';
import { AppFailure } from '../../../shared/contract/result.ts';
import { ContractSchema, type Contract } from '../../../shared/schema/contracts.ts';
import type { Meeting } from '../../../shared/schema/meetings.ts';
import { actWorkingDays, procurementFlags } from '../../../shared/rules/procurementAct.ts';
import { scheduleRetender, withPlanMilestones, type RetenderSchedule } from '../../../shared/rules/retenderPlan.ts';
import type { HolidayRules } from '../../../shared/dates/workingDays.ts';
import type { RecordChange } from '../../../shared/schema/state.ts';
import type { Decision } from '../../../shared/schema/decisions.ts';
import { fieldIssues, type State } from '../../../shared/schema/state.ts';
import type { ContractDetail, ContractRow, Saved } from '../../../shared/contract/views.ts';
import { inArchiveFilter, mustGet, newId, save, todayOf, type ServiceContext } from './context.ts';
import { conditionRowsOf } from './governance.ts';

/**
 * Warnings a contract page shows: a direct award, and the current end plus
 * the options not yet exercised running past the maximum extent.
 */
export function contractWarnings(c: Contract): string[] {
  const out: string[] = [];
  if (c.route === 'direct_award')
    out.push(`Direct award to a single supplier, without competition. Rationale recorded: ${c.directAwardRationale}`);
  const extent = maxExtentWarning(c);
  if (extent) out.push(extent);
  return out;
}

/** The Procurement Act's working days with the board's own added and removed days. */
export function actHolidays(state: State): HolidayRules {
  return actWorkingDays({ extra: state.settings.extraHolidays, removed: state.settings.removedHolidays });
}

/** A contract's re-tender plan laid out against the calendar, or null without a plan. */
export function retenderScheduleOf(state: State, c: Contract, today: string): RetenderSchedule | null {
  if (!c.retenderPlan) return null;
  return scheduleRetender(c.retenderPlan, c.milestones, state.meetings.values(), actHolidays(state), today);
}

/**
 * The contract with its plan's steps brought up to date as milestones
 * (`meetings`: the calendar as it will be). Dates follow the plan, the start
 * and the meetings, never the day it runs; `today` only words warnings.
 */
export function withPlanSteps(state: State, c: Contract, meetings: readonly Meeting[], today: string): Contract {
  if (!c.retenderPlan && !c.milestones.some((m) => m.planStep !== null && !m.done)) return c;
  return { ...c, milestones: withPlanMilestones(c, meetings, actHolidays(state), today, () => newId('mst_')) };
}

/** The changes that move every re-tender plan's steps when the meetings become `meetings`. */
export function plansFollowingMeetings(
  state: State,
  meetings: readonly Meeting[],
  now: string,
  today: string,
): RecordChange[] {
  const out: RecordChange[] = [];
  for (const c of state.contracts.values()) {
    if (!c.retenderPlan || c.archivedAt) continue;
    const next = withPlanSteps(state, c, meetings, today);
    if (JSON.stringify(next.milestones) !== JSON.stringify(c.milestones)) {
      out.push({ target: 'contracts', id: c.id, after: { ...next, updatedAt: now } });
    }
  }
  return out;
}

/** A contract as the register lists it: its current end, and its value with options. */
export function contractRowOf(state: State, c: Contract, today = ''): ContractRow {
  return {
    id: c.id,
    reference: c.reference,
    title: c.title,
    suppliers: c.suppliers,
    kind: c.kind,
    route: c.route,
    directAward: c.route === 'direct_award',
    initialValueGbp: c.initialValueGbp,
    valueWithOptionsGbp: c.valueWithOptionsGbp,
    termEnd: currentTermEnd(c),
    plannedMonths: c.plannedMonths,
    status: c.status,
    decisions: decisionsOf(state, c.id).length,
    archived: Boolean(c.archivedAt),
    flags: today ? procurementFlags(c, { today }).map((f) => ({ code: f.code, title: f.title })) : [],
  };
}

/** Decisions grouped by the contracts they name, built once per version of the (immutable) decisions collection. */
const byContract = new WeakMap<object, Map<string, Decision[]>>();

function decisionsOf(state: State, contractId: string): readonly Decision[] {
  let grouped = byContract.get(state.decisions);
  if (!grouped) {
    grouped = new Map();
    for (const d of state.decisions) {
      for (const id of d.contractIds) {
        const list = grouped.get(id);
        if (list) list.push(d);
        else grouped.set(id, [d]);
      }
    }
    for (const list of grouped.values()) list.sort((a, b) => byCode(a.date, b.date));
    byContract.set(state.decisions, grouped);
  }
  return grouped.get(contractId) ?? [];
}

function refuseDuplicate(state: State, reference: string, exceptId?: string): void {
  const key = reference.trim().toLowerCase();
  const clash = state.contracts.values().find((c) => c.id !== exceptId && c.reference.toLowerCase() === key);
  if (clash) {
    const message = `${reference.trim()} is already the reference of “${clash.title}”; references must be unique`;
    throw new AppFailure('invalid_input', `reference: ${message}`, { issues: [{ field: 'reference', message }] });
  }
}

/** Gives new options, clauses and milestones their ids. */
function withIds(c: Contract): Contract {
  return {
    ...c,
    extensionOptions: c.extensionOptions.map((o) => ({ ...o, id: o.id || newId('opt_') })),
    breakClauses: c.breakClauses.map((b) => ({ ...b, id: b.id || newId('brk_') })),
    milestones: c.milestones.map((m) => ({ ...m, id: m.id || newId('mst_') })),
    notices: c.notices.map((n) => ({ ...n, id: n.id || newId('ntc_') })),
    modifications: c.modifications.map((m) => ({ ...m, id: m.id || newId('mod_') })),
  };
}

/** The contracts register: filtered, sorted and paged. */
export function listContracts(
  state: State,
  { search, route, status, kind, endingBefore, archived, sort, page, pageSize }: ParsedInputOf<'contracts:list'>,
  today = '',
): Page<ContractRow> {
  const rows: ContractRow[] = state.contracts
    .values()
    .filter((c) => inArchiveFilter(c, archived) && (!route || c.route === route) && (!status || c.status === status))
    .filter((c) => !kind || c.kind === kind)
    .map((c) => contractRowOf(state, c, today))
    .filter((c) => !endingBefore || (c.termEnd !== '' && c.termEnd <= endingBefore))
    .filter((c) => matchesSearch(search, c.reference, c.title, ...c.suppliers))
    .sort((a, b) =>
      sort === 'reference'
        ? byReference(a.reference, b.reference)
        : sort === 'value'
          ? (b.valueWithOptionsGbp ?? -1) - (a.valueWithOptionsGbp ?? -1)
          : // Contracts with no end yet (proposed, blocked) after those with one.
            byCode(a.termEnd || '9999', b.termEnd || '9999'),
    );
  return pageOf(rows, page, pageSize);
}

/** A contract's page: the contract, its decisions and their conditions, and its warnings. */
export function getContract(state: State, id: string, today: string): ContractDetail {
  const contract = mustGet(state, 'contracts', id, 'contract');
  const decisions = decisionsOf(state, id);
  return {
    contract,
    decisions: decisions.map((d) => ({
      id: d.id,
      reference: d.reference,
      title: d.title,
      date: d.date,
      outcome: d.outcome,
    })),
    conditions: decisions.flatMap((d) => conditionRowsOf(state, d.id, today)),
    warnings: contractWarnings(contract),
    flags: procurementFlags(contract, { today }),
    retender: retenderScheduleOf(state, contract, today),
    currentTermEnd: currentTermEnd(contract),
    today,
    termHistory: termHistory(contract).map((step) => {
      const decision = step.option?.exercisedByDecisionId
        ? state.decisions.get(step.option.exercisedByDecisionId)
        : undefined;
      return {
        end: step.end,
        optionMonths: step.option?.months ?? null,
        exercisedOn: step.option?.exercisedOn || decision?.date || '',
        decision: decision ? { id: decision.id, reference: decision.reference } : null,
      };
    }),
  };
}

/**
 * Exercises an extension option, by a decision (dated by it unless a date is
 * given) or by hand with a date: the current end moves by the option's months;
 * the end as let stays in the contract's history.
 */
export function exerciseOption(
  ctx: ServiceContext,
  { id, optionId, decisionId, exercisedOn }: ParsedInputOf<'contracts:exerciseOption'>,
): Promise<Saved> {
  return save(ctx, (state, now) => {
    const current = mustGet(state, 'contracts', id, 'contract');
    const option = current.extensionOptions.find((o) => o.id === optionId);
    if (!option) throw new AppFailure('not_found', `${current.reference} has no such extension option.`);
    if (option.exercised) {
      throw new AppFailure(
        'conflict',
        `The ${option.months}-month option of ${current.reference} is already exercised.`,
      );
    }
    const decision = decisionId ? state.decisions.get(decisionId) : undefined;
    if (decisionId && !decision) {
      const message = 'is not a decision on record';
      throw new AppFailure('invalid_input', `Decision: ${message}`, { issues: [{ field: 'decisionId', message }] });
    }
    const day = exercisedOn || decision?.date || '';
    if (!day) {
      const message = 'is required: say when the option was exercised, or the decision that exercised it';
      throw new AppFailure('invalid_input', `Date exercised ${message}`, {
        issues: [{ field: 'exercisedOn', message }],
      });
    }
    const next: Contract = {
      ...current,
      status: current.status === 'active' ? 'extended' : current.status,
      extensionOptions: current.extensionOptions.map((o) =>
        o.id === optionId
          ? { ...o, exercised: true, exercisedByDecisionId: decision?.id ?? null, exercisedOn: day }
          : o,
      ),
      updatedAt: now,
    };
    const end = currentTermEnd(next);
    return {
      changes: [{ target: 'contracts', id, after: next }],
      id,
      summary: `Exercised the ${option.months}-month option of ${current.reference}${decision ? ` by ${decision.reference}` : ''}: the term now ends on ${longDate(end)}`,
    };
  });
}

/** Adds a contract; its reference must be unique. */
export function createContract(ctx: ServiceContext, input: ParsedInputOf<'contracts:create'>): Promise<Saved> {
  return save(ctx, (state, now) => {
    refuseDuplicate(state, input.reference);
    const id = newId('ctr_');
    const today = todayOf(state, new Date(now));
    const contract = withPlanSteps(
      state,
      withIds({ id, createdAt: now, updatedAt: now, ...input }),
      state.meetings.values(),
      today,
    );
    return {
      changes: [{ target: 'contracts', id, after: contract }],
      id,
      summary: `Added contract ${contract.reference} ${contract.title}`,
    };
  });
}

/** Edits a contract; the result is checked against the contract schema as a whole. */
export function updateContract(
  ctx: ServiceContext,
  { id, ...patch }: ParsedInputOf<'contracts:update'>,
): Promise<Saved> {
  return save(ctx, (state, now) => {
    const current = mustGet(state, 'contracts', id, 'contract');
    if (patch.reference !== undefined) refuseDuplicate(state, patch.reference, id);
    const next = withPlanSteps(
      state,
      withIds({ ...current, ...patch, updatedAt: now }),
      state.meetings.values(),
      todayOf(state, new Date(now)),
    );
    const parsed = ContractSchema.safeParse(next);
    if (!parsed.success) {
      const issues = fieldIssues(parsed.error);
      throw new AppFailure('invalid_input', issues.map((x) => `${x.field}: ${x.message}`).join('; '), { issues });
    }
    return {
      changes: [{ target: 'contracts', id, after: next }],
      id,
      summary: `Edited contract ${next.reference}`,
    };
  });
}
