/**
 * Settings: load the sample board (the 2026 case). Over existing data the
 * backend asks first, saying a backup will be made; the question is shown as
 * it is, and confirming goes on.
 */
import type { ReactNode } from 'react';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { Panel } from '../../components/Panel.tsx';
import { useSampleBoard } from '../dashboard/sampleBoard.ts';
import { busyButtonProps } from '../../components/busyButton.ts';

/** The sample board panel in Settings. */
export function SampleBoardSection(): ReactNode {
  const sample = useSampleBoard();
  return (
    <Panel id="sample-board-title" title="Sample board">
      <p className="section-intro">
        A policing oversight board’s record of 2026: the single-supplier contract it blocked, the pilot it extended with
        four conditions, the meetings and papers behind them, and follow-ups dated around today. Use it to try the app;
        it is added beside any records already here, after a backup.
      </p>
      <div className="button-row">
        <button
          type="button"
          className="button button-secondary"
          {...busyButtonProps(sample.pending)}
          onClick={() => void sample.load()}
        >
          {sample.pending ? 'Loading the sample board…' : 'Load sample board'}
        </button>
        <p role="status" className="inline-status">
          {sample.done}
        </p>
      </div>
      {sample.error !== undefined && (
        <ErrorMessage>The sample board was not loaded: {sample.error.message}</ErrorMessage>
      )}
      <ConfirmDialog
        open={sample.question !== undefined}
        title="Load the sample board beside your data?"
        confirmLabel="Back up, then load the sample"
        onConfirm={() => void sample.confirm()}
        onCancel={sample.cancel}
      >
        <p>{sample.question}</p>
      </ConfirmDialog>
    </Panel>
  );
}
