/**
 * Supplier exposure: the board's contracts grouped by supplier (names matched
 * by the one matching module, with the aliases the board recorded), with the
 * number of contracts, total and annual value, direct awards, the earliest
 * end and the decisions about them. Watched contracts are listed but kept out
 * of the totals, as everywhere else. Pure.
 */
import type { Contract } from '../schema/contracts.ts';
import type { State } from '../schema/state.ts';
import { endAfterModifications } from './procurementAct.ts';
import { boardSupplierAliases, supplierIndex } from './supplierMatching.ts';

/** One supplier of the board's record. */
export interface SupplierExposure {
  /** Stable key of the supplier (its first normalised name). */
  readonly key: string;
  /** The names it appears under in contracts, as recorded. */
  readonly names: readonly string[];
  /** The alias group the board recorded for it (empty when none). */
  readonly aliases: readonly string[];
  readonly contracts: ReadonlyArray<{
    readonly id: string;
    readonly reference: string;
    readonly title: string;
    readonly kind: Contract['kind'];
    readonly status: Contract['status'];
    readonly route: Contract['route'];
    readonly valueGbp: number | null;
    readonly end: string;
  }>;
  /** Held contracts only. */
  readonly heldContracts: number;
  readonly totalValueGbp: number;
  readonly annualValueGbp: number;
  /** Held contracts whose value is undisclosed (not in the totals). */
  readonly undisclosed: number;
  readonly directAwards: number;
  /** The earliest end of a held contract still running ('' when none). */
  readonly earliestEnd: string;
  readonly decisions: ReadonlyArray<{
    readonly id: string;
    readonly reference: string;
    readonly title: string;
    readonly date: string;
  }>;
}

/** Every supplier, the largest total value first. */
export function supplierExposures(state: State): SupplierExposure[] {
  const aliases = boardSupplierAliases(state);
  const index = supplierIndex(aliases);
  const groups = new Map<string, { names: Set<string>; contracts: Contract[] }>();
  for (const c of state.contracts.values()) {
    if (c.archivedAt) continue;
    const seen = new Set<string>();
    for (const name of c.suppliers) {
      const key = index.keyOf(name);
      if (key === '' || seen.has(key)) continue;
      seen.add(key);
      const group = groups.get(key) ?? { names: new Set(), contracts: [] };
      group.names.add(name);
      group.contracts.push(c);
      groups.set(key, group);
    }
  }
  const decisions = state.decisions.values().filter((d) => !d.archivedAt);
  const out: SupplierExposure[] = [];
  for (const [key, group] of groups) {
    const held = group.contracts.filter((c) => c.kind === 'held');
    const value = (c: Contract) => c.valueWithOptionsGbp ?? c.initialValueGbp;
    const running = held.filter((c) => c.status !== 'ended' && c.status !== 'terminated' && c.status !== 'blocked');
    const ends = running
      .map((c) => endAfterModifications(c))
      .filter((e) => e !== '')
      .sort();
    const ids = new Set(group.contracts.map((c) => c.id));
    out.push({
      key,
      names: [...group.names].sort(),
      aliases: aliases.find((g) => g.some((n) => index.keyOf(n) === key)) ?? [],
      contracts: group.contracts.map((c) => ({
        id: c.id,
        reference: c.reference,
        title: c.title,
        kind: c.kind,
        status: c.status,
        route: c.route,
        valueGbp: value(c),
        end: endAfterModifications(c),
      })),
      heldContracts: held.length,
      totalValueGbp: held.reduce((sum, c) => sum + (value(c) ?? 0), 0),
      annualValueGbp: held.reduce((sum, c) => sum + (c.annualValueGbp ?? 0), 0),
      undisclosed: held.filter((c) => value(c) === null).length,
      directAwards: held.filter((c) => c.route === 'direct_award').length,
      earliestEnd: ends[0] ?? '',
      decisions: decisions
        .filter((d) => d.contractIds.some((id) => ids.has(id)))
        .sort((a, b) => (a.date < b.date ? -1 : 1))
        .map((d) => ({ id: d.id, reference: d.reference, title: d.title, date: d.date })),
    });
  }
  return out.sort((a, b) => b.totalValueGbp - a.totalValueGbp || (a.key < b.key ? -1 : 1));
}
