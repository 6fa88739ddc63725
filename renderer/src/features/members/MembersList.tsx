/**
 * The members list: search, filter by role and archive state, sort by name
 * or role. The filters live in the address, so Back returns to them.
 */
import type { ReactNode } from 'react';
import { MEMBER_ROLE_LABELS, MEMBER_ROLES } from '../../../../shared/schema/members.ts';
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
import { PageHeading } from '../../components/PageHeading.tsx';
import { Pager } from '../../components/Pager.tsx';
import { formatCalendarDate } from '../../format.ts';

const PAGE_SIZE = 50;
const SORTS = ['name', 'surname', 'role'] as const;

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
    archived: queryChoice(query, 'archived', ARCHIVE_STATES, 'active'),
    sort: queryChoice(query, 'sort', SORTS, 'name'),
  };
  const page = queryPage(query);
  const members = useQuery('members:list', { ...filters, page, pageSize: PAGE_SIZE });
  const list = filteredList('members', [
    searchFilter(filters.search, 'Name, role, e-mail or interest'),
    choiceFilter('role', 'Role', filters.role, choicesOf(MEMBER_ROLES, MEMBER_ROLE_LABELS, 'All roles')),
    archivedFilter(filters.archived, 'members'),
    sortFilter(filters.sort, 'name', [
      { value: 'name', label: 'Name' },
      { value: 'surname', label: 'Surname' },
      { value: 'role', label: 'Role (chair first)' },
    ]),
  ]);

  return (
    <>
      <div className="page-head">
        <PageHeading>Members</PageHeading>
        <a className="button button-primary" href={linkTo(['members', 'new'])}>
          Add a member
        </a>
      </div>
      <ListFilters list={list} />

      {members.status === 'loading' && <p className="muted">Loading members…</p>}
      {members.status === 'error' && <LoadProblem what="The members list" error={members.error} />}
      {members.status === 'ok' && members.value.total === 0 && !list.narrowed && (
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
      {members.status === 'ok' && members.value.total === 0 && list.narrowed && (
        <div className="empty-state">
          <p>No members match these filters.</p>
          <a href={linkTo(['members'])}>Show all current members</a>
        </div>
      )}
      {members.status === 'ok' && members.value.total > 0 && (
        <>
          <DataTable
            caption="Members"
            columns={[
              { label: 'Name', main: true },
              'Role',
              { label: 'Registered interests', className: 'numeric' },
              'Active',
            ]}
          >
            {members.value.rows.map((row) => (
              <tr key={row.id}>
                <td>
                  <a href={linkTo(['members', row.id])}>{row.name}</a>
                  {row.archived && <span className="badge badge-muted">Archived</span>}
                  {row.email && <div className="cell-note">{row.email}</div>}
                </td>
                <td>
                  {MEMBER_ROLE_LABELS[row.role]}
                  {row.jobTitle && <div className="cell-note">{row.jobTitle}</div>}
                </td>
                <td className="numeric">{row.interests === 0 ? 'None' : row.interests}</td>
                <td>{activeSpan(row.activeFrom, row.activeTo)}</td>
              </tr>
            ))}
          </DataTable>
          <Pager page={page} pageSize={PAGE_SIZE} total={members.value.total} noun="members" onPage={list.toPage} />
        </>
      )}
    </>
  );
}
