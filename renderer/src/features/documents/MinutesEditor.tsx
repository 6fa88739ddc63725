/**
 * The minutes of one meeting: while a draft, a discussion summary per agenda
 * item (and opening remarks), each saved on its own; approval at a later
 * meeting, after which the minutes are locked and a correction is recorded as
 * an amendment (what and why); and the export of the minutes.
 */
import { useId, useState, type ReactNode } from 'react';
import type { MinutesView } from '../../../../shared/documents/documentRequests.ts';
import { useMutation, useQuery } from '../../apiHooks.ts';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { FormSection } from '../../components/FormSection.tsx';
import { longDate } from '../../../../shared/documents/markdownText.ts';
import { formatDateTime } from '../../format.ts';
import { ExportMenu } from './ExportMenu.tsx';
import './documents.css';
import { busyButtonProps } from '../../components/busyButton.ts';

/** Props of {@link DiscussionField}. */
interface DiscussionFieldProps {
  readonly meetingId: string;
  readonly itemId: string | null;
  readonly label: string;
  readonly saved: string;
  readonly locked: boolean;
}

/** One summary (an item's, or the opening remarks): its own text box and Save button. */
function DiscussionField({ meetingId, itemId, label, saved, locked }: DiscussionFieldProps): ReactNode {
  const id = useId();
  // The person's edit while there is one; otherwise what the backend holds.
  const [draft, setDraft] = useState<string | null>(null);
  const [done, setDone] = useState('');
  const save = useMutation('minutes:saveDiscussion');
  const text = draft ?? saved;
  const dirty = draft !== null && draft !== saved;

  const submit = async (): Promise<void> => {
    setDone('');
    const result = await save.run({ meetingId, itemId, text });
    // The text stays as written: the refreshed record brings the same text, so nothing flickers.
    if (result.ok) setDone(`Saved (journal entry ${result.value.seq}).`);
  };

  return (
    <div className="field minutes-field">
      <label htmlFor={id}>{label}</label>
      <p id={`${id}-hint`} className="field-hint">
        Markdown: **bold**, *italic*, lists with “- ”, a heading with “# ”.
      </p>
      {save.error !== undefined && (
        <p id={`${id}-error`} className="field-error" role="alert">
          {save.error.message}
        </p>
      )}
      <textarea
        id={id}
        className="input minutes-text"
        rows={6}
        value={text}
        readOnly={locked}
        aria-describedby={[`${id}-hint`, save.error !== undefined ? `${id}-error` : ''].filter(Boolean).join(' ')}
        onChange={(event) => {
          setDraft(event.target.value);
          setDone('');
        }}
      />
      {!locked && (
        <div className="button-row minutes-field-actions">
          <button
            type="button"
            className="button button-secondary button-small"
            disabled={!dirty}
            {...busyButtonProps(save.pending)}
            onClick={() => void submit()}
          >
            {save.pending ? 'Saving…' : `Save ${label.charAt(0).toLowerCase()}${label.slice(1)}`}
          </button>
          <p role="status" className="inline-status">
            {done}
          </p>
        </div>
      )}
    </div>
  );
}

/** Approving the minutes at a later meeting, after a confirmation: they are locked from then on. */
function ApproveForm({ view }: { readonly view: MinutesView }): ReactNode {
  const id = useId();
  const candidates = view.laterMeetings.filter((m) => m.status !== 'cancelled');
  const [atMeetingId, setAtMeetingId] = useState(candidates[0]?.id ?? '');
  const [asking, setAsking] = useState(false);
  const approve = useMutation('minutes:approve');
  const chosen = candidates.find((m) => m.id === atMeetingId);

  if (candidates.length === 0) {
    return (
      <p className="muted">
        These minutes are approved by the board at a later meeting: once a meeting after {longDate(view.meeting.date)}{' '}
        has taken place, record the approval here.
      </p>
    );
  }
  return (
    <FormSection legend="Approval">
      <p className="field-hint">
        The board approves the minutes at a later meeting. Once approved they are locked; a correction is then recorded
        as an amendment.
      </p>
      <div className="field">
        <label htmlFor={id}>Approved at the meeting of</label>
        <select id={id} className="input" value={atMeetingId} onChange={(event) => setAtMeetingId(event.target.value)}>
          {candidates.map((m) => (
            <option key={m.id} value={m.id}>
              {m.title}, {longDate(m.date)}
            </option>
          ))}
        </select>
      </div>
      {approve.error !== undefined && (
        <p className="message message-error" role="alert">
          {approve.error.message}
        </p>
      )}
      <div className="button-row">
        <button type="button" className="button button-primary" onClick={() => setAsking(true)}>
          Approve the minutes…
        </button>
      </div>
      <ConfirmDialog
        open={asking}
        title="Approve and lock these minutes?"
        confirmLabel="Approve and lock"
        onCancel={() => setAsking(false)}
        onConfirm={() => {
          setAsking(false);
          void approve.run({ meetingId: view.meeting.id, atMeetingId });
        }}
      >
        <p>
          The minutes of {longDate(view.meeting.date)} will be recorded as approved at the meeting of{' '}
          {chosen ? longDate(chosen.date) : 'the chosen date'}. They cannot be edited afterwards: corrections become
          amendments, each with what was corrected and why.
        </p>
      </ConfirmDialog>
    </FormSection>
  );
}

