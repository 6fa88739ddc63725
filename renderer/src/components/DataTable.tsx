/**
 * A plain table of records: scrollable on narrow windows, with a caption for
 * screen readers and one header cell per column. The rows are the caller's.
 */
import type { ReactNode } from 'react';

/** A column heading: its words, or its words and a class (e.g. "numeric"). */
export type DataColumn = string | { readonly label: string; readonly className: string };

/** Props of {@link DataTable}. */
export interface DataTableProps {
  /** Says what the table holds (read by screen readers only). */
  readonly caption: ReactNode;
  readonly columns: readonly DataColumn[];
  /** The body's rows (`<tr>` elements). */
  readonly children: ReactNode;
}

/** A table with a hidden caption, its column headings and the given rows. */
export function DataTable({ caption, columns, children }: DataTableProps): ReactNode {
  return (
    <div className="table-wrap">
      <table className="table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {columns.map((column) =>
              typeof column === 'string' ? (
                <th key={column} scope="col">
                  {column}
                </th>
              ) : (
                <th key={column.label} scope="col" className={column.className}>
                  {column.label}
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
