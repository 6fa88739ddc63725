/**
 * Export controls for one document: a choice of format (and, for minutes,
 * of the public or full version) and an Export button, with a status line
 * that says what happened. Used on the Documents page and meant for the
 * meeting, decision and conditions pages too.
 */
import { useId, useState, type ReactNode } from 'react';
import type { DocumentRequest, FileFormat } from '../../../../shared/documents/documentRequests.ts';
import { exportDocument, type ExportOutcome } from './exportDocument.ts';
import './documents.css';
import { busyButtonProps } from '../../components/busyButton.ts';

const FORMAT_LABELS: { readonly [F in FileFormat]: string } = {
  pdf: 'PDF',
  docx: 'Word (.docx)',
  html: 'Web page (HTML)',
  md: 'Markdown',
  csv: 'CSV (spreadsheet)',
};

/** A document to export, without its format (chosen here) and, for minutes, its version. */
export type ExportTarget =
  | { readonly document: 'minutes'; readonly meetingId: string }
  | { readonly document: 'notice'; readonly decisionId: string }
  | { readonly document: 'conditionsReport'; readonly meetingId?: string; readonly asOf?: string }
  | { readonly document: 'forwardPlan' };

/** Props of {@link ExportMenu}. */
export interface ExportMenuProps {
  readonly target: ExportTarget;
  /** The group's name, e.g. "Export the minutes". */
  readonly legend: string;
}

function formatsOf(target: ExportTarget): readonly FileFormat[] {
  return target.document === 'conditionsReport' ? ['pdf', 'docx', 'html', 'md', 'csv'] : ['pdf', 'docx', 'html', 'md'];
}

function requestOf(target: ExportTarget, format: FileFormat, version: 'public' | 'private'): DocumentRequest {
  switch (target.document) {
    case 'minutes':
      return { ...target, format: format === 'csv' ? 'pdf' : format, version };
    case 'notice':
      return { ...target, format: format === 'csv' ? 'pdf' : format };
    case 'conditionsReport':
      return { ...target, format };
    case 'forwardPlan':
      return { ...target, format: format === 'csv' ? 'pdf' : format };
  }
}

/** The export controls of one document. */
export function ExportMenu({ target, legend }: ExportMenuProps): ReactNode {
  const id = useId();
  const [format, setFormat] = useState<FileFormat>('pdf');
  const [version, setVersion] = useState<'public' | 'private'>('public');
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<ExportOutcome | null>(null);

  const run = async (): Promise<void> => {
    setBusy(true);
    setOutcome(null);
    try {
      setOutcome(await exportDocument(requestOf(target, format, version)));
    } finally {
      setBusy(false);
    }
  };
  const pdfUnavailable = outcome?.kind === 'failed' && outcome.error.details?.['pdfUnavailable'] === true;

  return (
    <fieldset className="fieldset export-menu">
      <legend className="fieldset-legend">{legend}</legend>
      <div className="export-menu-fields">
        <div className="field">
          <label htmlFor={`${id}-format`}>Format</label>
          <select
            id={`${id}-format`}
            className="input"
            value={format}
            onChange={(event) => {
              const chosen = formatsOf(target).find((f) => f === event.target.value);
              if (chosen !== undefined) setFormat(chosen);
            }}
          >
            {formatsOf(target).map((f) => (
              <option key={f} value={f}>
                {FORMAT_LABELS[f]}
              </option>
            ))}
          </select>
        </div>
        {target.document === 'minutes' && (
          <div className="field">
            <label htmlFor={`${id}-version`}>Version</label>
            <select
              id={`${id}-version`}
              className="input"
              value={version}
              onChange={(event) => setVersion(event.target.value === 'private' ? 'private' : 'public')}
            >
              <option value="public">Public: items taken in private left out</option>
              <option value="private">Full: with the private part (confidential)</option>
            </select>
          </div>
        )}
      </div>
      <div className="button-row">
        <button type="button" className="button button-primary" {...busyButtonProps(busy)} onClick={() => void run()}>
          {busy ? 'Exporting…' : 'Export'}
        </button>
        {pdfUnavailable && (
          <button type="button" className="button button-secondary" onClick={() => setFormat('html')}>
            Use HTML instead
          </button>
        )}
      </div>
      <p
        role="status"
        className={
          outcome === null
            ? 'inline-status'
            : outcome.kind === 'failed'
              ? 'inline-status export-menu-problem'
              : 'inline-status export-menu-done'
        }
      >
        {outcome?.message ?? ''}
      </p>
    </fieldset>
  );
}
