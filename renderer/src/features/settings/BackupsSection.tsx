/**
 * Backups in Settings: make one now, see the list (newest first), and restore
 * one after confirming.
 */
import { useState, type ReactNode } from 'react';
import type { BackupInfo } from '../../../../shared/contract/storeTypes.ts';
import { useMutation, useQuery } from '../../apiHooks.ts';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { Panel } from '../../components/Panel.tsx';
import { formatBytes, formatDateTime } from '../../format.ts';
import { busyButtonProps } from '../../components/busyButton.ts';
import { BackupTable } from './BackupTable.tsx';
import { RestoreDialog } from './RestoreDialog.tsx';

const REASONS: Readonly<Record<BackupInfo['reason'], string>> = {
  start: 'On starting',
  manual: 'Made by hand',
  'before-restore': 'Before a restore',
  'before-sample': 'Before loading the sample board',
};

/** The backups panel: "Back up now", the list, and restore with confirmation. */
export function BackupsSection({ children }: { readonly children?: ReactNode }): ReactNode {
  const backups = useQuery('backups:list', {});
  const create = useMutation('backups:create');
  const restore = useMutation('backups:restore');
  const [toRestore, setToRestore] = useState<BackupInfo | undefined>(undefined);
  const [notice, setNotice] = useState<string | undefined>(undefined);
  const problem = create.error ?? restore.error;

  async function backUpNow(): Promise<void> {
    setNotice(undefined);
    restore.reset();
    const result = await create.run({});
    if (result.ok) {
      setNotice(`Backup made at ${formatDateTime(result.value.createdAt)} (${formatBytes(result.value.bytes)}).`);
    }
  }

  async function confirmRestore(): Promise<void> {
    const backup = toRestore;
    setToRestore(undefined);
    if (backup === undefined) return;
    setNotice(undefined);
    create.reset();
    const result = await restore.run({ id: backup.id });
    if (result.ok) setNotice(`Restored the backup made at ${formatDateTime(backup.createdAt)}.`);
  }

  const list = backups.status === 'ok' ? [...backups.value].sort((a, b) => b.createdAt.localeCompare(a.createdAt)) : [];

  return (
    <Panel id="backups-title" title="Backups">
      <p className="section-intro">
        A backup is made each time Boardkeeper starts, before the first change, and whenever you ask. The most recent 20
        are kept in the data folder, under <code>backups</code>.
      </p>
      <div className="button-row">
        <button
          type="button"
          className="button button-secondary"
          {...busyButtonProps(create.pending || restore.pending)}
          onClick={() => void backUpNow()}
        >
          {create.pending ? 'Backing up…' : 'Back up now'}
        </button>
        <p role="status" className="inline-status">
          {restore.pending ? 'Restoring…' : notice}
        </p>
      </div>
      {problem !== undefined && <ErrorMessage>{problem.message}</ErrorMessage>}

      {backups.status === 'loading' && <p className="muted">Loading backups…</p>}
      {backups.status === 'error' && (
        <ErrorMessage>The backups could not be listed: {backups.error.message}</ErrorMessage>
      )}
      {backups.status === 'ok' && list.length === 0 && (
        <p className="empty-state">No backups yet. The first is made before the first change you save.</p>
      )}
      {list.length > 0 && (
        <BackupTable
          caption="Backups, newest first"
          backups={list}
          fact={{ label: 'Why', of: (backup) => REASONS[backup.reason] }}
          what="backup"
          busy={restore.pending}
          onRestore={setToRestore}
        />
      )}

      <RestoreDialog
        backup={toRestore}
        what="backup"
        onConfirm={() => void confirmRestore()}
        onCancel={() => setToRestore(undefined)}
      />
      {children}
    </Panel>
  );
}
