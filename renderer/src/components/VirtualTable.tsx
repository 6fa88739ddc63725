/**
 * A long table that stays smooth at tens of thousands of rows: only the rows
 * near the window's view are in the page (@tanstack/react-virtual, scrolling
 * with the window, so there is no box-in-a-box to scroll), and their pages
 * are fetched as they come into view. It stays a real table for assistive
 * technology: aria-rowcount says how many rows there are in all and each
 * row's aria-rowindex says where it is.
 */
import { useWindowVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useLayoutEffect, useRef, useState, type ReactNode } from 'react';
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

/** The virtualised table. */
export function VirtualTable<Row>({ caption, columns, rows, rowHeight, scrollKey }: VirtualTableProps<Row>): ReactNode {
  const body = useRef<HTMLTableSectionElement>(null);
  const table = useRef<HTMLTableElement>(null);
  useStackedWhenNarrow(table, columns.length);
  const [scrollMargin, setScrollMargin] = useState(0);
  const virtualizer = useWindowVirtualizer({
    count: rows.total,
    estimateSize: () => rowHeight,
    overscan: 12,
    scrollMargin,
    // Render the rows in React's next frame rather than synchronously inside the scroll event
    // (the library's default): a long re-render then never stretches one frame past 50 ms.
    useFlushSync: false,
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
          {items.map((item) => {
            const row = rows.rowAt(item.index);
            return (
              <tr
                key={item.key}
                ref={virtualizer.measureElement}
                data-index={item.index}
                aria-rowindex={item.index + 2}
                style={{ height: rowHeight }}
              >
                {row === undefined ? (
                  <td colSpan={columns.length} className="muted">
                    Loading row {(item.index + 1).toLocaleString('en-GB')}…
                  </td>
                ) : (
                  columns.map((column) => (
                    <td key={column.key} className={column.className} data-label={column.header}>
                      {column.cell(row)}
                    </td>
                  ))
                )}
              </tr>
            );
          })}
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
