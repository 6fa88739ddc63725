/**
 * A record's change history, at the foot of its page: the journal entries
 * that changed it, newest first (when, who, what, as the audit trail words
 * it), read only once the person opens it. The newest change, when Undo would
 * reverse it (the same rule as the toast's Undo and Ctrl+Z), has an "Undo this
 * change" button: so Undo stays within reach after the toast has gone. After
 * an undo the list is read again, the focus goes to the section's heading and
 * "Change undone." is announced.
 */
import { useId, useRef, useState, type ReactNode } from 'react';
import type { CollectionName } from '../../../shared/schema/state.ts';
import type { RecordHistoryEntry } from '../../../shared/contract/storeTypes.ts';
import { useMutation, useQuery } from '../apiHooks.ts';
import { formatDateTime } from '../format.ts';
import { busyButtonProps } from './busyButton.ts';
import { DataTable } from './DataTable.tsx';
import { ErrorMessage } from './ErrorMessage.tsx';
import { Pager } from './Pager.tsx';
import { noteUndone } from './UndoToast.tsx';

/** Changes shown per page. */
export const RECORD_HISTORY_PAGE_SIZE = 10;

const count = new Intl.NumberFormat('en-GB');

/** Props of {@link RecordHistory}. */
export interface RecordHistoryProps {
  readonly target: CollectionName;
  readonly id: string;
  /** The record in words, for the summary and the table's caption, e.g. "this condition". */
  readonly what: string;
}

/** The "Change history" section of a record page. */
export function RecordHistory({ target, id, what }: RecordHistoryProps): ReactNode {
  const [open, setOpen] = useState(false);
  const [page, setPage] = useState(0);
  const [said, setSaid] = useState('');
  const headingId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const history = useQuery(
    'history:ofRecord',
    { target, id, page, pageSize: RECORD_HISTORY_PAGE_SIZE },
    { enabled: open },
  );
  const undo = useMutation('history:undo');

  async function runUndo(entry: RecordHistoryEntry): Promise<void> {
    setSaid('');
    const result = await undo.run({ seq: entry.seq });
    if (!result.ok) return;
    noteUndone(entry.seq);
    setPage(0);
    setSaid('Change undone.');
    // The button goes with the list read again: the focus waits on the section's heading.
    heading.current?.focus();
  }

  const total = history.status === 'ok' ? history.value.total : 0;
  // After an undo (or a restore) the list can be shorter than the page shown: go to its last page.
  const pages = Math.max(1, Math.ceil(total / RECORD_HISTORY_PAGE_SIZE));
  if (history.status === 'ok' && page > 0 && page >= pages) setPage(pages - 1);

  return (
    <section className="panel record-history" aria-labelledby={headingId}>
      <h2 id={headingId} ref={heading} tabIndex={-1} className="panel-title">
        Change history
      </h2>
      <p className="muted">
        The audit trail: every edit saved to {what}, who made it and when, as the record of changes keeps it.
      </p>
      <p role="status" className="record-history-status">
        {said}
      </p>
      <details onToggle={(event) => setOpen(event.currentTarget.open)}>
        <summary>
          Every change recorded to {what}, newest first
          {open && history.status === 'ok' ? ` (${count.format(total)})` : ''}
        </summary>
        {history.status === 'loading' && <p className="muted">Reading the record of changes…</p>}
        {history.status === 'error' && (
          <ErrorMessage>The changes could not be read: {history.error.message}</ErrorMessage>
        )}
        {undo.error !== undefined && <ErrorMessage>{undo.error.message}</ErrorMessage>}
        {history.status === 'ok' && total === 0 && <p className="empty-state">No changes have been recorded.</p>}
        {history.status === 'ok' && history.value.entries.length > 0 && (
          <>
            <DataTable
              caption={`Changes to ${what}, newest first`}
              columns={['When', 'Who', { label: 'What changed', main: true }, 'Undo']}
            >
              {history.value.entries.map((entry, i) => (
                <tr key={entry.seq}>
                  <td className="nowrap">{formatDateTime(entry.time)}</td>
                  <td>{entry.actor}</td>
                  <td>
                    {entry.summary}
                    {entry.records > 1 && (
                      <span className="muted"> (with {count.format(entry.records - 1)} other records)</span>
                    )}
                  </td>
                  <td>
                    {entry.undo.possible ? (
                      <button
                        type="button"
                        className="button button-small button-secondary"
                        {...busyButtonProps(undo.pending)}
                        onClick={() => void runUndo(entry)}
                      >
                        {undo.pending ? 'Undoing…' : 'Undo this change'}
                      </button>
                    ) : page === 0 && i === 0 ? (
                      <span className="muted">{entry.undo.reason}</span>
                    ) : (
                      <span className="muted">A later change followed</span>
                    )}
                  </td>
                </tr>
              ))}
            </DataTable>
            <Pager page={page} pageSize={RECORD_HISTORY_PAGE_SIZE} total={total} noun="changes" onPage={setPage} />
          </>
        )}
      </details>
    </section>
  );
}
