/**
 * One deadline's details: where it comes from (a derived one follows its
 * source and links to it), its reminders to come and past, snooze and
 * dismiss, and chasing its owner: "Draft an e-mail" (a mailto: link) and
 * "Copy as text". A manual deadline is edited, marked done or cancelled
 * here; any deadline can have its own reminder lead times.
 */
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { dayCount } from '../../../../shared/dates/calendarDates.ts';
import { DEADLINE_SOURCE_LABELS } from '../../../../shared/rules/deadlines.ts';
import { useMutation, useQuery } from '../../apiHooks.ts';
import { useChange } from '../../changes.ts';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { LeadDaysForm } from './LeadDaysForm.tsx';
import { ManualDeadlineForm } from './ManualDeadlineForm.tsx';
import { longDate, occurrenceText, sourceHref } from './deadlineText.ts';
import { formatDateTime } from '../../format.ts';
import { busyButtonProps } from '../../components/busyButton.ts';

/** The details panel of the deadline `deadlineKey`. */
export function DeadlineDetails({
  deadlineKey,
  onClose,
}: {
  readonly deadlineKey: string;
  readonly onClose: () => void;
}): ReactNode {
  const detail = useQuery('deadlines:get', { key: deadlineKey });
  const chase = useQuery('deadlines:chase', { key: deadlineKey });
  const snooze = useMutation('deadlines:snooze');
  const dismiss = useMutation('deadlines:dismiss');
  const [until, setUntil] = useState('');
  const [copied, setCopied] = useState('');
  const [editing, setEditing] = useState(false);
  const close = useChange('deadlines:closeManual');
  // Opened from a list or the calendar: the focus moves to the details (and goes back on close, see DeadlinesPage).
  const heading = useRef<HTMLHeadingElement>(null);
  const headingFocused = useRef(false);
  useEffect(() => {
    if (headingFocused.current || heading.current === null) return;
    headingFocused.current = true;
    heading.current.focus();
  });

  if (detail.status === 'loading') return <p className="muted">Loading the deadline…</p>;
  if (detail.status === 'error') {
    return (
      <section className="panel deadline-details" aria-label="Deadline">
        <p role="alert">{detail.error.message}</p>
        <button type="button" className="button button-secondary button-small" onClick={onClose}>
          Close
        </button>
      </section>
    );
  }
  const { deadline: d, upcoming, past, boardLeadDays } = detail.value;
  const error = snooze.error ?? dismiss.error ?? close.error;
  const manual = !d.derived && d.source.kind === 'manual';
  if (editing) {
    return (
      <ManualDeadlineForm
        editing={{
          key: d.key,
          draft: {
            title: d.title,
            due: d.due,
            ownerName: d.owner,
            ownerEmail: d.ownerEmail,
            notes: d.notes,
            contractId: d.contract?.id ?? '',
          },
        }}
        onDone={() => setEditing(false)}
      />
    );
  }
  return (
    <section className="panel deadline-details" aria-labelledby="deadline-details-title">
      <div className="deadline-details-head">
        <h2 id="deadline-details-title" className="panel-title" ref={heading} tabIndex={-1}>
          {d.title}
        </h2>
        <button type="button" className="button button-secondary button-small" onClick={onClose}>
          Close details
        </button>
      </div>
      <dl className="facts">
        <dt>Due</dt>
        <dd>
          {longDate(d.due)}
          {d.status === 'closed' ? ` (closed: ${d.closedReason})` : ''}
        </dd>
        <dt>Owner</dt>
        <dd>
          {d.owner || 'No owner named'}
          {d.ownerEmail ? ` (${d.ownerEmail})` : ''}
        </dd>
        <dt>Source</dt>
        <dd>
          <a href={sourceHref(d.source, d.key)}>
            {DEADLINE_SOURCE_LABELS[d.source.kind]}
            {d.reference ? ` ${d.reference}` : ''}
          </a>
        </dd>
        <dt>Reminders</dt>
        <dd>
          {d.leadDays.length === 0
            ? 'None'
            : d.leadDays.map((n) => (n === 0 ? 'on the day' : `${dayCount(n)} before`)).join(', ')}
          {d.ownLeadDays ? ' (this deadline’s own)' : ' (the board’s)'}
        </dd>
      </dl>
      {d.derived && (
        <p className="message message-warning">
          This deadline follows its source. To change its date, owner or status,{' '}
          <a href={sourceHref(d.source, d.key)}>open the {DEADLINE_SOURCE_LABELS[d.source.kind].toLowerCase()}</a>.
        </p>
      )}
      {manual && d.notes && <p className="deadline-notes">{d.notes}</p>}
      {manual && (
        <div className="button-row" role="group" aria-label="Change the deadline">
          <button type="button" className="button button-secondary button-small" onClick={() => setEditing(true)}>
            Edit
          </button>
          {d.status === 'open' ? (
            <>
              <button
                type="button"
                className="button button-primary button-small"
                {...busyButtonProps(close.pending)}
                onClick={() => void close.run({ key: d.key, status: 'done' })}
              >
                Mark done
              </button>
              <button
                type="button"
                className="button button-secondary button-small"
                {...busyButtonProps(close.pending)}
                onClick={() => void close.run({ key: d.key, status: 'cancelled' })}
              >
                Cancel the deadline
              </button>
            </>
          ) : (
            <button
              type="button"
              className="button button-secondary button-small"
              {...busyButtonProps(close.pending)}
              onClick={() => void close.run({ key: d.key, status: 'open' })}
            >
              Reopen
            </button>
          )}
        </div>
      )}
      {!manual && d.detail !== d.title && <blockquote className="deadline-quote">{d.detail}</blockquote>}
      {error && <ErrorMessage>{error.message}</ErrorMessage>}

      {d.status === 'open' && (
        <div className="button-row" role="group" aria-label="Snooze reminders">
          <button
            type="button"
            className="button button-secondary button-small"
            {...busyButtonProps(snooze.pending)}
            onClick={() => void snooze.run({ key: d.key, for: '1d' })}
          >
            Snooze 1 day
          </button>
          <button
            type="button"
            className="button button-secondary button-small"
            {...busyButtonProps(snooze.pending)}
            onClick={() => void snooze.run({ key: d.key, for: '1w' })}
          >
            Snooze 1 week
          </button>
          <label className="inline-field">
            <span>Snooze until</span>
            <input className="input input-short" type="date" value={until} onChange={(e) => setUntil(e.target.value)} />
          </label>
          <button
            type="button"
            className="button button-secondary button-small"
            disabled={until === ''}
            {...busyButtonProps(snooze.pending)}
            onClick={() => void snooze.run({ key: d.key, for: 'until', until })}
          >
            Snooze until the date
          </button>
          {d.snoozedUntil && (
            <button
              type="button"
              className="button button-secondary button-small"
              onClick={() => void snooze.run({ key: d.key, for: 'clear' })}
            >
              End the snooze
            </button>
          )}
        </div>
      )}
      {d.snoozedUntil && <p className="muted">Snoozed until {formatDateTime(d.snoozedUntil)}.</p>}

      <h3 className="deadline-subtitle">Lead times</h3>
      <LeadDaysForm
        key={`${d.leadDays.join(',')}/${d.ownLeadDays ? 'own' : 'board'}`}
        deadlineKey={d.key}
        leadDays={d.leadDays}
        ownLeadDays={d.ownLeadDays}
        boardLeadDays={boardLeadDays}
      />

      <h3 className="deadline-subtitle">Reminders to come</h3>
      {upcoming.length === 0 ? (
        <p className="muted">None.</p>
      ) : (
        <ul className="deadline-occurrences">
          {upcoming.map((o) => (
            <li key={o.key}>
              {occurrenceText(o)}: {formatDateTime(o.at)}
              {o.outcome === 'dismissed' ? (
                ' (dismissed)'
              ) : (
                <button
                  type="button"
                  className="button button-secondary button-small"
                  {...busyButtonProps(dismiss.pending)}
                  onClick={() => void dismiss.run({ occurrence: o.key })}
                  aria-label={`Dismiss the reminder ${occurrenceText(o).toLowerCase()}`}
                >
                  Dismiss
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {past.length > 0 && (
        <>
          <h3 className="deadline-subtitle">Reminders so far</h3>
          <ul className="deadline-occurrences">
            {past.map((o) => (
              <li key={o.key}>
                {occurrenceText(o)}: {formatDateTime(o.at)} ({o.outcome})
              </li>
            ))}
          </ul>
        </>
      )}

      <h3 className="deadline-subtitle">Chase the owner</h3>
      {chase.status === 'ok' ? (
        <div className="button-row">
          <a className="button button-primary button-small" href={chase.value.mailto}>
            Draft an e-mail
          </a>
          <button
            type="button"
            className="button button-secondary button-small"
            onClick={() => {
              void navigator.clipboard.writeText(chase.value.text).then(
                () => setCopied('Copied: paste it into any message.'),
                () => setCopied('Could not copy here; select the text below instead.'),
              );
            }}
          >
            Copy as text
          </button>
          <span role="status" className="muted">
            {copied}
          </span>
        </div>
      ) : (
        <p className="muted">Preparing the message…</p>
      )}
      {chase.status === 'ok' && copied.startsWith('Could not') && (
        <pre className="deadline-chase-text">{chase.value.text}</pre>
      )}
    </section>
  );
}
