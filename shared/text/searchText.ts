/**
 * How text is cut into search terms, the same for the index and the queries:
 * lower case, accents folded, letters and digits only.
 */

/** Folds case and accents: "Décision" -> "decision". */
export function fold(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

/**
 * The search terms of a text, in order (duplicates kept). Self-contained (no
 * reference to anything outside it): the search index's worker thread runs
 * this very function from its source text, so the index and the queries cut
 * text the same way.
 */
export function termsOf(text: string): string[] {
  // Most board text is plain ASCII: folding it is lower-casing, and its letters and digits are
  // [a-z0-9]. The Unicode path (NFKD and property classes) costs several times more.
  if (!/[^\t\n\r\u0020-\u007e]/.test(text)) return text.toLowerCase().match(/[a-z0-9]+/g) ?? [];
  return (
    text
      .normalize('NFKD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu) ?? []
  );
}

/** A short extract of `text` around the first of `terms`, for a result list. */
export function snippetOf(text: string, terms: readonly string[], width = 160): string {
  // A paper's whole text passes through here: for ASCII (most), folding is lower-casing, far cheaper than NFKD.
  const folded = /[^\t\n\r\u0020-\u007e]/.test(text) ? fold(text) : text.toLowerCase();
  let at = -1;
  for (const term of terms) {
    const i = folded.indexOf(term);
    if (i !== -1 && (at === -1 || i < at)) at = i;
  }
  const plain = (s: string) =>
    s
      .replace(/[#*_`>|[\]]+/g, ' ')
      .replace(/\s+/g, ' ')
      .trim();
  if (at === -1) return plain(text.slice(0, width));
  const start = Math.max(0, at - Math.floor(width / 3));
  return `${start > 0 ? '…' : ''}${plain(text.slice(start, start + width))}${start + width < text.length ? '…' : ''}`;
}

/**
 * The page (1-based) of the first of `terms` in a text whose pages are
 * separated by form feeds (a PDF paper's text), or null when the text has no
 * pages or none of the terms is in it.
 */
export function pageOfFirstTerm(text: string, terms: readonly string[]): number | null {
  if (!text.includes('\f')) return null;
  const folded = /[^\t\n\r\f\u0020-\u007e]/.test(text) ? fold(text) : text.toLowerCase();
  let at = -1;
  for (const term of terms) {
    const i = folded.indexOf(term);
    if (i !== -1 && (at === -1 || i < at)) at = i;
  }
  if (at === -1) return null;
  let page = 1;
  for (let i = text.indexOf('\f'); i !== -1 && i < at; i = text.indexOf('\f', i + 1)) page++;
  return page;
}
