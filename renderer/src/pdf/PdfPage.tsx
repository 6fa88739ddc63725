/**
 * One page of the PDF reader: a canvas and pdf.js's text layer, drawn only
 * while the page is in or near view (through the reader's drawing queue)
 * and let go when it is far, and the noted passages on it highlighted.
 */
import { TextLayer, type PDFDocumentProxy, type RenderTask } from 'pdfjs-dist';
import { memo, useEffect, useRef, useState, type ReactNode } from 'react';
import { drawOnCanvas, type DrawQueue } from './drawing.ts';
import { collapsedTextOf, nthOccurrence, rangeOfCollapsed } from './textLayerText.ts';

/** A passage to highlight: its words on a page, and which of their appearances on that page (1-based). */
export interface PdfHighlight {
  readonly page: number;
  readonly text: string;
  readonly occurrence: number;
}

const HIGHLIGHT_NAME = 'bk-passage';

/** The highlights of every page drawn, merged into one CSS highlight (the Custom Highlight API). */
const pageRanges = new Map<string, Range[]>();
function refreshHighlights(): void {
  if (typeof CSS === 'undefined' || !('highlights' in CSS)) return;
  const ranges = [...pageRanges.values()].flat();
  if (ranges.length === 0) CSS.highlights.delete(HIGHLIGHT_NAME);
  else CSS.highlights.set(HIGHLIGHT_NAME, new Highlight(...ranges));
}

export const PdfPage = memo(function PdfPage({
  doc,
  number,
  scale,
  width,
  height,
  drawn,
  highlights,
  readerId,
  queue,
  distance,
}: {
  readonly doc: PDFDocumentProxy;
  readonly number: number;
  readonly scale: number;
  readonly width: number;
  readonly height: number;
  readonly drawn: boolean;
  readonly highlights: readonly PdfHighlight[];
  readonly readerId: string;
  readonly queue: DrawQueue;
  /** How far the page is from the page in view, now (its place in the drawing queue). */
  readonly distance: (page: number) => number;
}): ReactNode {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const textRef = useRef<HTMLDivElement>(null);
  // What was drawn, and at which scale: a page out of view (or drawn at another zoom) is blank.
  const [outcome, setOutcome] = useState<{ scale: number; state: 'drawn' | 'failed' } | null>(null);
  const state = drawn && outcome?.scale === scale ? outcome.state : 'blank';
  const [marked, setMarked] = useState(0);

  useEffect(() => {
    if (!drawn) return;
    let cancelled = false;
    let task: RenderTask | null = null;
    let textLayer: TextLayer | null = null;
    const canvas = canvasRef.current;
    const textDiv = textRef.current;
    const unqueue = queue.add({
      priority: () => distance(number),
      run: async () => {
        try {
          const page = await doc.getPage(number);
          if (cancelled || !canvas || !textDiv) return;
          task = drawOnCanvas(page, canvas, scale);
          textDiv.replaceChildren();
          textDiv.style.setProperty('--total-scale-factor', String(scale));
          textLayer = new TextLayer({
            textContentSource: page.streamTextContent(),
            container: textDiv,
            viewport: page.getViewport({ scale }),
          });
          await Promise.all([task.promise, textLayer.render()]);
          if (!cancelled) setOutcome({ scale, state: 'drawn' });
        } catch (error) {
          if (!cancelled && (error as Error).name !== 'RenderingCancelledException')
            setOutcome({ scale, state: 'failed' });
        }
      },
    });
    return () => {
      cancelled = true;
      unqueue();
      task?.cancel();
      textLayer?.cancel();
      // A page out of view lets its bitmap and words go: only the pages near view hold any.
      if (canvas) canvas.width = 0;
      textDiv?.replaceChildren();
      setOutcome(null);
    };
  }, [doc, number, scale, drawn, queue, distance]);

  // Highlights: found again in the text layer once it is drawn, as ranges (the page's DOM is not changed).
  useEffect(() => {
    const key = `${readerId}:${number}`;
    const textDiv = textRef.current;
    if (state !== 'drawn' || !textDiv || highlights.length === 0) {
      if (pageRanges.delete(key)) refreshHighlights();
      setMarked(0);
      return;
    }
    const collapsed = collapsedTextOf(textDiv);
    const ranges = highlights
      .map((h) => {
        const at = nthOccurrence(collapsed.text, h.text, h.occurrence);
        return at === -1 ? null : rangeOfCollapsed(collapsed, at, at + h.text.replace(/\s+/g, ' ').trim().length);
      })
      .filter((r): r is Range => r !== null);
    pageRanges.set(key, ranges);
    setMarked(ranges.length);
    refreshHighlights();
    return () => {
      if (pageRanges.delete(key)) refreshHighlights();
    };
  }, [state, highlights, number, readerId]);

  return (
    <div
      className="pdf-page"
      data-page={number}
      data-drawn={state === 'drawn' ? 'true' : 'false'}
      data-highlights={marked}
      role="group"
      aria-label={`Page ${number}`}
      style={{ width: `${width}px`, height: `${height}px` }}
    >
      <canvas
        ref={canvasRef}
        className="pdf-canvas"
        aria-hidden="true"
        style={{ width: `${width}px`, height: `${height}px` }}
      />
      <div ref={textRef} className="textLayer" />
      {state === 'failed' && <p className="pdf-page-problem">Page {number} could not be drawn.</p>}
    </div>
  );
});
