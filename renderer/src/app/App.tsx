/**
 * The root: asks the store for its status and shows either the app, or the
 * recovery screen when the data cannot be used, or why nothing can be shown.
 */
import { useState, type ReactNode } from 'react';
import type { StoreStatus } from '../../../shared/contract/storeTypes.ts';
import { transportKind } from '../api.ts';
import { useQuery } from '../apiHooks.ts';
import { RecoveryScreen } from '../features/recovery/RecoveryScreen.tsx';
import { Shell } from './Shell.tsx';

function Standalone({ title, children }: { readonly title: string; readonly children: ReactNode }): ReactNode {
  return (
    <div className="standalone">
      <main className="recovery recovery-plain" aria-labelledby="standalone-title">
        <p className="recovery-product">Boardkeeper</p>
        <h1 id="standalone-title" className="recovery-title">
          {title}
        </h1>
        {children}
      </main>
    </div>
  );
}

/** The state being rebuilt from the journal at open (the checkpoint could not be trusted): how far it is. */
function Rebuilding({ progress }: { readonly progress: StoreStatus['progress'] }): ReactNode {
  const percent = progress && progress.total > 0 ? Math.floor((progress.done / progress.total) * 100) : 0;
  return (
    <Standalone title="Rebuilding your data from the journal…">
      <p>
        The data file could not be trusted (it was damaged or changed outside Boardkeeper), so the record is being
        rebuilt from the journal of every change. Nothing in the journal is lost. The app opens when it is done, and
        says what happened.
      </p>
      <p>
        <progress className="rebuild-progress" max={100} value={percent} aria-label="Rebuilding from the journal">
          {percent}%
        </progress>{' '}
        <span aria-live="polite">{percent}% of the journal read</span>
      </p>
    </Standalone>
  );
}

/** The whole app. */
export function App(): ReactNode {
  // While the store opens the page already shows its frame; the status is asked again until it is open.
  const status = useQuery('store:status', {}, { pollWhile: (value) => value.status === 'opening' });
  const [stopped, setStopped] = useState(false);

  if (stopped) {
    return (
      <Standalone title="Boardkeeper has stopped">
        <p>Your data was saved. You can close this {transportKind() === 'web' ? 'tab' : 'window'}.</p>
        {transportKind() === 'web' && (
          <p className="muted">
            To start it again, run <code>npm run web</code> and open the address it prints.
          </p>
        )}
      </Standalone>
    );
  }
  if (status.status === 'loading') {
    return (
      <Standalone title="Opening your data…">
        <p className="muted">This takes a moment.</p>
      </Standalone>
    );
  }
  if (status.status === 'error') {
    return (
      <Standalone title="Boardkeeper cannot reach its data">
        <p role="alert">{status.error.message}</p>
        <div className="button-row">
          <button type="button" className="button button-primary" onClick={status.refetch}>
            Try again
          </button>
        </div>
      </Standalone>
    );
  }
  // Rebuilding from the journal (the checkpoint cannot be trusted) takes a while and says how far it is.
  // An ordinary open takes a moment: the frame shows at once, each screen's answers come once it is open.
  if (status.value.status === 'opening' && status.value.progress !== undefined) {
    return <Rebuilding progress={status.value.progress} />;
  }
  if (status.value.status === 'failed') {
    return <RecoveryScreen status={status.value} onQuit={() => setStopped(true)} />;
  }
  return <Shell warnings={status.value.warnings} />;
}
