/**
 * The pieces the document builders write Markdown with: plain text made
 * literal, tables, embedded Markdown pushed under the document's headings,
 * dates and times written out in British English, and the document-control
 * block. Pure and locale-independent (month names are spelt here, not asked
 * of Intl), so the same data gives the same text on every machine.
 */
import { Lexer, marked, type Token, type Tokens } from 'marked';
import { longDate, weekdayOf } from '../dates/calendarDates.ts';
import { safeLinkHref } from './documentHtml.ts';
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
 * What to write instead of each piece of `tokens` that would not be inert in
 * a `.md` file: raw HTML (block or inline) escaped so it shows as text; a
 * link to anything but http(s) or mailto (`javascript:`, `data:`, a relative
 * path) reduced to its text, and its reference definition dropped; an image
 * named, not shown (as the printed documents do). Keyed by the raw Markdown of
 * the piece.
 */
function inertReplacements(tokens: Token[]): Map<string, string> {
  const replacements = new Map<string, string>();
  marked.walkTokens(tokens, (token) => {
    switch (token.type) {
      case 'html':
        // Every ASCII punctuation character backslash-escaped: the tag shows as text, and no
        // URL inside it (`https\://…`) or entity (`\&lt;`) comes alive either.
        replacements.set(token.raw, token.raw.replace(/[!-/:-@[-`{-~]/g, '\\$&'));
        break;
      case 'link': {
        const link = token as Tokens.Link;
        if (safeLinkHref(link.href) !== null) break;
        // An autolink (<javascript:…>) becomes its literal text; a [text](url) link its text.
        replacements.set(link.raw, link.raw.startsWith('<') ? text(link.text) : link.text);
        break;
      }
      case 'image': {
        const image = token as Tokens.Image;
        replacements.set(image.raw, text(`[Image not included${image.text ? `: ${image.text}` : ''}]`));
        break;
      }
      case 'def': {
        const def = token as Tokens.Def;
        if (safeLinkHref(def.href) === null) replacements.set(def.raw, '');
        break;
      }
      default:
        break;
    }
  });
  return replacements;
}

/** `markdown` with each replacement made, the longest pieces first (a link's text may hold a shorter piece). */
function replaced(markdown: string, replacements: Map<string, string>): string {
  let out = markdown;
  for (const [raw, safe] of [...replacements].sort((a, b) => b[0].length - a[0].length))
    out = out.split(raw).join(safe);
  return out;
}

/**
 * Markdown written in the app (a discussion summary, a decision's reasons),
 * trimmed, with its headings pushed down so that its `#` becomes level
 * `topLevel`: it sits under the document's own headings, and the outline of
 * a printed copy stays the document's. The result is as inert as the HTML
 * and PDF made from it: raw HTML is escaped, links other than http(s) and
 * mailto are reduced to their text, images are named rather than shown.
 */
export function embedded(markdown: string, topLevel: number): string {
  const source = markdown.replace(/\r\n?/g, '\n').trim();
  if (source === '') return '';
  const shift = Math.max(0, topLevel - 1);
  const tokens = new Lexer({ gfm: true }).lex(source);
  const replacements = inertReplacements(tokens);
  const out = tokens.map((token) => {
    if (!isHeading(token) || shift === 0) return replaced(token.raw, replacements);
    const trailing = /\n*$/.exec(token.raw)?.[0] ?? '';
    const depth = Math.min(6, token.depth + shift);
    return `${'#'.repeat(depth)} ${replaced(token.text, replacements).replace(/\n/g, ' ')}${trailing}`;
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
