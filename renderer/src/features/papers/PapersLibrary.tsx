/**
 * The papers library: search, and filter by meeting, classification, read
 * or unread, date range and archive state, sorted by date, reference or
 * title. Every filter lives in the address, so Back from a paper returns to
 * the same list.
 */
import type { ReactNode } from 'react';
import { CLASSIFICATIONS } from '../../../../shared/schema/papers.ts';
import { useQuery } from '../../apiHooks.ts';
import { linkTo, queryChoice, queryOptional, queryPage, replaceAddress, type QueryValues } from '../../app/location.ts';
import { LoadProblem } from '../../components/LoadProblem.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { Pager } from '../../components/Pager.tsx';
import { ReadState } from '../../components/ReadState.tsx';
import { formatCalendarDate } from '../../format.ts';

const PAGE_SIZE = 50;
const ARCHIVED = ['active', 'archived', 'all'] as const;
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
  readonly archived: (typeof ARCHIVED)[number];
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
    archived: queryChoice(query, 'archived', ARCHIVED, 'active'),
    sort: queryChoice(query, 'sort', SORTS, 'date'),
    direction: queryChoice(query, 'direction', DIRECTIONS, 'desc'),
  };
}

function addressOf(filters: Filters): QueryValues {
  return {
    search: filters.search,
    meeting: filters.meetingId,
    classification: filters.classification,
    read: filters.read,
    from: filters.from,
    to: filters.to,
    archived: filters.archived === 'active' ? undefined : filters.archived,
    sort: filters.sort === 'date' ? undefined : filters.sort,
    direction: filters.direction === 'desc' ? undefined : filters.direction,
  };
}

const SORT_CHOICES = [
  { value: 'date:desc', label: 'Date, newest first' },
  { value: 'date:asc', label: 'Date, oldest first' },
  { value: 'reference:asc', label: 'Reference, A to Z' },
  { value: 'reference:desc', label: 'Reference, Z to A' },
  { value: 'title:asc', label: 'Title, A to Z' },
  { value: 'title:desc', label: 'Title, Z to A' },
] as const;

/** The papers library page. */
export function PapersLibrary({ query }: { readonly query: URLSearchParams }): ReactNode {
  const filters = filtersOf(query);
  const page = queryPage(query);
  const papers = useQuery('papers:list', { ...filters, page, pageSize: PAGE_SIZE });
  const meetings = useQuery('meetings:list', { when: 'all', archived: 'all', pageSize: 500 });
  const base = addressOf(filters);
  const filtered = Object.entries(base).some(
    ([key, value]) => value !== undefined && value !== '' && key !== 'sort' && key !== 'direction',
  );

  function change(values: QueryValues): void {
    replaceAddress(linkTo(['papers'], { ...base, page: undefined, ...values }));
  }

  return (
    <>
      <div className="page-head">
        <PageHeading>Papers</PageHeading>
        <a className="button button-primary" href={linkTo(['papers', 'new'])}>
          Add a paper
        </a>
      </div>
      <form className="filters" role="search" aria-label="Filter papers" onSubmit={(e) => e.preventDefault()}>
        <div className="filter filter-wide">
          <label htmlFor="papers-search">Search</label>
          <input
            id="papers-search"
            type="search"
            className="input"
            placeholder="Reference, title or author"
            value={filters.search}
            onChange={(e) => change({ search: e.target.value })}
          />
        </div>
        <div className="filter">
          <label htmlFor="papers-meeting">Meeting</label>
          <select
            id="papers-meeting"
            className="input"
            value={filters.meetingId ?? ''}
            onChange={(e) => change({ meeting: e.target.value })}
          >
            <option value="">Any meeting</option>
            {meetings.status === 'ok' &&
              meetings.value.rows.map((m) => (
                <option key={m.id} value={m.id}>
                  {formatCalendarDate(m.date)}: {m.title}
                </option>
              ))}
          </select>
        </div>
        <div className="filter">
          <label htmlFor="papers-classification">Classification</label>
          <select
            id="papers-classification"
            className="input"
            value={filters.classification ?? ''}
            onChange={(e) => change({ classification: e.target.value })}
          >
            <option value="">Public and confidential</option>
            <option value="public">Public</option>
            <option value="confidential">Confidential</option>
          </select>
        </div>
        <div className="filter">
          <label htmlFor="papers-read">Read</label>
          <select
            id="papers-read"
            className="input"
            value={filters.read ?? ''}
            onChange={(e) => change({ read: e.target.value })}
          >
            <option value="">Read and unread</option>
            <option value="unread">Unread only</option>
            <option value="read">Read only</option>
          </select>
        </div>
        <div className="filter">
          <label htmlFor="papers-from">Dated from</label>
          <input
            id="papers-from"
            type="date"
            className="input input-date"
            value={filters.from ?? ''}
            onChange={(e) => change({ from: e.target.value })}
          />
        </div>
        <div className="filter">
          <label htmlFor="papers-to">Dated to</label>
          <input
            id="papers-to"
            type="date"
            className="input input-date"
            value={filters.to ?? ''}
            onChange={(e) => change({ to: e.target.value })}
          />
        </div>
        <div className="filter">
          <label htmlFor="papers-archived">Show</label>
          <select
            id="papers-archived"
            className="input"
            value={filters.archived}
            onChange={(e) => change({ archived: e.target.value === 'active' ? undefined : e.target.value })}
          >
            <option value="active">Current papers</option>
            <option value="archived">Archived only</option>
            <option value="all">Current and archived</option>
          </select>
        </div>
        <div className="filter">
          <label htmlFor="papers-sort">Sort by</label>
          <select
            id="papers-sort"
            className="input"
            value={`${filters.sort}:${filters.direction}`}
            onChange={(e) => {
              const [sort, direction] = e.target.value.split(':');
              change({
                sort: sort === 'date' ? undefined : sort,
                direction: direction === 'desc' ? undefined : direction,
              });
            }}
          >
            {SORT_CHOICES.map((choice) => (
              <option key={choice.value} value={choice.value}>
                {choice.label}
              </option>
            ))}
          </select>
        </div>
        {filtered && (
          <div className="filter filter-action">
            <a className="button button-small button-quiet" href={linkTo(['papers'])}>
              Clear the filters
            </a>
          </div>
        )}
      </form>

      {papers.status === 'loading' && <p className="muted">Loading papers…</p>}
      {papers.status === 'error' && <LoadProblem what="The papers library" error={papers.error} />}
      {papers.status === 'ok' && papers.value.total === 0 && !filtered && (
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
      {papers.status === 'ok' && papers.value.total === 0 && filtered && (
        <div className="empty-state">
          <p>No papers match these filters.</p>
          <a href={linkTo(['papers'])}>Clear the filters</a>
        </div>
      )}
      {papers.status === 'ok' && papers.value.total > 0 && (
        <>
          <div className="table-wrap">
            <table className="table">
              <caption className="visually-hidden">Papers</caption>
              <thead>
                <tr>
                  <th scope="col">Reference</th>
                  <th scope="col">Title</th>
                  <th scope="col">Date</th>
                  <th scope="col">Read</th>
                </tr>
              </thead>
              <tbody>
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
              </tbody>
            </table>
          </div>
          <Pager
            page={page}
            pageSize={PAGE_SIZE}
            total={papers.value.total}
            noun="papers"
            onPage={(p) => change({ page: p === 0 ? undefined : p + 1 })}
          />
        </>
      )}
    </>
  );
}
