/**
 * The audit trail in Settings: every change, newest first, a page at a time,
 * and a check of the whole hash chain that names the first bad entry.
 */
import { useState, type ReactNode } from 'react';
import type { VerifyReport } from '../../../../shared/contract/storeTypes.ts';
import { useMutation, useQuery } from '../../apiHooks.ts';
import { DataTable } from '../../components/DataTable.tsx';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { Panel } from '../../components/Panel.tsx';
import { formatDateTimeSeconds } from '../../format.ts';
import { busyButtonProps } from '../../components/busyButton.ts';

/** Entries shown per page. */
export const AUDIT_PAGE_SIZE = 20;

const countFormat = new Intl.NumberFormat('en-GB');

function plural(count: number, one: string, many: string): string {
  return `${countFormat.format(count)} ${count === 1 ? one : many}`;
}

/** The verify report in words. */
function VerifyOutcome({ report }: { readonly report: VerifyReport }): ReactNode {
  const also = [
    report.checkpointChecked ? 'the checkpoint against the journal' : '',
    report.indexChecked ? 'the search index' : '',
  ]
    .filter(Boolean)
    .join(' and ');
  const checked = `${plural(report.entriesChecked, 'entry', 'entries')} and ${plural(report.blobsChecked, 'file', 'files')} checked${also ? ` (with ${also})` : ''} at ${formatDateTimeSeconds(report.checkedAt)}`;
  if (report.ok) {
    return (
      <p className="message message-success">
        <strong>The record is intact.</strong> {checked}.
      </p>
    );
  }
  const bad = report.firstBad;
  const where =
    bad === undefined
      ? ''
      : bad.kind === 'entry'
        ? `Entry ${bad.seq ?? '?'} (${bad.file}${bad.line !== undefined ? `, line ${bad.line}` : ''})`
        : bad.kind === 'checkpoint'
          ? `The checkpoint ${bad.file}${bad.record !== undefined ? ` (record ${bad.record})` : ''}`
          : bad.kind === 'index'
            ? `The search index (entry ${bad.seq ?? '?'})`
            : `The file ${bad.file}${bad.record !== undefined ? ` (${bad.record})` : ''}`;
  return (
    <p className="message message-error">
      <strong>The record has been altered.</strong> {where}
      {bad !== undefined ? `: ${bad.reason}.` : ''} {checked}.
    </p>
  );
}

/** The audit panel: verify button and outcome, the page of entries and the pager. */
export function AuditSection({ children }: { readonly children?: ReactNode }): ReactNode {
  const [page, setPage] = useState(0);
  const audit = useQuery('audit:list', { page, pageSize: AUDIT_PAGE_SIZE });
  const verify = useMutation('audit:verify');
  const [report, setReport] = useState<VerifyReport | undefined>(undefined);

  async function runVerify(): Promise<void> {
    setReport(undefined);
    const result = await verify.run({});
    if (result.ok) setReport(result.value);
  }

  const total = audit.status === 'ok' ? audit.value.total : 0;
  const pages = Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE));
  const first = page * AUDIT_PAGE_SIZE + 1;
  const last = Math.min(total, (page + 1) * AUDIT_PAGE_SIZE);
  // After a restore the trail can be shorter than the page being shown: go to its last page.
  if (audit.status === 'ok' && page > 0 && page >= pages) setPage(pages - 1);

  return (
    <Panel id="audit-title" title="Audit trail">
      <p className="section-intro">
        Every change is recorded here, newest first, with who made it and when. Each entry is chained to the one before
        it, so any later alteration can be detected.
      </p>
      <div className="button-row">
        <button
          type="button"
          className="button button-secondary"
          {...busyButtonProps(verify.pending)}
          onClick={() => void runVerify()}
        >
          {verify.pending ? 'Verifying…' : 'Verify the record'}
        </button>
      </div>
      <div role="status" className="verify-outcome">
        {report !== undefined && <VerifyOutcome report={report} />}
      </div>
      {verify.error !== undefined && (
        <ErrorMessage>The record could not be verified: {verify.error.message}</ErrorMessage>
      )}

      {children}

      {audit.status === 'loading' && <p className="muted">Loading the audit trail…</p>}
      {audit.status === 'error' && (
        <ErrorMessage>The audit trail could not be read: {audit.error.message}</ErrorMessage>
      )}
      {audit.status === 'ok' && total === 0 && <p className="empty-state">No changes have been recorded yet.</p>}
      {audit.status === 'ok' && audit.value.entries.length > 0 && (
        <>
          <DataTable
            caption={
              <>
                Audit trail, newest first: entries {first} to {last} of {total}
              </>
            }
            columns={['When', 'Who', 'What changed', { label: 'Entry', className: 'numeric' }]}
          >
            {audit.value.entries.map((entry) => (
              <tr key={entry.seq}>
                <td className="nowrap">{formatDateTimeSeconds(entry.time)}</td>
                <td>{entry.actor}</td>
                <td>{entry.summary}</td>
                <td className="numeric">{entry.seq}</td>
              </tr>
            ))}
          </DataTable>
          {pages === 1 ? (
            <p className="pager-position">{total === 1 ? 'One entry.' : `All ${countFormat.format(total)} entries.`}</p>
          ) : (
            <nav className="pager" aria-label="Audit trail pages">
              <button
                type="button"
                className="button button-small button-secondary"
                disabled={page === 0}
                onClick={() => setPage((p) => Math.max(0, p - 1))}
              >
                Newer entries
              </button>
              <p className="pager-position">
                Entries {countFormat.format(first)}–{countFormat.format(last)} of {countFormat.format(total)} (page{' '}
                {page + 1} of {pages})
              </p>
              <button
                type="button"
                className="button button-small button-secondary"
                disabled={page + 1 >= pages}
                onClick={() => setPage((p) => p + 1)}
              >
                Older entries
              </button>
            </nav>
          )}
        </>
      )}
    </Panel>
  );
}
