/**
 * Every condition across decisions: filtered by status, owner, due window
 * (overdue, the next 30 or 90 days) and words, sorted by due date, decision
 * or owner. The filters live in the address (Back returns to them); the
 * table is virtualised and fetches pages as they come into view.
 */
import type { ReactNode } from 'react';
import { CONDITION_STATUS_LABELS, CONDITION_STATUSES } from '../../../../shared/schema/conditions.ts';
import type { ConditionRow } from '../../../../shared/contract/views.ts';
import { invoke } from '../../api.ts';
import { linkTo, queryChoice, queryOptional } from '../../app/location.ts';
import { choicesOf, filteredList, ListFilters, searchFilter, sortFilter } from '../../components/ListFilters.tsx';
import { LoadProblem } from '../../components/LoadProblem.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { VirtualTable, type Column } from '../../components/VirtualTable.tsx';
import { formatCalendarDate } from '../../format.ts';
import { usePagedRows } from '../../pagedRows.ts';
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
    main: true,
    cell: (row) => (
      <a href={linkTo(['conditions', row.id])} className="row-link clamp-2" title={row.wording}>
        {row.wording}
      </a>
    ),
  },
  {
    key: 'decision',
    header: 'Decision',
    width: '15%',
    cell: (row) => (
      <a href={linkTo(['decisions', row.decisionId])} className="nowrap">
        {row.decisionReference}
      </a>
    ),
  },
  {
    key: 'owner',
    header: 'Owner',
    width: '18%',
    cell: (row) => (
      <span className="clamp-2" title={row.owner}>
        {row.owner}
      </span>
    ),
  },
  {
    key: 'due',
    header: 'Next due',
    width: '14%',
    className: 'nowrap',
    cell: (row) => (
      <>
        {row.due ? formatCalendarDate(row.due) : <span className="muted">{row.ongoing ? 'Ongoing' : 'No date'}</span>}
        {row.recurring && <div className="cell-note">Recurring</div>}
      </>
    ),
  },
  {
    key: 'status',
    header: 'Status',
    width: '16%',
    cell: (row) => <ConditionStatusTag status={row.status} overdue={row.overdue} />,
  },
];

/** The conditions list page. */
export function ConditionsList({ query }: { readonly query: URLSearchParams }): ReactNode {
  const filters = conditionFilters(query);
  const key = JSON.stringify(filters);
  const rows = usePagedRows<ConditionRow>(
    'conditions:list',
    key,
    (page, pageSize) => invoke('conditions:list', { ...filters, owner: filters.owner || undefined, page, pageSize }),
    500,
  );
  const list = filteredList('conditions', [
    searchFilter(filters.search, 'Wording, owner or decision reference'),
    {
      kind: 'choice',
      key: 'due',
      label: 'Due',
      value: filters.due,
      fallback: 'all',
      choices: choicesOf(DUE, DUE_LABELS),
    },
    {
      kind: 'choice',
      key: 'status',
      label: 'Status',
      value: filters.status ?? (filters.open === undefined ? '' : filters.open ? ':open' : ':closed'),
      // Beside each status, two groups of them: still open, and closed (kept in the address as `state`).
      address: (value) => ({
        status: value.startsWith(':') ? undefined : value,
        state: value === ':open' ? 'open' : value === ':closed' ? 'closed' : undefined,
      }),
      choices: [
        { value: '', label: 'Any status' },
        { value: ':open', label: 'Still needing action' },
        { value: ':closed', label: 'Closed (met, waived or superseded)' },
        ...choicesOf(CONDITION_STATUSES, CONDITION_STATUS_LABELS),
      ],
    },
    { kind: 'words', key: 'owner', label: 'Owner', placeholder: 'e.g. commercial director', value: filters.owner },
    sortFilter(filters.sort, 'due', [
      { value: 'due', label: 'Due date, soonest first' },
      { value: 'decision', label: 'Decision reference' },
      { value: 'owner', label: 'Owner' },
    ]),
  ]);

  return (
    <>
      <PageHeading>Conditions</PageHeading>
      <p className="section-intro">
        Every condition the board has attached to its decisions, tracked to its end. Add conditions on a draft
        decision’s page; change a condition’s status on its own page.
      </p>
      <ListFilters list={list} />

      {rows.status === 'loading' && <p className="muted">Loading conditions…</p>}
      {rows.status === 'error' && rows.error !== undefined && (
        <LoadProblem what="The conditions list" error={rows.error} />
      )}
      {rows.status === 'ok' && rows.total === 0 && !list.narrowed && (
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
      {rows.status === 'ok' && rows.total === 0 && list.narrowed && (
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
            {list.narrowed ? (rows.total === 1 ? ' matches these filters.' : ' match these filters.') : '.'}
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
