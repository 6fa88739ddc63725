/**
 * A PDF paper in the reader: the original file drawn by the PDF reader, at
 * the page a search hit or the reading position names; the page in view
 * kept as the reading position (a moment after it settles, so turning pages
 * quickly journals one change, not twenty); the member's noted passages
 * highlighted, the one shown now (a note found with Ctrl+K, "Show in the
 * text") marked apart and scrolled into view; a selection offered to note.
 */
import { Suspense, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { PaperNoteView } from '../../../../shared/contract/packViews.ts';
import type { PaperSource } from '../../../../shared/schema/papers.ts';
import { useMutation, useQuery } from '../../apiHooks.ts';
import { linkTo, useQuietOwnAddress } from '../../app/location.ts';
import { LazyPdfReader, preparePdfReader } from '../../pdf/lazyReader.ts';
import type { PdfHighlight, PdfSelection } from '../../pdf/PdfReader.tsx';
import { bytesOf } from './attachmentFiles.ts';
import type { ShownNote } from './PassageNotes.tsx';

/** How long the page in view must stay before it is kept as the reading position. */
const POSITION_QUIET_MS = 1200;

export function PaperPdf({
  paperId,
  version,
  label,
  source,
  initialPage,
  shown,
  onSelect,
}: {
  readonly paperId: string;
  readonly version: number;
  readonly label: string;
  readonly source: PaperSource;
  readonly initialPage: number;
  /** The noted passage to show now, if any. */
  readonly shown: ShownNote | null;
  readonly onSelect: (selection: PdfSelection | null) => void;
}): ReactNode {
  const [data, setData] = useState<Uint8Array | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const notes = useQuery('notes:list', { paperId });
  const noted = notes.status === 'ok' ? notes.value : undefined;
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const { run: fetchFile } = useMutation('papers:attachment');
  const { run: keepPosition } = useMutation('papers:savePosition');
  const nameShownPage = useQuietOwnAddress();

  useEffect(() => {
    let cancelled = false;
    // The reader and pdf.js's worker load while the bytes come.
    preparePdfReader();
    void fetchFile({ id: paperId, blob: source.blob }).then((result) => {
      if (cancelled) return;
      if (result.ok) setData(bytesOf(result.value.dataBase64));
      else setProblem(`The PDF could not be read: ${result.error.message}`);
    });
    return () => {
      cancelled = true;
    };
  }, [paperId, source.blob, fetchFile]);

  useEffect(() => () => clearTimeout(timer.current), []);

  const passages = useMemo(
    () => (noted ?? []).filter((n): n is Extract<PaperNoteView, { kind: 'passage' }> => n.kind === 'passage'),
    [noted],
  );
  const highlights = useMemo<PdfHighlight[]>(
    () =>
      passages.flatMap((n) =>
        n.place?.page
          ? [
              {
                page: n.place.page,
                text: n.exact,
                occurrence: n.place.occurrenceOnPage,
                current: n.id === shown?.note,
              },
            ]
          : [],
      ),
    [passages, shown?.note],
  );
  const shownPage = passages.find((n) => n.id === shown?.note)?.place?.page ?? undefined;
  const reveal = useMemo(
    () => (shown === null || shownPage === undefined ? undefined : { page: shownPage, key: shown.key }),
    [shown, shownPage],
  );

  if (problem !== null) return <p role="alert">{problem}</p>;
  if (data === null) return <p className="muted">Opening the PDF…</p>;
  return (
    <Suspense fallback={<p className="muted">Opening the PDF…</p>}>
      <LazyPdfReader
        data={data}
        label={label}
        initialPage={initialPage}
        highlights={highlights}
        reveal={reveal}
        onSelect={onSelect}
        notice={
          source.noTextLayer ? (
            <p className="message message-warning">
              This PDF is a scan without a text layer: it can be read, but its words cannot be searched, selected or
              noted.
            </p>
          ) : undefined
        }
        onPageChange={(page, pages) => {
          // The address names the page in view, so a reload (or a link copied) opens there.
          nameShownPage(linkTo(['papers', paperId], { page }));
          clearTimeout(timer.current);
          timer.current = setTimeout(() => {
            void keepPosition({ id: paperId, version, page, pages });
          }, POSITION_QUIET_MS);
        }}
      />
    </Suspense>
  );
}
