/**
 * One deadline's own reminder lead times ("90, 30, 7, 1, 0" days before, as
 * in Settings), or back to the board's default.
 */
import { useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useChange } from '../../changes.ts';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { Field, useFocusFirstInvalid } from '../../components/Field.tsx';
import { busyButtonProps } from '../../components/busyButton.ts';

const NOT_NUMBERS = 'must be whole numbers of days, separated by commas';

/** Parses "90, 30, 7" into days, largest first; undefined when it is not a list of whole numbers. */
export function parseLeadDays(text: string): number[] | undefined {
  const parts = text
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '');
  if (!parts.every((part) => /^\d+$/.test(part))) return undefined;
  return [...new Set(parts.map(Number))].sort((a, b) => b - a);
}

/** Props of {@link LeadDaysForm}. */
export interface LeadDaysFormProps {
  readonly deadlineKey: string;
  readonly leadDays: readonly number[];
  readonly ownLeadDays: boolean;
  readonly boardLeadDays: readonly number[];
}

/** The lead times form of a deadline's details. */
export function LeadDaysForm({ deadlineKey, leadDays, ownLeadDays, boardLeadDays }: LeadDaysFormProps): ReactNode {
  const [text, setText] = useState(leadDays.join(', '));
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const setReminders = useChange('deadlines:setReminders');
  const form = useRef<HTMLFormElement>(null);
  const serverProblem =
    setReminders.error === undefined
      ? undefined
      : setReminders.error.code === 'invalid_input'
        ? (setReminders.error.details?.issues?.find((i) => i.field.startsWith('leadDays'))?.message ??
          setReminders.error.message)
        : undefined;
  const error = problem ?? serverProblem;
  useFocusFirstInvalid(form, error);

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    const days = parseLeadDays(text);
    if (days === undefined) {
      setProblem(NOT_NUMBERS);
      return;
    }
    setProblem(undefined);
    const result = await setReminders.run({ key: deadlineKey, leadDays: days });
    if (result.ok) setText(days.join(', '));
  }

  async function followBoard(): Promise<void> {
    setProblem(undefined);
    const result = await setReminders.run({ key: deadlineKey, leadDays: null });
    if (result.ok) setText(boardLeadDays.join(', '));
  }

  return (
    <form
      ref={form}
      className="form deadline-lead-form"
      aria-label="Reminder lead times"
      noValidate
      onSubmit={(event) => void submit(event)}
    >
      <Field
        label="Remind this many days before"
        hint={`Separated by commas; 0 is the day itself. The board’s default is ${boardLeadDays.join(', ') || 'none'}.`}
        error={error}
      >
        {(control) => <input {...control} className="input" value={text} onChange={(e) => setText(e.target.value)} />}
      </Field>
      {setReminders.error !== undefined && setReminders.error.code !== 'invalid_input' && (
        <ErrorMessage>{setReminders.error.message}</ErrorMessage>
      )}
      <div className="button-row">
        <button
          type="submit"
          className="button button-secondary button-small"
          {...busyButtonProps(setReminders.pending)}
        >
          Save lead times
        </button>
        {ownLeadDays && (
          <button
            type="button"
            className="button button-quiet button-small"
            {...busyButtonProps(setReminders.pending)}
            onClick={() => void followBoard()}
          >
            Use the board’s default
          </button>
        )}
      </div>
    </form>
  );
}
