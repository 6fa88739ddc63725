/**
 * The one h1 of a page. It takes focus when the page changes, so a screen
 * reader announces the new page and the keyboard starts from its top.
 */
import type { ReactNode } from 'react';

/** The page's title, focusable by script (not by Tab). */
export function PageHeading({ children }: { readonly children: ReactNode }): ReactNode {
  return (
    <h1 className="page-title" tabIndex={-1} data-page-heading="">
      {children}
    </h1>
  );
}
