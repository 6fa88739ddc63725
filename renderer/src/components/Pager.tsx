/**
 * Moves through the pages of a list: "Rows 51–100 of 240" with previous and
 * next buttons, or a plain count when everything fits on one page.
 */
import type { ReactNode } from 'react';

const count = new Intl.NumberFormat('en-GB');

/** Props of {@link Pager}. */
export interface PagerProps {
  readonly page: number;
  readonly pageSize: number;
  readonly total: number;
  /** What the rows are, plural, e.g. "papers". */
  readonly noun: string;
  readonly onPage: (page: number) => void;
}

/** The pager under a list. */
export function Pager({ page, pageSize, total, noun, onPage }: PagerProps): ReactNode {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (pages === 1) {
    return (
      <p className="pager-position">
        {total === 1 ? `One ${noun.replace(/s$/, '')}.` : `${count.format(total)} ${noun}.`}
      </p>
    );
  }
  const first = page * pageSize + 1;
  const last = Math.min(total, (page + 1) * pageSize);
  return (
    <nav className="pager" aria-label={`Pages of ${noun}`}>
      <button
        type="button"
        className="button button-small button-secondary"
        disabled={page === 0}
        onClick={() => onPage(page - 1)}
      >
        Previous page
      </button>
      <p className="pager-position">
        {count.format(first)}–{count.format(last)} of {count.format(total)} {noun} (page {page + 1} of {pages})
      </p>
      <button
        type="button"
        className="button button-small button-secondary"
        disabled={page + 1 >= pages}
        onClick={() => onPage(page + 1)}
      >
        Next page
      </button>
    </nav>
  );
}
