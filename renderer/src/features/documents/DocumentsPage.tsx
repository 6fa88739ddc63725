/**
 * The Documents area: the minutes of a meeting (written, approved, amended
 * and exported here), a decision's notice, the conditions report for the
 * next meeting's pack, and the registers as CSV for a spreadsheet.
 */
import { useId, useState, type ReactNode } from 'react';
import { REGISTERS, type Register } from '../../../../shared/documents/registersCsv.ts';
import type { ExportScope } from '../../../../shared/rules/confidentiality.ts';
import { useQuery } from '../../apiHooks.ts';
import { PageHeading } from '../../components/PageHeading.tsx';
import { Panel } from '../../components/Panel.tsx';
import { longDate } from '../../../../shared/documents/markdownText.ts';
import { ExportMenu } from './ExportMenu.tsx';
import { exportDocument, type ExportOutcome } from './exportDocument.ts';
import { MinutesEditor } from './MinutesEditor.tsx';
import './documents.css';
import { busyButtonProps } from '../../components/busyButton.ts';

/** A record named in the address (`#/documents?meeting=mtg_…` or `?decision=dec_…`), so other pages can link here. */
function preselected(key: 'meeting' | 'decision'): string {
  const query = window.location.hash.split('?')[1] ?? '';
  return new URLSearchParams(query).get(key) ?? '';
}

/** The link to the Documents page with a meeting's minutes or a decision's notice chosen. */
export function documentsHref(chosen: { readonly meeting?: string; readonly decision?: string } = {}): string {
  const query = new URLSearchParams();
  if (chosen.meeting) query.set('meeting', chosen.meeting);
  if (chosen.decision) query.set('decision', chosen.decision);
  const text = query.toString();
  return `#/documents${text ? `?${text}` : ''}`;
}

const REGISTER_LABELS: { readonly [R in Register]: string } = {
  decisions: 'Decisions',
  conditions: 'Conditions',
  deadlines: 'Deadlines',
  contracts: 'Contracts',
};

function MinutesSection(): ReactNode {
  const id = useId();
  const meetings = useQuery('meetings:list', { pageSize: 500, archived: 'active' });
  const [meetingId, setMeetingId] = useState(() => preselected('meeting'));
  const rows =
    meetings.status === 'ok'
      ? [...meetings.value.rows].filter((m) => m.status !== 'cancelled').sort((a, b) => b.date.localeCompare(a.date))
      : [];
  return (
    <Panel id={`${id}-title`} title="Minutes of a meeting">
      <p className="section-intro">
        Write the discussion summary of each item, have the minutes approved at a later meeting, and export them: the
        public version leaves out every item taken in private.
      </p>
      {meetings.status === 'error' && (
        <p className="message message-error" role="alert">
          The meetings could not be read: {meetings.error.message}
        </p>
      )}
      <div className="field">
        <label htmlFor={`${id}-meeting`}>Meeting</label>
        <select
          id={`${id}-meeting`}
          className="input input-wide"
          value={meetingId}
          onChange={(event) => setMeetingId(event.target.value)}
        >
          <option value="">Choose a meeting…</option>
          {rows.map((m) => (
            <option key={m.id} value={m.id}>
              {longDate(m.date)}: {m.title}
              {m.status === 'planned' ? ' (planned)' : ''}
            </option>
          ))}
        </select>
      </div>
      {meetingId !== '' && <MinutesEditor key={meetingId} meetingId={meetingId} />}
    </Panel>
  );
}

function NoticeSection(): ReactNode {
  const id = useId();
  const decisions = useQuery('decisions:list', { pageSize: 500, sort: 'date', direction: 'desc' });
  const [decisionId, setDecisionId] = useState(() => preselected('decision'));
  return (
    <Panel id={`${id}-title`} title="Decision notice">
      <p className="section-intro">
        One decision as a record for publication: the decision, reasons, implications, conditions, the call-in period
        and who signed it.
      </p>
      {decisions.status === 'error' && (
        <p className="message message-error" role="alert">
          The decisions could not be read: {decisions.error.message}
        </p>
      )}
      <div className="field">
        <label htmlFor={`${id}-decision`}>Decision</label>
        <select
          id={`${id}-decision`}
          className="input input-wide"
          value={decisionId}
          onChange={(event) => setDecisionId(event.target.value)}
        >
          <option value="">Choose a decision…</option>
          {decisions.status === 'ok' &&
            decisions.value.rows.map((d) => (
              <option key={d.id} value={d.id}>
                {d.reference}: {d.title}
                {d.status === 'draft' ? ' (draft)' : ''}
              </option>
            ))}
        </select>
      </div>
      {decisionId !== '' && (
        <ExportMenu key={decisionId} target={{ document: 'notice', decisionId }} legend="Export the decision notice" />
      )}
    </Panel>
  );
}

function RegistersSection(): ReactNode {
  const id = useId();
  const [outcome, setOutcome] = useState<ExportOutcome | null>(null);
  const [busy, setBusy] = useState<Register | null>(null);
  const [scope, setScope] = useState<ExportScope>('public');
  const run = async (register: Register): Promise<void> => {
    setBusy(register);
    setOutcome(null);
    try {
      setOutcome(await exportDocument({ document: 'register', register, scope }));
    } finally {
      setBusy(null);
    }
  };
  return (
    <Panel id={`${id}-title`} title="Registers as CSV">
      <p className="section-intro">
        Every record of a register, for a spreadsheet. A cell that a spreadsheet would run as a formula starts with an
        apostrophe (’), which Boardkeeper removes again when it reads the file back.
      </p>
      <fieldset className="fieldset fieldset-inline">
        <legend className="field-legend">What to include</legend>
        <div className="radio-row">
          <label className="radio">
            <input type="radio" name={`${id}-scope`} checked={scope === 'public'} onChange={() => setScope('public')} />{' '}
            Public only: confidential wording is withheld, and marked so in its cells
          </label>
          <label className="radio">
            <input
              type="radio"
              name={`${id}-scope`}
              checked={scope === 'everything'}
              onChange={() => setScope('everything')}
            />{' '}
            Everything, confidential included
          </label>
        </div>
      </fieldset>
      <div className="button-row">
        {REGISTERS.map((register) => (
          <button
            key={register}
            type="button"
            className="button button-secondary"
            {...busyButtonProps(busy !== null)}
            onClick={() => void run(register)}
          >
            {REGISTER_LABELS[register]} register (CSV)
          </button>
        ))}
      </div>
      <p
        role="status"
        className={outcome?.kind === 'failed' ? 'inline-status export-menu-problem' : 'inline-status export-menu-done'}
      >
        {outcome?.message ?? ''}
      </p>
    </Panel>
  );
}

/** The Documents page. */
export function DocumentsPage(): ReactNode {
  const id = useId();
  return (
    <>
      <PageHeading>Documents</PageHeading>
      <p className="section-intro">
        The board’s formal record: each document states its reference, version, when it was made and the journal entry
        it was made from, so a printed copy can be checked against the record.
      </p>
      <MinutesSection />
      <NoticeSection />
      <Panel id={`${id}-report`} title="Conditions report">
        <p className="section-intro">
          Every open condition, rated red (overdue or breached), amber (due within 30 days) or green, grouped by
          decision: for the next meeting’s pack.
        </p>
        <ExportMenu target={{ document: 'conditionsReport' }} legend="Export the conditions report" />
      </Panel>
      <RegistersSection />
    </>
  );
}
