/**
 * The PDF reader's strip of page thumbnails: a small picture of every page,
 * each a button named "Page N" that goes to that page, the page in view
 * marked (aria-current) and kept in sight. Like the reader's pages, only
 * the thumbnails in or near the strip's view are drawn (after the pages in
 * view: they queue behind them), and those far from it let their bitmaps go.
 * One Tab stop: the arrow keys, Home and End move between the pages' buttons.
 * The strip keeps its width from the start, but its thumbnails are listed
 * only once the reader says so (after its first page is drawn): the first
 * page is not kept waiting while hundreds of buttons are made.
 */
import type { PDFDocumentProxy, RenderTask } from 'pdfjs-dist';
import { memo, useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { drawOnCanvas, itemsInView, type DrawQueue } from './drawing.ts';

/** A thumbnail's width, CSS px: in a wide window, and in a narrow one (where the pages need the room). */
export const THUMB_WIDTH = { wide: 80, narrow: 48 } as const;
/** Below each picture: its page number's line; between thumbnails: a gap; around them: padding (px, as in pdfReader.css). */
const LABEL_PX = 22;
const GAP_PX = 8;
const PAD_PX = 8;
/** Thumbnails drawn beyond those in view, before and after. */
const OVERSCAN = 3;
/** Thumbnails are drawn after every page of the reader that waits (a thumbnail's urgency starts here). */
const AFTER_PAGES = 10_000;

const Thumbnail = memo(function Thumbnail({
  doc,
  number,
  scale,
  width,
  height,
  drawn,
  current,
  tabbable,
  queue,
  distance,
  onGo,
  onFocusThumb,
}: {
  readonly doc: PDFDocumentProxy;
  readonly number: number;
  readonly scale: number;
  readonly width: number;
  readonly height: number;
  readonly drawn: boolean;
  readonly current: boolean;
  readonly tabbable: boolean;
  readonly queue: DrawQueue;
  readonly distance: (page: number) => number;
  readonly onGo: (page: number) => void;
  readonly onFocusThumb: (page: number) => void;
}): ReactNode {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const [shown, setShown] = useState(false);

  useEffect(() => {
    if (!drawn) return;
    let cancelled = false;
    let task: RenderTask | null = null;
    const canvas = canvasRef.current;
    const unqueue = queue.add({
      priority: () => AFTER_PAGES + distance(number),
      run: async () => {
        try {
          const page = await doc.getPage(number);
          if (cancelled || !canvas) return;
          task = drawOnCanvas(page, canvas, scale);
          await task.promise;
          if (!cancelled) setShown(true);
        } catch {
          // A thumbnail that cannot be drawn stays blank: its page says why when it is drawn.
        }
      },
    });
    return () => {
      cancelled = true;
      unqueue();
      task?.cancel();
      if (canvas) canvas.width = 0;
      setShown(false);
    };
  }, [doc, number, scale, drawn, queue, distance]);

  return (
    <li className="pdf-thumb-item" style={{ height: `${height + LABEL_PX}px` }}>
      <button
        type="button"
        className="pdf-thumb"
        data-page={number}
        data-drawn={shown && drawn ? 'true' : 'false'}
        aria-current={current ? 'page' : undefined}
        tabIndex={tabbable ? 0 : -1}
        onClick={() => onGo(number)}
        onFocus={() => onFocusThumb(number)}
      >
        <canvas
          ref={canvasRef}
          className="pdf-thumb-canvas"
          aria-hidden="true"
          style={{ width: `${width}px`, height: `${height}px` }}
        />
        <span className="pdf-thumb-number">
          <span className="visually-hidden">Page </span>
          {number}
        </span>
      </button>
    </li>
  );
});

/** The strip; `current` is the page in view, `pageWidth`/`pageHeight` page 1's size at scale 1. */
export function PdfThumbnails({
  id,
  width,
  label,
  doc,
  pages,
  current,
  pageWidth,
  pageHeight,
  queue,
  distance,
  onGo,
  listed,
}: {
  readonly id: string;
  /** Each thumbnail's width, CSS px. */
  readonly width: number;
  readonly label: string;
  readonly doc: PDFDocumentProxy;
  readonly pages: number;
  readonly current: number;
  readonly pageWidth: number;
  readonly pageHeight: number;
  readonly queue: DrawQueue;
  readonly distance: (page: number) => number;
  readonly onGo: (page: number) => void;
  /** Whether the thumbnails are listed yet (the strip is empty, at its width, until then). */
  readonly listed: boolean;
}): ReactNode {
  const strip = useRef<HTMLDivElement>(null);
  const scale = width / pageWidth;
  const height = Math.floor(pageHeight * scale);
  const stride = height + LABEL_PX + GAP_PX;
  const [visible, setVisible] = useState<[number, number]>([current, current]);
  /** The thumbnail the keyboard is on (the strip's one Tab stop), or none: then the page in view's. */
  const [focused, setFocused] = useState<number | null>(null);

  const measure = useCallback(() => {
    const box = strip.current;
    if (!box) return;
    const [first, last] = itemsInView(box.scrollTop, box.clientHeight, stride, pages, PAD_PX);
    setVisible((was) => (was[0] === first && was[1] === last ? was : [first, last]));
  }, [stride, pages]);

  // The page in view stays in sight in the strip.
  useEffect(() => {
    const box = strip.current;
    if (!box) return;
    const top = PAD_PX + (current - 1) * stride;
    if (top < box.scrollTop || top + stride > box.scrollTop + box.clientHeight) {
      box.scrollTop = Math.max(0, top - (box.clientHeight - stride) / 2);
    }
    measure();
  }, [current, stride, measure, listed]);

  const moveFocus = (page: number): void => {
    const target = Math.min(pages, Math.max(1, page));
    strip.current?.querySelector<HTMLButtonElement>(`.pdf-thumb[data-page="${target}"]`)?.focus();
  };

  function onKeyDown(event: React.KeyboardEvent<HTMLDivElement>): void {
    const from = focused ?? current;
    const keys: Record<string, number> = {
      ArrowDown: from + 1,
      ArrowRight: from + 1,
      ArrowUp: from - 1,
      ArrowLeft: from - 1,
      Home: 1,
      End: pages,
    };
    const to = keys[event.key];
    if (to === undefined || event.ctrlKey || event.metaKey || event.altKey) return;
    event.preventDefault();
    moveFocus(to);
  }

  const drawnFrom = visible[0] - OVERSCAN;
  const drawnTo = visible[1] + OVERSCAN;
  const tabStop = focused ?? current;
  return (
    <nav className="pdf-thumbs" id={id} aria-label={`Thumbnails of ${label}`} aria-describedby={`${id}-keys`}>
      <p id={`${id}-keys`} className="visually-hidden">
        The arrow keys move between the pages; Enter goes to one.
      </p>
      <div
        ref={strip}
        className="pdf-thumbs-strip"
        onScroll={measure}
        onKeyDown={onKeyDown}
        onBlur={(event) => {
          const to = event.relatedTarget;
          if (!(to instanceof Node && event.currentTarget.contains(to))) setFocused(null);
        }}
      >
        <ol className="pdf-thumbs-list" style={{ width: `${width}px` }}>
          {Array.from({ length: listed ? pages : 0 }, (_, i) => i + 1).map((n) => (
            <Thumbnail
              key={n}
              doc={doc}
              number={n}
              scale={scale}
              width={width}
              height={height}
              drawn={n >= drawnFrom && n <= drawnTo}
              current={n === current}
              tabbable={n === tabStop}
              queue={queue}
              distance={distance}
              onGo={onGo}
              onFocusThumb={setFocused}
            />
          ))}
        </ol>
      </div>
    </nav>
  );
}
