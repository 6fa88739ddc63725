/**
 * One page of the PDF reader: a canvas and pdf.js's text layer, drawn
 * through the reader's drawing queue, and the noted passages on it
 * highlighted. The reader renders this only for the pages in or near view;
 * the others are bare shells of the same size ({@link PageShell}), so
 * scrolling re-renders a handful of pages, not hundreds.
 */
import { TextLayer, type PDFDocumentProxy, type RenderTask } from 'pdfjs-dist';
import { memo, useEffect, useRef, useState, type ReactNode } from 'react';
import { clearPassageRanges, setPassageRanges } from '../components/passageHighlights.ts';
import { drawOnCanvas, type DrawQueue } from './drawing.ts';
import { collapsedTextOf, nthOccurrence, rangeOfCollapsed } from './textLayerText.ts';

/** A passage to highlight: its words on a page, and which of their appearances on that page (1-based). */
export interface PdfHighlight {
  readonly page: number;
  readonly text: string;
  readonly occurrence: number;
  /** The passage shown now (a note found with Ctrl+K, "Show in the text"): marked apart. */
  readonly current?: boolean;
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
  onCurrentRange,
  queue,
  distance,
  onDrawn,
}: {
  readonly doc: PDFDocumentProxy;
  readonly number: number;
  readonly scale: number;
  readonly width: number;
  readonly height: number;
  readonly drawn: boolean;
  readonly highlights: readonly PdfHighlight[];
  readonly readerId: string;
  /** Told where the current highlight is drawn on this page (null when it is not). */
  readonly onCurrentRange: (page: number, range: Range | null) => void;
  readonly queue: DrawQueue;
  /** How far the page is from the page in view, now (its place in the drawing queue). */
  readonly distance: (page: number) => number;
  /** Told once the page is drawn (or could not be). */
  readonly onDrawn: (page: number) => void;
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
          if (cancelled) return;
          setOutcome({ scale, state: 'drawn' });
          onDrawn(number);
        } catch (error) {
          if (!cancelled && (error as Error).name !== 'RenderingCancelledException') {
            setOutcome({ scale, state: 'failed' });
            onDrawn(number);
          }
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
  }, [doc, number, scale, drawn, queue, distance, onDrawn]);

  // Highlights: found again in the text layer once it is drawn, as ranges (the page's DOM is not changed).
  useEffect(() => {
    const key = `${readerId}:${number}`;
    const textDiv = textRef.current;
    if (state !== 'drawn' || !textDiv || highlights.length === 0) {
      clearPassageRanges(key);
      setMarked(0);
      return;
    }
    const collapsed = collapsedTextOf(textDiv);
    const drawn = highlights.flatMap((h) => {
      const at = nthOccurrence(collapsed.text, h.text, h.occurrence);
      const range = at === -1 ? null : rangeOfCollapsed(collapsed, at, at + h.text.replace(/\s+/g, ' ').trim().length);
      return range === null ? [] : [{ range, current: h.current === true }];
    });
    const current = drawn.filter((d) => d.current).map((d) => d.range);
    setPassageRanges(
      key,
      drawn.map((d) => d.range),
      current,
    );
    setMarked(drawn.length);
    if (current[0] !== undefined) onCurrentRange(number, current[0]);
    return () => {
      clearPassageRanges(key);
      onCurrentRange(number, null);
    };
  }, [state, highlights, number, readerId, onCurrentRange]);

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

/** A page far from view: its place and name only (nothing drawn, nothing highlighted), as a PdfPage not drawn. */
export function PageShell({
  number,
  width,
  height,
}: {
  readonly number: number;
  readonly width: number;
  readonly height: number;
}): ReactNode {
  return (
    <div
      className="pdf-page"
      data-page={number}
      data-drawn="false"
      data-highlights={0}
      role="group"
      aria-label={`Page ${number}`}
      style={{ width: `${width}px`, height: `${height}px` }}
    />
  );
}
