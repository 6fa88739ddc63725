/**
 * A paper's reader: the text (through the one Markdown helper) with the
 * attachments beside it, the local user's private notes, whether it is read,
 * where it is on an agenda, and its versions. Opening it marks it read (the
 * page says so and offers to undo that), except right after saving it.
 */
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useMutation, useQuery } from '../../apiHooks.ts';
import { linkTo } from '../../app/location.ts';
import { useChange } from '../../changes.ts';
import { ArchiveButton, useArchiving } from '../../components/ArchiveControls.tsx';
import { Breadcrumb } from '../../components/Breadcrumb.tsx';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { LoadProblem } from '../../components/LoadProblem.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { formatCalendarDate, formatDateTime } from '../../format.ts';
import { AttachmentList } from './AttachmentList.tsx';
import { NotesPanel } from './NotesPanel.tsx';
import { PublishedByLine } from '../packs/PublishedByLine.tsx';
import { PassageNotes, type PassageSelection, type ShownNote } from './PassageNotes.tsx';
import { PaperText } from './PaperText.tsx';
import { shouldMarkReadOnOpen } from './readMarks.ts';
import { busyButtonProps } from '../../components/busyButton.ts';
import { PaperPdf } from './PaperPdf.tsx';
import { AddPaperFiles } from './AddPaperFiles.tsx';
import { SourceFileLine } from './SourceFileLine.tsx';
import { RecordHistory } from '../../components/RecordHistory.tsx';

