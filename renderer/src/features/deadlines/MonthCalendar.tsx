/**
 * A month of deadlines as a table: a row per week, a column per weekday
 * (Monday first), each day listing its deadlines as links to their details.
 * A table, not a grid of divs, so a screen reader announces the day and the
 * weekday of each cell.
 */
import type { ReactNode } from 'react';
import type { DeadlineRow } from '../../../../shared/contract/deadlineViews.ts';
import { longDate, monthTitle } from './deadlineText.ts';

const WEEKDAYS = [
  ['Mon', 'Monday'],
  ['Tue', 'Tuesday'],
  ['Wed', 'Wednesday'],
  ['Thu', 'Thursday'],
  ['Fri', 'Friday'],
  ['Sat', 'Saturday'],
  ['Sun', 'Sunday'],
] as const;

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** The weeks of `month` (`YYYY-MM`): each a list of 7 dates, '' outside the month. */
export function weeksOf(month: string): string[][] {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const lead = (new Date(Date.UTC(y, m - 1, 1)).getUTCDay() + 6) % 7;
  const cells = [...Array<string>(lead).fill(''), ...Array.from({ length: days }, (_, i) => `${month}-${pad(i + 1)}`)];
  while (cells.length % 7 !== 0) cells.push('');
  const weeks: string[][] = [];
  for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7));
  return weeks;
}

/** `YYYY-MM` moved by `delta` months. */
export function shiftMonth(month: string, delta: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) + delta;
  return `${Math.floor(index / 12)}-${pad((index % 12) + 1)}`;
}

/** The month calendar of the deadlines in `rows`. */
export function MonthCalendar({
  month,
  today,
  rows,
  onMonth,
  onOpen,
}: {
  readonly month: string;
  readonly today: string;
  readonly rows: readonly DeadlineRow[];
  readonly onMonth: (month: string) => void;
  readonly onOpen: (key: string) => void;
}): ReactNode {
  const byDay = new Map<string, DeadlineRow[]>();
  for (const row of rows) byDay.set(row.due, [...(byDay.get(row.due) ?? []), row]);
  return (
    <div className="deadline-calendar">
      <div className="button-row">
        <button
          type="button"
          className="button button-secondary button-small"
          onClick={() => onMonth(shiftMonth(month, -1))}
        >
          Previous month
        </button>
        <button
          type="button"
          className="button button-secondary button-small"
          onClick={() => onMonth(today.slice(0, 7))}
        >
          This month
        </button>
        <button
          type="button"
          className="button button-secondary button-small"
          onClick={() => onMonth(shiftMonth(month, 1))}
        >
          Next month
        </button>
      </div>
      <div className="table-wrap">
        <table className="table calendar-table">
          <caption>Deadlines in {monthTitle(month)}</caption>
          <thead>
            <tr>
              {WEEKDAYS.map(([short, full]) => (
                <th key={short} scope="col">
                  <abbr title={full}>{short}</abbr>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {weeksOf(month).map((week) => (
              <tr key={week.find(Boolean)}>
                {week.map((date, i) => {
                  const items = date ? (byDay.get(date) ?? []) : [];
                  return (
                    <td
                      key={date || `blank-${i}`}
                      className={[
                        'calendar-day',
                        date === today ? 'calendar-today' : '',
                        items.some((r) => r.band === 'overdue') ? 'calendar-overdue' : '',
                      ]
                        .filter(Boolean)
                        .join(' ')}
                      aria-current={date === today ? 'date' : undefined}
                    >
                      {date && (
                        <>
                          <span className="calendar-date">
                            <span aria-hidden="true">{Number(date.slice(8))}</span>
                            <span className="visually-hidden">{longDate(date)}</span>
                          </span>
                          {/* Said in words, not only in red: red vanishes in forced colours (WCAG 1.4.1). */}
                          {items.some((r) => r.band === 'overdue') && (
                            <span className="calendar-overdue-note"> Overdue</span>
                          )}
                          {items.length > 0 && (
                            <ul className="calendar-items">
                              {items.map((r) => (
                                <li key={r.key}>
                                  <button
                                    type="button"
                                    className="calendar-item"
                                    data-deadline-key={r.key}
                                    onClick={() => onOpen(r.key)}
                                  >
                                    {r.title}
                                    {r.band === 'overdue' && <span className="visually-hidden"> (overdue)</span>}
                                  </button>
                                </li>
                              ))}
                            </ul>
                          )}
                        </>
                      )}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
