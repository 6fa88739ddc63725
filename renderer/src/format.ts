/**
 * How the app writes dates, times and sizes for a person: British English,
 * one way everywhere: the day, the month in full and the year ("27 November
 * 2026", shared/dates longDate), with the time after a comma for an instant
 * ("27 November 2026, 09:05"). No abbreviated months ("Nov", "Sept"): a card
 * never shows one date two ways.
 */
import { longDate } from '../../shared/dates/calendarDates.ts';

const DAY = { day: 'numeric', month: 'long', year: 'numeric' } as const;
const dateTime = new Intl.DateTimeFormat('en-GB', { ...DAY, hour: '2-digit', minute: '2-digit' });
const dateTimeLong = new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeStyle: 'short' });
const dateTimeSeconds = new Intl.DateTimeFormat('en-GB', {
  ...DAY,
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

/** "27 November 2026 at 09:05" as Intl writes it, to "27 November 2026, 09:05". */
function withComma(text: string): string {
  return text.replace(' at ', ', ');
}

/** An instant as a date and time, e.g. "27 November 2026, 09:05"; the input as is when it is not a date. */
export function formatDateTime(instant: string): string {
  const date = new Date(instant);
  return Number.isNaN(date.getTime()) ? instant : withComma(dateTime.format(date));
}

const timeOfDay = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit' });

/** An instant's time of day, e.g. "09:05" (for something of today); the input as is when it is not a date. */
export function formatTimeOfDay(instant: string): string {
  const date = new Date(instant);
  return Number.isNaN(date.getTime()) ? instant : timeOfDay.format(date);
}

/** An instant with the month in full, e.g. "27 November 2026 at 09:05", for sentences. */
export function formatDateTimeLong(instant: string): string {
  const date = new Date(instant);
  return Number.isNaN(date.getTime()) ? instant : dateTimeLong.format(date);
}

/** An instant to the second, e.g. "27 November 2026, 09:05:12", where entries come close together. */
export function formatDateTimeSeconds(instant: string): string {
  const date = new Date(instant);
  return Number.isNaN(date.getTime()) ? instant : withComma(dateTimeSeconds.format(date));
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

const calendarDateLong = new Intl.DateTimeFormat('en-GB', {
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});

function calendarDateOf(date: string): Date | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (match === null) return undefined;
  const value = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return Number.isNaN(value.getTime()) ? undefined : value;
}

/** A calendar date (`YYYY-MM-DD`) as "24 June 2026"; the input as is when it is not one (and "" stays ""). */
export function formatCalendarDate(date: string): string {
  return calendarDateOf(date) === undefined ? date : longDate(date);
}

/** A calendar date with its weekday, e.g. "Wednesday 24 June 2026", for a meeting's heading. */
export function formatCalendarDateLong(date: string): string {
  const value = calendarDateOf(date);
  return value === undefined ? date : calendarDateLong.format(value).replace(',', '');
}
