/**
 * The members list: search, filter by role and archive state, sort by name
 * or role. The filters live in the address, so Back returns to them.
 */
import type { ReactNode } from 'react';
import { MEMBER_ROLE_LABELS, MEMBER_ROLES } from '../../../../shared/schema/members.ts';
import { useQuery } from '../../apiHooks.ts';
import { linkTo, queryChoice, queryOptional, queryPage, replaceAddress, type QueryValues } from '../../app/location.ts';
import { LoadProblem } from '../../components/LoadProblem.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { Pager } from '../../components/Pager.tsx';
import { formatCalendarDate } from '../../format.ts';

const PAGE_SIZE = 50;
const ARCHIVED = ['active', 'archived', 'all'] as const;
const SORTS = ['name', 'role'] as const;

/** When a member is active, in words. */
export function activeSpan(from: string, to: string): string {
  if (from && to) return `${formatCalendarDate(from)} to ${formatCalendarDate(to)}`;
  if (from) return `Since ${formatCalendarDate(from)}`;
  if (to) return `Until ${formatCalendarDate(to)}`;
  return '';
}

/** The members list page. */
export function MembersList({ query }: { readonly query: URLSearchParams }): ReactNode {
  const filters = {
    search: query.get('search') ?? '',
    role: queryOptional(query, 'role', MEMBER_ROLES),
    archived: queryChoice(query, 'archived', ARCHIVED, 'active'),
    sort: queryChoice(query, 'sort', SORTS, 'name'),
  };
  const page = queryPage(query);
  const members = useQuery('members:list', { ...filters, page, pageSize: PAGE_SIZE });
  const filtered = filters.search !== '' || filters.role !== undefined || filters.archived !== 'active';

  function change(values: QueryValues): void {
    replaceAddress(
      linkTo(['members'], {
        ...filters,
        archived: filters.archived === 'active' ? undefined : filters.archived,
        sort: filters.sort === 'name' ? undefined : filters.sort,
        page: undefined,
        ...values,
      }),
    );
  }

  return (
    <>
      <div className="page-head">
        <PageHeading>Members</PageHeading>
        <a className="button button-primary" href={linkTo(['members', 'new'])}>
          Add a member
        </a>
      </div>
      <form className="filters" role="search" aria-label="Filter members" onSubmit={(e) => e.preventDefault()}>
        <div className="filter">
          <label htmlFor="members-search">Search</label>
          <input
            id="members-search"
            type="search"
            className="input"
            placeholder="Name, role, e-mail or interest"
            value={filters.search}
            onChange={(e) => change({ search: e.target.value })}
          />
        </div>
        <div className="filter">
          <label htmlFor="members-role">Role</label>
          <select
            id="members-role"
            className="input"
            value={filters.role ?? ''}
            onChange={(e) => change({ role: e.target.value })}
          >
            <option value="">All roles</option>
            {MEMBER_ROLES.map((role) => (
              <option key={role} value={role}>
                {MEMBER_ROLE_LABELS[role]}
              </option>
            ))}
          </select>
        </div>
        <div className="filter">
          <label htmlFor="members-archived">Show</label>
          <select
            id="members-archived"
            className="input"
            value={filters.archived}
            onChange={(e) => change({ archived: e.target.value === 'active' ? undefined : e.target.value })}
          >
            <option value="active">Current members</option>
            <option value="archived">Archived only</option>
            <option value="all">Current and archived</option>
          </select>
        </div>
        <div className="filter">
          <label htmlFor="members-sort">Sort by</label>
          <select
            id="members-sort"
            className="input"
            value={filters.sort}
            onChange={(e) => change({ sort: e.target.value === 'name' ? undefined : e.target.value })}
          >
            <option value="name">Name</option>
            <option value="role">Role</option>
          </select>
        </div>
      </form>

      {members.status === 'loading' && <p className="muted">Loading members…</p>}
      {members.status === 'error' && <LoadProblem what="The members list" error={members.error} />}
      {members.status === 'ok' && members.value.total === 0 && !filtered && (
        <div className="empty-state empty-state-large">
          <h2 className="empty-state-title">No members yet</h2>
          <p>
            Add the board’s members with their roles and registered interests. You will then be able to record who
            attended each meeting, check the quorum and record declarations of interest.
          </p>
          <a className="button button-primary" href={linkTo(['members', 'new'])}>
            Add the first member
          </a>
        </div>
      )}
      {members.status === 'ok' && members.value.total === 0 && filtered && (
        <div className="empty-state">
          <p>No members match these filters.</p>
          <a href={linkTo(['members'])}>Show all current members</a>
        </div>
      )}
      {members.status === 'ok' && members.value.total > 0 && (
        <>
          <div className="table-wrap">
            <table className="table">
              <caption className="visually-hidden">Members</caption>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Role</th>
                  <th scope="col" className="numeric">
                    Registered interests
                  </th>
                  <th scope="col">Active</th>
                </tr>
              </thead>
              <tbody>
                {members.value.rows.map((row) => (
                  <tr key={row.id}>
                    <td>
                      <a href={linkTo(['members', row.id])}>{row.name}</a>
                      {row.archived && <span className="badge badge-muted">Archived</span>}
                      {row.email && <div className="cell-note">{row.email}</div>}
                    </td>
                    <td>{MEMBER_ROLE_LABELS[row.role]}</td>
                    <td className="numeric">{row.interests === 0 ? 'None' : row.interests}</td>
                    <td>{activeSpan(row.activeFrom, row.activeTo)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pager
            page={page}
            pageSize={PAGE_SIZE}
            total={members.value.total}
            noun="members"
            onPage={(p) => change({ page: p === 0 ? undefined : p + 1 })}
          />
        </>
      )}
    </>
  );
}
