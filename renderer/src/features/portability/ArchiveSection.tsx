/**
 * Settings → "Your data": export everything to one `.boardkeeper` archive
 * (or without private notes, saying what is left out), and import an
 * archive. Over data, the backend asks first; the question is shown as it
 * is, and confirming replaces the data after a backup.
 */
import { useState, type ReactNode } from 'react';
import type { AppError } from '../../../../shared/contract/result.ts';
import { invoke, transportKind } from '../../api.ts';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { Panel } from '../../components/Panel.tsx';
import { downloadFile } from '../documents/exportDocument.ts';
import { readFileAsBase64 } from '../papers/attachmentFiles.ts';
import { busyButtonProps } from '../../components/busyButton.ts';

type Kind = 'full' | 'without-private-notes';

/** What "without my private notes" leaves out, as the dialog says it. */
const LEFT_OUT = [
  'your private notes, highlights and read marks on papers',
  'the journal (it holds every note ever written): only its last entry number and hash are included',
  'stored files that no paper refers to',
];

/** The archive panel in Settings. */
export function ArchiveSection(): ReactNode {
  const [kind, setKind] = useState<Kind>('full');
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState('');
  const [error, setError] = useState<AppError | undefined>();
  const [pending, setPending] = useState<{ fileName: string; dataBase64: string; question: string } | undefined>();

  async function exportNow(): Promise<void> {
    setBusy(true);
    setError(undefined);
    setDone('');
    try {
      if (transportKind() === 'electron') {
        const saved = await invoke('archive:save', { kind });
        if (!saved.ok) setError(saved.error);
        else
          setDone(
            saved.value.saved
              ? `Saved ${saved.value.fileName} (journal entry ${saved.value.seq}) to ${saved.value.path ?? 'the chosen folder'}.`
              : `Not saved: ${saved.value.fileName} was not written.`,
          );
        return;
      }
      const file = await invoke('archive:export', { kind });
      if (!file.ok) {
        setError(file.error);
        return;
      }
      downloadFile({
        ...file.value,
        reference: '',
        title: file.value.fileName,
        generatedAt: '',
        position: { seq: file.value.seq, hash: file.value.hash },
      });
      setDone(`Downloaded ${file.value.fileName}, made from journal entry ${file.value.seq}.`);
    } finally {
      setBusy(false);
    }
  }

  async function importNow(fileName: string, dataBase64: string, replace: boolean): Promise<void> {
    setBusy(true);
    setError(undefined);
    setDone('');
    try {
      const result = await invoke('archive:import', { fileName, dataBase64, replace });
      if (result.ok) {
        const c = result.value.counts;
        setDone(
          `Imported ${fileName}: up to journal entry ${result.value.seq}, ${c.decisions ?? 0} decisions, ${c.contracts ?? 0} contracts, ${c.papers ?? 0} papers.${result.value.replacedDir ? ` The data it replaced is kept in ${result.value.replacedDir}.` : ''}`,
        );
      } else if (result.error.code === 'conflict' && result.error.details?.needsConfirmation === true) {
        setPending({ fileName, dataBase64, question: result.error.message });
      } else {
        setError(result.error);
      }
    } finally {
      setBusy(false);
    }
  }

  async function chosen(files: FileList | null): Promise<void> {
    const file = files?.[0];
    if (!file) return;
    await importNow(file.name, await readFileAsBase64(file), false);
  }

  return (
    <Panel id="archive-title" title="Your data">
      <p className="section-intro">
        Everything the app holds, in one <code>.boardkeeper</code> file: the records as JSON, the journal with its hash
        chain, every paper and attached file, the JSON Schemas, and a README that explains the format to anyone.
      </p>
      <fieldset>
        <legend>What to export</legend>
        <label>
          <input type="radio" name="archive-kind" checked={kind === 'full'} onChange={() => setKind('full')} />{' '}
          Everything (to restore this board elsewhere)
        </label>
        <label>
          <input
            type="radio"
            name="archive-kind"
            checked={kind === 'without-private-notes'}
            onChange={() => setKind('without-private-notes')}
          />{' '}
          Without my private notes (for someone else)
        </label>
      </fieldset>
      {kind === 'without-private-notes' && (
        <div>
          <p>Left out of this file:</p>
          <ul>
            {LEFT_OUT.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </div>
      )}
      <div className="button-row">
        <button
          type="button"
          className="button button-secondary"
          {...busyButtonProps(busy)}
          onClick={() => void exportNow()}
        >
          Export everything…
        </button>
        <label className="button button-secondary">
          Import an archive…
          <input
            type="file"
            accept=".boardkeeper,.zip"
            hidden
            {...busyButtonProps(busy)}
            onChange={(event) => {
              void chosen(event.currentTarget.files);
              event.currentTarget.value = '';
            }}
          />
        </label>
        <p role="status" className="inline-status">
          {busy ? 'Working…' : done}
        </p>
      </div>
      {error !== undefined && <ErrorMessage>{error.message}</ErrorMessage>}
      <ConfirmDialog
        open={pending !== undefined}
        title="Replace this board's data with the archive?"
        confirmLabel="Back up, then replace"
        onConfirm={() => {
          const p = pending;
          setPending(undefined);
          if (p) void importNow(p.fileName, p.dataBase64, true);
        }}
        onCancel={() => setPending(undefined)}
      >
        <p>{pending?.question}</p>
      </ConfirmDialog>
    </Panel>
  );
}
