/**
 * What the whole app shows when the store cannot be used: what is wrong, where,
 * that nothing was overwritten, and the ways out (restore the newest backup,
 * open the data folder, quit).
 */
import { useState, type ReactNode } from 'react';
import type { StoreProblemCode, StoreStatus } from '../../../../shared/contract/storeTypes.ts';
import { assertNever } from '../../../../shared/contract/result.ts';
import { transportKind } from '../../api.ts';
import { useMutation } from '../../apiHooks.ts';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { formatBytes, formatDateTime } from '../../format.ts';
import { busyButtonProps } from '../../components/busyButton.ts';

function titleOf(code: StoreProblemCode): string {
  switch (code) {
    case 'corrupt_checkpoint':
      return 'Boardkeeper cannot read its data file';
    case 'corrupt_journal':
      return 'Boardkeeper cannot read its journal of changes';
    case 'newer_version':
      return 'This data was saved by a newer version of Boardkeeper';
    case 'chain_broken':
      return 'The record of changes has been altered';
    case 'locked':
      return 'The data folder is in use';
    case 'io_error':
      return 'Boardkeeper cannot reach its data folder';
    default:
      return assertNever(code);
  }
}

/** Props of {@link RecoveryScreen}. */
export interface RecoveryScreenProps {
  readonly status: StoreStatus;
  /** Called once the backend has agreed to quit. */
  readonly onQuit: () => void;
}

/** The recovery screen, in place of the whole app. */
export function RecoveryScreen({ status, onQuit }: RecoveryScreenProps): ReactNode {
  const problem = status.problem;
  const restore = useMutation('backups:restore');
  const openFolder = useMutation('store:openDataFolder');
  const quit = useMutation('app:quit');
  const [notice, setNotice] = useState<string | undefined>(undefined);
  const web = transportKind() === 'web';

  const actions = problem?.recovery ?? ['openDataFolder', 'quit'];
  const newest = problem?.newestBackup;
  const canRestore = actions.includes('restoreNewestBackup') && newest !== undefined;

  async function restoreNewest(): Promise<void> {
    setNotice(undefined);
    const result = await restore.run({ id: 'newest' });
    if (result.ok && result.value.status === 'failed') {
      setNotice(`The backup was restored but the data still cannot be opened: ${result.value.problem?.message ?? ''}`);
    }
  }

  async function openDataFolder(): Promise<void> {
    setNotice(undefined);
    const result = await openFolder.run({});
    if (!result.ok) return;
    setNotice(
      result.value.opened
        ? `The data folder was opened${web ? ' on the computer running Boardkeeper' : ''}: ${result.value.path}`
        : `The data folder could not be opened from here. It is at ${result.value.path}`,
    );
  }

  async function quitApp(): Promise<void> {
    const result = await quit.run({});
    if (result.ok) onQuit();
  }

  const error = restore.error ?? openFolder.error ?? quit.error;
  const busy = restore.pending || openFolder.pending || quit.pending;

  return (
    <div className="standalone">
      <main className="recovery" aria-labelledby="recovery-title">
        <p className="recovery-product">Boardkeeper</p>
        <h1 id="recovery-title" className="recovery-title">
          {problem === undefined ? 'Boardkeeper cannot open its data' : titleOf(problem.code)}
        </h1>
        <p className="recovery-message">{problem?.message ?? 'The data folder could not be opened.'}</p>
        <p>Until the data is recovered, Boardkeeper saves no changes.</p>

        <dl className="facts">
          {problem?.file !== undefined && (
            <div>
              <dt>File</dt>
              <dd>
                <code>{problem.file}</code>
              </dd>
            </div>
          )}
          {problem?.asideCopy !== undefined && (
            <div>
              <dt>Copy set aside as</dt>
              <dd>
                <code>{problem.asideCopy}</code>
              </dd>
            </div>
          )}
          <div>
            <dt>Data folder</dt>
            <dd>
              <code>{status.dataDir}</code>
            </dd>
          </div>
          {newest !== undefined && (
            <div>
              <dt>Newest backup</dt>
              <dd>
                {formatDateTime(newest.createdAt)} ({formatBytes(newest.bytes)})
              </dd>
            </div>
          )}
        </dl>

        <h2 className="recovery-subtitle">What you can do</h2>
        <div className="recovery-actions">
          {actions.includes('restoreNewestBackup') && (
            <div className="recovery-action">
              <button
                type="button"
                className="button button-primary"
                disabled={!canRestore}
                {...busyButtonProps(busy)}
                onClick={() => void restoreNewest()}
              >
                {restore.pending
                  ? 'Restoring…'
                  : newest !== undefined
                    ? `Restore the newest backup, from ${formatDateTime(newest.createdAt)}`
                    : 'Restore the newest backup'}
              </button>
              <p className="field-hint">
                {newest !== undefined
                  ? 'The data goes back to how it was then. The damaged file stays set aside for inspection.'
                  : 'There is no backup in the data folder to restore.'}
              </p>
            </div>
          )}
          {actions.includes('openDataFolder') && (
            <div className="recovery-action">
              <button
                type="button"
                className="button button-secondary"
                {...busyButtonProps(busy)}
                onClick={() => void openDataFolder()}
              >
                Open the data folder
              </button>
              <p className="field-hint">To look at the files yourself, or copy them for someone who can help.</p>
            </div>
          )}
          {actions.includes('quit') && (
            <div className="recovery-action">
              <button
                type="button"
                className="button button-secondary"
                {...busyButtonProps(busy)}
                onClick={() => void quitApp()}
              >
                Quit Boardkeeper
              </button>
              <p className="field-hint">Leaves everything as it is.</p>
            </div>
          )}
        </div>

        <p role="status" className="inline-status">
          {notice}
        </p>
        {error !== undefined && <ErrorMessage>{error.message}</ErrorMessage>}
      </main>
    </div>
  );
}
