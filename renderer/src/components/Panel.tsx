/**
 * A titled section of a page: a panel whose h2 names it for assistive
 * technology (aria-labelledby), with room beside the title for an action or
 * a note.
 */
import type { ReactNode } from 'react';

/** Props of {@link Panel}. */
export interface PanelProps {
  /** The heading's id, unique on the page. */
  readonly id: string;
  readonly title: ReactNode;
  /**
   * Shown beside the title (a button, a link or a note). When given, even as
   * null while there is nothing to show, the title sits in a panel head.
   */
  readonly aside?: ReactNode;
  /** A quieter panel with a smaller title (e.g. the archive section). */
  readonly quiet?: boolean;
  readonly children?: ReactNode;
}

/** A `<section>` panel under its h2. */
export function Panel({ id, title, aside, quiet = false, children }: PanelProps): ReactNode {
  const heading = (
    <h2 id={id} className={quiet ? 'panel-title panel-title-small' : 'panel-title'}>
      {title}
    </h2>
  );
  return (
    <section className={quiet ? 'panel panel-quiet' : 'panel'} aria-labelledby={id}>
      {aside === undefined ? (
        heading
      ) : (
        <div className="panel-head">
          {heading}
          {aside}
        </div>
      )}
      {children}
    </section>
  );
}
