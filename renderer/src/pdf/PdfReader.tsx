/**
 * A PDF reader on pdf.js, reusable wherever a PDF is shown (a paper, a
 * compiled board pack): give it the bytes or a URL to fetch, an initial
 * page, and callbacks. Pages are drawn lazily: only those in or near view
 * have a canvas and a text layer (PdfPage.tsx; the others are bare shells
 * of the same size), one at a time, the page in view first (drawing.ts), so
 * a 300-page file opens at once; a strip of page thumbnails beside them
 * (PdfThumbnails.tsx) comes once the first page is drawn and is drawn the
 * same way, after the pages. Scrolling stays light: the page in view and
 * the pages to draw are updated as a transition (React renders them between
 * frames), and while the pages fly past no drawing starts (see `FLING`).
 * One pdf.js worker serves every file opened (started with this module's
 * first use, before the first file's bytes arrive), so opening a file does
 * not wait for a worker to load pdf.js again. The text
 * layer lets a reader select, copy and find words, and screen readers read
 * them. pdf.js's worker is bundled with the app (nothing is fetched from
 * elsewhere); eval is off, and the JavaScript fallbacks replace its wasm
 * decoders, so the CSP needs no allowance. Scripts in a PDF never run
 * (pdf.js's scripting is not loaded); a password is asked for and kept only
 * while the file is open.
 */
import {
  getDocument,
  GlobalWorkerOptions,
  PDFWorker,
  type PDFDocumentLoadingTask,
  type PDFDocumentProxy,
} from 'pdfjs-dist';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';
import {
  startTransition,
  useCallback,
  useEffect,
  useId,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type ReactNode,
} from 'react';
import { revealRange } from '../components/passageHighlights.ts';
import { DrawQueue, drawOnCanvas, itemsInView } from './drawing.ts';
import { PageShell, PdfPage, type PdfHighlight } from './PdfPage.tsx';
import { PdfThumbnails, THUMB_WIDTH } from './PdfThumbnails.tsx';
import { collapsedTextOf, occurrenceBefore, type CollapsedText } from './textLayerText.ts';

export type { PdfHighlight } from './PdfPage.tsx';

GlobalWorkerOptions.workerSrc = workerUrl;

let sharedWorker: PDFWorker | null = null;

/**
 * The one pdf.js worker of the page, started on first use and kept: each
 * file opened is its own document in it (closing a file frees that document
 * there, not the worker). Call it early (when a PDF is about to be shown) so
 * the worker has loaded pdf.js by the time the bytes arrive.
 */
export function pdfWorker(): PDFWorker {
  if (sharedWorker === null || sharedWorker.destroyed) sharedWorker = new PDFWorker();
  return sharedWorker;
}

/** Text selected on one page of the reader. */
export interface PdfSelection {
  readonly text: string;
  readonly page: number;
  /** Which appearance of the words on that page (1-based). */
  readonly occurrence: number;
}

export interface PdfReaderProps {
  /** The PDF's bytes (copied: pdf.js takes its own)… */
  readonly data?: Uint8Array;
  /** …or where to fetch it (the app's own origin). */
  readonly url?: string;
  /** What the reader shows, for its accessible name ("PAP-2026-031 Business case"). */
  readonly label: string;
  /** The page to open at (1-based). */
  readonly initialPage?: number;
  /** Called when the page in view changes (and once when the file opens). */
  readonly onPageChange?: (page: number, pages: number) => void;
  /** Called when text is selected on a page (null when the selection is cleared). */
  readonly onSelect?: (selection: PdfSelection | null) => void;
  /** Passages to highlight. */
  readonly highlights?: readonly PdfHighlight[];
  /**
   * A passage to scroll to (the highlight marked current, on this page): once
   * per key, so asking again (a new key) scrolls to it again.
   */
  readonly reveal?: { readonly page: number; readonly key: string } | undefined;
  /** Shown under the toolbar (e.g. "a scan: no text layer"). */
  readonly notice?: ReactNode;
}

