/**
 * The papers library: search, and filter by meeting, classification, read
 * or unread, date range and archive state, sorted by date, reference or
 * title. Every filter lives in the address, so Back from a paper returns to
 * the same list.
 */
import type { ReactNode } from 'react';
import { AddPaperFiles } from './AddPaperFiles.tsx';
import { CLASSIFICATIONS } from '../../../../shared/schema/papers.ts';
import { useQuery } from '../../apiHooks.ts';
import { linkTo, queryChoice, queryOptional, queryPage } from '../../app/location.ts';
import {
  ARCHIVE_STATES,
  archivedFilter,
  choiceFilter,
  datedSortFilter,
  dateFilter,
  filteredList,
  ListFilters,
  searchFilter,
} from '../../components/ListFilters.tsx';
import { DataTable } from '../../components/DataTable.tsx';
import { LoadProblem } from '../../components/LoadProblem.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { Pager } from '../../components/Pager.tsx';
import { ReadState } from '../../components/ReadState.tsx';
import { formatCalendarDate } from '../../format.ts';

const PAGE_SIZE = 50;
const READ = ['read', 'unread'] as const;
const SORTS = ['date', 'reference', 'title'] as const;
const DIRECTIONS = ['asc', 'desc'] as const;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The library's filters as the address holds them. */
interface Filters {
  readonly search: string;
  readonly meetingId: string | undefined;
  readonly classification: (typeof CLASSIFICATIONS)[number] | undefined;
  readonly read: (typeof READ)[number] | undefined;
  readonly from: string | undefined;
  readonly to: string | undefined;
  readonly archived: (typeof ARCHIVE_STATES)[number];
  readonly sort: (typeof SORTS)[number];
  readonly direction: (typeof DIRECTIONS)[number];
}

function filtersOf(query: URLSearchParams): Filters {
  const date = (key: string): string | undefined => {
    const value = query.get(key) ?? '';
    return DATE.test(value) ? value : undefined;
  };
  const meetingId = query.get('meeting') ?? '';
  return {
    search: query.get('search') ?? '',
    meetingId: meetingId.startsWith('mtg_') ? meetingId : undefined,
    classification: queryOptional(query, 'classification', CLASSIFICATIONS),
    read: queryOptional(query, 'read', READ),
    from: date('from'),
    to: date('to'),
    archived: queryChoice(query, 'archived', ARCHIVE_STATES, 'active'),
    sort: queryChoice(query, 'sort', SORTS, 'date'),
    direction: queryChoice(query, 'direction', DIRECTIONS, 'desc'),
  };
}

/** The papers library page. */
export function PapersLibrary({ query }: { readonly query: URLSearchParams }): ReactNode {
  const filters = filtersOf(query);
  const page = queryPage(query);
  const papers = useQuery('papers:list', { ...filters, page, pageSize: PAGE_SIZE });
  const meetings = useQuery('meetings:list', { when: 'all', archived: 'all', pageSize: 500 });
  const list = filteredList('papers', [
    searchFilter(filters.search, 'Reference, title or author'),
    choiceFilter('meeting', 'Meeting', filters.meetingId, [
      { value: '', label: 'Any meeting' },
      ...(meetings.status === 'ok'
        ? meetings.value.rows.map((m) => ({ value: m.id, label: `${formatCalendarDate(m.date)}: ${m.title}` }))
        : []),
    ]),
    choiceFilter('classification', 'Classification', filters.classification, [
      { value: '', label: 'Public and confidential' },
      { value: 'public', label: 'Public' },
      { value: 'confidential', label: 'Confidential' },
    ]),
    choiceFilter('read', 'Read', filters.read, [
      { value: '', label: 'Read and unread' },
      { value: 'unread', label: 'Unread only' },
      { value: 'read', label: 'Read only' },
    ]),
    dateFilter('from', 'Dated from', filters.from),
    dateFilter('to', 'Dated to', filters.to),
    archivedFilter(filters.archived, 'papers'),
    datedSortFilter(filters.sort, filters.direction, 'direction'),
  ]);

  return (
    <>
      <div className="page-head">
        <PageHeading>Papers</PageHeading>
        <a className="button button-primary" href={linkTo(['papers', 'new'])}>
          Add a paper
        </a>
      </div>
      <AddPaperFiles target={{ label: 'Add papers from files' }} />
      <ListFilters list={list} clearable />

      {papers.status === 'loading' && <p className="muted">Loading papers…</p>}
      {papers.status === 'error' && <LoadProblem what="The papers library" error={papers.error} />}
      {papers.status === 'ok' && papers.value.total === 0 && !list.narrowed && (
        <div className="empty-state empty-state-large">
          <h2 className="empty-state-title">No papers yet</h2>
          <p>
            Add the board’s papers: reports, business cases and advice, with their reference, author, date and
            classification, their text in Markdown and any attached files. Then put them on a meeting’s agenda to make
            up its board pack.
          </p>
          <a className="button button-primary" href={linkTo(['papers', 'new'])}>
            Add the first paper
          </a>
        </div>
      )}
      {papers.status === 'ok' && papers.value.total === 0 && list.narrowed && (
        <div className="empty-state">
          <p>No papers match these filters.</p>
          <a href={linkTo(['papers'])}>Clear the filters</a>
        </div>
      )}
      {papers.status === 'ok' && papers.value.total > 0 && (
        <>
          <DataTable caption="Papers" columns={['Reference', { label: 'Title', main: true }, 'Date', 'Read']}>
            {papers.value.rows.map((row) => (
              <tr key={row.id}>
                <td className="nowrap reference">{row.reference}</td>
                <td>
                  <a href={linkTo(['papers', row.id])}>{row.title}</a>
                  {row.classification === 'confidential' && (
                    <span className="badge badge-confidential">Confidential</span>
                  )}
                  {row.archived && <span className="badge badge-muted">Archived</span>}
                  <div className="cell-note">
                    {[
                      row.author,
                      row.version > 1 ? `version ${row.version}` : '',
                      row.attachments > 0
                        ? `${row.attachments} ${row.attachments === 1 ? 'attachment' : 'attachments'}`
                        : '',
                      row.meetings.length > 0 ? `for ${row.meetings.map((m) => m.title).join(', ')}` : '',
                    ]
                      .filter(Boolean)
                      .join(' · ')}
                  </div>
                </td>
                <td className="nowrap">{formatCalendarDate(row.date)}</td>
                <td className="nowrap">
                  <ReadState read={row.read} />
                </td>
              </tr>
            ))}
          </DataTable>
          <Pager page={page} pageSize={PAGE_SIZE} total={papers.value.total} noun="papers" onPage={list.toPage} />
        </>
      )}
    </>
  );
}
