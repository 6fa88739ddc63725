/**
 * How the app writes dates, times and sizes for a person: British English,
 * e.g. "27 Nov 2026, 09:05".
 */

const dateTime = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short' });
const dateTimeLong = new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeStyle: 'short' });
const dateTimeSeconds = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'medium' });

/** An instant as a short date and time, e.g. "27 Nov 2026, 09:05"; the input as is when it is not a date. */
export function formatDateTime(instant: string): string {
  const date = new Date(instant);
  return Number.isNaN(date.getTime()) ? instant : dateTime.format(date);
}

/** An instant with the month in full, e.g. "27 November 2026 at 09:05", for sentences. */
export function formatDateTimeLong(instant: string): string {
  const date = new Date(instant);
  return Number.isNaN(date.getTime()) ? instant : dateTimeLong.format(date);
}

/** An instant to the second, e.g. "27 Nov 2026, 09:05:12", where entries come close together. */
export function formatDateTimeSeconds(instant: string): string {
  const date = new Date(instant);
  return Number.isNaN(date.getTime()) ? instant : dateTimeSeconds.format(date);
}

const sizeFormat = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 });

/** A size in bytes for a person, e.g. "12.4 KB" or "3.1 MB" (1 KB = 1,024 bytes). */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${sizeFormat.format(bytes)} ${bytes === 1 ? 'byte' : 'bytes'}`;
  const units = ['KB', 'MB', 'GB', 'TB'] as const;
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${sizeFormat.format(value)} ${units[unit]}`;
}
