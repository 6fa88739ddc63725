/**
 * The Deadlines view: every deadline, derived
 * from its source or manual, by window (overdue, this week, next 30 and 90
 * days), grouped by owner or by contract, filtered, as a list or a month
 * calendar; with a deadline's details, snooze, dismiss and chase; and the
 * .ics download. The filters live in the address.
 */
import { useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import { DEADLINE_SOURCE_KINDS, DEADLINE_SOURCE_LABELS, LAPSED_PREFIX } from '../../../../shared/rules/deadlines.ts';
import type { DeadlineRow } from '../../../../shared/contract/deadlineViews.ts';
import { invoke } from '../../api.ts';
import { useQuery } from '../../apiHooks.ts';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { useCellLabels, useStackedWhenNarrow } from '../../components/DataTable.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { DeadlineDetails } from './DeadlineDetails.tsx';
import { ManualDeadlineForm } from './ManualDeadlineForm.tsx';
import { useDeadlineView, type DeadlineViewState } from './deadlineHash.ts';
import { BAND_LABELS, sourceHref } from './deadlineText.ts';
import { formatCalendarDate, formatDateTime } from '../../format.ts';
import { MonthCalendar } from './MonthCalendar.tsx';
import './deadlines.css';

const WINDOW_LABELS: { [W in DeadlineViewState['window']]: string } = {
  all: 'All open',
  overdue: 'Overdue',
  week: 'This week',
  '30': 'Next 30 days',
  '90': 'Next 90 days',
};
const PAGE_SIZE = 50;

/** Saves text as a file through the browser (works in Electron and the web host alike). */
function download(filename: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function DeadlineTable({
  rows,
  onOpen,
}: {
  readonly rows: readonly DeadlineRow[];
  readonly onOpen: (key: string) => void;
}): ReactNode {
  const table = useRef<HTMLTableElement>(null);
  useCellLabels(table);
  useStackedWhenNarrow(table, 5);
  return (
    <div className="table-wrap">
      <table ref={table} className="table table-stack deadline-table">
        <thead>
          <tr>
            <th scope="col" data-main-column="">
              Deadline
            </th>
            <th scope="col">Due</th>
            <th scope="col">When</th>
            <th scope="col">Owner</th>
            <th scope="col">Source</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key} className={r.band === 'overdue' ? 'deadline-overdue' : undefined}>
              <td>
                <button type="button" className="link-button" data-deadline-key={r.key} onClick={() => onOpen(r.key)}>
                  {r.title}
                </button>
                {/* On its own line: after the title it read as part of it ("…pilot follows its source"). */}
                {r.derived && <div className="cell-note deadline-follows">Follows its source</div>}
                {r.snoozedUntil && <div className="cell-note">Snoozed until {formatDateTime(r.snoozedUntil)}</div>}
              </td>
              <td className="nowrap">{formatCalendarDate(r.due)}</td>
              <td>
                {r.status !== 'closed'
                  ? BAND_LABELS[r.band]
                  : r.closedReason.startsWith(LAPSED_PREFIX)
                    ? r.closedReason
                    : `Closed: ${r.closedReason}`}
              </td>
              <td>{r.owner || <span className="muted">No owner named</span>}</td>
              <td>
                <a href={sourceHref(r.source, r.key)}>
                  {DEADLINE_SOURCE_LABELS[r.source.kind]}
                  {r.reference ? ` ${r.reference}` : ''}
                </a>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The Deadlines view. */
export function DeadlinesPage(): ReactNode {
  const [view, change] = useDeadlineView();
  const [adding, setAdding] = useState(false);
  const filter = {
    window: view.view === 'calendar' ? ('all' as const) : view.window,
    ...(view.owner ? { owner: view.owner } : {}),
    ...(view.contract ? { contractId: view.contract } : {}),
    ...(view.source ? { source: view.source } : {}),
    status: view.status,
  };
  const list = useQuery('deadlines:list', {
    ...filter,
    groupBy: view.view === 'calendar' ? 'none' : view.group,
    page: view.view === 'calendar' ? 0 : view.page,
    pageSize: view.view === 'calendar' ? 500 : PAGE_SIZE,
  });
  const today = list.status === 'ok' ? list.value.today : '';
  const month = view.month || today.slice(0, 7);
  // The details open above the list: the focus goes to them, and back to what opened them on close.
  const openedFrom = useRef<{ readonly key: string; readonly element: Element | null } | undefined>(undefined);
  const open = (key: string): void => {
    openedFrom.current = { key, element: document.activeElement };
    change({ key });
  };
  useLayoutEffect(() => {
    const from = openedFrom.current;
    if (view.key !== '' || from === undefined) return;
    openedFrom.current = undefined;
    const back =
      from.element instanceof HTMLElement && from.element.isConnected
        ? from.element
        : document.querySelector<HTMLElement>(`[data-deadline-key="${CSS.escape(from.key)}"]`);
    back?.focus();
  }, [view.key]);

  const [todos, setTodos] = useState(false);
  const downloadIcs = async (): Promise<void> => {
    const result = await invoke('deadlines:ics', { ...filter, todos });
    if (result.ok) download(result.value.filename, result.value.text, 'text/calendar;charset=utf-8');
  };

  return (
    <div className="deadlines-page">
      <PageHeading>Deadlines</PageHeading>
      <p className="section-intro">
        Every dated obligation: conditions, contract dates, papers due and call-in periods follow their source; add your
        own with a manual deadline.
      </p>
      {adding ? (
        <ManualDeadlineForm
          onDone={(key) => {
            setAdding(false);
            if (key !== '') change({ key });
          }}
        />
      ) : (
        <div className="button-row">
          <button type="button" className="button button-primary" onClick={() => setAdding(true)}>
            Add a deadline
          </button>
        </div>
      )}
      {list.status === 'ok' && (
        <ul className="deadline-counts" aria-label="Open deadlines">
          <li>
            <a href="#/deadlines?window=overdue">{list.value.counts.overdue} overdue</a>
          </li>
          <li>
            <a href="#/deadlines?window=week">{list.value.counts.week} this week</a>
          </li>
          <li>
            <a href="#/deadlines?window=30">{list.value.counts.month} in the next 30 days</a>
          </li>
          <li>
            <a href="#/deadlines?window=90">{list.value.counts.quarter} in the next 90 days</a>
          </li>
        </ul>
      )}
      <form className="deadline-filters" aria-label="Filter deadlines" onSubmit={(e) => e.preventDefault()}>
        <label className="field">
          <span>Show</span>
          <select
            className="input"
            value={view.view}
            onChange={(e) => change({ view: e.target.value === 'calendar' ? 'calendar' : 'list', page: 0 })}
          >
            <option value="list">List</option>
            <option value="calendar">Month calendar</option>
          </select>
        </label>
        {view.view === 'list' && (
          <>
            <label className="field">
              <span>When</span>
              <select
                className="input"
                value={view.window}
                onChange={(e) => change({ window: e.target.value as DeadlineViewState['window'], page: 0 })}
              >
                {(Object.keys(WINDOW_LABELS) as Array<DeadlineViewState['window']>).map((w) => (
                  <option key={w} value={w}>
                    {WINDOW_LABELS[w]}
                  </option>
                ))}
              </select>
            </label>
            <label className="field">
              <span>Group by</span>
              <select
                className="input"
                value={view.group}
                onChange={(e) => change({ group: e.target.value as DeadlineViewState['group'], page: 0 })}
              >
                <option value="none">When due</option>
                <option value="owner">Owner</option>
                <option value="contract">Contract</option>
              </select>
            </label>
          </>
        )}
        <label className="field">
          <span>Owner</span>
          <select className="input" value={view.owner} onChange={(e) => change({ owner: e.target.value, page: 0 })}>
            <option value="">Anyone</option>
            {list.status === 'ok' &&
              list.value.owners.map((o) => (
                <option key={o} value={o}>
                  {o}
                </option>
              ))}
          </select>
        </label>
        <label className="field">
          <span>Contract</span>
          <select
            className="input"
            value={view.contract}
            onChange={(e) => change({ contract: e.target.value, page: 0 })}
          >
            <option value="">Any</option>
            {list.status === 'ok' &&
              list.value.contracts.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.reference}
                </option>
              ))}
          </select>
        </label>
        <label className="field">
          <span>Source</span>
          <select
            className="input"
            value={view.source}
            onChange={(e) => change({ source: e.target.value as DeadlineViewState['source'], page: 0 })}
          >
            <option value="">Any</option>
            {DEADLINE_SOURCE_KINDS.map((k) => (
              <option key={k} value={k}>
                {DEADLINE_SOURCE_LABELS[k]}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>Status</span>
          <select
            className="input"
            value={view.status}
            onChange={(e) => change({ status: e.target.value as DeadlineViewState['status'], page: 0 })}
          >
            <option value="open">Open</option>
            <option value="lapsed">Lapsed rights (options and breaks not used)</option>
            <option value="closed">Closed</option>
            <option value="all">All</option>
          </select>
        </label>
        <label className="checkbox">
          <input type="checkbox" checked={todos} onChange={(e) => setTodos(e.target.checked)} /> Also as tasks (VTODO)
        </label>
        <button type="button" className="button button-secondary" onClick={() => void downloadIcs()}>
          Download .ics
        </button>
      </form>
      <p className="field-hint">
        The .ics file has each deadline once, as an all-day event with alarms at the board’s reminder time. A calendar’s
        alarms are not guaranteed (Google Calendar drops them on import); Boardkeeper’s own notifications are.
      </p>

      {view.key && <DeadlineDetails key={view.key} deadlineKey={view.key} onClose={() => change({ key: '' })} />}

      {list.status === 'loading' && <p className="muted">Loading deadlines…</p>}
      {list.status === 'error' && <ErrorMessage>{list.error.message}</ErrorMessage>}
      {list.status === 'ok' && view.view === 'calendar' && (
        <MonthCalendar
          month={month}
          today={today}
          rows={list.value.rows}
          onMonth={(m) => change({ month: m })}
          onOpen={open}
        />
      )}
      {list.status === 'ok' &&
        view.view === 'list' &&
        (list.value.total === 0 ? (
          <p className="empty-state">No open deadlines match these filters.</p>
        ) : (
          <>
            {groupsOf(list.value.rows, view.group).map(([heading, rows]) => (
              <section key={heading} aria-label={heading}>
                <h2 className="deadline-group">{heading}</h2>
                <DeadlineTable rows={rows} onOpen={open} />
              </section>
            ))}
            {list.value.total > PAGE_SIZE && (
              <nav className="pager" aria-label="Pages of deadlines">
                <button
                  type="button"
                  className="button button-secondary button-small"
                  disabled={view.page === 0}
                  onClick={() => change({ page: view.page - 1 })}
                >
                  Previous page
                </button>
                <span className="pager-position">
                  Page {view.page + 1} of {Math.ceil(list.value.total / PAGE_SIZE)}
                </span>
                <button
                  type="button"
                  className="button button-secondary button-small"
                  disabled={(view.page + 1) * PAGE_SIZE >= list.value.total}
                  onClick={() => change({ page: view.page + 1 })}
                >
                  Next page
                </button>
              </nav>
            )}
          </>
        ))}
    </div>
  );
}

/** Rows under their headings: the group when grouped, else the band (Overdue, This week...). */
function groupsOf(rows: readonly DeadlineRow[], group: DeadlineViewState['group']): Array<[string, DeadlineRow[]]> {
  const out = new Map<string, DeadlineRow[]>();
  for (const r of rows) {
    const heading = group === 'none' ? BAND_LABELS[r.band] : r.group;
    out.set(heading, [...(out.get(heading) ?? []), r]);
  }
  return [...out.entries()];
}
