/**
 * The decisions register: every decision, filtered by outcome, status,
 * contract, date range and words, sorted by date, reference or title. The
 * filters live in the address (Back returns to them), and the table is
 * virtualised, fetching pages as they scroll into view, so ten thousand
 * decisions scroll as smoothly as ten.
 */
import { useMemo, type ReactNode } from 'react';
import { OUTCOME_LABELS, OUTCOMES } from '../../../../shared/schema/decisions.ts';
import type { DecisionRow } from '../../../../shared/contract/views.ts';
import { invoke } from '../../api.ts';
import { useQuery } from '../../apiHooks.ts';
import { linkTo, queryChoice, queryOptional } from '../../app/location.ts';
import {
  ARCHIVE_STATES,
  archivedFilter,
  choiceFilter,
  choicesOf,
  datedSortFilter,
  dateFilter,
  filteredList,
  ListFilters,
  searchFilter,
} from '../../components/ListFilters.tsx';
import { LoadProblem } from '../../components/LoadProblem.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { VirtualTable, type Column } from '../../components/VirtualTable.tsx';
import { formatCalendarDate } from '../../format.ts';
import { usePagedRows } from '../../pagedRows.ts';
import { DirectAwardFlag } from '../contracts/contractWords.tsx';
import { StatusTag } from '../../components/StatusTag.tsx';
import { ConditionSummaryTag, DecisionStatusTag, OutcomeTag } from './decisionWords.tsx';

const STATUSES = ['draft', 'signed'] as const;
const SORTS = ['date', 'reference', 'title'] as const;
const DIRECTIONS = ['desc', 'asc'] as const;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const count = new Intl.NumberFormat('en-GB');

/** The register's filters, read from the address. */
export function registerFilters(query: URLSearchParams) {
  const date = (key: string): string | undefined => {
    const value = query.get(key) ?? '';
    return DATE.test(value) ? value : undefined;
  };
  const contractId = query.get('contract') ?? '';
  return {
    search: query.get('search') ?? '',
    outcome: queryOptional(query, 'outcome', OUTCOMES),
    status: queryOptional(query, 'status', STATUSES),
    contractId: contractId.startsWith('ctr_') ? contractId : undefined,
    from: date('from'),
    to: date('to'),
    archived: queryChoice(query, 'archived', ARCHIVE_STATES, 'active'),
    sort: queryChoice(query, 'sort', SORTS, 'date'),
    direction: queryChoice(query, 'dir', DIRECTIONS, 'desc'),
  };
}

const COLUMNS: readonly Column<DecisionRow>[] = [
  {
    key: 'reference',
    header: 'Decision',
    width: '17%',
    cell: (row) => (
      <>
        <a href={linkTo(['decisions', row.id])} className="row-link nowrap">
          {row.reference}
        </a>
        <span className="cell-note nowrap">{formatCalendarDate(row.date)}</span>
      </>
    ),
  },
  {
    key: 'title',
    header: 'Title',
    width: 'auto',
    main: true,
    cell: (row) => (
      <span className="clamp-2" title={row.title}>
        {row.title}
        {row.keyDecision && <span className="visually-hidden"> (key decision)</span>}
        {row.archived && <span className="muted"> (archived)</span>}
      </span>
    ),
  },
  {
    key: 'outcome',
    header: 'Outcome and status',
    width: '23%',
    cell: (row) => (
      <span className="status-tags">
        <OutcomeTag outcome={row.outcome} />
        <DecisionStatusTag status={row.status} />
        {row.confidential && <StatusTag tone="warn">Confidential</StatusTag>}
      </span>
    ),
  },
  {
    key: 'conditions',
    header: 'Conditions',
    width: '15%',
    cell: (row) => <ConditionSummaryTag summary={row.conditions} count={row.conditionCount} />,
  },
  {
    key: 'contracts',
    header: 'Contracts',
    width: '14%',
    cell: (row) =>
      row.contracts.length === 0 ? (
        <span className="muted">None</span>
      ) : (
        <span className="nowrap-items">
          {row.contracts.map((c) => (
            <span key={c.id} className="nowrap">
              {c.reference}
            </span>
          ))}
        </span>
      ),
  },
];

