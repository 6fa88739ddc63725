/**
 * A compiled pack read in the app (`#/meetings/<id>/packs/<packId>?page=12`):
 * the pack's own file drawn by the PDF reader, so page N in the reader is the
 * page stamped "Page N of M" and the page list's numbers open that page. The
 * page in view is kept in the address (a reload or a copied link opens
 * there); the reader's own "Print pages" prints a range of the pack by those
 * same numbers.
 */
import { Suspense, useEffect, useState, type ReactNode } from 'react';
import { useMutation, useQuery } from '../../apiHooks.ts';
import { linkTo, useQuietOwnAddress } from '../../app/location.ts';
import { Breadcrumb } from '../../components/Breadcrumb.tsx';
import { LoadProblem } from '../../components/LoadProblem.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { LazyPdfReader, preparePdfReader } from '../../pdf/lazyReader.ts';
import { bytesOf } from '../papers/attachmentFiles.ts';

/** The link to page `page` of a compiled pack in the app's reader. */
export function packReaderLink(meetingId: string, packId: string, page?: number): string {
  return linkTo(['meetings', meetingId, 'packs', packId], { page: page !== undefined && page > 1 ? page : undefined });
}

/** The reader page of one compiled pack of a meeting. */
export function PackReader({
  meetingId,
  packId,
  page,
}: {
  readonly meetingId: string;
  readonly packId: string;
  readonly page: number | undefined;
}): ReactNode {
  const meeting = useQuery('meetings:get', { id: meetingId });
  const packs = useQuery('compiledPacks:list', { meetingId });
  const { run: fetchFile } = useMutation('compiledPacks:file');
  const [data, setData] = useState<Uint8Array | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const nameShownPage = useQuietOwnAddress();

  const title = meeting.status === 'ok' ? meeting.value.meeting.title : 'Meeting';
  const pack = packs.status === 'ok' ? packs.value.packs.find((p) => p.id === packId) : undefined;

  useEffect(() => {
    // The area keys this page by pack, so another pack starts afresh.
    let cancelled = false;
    // The reader and pdf.js's worker load while the bytes come.
    preparePdfReader();
    void fetchFile({ id: packId, saveWithDialog: false }).then((result) => {
      if (cancelled) return;
      if (result.ok) setData(bytesOf(result.value.dataBase64));
      else setProblem(`The pack could not be read: ${result.error.message}`);
    });
    return () => {
      cancelled = true;
    };
  }, [packId, fetchFile]);

  const label = pack?.label ?? 'Compiled pack';
  return (
    <>
      <Breadcrumb
        trail={[
          { href: linkTo(['meetings']), label: 'Meetings' },
          { href: linkTo(['meetings', meetingId]), label: title },
        ]}
      />
      <PageHeading>{label}</PageHeading>
      {packs.status === 'error' && <LoadProblem what="The compiled packs" error={packs.error} />}
      {packs.status === 'ok' && pack === undefined && <p role="alert">This meeting has no such compiled pack.</p>}
      {pack !== undefined && (
        <p className="field-hint">
          {pack.pages} pages, numbered as on paper: page N here is the page stamped “Page N of {pack.pages}”. Print
          pages prints that range of the pack.
        </p>
      )}
      {problem !== null && <p role="alert">{problem}</p>}
      {problem === null && pack !== undefined && data === null && <p className="muted">Opening the pack…</p>}
      {problem === null && pack !== undefined && data !== null && (
        <Suspense fallback={<p className="muted">Opening the pack…</p>}>
          <LazyPdfReader
            data={data}
            label={pack.label}
            initialPage={page ?? 1}
            onPageChange={(shown) => nameShownPage(packReaderLink(meetingId, packId, shown))}
          />
        </Suspense>
      )}
    </>
  );
}
