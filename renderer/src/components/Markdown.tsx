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
  /**
   * Called each time a part is put in the page (the box holding the text so
   * far, and whether that part was the last): a reader that draws over the
   * words (highlights) draws again.
   */
  readonly onPart?: (box: HTMLElement, last: boolean) => void;
}

/** Renders a paper's Markdown, inert: nothing in it runs or loads from elsewhere. */
export function Markdown({ source, headingOffset = 1, className, onPart }: MarkdownProps): ReactNode {
  const box = useRef<HTMLDivElement>(null);
  const partDone = useRef(onPart);
  // Before the text goes in (a layout effect, declared first), so a new source's parts call the newest callback.
  useLayoutEffect(() => {
    partDone.current = onPart;
  });
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
        partDone.current?.(element, true);
        return;
      }
      element.append(next.value);
      partDone.current?.(element, false);
      channel.port2.postMessage(null);
    };
    if (!first.done) {
      element.setAttribute('aria-busy', 'true');
      partDone.current?.(element, false);
      channel.port2.postMessage(null);
    } else {
      partDone.current?.(element, true);
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
