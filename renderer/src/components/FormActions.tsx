/**
 * The end of a form: the button that sends it (saying "Saving…" while it is
 * in flight) and a way out without saving, as a link back or a button.
 */
import type { ReactNode } from 'react';
import { busyButtonProps } from './busyButton.ts';

/** Props of {@link FormActions}. */
export interface FormActionsProps {
  /** What sending does, e.g. "Add the contract" or "Save changes". */
  readonly label: string;
  readonly pending: boolean;
  /** What the button says while sending (default "Saving…"). */
  readonly pendingLabel?: string;
  /** Not to be sent for another reason than a save in flight. */
  readonly disabled?: boolean;
  /** Where Cancel goes (a link), or what it does (a button). */
  readonly cancel: string | (() => void);
}

/** The send and Cancel buttons of a form. */
export function FormActions({
  label,
  pending,
  pendingLabel = 'Saving…',
  disabled = false,
  cancel,
}: FormActionsProps): ReactNode {
  return (
    <div className="button-row form-actions">
      <button type="submit" className="button button-primary" disabled={disabled} {...busyButtonProps(pending)}>
        {pending ? pendingLabel : label}
      </button>
      {typeof cancel === 'string' ? (
        <a className="button button-quiet" href={cancel}>
          Cancel
        </a>
      ) : (
        <button type="button" className="button button-quiet" onClick={cancel}>
          Cancel
        </button>
      )}
    </div>
  );
}
