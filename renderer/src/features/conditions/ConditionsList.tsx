/**
 * Every condition across decisions: filtered by status, owner, due window
 * (overdue, the next 30 or 90 days) and words, sorted by due date, decision
 * or owner. The filters live in the address (Back returns to them); the
 * table is virtualised and fetches pages as they come into view.
 */
import type { ReactNode } from 'react';
import { CONDITION_STATUS_LABELS, CONDITION_STATUSES } from '../../../../shared/schema/conditions.ts';
import type { ConditionRow } from '../../../../shared/views.ts';
import { invoke } from '../../api.ts';
import { goTo, linkTo, queryChoice, queryOptional, replaceAddress, type QueryValues } from '../../app/location.ts';
import { LoadProblem } from '../../components/LoadProblem.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { VirtualTable, type Column } from '../../components/VirtualTable.tsx';
import { formatCalendarDate } from '../../format.ts';
import { usePagedRows } from '../../pagedRows.ts';
import { SearchBox } from '../search/SearchBox.tsx';
import { ConditionStatusTag } from './conditionWords.tsx';

const DUE = ['all', 'overdue', 'next30', 'next90'] as const;
const SORTS = ['due', 'decision', 'owner'] as const;
const OPEN = ['open', 'closed'] as const;
const count = new Intl.NumberFormat('en-GB');

const DUE_LABELS: { readonly [D in (typeof DUE)[number]]: string } = {
  all: 'Any time',
  overdue: 'Overdue',
  next30: 'In the next 30 days',
  next90: 'In the next 90 days',
};

/** The list's filters, read from the address. */
export function conditionFilters(query: URLSearchParams) {
  const open = queryOptional(query, 'state', OPEN);
  return {
    search: query.get('search') ?? '',
    status: queryOptional(query, 'status', CONDITION_STATUSES),
    open: open === undefined ? undefined : open === 'open',
    owner: query.get('owner') ?? '',
    due: queryChoice(query, 'due', DUE, 'all'),
    sort: queryChoice(query, 'sort', SORTS, 'due'),
  };
}

const COLUMNS: readonly Column<ConditionRow>[] = [
  {
    key: 'wording',
    header: 'Condition',
    width: 'auto',
    cell: (row) => (
      <a href={linkTo(['conditions', row.id])} className="row-link clamp-2" title={row.wording}>
        {row.wording}
      </a>
    ),
  },
  {
    key: 'decision',
    header: 'Decision',
    width: '9rem',
    cell: (row) => (
      <a href={linkTo(['decisions', row.decisionId])} className="nowrap">
        {row.decisionReference}
      </a>
    ),
  },
  {
    key: 'owner',
    header: 'Owner',
    width: '11rem',
    cell: (row) => (
      <span className="clamp-2" title={row.owner}>
        {row.owner}
      </span>
    ),
  },
  {
    key: 'due',
    header: 'Next due',
    width: '8rem',
    className: 'nowrap',
    cell: (row) => (
      <>
        {row.due ? formatCalendarDate(row.due) : <span className="muted">No date</span>}
        {row.recurring && <div className="cell-note">Recurring</div>}
      </>
    ),
  },
  {
    key: 'status',
    header: 'Status',
    width: '9.5rem',
    cell: (row) => <ConditionStatusTag status={row.status} overdue={row.overdue} />,
  },
];

