/**
 * What a page shows when what it asked for could not be read: the backend's
 * own message, which names the thing and the way out, and where to go next;
 * and a record's page while its record is not in yet.
 */
import type { ReactNode } from 'react';
import type { AppError } from '../../../shared/contract/result.ts';
import { Breadcrumb } from './Breadcrumb.tsx';
import { PageHeading } from './PageHeading.tsx';

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

/** Props of {@link RecordPending}. */
export interface RecordPendingProps {
  /** The record's query while it is not in: loading, or failed. */
  readonly state: { readonly status: 'loading' } | { readonly status: 'error'; readonly error: AppError };
  /** The page's heading until the record is in, e.g. "Contract". */
  readonly heading: string;
  /** What could not be read, e.g. "This contract". */
  readonly what: string;
  /** The list it belongs to, as a breadcrumb above the heading. */
  readonly crumb?: { readonly href: string; readonly label: string };
  /** The link back when it could not be read. */
  readonly back: { readonly href: string; readonly label: string };
}

/** A record's page before the record is in: its heading, then "Loading…" or what went wrong and the way back. */
export function RecordPending({ state, heading, what, crumb, back }: RecordPendingProps): ReactNode {
  return (
    <>
      {crumb !== undefined && <Breadcrumb trail={[crumb]} />}
      <PageHeading>{heading}</PageHeading>
      {state.status === 'loading' ? (
        <p className="muted">Loading…</p>
      ) : (
        <LoadProblem what={what} error={state.error} back={back} />
      )}
    </>
  );
}
