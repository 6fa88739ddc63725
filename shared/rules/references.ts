/**
 * Decision references from a pattern such as `PCD {yyyy}-{seq:3}`: unique and
 * never reused. The next number is one past the highest ever used for that
 * year, archived decisions included (records are never deleted).
 */

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The reference for `year` and `seq` under `pattern`. */
export function formatReference(pattern: string, year: number, seq: number): string {
  return pattern
    .replace(/\{yyyy\}/g, String(year))
    .replace(/\{seq(?::(\d))?\}/g, (_m, width: string | undefined) => String(seq).padStart(Number(width ?? 1), '0'));
}

/** The sequence number in `reference` if it follows `pattern` for `year`, else null. */
export function sequenceOf(pattern: string, year: number, reference: string): number | null {
  let source = '';
  let rest = pattern;
  while (rest.length > 0) {
    const token = /\{yyyy\}|\{seq(?::\d)?\}/.exec(rest);
    if (!token) {
      source += escape(rest);
      break;
    }
    source += escape(rest.slice(0, token.index));
    source += token[0] === '{yyyy}' ? String(year) : '(\\d+)';
    rest = rest.slice(token.index + token[0].length);
  }
  const match = new RegExp(`^${source}$`).exec(reference);
  return match ? Number(match[1]) : null;
}

/** The next reference for `year`, one past the highest of `existing` that follows the pattern. */
export function nextReference(pattern: string, year: number, existing: Iterable<string>): string {
  let highest = 0;
  for (const reference of existing) {
    const seq = sequenceOf(pattern, year, reference);
    if (seq !== null && seq > highest) highest = seq;
  }
  return formatReference(pattern, year, highest + 1);
}
