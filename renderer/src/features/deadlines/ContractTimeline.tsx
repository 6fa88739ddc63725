/**
 * A contract's dates on one line, drawn as SVG: the term, extension options
 * (to the maximum extent), break-clause notice windows, re-tender milestones
 * and a line for today. The same dates follow as a list, which is what a
 * screen reader reads (the drawing is the picture of it). Mount it on the
 * contract page: `<ContractTimeline contractId={id} />`.
 */
import type { ReactNode } from 'react';
import { useQuery } from '../../apiHooks.ts';
import { longDate } from '../../../../shared/dates/calendarDates.ts';
import { formatCalendarDate } from '../../format.ts';

const WIDTH = 720;
const PAD = 16;

function dayNumber(date: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d) / 86_400_000;
}

function addDays(date: string, days: number): string {
  return new Date((dayNumber(date) + days) * 86_400_000).toISOString().slice(0, 10);
}

interface Mark {
  readonly label: string;
  readonly date: string;
  readonly kind: 'milestone' | 'notice' | 'option';
}

/** The timeline of the contract `contractId`. */
export function ContractTimeline({ contractId }: { readonly contractId: string }): ReactNode {
  const detail = useQuery('contracts:get', { id: contractId });
  // The backend's "today" (the board's time zone, and a fixed clock in tests).
  const today = useQuery('deadlines:list', { contractId, status: 'all', pageSize: 1 });
  if (detail.status !== 'ok' || today.status !== 'ok') return null;
  // The term drawn is the current one: the end as let moved by every exercised option.
  const c = { ...detail.value.contract, termEnd: detail.value.currentTermEnd };
  const now = today.value.today;
  const titleId = `timeline-title-${contractId}`;
  if (!c.termStart || !c.termEnd) {
    return (
      <section className="panel contract-timeline" aria-labelledby={titleId}>
        <h2 id={titleId} className="panel-title">
          Timeline
        </h2>
        <p className="muted">
          No term dates yet
          {c.plannedMonths !== null ? `: planned for ${c.plannedMonths} months` : ''}
          {c.termStart ? `, from ${longDate(c.termStart)}` : ''}.
        </p>
      </section>
    );
  }
  const end = c.maxExtentDate > c.termEnd ? c.maxExtentDate : c.termEnd;
  const breaks = c.breakClauses.map((b) => ({
    from: addDays(b.earliest, -b.noticeDays),
    to: b.earliest,
    note: b.note,
  }));
  // A right whose notice day passed unused has lapsed: said, not silently dropped.
  const lapsed = (date: string): string => (date < now ? ` (lapsed on ${longDate(date)})` : '');
  const marks: Mark[] = [
    ...c.milestones.map((m) => ({
      label: `${m.title}${m.done ? ' (done)' : ''}`,
      date: m.due,
      kind: 'milestone' as const,
    })),
    ...c.extensionOptions
      .filter((o) => o.noticeBy)
      .map((o) => ({
        label: `Notice to extend by ${o.months} months${o.exercised ? ' (exercised)' : lapsed(o.noticeBy)}`,
        date: o.noticeBy,
        kind: 'option' as const,
      })),
  ];
  const dates = [c.termStart, end, now, ...marks.map((m) => m.date), ...breaks.map((b) => b.from)]
    .filter(Boolean)
    .sort();
  const first = dayNumber(dates[0] ?? c.termStart);
  const last = dayNumber(dates.at(-1) ?? end);
  const span = Math.max(1, last - first);
  const x = (date: string): number => PAD + ((dayNumber(date) - first) / span) * (WIDTH - 2 * PAD);
  return (
    <section className="panel contract-timeline" aria-labelledby={titleId}>
      <h2 id={titleId} className="panel-title">
        Timeline
      </h2>
      <svg viewBox={`0 0 ${WIDTH} 120`} role="img" aria-labelledby={`${titleId}-svg`} className="timeline-svg">
        <title id={`${titleId}-svg`}>
          {`${c.reference}: term ${formatCalendarDate(c.termStart)} to ${formatCalendarDate(c.termEnd)}${c.maxExtentDate && c.maxExtentDate !== c.termEnd ? `, at most to ${formatCalendarDate(c.maxExtentDate)}` : ''}; today ${formatCalendarDate(now)}`}
        </title>
        {c.maxExtentDate && c.maxExtentDate > c.termEnd && (
          <rect
            x={x(c.termEnd)}
            y={44}
            width={Math.max(1, x(c.maxExtentDate) - x(c.termEnd))}
            height={16}
            className="timeline-extension"
          />
        )}
        <rect
          x={x(c.termStart)}
          y={44}
          width={Math.max(1, x(c.termEnd) - x(c.termStart))}
          height={16}
          className="timeline-term"
        />
        {breaks.map((b) => (
          <rect
            key={`${b.from}-${b.to}`}
            x={x(b.from)}
            y={66}
            width={Math.max(2, x(b.to) - x(b.from))}
            height={10}
            className="timeline-break"
          />
        ))}
        {marks.map((m) => (
          <g key={`${m.kind}-${m.date}-${m.label}`}>
            <line x1={x(m.date)} x2={x(m.date)} y1={30} y2={44} className={`timeline-mark timeline-${m.kind}`} />
            <circle cx={x(m.date)} cy={30} r={4} className={`timeline-dot timeline-${m.kind}`} />
          </g>
        ))}
        <line x1={x(now)} x2={x(now)} y1={10} y2={96} className="timeline-today" />
        <text x={x(now) + 4} y={20} className="timeline-label">
          Today
        </text>
        <text x={x(c.termStart)} y={108} className="timeline-label">
          {formatCalendarDate(c.termStart)}
        </text>
        <text x={x(end)} y={108} textAnchor="end" className="timeline-label">
          {formatCalendarDate(end)}
        </text>
      </svg>
      <ul className="timeline-legend">
        <li>
          <span className="timeline-key timeline-key-term" aria-hidden="true" /> Term: {formatCalendarDate(c.termStart)}{' '}
          to {formatCalendarDate(c.termEnd)}
          {c.termEnd !== detail.value.contract.termEnd &&
            ` (extended; as let it ended on ${formatCalendarDate(detail.value.contract.termEnd)})`}
        </li>
        {c.maxExtentDate && c.maxExtentDate > c.termEnd && (
          <li>
            <span className="timeline-key timeline-key-extension" aria-hidden="true" /> With every extension, at most to{' '}
            {formatCalendarDate(c.maxExtentDate)}
          </li>
        )}
        {breaks.map((b) => (
          <li key={`legend-${b.from}`}>
            <span className="timeline-key timeline-key-break" aria-hidden="true" /> Break-clause notice window:{' '}
            {formatCalendarDate(b.from)} to {formatCalendarDate(b.to)}
            {b.note ? ` (${b.note})` : ''}
            {lapsed(b.from)}
          </li>
        ))}
        {[...marks]
          .sort((a, b) => a.date.localeCompare(b.date))
          .map((m) => (
            <li key={`legend-${m.kind}-${m.date}-${m.label}`}>
              <span className={`timeline-key timeline-key-${m.kind}`} aria-hidden="true" /> {m.label}:{' '}
              {formatCalendarDate(m.date)}
            </li>
          ))}
      </ul>
    </section>
  );
}
