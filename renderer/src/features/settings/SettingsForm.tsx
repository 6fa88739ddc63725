/**
 * The board's settings form: board name, time zone and the local user's name,
 * saved in one go, with each field's problem shown next to it.
 */
import { useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import type { Settings } from '../../../../shared/schema/settings.ts';
import { useMutation } from '../../apiHooks.ts';
import { fieldErrorsOf } from '../../fieldErrors.ts';

type FieldName = keyof Settings;

const LABELS: Readonly<Record<FieldName, string>> = {
  boardName: 'Board name',
  timeZone: 'Time zone',
  localUserName: 'Your name',
};

const FIELD_ORDER: readonly FieldName[] = ['boardName', 'timeZone', 'localUserName'];

/** Every IANA time zone the platform knows, with `current` kept even when it is not listed. */
function timeZoneChoices(current: string): string[] {
  const zones = Intl.supportedValuesOf('timeZone');
  return zones.includes(current) ? zones : [current, ...zones];
}

function sameSettings(a: Settings, b: Settings): boolean {
  return FIELD_ORDER.every((field) => a[field] === b[field]);
}

/** Props of {@link SettingsForm}. */
export interface SettingsFormProps {
  /** The settings as stored; the form starts from them and follows them while nothing is being edited. */
  readonly settings: Settings;
}

/** Edits the settings and saves only the fields that changed. */
export function SettingsForm({ settings }: SettingsFormProps): ReactNode {
  const [base, setBase] = useState<Settings>(settings);
  const [draft, setDraft] = useState<Settings>(settings);
  const dirty = !sameSettings(draft, base);
  if (!sameSettings(base, settings)) {
    // The stored settings changed (a restore, another window): follow them unless the person is editing.
    setBase(settings);
    if (!dirty) setDraft(settings);
  }
  const [notice, setNotice] = useState<string | undefined>(undefined);
  const save = useMutation('settings:update');
  const formId = useId();
  const inputs = useRef<Partial<Record<FieldName, HTMLInputElement | HTMLSelectElement | null>>>({});
  const errors = fieldErrorsOf(save.error, 'settings.');
  const otherError = save.error !== undefined && save.error.code !== 'invalid_input' ? save.error : undefined;
  const zones = timeZoneChoices(draft.timeZone);

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    setNotice(undefined);
    const patch: Partial<Settings> = {};
    for (const field of FIELD_ORDER) {
      if (draft[field] !== base[field]) patch[field] = draft[field];
    }
    if (Object.keys(patch).length === 0) {
      save.reset();
      setNotice('Nothing to save: no field has changed.');
      return;
    }
    const result = await save.run(patch);
    if (result.ok) {
      setBase(result.value);
      setDraft(result.value);
      setNotice('Settings saved.');
      return;
    }
    const invalid = fieldErrorsOf(result.error, 'settings.');
    const first = FIELD_ORDER.find((field) => invalid[field] !== undefined);
    if (first !== undefined) inputs.current[first]?.focus();
  }

  function describedBy(field: FieldName, hint?: string): string | undefined {
    const ids = [hint, errors[field] !== undefined ? `${formId}-${field}-error` : undefined].filter(Boolean);
    return ids.length > 0 ? ids.join(' ') : undefined;
  }

  function fieldError(field: FieldName): ReactNode {
    const message = errors[field];
    if (message === undefined) return null;
    return (
      <p id={`${formId}-${field}-error`} className="field-error">
        <span className="visually-hidden">Error: </span>
        {LABELS[field]} {message}
      </p>
    );
  }

  function update(field: FieldName, value: string): void {
    setDraft((current) => ({ ...current, [field]: value }));
    setNotice(undefined);
  }

  const invalidFields = FIELD_ORDER.filter((field) => errors[field] !== undefined);

  return (
    <form className="form" noValidate onSubmit={(event) => void submit(event)} aria-describedby={`${formId}-intro`}>
      <p id={`${formId}-intro`} className="section-intro">
        These appear on every page and document, and your name is recorded with each change you make.
      </p>

      {invalidFields.length > 0 && (
        <div className="error-summary" role="alert">
          <h3 className="error-summary-title">The settings were not saved</h3>
          <ul>
            {invalidFields.map((field) => (
              <li key={field}>
                {LABELS[field]} {errors[field]}
              </li>
            ))}
          </ul>
        </div>
      )}
      {otherError !== undefined && (
        <div className="error-summary" role="alert">
          <h3 className="error-summary-title">The settings were not saved</h3>
          <p>{otherError.message}</p>
        </div>
      )}

      <div className={errors['boardName'] !== undefined ? 'field field-invalid' : 'field'}>
        <label htmlFor={`${formId}-boardName`}>{LABELS.boardName}</label>
        <p id={`${formId}-boardName-hint`} className="field-hint">
          The name of the board or committee, as it appears on minutes and notices.
        </p>
        {fieldError('boardName')}
        <input
          id={`${formId}-boardName`}
          ref={(element) => {
            inputs.current.boardName = element;
          }}
          name="boardName"
          type="text"
          className="input input-wide"
          autoComplete="organization"
          value={draft.boardName}
          aria-invalid={errors['boardName'] !== undefined}
          aria-describedby={describedBy('boardName', `${formId}-boardName-hint`)}
          onChange={(event) => update('boardName', event.target.value)}
        />
      </div>

      <div className={errors['timeZone'] !== undefined ? 'field field-invalid' : 'field'}>
        <label htmlFor={`${formId}-timeZone`}>{LABELS.timeZone}</label>
        <p id={`${formId}-timeZone-hint`} className="field-hint">
          Due dates are calendar days in this time zone.
        </p>
        {fieldError('timeZone')}
        <select
          id={`${formId}-timeZone`}
          ref={(element) => {
            inputs.current.timeZone = element;
          }}
          name="timeZone"
          className="input"
          value={draft.timeZone}
          aria-invalid={errors['timeZone'] !== undefined}
          aria-describedby={describedBy('timeZone', `${formId}-timeZone-hint`)}
          onChange={(event) => update('timeZone', event.target.value)}
        >
          {zones.map((zone) => (
            <option key={zone} value={zone}>
              {zone.replaceAll('_', ' ')}
            </option>
          ))}
        </select>
      </div>

      <div className={errors['localUserName'] !== undefined ? 'field field-invalid' : 'field'}>
        <label htmlFor={`${formId}-localUserName`}>{LABELS.localUserName}</label>
        <p id={`${formId}-localUserName-hint`} className="field-hint">
          Recorded in the audit trail as the person who made each change on this computer.
        </p>
        {fieldError('localUserName')}
        <input
          id={`${formId}-localUserName`}
          ref={(element) => {
            inputs.current.localUserName = element;
          }}
          name="localUserName"
          type="text"
          className="input"
          autoComplete="name"
          value={draft.localUserName}
          aria-invalid={errors['localUserName'] !== undefined}
          aria-describedby={describedBy('localUserName', `${formId}-localUserName-hint`)}
          onChange={(event) => update('localUserName', event.target.value)}
        />
      </div>

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
