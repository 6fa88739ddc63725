/**
 * The decisions register: every decision, filtered by outcome, status,
 * contract, date range and words, sorted by date, reference or title. The
 * filters live in the address (Back returns to them), and the table is
 * virtualised, fetching pages as they scroll into view, so ten thousand
 * decisions scroll as smoothly as ten.
 */
import { useMemo, type ReactNode } from 'react';
import { OUTCOME_LABELS, OUTCOMES } from '../../../../shared/schema/decisions.ts';
import type { DecisionRow } from '../../../../shared/views.ts';
import { invoke } from '../../api.ts';
import { useQuery } from '../../apiHooks.ts';
import { goTo, linkTo, queryChoice, queryOptional, replaceAddress, type QueryValues } from '../../app/location.ts';
import { LoadProblem } from '../../components/LoadProblem.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { VirtualTable, type Column } from '../../components/VirtualTable.tsx';
import { formatCalendarDate } from '../../format.ts';
import { usePagedRows } from '../../pagedRows.ts';
import { DirectAwardFlag } from '../contracts/contractWords.tsx';
import { SearchBox } from '../search/SearchBox.tsx';
import { ConditionSummaryTag, DecisionStatusTag, OutcomeTag } from './decisionWords.tsx';

const STATUSES = ['draft', 'signed'] as const;
const SORTS = ['date', 'reference', 'title'] as const;
const DIRECTIONS = ['desc', 'asc'] as const;
const ARCHIVED = ['active', 'archived', 'all'] as const;
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
    archived: queryChoice(query, 'archived', ARCHIVED, 'active'),
    sort: queryChoice(query, 'sort', SORTS, 'date'),
    direction: queryChoice(query, 'dir', DIRECTIONS, 'desc'),
  };
}

