/**
 * "Export as OCDS…": the contracts register as an OCDS 1.1 release package,
 * or one contract's release. The ocid prefix is asked for here and
 * remembered on this computer; the dialog says where a registered one comes
 * from. A contract that records the ocid of its published notice keeps it.
 */
import { useId, useState, type ReactNode } from 'react';
import { invoke, transportKind } from '../../api.ts';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { downloadFile } from '../documents/exportDocument.ts';

const PREFIX_KEY = 'boardkeeper.ocdsPrefix';

function rememberedPrefix(): string {
  try {
    return localStorage.getItem(PREFIX_KEY) ?? '';
  } catch {
    return '';
  }
}

/** The OCDS export control: a button that opens a small form with the prefix. */
export function OcdsExport({ contractId }: { readonly contractId: string | null }): ReactNode {
  const [open, setOpen] = useState(false);
  const [prefix, setPrefix] = useState(rememberedPrefix);
  const [message, setMessage] = useState('');
  const [error, setError] = useState('');
  const fieldId = useId();
  const hintId = useId();

  async function exportNow(): Promise<void> {
    setError('');
    setMessage('');
    try {
      localStorage.setItem(PREFIX_KEY, prefix.trim());
    } catch {
      // Not remembered: the export still goes on.
    }
    const input = { prefix: prefix.trim(), contractId };
    if (transportKind() === 'electron') {
      const saved = await invoke('ocds:save', input);
      if (!saved.ok) setError(saved.error.message);
      else setMessage(saved.value.saved ? `Saved ${saved.value.fileName}.` : `Not saved: ${saved.value.fileName}.`);
      return;
    }
    const file = await invoke('ocds:export', input);
    if (!file.ok) {
      setError(file.error.message);
      return;
    }
    downloadFile(file.value);
    setMessage(`Downloaded ${file.value.fileName} (OCDS 1.1), made from journal entry ${file.value.position.seq}.`);
  }

  return (
    <div className="ocds-export">
      <button type="button" className="button button-secondary" aria-expanded={open} onClick={() => setOpen(!open)}>
        {contractId === null ? 'Export register as OCDS…' : 'Export as OCDS…'}
      </button>
      {open && (
        <form
          className="stack"
          onSubmit={(event) => {
            event.preventDefault();
            void exportNow();
          }}
        >
          <label htmlFor={fieldId}>ocid prefix</label>
          <input
            id={fieldId}
            value={prefix}
            aria-describedby={hintId}
            onChange={(event) => setPrefix(event.currentTarget.value)}
          />
          <p id={hintId} className="field-hint">
            A registered prefix (ocds- and six letters or digits) comes from the Open Contracting Partnership; without
            one, use your board’s own short name. A contract with the ocid of its published notice (Find a Tender uses
            ocds-h6vhtk-) keeps that ocid.
          </p>
          <button type="submit" className="button button-primary">
            Download OCDS JSON
          </button>
        </form>
      )}
      <p role="status" className="inline-status">
        {message}
      </p>
      {error && <ErrorMessage>{error}</ErrorMessage>}
    </div>
  );
}
