/**
 * Whether the local user has read a paper, said in words and marked with a
 * shape as well as a colour.
 */
import type { ReactNode } from 'react';

/** "Read" or "Unread". */
export function ReadState({ read }: { readonly read: boolean }): ReactNode {
  return read ? (
    <span className="read-state read-state-read">
      <span aria-hidden="true">● </span>Read
    </span>
  ) : (
    <span className="read-state read-state-unread">
      <span aria-hidden="true">○ </span>Unread
    </span>
  );
}
