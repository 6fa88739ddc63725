/**
 * "Check a code against the record": a code typed or pasted from paper (a
 * decision's seal, a printed minute's journal entry and hash) is sent to the
 * backend, which says whether the record holds it. The one shape of those
 * checks: a titled form, its code fields, a button that says "Checking…"
 * while the answer is awaited, the answer announced as a status, and a
 * refusal as an alert. Each screen keeps its own words and its own answer.
 */
import { useId, useState, type FormEvent, type ReactNode } from 'react';
import type { Channel, InputOf, OutputOf } from '../../../shared/contract/api.ts';
import type { AppError } from '../../../shared/contract/result.ts';
import { useMutation } from '../apiHooks.ts';
import { busyButtonProps } from './busyButton.ts';

/** Props of {@link RecordCheckForm}. */
export interface RecordCheckFormProps<C extends Channel> {
  /** The channel that checks the code against the record. */
  readonly channel: C;
  /** The form's heading, e.g. "Check a seal". */
  readonly title: string;
  /** A line under the heading saying where the code is found. */
  readonly hint?: string;
  /** What the button says, e.g. "Check the seal". */
  readonly checkLabel: string;
  /** The code fields ({@link CodeField}s). */
  readonly children: ReactNode;
  /** What is sent, from the fields. */
  readonly input: () => InputOf<C>;
  /** The answer as the screen words it. */
  readonly answer: (answer: OutputOf<C>) => ReactNode;
  /** A refused check as the screen words it (its message when left out). */
  readonly refusal?: (error: AppError) => string;
}

/** A form that checks a code against the record and shows the answer under it. */
export function RecordCheckForm<C extends Channel>({
  channel,
  title,
  hint,
  checkLabel,
  children,
  input,
  answer: show,
  refusal = (error) => error.message,
}: RecordCheckFormProps<C>): ReactNode {
  const id = useId();
  const check = useMutation(channel);
  const [answer, setAnswer] = useState<{ readonly value: OutputOf<C> } | undefined>(undefined);

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault();
    setAnswer(undefined);
    const result = await check.run(input());
    if (result.ok) setAnswer({ value: result.value });
  }

  return (
    <form aria-labelledby={`${id}-title`} onSubmit={(e) => void submit(e)} noValidate>
      <h3 id={`${id}-title`}>{title}</h3>
      {hint !== undefined && <p className="field-hint">{hint}</p>}
      {children}
      <div className="button-row">
        <button type="submit" className="button button-secondary" {...busyButtonProps(check.pending)}>
          {check.pending ? 'Checking…' : checkLabel}
        </button>
      </div>
      <div role="status">{answer !== undefined && show(answer.value)}</div>
      {check.error !== undefined && (
        <p role="alert" className="message message-error">
          {refusal(check.error)}
        </p>
      )}
    </form>
  );
}

/** Props of {@link CodeField}. */
export interface CodeFieldProps {
  readonly label: string;
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly inputMode?: 'numeric';
  /** False for a code of letters and digits, which a spelling checker would only mark. */
  readonly spellCheck?: false;
}

/** A labelled field for a code copied from paper: no autocompletion. */
export function CodeField({ label, value, onChange, inputMode, spellCheck }: CodeFieldProps): ReactNode {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        className="input"
        inputMode={inputMode}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        autoComplete="off"
        spellCheck={spellCheck}
      />
    </div>
  );
}
