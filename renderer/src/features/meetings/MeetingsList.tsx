/**
 * Meetings: the upcoming ones (soonest first) and the past ones (newest
 * first, a page at a time), each with its board pack's reading progress.
 * The search and archive filter live in the address, so Back returns to them.
 */
import type { ReactNode } from 'react';
import type { MeetingRow } from '../../../../shared/contract/views.ts';
import { useQuery } from '../../apiHooks.ts';
import { linkTo, queryChoice, queryPage } from '../../app/location.ts';
import {
  ARCHIVE_STATES,
  archivedFilter,
  filteredList,
  ListFilters,
  searchFilter,
} from '../../components/ListFilters.tsx';
import { DataTable } from '../../components/DataTable.tsx';
import { LoadProblem } from '../../components/LoadProblem.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { Pager } from '../../components/Pager.tsx';
import { ProgressBar } from '../../components/ProgressBar.tsx';
import { MEETING_STATUS_LABELS, packText, whenOf, whereOf } from './meetingText.ts';

const PAST_PAGE_SIZE = 25;

function MeetingTable({
  rows,
  caption,
}: {
  readonly rows: readonly MeetingRow[];
  readonly caption: string;
}): ReactNode {
  return (
    <DataTable
      caption={caption}
      columns={[
        'Date',
        { label: 'Meeting', main: true },
        'Status',
        { label: 'Agenda items', className: 'numeric' },
        'Board pack',
      ]}
    >
      {rows.map((row) => (
        <tr key={row.id}>
          <td className="nowrap">{whenOf(row)}</td>
          <td>
            <a href={linkTo(['meetings', row.id])}>{row.title}</a>
            {row.archived && <span className="badge badge-muted">Archived</span>}
            {whereOf(row) && <div className="cell-note">{whereOf(row)}</div>}
          </td>
          <td>
            <span className={`badge badge-status-${row.status}`}>{MEETING_STATUS_LABELS[row.status]}</span>
          </td>
          <td className="numeric">{row.items}</td>
          <td>
            {row.pack.total > 0 && <ProgressBar value={row.pack.read} max={row.pack.total} />}
            <span className={row.pack.total === 0 ? 'muted' : undefined}>{packText(row.pack)}</span>
          </td>
        </tr>
      ))}
    </DataTable>
  );
}

/** The meetings page. */
export function MeetingsList({ query }: { readonly query: URLSearchParams }): ReactNode {
  const search = query.get('search') ?? '';
  const archived = queryChoice(query, 'archived', ARCHIVE_STATES, 'active');
  const page = queryPage(query);
  const upcoming = useQuery('meetings:list', { when: 'upcoming', search, archived, pageSize: 100 });
  const past = useQuery('meetings:list', { when: 'past', search, archived, page, pageSize: PAST_PAGE_SIZE });
  const list = filteredList('meetings', [
    searchFilter(search, 'Title, place or agenda item'),
    archivedFilter(archived, 'meetings'),
  ]);
  const filtered = list.narrowed;
  const nothingAtAll =
    !filtered && upcoming.status === 'ok' && past.status === 'ok' && upcoming.value.total + past.value.total === 0;

  return (
    <>
      <div className="page-head">
        <PageHeading>Meetings</PageHeading>
        <a className="button button-primary" href={linkTo(['meetings', 'new'])}>
          Plan a meeting
        </a>
      </div>
      <ListFilters list={list} />

      {nothingAtAll ? (
        <div className="empty-state empty-state-large">
          <h2 className="empty-state-title">No meetings yet</h2>
          <p>
            Plan the board’s next meeting: give it a title, date and place, then build its agenda, attach the papers for
            the board pack and record who attends.
          </p>
          <a className="button button-primary" href={linkTo(['meetings', 'new'])}>
            Plan the first meeting
          </a>
        </div>
      ) : (
        <>
          <section className="section" aria-labelledby="meetings-upcoming">
            <h2 id="meetings-upcoming" className="section-title">
              Upcoming
            </h2>
            {upcoming.status === 'loading' && <p className="muted">Loading…</p>}
            {upcoming.status === 'error' && <LoadProblem what="The upcoming meetings" error={upcoming.error} />}
            {upcoming.status === 'ok' &&
              (upcoming.value.total === 0 ? (
                <p className="empty-state">
                  {filtered ? 'No upcoming meeting matches.' : 'No meeting is planned. Plan the next one above.'}
                </p>
              ) : (
                <MeetingTable rows={upcoming.value.rows} caption="Upcoming meetings, soonest first" />
              ))}
          </section>
          <section className="section" aria-labelledby="meetings-past">
            <h2 id="meetings-past" className="section-title">
              Past
            </h2>
            {past.status === 'loading' && <p className="muted">Loading…</p>}
            {past.status === 'error' && <LoadProblem what="The past meetings" error={past.error} />}
            {past.status === 'ok' &&
              (past.value.total === 0 ? (
                <p className="empty-state">{filtered ? 'No past meeting matches.' : 'No past meetings yet.'}</p>
              ) : (
                <>
                  <MeetingTable rows={past.value.rows} caption="Past meetings, newest first" />
                  <Pager
                    page={page}
                    pageSize={PAST_PAGE_SIZE}
                    total={past.value.total}
                    noun="past meetings"
                    onPage={list.toPage}
                  />
                </>
              ))}
          </section>
        </>
      )}
    </>
  );
}