/** Recording an amendment to approved minutes. */
function AmendForm({ meetingId }: { readonly meetingId: string }): ReactNode {
  const id = useId();
  const [what, setWhat] = useState('');
  const [why, setWhy] = useState('');
  const amend = useMutation('minutes:amend');
  const issue = (field: string): string | undefined =>
    amend.error?.details?.issues?.find((i) => i.field === field)?.message;

  return (
    <FormSection legend="Record an amendment">
      {amend.error !== undefined && issue('what') === undefined && issue('why') === undefined && (
        <p className="message message-error" role="alert">
          {amend.error.message}
        </p>
      )}
      <div className={issue('what') === undefined ? 'field' : 'field field-invalid'}>
        <label htmlFor={`${id}-what`}>What is corrected</label>
        {issue('what') !== undefined && (
          <p id={`${id}-what-error`} className="field-error">
            What is corrected {issue('what')}
          </p>
        )}
        <textarea
          id={`${id}-what`}
          className="input minutes-text"
          rows={3}
          value={what}
          aria-invalid={issue('what') !== undefined}
          aria-describedby={issue('what') !== undefined ? `${id}-what-error` : undefined}
          onChange={(event) => setWhat(event.target.value)}
        />
      </div>
      <div className={issue('why') === undefined ? 'field' : 'field field-invalid'}>
        <label htmlFor={`${id}-why`}>Why</label>
        {issue('why') !== undefined && (
          <p id={`${id}-why-error`} className="field-error">
            Why {issue('why')}
          </p>
        )}
        <textarea
          id={`${id}-why`}
          className="input minutes-text"
          rows={2}
          value={why}
          aria-invalid={issue('why') !== undefined}
          aria-describedby={issue('why') !== undefined ? `${id}-why-error` : undefined}
          onChange={(event) => setWhy(event.target.value)}
        />
      </div>
      <div className="button-row">
        <button
          type="button"
          className="button button-secondary"
          {...busyButtonProps(amend.pending)}
          onClick={() =>
            void amend.run({ meetingId, what, why }).then((result) => {
              if (result.ok) {
                setWhat('');
                setWhy('');
              }
            })
          }
        >
          Record the amendment
        </button>
      </div>
    </FormSection>
  );
}

/** Props of {@link MinutesEditor}. */
export interface MinutesEditorProps {
  readonly meetingId: string;
}

/** The minutes of a meeting: write, approve, amend, export. */
export function MinutesEditor({ meetingId }: MinutesEditorProps): ReactNode {
  const view = useQuery('minutes:get', { meetingId });
  if (view.status === 'loading') return <p className="muted">Loading the minutes…</p>;
  if (view.status === 'error') {
    return (
      <p className="message message-error" role="alert">
        The minutes could not be read: {view.error.message}
      </p>
    );
  }
  const { minutes, meeting, items, approvedAt } = view.value;
  const locked = minutes.status === 'approved';
  return (
    <section className="minutes-editor" aria-labelledby={`minutes-${meeting.id}`}>
      <h2 id={`minutes-${meeting.id}`} className="panel-title">
        Minutes of {meeting.title}, {longDate(meeting.date)}
      </h2>
      <p className={locked ? 'message message-success' : 'message message-warning'}>
        {locked
          ? `Approved at the meeting of ${longDate(approvedAt?.date ?? minutes.approvedOn)}${minutes.approvedBy ? `, recorded by ${minutes.approvedBy}` : ''}. The minutes are locked: record a correction as an amendment.`
          : 'Draft: not yet approved by the board. Each summary is saved on its own.'}
      </p>
      <DiscussionField
        meetingId={meeting.id}
        itemId={null}
        label="Opening remarks"
        saved={minutes.opening}
        locked={locked}
      />
      {items.length === 0 && <p className="muted">The agenda has no items yet.</p>}
      {items.map((item) => (
        <section key={item.id} className="minutes-item" aria-labelledby={`minutes-item-${item.id}`}>
          <h3 id={`minutes-item-${item.id}`} className="minutes-item-title">
            Item {item.number}: {item.title}
            {item.confidential && <span className="minutes-private"> (taken in private)</span>}
          </h3>
          {item.decisions.length > 0 && (
            <p className="field-hint">Decisions: {item.decisions.map((d) => `${d.reference} ${d.title}`).join('; ')}</p>
          )}
          <DiscussionField
            meetingId={meeting.id}
            itemId={item.id}
            label={`Discussion summary for item ${item.number}`}
            saved={item.discussion}
            locked={locked}
          />
        </section>
      ))}
      {locked ? <AmendForm meetingId={meeting.id} /> : <ApproveForm view={view.value} />}
      {minutes.amendments.length > 0 && (
        <>
          <h3 className="minutes-item-title">Amendments</h3>
          <ul className="minutes-amendments">
            {minutes.amendments.map((a) => (
              <li key={a.id}>
                {formatDateTime(a.at)}, {a.by}: {a.what} (why: {a.why})
              </li>
            ))}
          </ul>
        </>
      )}
      <ExportMenu target={{ document: 'minutes', meetingId: meeting.id }} legend="Export the minutes" />
    </section>
  );
}
