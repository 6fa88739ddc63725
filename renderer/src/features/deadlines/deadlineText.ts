/**
 * How the Deadlines view words dates and reminders: British English, dates
 * as calendar dates (no time zone shift), instants in the page's zone.
 */
import type { OccurrenceView } from '../../../../shared/contract/deadlineViews.ts';
import type { DeadlineBand } from '../../../../shared/rules/deadlines.ts';

const dayLong = new Intl.DateTimeFormat('en-GB', {
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});
const monthName = new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });

function utcOf(date: string): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, (m || 1) - 1, d || 1));
}

/** `2027-06-24` as "Thursday 24 June 2027". */
export function longDate(date: string): string {
  return date ? dayLong.format(utcOf(date)).replace(',', '') : '';
}

/** `2027-06` as "June 2027". */
export function monthTitle(month: string): string {
  return monthName.format(utcOf(`${month}-01`));
}

/** Headings of the bands. */
export const BAND_LABELS: { [B in DeadlineBand]: string } = {
  overdue: 'Overdue',
  week: 'This week',
  month: 'Next 30 days',
  quarter: 'Next 90 days',
  later: 'Later',
  closed: 'Closed',
};

/** A reminder occurrence in words: "30 days before", "Overdue, week 2", "End of snooze", "3 earlier reminders, the last" (superseded ones). */
export function occurrenceText(o: Pick<OccurrenceView, 'kind' | 'offset'>): string {
  if (o.kind === 'settled') return o.offset === 1 ? 'An earlier reminder' : `${o.offset} earlier reminders, the last`;
  if (o.kind === 'snooze') return 'End of snooze';
  if (o.kind === 'overdue') return `Overdue, week ${o.offset}`;
  if (o.offset === 0) return 'On the day';
  return `${o.offset} ${o.offset === 1 ? 'day' : 'days'} before`;
}

/** The page of a deadline's source, by hash. */
export function sourceHref(source: { readonly kind: string; readonly id: string }, key: string): string {
  switch (source.kind) {
    case 'condition':
      return `#/conditions/${source.id}`;
    case 'contract':
      return `#/contracts/${source.id}`;
    case 'meeting':
      return `#/meetings/${source.id}`;
    case 'decision':
      return `#/decisions/${source.id}`;
    default:
      return `#/deadlines?key=${encodeURIComponent(key)}`;
  }
}
