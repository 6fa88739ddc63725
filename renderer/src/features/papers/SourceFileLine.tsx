/**
 * The file a paper's version came from (PDF, Word, Markdown, text): its
 * name, a link to download the original, where reading stopped in a PDF
 * ("read to page 14 of 32"), and what did not convert ("1 text box not
 * shown; open the original").
 */
import type { ReactNode } from 'react';
import type { PaperSource } from '../../../../shared/schema/papers.ts';
import { useAttachmentSaver } from './attachmentFiles.ts';

const KIND_WORDS: Readonly<Record<PaperSource['kind'], string>> = {
  pdf: 'PDF',
  docx: 'Word file',
  markdown: 'Markdown file',
  text: 'text file',
};

export function SourceFileLine({
  paperId,
  source,
  position,
}: {
  readonly paperId: string;
  readonly source: PaperSource;
  readonly position: { readonly page: number; readonly pages: number } | null;
}): ReactNode {
  const saver = useAttachmentSaver();
  return (
    <section className="source-file" aria-label="The original file">
      <p>
        From the {KIND_WORDS[source.kind]} <span className="file-name">{source.name}</span>
        {source.pages !== null && ` (${source.pages.toLocaleString('en-GB')} ${source.pages === 1 ? 'page' : 'pages'})`}
        .{' '}
        <button
          type="button"
          className="button button-small button-quiet"
          disabled={saver.pending !== undefined}
          onClick={() => void saver.save(paperId, source.blob)}
        >
          Download the original<span className="visually-hidden"> {source.name}</span>
        </button>
        {position !== null && (
          <span className="cell-note">
            {' '}
            {position.page === position.pages
              ? `Read to the end (page ${position.pages}).`
              : `Read to page ${position.page} of ${position.pages}.`}
          </span>
        )}
      </p>
      {source.conversionNotes.length > 0 && (
        <div className="message message-warning">
          <p>{source.kind === 'docx' ? 'Not everything in the Word file could be shown here:' : 'About this file:'}</p>
          <ul>
            {source.conversionNotes.map((note) => (
              <li key={note}>{note}</li>
            ))}
          </ul>
        </div>
      )}
      {saver.error !== undefined && <p role="alert">The original could not be downloaded: {saver.error.message}</p>}
    </section>
  );
}
