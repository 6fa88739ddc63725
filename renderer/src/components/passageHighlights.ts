/**
 * The member's noted passages drawn over a paper's words with the CSS Custom
 * Highlight API (ranges, so the page's DOM is not changed): every reader that
 * draws some (the PDF reader's pages, a Markdown paper's text) sets its own
 * ranges under a key, merged here into two highlights, the noted passages
 * and the one shown now ("Show in the text", a note found with Ctrl+K),
 * styled in pdfReader.css (also in forced colours).
 */

/** The CSS highlight of noted passages. */
export const PASSAGE_HIGHLIGHT = 'bk-passage';
/** The CSS highlight of the noted passage shown now. */
export const CURRENT_PASSAGE_HIGHLIGHT = 'bk-passage-current';

const sources = new Map<string, { readonly ranges: readonly Range[]; readonly current: readonly Range[] }>();

function refresh(): void {
  if (typeof CSS === 'undefined' || !('highlights' in CSS)) return;
  const all = [...sources.values()];
  for (const [name, ranges] of [
    [PASSAGE_HIGHLIGHT, all.flatMap((s) => s.ranges)],
    [CURRENT_PASSAGE_HIGHLIGHT, all.flatMap((s) => s.current)],
  ] as const) {
    if (ranges.length === 0) CSS.highlights.delete(name);
    else CSS.highlights.set(name, new Highlight(...ranges));
  }
}

/** Sets the ranges one reader (or one page of it) draws: all its noted passages, and those among them shown now. */
export function setPassageRanges(key: string, ranges: readonly Range[], current: readonly Range[] = []): void {
  sources.set(key, { ranges, current });
  refresh();
}

/** Takes away what one reader (or page) drew. */
export function clearPassageRanges(key: string): void {
  if (sources.delete(key)) refresh();
}

/**
 * Scrolls a passage into view: inside its own scrolling box, if any (a PDF's
 * pages), a third of the way down, then the window so it is on screen.
 */
export function revealRange(range: Range, box: HTMLElement | null = null): void {
  if (box !== null) {
    const at = range.getBoundingClientRect();
    const frame = box.getBoundingClientRect();
    box.scrollTop += at.top - frame.top - box.clientHeight / 3;
  }
  const element = range.startContainer instanceof Element ? range.startContainer : range.startContainer.parentElement;
  if (box === null) element?.scrollIntoView({ block: 'center', behavior: 'instant' });
  const at = range.getBoundingClientRect();
  if (at.top < 0 || at.bottom > window.innerHeight) {
    window.scrollBy({ top: at.top - window.innerHeight / 3, behavior: 'instant' });
  }
}
