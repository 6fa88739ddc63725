/**
 * A change or read that failed, said where it happened: the error's words in
 * an alert, so a screen reader announces it.
 */
import type { ReactNode } from 'react';

/** An error message in an alert paragraph. */
export function ErrorMessage({ children }: { readonly children: ReactNode }): ReactNode {
  return (
    <p role="alert" className="message message-error">
      {children}
    </p>
  );
}