const COLUMNS: readonly Column<DecisionRow>[] = [
  {
    key: 'reference',
    header: 'Decision',
    width: '9.5rem',
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
    width: '14rem',
    cell: (row) => (
      <span className="status-tags">
        <OutcomeTag outcome={row.outcome} />
        <DecisionStatusTag status={row.status} />
      </span>
    ),
  },
  {
    key: 'conditions',
    header: 'Conditions',
    width: '9.5rem',
    cell: (row) => <ConditionSummaryTag summary={row.conditions} count={row.conditionCount} />,
  },
  {
    key: 'contracts',
    header: 'Contracts',
    width: '8.75rem',
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
    key,
    (page, pageSize) => invoke('decisions:list', { ...filters, page, pageSize }),
    500,
  );
  const filtered =
    filters.search !== '' ||
    filters.outcome !== undefined ||
    filters.status !== undefined ||
    filters.contractId !== undefined ||
    filters.from !== undefined ||
    filters.to !== undefined ||
    filters.archived !== 'active';
  const chosenContract = useMemo(
    () => (contracts.status === 'ok' ? contracts.value.rows.find((c) => c.id === filters.contractId) : undefined),
    [contracts, filters.contractId],
  );

  /** The address for these filters changed by `values` (defaults left out). */
  function hrefWith(values: QueryValues): string {
    const next = {
      search: filters.search,
      outcome: filters.outcome,
      status: filters.status,
      contract: filters.contractId,
      from: filters.from,
      to: filters.to,
      archived: filters.archived === 'active' ? undefined : filters.archived,
      sort: filters.sort === 'date' ? undefined : filters.sort,
      dir: filters.direction === 'desc' ? undefined : filters.direction,
      ...values,
    };
    return linkTo(['decisions'], next);
  }
  // A chosen filter is a step Back can undo; typed words replace the address as they are typed.
  const choose = (values: QueryValues): void => goTo(hrefWith(values));

  return (
    <>
      <div className="page-head">
        <PageHeading>Decisions</PageHeading>
        <a className="button button-primary" href={linkTo(['decisions', 'new'])}>
          Record a decision
        </a>
      </div>
      <form className="filters" role="search" aria-label="Filter decisions" onSubmit={(e) => e.preventDefault()}>
        <SearchBox
          id="decisions-search"
          label="Search"
          placeholder="Reference, title or wording"
          value={filters.search}
          onSearch={(search) => replaceAddress(hrefWith({ search }))}
        />
        <div className="filter">
          <label htmlFor="decisions-outcome">Outcome</label>
          <select
            id="decisions-outcome"
            className="input"
            value={filters.outcome ?? ''}
            onChange={(e) => choose({ outcome: e.target.value })}
          >
            <option value="">Any outcome</option>
            {OUTCOMES.map((o) => (
              <option key={o} value={o}>
                {OUTCOME_LABELS[o]}
              </option>
            ))}
          </select>
        </div>
        <div className="filter">
          <label htmlFor="decisions-status">Status</label>
          <select
            id="decisions-status"
            className="input"
            value={filters.status ?? ''}
            onChange={(e) => choose({ status: e.target.value })}
          >
            <option value="">Draft or signed</option>
            <option value="draft">Draft</option>
            <option value="signed">Signed</option>
          </select>
        </div>
        <div className="filter">
          <label htmlFor="decisions-contract">Contract</label>
          <select
            id="decisions-contract"
            className="input input-filter-narrow"
            value={filters.contractId ?? ''}
            onChange={(e) => choose({ contract: e.target.value })}
          >
            <option value="">Any contract</option>
            {filters.contractId !== undefined && chosenContract === undefined && (
              <option value={filters.contractId}>The chosen contract</option>
            )}
            {contracts.status === 'ok' &&
              contracts.value.rows.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.reference}: {c.title}
                  {c.directAward ? ' (direct award)' : ''}
                </option>
              ))}
          </select>
        </div>
        <div className="filter">
          <label htmlFor="decisions-from">Decided from</label>
          <input
            id="decisions-from"
            type="date"
            className="input input-date"
            value={filters.from ?? ''}
            onChange={(e) => choose({ from: e.target.value })}
          />
        </div>
        <div className="filter">
          <label htmlFor="decisions-to">Decided to</label>
          <input
            id="decisions-to"
            type="date"
            className="input input-date"
            value={filters.to ?? ''}
            onChange={(e) => choose({ to: e.target.value })}
          />
        </div>
        <div className="filter">
          <label htmlFor="decisions-archived">Show</label>
          <select
            id="decisions-archived"
            className="input"
            value={filters.archived}
            onChange={(e) => choose({ archived: e.target.value === 'active' ? undefined : e.target.value })}
          >
            <option value="active">Current decisions</option>
            <option value="archived">Archived only</option>
            <option value="all">Current and archived</option>
          </select>
        </div>
        <div className="filter">
          <label htmlFor="decisions-sort">Sort by</label>
          <select
            id="decisions-sort"
            className="input"
            value={`${filters.sort}:${filters.direction}`}
            onChange={(e) => {
              const [sort, dir] = e.target.value.split(':');
              choose({ sort: sort === 'date' ? undefined : sort, dir: dir === 'desc' ? undefined : dir });
            }}
          >
            <option value="date:desc">Date, newest first</option>
            <option value="date:asc">Date, oldest first</option>
            <option value="reference:asc">Reference, A to Z</option>
            <option value="reference:desc">Reference, Z to A</option>
            <option value="title:asc">Title, A to Z</option>
            <option value="title:desc">Title, Z to A</option>
          </select>
        </div>
      </form>
      {chosenContract?.directAward === true && (
        <p className="filter-note">
          Decisions on {chosenContract.reference}, <DirectAwardFlag /> to a single supplier.
        </p>
      )}

      {rows.status === 'loading' && <p className="muted">Loading decisions…</p>}
      {rows.status === 'error' && rows.error !== undefined && <LoadProblem what="The register" error={rows.error} />}
      {rows.status === 'ok' && rows.total === 0 && !filtered && (
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
      {rows.status === 'ok' && rows.total === 0 && filtered && (
        <div className="empty-state">
          <p>No decisions match these filters. Change or clear them to see more.</p>
          <a href={linkTo(['decisions'])}>Clear the filters</a>
        </div>
      )}
      {rows.status === 'ok' && rows.total > 0 && (
        <>
          <p className="list-count" role="status">
            {rows.total === 1 ? 'One decision' : `${count.format(rows.total)} decisions`}
            {filtered ? (rows.total === 1 ? ' matches these filters.' : ' match these filters.') : '.'}
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
