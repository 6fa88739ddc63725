/**
 * The pieces the document builders write Markdown with: plain text made
 * literal, tables, embedded Markdown pushed under the document's headings,
 * dates and times written out in British English, and the document-control
 * block. Pure and locale-independent (month names are spelt here, not asked
 * of Intl), so the same data gives the same text on every machine.
 */
import { Lexer, type Token, type Tokens } from 'marked';
import { longDate, weekdayOf } from '../dates/calendarDates.ts';
import type { BuiltDocument, DocumentMeta } from './documentModel.ts';

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;

/**
 * Plain text (a title, a name) as Markdown that shows exactly that text: the
 * characters Markdown would act on are escaped, and line breaks become spaces.
 */
export function text(value: string): string {
  return value
    .replace(/\s*[\r\n]+\s*/g, ' ')
    .replace(/[\\`*_[\]<>|~&]/g, (c) => `\\${c}`)
    .replace(/^(\d+)([.)])/, '$1\\$2')
    .replace(/^([#+=-])/, '\\$1');
}

/** A Markdown table; every cell is plain text unless it is marked as Markdown already (`{ md }`). */
export function table(headers: readonly string[], rows: ReadonlyArray<ReadonlyArray<string | { md: string }>>): string {
  const cell = (value: string | { md: string }): string =>
    (typeof value === 'string' ? text(value) : value.md.replace(/\s*[\r\n]+\s*/g, ' ')) || ' ';
  const line = (cells: ReadonlyArray<string | { md: string }>): string => `| ${cells.map(cell).join(' | ')} |`;
  return [line(headers), `| ${headers.map(() => '---').join(' | ')} |`, ...rows.map(line)].join('\n');
}

/** A heading token (marked's Token union has a catch-all member, so `type` alone does not narrow it). */
function isHeading(token: Token): token is Tokens.Heading {
  return token.type === 'heading' && typeof token['depth'] === 'number' && typeof token['text'] === 'string';
}

/**
 * Markdown written in the app (a discussion summary, a decision's reasons),
 * trimmed, with its headings pushed down so that its `#` becomes level
 * `topLevel`: it sits under the document's own headings, and the outline of
 * a printed copy stays the document's.
 */
export function embedded(markdown: string, topLevel: number): string {
  const source = markdown.replace(/\r\n?/g, '\n').trim();
  if (source === '') return '';
  const shift = Math.max(0, topLevel - 1);
  const tokens = new Lexer({ gfm: true }).lex(source);
  const out = tokens.map((token) => {
    if (!isHeading(token) || shift === 0) return token.raw;
    const trailing = /\n*$/.exec(token.raw)?.[0] ?? '';
    const depth = Math.min(6, token.depth + shift);
    return `${'#'.repeat(depth)} ${token.text.replace(/\n/g, ' ')}${trailing}`;
  });
  return out.join('').trim();
}

/** A calendar date written out: "24 June 2026" (one spelling for documents and messages). */
export { longDate };

/** A calendar date with its weekday: "Wednesday 24 June 2026". */
export function dayDate(date: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return date;
  return `${WEEKDAYS[weekdayOf(date)] ?? ''} ${longDate(date)}`;
}

/** An instant as a date and time in the board's zone: "25 June 2026 at 16:30". */
export function longInstant(instant: string, timeZone: string): string {
  const at = new Date(instant);
  if (Number.isNaN(at.getTime())) return instant;
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at);
  const get = (type: string): string => parts.find((p) => p.type === type)?.value ?? '';
  return `${longDate(`${get('year')}-${get('month')}-${get('day')}`)} at ${get('hour')}:${get('minute')}`;
}

/** "1 condition", "3 conditions". */
export function count(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** A list of names as English: "A", "A and B", "A, B and C". */
export function listOf(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1) ?? ''}`;
}

/** A file-name-safe stem: letters, digits and hyphens. */
export function fileStemOf(...parts: readonly string[]): string {
  return parts
    .join('-')
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 120);
}

/**
 * Puts a document together: its title, the document-control list (one line
 * each; the "Generated" line is the only one that depends on the clock), then
 * the body.
 */
export function assemble(
  meta: DocumentMeta,
  subtitle: string,
  body: readonly string[],
  fileStem: string,
): BuiltDocument {
  const head = [
    `# ${text(meta.title)}`,
    subtitle,
    [
      `- **Board:** ${text(meta.boardName)}`,
      `- **Reference:** ${text(meta.reference)}`,
      `- **Version:** ${text(meta.version)}`,
      `- **Classification:** ${meta.classification === 'public' ? 'Public' : 'Confidential: not for publication'}`,
      `- **Generated:** ${longInstant(meta.generatedAt, meta.timeZone)} (${text(meta.timeZone)})`,
      `- **Made from the record at:** journal entry ${meta.position.seq}, hash \`${meta.position.hash}\``,
    ].join('\n'),
  ]
    .filter((part) => part !== '')
    .join('\n\n');
  const bodyMarkdown = body.filter((part) => part.trim() !== '').join('\n\n');
  return {
    meta,
    headMarkdown: `${head}\n`,
    bodyMarkdown: `${bodyMarkdown}\n`,
    markdown: `${head}\n\n${bodyMarkdown}\n`,
    fileStem,
  };
}
