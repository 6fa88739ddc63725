/**
 * The contracts list: search, filter by procurement route and status, sort
 * by term end, reference or value. Direct awards carry their flag; values
 * are in pounds sterling, or "Undisclosed". The filters live in the address.
 */
import type { ReactNode } from 'react';
import { CONTRACT_STATUSES, ROUTE_LABELS, ROUTES } from '../../../../shared/schema/contracts.ts';
import { useQuery } from '../../apiHooks.ts';
import { linkTo, queryChoice, queryOptional, queryPage } from '../../app/location.ts';
import {
  ARCHIVE_STATES,
  archivedFilter,
  choiceFilter,
  choicesOf,
  filteredList,
  ListFilters,
  searchFilter,
  sortFilter,
} from '../../components/ListFilters.tsx';
import { DataTable } from '../../components/DataTable.tsx';
import { LoadProblem } from '../../components/LoadProblem.tsx';
import { OcdsExport } from '../portability/OcdsExport.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { Pager } from '../../components/Pager.tsx';
import { formatCalendarDate } from '../../format.ts';
import { StatusTag } from '../../components/StatusTag.tsx';
import { formatGbp } from '../../money.ts';
import { CONTRACT_STATUS_LABELS, ContractStatusTag, RouteText } from './contractWords.tsx';

const PAGE_SIZE = 50;
const SORTS = ['termEnd', 'reference', 'value'] as const;

/** The contracts list page. */
export function ContractsList({ query }: { readonly query: URLSearchParams }): ReactNode {
  const filters = {
    search: query.get('search') ?? '',
    route: queryOptional(query, 'route', ROUTES),
    status: queryOptional(query, 'status', CONTRACT_STATUSES),
    archived: queryChoice(query, 'archived', ARCHIVE_STATES, 'active'),
    sort: queryChoice(query, 'sort', SORTS, 'termEnd'),
  };
  const page = queryPage(query);
  const contracts = useQuery('contracts:list', { ...filters, page, pageSize: PAGE_SIZE });
  const list = filteredList('contracts', [
    searchFilter(filters.search, 'Reference, title, supplier or buyer'),
    choiceFilter('route', 'Procurement route', filters.route, choicesOf(ROUTES, ROUTE_LABELS, 'Any route')),
    choiceFilter(
      'status',
      'Status',
      filters.status,
      choicesOf(CONTRACT_STATUSES, CONTRACT_STATUS_LABELS, 'Any status'),
    ),
    archivedFilter(filters.archived, 'contracts'),
    sortFilter(filters.sort, 'termEnd', [
      { value: 'termEnd', label: 'Term end, soonest first' },
      { value: 'reference', label: 'Reference' },
      { value: 'value', label: 'Total value, highest first' },
    ]),
  ]);

  return (
    <>
      <div className="page-head">
        <PageHeading>Contracts</PageHeading>
        <div className="button-row page-actions">
          <a className="button button-secondary" href={linkTo(['contracts', 'forward-plan'])}>
            Forward plan
          </a>
          <a className="button button-secondary" href={linkTo(['contracts', 'suppliers'])}>
            Suppliers
          </a>
          <a className="button button-primary" href={linkTo(['contracts', 'new'])}>
            Add a contract
          </a>
        </div>
      </div>
      <ListFilters list={list} />
      <OcdsExport contractId={null} />

      {contracts.status === 'loading' && <p className="muted">Loading contracts…</p>}
      {contracts.status === 'error' && <LoadProblem what="The contracts list" error={contracts.error} />}
      {contracts.status === 'ok' && contracts.value.total === 0 && !list.narrowed && (
        <div className="empty-state empty-state-large">
          <h2 className="empty-state-title">No contracts yet</h2>
          <p>
            Add the contracts the board oversees: supplier, value, term, procurement route, extension options and break
            clauses. A direct award to a single supplier must say why the market was not tested.
          </p>
          <div className="button-row">
            <a className="button button-primary" href={linkTo(['contracts', 'new'])}>
              Add the first contract
            </a>
          </div>
        </div>
      )}
      {contracts.status === 'ok' && contracts.value.total === 0 && list.narrowed && (
        <div className="empty-state">
          <p>No contracts match these filters. Change or clear them to see more.</p>
          <a href={linkTo(['contracts'])}>Clear the filters</a>
        </div>
      )}
      {contracts.status === 'ok' && contracts.value.total > 0 && (
        <>
          <DataTable
            caption="Contracts"
            columns={[
              'Reference',
              { label: 'Title and supplier', main: true },
              'Route',
              { label: 'Value with options', className: 'numeric' },
              'Term ends',
              'Status',
              { label: 'Decisions', className: 'numeric' },
            ]}
          >
            {contracts.value.rows.map((row) => (
              <tr key={row.id}>
                <td className="nowrap">
                  <a href={linkTo(['contracts', row.id])}>{row.reference}</a>
                </td>
                <td>
                  {row.title}
                  {row.kind === 'watched' && <span className="muted"> (watched: not this board’s)</span>}
                  {row.archived && <span className="muted"> (archived)</span>}
                  <div className="cell-note">{row.suppliers.join(', ')}</div>
                  {row.flags.length > 0 && (
                    <ul className="plain-list cell-note" aria-label={`Procurement flags on ${row.reference}`}>
                      {row.flags.map((f, i) => (
                        <li key={`${f.code}-${i}`}>
                          <StatusTag tone="warn">
                            <span aria-hidden="true">⚑ </span>
                            {f.title}
                          </StatusTag>
                        </li>
                      ))}
                    </ul>
                  )}
                </td>
                <td>
                  <RouteText route={row.route} />
                </td>
                <td className="numeric nowrap">{formatGbp(row.valueWithOptionsGbp)}</td>
                <td>
                  {row.termEnd ? (
                    <span className="nowrap">{formatCalendarDate(row.termEnd)}</span>
                  ) : (
                    <span className="muted">
                      {row.plannedMonths !== null ? `No dates: ${row.plannedMonths} months planned` : 'No dates'}
                    </span>
                  )}
                </td>
                <td>
                  <ContractStatusTag status={row.status} />
                </td>
                <td className="numeric">{row.decisions}</td>
              </tr>
            ))}
          </DataTable>
          <Pager page={page} pageSize={PAGE_SIZE} total={contracts.value.total} noun="contracts" onPage={list.toPage} />
        </>
      )}
    </>
  );
}
