/**
 * The board's settings form: board name, time zone, quorum and the local
 * user's name, saved in one go, with each field's problem shown next to it.
 * The backend validates; the form only turns text into numbers where a field
 * is a number, and says so itself when the text is not one.
 */
import { useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import type { InputOf } from '../../../../shared/api.ts';
import type { Settings } from '../../../../shared/schema/settings.ts';
import { useMutation } from '../../apiHooks.ts';
import { fieldErrorsOf } from '../../fieldErrors.ts';

type FieldName = keyof Settings;

/** How one field is shown and edited. */
interface FieldSpec {
  readonly label: string;
  readonly hint: string;
  readonly control: 'text' | 'wideText' | 'timeZone' | 'count';
  readonly autoComplete?: string;
}

// A Settings field without a spec here is a compile error: the form keeps up with the schema.
const FIELDS: { readonly [F in FieldName]: FieldSpec } = {
  boardName: {
    label: 'Board name',
    hint: 'The name of the board or committee, as it appears on minutes and notices.',
    control: 'wideText',
    autoComplete: 'organization',
  },
  timeZone: { label: 'Time zone', hint: 'Due dates are calendar days in this time zone.', control: 'timeZone' },
  quorum: {
    label: 'Quorum',
    hint: 'How many voting members must be present for the board’s decisions to be valid.',
    control: 'count',
  },
  localUserName: {
    label: 'Your name',
    hint: 'Recorded in the audit trail as the person who made each change on this computer.',
    control: 'text',
    autoComplete: 'name',
  },
};

const FIELD_ORDER = Object.keys(FIELDS) as FieldName[];

/** What the person has typed, field by field: text until it is saved. */
type Draft = { readonly [F in FieldName]: string };

function draftOf(settings: Settings): Draft {
  return {
    boardName: settings.boardName,
    timeZone: settings.timeZone,
    quorum: String(settings.quorum),
    localUserName: settings.localUserName,
  };
}

function sameDraft(a: Draft, b: Draft): boolean {
  return FIELD_ORDER.every((field) => a[field] === b[field]);
}

/** Every IANA time zone the platform knows, with `current` kept even when it is not listed. */
function timeZoneChoices(current: string): string[] {
  const zones = Intl.supportedValuesOf('timeZone');
  return zones.includes(current) ? zones : [current, ...zones];
}

type Patch = InputOf<'settings:update'>;

/** The changed fields as a patch, or the problems of fields that are not numbers when they must be. */
function patchOf(draft: Draft, base: Draft): { patch: Patch; problems: Record<string, string> } {
  const patch: { -readonly [F in keyof Patch]: Patch[F] } = {};
  const problems: Record<string, string> = {};
  for (const field of FIELD_ORDER) {
    if (draft[field] === base[field]) continue;
    if (field === 'quorum') {
      const text = draft.quorum.trim();
      if (!/^\d+$/.test(text)) problems[field] = 'must be a whole number, such as 3';
      else patch.quorum = Number(text);
    } else {
      patch[field] = draft[field];
    }
  }
  return { patch, problems };
}

/** Props of {@link SettingsForm}. */
export interface SettingsFormProps {
  /** The settings as stored; the form starts from them and follows them while nothing is being edited. */
  readonly settings: Settings;
}

/** Edits the settings and saves only the fields that changed. */
export function SettingsForm({ settings }: SettingsFormProps): ReactNode {
  const stored = draftOf(settings);
  const [base, setBase] = useState<Draft>(stored);
  const [draft, setDraft] = useState<Draft>(stored);
  const [notice, setNotice] = useState<string | undefined>(undefined);
  const [localProblems, setLocalProblems] = useState<Record<string, string>>({});
  const save = useMutation('settings:update');
  const formId = useId();
  const inputs = useRef<Partial<Record<FieldName, HTMLInputElement | HTMLSelectElement | null>>>({});

  if (!sameDraft(base, stored)) {
    // The stored settings changed (a restore, another window): follow them unless the person is editing.
    setBase(stored);
    if (sameDraft(draft, base)) setDraft(stored);
  }

  const errors = { ...fieldErrorsOf(save.error, 'settings.'), ...localProblems };
  const otherError = save.error !== undefined && save.error.code !== 'invalid_input' ? save.error : undefined;
  const invalidFields = FIELD_ORDER.filter((field) => errors[field] !== undefined);

  function focusFirst(problems: Readonly<Record<string, string>>): void {
    const first = FIELD_ORDER.find((field) => problems[field] !== undefined);
    if (first !== undefined) inputs.current[first]?.focus();
  }

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    setNotice(undefined);
    const { patch, problems } = patchOf(draft, base);
    setLocalProblems(problems);
    if (Object.keys(problems).length > 0) {
      save.reset();
      focusFirst(problems);
      return;
    }
    if (Object.keys(patch).length === 0) {
      save.reset();
      setNotice('Nothing to save: no field has changed.');
      return;
    }
    const result = await save.run(patch);
    if (result.ok) {
      const saved = draftOf(result.value);
      setBase(saved);
      setDraft(saved);
      setNotice('Settings saved.');
      return;
    }
    focusFirst(fieldErrorsOf(result.error, 'settings.'));
  }

  function update(field: FieldName, value: string): void {
    setDraft((current) => ({ ...current, [field]: value }));
    setNotice(undefined);
  }

  function control(field: FieldName, spec: FieldSpec, describedBy: string): ReactNode {
    const common = {
      id: `${formId}-${field}`,
      name: field,
      value: draft[field],
      'aria-invalid': errors[field] !== undefined,
      'aria-describedby': describedBy,
    };
    const ref = (element: HTMLInputElement | HTMLSelectElement | null): void => {
      inputs.current[field] = element;
    };
    switch (spec.control) {
      case 'timeZone':
        return (
          <select {...common} ref={ref} className="input" onChange={(event) => update(field, event.target.value)}>
            {timeZoneChoices(draft[field]).map((zone) => (
              <option key={zone} value={zone}>
                {zone.replaceAll('_', ' ')}
              </option>
            ))}
          </select>
        );
      case 'count':
        return (
          <input
            {...common}
            ref={ref}
            type="text"
            inputMode="numeric"
            className="input input-short"
            onChange={(event) => update(field, event.target.value)}
          />
        );
      case 'text':
      case 'wideText':
        return (
          <input
            {...common}
            ref={ref}
            type="text"
            className={spec.control === 'wideText' ? 'input input-wide' : 'input'}
            autoComplete={spec.autoComplete}
            onChange={(event) => update(field, event.target.value)}
          />
        );
    }
  }

  return (
    <form className="form" noValidate onSubmit={(event) => void submit(event)}>
      <p className="section-intro">
        These appear on every page and document, and your name is recorded with each change you make.
      </p>

      {(invalidFields.length > 0 || otherError !== undefined) && (
        <div className="error-summary" role="alert">
          <h3 className="error-summary-title">The settings were not saved</h3>
          {otherError !== undefined ? (
            <p>{otherError.message}</p>
          ) : (
            <ul>
              {invalidFields.map((field) => (
                <li key={field}>
                  {FIELDS[field].label} {errors[field]}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}

      {FIELD_ORDER.map((field) => {
        const spec = FIELDS[field];
        const hintId = `${formId}-${field}-hint`;
        const errorId = `${formId}-${field}-error`;
        const message = errors[field];
        return (
          <div key={field} className={message !== undefined ? 'field field-invalid' : 'field'}>
            <label htmlFor={`${formId}-${field}`}>{spec.label}</label>
            <p id={hintId} className="field-hint">
              {spec.hint}
            </p>
            {message !== undefined && (
              <p id={errorId} className="field-error">
                <span className="visually-hidden">Error: </span>
                {spec.label} {message}
              </p>
            )}
            {control(field, spec, message !== undefined ? `${hintId} ${errorId}` : hintId)}
          </div>
        );
      })}

      <div className="button-row">
        <button type="submit" className="button button-primary" disabled={save.pending}>
          {save.pending ? 'Saving…' : 'Save settings'}
        </button>
        <p role="status" className="inline-status">
          {notice}
        </p>
      </div>
    </form>
  );
}
