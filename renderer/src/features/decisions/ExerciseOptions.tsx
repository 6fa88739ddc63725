/**
 * On a decision linked to a contract with an extension option not yet
 * exercised: offers to exercise it by this decision, saying where the term
 * would then end.
 */
import type { ReactNode } from 'react';
import type { DecisionDetail } from '../../../../shared/contract/views.ts';
import type { Decision } from '../../../../shared/schema/decisions.ts';
import { useMutation } from '../../apiHooks.ts';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { announce } from '../../components/UndoToast.tsx';
import { formatCalendarDate } from '../../format.ts';
import { busyButtonProps } from '../../components/busyButton.ts';

/** The offer to exercise each open option of the decision's contracts by this decision. */
export function ExerciseOptions({
  decision,
  options,
}: {
  readonly decision: Decision;
  readonly options: DecisionDetail['exercisableOptions'];
}): ReactNode {
  const exercise = useMutation('contracts:exerciseOption');
  // Only a decision that approves something can exercise an option.
  if (options.length === 0 || !decision.outcome.startsWith('approved')) return null;
  return (
    <div className="text-section">
      <h3 className="text-section-title">Extension options</h3>
      {exercise.error !== undefined && <ErrorMessage>{exercise.error.message}</ErrorMessage>}
      <ul className="plain-list">
        {options.map((o) => (
          <li key={o.optionId}>
            {o.contractReference} has a {o.months}-month extension option not yet exercised: its term ends on{' '}
            {formatCalendarDate(o.currentEnd)}.{' '}
            <button
              type="button"
              className="button button-small button-secondary"
              {...busyButtonProps(exercise.pending)}
              onClick={() =>
                void exercise
                  .run({ id: o.contractId, optionId: o.optionId, decisionId: decision.id })
                  .then((result) => {
                    if (result.ok) announce(result.value.summary);
                  })
              }
            >
              Exercise the {o.months}-month option of {o.contractReference} by {decision.reference} (to{' '}
              {formatCalendarDate(o.newEnd)})
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
