/**
 * A labelled form field with its hint and its problem next to it, the way
 * the Settings form shows them, for the record forms: the control gets its
 * id, aria-describedby and aria-invalid from here.
 */
import { useEffect, useId, useState, type ReactNode, type RefObject } from 'react';
import { longDate } from '../../../shared/dates/calendarDates.ts';

/** What a field hands to its control. */
export interface ControlProps {
  readonly id: string;
  readonly 'aria-describedby': string | undefined;
  readonly 'aria-invalid': boolean;
}

/** Props of {@link Field}. */
export interface FieldProps {
  readonly label: string;
  readonly hint?: ReactNode;
  /** The problem, without the label: "is required" shows as "Title is required". */
  readonly error?: string | undefined;
  /** Says "(optional)" after the label. */
  readonly optional?: boolean;
  readonly className?: string;
  readonly children: (control: ControlProps) => ReactNode;
}

/**
 * The problem to show: the one given, until the person changes the field (they
 * are fixing it: a message that stays reads as if the new value were wrong
 * too); the next save says again what is still wrong.
 */
function useShownError(error: string | undefined): [string | undefined, () => void] {
  const [editedAfter, setEditedAfter] = useState<string | undefined>(undefined);
  const [seen, setSeen] = useState(error);
  // A save starts with no problems: a problem that comes back after it is a new one, shown.
  if (error !== seen) {
    setSeen(error);
    if (error === undefined) setEditedAfter(undefined);
  }
  const edited = (): void => {
    if (error !== undefined) setEditedAfter(error);
  };
  return [error !== undefined && error !== editedAfter ? error : undefined, edited];
}

/** A field: label, hint, problem, then the control. */
export function Field({ label, hint, error: given, optional = false, className, children }: FieldProps): ReactNode {
  const [error, edited] = useShownError(given);
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint !== undefined ? hintId : undefined, error !== undefined ? errorId : undefined]
    .filter(Boolean)
    .join(' ');
  return (
    <div
      className={['field', error !== undefined ? 'field-invalid' : '', className ?? ''].filter(Boolean).join(' ')}
      onChange={edited}
    >
      <label htmlFor={id}>
        {label}
        {optional && <span className="field-optional"> (optional)</span>}
      </label>
      {hint !== undefined && (
        <p id={hintId} className="field-hint">
          {hint}
        </p>
      )}
      {error !== undefined && (
        <p id={errorId} className="field-error">
          <span className="visually-hidden">Error: </span>
          {label} {error}
        </p>
      )}
      {children({ id, 'aria-describedby': describedBy || undefined, 'aria-invalid': error !== undefined })}
    </div>
  );
}

/** Props of {@link CheckboxField}. */
export interface CheckboxFieldProps {
  readonly label: string;
  readonly hint?: ReactNode;
  readonly checked: boolean;
  readonly onChange: (checked: boolean) => void;
  readonly name?: string;
}

/** A checkbox with its label beside it. */
export function CheckboxField({ label, hint, checked, onChange, name }: CheckboxFieldProps): ReactNode {
  const id = useId();
  return (
    <div className="field field-checkbox">
      <input
        id={id}
        type="checkbox"
        name={name}
        checked={checked}
        aria-describedby={hint !== undefined ? `${id}-hint` : undefined}
        onChange={(event) => onChange(event.target.checked)}
      />
      <div>
        <label htmlFor={id}>{label}</label>
        {hint !== undefined && (
          <p id={`${id}-hint`} className="field-hint">
            {hint}
          </p>
        )}
      </div>
    </div>
  );
}

/** Props of {@link ErrorSummary}. */
export interface ErrorSummaryProps {
  readonly title: string;
  /** Problems as sentences, e.g. "Title is required". */
  readonly problems: readonly string[];
  /** A problem that is not about one field (a refusal, a lost connection). */
  readonly message?: string | undefined;
}