/** The reader page; `note` names a noted passage to show (a note found with Ctrl+K). */
export function PaperReader({
  id,
  page,
  note,
}: {
  readonly id: string;
  readonly page?: number | undefined;
  readonly note?: string | undefined;
}): ReactNode {
  // Text selected in the reader, with the paper version it was selected in (another paper or version drops it).
  const [selected, setSelected] = useState<{ readonly in: string; readonly picked: PassageSelection } | null>(null);
  // The noted passage shown in the text: asked for by the address (once per change) or by "Show in the text".
  const [ask, setAsk] = useState<{ readonly note: string | undefined; readonly n: number }>({ note, n: 0 });
  const [asked, setAsked] = useState(note);
  if (asked !== note) {
    setAsked(note);
    if (note !== undefined) setAsk((was) => ({ note, n: was.n + 1 }));
  }
  const shown = useMemo<ShownNote | null>(
    () => (ask.note === undefined ? null : { note: ask.note, key: `${ask.note}:${ask.n}` }),
    [ask],
  );
  const showNote = (noteId: string): void => setAsk((was) => ({ note: noteId, n: was.n + 1 }));
  const detail = useQuery('papers:get', { id });
  const autoMark = useMutation('papers:markRead');
  const markRead = useChange('papers:markRead');
  const archiving = useArchiving('papers', id);
  const decided = useRef<string | undefined>(undefined);
  const [autoMarked, setAutoMarked] = useState<string | undefined>(undefined);
  const problem = archiving.problem ?? markRead.error;

  const value = detail.status === 'ok' ? detail.value : undefined;
  const readAt = value?.mark.readAt ?? null;
  const changed = value?.mark.changedSinceRead ?? false;
  const { run: runAutoMark } = autoMark;
  useEffect(() => {
    // While the query refetches, `value` is still the paper shown before: decide on this paper's own mark.
    if (value === undefined || value.paper.id !== id || decided.current === id) return;
    decided.current = id;
    // A PDF counts as read when it is read to its last page (its reading position), not when opened.
    if (value.source?.kind !== 'pdf' && shouldMarkReadOnOpen(id, readAt, changed)) {
      void runAutoMark({ id, read: true }).then((result) => {
        if (result.ok) setAutoMarked(id);
      });
    }
  }, [id, value, readAt, changed, runAutoMark]);

  if (value === undefined) {
    return (
      <>
        <Breadcrumb trail={[{ href: linkTo(['papers']), label: 'Papers' }]} />
        <PageHeading>Paper</PageHeading>
        {detail.status === 'loading' && <p className="muted">Loading…</p>}
        {detail.status === 'error' && (
          <LoadProblem
            what="This paper"
            error={detail.error}
            back={{ href: linkTo(['papers']), label: 'All papers' }}
          />
        )}
      </>
    );
  }

  const { paper, body, attachments, versions, links, publishedBy, source } = value;
  const textKey = `${paper.id}:${paper.version}`;
  const selection = selected?.in === textKey ? selected.picked : null;
  const select = (picked: PassageSelection | null): void => setSelected(picked && { in: textKey, picked });
  const position = value.mark.position;
  const archived = Boolean(paper.archivedAt);
  const readVersion = value.mark.readVersion;

  function readLine(): string {
    if (readAt === null) return 'Not marked as read.';
    if (changed) {
      return `Changed since you read it: you read version ${readVersion ?? '?'} on ${formatDateTime(readAt)}; this is version ${paper.version}.`;
    }
    if (autoMarked === id) return `Marked as read when you opened it, ${formatDateTime(readAt)}.`;
    return `Read, marked ${formatDateTime(readAt)}.`;
  }

  return (
    <>
      <Breadcrumb trail={[{ href: linkTo(['papers']), label: 'Papers' }]} />
      <div className="page-head">
        <div className="page-head-main">
          <PageHeading>{paper.title}</PageHeading>
          <p className="page-subtitle">
            <span className="reference">{paper.reference}</span>
            <span>{formatCalendarDate(paper.date)}</span>
            {paper.author && <span>{paper.author}</span>}
            <span>Version {paper.version}</span>
            {paper.classification === 'confidential' ? (
              <span className="badge badge-confidential">Confidential</span>
            ) : (
              <span className="badge badge-muted">Public</span>
            )}
            {archived && <span className="badge badge-muted">Archived</span>}
          </p>
          {publishedBy !== null && <PublishedByLine publishedBy={publishedBy} />}
        </div>
        {publishedBy === null && (
          <div className="button-row page-actions">
            <a className="button button-secondary" href={linkTo(['papers', paper.id, 'edit'])}>
              Edit<span className="visually-hidden"> the paper</span>
            </a>
            <ArchiveButton archiving={archiving} archived={archived} />
          </div>
        )}
      </div>
      {problem !== undefined && <ErrorMessage>{problem.message}</ErrorMessage>}
      <div className="read-bar">
        <p role="status" className="read-line">
          <span className={readAt !== null && !changed ? 'read-state read-state-read' : 'read-state read-state-unread'}>
            <span aria-hidden="true">{readAt !== null && !changed ? '● ' : '○ '}</span>
            {readLine()}
          </span>
          {changed && readVersion !== null && (
            <>
              {' '}
              <a href={linkTo(['papers', paper.id, 'versions', String(paper.version)])}>See what changed</a>
            </>
          )}
        </p>
        {readAt !== null && !changed ? (
          <button
            type="button"
            className="button button-small button-quiet"
            {...busyButtonProps(markRead.pending)}
            onClick={() => void markRead.run({ id: paper.id, read: false })}
          >
            Mark as unread
          </button>
        ) : (
          <button
            type="button"
            className="button button-small button-secondary"
            {...busyButtonProps(markRead.pending)}
            onClick={() => void markRead.run({ id: paper.id, read: true })}
          >
            Mark as read
          </button>
        )}
      </div>

      {source !== null && <SourceFileLine paperId={paper.id} source={source} position={position} />}
      <div className={source?.kind === 'pdf' ? 'reader reader-pdf' : 'reader'}>
        <article className="reader-text" aria-label={`Text of ${paper.reference}`}>
          {source?.kind === 'pdf' ? (
            <PaperPdf
              key={textKey}
              paperId={paper.id}
              version={paper.version}
              label={`${paper.reference} ${paper.title}`}
              source={source}
              initialPage={page ?? position?.page ?? 1}
              shown={shown}
              onSelect={(picked) => select(picked && { ...picked, passage: picked.text })}
            />
          ) : body.trim() === '' ? (
            <p className="empty-state">
              This paper has no text of its own{attachments.length > 0 ? ': its content is in the attached files' : ''}.
            </p>
          ) : (
            <PaperText key={textKey} paperId={paper.id} body={body} shown={shown} onSelect={select} />
          )}
        </article>
        <div className="reader-side">
          <section className="panel panel-side" aria-labelledby="paper-attachments">
            <h2 id="paper-attachments" className="panel-title-small">
              Attachments
            </h2>
            <AttachmentList paperId={paper.id} attachments={attachments} />
          </section>

          <NotesPanel paperId={paper.id} stored={value.mark.note} />

          <PassageNotes
            paperId={paper.id}
            selection={selection}
            shown={shown}
            onShow={body.trim() === '' ? undefined : showNote}
          />

          <section className="panel panel-side" aria-labelledby="paper-links">
            <h2 id="paper-links" className="panel-title-small">
              On the agenda
            </h2>
            {links.length === 0 ? (
              <p className="muted">
                Not on any agenda yet. To put it in a board pack, add it to an item from the meeting’s agenda.
              </p>
            ) : (
              <ul className="plain-list link-list">
                {links.map((link) => (
                  <li key={`${link.meetingId}:${link.itemId}`}>
                    <a href={linkTo(['meetings', link.meetingId], { item: link.itemId })}>
                      Item {link.itemNumber}: {link.itemTitle}
                    </a>
                    <span className="cell-note">
                      {link.meetingTitle}, {formatCalendarDate(link.meetingDate)}
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </section>

          {publishedBy === null && !archived && (
            <AddPaperFiles target={{ paperId: paper.id, label: 'A new version from a file' }} />
          )}

          <section className="panel panel-side" aria-labelledby="paper-versions">
            <h2 id="paper-versions" className="panel-title-small">
              Versions
            </h2>
            <ol className="plain-list version-list">
              {versions.map((v) => (
                <li key={v.version}>
                  <a href={linkTo(['papers', paper.id, 'versions', String(v.version)])}>
                    Version {v.version}
                    {v.version === paper.version ? ' (current)' : ''}
                  </a>
                  <span className="cell-note">
                    {formatDateTime(v.createdAt)} by {v.createdBy}
                    {v.attachments > 0 ? ` · ${v.attachments} ${v.attachments === 1 ? 'file' : 'files'}` : ''}
                  </span>
                </li>
              ))}
            </ol>
          </section>
        </div>
      </div>

      <RecordHistory target="papers" id={paper.id} what="this paper" />
    </>
  );
}
