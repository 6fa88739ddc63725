/**
 * Calendar arithmetic on `YYYY-MM-DD` dates: no time zones, no clock. Month
 * arithmetic follows the calendar: 24 June 2026 + 12 months = 24 June 2027;
 * 31 January + 1 month = the last day of February.
 */

// These run hundreds of thousands of times on a ten-year board (every recurring condition's due dates,
// every deadline): the usual shapes take a short path, anything else the general one.

/** Parses `YYYY-MM-DD` into numbers (month 1-12). */
export function partsOf(date: string): { y: number; m: number; d: number } {
  if (date.length === 10 && date.charCodeAt(4) === 45 && date.charCodeAt(7) === 45) {
    return { y: Number(date.slice(0, 4)), m: Number(date.slice(5, 7)), d: Number(date.slice(8, 10)) };
  }
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return { y, m, d };
}

/** "00" to "99". */
const TWO_DIGITS = Array.from({ length: 100 }, (_, n) => String(n).padStart(2, '0'));

/** Formats numbers (month 1-12) as `YYYY-MM-DD`. */
export function dateOf(y: number, m: number, d: number): string {
  const mm = TWO_DIGITS[m];
  const dd = TWO_DIGITS[d];
  if (y >= 1000 && y <= 9999 && Number.isInteger(y) && mm !== undefined && dd !== undefined) return `${y}-${mm}-${dd}`;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** Days in each month of a common year (index 1-12). */
const MONTH_DAYS = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Days in a month (month 1-12). */
export function daysInMonth(y: number, m: number): number {
  if (m >= 1 && m <= 12 && Number.isInteger(m) && y >= 100 && Number.isInteger(y)) {
    if (m !== 2) return MONTH_DAYS[m]!;
    return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  }
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

/** Whole numbers as en-GB writes them ("1,234"): one formatter, not one per call. */
const COUNT = new Intl.NumberFormat('en-GB');

/** A number of days in words: "1 day", "90 days". */
export function dayCount(n: number): string {
  return n === 1 ? '1 day' : `${COUNT.format(n)} days`;
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
