/**
 * A meeting's page: when and where, the board pack (its papers in agenda
 * order, each read or not, and how many are read), the agenda with
 * declarations of interest, attendance, and the quorum check for the meeting
 * and for each item.
 */
import { AddPaperFiles } from '../papers/AddPaperFiles.tsx';
import { useEffect, type ReactNode } from 'react';
import type { AgendaItem } from '../../../../shared/schema/meetings.ts';
import type { MeetingDetail, PaperRef } from '../../../../shared/contract/views.ts';
import { useQuery } from '../../apiHooks.ts';
import { linkTo } from '../../app/location.ts';
import { ArchiveButton, useArchiving } from '../../components/ArchiveControls.tsx';
import { Breadcrumb } from '../../components/Breadcrumb.tsx';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { RecordPending } from '../../components/LoadProblem.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { Panel } from '../../components/Panel.tsx';
import { ProgressBar } from '../../components/ProgressBar.tsx';
import { ReadState } from '../../components/ReadState.tsx';
import { MinutesEditor } from '../documents/MinutesEditor.tsx';
import { CompiledPacks } from '../packs/CompiledPacks.tsx';
import { MeetingPacks } from '../packs/MeetingPacks.tsx';
import { PublishedByLine } from '../packs/PublishedByLine.tsx';
import { AttendanceForm } from './AttendanceForm.tsx';
import { MEETING_STATUS_LABELS, packText, whenOf, whereOf } from './meetingText.ts';
import { QuorumBadge, QuorumCheck } from './QuorumCheck.tsx';
import { DeclarationPrompts } from './DeclarationPrompts.tsx';
import { RecordHistory } from '../../components/RecordHistory.tsx';

function PaperLink({ paper }: { readonly paper: PaperRef }): ReactNode {
  return (
    <>
      <a href={linkTo(['papers', paper.id])}>
        <span className="reference">{paper.reference}</span> {paper.title}
      </a>
      {paper.classification === 'confidential' && <span className="badge badge-confidential">Confidential</span>}
      {paper.archived && <span className="badge badge-muted">Archived</span>}
    </>
  );
}

