/**
 * Passage anchors: where a note on a passage of a paper points, kept so that
 * it survives a new version of the paper. An anchor is the quoted text with a
 * little context before and after it and its position (as the W3C Web
 * Annotation TextQuoteSelector plus a TextPositionSelector), all on the plain
 * text of the paper: its Markdown with the markup taken out and white space
 * collapsed, the same words the search index reads. Pure: no clock, no I/O.
 */

/** How many characters of context an anchor keeps on each side of the passage. */
export const ANCHOR_CONTEXT_CHARS = 32;

/**
 * How many characters of context (before and after together) an appearance
 * must share with the anchor to be taken for its passage.
 */
export const MIN_CONTEXT_AGREEMENT = 8;

/** The longest passage a note may quote, in characters. */
export const MAX_PASSAGE_CHARS = 2000;

/** Where a note on a passage points. */
export interface PassageAnchor {
  /** The passage itself, as it was in the plain text. */
  readonly exact: string;
  /** Up to {@link ANCHOR_CONTEXT_CHARS} characters just before it. */
  readonly prefix: string;
  /** Up to {@link ANCHOR_CONTEXT_CHARS} characters just after it. */
  readonly suffix: string;
  /** Its start in the plain text, in characters. */
  readonly start: number;
}

/** Where an anchor was found in a text, or that its passage is no longer there. */
export type AnchorPlace =
  { readonly found: true; readonly start: number; readonly end: number } | { readonly found: false };

/**
 * The plain text of a paper's Markdown: markup characters (headings, emphasis,
 * code marks, quotes, table bars, link brackets) become spaces and every run
 * of white space one space. Positions in anchors count in this text, so a
 * note keeps its place however the Markdown around the passage is laid out.
 */
