/**
 * The deadlines as an iCalendar file (RFC 5545), written by hand: for each
 * deadline an all-day VEVENT (the calendars of Google and Apple ignore
 * VTODO) with a VALARM per lead time, and a VTODO beside it for the task
 * lists that read them. Stable UIDs from the deadline key; SEQUENCE from
 * the source's last change. Lines end in CRLF, text is escaped, and long
 * lines are folded at 75 octets of UTF-8, never inside a character.
 */
import { addDays } from '../dates/calendarDates.ts';
import { DEADLINE_SOURCE_LABELS, type Deadline } from '../rules/deadlines.ts';

/** What the writer reads of a deadline. */
export type IcsDeadline = Pick<
  Deadline,
  'key' | 'title' | 'due' | 'owner' | 'source' | 'reference' | 'detail' | 'status' | 'derived' | 'since' | 'leadDays'
>;

/** Options of {@link deadlinesToIcs}. */
export interface IcsOptions {
  /** The export instant: DTSTAMP of every component. */
  readonly now: Date;
  /** Shown by calendars as the calendar's name. */
  readonly calendarName: string;
}

/** Characters that mean a line break somewhere: kept as an escaped new line (`\\n`). */
// eslint-disable-next-line no-control-regex -- matching control characters is the point here
const LINE_BREAKS = /\r\n|[\r\n\u000B\u000C\u0085\u2028\u2029]/g;
/**
 * What RFC 5545 does not allow in TEXT (controls other than tab, §3.3.11's
 * TSAFE-CHAR), the C1 controls and lone surrogates (not UTF-8 at all): dropped.
 */
const NOT_TEXT =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point here
  /[\u0000-\u0008\u000E-\u001F\u007F-\u0084\u0086-\u009F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Escapes a TEXT value (RFC 5545 §3.3.11): backslash, semicolon, comma and
 * line ends. Every character that means a line break (CR, LF, VT, FF, U+0085,
 * U+2028, U+2029) becomes an escaped new line, so no parser that splits lines
 * on one of them sees a property that is not there; other controls and lone
 * surrogates are dropped. Stored text has none of these since schema version
 * 6; the writer does not rely on that.
 */
export function escapeText(value: string): string {
  return value
    .replace(NOT_TEXT, '')
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(LINE_BREAKS, '\\n');
}

function utf8Length(codePoint: number): number {
  return codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
}

/**
 * Folds one content line so no physical line is longer than 75 octets
 * (RFC 5545 §3.1): continuation lines start with a space, which counts
 * towards their 75. Splits only between characters (whole code points), so a
 * multi-byte UTF-8 sequence is never cut.
 */
export function foldLine(line: string): string {
  // Most lines are short ASCII: nothing to fold.
  if (line.length <= 75 && /^[\x20-\x7e]*$/.test(line)) return line;
  const out: string[] = [];
  let current = '';
  let octets = 0;
  let limit = 75;
  for (const char of line) {
    const size = utf8Length(char.codePointAt(0) ?? 0);
    if (octets + size > limit) {
      out.push(current);
      current = ' ';
      octets = 1;
      limit = 75;
    }
    current += char;
    octets += size;
  }
  out.push(current);
  return out.join('\r\n');
}

/** `YYYY-MM-DD` as an iCalendar DATE. */
function icsDate(date: string): string {
  return date.replace(/-/g, '');
}

/** An instant as an iCalendar UTC DATE-TIME. */
function icsInstant(instant: Date): string {
  return instant
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

const SEQUENCE_EPOCH = Date.UTC(2020, 0, 1);

/**
 * SEQUENCE from the instant the deadline last changed (its source's or its
 * reminder settings'): seconds since 2020. It rises whenever the source
 * changes, with nothing extra to store; a counter would need a record per
 * derived deadline, written on every change of its source. Fits a 32-bit
 * integer until 2088.
 */
export function sequenceOf(since: string): number {
  const ms = Date.parse(since);
  return Number.isNaN(ms) ? 0 : Math.max(0, Math.floor((ms - SEQUENCE_EPOCH) / 1000));
}

/** A VALARM trigger for `days` before the start: `-P14D`, or `PT0S` on the day (never `-P14DT`). */
export function triggerOf(days: number): string {
  return days === 0 ? 'PT0S' : `-P${days}D`;
}

/** The UID of a deadline's event (`part` = event) or task (`part` = todo). */
export function uidOf(key: string, part: 'event' | 'todo'): string {
  return `${key}.${part}@boardkeeper`;
}

function describe(d: IcsDeadline): string {
  return [
    d.detail !== d.title ? d.detail : '',
    d.owner.name ? `Owner: ${d.owner.name}${d.owner.email ? ` <${d.owner.email}>` : ''}` : '',
    `Source: ${DEADLINE_SOURCE_LABELS[d.source.kind]}${d.reference ? ` ${d.reference}` : ''}`,
    d.derived ? 'This deadline follows its source: change it there, in Boardkeeper.' : '',
  ]
    .filter(Boolean)
    .join('\n');
}

/** The deadlines as one iCalendar file (METHOD:PUBLISH), CRLF line ends. */
export function deadlinesToIcs(deadlines: readonly IcsDeadline[], options: IcsOptions): string {
  const stamp = icsInstant(options.now);
  const lines: string[] = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Boardkeeper//Deadlines//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(options.calendarName)}`,
  ];
  // Plain code-unit order (not localeCompare): dates and keys are ASCII, and it is many times faster.
  const byDue = (a: IcsDeadline, b: IcsDeadline): number =>
    a.due < b.due ? -1 : a.due > b.due ? 1 : a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
  for (const d of [...deadlines].sort(byDue)) {
    const summary = escapeText(d.title);
    const description = escapeText(describe(d));
    const sequence = sequenceOf(d.since);
    const category = escapeText(DEADLINE_SOURCE_LABELS[d.source.kind]);
    lines.push(
      'BEGIN:VEVENT',
      `UID:${uidOf(d.key, 'event')}`,
      `DTSTAMP:${stamp}`,
      `SEQUENCE:${sequence}`,
      `DTSTART;VALUE=DATE:${icsDate(d.due)}`,
      `DTEND;VALUE=DATE:${icsDate(addDays(d.due, 1))}`,
      `SUMMARY:${summary}`,
      `DESCRIPTION:${description}`,
      `CATEGORIES:${category}`,
      'TRANSP:TRANSPARENT',
      `STATUS:${d.status === 'open' ? 'CONFIRMED' : 'CANCELLED'}`,
    );
    // Alarms on the event only: on the task as well, every alarm would ring twice.
    if (d.status === 'open') {
      for (const lead of [...new Set(d.leadDays)].sort((a, b) => b - a)) {
        lines.push(
          'BEGIN:VALARM',
          'ACTION:DISPLAY',
          `DESCRIPTION:${summary}`,
          `TRIGGER:${triggerOf(lead)}`,
          'END:VALARM',
        );
      }
    }
    lines.push(
      'END:VEVENT',
      'BEGIN:VTODO',
      `UID:${uidOf(d.key, 'todo')}`,
      `DTSTAMP:${stamp}`,
      `SEQUENCE:${sequence}`,
      `DUE;VALUE=DATE:${icsDate(d.due)}`,
      `SUMMARY:${summary}`,
      `DESCRIPTION:${description}`,
      `CATEGORIES:${category}`,
      `STATUS:${d.status === 'open' ? 'NEEDS-ACTION' : 'COMPLETED'}`,
      'END:VTODO',
    );
  }
  lines.push('END:VCALENDAR');
  return `${lines.map(foldLine).join('\r\n')}\r\n`;
}
