/**
 * The one h1 of a page. It takes focus when the page changes (see
 * app/pageFocus.ts), so a screen reader announces the new page and the
 * keyboard starts from its top, and it names the document: its text (or the
 * shorter `title` given, such as a reference), then the area, the board and
 * the app.
 */
import { useContext, useEffect, useRef, type ReactNode } from 'react';
import { PageTitleContext, documentTitleOf } from '../app/pageFocus.ts';

/** Props of {@link PageHeading}. */
export interface PageHeadingProps {
  readonly children: ReactNode;
  /** The page's name in the document title when the heading is long (e.g. "PCD 2026-117"); else its text. */
  readonly title?: string;
}

/** The page's title, focusable by script (not by Tab). */
export function PageHeading({ children, title }: PageHeadingProps): ReactNode {
  const heading = useRef<HTMLHeadingElement>(null);
  const parts = useContext(PageTitleContext);
  useEffect(() => {
    if (parts === undefined) return;
    document.title = documentTitleOf(title ?? heading.current?.textContent ?? '', parts);
  });
  return (
    <h1 ref={heading} className="page-title" tabIndex={-1} data-page-heading="">
      {children}
    </h1>
  );
}
