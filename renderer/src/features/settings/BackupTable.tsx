/**
 * A list of backups (those in the data folder, or the copies in a backup
 * folder), newest first: when each was made, one more fact of it, its size,
 * and a Restore button. Built on DataTable, so at 320 px or 200% zoom its rows
 * stack rather than scroll sideways.
 */
import type { ReactNode } from 'react';
import { DataTable } from '../../components/DataTable.tsx';
import { busyButtonProps } from '../../components/busyButton.ts';
import { formatBytes, formatDateTimeSeconds } from '../../format.ts';

/** What every backup listed has. */
interface ListedBackup {
  readonly id: string;
  readonly createdAt: string;
  readonly bytes: number;
}

/** Props of {@link BackupTable}. */
export interface BackupTableProps<B extends ListedBackup> {
  /** What the table holds, for screen readers, e.g. "Backups, newest first". */
  readonly caption: string;
  readonly backups: readonly B[];
  /** The column between "Made" and "Size": its heading, whether it is a number, and its cell. */
  readonly fact: { readonly label: string; readonly numeric?: boolean; readonly of: (backup: B) => ReactNode };
  /** The thing restored, in the buttons' names: "backup" or "copy". */
  readonly what: string;
  /** A restore is running: the buttons say so and do nothing, keeping the focus. */
  readonly busy: boolean;
  readonly onRestore: (backup: B) => void;
}

/** The table of backups with their Restore buttons. */
export function BackupTable<B extends ListedBackup>({
  caption,
  backups,
  fact,
  what,
  busy,
  onRestore,
}: BackupTableProps<B>): ReactNode {
  const numeric = fact.numeric === true ? 'numeric' : undefined;
  return (
    <DataTable
      caption={caption}
      columns={[
        'Made',
        numeric === undefined ? fact.label : { label: fact.label, className: numeric },
        { label: 'Size', className: 'numeric' },
        { label: 'Action', labelHidden: true },
      ]}
    >
      {backups.map((backup) => (
        <tr key={backup.id}>
          <td className="nowrap">{formatDateTimeSeconds(backup.createdAt)}</td>
          <td className={numeric}>{fact.of(backup)}</td>
          <td className="numeric">{formatBytes(backup.bytes)}</td>
          <td className="actions">
            <button
              type="button"
              className="button button-small button-secondary"
              {...busyButtonProps(busy)}
              onClick={() => onRestore(backup)}
            >
              Restore
              <span className="visually-hidden">
                {' '}
                the {what} made {formatDateTimeSeconds(backup.createdAt)}
              </span>
            </button>
          </td>
        </tr>
      ))}
    </DataTable>
  );
}
