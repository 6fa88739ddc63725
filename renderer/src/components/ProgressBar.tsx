/**
 * A thin bar drawn beside a count that already says the same in words
 * ("3 of 12 papers read"); the bar itself is hidden from screen readers.
 */
import type { ReactNode } from 'react';

/** The bar for `value` out of `max`. */
export function ProgressBar({ value, max }: { readonly value: number; readonly max: number }): ReactNode {
  const percent = max === 0 ? 0 : Math.round((value / max) * 100);
  return (
    <span className={percent === 100 ? 'progress progress-done' : 'progress'} aria-hidden="true">
      <span className="progress-fill" style={{ width: `${percent}%` }} />
    </span>
  );
}
