/**
 * How a contract's status and procurement route read on screen. A direct
 * award (a single supplier, the market not tested) is flagged wherever a
 * contract shows: the lesson of the 2026 case.
 */
import type { ReactNode } from 'react';
import { CONTRACT_STATUSES, ROUTE_LABELS, type Route } from '../../../../shared/schema/contracts.ts';
import { StatusTag } from '../../components/StatusTag.tsx';

/** A contract's status. */
export type ContractStatus = (typeof CONTRACT_STATUSES)[number];

/** A contract's status in a word. */
export const CONTRACT_STATUS_LABELS: { readonly [S in ContractStatus]: string } = {
  proposed: 'Proposed',
  blocked: 'Blocked',
  active: 'Active',
  extended: 'Extended',
  ended: 'Ended',
  terminated: 'Terminated',
};

/** The status as a tag. */
export function ContractStatusTag({ status }: { readonly status: ContractStatus }): ReactNode {
  const tone = status === 'blocked' ? 'bad' : status === 'active' || status === 'extended' ? 'good' : 'neutral';
  return <StatusTag tone={tone}>{CONTRACT_STATUS_LABELS[status]}</StatusTag>;
}

/** The flag of a direct award: a word, not only a colour. */
export function DirectAwardFlag(): ReactNode {
  return (
    <StatusTag tone="warn">
      <span aria-hidden="true">⚑ </span>Direct award
    </StatusTag>
  );
}

/** The route in words, with the direct-award flag when it is one. */
export function RouteText({ route }: { readonly route: Route }): ReactNode {
  return route === 'direct_award' ? <DirectAwardFlag /> : <span>{ROUTE_LABELS[route]}</span>;
}
