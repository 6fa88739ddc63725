/**
 * The board's settings form: the board's details and the local user's name,
 * and how decisions are numbered and working days counted, saved in one go,
 * with each field's problem shown next to it. The backend validates; the form
 * only turns text into numbers where a field is a number, and says so itself
 * when the text is not one.
 */
import { useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import type { InputOf } from '../../../../shared/contract/api.ts';
import { REGION_LABELS, REGIONS } from '../../../../shared/dates/bankHolidays.ts';
import type { EditableSetting, Settings } from '../../../../shared/schema/settings.ts';
import { assertNever } from '../../../../shared/contract/result.ts';
import { useMutation } from '../../apiHooks.ts';
import { fieldErrorsOf } from '../../fieldErrors.ts';
import { busyButtonProps } from '../../components/busyButton.ts';

/**
 * The settings this form edits. The lists of extra and removed bank holidays
 * need a list editor of their own and are left to the working-days screen;
 * the names of the same supplier are said on the Suppliers screen;
 * the times rules last changed are the backend's, not a person's; any other
 * new setting is a compile error below until it is given a field.
 */
type FieldName = Exclude<EditableSetting, 'extraHolidays' | 'removedHolidays' | 'supplierAliases'>;

/** How one field is shown and edited. */
interface FieldSpec {
  readonly label: string;
  readonly hint: string;
  readonly group: 'board' | 'decisions' | 'reminders';
  readonly control: 'text' | 'wideText' | 'timeZone' | 'count' | 'region' | 'dayList';
  readonly autoComplete?: string;
}

const FIELDS: { readonly [F in FieldName]: FieldSpec } = {
  boardName: {
    label: 'Board name',
    hint: 'The name of the board or committee, as it appears on minutes and notices.',
    group: 'board',
    control: 'wideText',
    autoComplete: 'organization',
  },
  timeZone: {
    label: 'Time zone',
    hint: 'Due dates are calendar days in this time zone.',
    group: 'board',
    control: 'timeZone',
  },
  quorum: {
    label: 'Quorum',
    hint: 'How many voting members must be present for the board’s decisions to be valid.',
    group: 'board',
    control: 'count',
  },
  localUserName: {
    label: 'Your name',
    hint: 'Recorded in the audit trail as the person who made each change on this computer.',
    group: 'board',
    control: 'text',
    autoComplete: 'name',
  },
  ocdsPrefix: {
    label: 'OCDS ocid prefix',
    hint: 'For contracts exported as open data (OCDS) without a published notice’s ocid. A registered prefix (ocds- and six letters or digits) comes from the Open Contracting Partnership; without one, use the board’s own short name.',
    group: 'decisions',
    control: 'text',
  },
  decisionReferencePattern: {
    label: 'Decision reference pattern',
    hint: 'How new decisions are numbered: {yyyy} is the year and {seq:3} a running number of three digits, so “PCD {yyyy}-{seq:3}” gives PCD 2026-117.',
    group: 'decisions',
    control: 'text',
  },
  callInWorkingDays: {
    label: 'Call-in period (working days)',
    hint: 'Working days after a decision is published during which it can be challenged, before it takes effect.',
    group: 'decisions',
    control: 'count',
  },
  holidayRegion: {
    label: 'Bank holidays',
    hint: 'Whose bank holidays are skipped when working days are counted.',
    group: 'decisions',
    control: 'region',
  },
  papersDueWorkingDays: {
    label: 'Papers due (working days before a meeting)',
    hint: 'Papers for a meeting are due this many working days before it; the deadline appears in the register.',
    group: 'reminders',
    control: 'count',
  },
  reminderLeadDays: {
    label: 'Remind me (days before a deadline)',
    hint: 'Days before each deadline when a reminder is given, separated by commas; 0 is the day itself. For example: 90, 30, 7, 1, 0.',
    group: 'reminders',
    control: 'dayList',
  },
  reminderTime: {
    label: 'Reminder time',
    hint: 'The time of day reminders are given, in the board’s time zone, as HH:MM.',
    group: 'reminders',
    control: 'text',
  },
};

const FIELD_ORDER = Object.keys(FIELDS) as FieldName[];

const GROUPS = [
  { id: 'board', legend: 'The board and you' },
  { id: 'decisions', legend: 'Decisions and working days' },
  { id: 'reminders', legend: 'Deadlines and reminders' },
] as const;

/** What the person has typed, field by field: text until it is saved. */
type Draft = { readonly [F in FieldName]: string };

function draftOf(settings: Settings): Draft {
  return {
    boardName: settings.boardName,
    timeZone: settings.timeZone,
    quorum: String(settings.quorum),
    localUserName: settings.localUserName,
    decisionReferencePattern: settings.decisionReferencePattern,
    ocdsPrefix: settings.ocdsPrefix,
    callInWorkingDays: String(settings.callInWorkingDays),
    holidayRegion: settings.holidayRegion,
    papersDueWorkingDays: String(settings.papersDueWorkingDays),
    reminderLeadDays: settings.reminderLeadDays.join(', '),
    reminderTime: settings.reminderTime,
  };
}

function sameDraft(a: Draft, b: Draft): boolean {
  return FIELD_ORDER.every((field) => a[field] === b[field]);
}

function isRegion(value: string): value is Settings['holidayRegion'] {
  return (REGIONS as readonly string[]).includes(value);
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
  const count = (field: FieldName): number | undefined => {
    const text = draft[field].trim();
    if (/^\d+$/.test(text)) return Number(text);
    problems[field] = 'must be a whole number';
    return undefined;
  };
  for (const field of FIELD_ORDER) {
    if (draft[field] === base[field]) continue;
    switch (field) {
      case 'reminderLeadDays': {
        const parts = draft.reminderLeadDays
          .split(',')
          .map((part) => part.trim())
          .filter((part) => part !== '');
        if (parts.every((part) => /^\d+$/.test(part))) {
          patch.reminderLeadDays = [...new Set(parts.map(Number))].sort((a, b) => b - a);
        } else {
          problems[field] = 'must be whole numbers of days, separated by commas';
        }
        break;
      }
      case 'quorum':
      case 'papersDueWorkingDays':
      case 'callInWorkingDays': {
        const value = count(field);
        if (value !== undefined) patch[field] = value;
        break;
      }
      case 'holidayRegion': {
        const value = draft.holidayRegion;
        if (isRegion(value)) patch.holidayRegion = value;
        else problems[field] = 'must be one of the listed regions';
        break;
      }
      case 'boardName':
      case 'timeZone':
      case 'localUserName':
      case 'decisionReferencePattern':
      case 'ocdsPrefix':
      case 'reminderTime':
        patch[field] = draft[field];
        break;
      default:
        assertNever(field);
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
      case 'region':
        return (
          <select {...common} ref={ref} className="input" onChange={(event) => update(field, event.target.value)}>
            {REGIONS.map((region) => (
              <option key={region} value={region}>
                {REGION_LABELS[region]}
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
      case 'dayList':
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
        These appear on every page and document, and your name is recorded with each change you make. Saving changes
        only the fields you edited.
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

      {GROUPS.map((group) => (
        <fieldset key={group.id} className="fieldset">
          <legend className="fieldset-legend">{group.legend}</legend>
          {FIELD_ORDER.filter((field) => FIELDS[field].group === group.id).map((field) => {
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
        </fieldset>
      ))}

      <div className="button-row">
        <button type="submit" className="button button-primary" {...busyButtonProps(save.pending)}>
          {save.pending ? 'Saving…' : 'Save settings'}
        </button>
        <p role="status" className="inline-status">
          {notice}
        </p>
      </div>
    </form>
  );
}
