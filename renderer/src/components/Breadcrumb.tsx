/**
 * Where a page sits: the links above its heading (Papers / PAP-2026-041).
 */
import type { ReactNode } from 'react';

/** One step of the trail. */
export interface Crumb {
  readonly href: string;
  readonly label: string;
}

/** The trail of links back up from the current page. */
export function Breadcrumb({ trail }: { readonly trail: readonly Crumb[] }): ReactNode {
  return (
    <nav className="breadcrumb" aria-label="Breadcrumb">
      <ol>
        {trail.map((crumb) => (
          <li key={crumb.href}>
            <a href={crumb.href}>{crumb.label}</a>
          </li>
        ))}
      </ol>
    </nav>
  );
}
