/**
 * A Markdown (or Word, converted to Markdown) paper's text in the reader,
 * with the member's noted passages highlighted over it (ranges of the CSS
 * Custom Highlight API: the words are not rewrapped), also in the parts of
 * a long text put in the page later; text selected in it offered to
 * highlight and note, quoted as the plain text that search indexes reads it
 * and told apart from its twins by where it is; the passage shown now (a
 * note found with Ctrl+K, "Show in the text") scrolled into view and marked.
 */
import { useCallback, useEffect, useId, useMemo, useRef, useState, type ReactNode } from 'react';
import type { PaperNoteView } from '../../../../shared/contract/packViews.ts';
import {
  alignShownText,
  passageOfSpan,
  plainSpanOfShown,
  plainTextOf,
  shownSpanOfPlain,
  type ShownAlignment,
} from '../../../../shared/rules/passageAnchors.ts';
import { useQuery } from '../../apiHooks.ts';
import { Markdown } from '../../components/Markdown.tsx';
import { clearPassageRanges, revealRange, setPassageRanges } from '../../components/passageHighlights.ts';
import { collapsedTextOf, indexAtPoint, rangeOfCollapsed, type CollapsedText } from '../../pdf/textLayerText.ts';
import type { PassageSelection, ShownNote } from './PassageNotes.tsx';

/** How long the selection must rest before it is offered (a drag or Shift+arrows in progress moves it). */
const SELECTION_REST_MS = 150;

export function PaperText({
  paperId,
  body,
  shown,
  onSelect,
}: {
  readonly paperId: string;
  readonly body: string;
  /** The noted passage to show now, if any. */
  readonly shown: ShownNote | null;
  readonly onSelect: (selection: PassageSelection | null) => void;
}): ReactNode {
  const key = useId();
  const notes = useQuery('notes:list', { paperId });
  const noted = notes.status === 'ok' ? notes.value : undefined;
  const plain = useMemo(() => plainTextOf(body), [body]);
  const box = useRef<HTMLElement | null>(null);
  /** The words in the page and how they line up with the plain text, worked out again after each part. */
  const layout = useRef<{ collapsed: CollapsedText; alignment: ShownAlignment } | null>(null);
  const [parts, setParts] = useState(0);
  const revealed = useRef<string | undefined>(undefined);
  const reportSelection = useRef(onSelect);
  useEffect(() => {
    reportSelection.current = onSelect;
  });

  const onPart = useCallback((element: HTMLElement) => {
    box.current = element;
    layout.current = null;
    setParts((n) => n + 1);
  }, []);

  const layoutOf = useCallback((): { collapsed: CollapsedText; alignment: ShownAlignment } | null => {
    if (box.current === null) return null;
    if (layout.current === null) {
      const collapsed = collapsedTextOf(box.current);
      layout.current = { collapsed, alignment: alignShownText(plain, collapsed.text) };
    }
    return layout.current;
  }, [plain]);

  // The noted passages, drawn over the words put in the page so far.
  useEffect(() => {
    const passages = (noted ?? []).filter(
      (n): n is Extract<PaperNoteView, { kind: 'passage' }> => n.kind === 'passage' && n.place !== null,
    );
    const words = passages.length > 0 ? layoutOf() : null;
    if (words === null) {
      clearPassageRanges(key);
      return;
    }
    const drawn = passages.flatMap((n) => {
      const span = n.place === null ? null : shownSpanOfPlain(words.alignment, n.place.start, n.place.end);
      const range = span === null ? null : rangeOfCollapsed(words.collapsed, span.start, span.end);
      return range === null ? [] : [{ id: n.id, range }];
    });
    const current = drawn.filter((d) => d.id === shown?.note).map((d) => d.range);
    setPassageRanges(
      key,
      drawn.map((d) => d.range),
      current,
    );
    if (shown !== null && current[0] !== undefined && revealed.current !== shown.key) {
      revealed.current = shown.key;
      revealRange(current[0]);
    }
    return () => clearPassageRanges(key);
  }, [noted, parts, shown, key, layoutOf]);

  // A selection in the text (by mouse or keyboard): which words, and which appearance of them in the plain text.
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const report = (): void => {
      const element = box.current;
      const selection = window.getSelection();
      if (element === null || selection === null || selection.rangeCount === 0) return;
      const range = selection.getRangeAt(0);
      // A selection elsewhere (the note's own field) leaves the offer as it is; a click in the text clears it.
      if (!element.contains(range.startContainer) || !element.contains(range.endContainer)) return;
      const text = selection.toString().replace(/\s+/g, ' ').trim();
      const words = text === '' ? null : layoutOf();
      const span =
        words === null
          ? null
          : plainSpanOfShown(
              words.alignment,
              indexAtPoint(words.collapsed, range.startContainer, range.startOffset),
              indexAtPoint(words.collapsed, range.endContainer, range.endOffset),
            );
      reportSelection.current(span === null ? null : { text, ...passageOfSpan(plain, span.start, span.end) });
    };
    const onChange = (): void => {
      clearTimeout(timer);
      timer = setTimeout(report, SELECTION_REST_MS);
    };
    document.addEventListener('selectionchange', onChange);
    return () => {
      clearTimeout(timer);
      document.removeEventListener('selectionchange', onChange);
    };
  }, [plain, layoutOf]);

  return (
    <div className="paper-text">
      <Markdown source={body} headingOffset={1} onPart={onPart} />
    </div>
  );
}
