/**
 * Markdown on screen: the only place sanitised HTML is put in the page, and
 * only HTML that came from renderMarkdown (marked, then DOMPurify).
 */
import { useMemo, type ReactNode } from 'react';
import { renderMarkdown } from '../markdown.ts';

/** Props of {@link Markdown}. */
export interface MarkdownProps {
  readonly source: string;
  /** Levels to push the text's headings down (default 1: a `#` heading becomes h2). */
  readonly headingOffset?: number;
  readonly className?: string;
}

/** Renders a paper's Markdown, inert: nothing in it runs or loads from elsewhere. */
export function Markdown({ source, headingOffset = 1, className }: MarkdownProps): ReactNode {
  const html = useMemo(() => renderMarkdown(source, { headingOffset }), [source, headingOffset]);
  return (
    <div
      className={className === undefined ? 'markdown' : `markdown ${className}`}
      dangerouslySetInnerHTML={{ __html: html }}
    />
  );
}
