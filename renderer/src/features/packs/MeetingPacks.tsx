/**
 * A meeting's board packs: the packs this copy published (or imported) for
 * it, each with what changed since the one before ("pack 3 published 12 June
 * 2026: since pack 2, 2 papers revised, 1 added, item 5 withdrawn"), and, in
 * the secretariat's copy, "Publish pack…": the meeting's public items and
 * their papers, signed, as one file to send to the members.
 */
import { useState, type ReactNode } from 'react';
import type { PackLogView, PublishedConfidential, PublishedPack } from '../../../../shared/contract/packViews.ts';
import type { AppError } from '../../../../shared/contract/result.ts';
import { transportKind } from '../../api.ts';
import { useMutation, useQuery } from '../../apiHooks.ts';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { longDate } from '../../../../shared/dates/calendarDates.ts';
import { downloadFile } from '../documents/exportDocument.ts';
import { ConfidentialPublishDialog, confidentialPublishedText } from './ConfidentialPublish.tsx';
import { busyButtonProps } from '../../components/busyButton.ts';

/** What the status line says after publishing. */
function publishedText(pack: PublishedPack): string {
  const head = `Pack ${pack.number} published (${pack.sinceText})`;
  if (pack.saved === null) return `${head} as “${pack.fileName}”. Send the file to the members.`;
  if (pack.saved.saved) return `${head}, saved to ${pack.saved.path ?? pack.fileName}. Send the file to the members.`;
  return `${head} and recorded, but not saved: publish again to make pack ${pack.number + 1}.`;
}

/** One pack in the list: what changed, and for a confidential one who got it or what was withheld. */
function PackLine({ p }: { readonly p: PackLogView }): ReactNode {
  const since =
    p.changesText === 'first pack of this meeting' ? p.changesText : `since pack ${p.number - 1}: ${p.changesText}`;
  return (
    <li>
      <strong>
        {p.confidential ? 'Confidential pack' : 'Pack'} {p.number} {p.direction} {longDate(p.at.slice(0, 10))}
      </strong>
      {p.direction === 'imported' && <span className="cell-note"> from {p.boardName}</span>}: {since}
      {p.recipients.length > 0 && (
        <div className="cell-note">
          To{' '}
          {p.recipients
            .map((r) => (r.withheld.length > 0 ? `${r.name} (item ${r.withheld.join(', ')} withheld)` : r.name))
            .join(', ')}
        </div>
      )}
      {p.withheldLines.map((line) => (
        <div key={line} className="withheld-line">
          {line}
        </div>
      ))}
    </li>
  );
}

/** The board packs panel of a meeting's page; `imported` when the meeting came in a pack (no publishing here). */
export function MeetingPacks({
  meetingId,
  meetingTitle,
  imported,
}: {
  readonly meetingId: string;
  readonly meetingTitle: string;
  readonly imported: boolean;
}): ReactNode {
  const packs = useQuery('packs:list', { meetingId });
  const publish = useMutation('packs:publish');
  const [asking, setAsking] = useState(false);
  const [published, setPublished] = useState<PublishedPack | undefined>(undefined);
  const [confidential, setConfidential] = useState<'closed' | 'asking' | PublishedConfidential>('closed');
  const [problem, setProblem] = useState<AppError | undefined>(undefined);
  const list = packs.status === 'ok' ? packs.value : [];
  const next = (list.find((p) => p.direction === 'published' && !p.confidential)?.number ?? 0) + 1;

  return (
    <section className="panel" aria-labelledby="meeting-packs">
      <div className="panel-head">
        <h2 id="meeting-packs" className="panel-title">
          Published packs
        </h2>
        {!imported && (
          <div className="button-row">
            <button
              type="button"
              className="button button-secondary button-small"
              {...busyButtonProps(publish.pending)}
              onClick={() => {
                setProblem(undefined);
                setAsking(true);
              }}
            >
              Publish pack…
            </button>
            <button
              type="button"
              className="button button-secondary button-small"
              onClick={() => {
                setProblem(undefined);
                setConfidential('asking');
              }}
            >
              Publish confidential packs…
            </button>
          </div>
        )}
      </div>
      {list.length === 0 ? (
        <p className="empty-state">
          {imported
            ? 'No pack of this meeting has been imported yet.'
            : 'No pack published yet. Publish the pack to give members the public items and their papers as one signed file.'}
        </p>
      ) : (
        <ul className="plain-list pack-log" aria-label="Packs of this meeting">
          {list.map((p) => (
            <PackLine key={p.id} p={p} />
          ))}
        </ul>
      )}
      <p role="status" className="inline-status">
        {published !== undefined && publishedText(published)}
        {typeof confidential === 'object' && confidentialPublishedText(confidential)}
      </p>
      {problem !== undefined && (
        <p role="alert" className="field-error">
          The pack was not published: {problem.message}
        </p>
      )}
      {confidential === 'asking' && (
        <ConfidentialPublishDialog
          meetingId={meetingId}
          onClose={() => setConfidential('closed')}
          onPublished={(value) => {
            setPublished(undefined);
            setConfidential(value);
          }}
        />
      )}
      <ConfirmDialog
        open={asking}
        title={`Publish pack ${next} of ${meetingTitle}?`}
        confirmLabel="Publish"
        onCancel={() => setAsking(false)}
        onConfirm={() => {
          setAsking(false);
          void publish.run({ meetingId, saveWithDialog: transportKind() === 'electron' }).then((result) => {
            if (!result.ok) {
              setProblem(result.error);
              return;
            }
            setPublished(result.value);
            setConfidential('closed');
            // The shell's save dialog wrote it (Electron); in a browser the page downloads it.
            if (result.value.saved === null)
              downloadFile({
                fileName: result.value.fileName,
                mimeType: result.value.mimeType,
                encoding: 'base64',
                content: result.value.dataBase64,
              });
          });
        }}
      >
        <p>
          The pack carries the meeting’s public agenda items, their public papers (current version), members’ names and
          roles, and the decisions and conditions of those items, signed with this copy’s key. Confidential items and
          papers stay here. The publication is recorded in the audit trail.
        </p>
      </ConfirmDialog>
    </section>
  );
}
