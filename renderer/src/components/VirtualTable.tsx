/**
 * A long table that stays smooth at tens of thousands of rows: only the rows
 * near the window's view are in the page (@tanstack/react-virtual, scrolling
 * with the window, so there is no box-in-a-box to scroll), and their pages
 * are fetched as they come into view. It stays a real table for assistive
 * technology: aria-rowcount says how many rows there are in all and each
 * row's aria-rowindex says where it is.
 *
 * Scrolling stays light: the rows shown are re-rendered as a transition
 * (React renders them between frames, not inside the scroll event), a row
 * already in the page is not rendered again (VirtualRow is memoised), and a
 * row is measured by the ResizeObserver after the browser's own layout,
 * never by reading its size while the rows are put in (which forced a
 * layout of the page in the middle of each scrolled frame). While the rows
 * fly past (a fling: more than a window's height in `FLING_MS`), a row
 * coming into view is put in empty, at its height, and filled once the
 * scrolling slows or stops: a row gone a frame later is never laid out.
 */
import { observeWindowOffset, useWindowVirtualizer, type Virtualizer } from '@tanstack/react-virtual';
import { memo, startTransition, useEffect, useLayoutEffect, useRef, useState, type ReactNode, type Ref } from 'react';
import type { PagedRows } from '../pagedRows.ts';
import { useStackedWhenNarrow } from './DataTable.tsx';

/** One column: its header, its width (CSS) and how a row fills its cell. */
export interface Column<Row> {
  readonly key: string;
  readonly header: string;
  /** A share of the table (e.g. "15%"), or "auto" for the main column, which takes the rest (at least 30%). */
  readonly width: string;
  /** The column that says what the row is (its title): it keeps its share of the width. */
  readonly main?: boolean;
  readonly className?: string;
  readonly cell: (row: Row) => ReactNode;
}

/** Props of {@link VirtualTable}. */
export interface VirtualTableProps<Row> {
  /** Names the table for assistive technology, e.g. "Decisions, newest first". */
  readonly caption: string;
  readonly columns: readonly Column<Row>[];
  readonly rows: PagedRows<Row>;
  /** The usual height of a row, in CSS pixels: its least height, and the estimate until a row is measured. */
  readonly rowHeight: number;
  /** Names the list and its filters: coming back to the same one (Back) scrolls to where it was. */
  readonly scrollKey: string;
}

/** Where each list was scrolled to, so Back returns to the same place. */
const scrolledTo = new Map<string, number>();

/** Scrolling a window's height in less than this (ms) is a fling. */
const FLING_MS = 50;

/** How fast each table's window scrolled at its last scroll event (px/ms). */
const scrollSpeed = new WeakMap<object, number>();

/**
 * The window's scroll position as the virtualiser follows it, its re-render a transition (see above), and the
 * speed of the scroll noted for the render.
 */
function observeOffsetAsTransition(
  instance: Virtualizer<Window, HTMLTableRowElement>,
  cb: (offset: number, isScrolling: boolean) => void,
): (() => void) | undefined {
  let last: { offset: number; at: number } | null = null;
  return observeWindowOffset(instance, (offset, isScrolling) => {
    const at = performance.now();
    scrollSpeed.set(instance, last === null ? 0 : Math.abs(offset - last.offset) / Math.max(1, at - last.at));
    last = { offset, at };
    startTransition(() => cb(offset, isScrolling));
  });
}

/**
 * The height a table's rows take here (its fonts, the zoom and the row's padding decide it, not the least
 * height asked for), learned from its first row measured: rows coming into view are then estimated at it,
 * and measuring one changes nothing (a change makes the virtualiser place every row again and render).
 */
const usualHeight = new WeakMap<object, number>();

/**
 * A row's height: the ResizeObserver's, once it has seen the row (after layout); until then the height
 * known from before, or the usual one. Within a pixel of the known height is the known height (sub-pixel
 * layout, not a new height).
 */
function rowSize(
  element: HTMLTableRowElement,
  entry: ResizeObserverEntry | undefined,
  instance: Virtualizer<Window, HTMLTableRowElement>,
): number {
  const index = instance.indexFromElement(element);
  const known = instance.itemSizeCache.get(instance.options.getItemKey(index)) ?? instance.options.estimateSize(index);
  const box = entry?.borderBoxSize[0];
  if (box === undefined) return known;
  if (!usualHeight.has(instance)) {
    usualHeight.set(instance, Math.round(box.blockSize));
    // Every row not yet measured is estimated again, at the usual height (once).
    queueMicrotask(() => instance.measure());
  }
  return Math.abs(box.blockSize - known) < 1 ? known : Math.round(box.blockSize);
}