type Zoom = 'fit' | number;
const GAP = 12;
const ZOOMS = [0.5, 0.75, 1, 1.25, 1.5, 2, 3];
/** Pages drawn beyond the visible ones, before and after. */
const OVERSCAN = 2;
/** A window at least this wide opens the reader with its thumbnails shown (narrower, the pages get the width). */
const THUMBS_OPEN_WHEN = '(min-width: 60rem)';
/**
 * A fling: the pages scrolling faster than a page in `pageMs`. Then no drawing starts until they have been
 * slower for `holdMs` (a page drawn while it flies past is gone before it shows, and its drawing would only
 * lengthen the frames). A steady read scrolls far slower; a jump (go to page, a thumbnail, Page Down) is no fling.
 */
const FLING = { pageMs: 100, holdMs: 120 } as const;

interface Loaded {
  readonly doc: PDFDocumentProxy;
  readonly width: number;
  readonly height: number;
}

/** A page number's field of the toolbar (go to page, print from, print to): its label and a number from 1 to `pages`. */
function PageNumberField({
  id,
  label,
  pages,
  value,
  onChange,
}: {
  readonly id: string;
  readonly label: ReactNode;
  readonly pages: number;
  readonly value: string;
  readonly onChange: (value: string) => void;
}): ReactNode {
  return (
    <>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        className="input input-narrow"
        type="number"
        min={1}
        max={pages}
        value={value}
        onChange={(e) => onChange(e.target.value)}
      />
    </>
  );
}