export function plainTextOf(markdown: string): string {
  return markdown
    .replace(/[#*_`>|[\]]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Every start of `needle` in `text`, in order (overlapping ones included). */
export function occurrencesOf(text: string, needle: string): number[] {
  const out: number[] = [];
  if (needle === '') return out;
  for (let at = text.indexOf(needle); at !== -1; at = text.indexOf(needle, at + 1)) out.push(at);
  return out;
}

/** The anchor of the passage `text.slice(start, end)`. */
export function anchorAt(text: string, start: number, end: number): PassageAnchor {
  if (start < 0 || end > text.length || start >= end) {
    throw new RangeError(`A passage runs from 0 to ${text.length} and is not empty (got ${start} to ${end}).`);
  }
  return {
    exact: text.slice(start, end),
    prefix: text.slice(Math.max(0, start - ANCHOR_CONTEXT_CHARS), start),
    suffix: text.slice(end, end + ANCHOR_CONTEXT_CHARS),
    start,
  };
}

/**
 * The anchor of the `occurrence`-th (1-based) appearance of `passage` in the
 * plain text, or null when the passage does not appear that many times. The
 * passage is taken as a person quotes it: its white space collapsed.
 */
export function anchorOfPassage(plainText: string, passage: string, occurrence = 1): PassageAnchor | null {
  const exact = passage.replace(/\s+/g, ' ').trim();
  const starts = occurrencesOf(plainText, exact);
  const start = starts[occurrence - 1];
  return start === undefined ? null : anchorAt(plainText, start, start + exact.length);
}

/** How many characters at the end of `a` and `b` agree. */
function commonSuffixLength(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[a.length - 1 - n] === b[b.length - 1 - n]) n++;
  return n;
}

/** How many characters at the start of `a` and `b` agree. */
function commonPrefixLength(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return n;
}

/**
 * Finds an anchor's passage in a (new) plain text. The passage must be there
 * word for word; where it appears more than once, the appearance whose
 * surroundings best match the anchor's context wins, and among equals the one
 * nearest the old position. A passage no
 * longer there is not guessed at: `found: false`, and the note says so; nor
 * is an appearance whose surroundings share almost nothing with the anchor's
 * context (fewer than {@link MIN_CONTEXT_AGREEMENT} characters), which is
 * the same words in another place, not the passage noted.
 */
export function locateAnchor(anchor: PassageAnchor, plainText: string): AnchorPlace {
  const starts = occurrencesOf(plainText, anchor.exact);
  if (starts.length === 0) return { found: false };
  let best = starts[0]!;
  let bestScore = -1;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const start of starts) {
    const end = start + anchor.exact.length;
    const before = plainText.slice(Math.max(0, start - anchor.prefix.length), start);
    const after = plainText.slice(end, end + anchor.suffix.length);
    const score = commonSuffixLength(before, anchor.prefix) + commonPrefixLength(after, anchor.suffix);
    const distance = Math.abs(start - anchor.start);
    if (score > bestScore || (score === bestScore && distance < bestDistance)) {
      best = start;
      bestScore = score;
      bestDistance = distance;
    }
  }
  // An appearance whose surroundings share nothing with the anchor's context is another passage with the
  // same words (the noted one was removed, a twin elsewhere stayed): not taken for it.
  const needed = Math.min(MIN_CONTEXT_AGREEMENT, Math.max(anchor.prefix.length, anchor.suffix.length));
  if (bestScore < needed) return { found: false };
  return { found: true, start: best, end: best + anchor.exact.length };
}

/**
 * Where each page starts in {@link plainTextOf} of a text whose pages are
 * separated by form feeds ("\f", as a PDF paper's text is): entry i is the
 * position in the plain text of page i + 1's first character (a page with
 * no text starts where the next text does). A text without form feeds is one
 * page starting at 0. Walks the text once, doing what plainTextOf does.
 */
export function pageStartsOf(text: string): number[] {
  const starts = [0];
  let length = 0;
  let pendingSpace = false;
  let pendingPages = 0;
  const marked = text.replace(/[#*_`>|[\]]/g, ' ');
  for (const ch of marked) {
    if (/\s/.test(ch)) {
      if (ch === '\f') pendingPages++;
      pendingSpace = length > 0;
      continue;
    }
    if (pendingSpace) length++;
    pendingSpace = false;
    for (; pendingPages > 0; pendingPages--) starts.push(length);
    length += ch.length;
  }
  for (; pendingPages > 0; pendingPages--) starts.push(length);
  return starts;
}

/** The page (1-based) holding a position of the plain text, given {@link pageStartsOf}. */
export function pageAt(pageStarts: readonly number[], position: number): number {
  let low = 0;
  let high = pageStarts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (pageStarts[mid]! <= position) low = mid;
    else high = mid - 1;
  }
  return low + 1;
}

/**
 * The page (1-based) a PDF paper's text (pages separated by "\f") holds an
 * anchor's passage on now, or null when the passage is no longer there.
 */
export function pageOfAnchor(anchor: PassageAnchor, pdfText: string): number | null {
  const found = locateAnchor(anchor, plainTextOf(pdfText));
  return found.found ? pageAt(pageStartsOf(pdfText), found.start) : null;
}

/**
 * How the words a reader shows (a Markdown paper drawn in the page: its
 * text nodes, white space collapsed) line up with the plain text: pairs of
 * positions (`shown[k]` in the shown text is `plain[k]` in the plain text),
 * both increasing. Only the characters that carry words are paired: white
 * space and the markup characters plainTextOf takes out are not. The plain
 * text holds what the page does not show (list marks, a link's address, raw
 * tags, escapes), skipped; the page shows a little the plain text lacks (a
 * drawn task box, a decoded entity, "Image not loaded"), left unpaired.
 */
export interface ShownAlignment {
  readonly shown: Int32Array;
  readonly plain: Int32Array;
}

/**
 * Characters that carry no words: white space, the markup characters
 * plainTextOf takes out, and the backslash of an escape ("1\." shows as "1.").
 */
const WORDLESS = /[\s#*_`>|[\]\\]/;

/** How many characters ahead a resynchronisation looks for first (a link's address, a list mark). */
const ALIGN_NEAR = 4096;
/**
 * How many shown characters must agree to resynchronise on them nearby
 * (more first, so a word inside a link's address is not taken for the word
 * after the link; fewer when another difference comes soon), and far away.
 */
const ALIGN_KEYS_NEAR = [16, 6];
const ALIGN_KEY_FAR = 24;

function wordCharacters(text: string): { chars: string; at: Int32Array } {
  let chars = '';
  const at = new Int32Array(text.length);
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (WORDLESS.test(ch)) continue;
    chars += ch;
    at[n++] = i;
  }
  return { chars, at: at.subarray(0, n) };
}

/**
 * Lines the shown text up with the plain text (see {@link ShownAlignment}).
 * Walks both once: where they differ, the shown words just ahead are looked
 * for a little further on in the plain text (what it holds and the page does
 * not show), then anywhere after; a shown character found nowhere is left
 * unpaired.
 */
export function alignShownText(plainText: string, shownText: string): ShownAlignment {
  const a = wordCharacters(shownText);
  const b = wordCharacters(plainText);
  const shown = new Int32Array(a.chars.length);
  const plain = new Int32Array(a.chars.length);
  let pairs = 0;
  let i = 0;
  let j = 0;
  while (i < a.chars.length && j < b.chars.length) {
    if (a.chars[i] === b.chars[j]) {
      shown[pairs] = a.at[i]!;
      plain[pairs++] = b.at[j]!;
      i++;
      j++;
      continue;
    }
    const ahead = b.chars.slice(j, j + ALIGN_NEAR);
    const near = ALIGN_KEYS_NEAR.map((k) => ahead.indexOf(a.chars.slice(i, i + k))).find((at) => at > 0);
    if (near !== undefined) {
      j += near;
      continue;
    }
    const far = a.chars.length - i >= ALIGN_KEY_FAR ? b.chars.indexOf(a.chars.slice(i, i + ALIGN_KEY_FAR), j + 1) : -1;
    if (far !== -1) {
      j = far;
      continue;
    }
    i++;
  }
  return { shown: shown.subarray(0, pairs), plain: plain.subarray(0, pairs) };
}

/** The first index of an increasing array whose value is at least `value` (its length when none is). */
function firstAtLeast(values: Int32Array, value: number): number {
  let low = 0;
  let high = values.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (values[mid]! < value) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** The span of `to` positions that the `from` positions `start` to `end` stand for (paired ones only), or null. */
function pairedSpan(
  from: Int32Array,
  to: Int32Array,
  start: number,
  end: number,
): { start: number; end: number } | null {
  const first = firstAtLeast(from, start);
  const last = firstAtLeast(from, end) - 1;
  return first > last ? null : { start: to[first]!, end: to[last]! + 1 };
}

/**
 * The span of the plain text that the shown characters `start` to `end`
 * stand for (from the first paired character in it to the last), or null
 * when none of them is paired (only white space or a drawn box).
 */
export function plainSpanOfShown(
  alignment: ShownAlignment,
  start: number,
  end: number,
): { start: number; end: number } | null {
  return pairedSpan(alignment.shown, alignment.plain, start, end);
}

/** The span of the shown text that the plain text's `start` to `end` are drawn as, or null when none of it is shown. */
export function shownSpanOfPlain(
  alignment: ShownAlignment,
  start: number,
  end: number,
): { start: number; end: number } | null {
  return pairedSpan(alignment.plain, alignment.shown, start, end);
}

/**
 * A passage given by its span of the plain text, as a note quotes it: its
 * words, and which appearance of them it is (1-based), so that
 * {@link anchorOfPassage} anchors this one and not a twin elsewhere.
 */
export function passageOfSpan(plainText: string, start: number, end: number): { passage: string; occurrence: number } {
  const passage = plainText.slice(start, end);
  return { passage, occurrence: occurrencesOf(plainText, passage).filter((at) => at <= start).length };
}
