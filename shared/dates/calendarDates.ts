/**
 * Calendar arithmetic on `YYYY-MM-DD` dates: no time zones, no clock. Month
 * arithmetic follows the calendar: 24 June 2026 + 12 months = 24 June 2027;
 * 31 January + 1 month = the last day of February.
 */

/** Parses `YYYY-MM-DD` into numbers (month 1-12). */
export function partsOf(date: string): { y: number; m: number; d: number } {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return { y, m, d };
}

/** Formats numbers (month 1-12) as `YYYY-MM-DD`. */
export function dateOf(y: number, m: number, d: number): string {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** Days in a month (month 1-12). */
export function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** `date` plus `days` (may be negative). */
export function addDays(date: string, days: number): string {
  const { y, m, d } = partsOf(date);
  const t = new Date(Date.UTC(y, m - 1, d + days));
  return dateOf(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
}

/** `date` plus `months`, clamped to the end of a shorter month. */
export function addMonths(date: string, months: number): string {
  const { y, m, d } = partsOf(date);
  const index = y * 12 + (m - 1) + months;
  const ny = Math.floor(index / 12);
  const nm = (index % 12) + 1;
  return dateOf(ny, nm, Math.min(d, daysInMonth(ny, nm)));
}

/** Day of the week, 0 = Sunday ... 6 = Saturday. */
export function weekdayOf(date: string): number {
  const { y, m, d } = partsOf(date);
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
}

/** Whole days from `a` to `b` (positive when b is later). */
export function daysBetween(a: string, b: string): number {
  const pa = partsOf(a);
  const pb = partsOf(b);
  return Math.round((Date.UTC(pb.y, pb.m - 1, pb.d) - Date.UTC(pa.y, pa.m - 1, pa.d)) / 86_400_000);
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** A number of days in words: "1 day", "90 days". */
export function dayCount(n: number): string {
  return n === 1 ? '1 day' : `${n.toLocaleString('en-GB')} days`;
}

/** The month of `YYYY-MM-DD` (or `YYYY-MM`) in words: "June 2027". */
export function monthYear(date: string): string {
  const { y, m } = partsOf(date.length === 7 ? `${date}-01` : date);
  return `${MONTHS[m - 1]} ${y}`;
}

/** `YYYY-MM-DD` as "24 June 2027"; anything else as it is. */
export function longDate(date: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return date;
  const { y, m, d } = partsOf(date);
  return `${d} ${MONTHS[m - 1]} ${y}`;
}