/** The conditions list page. */
export function ConditionsList({ query }: { readonly query: URLSearchParams }): ReactNode {
  const filters = conditionFilters(query);
  const key = JSON.stringify(filters);
  const rows = usePagedRows<ConditionRow>(
    key,
    (page, pageSize) => invoke('conditions:list', { ...filters, owner: filters.owner || undefined, page, pageSize }),
    500,
  );
  const filtered =
    filters.search !== '' ||
    filters.status !== undefined ||
    filters.open !== undefined ||
    filters.owner !== '' ||
    filters.due !== 'all';

  function hrefWith(values: QueryValues): string {
    return linkTo(['conditions'], {
      search: filters.search,
      status: filters.status,
      state: filters.open === undefined ? undefined : filters.open ? 'open' : 'closed',
      owner: filters.owner,
      due: filters.due === 'all' ? undefined : filters.due,
      sort: filters.sort === 'due' ? undefined : filters.sort,
      ...values,
    });
  }
  const choose = (values: QueryValues): void => goTo(hrefWith(values));

  return (
    <>
      <PageHeading>Conditions</PageHeading>
      <p className="section-intro">
        Every condition the board has attached to its decisions, tracked to its end. Add conditions on a draft
        decision’s page; change a condition’s status on its own page.
      </p>
      <form className="filters" role="search" aria-label="Filter conditions" onSubmit={(e) => e.preventDefault()}>
        <SearchBox
          id="conditions-search"
          label="Search"
          placeholder="Wording, owner or decision reference"
          value={filters.search}
          onSearch={(search) => replaceAddress(hrefWith({ search }))}
        />
        <div className="filter">
          <label htmlFor="conditions-due">Due</label>
          <select
            id="conditions-due"
            className="input"
            value={filters.due}
            onChange={(e) => choose({ due: e.target.value === 'all' ? undefined : e.target.value })}
          >
            {DUE.map((d) => (
              <option key={d} value={d}>
                {DUE_LABELS[d]}
              </option>
            ))}
          </select>
        </div>
        <div className="filter">
          <label htmlFor="conditions-status">Status</label>
          <select
            id="conditions-status"
            className="input"
            value={filters.status ?? (filters.open === undefined ? '' : filters.open ? ':open' : ':closed')}
            onChange={(e) => {
              const value = e.target.value;
              choose({
                status: value.startsWith(':') ? undefined : value,
                state: value === ':open' ? 'open' : value === ':closed' ? 'closed' : undefined,
              });
            }}
          >
            <option value="">Any status</option>
            <option value=":open">Still needing action</option>
            <option value=":closed">Closed (met, waived or superseded)</option>
            {CONDITION_STATUSES.map((s) => (
              <option key={s} value={s}>
                {CONDITION_STATUS_LABELS[s]}
              </option>
            ))}
          </select>
        </div>
        <SearchBox
          id="conditions-owner"
          label="Owner"
          placeholder="e.g. commercial director"
          value={filters.owner}
          onSearch={(owner) => replaceAddress(hrefWith({ owner }))}
        />
        <div className="filter">
          <label htmlFor="conditions-sort">Sort by</label>
          <select
            id="conditions-sort"
            className="input"
            value={filters.sort}
            onChange={(e) => choose({ sort: e.target.value === 'due' ? undefined : e.target.value })}
          >
            <option value="due">Due date, soonest first</option>
            <option value="decision">Decision reference</option>
            <option value="owner">Owner</option>
          </select>
        </div>
      </form>

      {rows.status === 'loading' && <p className="muted">Loading conditions…</p>}
      {rows.status === 'error' && rows.error !== undefined && (
        <LoadProblem what="The conditions list" error={rows.error} />
      )}
      {rows.status === 'ok' && rows.total === 0 && !filtered && (
        <div className="empty-state empty-state-large">
          <h2 className="empty-state-title">No conditions yet</h2>
          <p>
            Conditions belong to decisions: open a draft decision and add each condition with its owner and due date.
            They then show here, with what is overdue and what falls due soon.
          </p>
          <div className="button-row">
            <a className="button button-primary" href={linkTo(['decisions'])}>
              Go to the decisions register
            </a>
          </div>
        </div>
      )}
      {rows.status === 'ok' && rows.total === 0 && filtered && (
        <div className="empty-state">
          <p>
            {filters.due === 'overdue' && filters.status === undefined && filters.search === '' && filters.owner === ''
              ? 'Nothing is overdue.'
              : 'No conditions match these filters. Change or clear them to see more.'}
          </p>
          <a href={linkTo(['conditions'])}>Clear the filters</a>
        </div>
      )}
      {rows.status === 'ok' && rows.total > 0 && (
        <>
          <p className="list-count" role="status">
            {rows.total === 1 ? 'One condition' : `${count.format(rows.total)} conditions`}
            {filtered ? (rows.total === 1 ? ' matches these filters.' : ' match these filters.') : '.'}
          </p>
          <VirtualTable
            caption={`Conditions, sorted by ${filters.sort === 'due' ? 'due date' : filters.sort}`}
            columns={COLUMNS}
            rows={rows}
            rowHeight={60}
            scrollKey={`conditions:${key}`}
          />
        </>
      )}
    </>
  );
}