/** The reader: a toolbar (pages, zoom, find, print) over the scrolling pages. */
export function PdfReader({
  data,
  url,
  label,
  initialPage = 1,
  onPageChange,
  onSelect,
  highlights = [],
  reveal,
  notice,
}: PdfReaderProps): ReactNode {
  const id = useId();
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [asking, setAsking] = useState<{ retry: (password: string) => void; wrong: boolean } | null>(null);
  const [password, setPassword] = useState('');
  const [zoom, setZoom] = useState<Zoom>('fit');
  const [boxWidth, setBoxWidth] = useState(800);
  const [current, setCurrent] = useState(initialPage);
  const [pageField, setPageField] = useState(String(initialPage));
  const [visible, setVisible] = useState<[number, number]>([initialPage, initialPage]);
  const [find, setFind] = useState('');
  const [findStatus, setFindStatus] = useState('');
  const [printFrom, setPrintFrom] = useState('1');
  const [printTo, setPrintTo] = useState('1');
  const [printStatus, setPrintStatus] = useState('');
  // A wide window opens with the thumbnails shown; a narrow one with them folded away, and smaller when shown.
  const [wide] = useState(() => window.matchMedia(THUMBS_OPEN_WHEN).matches);
  const [thumbsOpen, setThumbsOpen] = useState(wide);
  const scroller = useRef<HTMLDivElement>(null);
  /** The last scroll position measured, and when: the speed of the pages (a fling holds the drawing). */
  const lastScroll = useRef<{ top: number; at: number } | null>(null);
  /** A jump asked for (go to page): the scroll it makes is no fling. */
  const jumped = useRef(false);
  /** Some page has been drawn (or failed): the thumbnails come after it. */
  const [firstDrawn, setFirstDrawn] = useState(false);
  const onDrawn = useCallback(() => setFirstDrawn(true), []);
  const placed = useRef(false);
  /** The page in view, as last placed or measured (the state may lag a render behind). */
  const shownPage = useRef(initialPage);
  /** The page last told to `onPageChange`: a page asked for that is only this, echoed back (the address), is no request. */
  const reported = useRef<number | null>(null);
  const pageTexts = useRef(new Map<number, string>());
  /** Where the current highlight is drawn, and the reveal last done and last sent to its page. */
  const currentRange = useRef<{ page: number; range: Range } | null>(null);
  const [currentDrawn, setCurrentDrawn] = useState(0);
  const revealed = useRef<string | undefined>(undefined);
  const sentToPage = useRef<string | undefined>(undefined);
  const onCurrentRange = useCallback((page: number, range: Range | null) => {
    if (range !== null) currentRange.current = { page, range };
    else if (currentRange.current?.page === page) currentRange.current = null;
    setCurrentDrawn((n) => n + 1);
  }, []);
  /** One page drawn at a time, nearest the page in view first (the pages, then the thumbnails). */
  const queue = useMemo(() => new DrawQueue(), []);
  const distance = useCallback((page: number) => Math.abs(page - shownPage.current), []);
  const callbacks = useRef({ onPageChange, onSelect });
  useEffect(() => {
    callbacks.current = { onPageChange, onSelect };
  });

  // Open the file.
  useEffect(() => {
    let task: PDFDocumentLoadingTask | null = null;
    let cancelled = false;
    placed.current = false;
    pageTexts.current = new Map();
    task = getDocument({
      ...(data ? { data: new Uint8Array(data) } : { url: url ?? '' }),
      worker: pdfWorker(),
      isEvalSupported: false,
      enableXfa: false,
      useWasm: false,
    });
    task.onPassword = (retry: (password: string) => void, reason: number) => {
      if (!cancelled) setAsking({ retry, wrong: reason === 2 });
    };
    task.promise.then(
      async (doc) => {
        const first = await doc.getPage(1);
        const viewport = first.getViewport({ scale: 1 });
        if (cancelled) return;
        setAsking(null);
        setProblem(null);
        setPrintTo(String(doc.numPages));
        setLoaded({ doc, width: viewport.width, height: viewport.height });
      },
      (error: Error) => {
        if (!cancelled) setProblem(`The PDF could not be opened: ${error.message}`);
      },
    );
    return () => {
      cancelled = true;
      void task?.destroy();
    };
  }, [data, url]);

  // Fit width follows the reader's width (measured before the first paint, so pages are drawn once at the right scale).
  useLayoutEffect(() => {
    const box = scroller.current;
    if (!box) return;
    const observer = new ResizeObserver(() => setBoxWidth(box.clientWidth));
    observer.observe(box);
    setBoxWidth(box.clientWidth);
    return () => observer.disconnect();
  }, [loaded]);

  const pages = loaded?.doc.numPages ?? 0;
  const scale = loaded ? (zoom === 'fit' ? Math.max(0.25, (boxWidth - 2 * GAP) / loaded.width) : zoom) : 1;
  const pageWidth = loaded ? Math.floor(loaded.width * scale) : 0;
  const pageHeight = loaded ? Math.floor(loaded.height * scale) : 0;
  const stride = pageHeight + GAP;

  const goTo = useCallback(
    (page: number) => {
      const box = scroller.current;
      if (!box || pages === 0) return;
      const target = Math.min(pages, Math.max(1, Math.round(page)));
      jumped.current = true;
      box.scrollTop = (target - 1) * stride;
      shownPage.current = target;
      setCurrent(target);
      setPageField(String(target));
    },
    [pages, stride],
  );

  // Which pages are in view, and which one is current, from the scroll position (all pages share page 1's size).
  const measure = useCallback(() => {
    const box = scroller.current;
    if (!box || pages === 0 || stride <= 0) return;
    const top = box.scrollTop;
    const now = performance.now();
    const last = lastScroll.current;
    lastScroll.current = { top, at: now };
    if (jumped.current) jumped.current = false;
    else if (last !== null && Math.abs(top - last.top) * FLING.pageMs > stride * Math.max(1, now - last.at))
      queue.hold(FLING.holdMs);
    const [first, lastInView] = itemsInView(top, box.clientHeight, stride, pages);
    const atEnd = top + box.clientHeight >= box.scrollHeight - 2;
    // At the end, the last pages cannot reach the top: one gone to (a thumbnail, End) stays the page in view.
    const page =
      atEnd && shownPage.current >= first && shownPage.current <= lastInView
        ? shownPage.current
        : Math.min(pages, Math.max(1, Math.floor((top + box.clientHeight / 3) / stride) + 1));
    const turned = shownPage.current !== page;
    shownPage.current = page;
    // Rendered between frames, not inside the scroll event: the pages to draw, the page number shown.
    startTransition(() => {
      // Unchanged, the same pair: scrolling within a page re-renders nothing.
      setVisible((was) => (was[0] === first && was[1] === lastInView ? was : [first, lastInView]));
      setCurrent(page);
      if (turned) setPageField(String(page));
    });
  }, [pages, stride, queue]);

  // Open at the initial page once the size is known; keep the page when the zoom changes.
  useEffect(() => {
    if (!loaded || pageHeight === 0) return;
    if (!placed.current) {
      placed.current = true;
      goTo(initialPage);
    } else {
      goTo(shownPage.current);
    }
    measure();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only when the file or the page size changes
  }, [loaded, pageHeight]);

  // A passage to show: its page first (when its highlight is not drawn), then the passage itself in view.
  useEffect(() => {
    if (!reveal || revealed.current === reveal.key || !placed.current || pages === 0) return;
    const drawn = currentRange.current;
    if (drawn !== null && drawn.page === reveal.page && drawn.range.startContainer.isConnected) {
      revealed.current = reveal.key;
      revealRange(drawn.range, scroller.current);
      return;
    }
    if (sentToPage.current !== reveal.key) {
      sentToPage.current = reveal.key;
      goTo(reveal.page);
    }
  }, [reveal, currentDrawn, pages, goTo]);

  // A new initial page once open (a search hit on another page of the same file): go there.
  useEffect(() => {
    // The page in view reported a moment ago comes back as the address's page while the pages scroll on: going
    // back to it would fight the scroll (and, echoed again, loop). This effect runs before the one reporting, so
    // in a render where both change it compares with the page reported before, whose echo this is.
    if (placed.current && initialPage !== shownPage.current && initialPage !== reported.current) goTo(initialPage);
    else if (!placed.current) shownPage.current = initialPage;
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only when the asked-for page changes
  }, [initialPage]);

  useEffect(() => {
    if (pages > 0 && placed.current) {
      reported.current = current;
      callbacks.current.onPageChange?.(current, pages);
    }
  }, [current, pages]);

  // A selection inside one page's text layer: its words, page and which appearance they are there.
  useEffect(() => {
    const box = scroller.current;
    if (!box) return;
    const report = (): void => {
      const selection = window.getSelection();
      const range = selection && selection.rangeCount > 0 ? selection.getRangeAt(0) : null;
      const text = selection?.toString().replace(/\s+/g, ' ').trim() ?? '';
      const start = range?.startContainer;
      const pageDiv = start ? (start instanceof Element ? start : start.parentElement)?.closest('.pdf-page') : null;
      const layer = pageDiv?.querySelector<HTMLElement>('.textLayer');
      if (!range || text === '' || !layer || !box.contains(layer)) {
        callbacks.current.onSelect?.(null);
        return;
      }
      const collapsed: CollapsedText = collapsedTextOf(layer);
      const occurrence = occurrenceBefore(collapsed, range.startContainer, range.startOffset, text);
      callbacks.current.onSelect?.({ text, page: Number(pageDiv?.getAttribute('data-page')), occurrence });
    };
    box.addEventListener('mouseup', report);
    box.addEventListener('keyup', report);
    return () => {
      box.removeEventListener('mouseup', report);
      box.removeEventListener('keyup', report);
    };
  }, [loaded]);

  // Every page's shell, made once per file and size: a page far from view is the same element from render to
  // render, so React passes it by without a look.
  const shells = useMemo(
    () =>
      Array.from({ length: pages }, (_, i) => (
        <PageShell key={i + 1} number={i + 1} width={pageWidth} height={pageHeight} />
      )),
    [pages, pageWidth, pageHeight],
  );

  const highlightsOf = useMemo(() => {
    const by = new Map<number, PdfHighlight[]>();
    for (const h of highlights) by.set(h.page, [...(by.get(h.page) ?? []), h]);
    return by;
  }, [highlights]);

  async function textOfPage(page: number): Promise<string> {
    const known = pageTexts.current.get(page);
    if (known !== undefined || !loaded) return known ?? '';
    const content = await (await loaded.doc.getPage(page)).getTextContent();
    const text = content.items
      .map((item) => ('str' in item ? item.str + (item.hasEOL ? ' ' : '') : ''))
      .join('')
      .replace(/\s+/g, ' ')
      .toLowerCase();
    pageTexts.current.set(page, text);
    return text;
  }

  async function findNext(): Promise<void> {
    const words = find.replace(/\s+/g, ' ').trim().toLowerCase();
    if (words === '' || pages === 0) return;
    setFindStatus('Searching…');
    for (let step = 1; step <= pages; step++) {
      const page = ((current - 1 + step) % pages) + 1;
      if ((await textOfPage(page)).includes(words)) {
        goTo(page);
        setFindStatus(`Found on page ${page}.`);
        return;
      }
    }
    setFindStatus(`“${find.trim()}” is not in this PDF${pages > 0 ? '' : ''}.`);
  }

  async function print(from: number, to: number): Promise<void> {
    if (!loaded) return;
    const first = Math.max(1, Math.min(from, to));
    const last = Math.min(pages, Math.max(from, to));
    if (!Number.isInteger(first) || !Number.isInteger(last) || first > pages) {
      setPrintStatus(`Pages run from 1 to ${pages}.`);
      return;
    }
    setPrintStatus(`Preparing ${last - first + 1} ${last === first ? 'page' : 'pages'}…`);
    const area = document.createElement('div');
    area.className = 'pdf-print-area';
    const urls: string[] = [];
    try {
      for (let n = first; n <= last; n++) {
        const canvas = document.createElement('canvas');
        await drawOnCanvas(await loaded.doc.getPage(n), canvas, 2, 1).promise;
        const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
        if (!blob) continue;
        const src = URL.createObjectURL(blob);
        urls.push(src);
        const img = document.createElement('img');
        img.src = src;
        img.alt = `Page ${n}`;
        area.append(img);
      }
      document.body.append(area);
      document.body.classList.add('printing-pdf');
      await Promise.all([...area.querySelectorAll('img')].map((img) => img.decode().catch(() => undefined)));
      window.print();
      setPrintStatus(`Sent ${urls.length} ${urls.length === 1 ? 'page' : 'pages'} to the printer.`);
    } finally {
      document.body.classList.remove('printing-pdf');
      area.remove();
      for (const u of urls) URL.revokeObjectURL(u);
    }
  }

  function onKeyDown(event: React.KeyboardEvent<HTMLDivElement>): void {
    const keys: Record<string, () => void> = {
      PageDown: () => goTo(current + 1),
      PageUp: () => goTo(current - 1),
      Home: () => goTo(1),
      End: () => goTo(pages),
      n: () => goTo(current + 1),
      p: () => goTo(current - 1),
    };
    const act = keys[event.key];
    if (act && !event.ctrlKey && !event.metaKey && !event.altKey) {
      event.preventDefault();
      act();
    }
  }

  if (problem !== null)
    return (
      <p role="alert" className="message message-error">
        {problem}
      </p>
    );

  const zoomIndex = typeof zoom === 'number' ? ZOOMS.indexOf(zoom) : ZOOMS.findIndex((z) => z >= scale);
  const drawnFrom = Math.max(1, visible[0] - OVERSCAN);
  const drawnTo = Math.min(pages, visible[1] + OVERSCAN);
  const pageList = shells.map((shell, i) =>
    loaded !== null && i + 1 >= drawnFrom && i + 1 <= drawnTo ? (
      <PdfPage
        key={i + 1}
        doc={loaded.doc}
        number={i + 1}
        scale={scale}
        width={pageWidth}
        height={pageHeight}
        drawn
        highlights={highlightsOf.get(i + 1) ?? NO_HIGHLIGHTS}
        readerId={id}
        onCurrentRange={onCurrentRange}
        queue={queue}
        distance={distance}
        onDrawn={onDrawn}
      />
    ) : (
      shell
    ),
  );

  return (
    <section className="pdf-reader" aria-label={`PDF reader: ${label}`}>
      {asking !== null && (
        <form
          className="pdf-password"
          aria-label="Password of the PDF"
          onSubmit={(event) => {
            event.preventDefault();
            asking.retry(password);
            setPassword('');
          }}
        >
          <label htmlFor={`${id}-password`} className="field-label">
            {asking.wrong ? 'That is not its password. Password of the PDF' : 'This PDF is protected: its password'}
          </label>
          <p className="field-hint" id={`${id}-password-hint`}>
            Used to open it now; it is not kept.
          </p>
          <input
            id={`${id}-password`}
            type="password"
            className="input"
            autoComplete="off"
            aria-describedby={`${id}-password-hint`}
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
          <button type="submit" className="button button-small button-primary">
            Open
          </button>
        </form>
      )}
      {loaded === null && asking === null && <p className="muted">Opening the PDF…</p>}
      {loaded !== null && (
        <div className="pdf-toolbar" role="toolbar" aria-label="Pages and zoom">
          <button
            type="button"
            className="button button-small button-quiet"
            aria-expanded={thumbsOpen}
            aria-controls={thumbsOpen ? `${id}-thumbs` : undefined}
            onClick={() => setThumbsOpen((open) => !open)}
          >
            {thumbsOpen ? 'Hide pages' : 'Show pages'}
          </button>
          <button
            type="button"
            className="button button-small button-quiet"
            onClick={() => goTo(current - 1)}
            disabled={current <= 1}
          >
            Previous page
          </button>
          <form
            className="pdf-goto"
            onSubmit={(event) => {
              event.preventDefault();
              goTo(Number(pageField));
            }}
          >
            <PageNumberField id={`${id}-page`} label="Page" pages={pages} value={pageField} onChange={setPageField} />
            <span>of {pages}</span>
            <button type="submit" className="button button-small button-secondary">
              Go<span className="visually-hidden"> to the page</span>
            </button>
          </form>
          <button
            type="button"
            className="button button-small button-quiet"
            onClick={() => goTo(current + 1)}
            disabled={current >= pages}
          >
            Next page
          </button>
          <span className="pdf-zoom">
            <button
              type="button"
              className="button button-small button-quiet"
              onClick={() => setZoom(ZOOMS[Math.max(0, (zoomIndex === -1 ? ZOOMS.length : zoomIndex) - 1)] ?? 1)}
            >
              Zoom out
            </button>
            <output aria-live="polite">{Math.round(scale * 100)}%</output>
            <button
              type="button"
              className="button button-small button-quiet"
              onClick={() => setZoom(ZOOMS[Math.min(ZOOMS.length - 1, (zoomIndex === -1 ? 0 : zoomIndex) + 1)] ?? 1)}
            >
              Zoom in
            </button>
            <button
              type="button"
              className="button button-small button-quiet"
              aria-pressed={zoom === 'fit'}
              onClick={() => setZoom('fit')}
            >
              Fit width
            </button>
          </span>
          <form
            className="pdf-find"
            role="search"
            onSubmit={(event) => {
              event.preventDefault();
              void findNext();
            }}
          >
            <label htmlFor={`${id}-find`}>Find in the PDF</label>
            <input
              id={`${id}-find`}
              className="input"
              type="search"
              value={find}
              onChange={(e) => setFind(e.target.value)}
            />
            <button type="submit" className="button button-small button-secondary">
              Find next
            </button>
            <span role="status" className="inline-status">
              {findStatus}
            </span>
          </form>
          <form
            className="pdf-print"
            onSubmit={(event) => {
              event.preventDefault();
              void print(Number(printFrom), Number(printTo));
            }}
          >
            <PageNumberField
              id={`${id}-from`}
              label="Print pages"
              pages={pages}
              value={printFrom}
              onChange={setPrintFrom}
            />
            <PageNumberField id={`${id}-to`} label="to" pages={pages} value={printTo} onChange={setPrintTo} />
            <button type="submit" className="button button-small button-secondary">
              Print<span className="visually-hidden"> these pages</span>
            </button>
            <button type="button" className="button button-small button-quiet" onClick={() => void print(1, pages)}>
              Print the whole PDF
            </button>
            <span role="status" className="inline-status">
              {printStatus}
            </span>
          </form>
        </div>
      )}
      {notice}
      <div className="pdf-body">
        {loaded !== null && thumbsOpen && (
          <PdfThumbnails
            id={`${id}-thumbs`}
            width={wide ? THUMB_WIDTH.wide : THUMB_WIDTH.narrow}
            label={label}
            doc={loaded.doc}
            pages={pages}
            current={current}
            pageWidth={loaded.width}
            pageHeight={loaded.height}
            queue={queue}
            distance={distance}
            onGo={goTo}
            listed={firstDrawn}
          />
        )}
        <div
          ref={scroller}
          className="pdf-pages"
          tabIndex={0}
          role="region"
          aria-label={`Pages of ${label}`}
          aria-describedby={`${id}-keys`}
          onScroll={measure}
          onKeyDown={onKeyDown}
        >
          <p id={`${id}-keys`} className="visually-hidden">
            Page Down and Page Up turn the page; Home and End go to the first and last page.
          </p>
          {pageList}
        </div>
      </div>
      {loaded !== null && (
        <p className="pdf-position" role="status">
          Page {current} of {pages}
        </p>
      )}
    </section>
  );
}

const NO_HIGHLIGHTS: readonly PdfHighlight[] = [];