function BoardPack({ detail }: { readonly detail: MeetingDetail }): ReactNode {
  const { meeting, papers, pack } = detail;
  const items = meeting.agenda.filter((item) => item.paperIds.some((id) => papers[id] !== undefined));
  return (
    <section className="panel" aria-labelledby="meeting-pack">
      <div className="panel-head">
        <h2 id="meeting-pack" className="panel-title">
          Board pack
        </h2>
        <p className="pack-progress">
          {pack.total > 0 && <ProgressBar value={pack.read} max={pack.total} />}
          <strong>{packText(pack)}</strong>
        </p>
      </div>
      {items.length === 0 ? (
        <p className="empty-state">
          No papers are on the agenda yet. Edit the agenda to attach papers from the library to its items; they then
          make up the board pack, in agenda order.
        </p>
      ) : (
        <ol className="pack-list">
          {items.map((item) => (
            <li key={item.id} className="pack-item">
              <span className="pack-item-number">Item {item.number}</span>
              <ul className="plain-list">
                {item.paperIds.map((id) => {
                  const paper = papers[id];
                  return paper === undefined ? null : (
                    <li key={id} className="pack-paper">
                      <ReadState read={paper.read} />
                      <span>
                        <PaperLink paper={paper} />
                        {paper.position !== null && !paper.read && (
                          <span className="cell-note">
                            {' '}
                            Read to page {paper.position.page} of {paper.position.pages}
                          </span>
                        )}
                      </span>
                    </li>
                  );
                })}
              </ul>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

function AgendaItemView({
  item,
  detail,
  highlighted,
}: {
  readonly item: AgendaItem;
  readonly detail: MeetingDetail;
  readonly highlighted: boolean;
}): ReactNode {
  const nameOf = new Map(detail.members.map((m) => [m.id, m.name]));
  const check = detail.quorum.items.find((c) => c.itemId === item.id);
  return (
    <li
      id={`item-${item.id}`}
      className={highlighted ? 'agenda-item agenda-item-highlight' : 'agenda-item'}
      tabIndex={-1}
    >
      <div className="agenda-item-head">
        <span className="agenda-number">{item.number}</span>
        <div className="agenda-item-body">
          <h3 className="agenda-title">
            {item.title}
            {item.confidential && <span className="badge badge-confidential">Confidential: taken in private</span>}
            {item.withdrawn === true && <span className="badge badge-muted">Withdrawn</span>}
          </h3>
          {item.presenter && <p className="muted agenda-presenter">Presented by {item.presenter}</p>}
          {item.paperIds.length > 0 && (
            <ul className="plain-list agenda-papers" aria-label={`Papers for item ${item.number}`}>
              {item.paperIds.map((id) => {
                const paper = detail.papers[id];
                return (
                  <li key={id}>
                    {paper === undefined ? (
                      <span className="muted">A paper that is no longer in the library</span>
                    ) : (
                      <PaperLink paper={paper} />
                    )}
                  </li>
                );
              })}
            </ul>
          )}
          {detail.meeting.archivedAt === undefined && item.withdrawn !== true && (
            <AddPaperFiles
              target={{
                meetingId: detail.meeting.id,
                itemId: item.id,
                date: detail.meeting.date,
                label: `Add papers to item ${item.number} from files`,
                headingLevel: 4,
              }}
            />
          )}
          <DeclarationPrompts item={item} detail={detail} readOnly={detail.publishedBy !== null} />
          {item.declarations.length > 0 && (
            <div className="declarations">
              <p className="declarations-title">Declarations of interest</p>
              <ul className="plain-list">
                {item.declarations.map((d) => (
                  <li key={d.memberId}>
                    <a href={linkTo(['members', d.memberId])}>{nameOf.get(d.memberId) ?? 'A former member'}</a>:{' '}
                    {d.interest}
                  </li>
                ))}
              </ul>
            </div>
          )}
          {check !== undefined && (
            <p className="agenda-quorum">
              <QuorumBadge quorate={check.quorate} />{' '}
              <span className="muted">
                {check.present} of {check.required} needed
                {check.excluded.length > 0 &&
                  `; ${check.excluded.map((id) => nameOf.get(id) ?? id).join(', ')} left out for a declared interest`}
              </span>
            </p>
          )}
        </div>
      </div>
    </li>
  );
}

/** The meeting page. */
export function MeetingPage({ id, item }: { readonly id: string; readonly item: string | undefined }): ReactNode {
  const detail = useQuery('meetings:get', { id });
  const archiving = useArchiving('meetings', id);
  const loaded = detail.status === 'ok';

  // Arriving from a link to one item (a paper's or member's page): show that item.
  useEffect(() => {
    if (!loaded || item === undefined) return;
    const element = document.getElementById(`item-${item}`);
    element?.scrollIntoView({ block: 'center' });
    element?.focus({ preventScroll: true });
  }, [loaded, item]);

  if (detail.status !== 'ok') {
    return (
      <RecordPending
        state={detail}
        heading="Meeting"
        what="This meeting"
        crumb={{ href: linkTo(['meetings']), label: 'Meetings' }}
        back={{ href: linkTo(['meetings']), label: 'All meetings' }}
      />
    );
  }
  const { meeting, publishedBy } = detail.value;
  const archived = Boolean(meeting.archivedAt);
  const imported = publishedBy !== null;
  const where = whereOf(meeting);

  return (
    <>
      <Breadcrumb trail={[{ href: linkTo(['meetings']), label: 'Meetings' }]} />
      <div className="page-head">
        <div className="page-head-main">
          <PageHeading>{meeting.title}</PageHeading>
          <p className="page-subtitle">
            <span>{whenOf(meeting, true)}</span>
            {where && <span>{where}</span>}
            <span className={`badge badge-status-${meeting.status}`}>{MEETING_STATUS_LABELS[meeting.status]}</span>
            {archived && <span className="badge badge-muted">Archived</span>}
          </p>
          {publishedBy !== null && <PublishedByLine publishedBy={publishedBy} />}
        </div>
        {!imported && (
          <div className="button-row page-actions">
            <a className="button button-secondary" href={linkTo(['meetings', meeting.id, 'edit'])}>
              Edit details
            </a>
            <ArchiveButton archiving={archiving} archived={archived} />
          </div>
        )}
      </div>
      {archiving.problem !== undefined && <ErrorMessage>{archiving.problem.message}</ErrorMessage>}

      <BoardPack detail={detail.value} />

      <MeetingPacks meetingId={meeting.id} meetingTitle={meeting.title} imported={imported} />

      <CompiledPacks meetingId={meeting.id} />

      <section className="panel" aria-labelledby="meeting-agenda">
        <div className="panel-head">
          <h2 id="meeting-agenda" className="panel-title">
            Agenda
          </h2>
          {!imported && (
            <a className="button button-secondary button-small" href={linkTo(['meetings', meeting.id, 'agenda'])}>
              Edit the agenda
            </a>
          )}
        </div>
        {meeting.agenda.length === 0 ? (
          <p className="empty-state">
            The agenda is empty. <a href={linkTo(['meetings', meeting.id, 'agenda'])}>Add agenda items</a>, with their
            presenters, papers and any declarations of interest.
          </p>
        ) : (
          <ol className="agenda">
            {meeting.agenda.map((agendaItem) => (
              <AgendaItemView
                key={agendaItem.id}
                item={agendaItem}
                detail={detail.value}
                highlighted={agendaItem.id === item}
              />
            ))}
          </ol>
        )}
      </section>

      <Panel id="meeting-quorum" title="Quorum">
        <QuorumCheck detail={detail.value} />
        <p className="field-hint">
          The quorum is set in <a href="#/settings">Settings</a>. A member who declared an interest in an item does not
          count towards that item’s quorum.
        </p>
      </Panel>

      <Panel id="meeting-attendance" title="Attendance">
        <AttendanceForm key={JSON.stringify(meeting.attendance)} detail={detail.value} />
      </Panel>

      {meeting.status !== 'cancelled' && (
        <div className="panel">
          <MinutesEditor meetingId={meeting.id} />
        </div>
      )}

      <RecordHistory target="meetings" id={meeting.id} what="this meeting" />
    </>
  );
}
