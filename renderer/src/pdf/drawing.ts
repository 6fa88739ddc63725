/**
 * Drawing PDF pages: one routine puts a page on a canvas (the reader's
 * pages, its thumbnails, the pages made for printing); a queue draws one
 * page at a time, the one nearest the page in view first, so the page a
 * reader opens at is drawn before its neighbours and thumbnails (pdf.js's
 * worker reads one page at a time anyway: started together, they would all
 * finish late); and which items of a list of equal heights are in view.
 */
import type { PDFPageProxy, RenderTask } from 'pdfjs-dist';

/**
 * Draws `page` at `scale` on `canvas`, its bitmap sized for the screen's
 * pixel ratio (`ratio`) so the words are sharp; the canvas's CSS size is the
 * caller's.
 */
export function drawOnCanvas(
  page: PDFPageProxy,
  canvas: HTMLCanvasElement,
  scale: number,
  ratio = window.devicePixelRatio || 1,
): RenderTask {
  const viewport = page.getViewport({ scale });
  canvas.width = Math.floor(viewport.width * ratio);
  canvas.height = Math.floor(viewport.height * ratio);
  return page.render({ canvas, viewport, transform: ratio === 1 ? undefined : [ratio, 0, 0, ratio, 0, 0] });
}

/** A drawing waiting its turn: how urgent it is now (lower first), and the drawing itself. */
export interface DrawJob {
  readonly priority: () => number;
  readonly run: () => Promise<void>;
}

/**
 * Draws one page at a time, the most urgent first (urgency is asked when a
 * drawing ends, as the view moves). A drawing taken out while it runs (its
 * page scrolled away, its file closed) frees the queue at once: the next
 * one need not wait for pdf.js to wind the cancelled one down. While the
 * pages fly past (a fling), the reader holds the queue: no drawing starts
 * until they have slowed down, so none is spent on a page gone a frame later.
 */
export class DrawQueue {
  private readonly waiting = new Set<DrawJob>();
  private running: DrawJob | null = null;
  private picking = false;
  /** No drawing starts before this moment (performance.now()). */
  private heldUntil = 0;
  private holdTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly now: () => number = () => performance.now()) {}

  /** Starts no drawing for `ms` from now (a drawing running goes on); asked again, the hold is lengthened. */
  hold(ms: number): void {
    this.heldUntil = Math.max(this.heldUntil, this.now() + ms);
  }

  /** Queues a drawing; the function returned takes it out (the queue goes on, if it was the one running). */
  add(job: DrawJob): () => void {
    this.waiting.add(job);
    this.pickSoon();
    return () => {
      this.waiting.delete(job);
      if (this.running === job) {
        this.running = null;
        this.pickSoon();
      }
    };
  }

  /** Picks the next drawing once the current task is done (the pages a render adds all queue before one is picked). */
  private pickSoon(): void {
    if (this.picking) return;
    this.picking = true;
    queueMicrotask(() => {
      this.picking = false;
      this.next();
    });
  }

  private next(): void {
    if (this.running !== null) return;
    const wait = this.heldUntil - this.now();
    if (wait > 0) {
      if (this.holdTimer === undefined) {
        this.holdTimer = setTimeout(() => {
          this.holdTimer = undefined;
          this.next();
        }, wait);
      }
      return;
    }
    let best: DrawJob | undefined;
    let bestPriority = Infinity;
    for (const job of this.waiting) {
      const priority = job.priority();
      if (priority < bestPriority) {
        best = job;
        bestPriority = priority;
      }
    }
    if (best === undefined) return;
    const job = best;
    this.waiting.delete(job);
    this.running = job;
    void job
      .run()
      .catch(() => undefined)
      .finally(() => {
        if (this.running !== job) return;
        this.running = null;
        this.next();
      });
  }
}

/** The first and last (1-based) of `count` items of `stride` pixels from `offset` that show in a box scrolled to `top`. */
export function itemsInView(
  top: number,
  height: number,
  stride: number,
  count: number,
  offset = 0,
): [first: number, last: number] {
  if (count === 0 || stride <= 0) return [1, 0];
  const first = Math.min(count, Math.max(1, Math.floor((top - offset) / stride) + 1));
  const last = Math.min(count, Math.max(first, Math.floor((top + height - offset) / stride) + 1));
  return [first, last];
}
