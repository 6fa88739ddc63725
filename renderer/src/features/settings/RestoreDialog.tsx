/**
 * "Restore this backup?": the confirmation both kinds of backup ask for (a
 * backup in the data folder, a copy in the backup folder), saying what goes
 * back and that the data as it is now is kept.
 */
import type { ReactNode } from 'react';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { formatDateTimeLong } from '../../format.ts';

/** Open while `backup` is set; `checked` adds that the copy is checked before anything is replaced. */
export function RestoreDialog({
  backup,
  what,
  checked = false,
  onConfirm,
  onCancel,
}: {
  readonly backup: { readonly createdAt: string } | undefined;
  /** "backup" or "copy". */
  readonly what: string;
  readonly checked?: boolean;
  readonly onConfirm: () => void;
  readonly onCancel: () => void;
}): ReactNode {
  return (
    <ConfirmDialog
      open={backup !== undefined}
      title={`Restore this ${what}?`}
      confirmLabel={checked ? `Check and restore the ${what}` : `Restore the ${what}`}
      onConfirm={onConfirm}
      onCancel={onCancel}
    >
      {backup !== undefined && (
        <>
          <p>
            The data will go back to how it was on {formatDateTimeLong(backup.createdAt)}. Changes made since then will
            no longer be in the app.
          </p>
          <p>
            {checked ? 'The copy is checked first; if it does not verify nothing is replaced. ' : ''}A backup of the
            data as it is now is made first, so this can be undone by restoring that one.
          </p>
        </>
      )}
    </ConfirmDialog>
  );
}
