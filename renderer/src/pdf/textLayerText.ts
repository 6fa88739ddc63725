/**
 * The words of a pdf.js text layer (or of a Markdown paper drawn in the page) as one string with its white space
 * collapsed (a line break counts as a space), each character mapped back to
 * its place in the page's DOM: to find a quoted passage on a page and
 * highlight it, and to tell which appearance of its words a selection is.
 * The same collapsing as the backend's plain text, so quotes match.
 */

/** A text layer's collapsed words, and where each character is in the DOM. */
export interface CollapsedText {
  readonly text: string;
  readonly at: ReadonlyArray<{ readonly node: Text; readonly offset: number }>;
}

/** The collapsed text of an element's text nodes, `<br>` counting as a space. */
export function collapsedTextOf(root: Element): CollapsedText {
  let text = '';
  const at: Array<{ node: Text; offset: number }> = [];
  let pending = false;
  const walker = root.ownerDocument.createTreeWalker(root, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT);
  for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
    if (node.nodeType === Node.ELEMENT_NODE) {
      if ((node as Element).tagName === 'BR') pending = text.length > 0;
      continue;
    }
    const t = node as Text;
    const data = t.data;
    for (let i = 0; i < data.length; i++) {
      const ch = data[i]!;
      if (/\s/.test(ch)) {
        pending = text.length > 0;
        continue;
      }
      if (pending) {
        text += ' ';
        at.push({ node: t, offset: i });
        pending = false;
      }
      text += ch;
      at.push({ node: t, offset: i });
    }
  }
  return { text, at };
}

/** The start of the n-th (1-based) appearance of `words` (white space collapsed) in `text`, or -1. */
export function nthOccurrence(text: string, words: string, n: number): number {
  const needle = words.replace(/\s+/g, ' ').trim();
  if (needle === '') return -1;
  let at = -1;
  for (let seen = 0; seen < n; seen++) {
    at = text.indexOf(needle, at + 1);
    if (at === -1) return -1;
  }
  return at;
}

/** A DOM range over characters `start` to `end` of the collapsed text. */
export function rangeOfCollapsed(collapsed: CollapsedText, start: number, end: number): Range | null {
  const first = collapsed.at[start];
  const last = collapsed.at[end - 1];
  if (!first || !last) return null;
  const range = first.node.ownerDocument.createRange();
  range.setStart(first.node, first.offset);
  range.setEnd(last.node, last.offset + 1);
  return range;
}

/**
 * The index in the collapsed text of the first character at or after DOM
 * point (`container`, `offset`) (the text's length when none is): where a
 * selection starting or ending there starts or ends in it.
 */
export function indexAtPoint(collapsed: CollapsedText, container: Node, offset: number): number {
  const range = container.ownerDocument!.createRange();
  range.setStart(container, offset);
  // The characters are in document order: the first not before the point, by halves.
  let low = 0;
  let high = collapsed.at.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    const p = collapsed.at[mid]!;
    if (range.comparePoint(p.node, p.offset) < 0) low = mid + 1;
    else high = mid;
  }
  return low;
}

/**
 * Which appearance (1-based) of `words` a selection starting at DOM point
 * (`container`, `offset`) is, counting the appearances that start before it.
 */
export function occurrenceBefore(collapsed: CollapsedText, container: Node, offset: number, words: string): number {
  const index = indexAtPoint(collapsed, container, offset);
  const needle = words.replace(/\s+/g, ' ').trim();
  let count = 0;
  for (let at = collapsed.text.indexOf(needle); at !== -1 && at < index; at = collapsed.text.indexOf(needle, at + 1)) {
    count++;
  }
  // A selection that starts on a space before its words starts at the next character.
  return collapsed.text.startsWith(needle, index) || collapsed.text.startsWith(needle, index + 1)
    ? count + 1
    : Math.max(1, count);
}
