/**
 * Settings → Watched folder: a shared or synced folder the secretariat drops
 * packs into. New packs there are offered (never imported without you);
 * polling is for network folders, where change events do not arrive.
 */
import { useId, useState, type ReactNode } from 'react';
import type { WatchedFolderView } from '../../../../shared/contract/packViews.ts';
import { useMutation, useQuery } from '../../apiHooks.ts';
import { Panel } from '../../components/Panel.tsx';
import { busyButtonProps } from '../../components/busyButton.ts';

function WatchedFolderForm({ current }: { readonly current: WatchedFolderView }): ReactNode {
  const save = useMutation('packs:setWatchedFolder');
  const [folder, setFolder] = useState(current.folder ?? '');
  const [polling, setPolling] = useState(current.polling);
  const id = useId();
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void save.run({ folder: folder.trim() === '' ? null : folder.trim(), polling });
      }}
    >
      <label htmlFor={`${id}-folder`} className="field-label">
        Folder
      </label>
      <p id={`${id}-hint`} className="field-hint">
        The full path of the folder, or empty for none. New packs in it are offered to you; nothing is imported until
        you open it.
      </p>
      <input
        id={`${id}-folder`}
        className="input"
        aria-describedby={`${id}-hint`}
        aria-invalid={save.error?.code === 'invalid_input'}
        value={folder}
        onChange={(e) => setFolder(e.target.value)}
      />
      <label className="checkbox">
        <input type="checkbox" checked={polling} onChange={(e) => setPolling(e.target.checked)} /> Check every few
        seconds (for a network folder)
      </label>
      {save.error !== undefined && (
        <p role="alert" className="field-error">
          The folder was not set: {save.error.message}
        </p>
      )}
      <div className="button-row">
        <button type="submit" className="button button-small button-secondary" {...busyButtonProps(save.pending)}>
          Save the watched folder
        </button>
        <p role="status" className="inline-status">
          {save.pending ? '' : current.watching ? `Watching ${current.folder ?? ''}` : 'No folder is watched.'}
        </p>
      </div>
    </form>
  );
}

/** The watched folder section of Settings. */
export function WatchedFolderSection(): ReactNode {
  const watched = useQuery('packs:watchedFolder', {});
  return (
    <Panel id="watched-folder-title" title="Watched folder for board packs">
      {watched.status === 'ok' && <WatchedFolderForm key={watched.value.folder ?? ''} current={watched.value} />}
      {watched.status === 'error' && <p role="alert">{watched.error.message}</p>}
    </Panel>
  );
}
