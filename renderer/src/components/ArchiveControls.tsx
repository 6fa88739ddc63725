/**
 * Archiving and restoring a record from its page: the two changes, the error
 * of the last one, and the button that does whichever applies.
 */
import type { ReactNode } from 'react';
import type { AppError } from '../../../shared/contract/result.ts';
import { useChange } from '../changes.ts';
import { busyButtonProps } from './busyButton.ts';

/** The record types whose pages archive and restore. */
export type ArchivableCollection = 'members' | 'meetings' | 'papers' | 'decisions' | 'contracts';

/** Archive and restore for one record, as {@link useArchiving} gives them. */
export interface Archiving {
  readonly archive: () => void;
  readonly restore: () => void;
  readonly archivePending: boolean;
  readonly restorePending: boolean;
  /** The error of the last archive or restore, if it failed. */
  readonly problem: AppError | undefined;
}

/** Archive and restore of record `id` in `collection`; each forgets the other's error. */
export function useArchiving(collection: ArchivableCollection, id: string): Archiving {
  const archive = useChange(`${collection}:archive`);
  const unarchive = useChange(`${collection}:unarchive`);
  return {
    archive: () => {
      unarchive.reset();
      void archive.run({ id });
    },
    restore: () => {
      archive.reset();
      void unarchive.run({ id });
    },
    archivePending: archive.pending,
    restorePending: unarchive.pending,
    problem: archive.error ?? unarchive.error,
  };
}

/** Props of {@link ArchiveButton}. */
export interface ArchiveButtonProps {
  readonly archiving: Archiving;
  /** Whether the record is archived now: then the button restores it. */
  readonly archived: boolean;
  /** What the archive button says (default "Archive"). */
  readonly label?: ReactNode;
  /** The archive button's look (default quiet). */
  readonly tone?: 'quiet' | 'secondary';
}

/** "Restore from the archive" for an archived record, otherwise the archive button. */
export function ArchiveButton({
  archiving,
  archived,
  label = 'Archive',
  tone = 'quiet',
}: ArchiveButtonProps): ReactNode {
  return archived ? (
    <button
      type="button"
      className="button button-secondary"
      {...busyButtonProps(archiving.restorePending)}
      onClick={archiving.restore}
    >
      Restore from the archive
    </button>
  ) : (
    <button
      type="button"
      className={`button button-${tone}`}
      {...busyButtonProps(archiving.archivePending)}
      onClick={archiving.archive}
    >
      {label}
    </button>
  );
}
