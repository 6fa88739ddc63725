/**
 * Contracts: terms, values, options, break clauses, procurement route and
 * re-tender milestones, with the decisions that govern them.
 */
import { byReference, byCode } from '../../../shared/text/compare.ts';
import type { ParsedInputOf } from '../../../shared/contract/api.ts';
import { addMonths } from '../../../shared/dates/calendarDates.ts';
import { matchesSearch, pageOf, type Page } from '../../../shared/contract/paging.ts';
import { AppFailure } from '../../../shared/contract/result.ts';
import { ContractSchema, type Contract } from '../../../shared/schema/contracts.ts';
import type { Decision } from '../../../shared/schema/decisions.ts';
import { fieldIssues, type State } from '../../../shared/schema/state.ts';
import type { ContractDetail, ContractRow, Saved } from '../../../shared/contract/views.ts';
import { inArchiveFilter, mustGet, newId, save, type ServiceContext } from './context.ts';
import { conditionRowsOf } from './governance.ts';

/** Warnings a contract page shows: a direct award, options that would pass the maximum extent. */
export function contractWarnings(c: Contract): string[] {
  const out: string[] = [];
  if (c.route === 'direct_award')
    out.push(`Direct award to a single supplier, without competition. Rationale recorded: ${c.directAwardRationale}`);
  if (c.maxExtentDate) {
    let end = c.termEnd;
    for (const option of c.extensionOptions) {
      end = addMonths(end, option.months);
      if (end > c.maxExtentDate) {
        out.push(
          `Exercising the ${option.months}-month extension option would run the contract to ${end}, past its maximum extent (${c.maxExtentDate}).`,
        );
        break;
      }
    }
  }
  return out;
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
  };
}

/** The contracts register: filtered, sorted and paged. */
export function listContracts(
  state: State,
  { search, route, status, endingBefore, archived, sort, page, pageSize }: ParsedInputOf<'contracts:list'>,
): Page<ContractRow> {
  const rows: ContractRow[] = state.contracts
    .values()
    .filter((c) => inArchiveFilter(c, archived) && (!route || c.route === route) && (!status || c.status === status))
    .filter((c) => !endingBefore || c.termEnd <= endingBefore)
    .filter((c) => matchesSearch(search, c.reference, c.title, c.buyer, ...c.suppliers))
    .sort((a, b) =>
      sort === 'reference'
        ? byReference(a.reference, b.reference)
        : sort === 'value'
          ? (b.totalValueGbp ?? -1) - (a.totalValueGbp ?? -1)
          : byCode(a.termEnd, b.termEnd),
    )
    .map((c) => ({
      id: c.id,
      reference: c.reference,
      title: c.title,
      suppliers: c.suppliers,
      route: c.route,
      directAward: c.route === 'direct_award',
      totalValueGbp: c.totalValueGbp,
      termEnd: c.termEnd,
      status: c.status,
      decisions: decisionsOf(state, c.id).length,
      archived: Boolean(c.archivedAt),
    }));
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
  };
}

/** Adds a contract; its reference must be unique. */
export function createContract(ctx: ServiceContext, input: ParsedInputOf<'contracts:create'>): Promise<Saved> {
  return save(ctx, (state, now) => {
    refuseDuplicate(state, input.reference);
    const id = newId('ctr_');
    const contract = withIds({ id, createdAt: now, updatedAt: now, ...input });
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
    const next = withIds({ ...current, ...patch, updatedAt: now });
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
