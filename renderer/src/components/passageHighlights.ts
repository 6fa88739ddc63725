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

/** Whether a passage is on screen (and inside its scrolling box, if any). */
function inView(range: Range, box: HTMLElement | null): boolean {
  const at = range.getBoundingClientRect();
  if (box !== null) {
    const frame = box.getBoundingClientRect();
    if (at.top < frame.top || at.bottom > frame.bottom) return false;
  }
  return at.top >= 0 && at.bottom <= window.innerHeight;
}

/** Puts a passage a third of the way down its scrolling box (if any), then the window so it is on screen. */
function placeInView(range: Range, box: HTMLElement | null): void {
  if (box !== null) {
    const at = range.getBoundingClientRect();
    const frame = box.getBoundingClientRect();
    box.scrollTop += at.top - frame.top - box.clientHeight / 3;
  }
  const at = range.getBoundingClientRect();
  if (box === null || at.top < 0 || at.bottom > window.innerHeight) {
    window.scrollBy({ top: at.top - window.innerHeight / 3, behavior: 'instant' });
  }
}

/** How many frames a revealed passage is watched for, and how many it must stay in view to be settled. */
const SETTLE_FRAMES = 60;
const STEADY_FRAMES = 3;

/**
 * Scrolls a passage into view: inside its own scrolling box, if any (a PDF's
 * pages), a third of the way down, and the window so it is on screen. The
 * blocks of a long text are laid out only when they come near the screen
 * (`content-visibility: auto`), so the words above it may take their real
 * size after the first scroll and push it away: it is watched for a few
 * frames and put back until it stays.
 */
export function revealRange(range: Range, box: HTMLElement | null = null): void {
  placeInView(range, box);
  let frames = 0;
  let steady = 0;
  const settle = (): void => {
    if (!range.startContainer.isConnected || ++frames > SETTLE_FRAMES) return;
    if (inView(range, box)) steady++;
    else {
      steady = 0;
      placeInView(range, box);
    }
    if (steady < STEADY_FRAMES) requestAnimationFrame(settle);
  };
  requestAnimationFrame(settle);
}
