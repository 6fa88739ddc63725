/**
 * Exercises an extension option from the contract page: by a decision (any
 * decision on record, found by reference or title) or by hand with the day it
 * was exercised. The term's current end then moves by the option's months.
 */
import { useState, type FormEvent, type ReactNode } from 'react';
import type { ExtensionOption } from '../../../../shared/schema/contracts.ts';
import { useMutation, useQuery } from '../../apiHooks.ts';
import { DateField, ErrorSummary, Field } from '../../components/Field.tsx';
import { announce } from '../../components/UndoToast.tsx';
import { fieldErrorsOf } from '../../fieldErrors.ts';
import { formatCalendarDate } from '../../format.ts';
import { busyButtonProps } from '../../components/busyButton.ts';

const LABELS: Readonly<Record<string, string>> = { decisionId: 'Exercised by', exercisedOn: 'Exercised on' };

/** The "Exercise this option" control of one option. */
export function ExerciseOptionForm({
  contractId,
  option,
}: {
  readonly contractId: string;
  readonly option: ExtensionOption;
}): ReactNode {
  const [open, setOpen] = useState(false);
  const [decisionId, setDecisionId] = useState('');
  const [exercisedOn, setExercisedOn] = useState('');
  const exercise = useMutation('contracts:exerciseOption');
  // Every decision on record, newest first: asked for when the form opens, so a decision added since is there.
  const decisions = useQuery('decisions:list', { pageSize: 500, sort: 'date', direction: 'desc' });
  const errors = fieldErrorsOf(exercise.error);
  const problems = Object.entries(errors).map(([field, message]) => `${LABELS[field] ?? 'This option'} ${message}`);

  if (!open) {
    return (
      <div>
        <button type="button" className="button button-small button-secondary" onClick={() => setOpen(true)}>
          Exercise the {option.months}-month option
        </button>
      </div>
    );
  }

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    const result = await exercise.run({
      id: contractId,
      optionId: option.id,
      decisionId: decisionId === '' ? null : decisionId,
      exercisedOn,
    });
    if (result.ok) {
      announce(result.value.summary);
      setOpen(false);
    }
  }

  return (
    <form className="form inline-form" noValidate onSubmit={(event) => void submit(event)}>
      <ErrorSummary
        title="The option was not exercised"
        problems={problems}
        message={exercise.error !== undefined && problems.length === 0 ? exercise.error.message : undefined}
      />
      <Field label="Exercised by" optional error={errors['decisionId']}>
        {(control) => (
          <select {...control} className="input" value={decisionId} onChange={(e) => setDecisionId(e.target.value)}>
            <option value="">No decision (exercised by hand)</option>
            {decisions.status === 'ok' &&
              decisions.value.rows.map((d) => (
                <option key={d.id} value={d.id}>
                  {d.reference}: {d.title} ({formatCalendarDate(d.date)})
                </option>
              ))}
          </select>
        )}
      </Field>
      <DateField
        label="Exercised on"
        optional={decisionId !== ''}
        hint={decisionId !== '' ? "Leave empty for the decision's date." : 'The day notice was given.'}
        error={errors['exercisedOn']}
        value={exercisedOn}
        onChange={setExercisedOn}
      />
      <div className="button-row">
        <button type="submit" className="button button-primary" {...busyButtonProps(exercise.pending)}>
          Exercise the option
        </button>
        <button type="button" className="button button-secondary" onClick={() => setOpen(false)}>
          Cancel
        </button>
      </div>
    </form>
  );
}