/** The register page. */
export function DecisionsRegister({ query }: { readonly query: URLSearchParams }): ReactNode {
  const filters = registerFilters(query);
  const contracts = useQuery('contracts:list', { pageSize: 500, sort: 'reference', archived: 'all' });
  const key = JSON.stringify(filters);
  const rows = usePagedRows<DecisionRow>(
    'decisions:list',
    key,
    (page, pageSize) => invoke('decisions:list', { ...filters, page, pageSize }),
    500,
  );
  const chosenContract = useMemo(
    () => (contracts.status === 'ok' ? contracts.value.rows.find((c) => c.id === filters.contractId) : undefined),
    [contracts, filters.contractId],
  );

  const list = filteredList('decisions', [
    searchFilter(filters.search, 'Reference, title or wording'),
    choiceFilter('outcome', 'Outcome', filters.outcome, choicesOf(OUTCOMES, OUTCOME_LABELS, 'Any outcome')),
    choiceFilter('status', 'Status', filters.status, [
      { value: '', label: 'Draft or signed' },
      { value: 'draft', label: 'Draft' },
      { value: 'signed', label: 'Signed' },
    ]),
    {
      ...choiceFilter('contract', 'Contract', filters.contractId, [
        { value: '', label: 'Any contract' },
        ...(filters.contractId !== undefined && chosenContract === undefined
          ? [{ value: filters.contractId, label: 'The chosen contract' }]
          : []),
        ...(contracts.status === 'ok'
          ? contracts.value.rows.map((c) => ({
              value: c.id,
              label: `${c.reference}: ${c.title}${c.directAward ? ' (direct award)' : ''}`,
            }))
          : []),
      ]),
      inputClassName: 'input input-filter-narrow',
    },
    dateFilter('from', 'Decided from', filters.from),
    dateFilter('to', 'Decided to', filters.to),
    archivedFilter(filters.archived, 'decisions'),
    datedSortFilter(filters.sort, filters.direction, 'dir'),
  ]);

  return (
    <>
      <div className="page-head">
        <PageHeading>Decisions</PageHeading>
        <a className="button button-primary" href={linkTo(['decisions', 'new'])}>
          Record a decision
        </a>
      </div>
      <ListFilters list={list} />
      {chosenContract?.directAward === true && (
        <p className="filter-note">
          Decisions on {chosenContract.reference}, <DirectAwardFlag /> to a single supplier.
        </p>
      )}

      {rows.status === 'loading' && <p className="muted">Loading decisions…</p>}
      {rows.status === 'error' && rows.error !== undefined && <LoadProblem what="The register" error={rows.error} />}
      {rows.status === 'ok' && rows.total === 0 && !list.narrowed && (
        <div className="empty-state empty-state-large">
          <h2 className="empty-state-title">No decisions yet</h2>
          <p>
            Record what the board resolved on each item: its outcome, wording, the papers it relied on and any
            conditions. Each decision gets its reference (such as PCD 2026-117) from the pattern in Settings.
          </p>
          <div className="button-row">
            <a className="button button-primary" href={linkTo(['decisions', 'new'])}>
              Record the first decision
            </a>
            <a className="button button-secondary" href={linkTo(['dashboard'])}>
              Or load the sample board from the dashboard
            </a>
          </div>
        </div>
      )}
      {rows.status === 'ok' && rows.total === 0 && list.narrowed && (
        <div className="empty-state">
          <p>No decisions match these filters. Change or clear them to see more.</p>
          <a href={linkTo(['decisions'])}>Clear the filters</a>
        </div>
      )}
      {rows.status === 'ok' && rows.total > 0 && (
        <>
          <p className="list-count" role="status">
            {rows.total === 1 ? 'One decision' : `${count.format(rows.total)} decisions`}
            {list.narrowed ? (rows.total === 1 ? ' matches these filters.' : ' match these filters.') : '.'}
          </p>
          <VirtualTable
            caption={`Decisions, sorted by ${filters.sort}, ${filters.direction === 'desc' ? 'descending' : 'ascending'}`}
            columns={COLUMNS}
            rows={rows}
            rowHeight={60}
            scrollKey={`decisions:${key}`}
          />
        </>
      )}
    </>
  );
}