/** One row: rendered again only when its data, place or the columns change. */
const VirtualRow = memo(function VirtualRow({
  index,
  row,
  columns,
  rowHeight,
  measure,
  flinging,
}: {
  readonly index: number;
  readonly row: unknown;
  readonly columns: readonly Column<never>[];
  readonly rowHeight: number;
  readonly measure: Ref<HTMLTableRowElement>;
  /** The rows fly past: a row not yet filled stays empty (one filled stays so). */
  readonly flinging: boolean;
}): ReactNode {
  const [filled, setFilled] = useState(!flinging);
  if (!flinging && !filled) setFilled(true);
  return (
    <tr ref={measure} data-index={index} aria-rowindex={index + 2} style={{ height: rowHeight }}>
      {!filled ? (
        <td colSpan={columns.length} className="virtual-passing" />
      ) : row === undefined ? (
        <td colSpan={columns.length} className="muted">
          Loading row {(index + 1).toLocaleString('en-GB')}…
        </td>
      ) : (
        columns.map((column) => (
          <td key={column.key} className={column.className} data-label={column.header}>
            {column.cell(row as never)}
          </td>
        ))
      )}
    </tr>
  );
});

/** The virtualised table. */
export function VirtualTable<Row>({ caption, columns, rows, rowHeight, scrollKey }: VirtualTableProps<Row>): ReactNode {
  const body = useRef<HTMLTableSectionElement>(null);
  const table = useRef<HTMLTableElement>(null);
  useStackedWhenNarrow(table, columns.length);
  const [scrollMargin, setScrollMargin] = useState(0);
  const virtualizer: Virtualizer<Window, HTMLTableRowElement> = useWindowVirtualizer({
    count: rows.total,
    estimateSize: (): number => usualHeight.get(virtualizer) ?? rowHeight,
    overscan: 12,
    scrollMargin,
    // Render the rows in React's next frame rather than synchronously inside the scroll event
    // (the library's default): a long re-render then never stretches one frame past 50 ms.
    useFlushSync: false,
    observeElementOffset: observeOffsetAsTransition,
    measureElement: rowSize,
  });

  // Where the rows start on the page: they scroll with the window, below the filters.
  useLayoutEffect(() => {
    const element = body.current;
    if (element === null) return;
    const measure = (): void => setScrollMargin(element.getBoundingClientRect().top + window.scrollY);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(document.body);
    return () => observer.disconnect();
  }, []);

  const items = virtualizer.getVirtualItems();
  // A row at least as tall as rows are here: a row put in empty while the rows fly past is as tall as when filled.
  const rowShown = usualHeight.get(virtualizer) ?? rowHeight;
  const flinging = virtualizer.isScrolling && (scrollSpeed.get(virtualizer) ?? 0) * FLING_MS > window.innerHeight;
  const first = items[0]?.index ?? 0;
  const last = items.at(-1)?.index ?? 0;
  const { need } = rows;
  useEffect(() => need(first, last), [need, first, last]);

  // Back to this list: scroll to where it was, once its rows are known.
  const restored = useRef(false);
  useEffect(() => {
    if (restored.current || rows.status !== 'ok') return;
    restored.current = true;
    const at = scrolledTo.get(scrollKey);
    if (at !== undefined && at > 0) window.scrollTo(0, at);
  }, [rows.status, scrollKey]);
  // Other filters make another list: show it from its top, not from where the old one was scrolled to.
  const shownKey = useRef(scrollKey);
  useEffect(() => {
    if (shownKey.current === scrollKey) return;
    shownKey.current = scrollKey;
    const top = body.current === null ? 0 : body.current.getBoundingClientRect().top + window.scrollY;
    if (window.scrollY > top) window.scrollTo(0, Math.max(0, top - 160));
  }, [scrollKey]);
  useEffect(() => {
    const remember = (): void => {
      scrolledTo.set(scrollKey, window.scrollY);
    };
    window.addEventListener('scroll', remember, { passive: true });
    return () => window.removeEventListener('scroll', remember);
  }, [scrollKey]);

  const before = items.length > 0 ? items[0]!.start - scrollMargin : 0;
  const after = items.length > 0 ? virtualizer.getTotalSize() - (items.at(-1)!.end - scrollMargin) : 0;

  // In a narrow box (320 px, 200% zoom) the rows stack, each cell under its column's name (table-stack).
  return (
    <div className="table-box">
      <table
        ref={table}
        className={rows.stale ? 'table table-stack table-virtual table-stale' : 'table table-stack table-virtual'}
        aria-rowcount={rows.total + 1}
        aria-busy={rows.stale || undefined}
      >
        <caption className="visually-hidden">{caption}</caption>
        <colgroup>
          {columns.map((column) => (
            <col key={column.key} style={{ width: column.width }} />
          ))}
        </colgroup>
        <thead>
          <tr aria-rowindex={1}>
            {columns.map((column) => (
              <th
                key={column.key}
                scope="col"
                className={column.className}
                data-main-column={column.main === true ? '' : undefined}
              >
                {column.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody ref={body}>
          {before > 0 && (
            <tr aria-hidden="true" className="virtual-spacer">
              <td colSpan={columns.length} style={{ height: before }} />
            </tr>
          )}
          {items.map((item) => (
            <VirtualRow
              key={item.key}
              index={item.index}
              row={rows.rowAt(item.index)}
              columns={columns as readonly Column<never>[]}
              rowHeight={rowShown}
              measure={virtualizer.measureElement}
              flinging={flinging}
            />
          ))}
          {after > 0 && (
            <tr aria-hidden="true" className="virtual-spacer">
              <td colSpan={columns.length} style={{ height: after }} />
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}