/** The box at the top of a form that failed to save, announced at once. */
export function ErrorSummary({ title, problems, message }: ErrorSummaryProps): ReactNode {
  if (problems.length === 0 && message === undefined) return null;
  return (
    <div className="error-summary" role="alert">
      <h2 className="error-summary-title">{title}</h2>
      {message !== undefined && <p>{message}</p>}
      {problems.length > 0 && (
        <ul>
          {problems.map((problem) => (
            <li key={problem}>{problem}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

/**
 * After a save is refused, puts the focus on the first field marked invalid
 * inside `form`, so the keyboard starts where the problem is.
 */
export function useFocusFirstInvalid(form: RefObject<HTMLElement | null>, error: unknown): void {
  useEffect(() => {
    if (error === undefined) return;
    form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [form, error]);
}

/**
 * A form opened in place by a button that then goes (e.g. "Add a condition"):
 * its first field takes the focus when it opens, so the keyboard carries on
 * in the form rather than at the top of the page.
 */
export function useFocusFirstFieldOnOpen(form: RefObject<HTMLElement | null>): void {
  useEffect(() => {
    form.current?.querySelector<HTMLElement>('input:not([type="hidden"]), textarea, select')?.focus();
  }, [form]);
}

/** Props of {@link InputField}: a {@link Field} whose control is a plain text-like input. */
export interface InputFieldProps extends Omit<FieldProps, 'children'> {
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly type?: 'text' | 'date' | 'time' | 'email' | 'search';
  readonly inputMode?: 'numeric' | 'decimal' | 'email' | 'text';
  /** The input's own class (default `input`), e.g. `input input-date`. */
  readonly inputClassName?: string;
  readonly autoComplete?: string;
}

/** The common case of {@link Field}: a labelled input holding text, with its problem beside it. */
export function InputField({
  value,
  onChange,
  type,
  inputMode,
  inputClassName = 'input',
  autoComplete,
  ...field
}: InputFieldProps): ReactNode {
  return (
    <Field {...field}>
      {(control) => (
        <input
          {...control}
          type={type}
          className={inputClassName}
          inputMode={inputMode}
          autoComplete={autoComplete}
          value={value}
          onChange={(event) => onChange(event.target.value)}
        />
      )}
    </Field>
  );
}

/** Props of {@link DateField}: an {@link InputField} that holds a calendar date. */
export type DateFieldProps = Omit<InputFieldProps, 'type' | 'inputMode' | 'inputClassName' | 'autoComplete'>;

/**
 * The format a browser's date fields show, as "mm/dd/yyyy", when it is not
 * the board's day-first order; '' when it is, and in the desktop app (whose
 * locale is en-GB). Read from the browser's language once.
 */
export function browserDateFormatNote(
  language: string | undefined = typeof navigator === 'undefined' ? undefined : navigator.language,
  desktop: boolean = typeof window !== 'undefined' && 'board' in window,
): string {
  if (desktop || language === undefined) return '';
  let parts: Intl.DateTimeFormatPart[];
  try {
    parts = new Intl.DateTimeFormat(language, { day: '2-digit', month: '2-digit', year: 'numeric' }).formatToParts(
      new Date(Date.UTC(2026, 5, 24, 12)),
    );
  } catch {
    return '';
  }
  const order = parts.filter((p) => p.type === 'day' || p.type === 'month').map((p) => p.type);
  if (order[0] === 'day') return '';
  const pattern = parts
    .map((p) => (p.type === 'day' ? 'dd' : p.type === 'month' ? 'mm' : p.type === 'year' ? 'yyyy' : p.value))
    .join('');
  return `Your browser shows dates as ${pattern}: month first.`;
}

const DATE_NOTE = browserDateFormatNote();

/**
 * A labelled date input (`YYYY-MM-DD`), with its problem beside it. Where the
 * browser shows dates month first, the field says so and reads the date back
 * in words, so 06/05 is not taken for 6 May.
 */
export function DateField(props: DateFieldProps): ReactNode {
  const readBack = DATE_NOTE && /^\d{4}-\d{2}-\d{2}$/.test(props.value) ? ` It reads as ${longDate(props.value)}.` : '';
  const hint = DATE_NOTE ? (
    <>
      {props.hint !== undefined && <>{props.hint} </>}
      {DATE_NOTE}
      {readBack}
    </>
  ) : (
    props.hint
  );
  return <InputField {...props} hint={hint} type="date" inputClassName="input input-date" />;
}

/** Props of {@link TextAreaField}. */
export interface TextAreaFieldProps extends Omit<FieldProps, 'children'> {
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly rows: number;
  /** The textarea's own class (default `input input-wide textarea`). */
  readonly textareaClassName?: string;
}

/** A labelled textarea for several lines (Markdown, lists one per line), with its problem beside it. */
export function TextAreaField({
  value,
  onChange,
  rows,
  textareaClassName = 'input input-wide textarea',
  ...field
}: TextAreaFieldProps): ReactNode {
  return (
    <Field {...field}>
      {(control) => (
        <textarea
          {...control}
          className={textareaClassName}
          rows={rows}
          value={value}
          onChange={(event) => onChange(event.target.value)}
        />
      )}
    </Field>
  );
}

/** Props of {@link ChoiceField}. */
export interface ChoiceFieldProps<T extends string> extends Omit<FieldProps, 'children'> {
  readonly value: T;
  /** The values to choose from, in the order offered. */
  readonly choices: readonly T[];
  /** What each value is called on screen: a table, or a function for values known only at run time (ids). */
  readonly labels: Readonly<Record<T, string>> | ((value: T) => string);
  readonly onChange: (value: T) => void;
  /** The select's own class (default `input`). */
  readonly selectClassName?: string;
}

/** A labelled select of one value from a fixed list (a status, a role, a route), with its problem beside it. */
export function ChoiceField<T extends string>({
  value,
  choices,
  labels,
  onChange,
  selectClassName = 'input',
  ...field
}: ChoiceFieldProps<T>): ReactNode {
  return (
    <Field {...field}>
      {(control) => (
        <select
          {...control}
          className={selectClassName}
          value={value}
          onChange={(event) => {
            const chosen = choices.find((choice) => choice === event.target.value);
            if (chosen !== undefined) onChange(chosen);
          }}
        >
          {choices.map((choice) => (
            <option key={choice} value={choice}>
              {typeof labels === 'function' ? labels(choice) : labels[choice]}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
