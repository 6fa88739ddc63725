/**
 * "Back up to a folder…" in Settings → Backups: a folder on another disk (an
 * external drive, a synced folder) that gets a full, checked copy now and
 * every day, keeping the newest few there.
 */
import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { useMutation, useQuery } from '../../apiHooks.ts';
import { formatBytes, formatDateTime } from '../../format.ts';
import { busyButtonProps } from '../../components/busyButton.ts';

/** The folder, how many to keep, and "Back up to this folder now". */
export function FolderBackupSection(): ReactNode {
  const id = useId();
  const settings = useQuery('backups:folderGet', {});
  const save = useMutation('backups:folderSet');
  const run = useMutation('backups:toFolder');
  // Until edited, the fields show what is saved.
  const [folderEdited, setFolder] = useState<string | undefined>(undefined);
  const [keepEdited, setKeep] = useState<string | undefined>(undefined);
  const [notice, setNotice] = useState<string | undefined>(undefined);
  const current = settings.status === 'ok' ? settings.value : null;
  const folder = folderEdited ?? current?.folder ?? '';
  const keep = keepEdited ?? String(current?.keep ?? 7);

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

  const problem = save.error ?? run.error;
  return (
    <form aria-labelledby={`${id}-title`} onSubmit={(e) => void submit(e)} noValidate>
      <h3 id={`${id}-title`}>Back up to a folder…</h3>
      <p className="field-hint">
        The backups above share their files with the data folder, so damage to one is in both. A backup to a folder on
        another disk copies every file, checks the copy against the journal, and is made again every day.
      </p>
      <div className="field">
        <label htmlFor={`${id}-folder`}>Folder</label>
        <input id={`${id}-folder`} value={folder} onChange={(e) => setFolder(e.target.value)} spellCheck={false} />
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
  );
}
