/**
 * "Back up to a folder…" in Settings → Backups: a folder on another disk (an
 * external drive, a synced folder) that gets a full, checked copy now and
 * every day, keeping the newest few there; and restore from one of those
 * copies, checked before anything is replaced.
 */
import { useId, useState, type FormEvent, type ReactNode } from 'react';
import type { FolderBackupInfo } from '../../../../shared/contract/storeTypes.ts';
import { transportKind } from '../../api.ts';
import { useMutation, useQuery } from '../../apiHooks.ts';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { formatBytes, formatDateTime, formatDateTimeSeconds } from '../../format.ts';
import { BackupTable } from './BackupTable.tsx';
import { RestoreDialog } from './RestoreDialog.tsx';
import { busyButtonProps } from '../../components/busyButton.ts';

/** The folder, how many to keep, "Back up to this folder now", and the copies there. */
export function FolderBackupSection(): ReactNode {
  const id = useId();
  const settings = useQuery('backups:folderGet', {});
  const save = useMutation('backups:folderSet');
  const run = useMutation('backups:toFolder');
  const choose = useMutation('backups:chooseFolder');
  // The desktop app has the system's folder picker; in the web host the folder is typed.
  const canPick = transportKind() === 'electron';
  // Until edited, the fields show what is saved.
  const [folderEdited, setFolder] = useState<string | undefined>(undefined);
  const [keepEdited, setKeep] = useState<string | undefined>(undefined);
  const [notice, setNotice] = useState<string | undefined>(undefined);
  const current = settings.status === 'ok' ? settings.value : null;
  const folder = folderEdited ?? current?.folder ?? '';
  const keep = keepEdited ?? String(current?.keep ?? 7);

  async function pick(): Promise<void> {
    const picked = await choose.run({});
    if (picked.ok && picked.value.folder !== null) setFolder(picked.value.folder);
  }

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault();
    setNotice(undefined);
    const saved = await save.run({ folder: folder.trim() === '' ? null : folder, keep: Number(keep) });
    if (!saved.ok || saved.value === null) return;
    const made = await run.run({});
    if (made.ok) {
      setNotice(
        `Backed up and checked in ${made.value.folder} at ${formatDateTime(made.value.createdAt)} (${formatBytes(made.value.bytes)}).`,
      );
    }
  }

  const problem = save.error ?? run.error ?? choose.error;
  return (
    <>
      <form aria-labelledby={`${id}-title`} onSubmit={(e) => void submit(e)} noValidate>
        <h3 id={`${id}-title`}>Back up to a folder…</h3>
        <p className="field-hint">
          The backups above share their files with the data folder, so damage to one is in both. A backup to a folder on
          another disk copies every file, checks the copy against the journal, and is made again every day.
        </p>
        <div className="field">
          <label htmlFor={`${id}-folder`}>Folder</label>
          <input
            id={`${id}-folder`}
            value={folder}
            onChange={(e) => setFolder(e.target.value)}
            readOnly={canPick}
            placeholder={canPick ? 'No folder chosen' : 'Type the folder’s full path'}
            spellCheck={false}
          />
          {canPick && (
            <div className="button-row">
              <button
                type="button"
                className="button button-secondary"
                {...busyButtonProps(choose.pending)}
                onClick={() => void pick()}
              >
                Choose a folder…
              </button>
            </div>
          )}
        </div>
        <div className="field">
          <label htmlFor={`${id}-keep`}>Backups to keep there</label>
          <input id={`${id}-keep`} inputMode="numeric" value={keep} onChange={(e) => setKeep(e.target.value)} />
        </div>
        <div className="button-row">
          <button type="submit" className="button button-secondary" {...busyButtonProps(save.pending || run.pending)}>
            {run.pending ? 'Copying…' : 'Save the folder and copy to it'}
          </button>
        </div>
        <div role="status">
          {notice !== undefined && <p className="message message-success">{notice}</p>}
          {notice === undefined && current?.lastAt !== undefined && (
            <p className="muted">Last backup there: {formatDateTime(current.lastAt)}.</p>
          )}
        </div>
        {(problem !== undefined || current?.lastError !== undefined) && (
          <p role="alert" className="message message-error">
            {problem?.message ?? `The last backup to this folder failed: ${current?.lastError ?? ''}`}
          </p>
        )}
      </form>
      {current !== null && <FolderBackupList folder={current.folder} />}
    </>
  );
}

/** The copies in the folder, newest first, each restorable after a check; a refused one offers the next. */
function FolderBackupList({ folder }: { readonly folder: string }): ReactNode {
  const id = useId();
  const backups = useQuery('backups:folderList', {});
  const restore = useMutation('backups:restoreFromFolder');
  const [toRestore, setToRestore] = useState<FolderBackupInfo | undefined>(undefined);
  const [notice, setNotice] = useState<string | undefined>(undefined);
  const list = backups.status === 'ok' ? backups.value : [];
  const next = restore.error?.details?.['next'] as FolderBackupInfo | null | undefined;

  async function confirmRestore(): Promise<void> {
    const backup = toRestore;
    setToRestore(undefined);
    if (backup === undefined) return;
    setNotice(undefined);
    const result = await restore.run({ id: backup.id });
    if (result.ok) setNotice(`Checked and restored the copy made at ${formatDateTime(backup.createdAt)}.`);
  }

  return (
    <section aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>Restore from {folder}</h3>
      <p className="field-hint">
        A copy is checked as a whole before anything is replaced (its journal, its data file against that journal, every
        attachment). One that does not verify is refused, and the next one is offered.
      </p>
      {backups.status === 'error' && <ErrorMessage>The folder could not be read: {backups.error.message}</ErrorMessage>}
      {backups.status === 'ok' && list.length === 0 && <p className="empty-state">No copies in this folder yet.</p>}
      {list.length > 0 && (
        <BackupTable
          caption="Copies in the backup folder, newest first"
          backups={list}
          fact={{ label: 'Up to entry', numeric: true, of: (backup) => backup.seq.toLocaleString('en-GB') }}
          what="copy"
          busy={restore.pending}
          onRestore={setToRestore}
        />
      )}
      <p role="status" className="inline-status">
        {restore.pending ? 'Checking the copy, then restoring…' : notice}
      </p>
      {restore.error !== undefined && (
        <div role="alert" className="message message-error">
          <p>{restore.error.message}</p>
          {next && (
            <button type="button" className="button button-secondary" onClick={() => setToRestore(next)}>
              Restore the copy made {formatDateTimeSeconds(next.createdAt)} instead…
            </button>
          )}
        </div>
      )}
      <RestoreDialog
        backup={toRestore}
        what="copy"
        checked
        onConfirm={() => void confirmRestore()}
        onCancel={() => setToRestore(undefined)}
      />
    </section>
  );
}
