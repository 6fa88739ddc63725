/**
 * Settings → "Import from a spreadsheet": choose a CSV or Excel tracker and
 * what it holds, map its columns (remembered for the same header next time),
 * preview the problems row by row, then import, or import the valid rows
 * only when the person chooses so.
 */
import { useId, useState, type ReactNode } from 'react';
import type { TrackerImported, TrackerPlan } from '../../../../shared/contract/trackerTypes.ts';
import { headerSignature, type ColumnMapping, type TrackerKind } from '../../../../shared/documents/trackerImport.ts';
import { invoke } from '../../api.ts';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { Panel } from '../../components/Panel.tsx';
import { readFileAsBase64 } from '../papers/attachmentFiles.ts';

const MAPPINGS_KEY = 'boardkeeper.trackerMappings';

function remembered(signature: string): ColumnMapping | null {
  try {
    const all = JSON.parse(localStorage.getItem(MAPPINGS_KEY) ?? '{}') as Record<string, ColumnMapping>;
    return all[signature] ?? null;
  } catch {
    return null;
  }
}

function remember(signature: string, mapping: ColumnMapping): void {
  try {
    const all = JSON.parse(localStorage.getItem(MAPPINGS_KEY) ?? '{}') as Record<string, ColumnMapping>;
    localStorage.setItem(MAPPINGS_KEY, JSON.stringify({ ...all, [signature]: mapping }));
  } catch {
    // Not remembered: the mapping is still used this time.
  }
}

/** The tracker import panel in Settings. */
export function TrackerImport(): ReactNode {
  const id = useId();
  const [kind, setKind] = useState<TrackerKind>('decisions');
  const [file, setFile] = useState<{ fileName: string; dataBase64: string } | undefined>();
  const [plan, setPlan] = useState<TrackerPlan | undefined>();
  const [mapping, setMapping] = useState<ColumnMapping | null>(null);
  const [done, setDone] = useState<TrackerImported | undefined>();
  const [error, setError] = useState('');

  async function preview(
    next: { fileName: string; dataBase64: string },
    nextMapping: ColumnMapping | null,
  ): Promise<void> {
    setError('');
    setDone(undefined);
    const result = await invoke('tracker:preview', { kind, ...next, mapping: nextMapping });
    if (!result.ok) {
      setError(result.error.message);
      setPlan(undefined);
      return;
    }
    // A mapping remembered for this header is used unless one was just chosen.
    const saved = nextMapping === null ? remembered(headerSignature(kind, result.value.header)) : null;
    if (saved !== null) {
      await preview(next, saved);
      return;
    }
    setPlan(result.value);
    setMapping(result.value.mapping);
  }

  async function importNow(validOnly: boolean): Promise<void> {
    if (!file || !plan) return;
    const result = await invoke('tracker:import', { kind, ...file, mapping, validOnly });
    if (!result.ok) {
      setError(result.error.message);
      return;
    }
    if (mapping) remember(headerSignature(kind, plan.header), mapping);
    setDone(result.value);
    setPlan(undefined);
  }

  return (
    <Panel id="tracker-import-title" title="Import from a spreadsheet">
      <p className="section-intro">
        Bring in a decisions, conditions or contracts tracker kept in a spreadsheet (CSV or Excel .xlsx). Dates may be
        written 31/01/2026 or 2026-01-31; rows are matched to records by their reference, so importing the same file
        twice changes nothing.
      </p>
      <div className="field">
        <label htmlFor={`${id}-kind`}>The file holds</label>
        <select id={`${id}-kind`} value={kind} onChange={(e) => setKind(e.target.value as TrackerKind)}>
          <option value="decisions">Decisions</option>
          <option value="conditions">Conditions</option>
          <option value="contracts">Contracts</option>
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-file`}>Spreadsheet file</label>
        <input
          id={`${id}-file`}
          type="file"
          accept=".csv,.xlsx,text/csv"
          onChange={(event) => {
            const chosen = event.currentTarget.files?.[0];
            if (!chosen) return;
            void readFileAsBase64(chosen).then((dataBase64) => {
              const next = { fileName: chosen.name, dataBase64 };
              setFile(next);
              return preview(next, null);
            });
          }}
        />
      </div>
      {plan && (
        <section aria-label="Preview of the import">
          {plan.encodingNote && <p className="message message-warning">{plan.encodingNote}</p>}
          <fieldset>
            <legend>Columns</legend>
            {plan.fields.map((f) => (
              <div className="field" key={f.key}>
                <label htmlFor={`${id}-map-${f.key}`}>
                  {f.label}
                  {f.required ? ' (required)' : ''}
                </label>
                <select
                  id={`${id}-map-${f.key}`}
                  value={mapping?.[f.key] ?? ''}
                  onChange={(e) => {
                    const value = e.target.value === '' ? null : Number(e.target.value);
                    const next = { ...(mapping ?? {}), [f.key]: value };
                    setMapping(next);
                    if (file) void preview(file, next);
                  }}
                >
                  <option value="">(not in the file)</option>
                  {plan.header.map((h, i) => (
                    <option key={`${h}-${i}`} value={i}>
                      {h || `Column ${i + 1}`}
                    </option>
                  ))}
                </select>
              </div>
            ))}
          </fieldset>
          <p role="status">
            {plan.missing.length > 0
              ? `Map a column to: ${plan.missing.join(', ')}.`
              : `${plan.rows} rows: ${plan.create} to add, ${plan.update} to update, ${plan.unchanged} unchanged, ${plan.invalidRows} with problems.`}
          </p>
          {plan.problems.length > 0 && (
            <table>
              <caption>Problems in {plan.fileName}</caption>
              <thead>
                <tr>
                  <th scope="col">Row</th>
                  <th scope="col">Column</th>
                  <th scope="col">What is wrong</th>
                </tr>
              </thead>
              <tbody>
                {plan.problems.map((p, i) => (
                  <tr key={`${p.row}-${p.column}-${i}`}>
                    <td>{p.row}</td>
                    <td>{p.column}</td>
                    <td>{p.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <div className="button-row">
            <button
              type="button"
              className="button button-primary"
              disabled={plan.missing.length > 0 || plan.problems.length > 0}
              onClick={() => void importNow(false)}
            >
              Import
            </button>
            {plan.problems.length > 0 && plan.missing.length === 0 && (
              <button type="button" className="button button-secondary" onClick={() => void importNow(true)}>
                Import the valid rows only
              </button>
            )}
          </div>
        </section>
      )}
      {done && (
        <p role="status" className="message message-success">
          {done.summary}
        </p>
      )}
      {error && <ErrorMessage>{error}</ErrorMessage>}
    </Panel>
  );
}
