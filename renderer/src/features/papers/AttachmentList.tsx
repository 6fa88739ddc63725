/**
 * A paper's attached files, each with its size, a button that opens it in
 * the system's own viewer and one that saves it to this computer. Files that could run a program are marked "save only":
 * Boardkeeper never opens them.
 */
import type { ReactNode } from 'react';
import type { Attachment } from '../../../../shared/schema/papers.ts';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { formatBytes } from '../../format.ts';
import { isExecutable, useAttachmentOpener, useAttachmentSaver } from './attachmentFiles.ts';
import { busyButtonProps } from '../../components/busyButton.ts';

function kindOf(attachment: Attachment): string {
  if (attachment.type === 'application/pdf' || /\.pdf$/i.test(attachment.name)) return 'PDF';
  const extension = /\.([^.]+)$/.exec(attachment.name)?.[1];
  return extension !== undefined ? extension.toUpperCase() : 'File';
}

/** The list of attachments of one version of a paper. */
export function AttachmentList({
  paperId,
  attachments,
}: {
  readonly paperId: string;
  readonly attachments: readonly Attachment[];
}): ReactNode {
  const saver = useAttachmentSaver();
  const opener = useAttachmentOpener();
  if (attachments.length === 0) return <p className="muted">No attached files.</p>;
  return (
    <>
      <ul className="plain-list attachment-list">
        {attachments.map((a) => {
          const executable = isExecutable(a.name, a.type);
          return (
            <li key={a.blob} className="attachment">
              <span className="attachment-kind" aria-hidden="true">
                {kindOf(a)}
              </span>
              <span className="attachment-text">
                <span className="file-name">{a.name}</span>
                <span className="cell-note">
                  {formatBytes(a.bytes)}
                  {executable && (
                    <>
                      {' · '}
                      <span className="badge badge-warning">Save only</span>
                    </>
                  )}
                </span>
                {executable && (
                  <span className="cell-note">A program: Boardkeeper never opens it. Check it before you run it.</span>
                )}
              </span>
              {!executable && (
                <button
                  type="button"
                  className="button button-small button-secondary"
                  {...busyButtonProps(opener.pending === a.blob)}
                  onClick={() => void opener.save(paperId, a.blob)}
                >
                  {opener.pending === a.blob ? 'Opening…' : 'Open'}
                  <span className="visually-hidden"> {a.name} in its own program</span>
                </button>
              )}
              <button
                type="button"
                className="button button-small button-secondary"
                {...busyButtonProps(saver.pending === a.blob)}
                onClick={() => void saver.save(paperId, a.blob)}
              >
                {saver.pending === a.blob ? 'Preparing…' : executable ? 'Save a copy' : 'Download'}
                <span className="visually-hidden"> {a.name}</span>
              </button>
            </li>
          );
        })}
      </ul>
      {opener.error !== undefined && <ErrorMessage>The file could not be opened: {opener.error.message}</ErrorMessage>}
      {saver.error !== undefined && <ErrorMessage>The file could not be fetched: {saver.error.message}</ErrorMessage>}
    </>
  );
}
