/**
 * A plain table of records: with a caption for screen readers and one header
 * cell per column. In a narrow box (320 px, 200% zoom, a narrow window) its
 * rows stack, each cell under its column's name (`table-stack` in app.css,
 * from the `data-label` this puts on each cell), so nothing scrolls sideways
 * and the main column is never squeezed; a table that truly needs its width
 * (`stack={false}`) scrolls inside its own box. The rows are the caller's.
 */
import { useLayoutEffect, useRef, type ReactNode } from 'react';

/**
 * A column heading: its words, or its words and a class (e.g. "numeric"), whether it names the row, and
 * whether its words are for screen readers only (a column of buttons that say what they do: stacked, its
 * cells carry no label either).
 */
export type DataColumn =
  | string
  | { readonly label: string; readonly className?: string; readonly main?: boolean; readonly labelHidden?: boolean };

/** Props of {@link DataTable}. */
export interface DataTableProps {
  /** Says what the table holds (read by screen readers only). */
  readonly caption: ReactNode;
  readonly columns: readonly DataColumn[];
  /** The body's rows (`<tr>` elements). */
  readonly children: ReactNode;
  /** Stack the rows in a narrow box (the default); false for a grid that needs its columns side by side. */
  readonly stack?: boolean;
}

/** Below this box width (in rem) a table of up to five columns stacks its rows; one of more, below {@link WIDE_STACK_BELOW_REM}. */
export const STACK_BELOW_REM = 48;
/** Below this box width (in rem) a table of six columns or more stacks its rows. */
export const WIDE_STACK_BELOW_REM = 64;

/**
 * Marks the table `data-stacked` while the box it sits in is narrower than
 * its columns need (see the constants above), and follows the box's width
 * (a resized window, zoom): app.css then stacks its rows.
 */
export function useStackedWhenNarrow(table: { readonly current: HTMLTableElement | null }, columns: number): void {
  useLayoutEffect(() => {
    const element = table.current;
    const box = element?.parentElement;
    if (element == null || box == null) return;
    const update = (): void => {
      const rem = Number.parseFloat(getComputedStyle(document.documentElement).fontSize) || 16;
      const below = (columns > 5 ? WIDE_STACK_BELOW_REM : STACK_BELOW_REM) * rem;
      element.toggleAttribute('data-stacked', box.clientWidth < below);
    };
    update();
    const observer = new ResizeObserver(update);
    observer.observe(box);
    return () => observer.disconnect();
  }, [table, columns]);
}

/** Each body cell says its column's name (data-label), shown above it when the rows stack. */
export function useCellLabels(table: { readonly current: HTMLTableElement | null }): void {
  useLayoutEffect(() => {
    const element = table.current;
    if (element === null) return;
    const labels = [...element.querySelectorAll('thead th')].map((th) =>
      th.hasAttribute('data-label-hidden') ? '' : (th.textContent?.trim() ?? ''),
    );
    for (const row of element.tBodies[0]?.rows ?? []) {
      if (row.cells.length !== labels.length) continue;
      [...row.cells].forEach((cell, i) => {
        if (labels[i] !== '' && cell.dataset['label'] !== labels[i]) cell.dataset['label'] = labels[i];
      });
    }
  });
}

/** A table with a hidden caption, its column headings and the given rows. */
export function DataTable({ caption, columns, children, stack = true }: DataTableProps): ReactNode {
  const table = useRef<HTMLTableElement>(null);
  useCellLabels(table);
  useStackedWhenNarrow(table, stack ? columns.length : 0);
  return (
    <div className="table-wrap">
      <table ref={table} className={stack ? 'table table-stack' : 'table'}>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {columns.map((column) =>
              typeof column === 'string' ? (
                <th key={column} scope="col">
                  {column}
                </th>
              ) : (
                <th
                  key={column.label}
                  scope="col"
                  className={column.className}
                  data-main-column={column.main === true ? '' : undefined}
                  data-label-hidden={column.labelHidden === true ? '' : undefined}
                >
                  {column.labelHidden === true ? <span className="visually-hidden">{column.label}</span> : column.label}
                </th>
              ),
            )}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
