/**
 * The notification centre: the reminders that fired, newest first, from the
 * ledger (the in-app authority; system notifications are extra). A button
 * in the header shows how many wait, and opens the list; a fresh reminder is
 * announced politely. Main's `app:navigate` (a clicked notification) moves
 * the page to the item.
 */
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useAfterScreenRequests, useEvent, useMutation, useQuery } from '../apiHooks.ts';
import { formatCalendarDate, formatDateTime } from '../format.ts';
import '../features/deadlines/deadlines.css';

/** The header button and the panel of fired reminders. */
export function NotificationCentre(): ReactNode {
  // Asked after the screen's own requests: a start shows the screen first, the count a moment later.
  const list = useQuery('reminders:list', { pageSize: 30 }, { enabled: useAfterScreenRequests() });
  const dismiss = useMutation('deadlines:dismiss');
  const snooze = useMutation('deadlines:snooze');
  const [open, setOpen] = useState(false);
  const [announcement, setAnnouncement] = useState('');
  // The in-app summary of obligations already overdue when recorded: shown once, when it comes.
  const [arrivals, setArrivals] = useState<{ message: string } | null>(null);
  const centre = useRef<HTMLDivElement>(null);
  const toggle = useRef<HTMLButtonElement>(null);

  // The list closes when the page changes, when the focus goes elsewhere (it never sits over a field in use), on
  // Escape and on a press outside it.
  useEffect(() => {
    if (!open) return;
    const onHash = (): void => {
      if (!window.location.hash.includes('centre=open')) setOpen(false);
    };
    const onFocus = (event: FocusEvent): void => {
      if (event.target instanceof Node && !centre.current?.contains(event.target)) setOpen(false);
    };
    const onKey = (event: KeyboardEvent): void => {
      if (event.key !== 'Escape') return;
      // Closed from inside: the focus goes back to the button that opened it, not to the page body.
      if (centre.current?.contains(document.activeElement) === true) toggle.current?.focus();
      setOpen(false);
    };
    // A press elsewhere on the page (which need not move the focus) closes it too: it never stays over the page.
    const onPointer = (event: PointerEvent): void => {
      if (event.target instanceof Node && !centre.current?.contains(event.target)) setOpen(false);
    };
    window.addEventListener('hashchange', onHash);
    document.addEventListener('focusin', onFocus);
    document.addEventListener('keydown', onKey);
    document.addEventListener('pointerdown', onPointer);
    return () => {
      window.removeEventListener('hashchange', onHash);
      document.removeEventListener('focusin', onFocus);
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('pointerdown', onPointer);
    };
  }, [open]);
  // Main's one-off word about the desktop (system notifications unavailable): shown under the button.
  const [systemNotice, setSystemNotice] = useState('');

  useEvent('reminder:due', (notice) => {
    if (notice.kind === 'arrivals') setArrivals({ message: notice.message });
    else setAnnouncement(`${notice.message}. ${notice.body}`);
  });
  useEvent('app:notice', ({ message }) => {
    setSystemNotice(message);
    setAnnouncement(message);
  });
  useEvent('app:navigate', ({ hash }) => {
    if (hash.includes('centre=open')) setOpen(true);
    window.location.hash = hash;
  });

  const active = list.status === 'ok' ? list.value.active : 0;
  return (
    <div className="notification-centre" ref={centre}>
      <button
        ref={toggle}
        type="button"
        className="button button-secondary button-small"
        aria-expanded={open}
        aria-controls="notification-centre-panel"
        onClick={() => setOpen((o) => !o)}
      >
        Reminders{active > 0 ? ` (${active})` : ''}
      </button>
      {/* Right after its button: Tab from the button goes into the panel, not past it (it closes when the focus leaves). */}
      {open && (
        <section id="notification-centre-panel" className="panel notification-panel" aria-label="Reminders">
          <h2 className="panel-title">Reminders</h2>
          <p className="muted">
            A notification comes at the board’s reminder time on each lead day before a deadline and weekly once it is
            overdue, but never for a time before its record was entered here: obligations already overdue then are told
            once, here, and listed as overdue at once.
          </p>
          {list.status === 'ok' && (
            <p>
              <a href="#/deadlines?window=overdue" onClick={() => setOpen(false)}>
                {list.value.deadlines.overdue} overdue
              </a>
              , {list.value.deadlines.week} due this week.{' '}
              {list.value.nextAt
                ? `Next notification: ${formatDateTime(list.value.nextAt)}.`
                : 'No notification is coming.'}
              {list.value.arrived !== null &&
                ` On ${formatDateTime(list.value.arrived.at)}, ${list.value.arrived.count} ${list.value.arrived.count === 1 ? 'obligation was' : 'obligations were'} already overdue when recorded.`}
            </p>
          )}
          {list.status === 'ok' && list.value.rows.length === 0 && <p className="muted">No reminders waiting.</p>}
          {(dismiss.error ?? snooze.error) && <p role="alert">{(dismiss.error ?? snooze.error)?.message}</p>}
          {list.status === 'ok' && list.value.rows.length > 0 && (
            <ul className="notification-list">
              {list.value.rows.map((r) => (
                <li key={r.key}>
                  <a href={`#/deadlines?key=${encodeURIComponent(r.deadlineKey)}`} onClick={() => setOpen(false)}>
                    {r.title}
                  </a>
                  <span className="muted">
                    {' '}
                    due {formatCalendarDate(r.due)}; reminded {formatDateTime(r.at)}
                    {r.deadlineStatus !== 'open' ? ` (${r.deadlineStatus === 'gone' ? 'date moved' : 'closed'})` : ''}
                  </span>
                  <span className="button-row">
                    {r.deadlineStatus === 'open' && (
                      <button
                        type="button"
                        className="button button-secondary button-small"
                        onClick={() => void snooze.run({ key: r.deadlineKey, for: '1d' })}
                        aria-label={`Snooze 1 day: ${r.title}`}
                      >
                        Snooze 1 day
                      </button>
                    )}
                    <button
                      type="button"
                      className="button button-secondary button-small"
                      onClick={() => void dismiss.run({ occurrence: r.key })}
                      aria-label={`Dismiss: ${r.title}`}
                    >
                      Dismiss
                    </button>
                  </span>
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
      <p role="status" className="visually-hidden">
        {announcement}
      </p>
      <div role="status" className="notification-summary">
        {arrivals !== null && (
          <p className="notification-summary-box">
            <strong>{arrivals.message}.</strong> <a href="#/deadlines?window=overdue">Show the overdue list</a>{' '}
            <button type="button" className="button button-small button-quiet" onClick={() => setArrivals(null)}>
              Close<span className="visually-hidden"> the summary</span>
            </button>
          </p>
        )}
      </div>
      {systemNotice !== '' && <p className="muted">{systemNotice}</p>}
    </div>
  );
}
