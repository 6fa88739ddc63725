/**
 * What a page shows when what it asked for could not be read: the backend's
 * own message, which names the thing and the way out, and where to go next.
 */
import type { ReactNode } from 'react';
import type { AppError } from '../../../shared/result.ts';

/** Props of {@link LoadProblem}. */
export interface LoadProblemProps {
  /** What could not be read, e.g. "This paper". */
  readonly what: string;
  readonly error: AppError;
  /** A link back, e.g. to the list. */
  readonly back?: { readonly href: string; readonly label: string };
}

/** A failed read, said plainly. */
export function LoadProblem({ what, error, back }: LoadProblemProps): ReactNode {
  return (
    <div role="alert" className="message message-error">
      <p>
        {error.code === 'not_found' ? `${what} is not here. ` : `${what} could not be read. `}
        {error.message}
      </p>
      {back !== undefined && (
        <p>
          <a href={back.href}>{back.label}</a>
        </p>
      )}
    </div>
  );
}
