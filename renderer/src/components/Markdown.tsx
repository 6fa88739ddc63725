/**
 * Markdown on screen: the only place sanitised content is put in the page,
 * and only what came from markdownParts (marked, then DOMPurify, as inert
 * nodes). A long text goes in part by part: the first before the frame is
 * painted, each later one in a task of its own, so the page answers and
 * paints between them; the box says it is busy until the last is in.
 */
import { useLayoutEffect, useRef, type ReactNode } from 'react';
import { markdownParts } from '../markdown.ts';

/** Props of {@link Markdown}. */
export interface MarkdownProps {
  readonly source: string;
  /** Levels to push the text's headings down (default 1: a `#` heading becomes h2). */
  readonly headingOffset?: number;
  readonly className?: string;
}

/** Renders a paper's Markdown, inert: nothing in it runs or loads from elsewhere. */
export function Markdown({ source, headingOffset = 1, className }: MarkdownProps): ReactNode {
  const box = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    const element = box.current;
    if (element === null) return;
    const parts = markdownParts(source, { headingOffset });
    // Each later part in a task of its own (a message to itself: no timer clamping), so input and paint come between.
    const channel = new MessageChannel();
    const first = parts.next();
    element.replaceChildren(...(first.done ? [] : [first.value]));
    channel.port1.onmessage = (): void => {
      const next = parts.next();
      if (next.done) {
        element.removeAttribute('aria-busy');
        channel.port1.close();
        return;
      }
      element.append(next.value);
      channel.port2.postMessage(null);
    };
    if (!first.done) {
      element.setAttribute('aria-busy', 'true');
      channel.port2.postMessage(null);
    }
    return () => {
      channel.port1.onmessage = null;
      channel.port1.close();
      parts.return();
      element.removeAttribute('aria-busy');
    };
  }, [source, headingOffset]);
  return <div ref={box} className={className === undefined ? 'markdown' : `markdown ${className}`} />;
}
