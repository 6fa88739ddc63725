/**
 * The contracts list: search, filter by procurement route and status, sort
 * by term end, reference or value. Direct awards carry their flag; values
 * are in pounds sterling, or "Undisclosed". The filters live in the address.
 */
import type { ReactNode } from 'react';
import { CONTRACT_STATUSES, ROUTE_LABELS, ROUTES } from '../../../../shared/schema/contracts.ts';
import { useQuery } from '../../apiHooks.ts';
import {
  goTo,
  linkTo,
  queryChoice,
  queryOptional,
  queryPage,
  replaceAddress,
  type QueryValues,
} from '../../app/location.ts';
import { LoadProblem } from '../../components/LoadProblem.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { Pager } from '../../components/Pager.tsx';
import { formatCalendarDate } from '../../format.ts';
import { formatGbp } from '../../money.ts';
import { SearchBox } from '../search/SearchBox.tsx';
import { CONTRACT_STATUS_LABELS, ContractStatusTag, RouteText } from './contractWords.tsx';

const PAGE_SIZE = 50;
const SORTS = ['termEnd', 'reference', 'value'] as const;
const ARCHIVED = ['active', 'archived', 'all'] as const;

/** The contracts list page. */
export function ContractsList({ query }: { readonly query: URLSearchParams }): ReactNode {
  const filters = {
    search: query.get('search') ?? '',
    route: queryOptional(query, 'route', ROUTES),
    status: queryOptional(query, 'status', CONTRACT_STATUSES),
    archived: queryChoice(query, 'archived', ARCHIVED, 'active'),
    sort: queryChoice(query, 'sort', SORTS, 'termEnd'),
  };
  const page = queryPage(query);
  const contracts = useQuery('contracts:list', { ...filters, page, pageSize: PAGE_SIZE });
  const filtered =
    filters.search !== '' ||
    filters.route !== undefined ||
    filters.status !== undefined ||
    filters.archived !== 'active';

  function hrefWith(values: QueryValues): string {
    return linkTo(['contracts'], {
      ...filters,
      archived: filters.archived === 'active' ? undefined : filters.archived,
      sort: filters.sort === 'termEnd' ? undefined : filters.sort,
      page: undefined,
      ...values,
    });
  }
  const choose = (values: QueryValues): void => goTo(hrefWith(values));

  return (
    <>
      <div className="page-head">
        <PageHeading>Contracts</PageHeading>
        <a className="button button-primary" href={linkTo(['contracts', 'new'])}>
          Add a contract
        </a>
      </div>
      <form className="filters" role="search" aria-label="Filter contracts" onSubmit={(e) => e.preventDefault()}>
        <SearchBox
          id="contracts-search"
          label="Search"
          placeholder="Reference, title, supplier or buyer"
          value={filters.search}
          onSearch={(search) => replaceAddress(hrefWith({ search }))}
        />
        <div className="filter">
          <label htmlFor="contracts-route">Procurement route</label>
          <select
            id="contracts-route"
            className="input"
            value={filters.route ?? ''}
            onChange={(e) => choose({ route: e.target.value })}
          >
            <option value="">Any route</option>
            {ROUTES.map((r) => (
              <option key={r} value={r}>
                {ROUTE_LABELS[r]}
              </option>
            ))}
          </select>
        </div>
        <div className="filter">
          <label htmlFor="contracts-status">Status</label>
          <select
            id="contracts-status"
            className="input"
            value={filters.status ?? ''}
            onChange={(e) => choose({ status: e.target.value })}
          >
            <option value="">Any status</option>
            {CONTRACT_STATUSES.map((s) => (
              <option key={s} value={s}>
                {CONTRACT_STATUS_LABELS[s]}
              </option>
            ))}
          </select>
        </div>
        <div className="filter">
          <label htmlFor="contracts-archived">Show</label>
          <select
            id="contracts-archived"
            className="input"
            value={filters.archived}
            onChange={(e) => choose({ archived: e.target.value === 'active' ? undefined : e.target.value })}
          >
            <option value="active">Current contracts</option>
            <option value="archived">Archived only</option>
            <option value="all">Current and archived</option>
          </select>
        </div>
        <div className="filter">
          <label htmlFor="contracts-sort">Sort by</label>
          <select
            id="contracts-sort"
            className="input"
            value={filters.sort}
            onChange={(e) => choose({ sort: e.target.value === 'termEnd' ? undefined : e.target.value })}
          >
            <option value="termEnd">Term end, soonest first</option>
            <option value="reference">Reference</option>
            <option value="value">Total value, highest first</option>
          </select>
        </div>
      </form>

      {contracts.status === 'loading' && <p className="muted">Loading contracts…</p>}
      {contracts.status === 'error' && <LoadProblem what="The contracts list" error={contracts.error} />}
      {contracts.status === 'ok' && contracts.value.total === 0 && !filtered && (
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
      {contracts.status === 'ok' && contracts.value.total === 0 && filtered && (
        <div className="empty-state">
          <p>No contracts match these filters. Change or clear them to see more.</p>
          <a href={linkTo(['contracts'])}>Clear the filters</a>
        </div>
      )}
      {contracts.status === 'ok' && contracts.value.total > 0 && (
        <>
          <div className="table-wrap">
            <table className="table">
              <caption className="visually-hidden">Contracts</caption>
              <thead>
                <tr>
                  <th scope="col">Reference</th>
                  <th scope="col">Title and supplier</th>
                  <th scope="col">Route</th>
                  <th scope="col" className="numeric">
                    Total value
                  </th>
                  <th scope="col">Term ends</th>
                  <th scope="col">Status</th>
                  <th scope="col" className="numeric">
                    Decisions
                  </th>
                </tr>
              </thead>
              <tbody>
                {contracts.value.rows.map((row) => (
                  <tr key={row.id}>
                    <td className="nowrap">
                      <a href={linkTo(['contracts', row.id])}>{row.reference}</a>
                    </td>
                    <td>
                      {row.title}
                      {row.archived && <span className="muted"> (archived)</span>}
                      <div className="cell-note">{row.suppliers.join(', ')}</div>
                    </td>
                    <td>
                      <RouteText route={row.route} />
                    </td>
                    <td className="numeric nowrap">{formatGbp(row.totalValueGbp)}</td>
                    <td className="nowrap">{formatCalendarDate(row.termEnd)}</td>
                    <td>
                      <ContractStatusTag status={row.status} />
                    </td>
                    <td className="numeric">{row.decisions}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pager
            page={page}
            pageSize={PAGE_SIZE}
            total={contracts.value.total}
            noun="contracts"
            onPage={(p) => goTo(hrefWith({ page: p > 0 ? p + 1 : undefined }))}
          />
        </>
      )}
    </>
  );
}
