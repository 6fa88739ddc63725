/**
 * Adds or edits a member: name, role, e-mail, the dates they are active and
 * their registered interests. The backend validates; each problem shows next
 * to its field (an interest's problem next to that interest).
 */
import { useRef, useState, type FormEvent, type ReactNode } from 'react';
import { MEMBER_ROLE_LABELS, MEMBER_ROLES, type Member, type MemberRole } from '../../../../shared/schema/members.ts';
import { goTo, linkTo } from '../../app/location.ts';
import { useChange } from '../../changes.ts';
import { ChoiceField, DateField, ErrorSummary, InputField, useFocusFirstInvalid } from '../../components/Field.tsx';
import { RepeatableRows } from '../../components/RepeatableRows.tsx';
import { fieldErrorsOf } from '../../fieldErrors.ts';
import { FormActions } from '../../components/FormActions.tsx';

interface InterestRow {
  readonly key: number;
  readonly text: string;
  /** The organisation the interest names ('' when none): kept with its interest as rows move. */
  readonly organisation: string;
}

interface Draft {
  readonly name: string;
  readonly role: MemberRole;
  readonly jobTitle: string;
  readonly email: string;
  readonly activeFrom: string;
  readonly activeTo: string;
  readonly interests: readonly InterestRow[];
}

let nextKey = 1;

function draftOf(member: Member | undefined): Draft {
  return {
    name: member?.name ?? '',
    role: member?.role ?? 'member',
    jobTitle: member?.jobTitle ?? '',
    email: member?.email ?? '',
    activeFrom: member?.activeFrom ?? '',
    activeTo: member?.activeTo ?? '',
    interests: (member?.interests ?? []).map((text, i) => ({
      key: nextKey++,
      text,
      organisation: member?.interestOrganisations?.[i] ?? '',
    })),
  };
}

const LABELS = {
  name: 'Name',
  role: 'Role',
  jobTitle: 'Job title',
  email: 'E-mail',
  activeFrom: 'Active from',
  activeTo: 'Active to',
} as const;

/**
 * The organisations of the interests sent, by position (the backend's
 * `interestOrganisations`): trailing blanks left off, so none at all is [].
 */
export function organisationsOf(rows: readonly { readonly organisation: string }[]): string[] {
  const out = rows.map((row) => row.organisation.trim());
  while (out.length > 0 && out[out.length - 1] === '') out.pop();
  return out;
}

/**
 * The backend names an organisation's problem `interestOrganisations.<n>`;
 * the rows read it as a part of their interest, `interests.<n>.organisation`.
 */
function withOrganisationErrors(errors: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = { ...errors };
  for (const [field, message] of Object.entries(errors)) {
    const n = /^interestOrganisations\.(\d+)$/.exec(field)?.[1];
    if (n !== undefined) out[`interests.${n}.organisation`] = message;
  }
  return out;
}

/** An interest row is sent unless it is left blank. */
function isRegistered(row: InterestRow): boolean {
  return row.text.trim() !== '';
}

/** Props of {@link MemberForm}. */
export interface MemberFormProps {
  /** The member being edited; a new one when left out. */
  readonly member?: Member;
}

/** The member form. */
export function MemberForm({ member }: MemberFormProps): ReactNode {
  const [draft, setDraft] = useState<Draft>(() => draftOf(member));
  const create = useChange('members:create');
  const update = useChange('members:update');
  const form = useRef<HTMLFormElement>(null);
  const error = member === undefined ? create.error : update.error;
  const errors = withOrganisationErrors(fieldErrorsOf(error));
  useFocusFirstInvalid(form, error);

  const problems = [
    ...(Object.keys(LABELS) as Array<keyof typeof LABELS>)
      .filter((field) => errors[field] !== undefined)
      .map((field) => `${LABELS[field]} ${errors[field]}`),
    ...Object.entries(errors)
      .filter(([field]) => /^interests\.\d+$/.test(field))
      .map(([, message]) => `A registered interest ${message}`),
    ...Object.entries(errors)
      .filter(([field]) => /^interests\.\d+\.organisation$/.test(field))
      // Numbered as sent (blank rows left out), not as drawn: the field itself says which row.
      .map(([, message]) => `Organisation of an interest ${message}`),
    ...(errors['interests'] !== undefined ? [`Registered interests ${errors['interests']}`] : []),
    ...(errors['interestOrganisations'] !== undefined
      ? [`Organisations of the interests ${errors['interestOrganisations']}`]
      : []),
  ];

  function set<K extends keyof Draft>(field: K, value: Draft[K]): void {
    setDraft((d) => ({ ...d, [field]: value }));
  }

  /** Counts the times the form is sent: the repeatable rows take their places anew each time. */
  const [saves, setSaves] = useState(0);

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    setSaves((n) => n + 1);
    const fields = {
      name: draft.name,
      role: draft.role,
      jobTitle: draft.jobTitle,
      email: draft.email.trim(),
      activeFrom: draft.activeFrom,
      activeTo: draft.activeTo,
      interests: draft.interests.filter(isRegistered).map((row) => row.text),
      interestOrganisations: organisationsOf(draft.interests.filter(isRegistered)),
    };
    const result = member === undefined ? await create.run(fields) : await update.run({ id: member.id, ...fields });
    if (result.ok) goTo(linkTo(['members', result.value.id]));
  }

  const pending = create.pending || update.pending;
  const otherError = error !== undefined && error.code !== 'invalid_input' ? error.message : undefined;

  return (
    <form ref={form} className="form" noValidate onSubmit={(event) => void submit(event)}>
      <ErrorSummary
        title={member === undefined ? 'The member was not added' : 'The changes were not saved'}
        problems={problems}
        message={otherError}
      />
      <InputField
        label={LABELS.name}
        error={errors['name']}
        inputClassName="input input-wide"
        autoComplete="off"
        value={draft.name}
        onChange={(value) => set('name', value)}
      />
      <ChoiceField
        label={LABELS.role}
        hint="The chair, members and independent members count towards the quorum; the others do not."
        error={errors['role']}
        value={draft.role}
        choices={MEMBER_ROLES}
        labels={MEMBER_ROLE_LABELS}
        onChange={(value) => set('role', value)}
      />
      <InputField
        label={LABELS.jobTitle}
        optional
        hint="The role in the board's own words, e.g. Deputy Mayor for Policing and Crime. Shown beside the name."
        error={errors['jobTitle']}
        inputClassName="input input-wide"
        autoComplete="off"
        value={draft.jobTitle}
        onChange={(value) => set('jobTitle', value)}
      />
      <InputField
        label={LABELS.email}
        optional
        error={errors['email']}
        type="email"
        inputClassName="input input-wide"
        autoComplete="off"
        value={draft.email}
        onChange={(value) => set('email', value)}
      />
      <div className="field-pair">
        <DateField
          label={LABELS.activeFrom}
          optional
          error={errors['activeFrom']}
          value={draft.activeFrom}
          onChange={(value) => set('activeFrom', value)}
        />
        <DateField
          label={LABELS.activeTo}
          optional
          hint="Set when they leave the board."
          error={errors['activeTo']}
          value={draft.activeTo}
          onChange={(value) => set('activeTo', value)}
        />
      </div>

      <RepeatableRows
        saves={saves}
        legend="Registered interests"
        hint="Interests from the register (employment, shareholdings, appointments). Declarations on a particular agenda item are made on the meeting’s agenda."
        empty="None registered."
        sent={isRegistered}
        rows={draft.interests}
        onChange={(rows) => set('interests', rows)}
        newRow={() => ({ key: nextKey++, text: '', organisation: '' })}
        addLabel="Add an interest"
        rowName={(i) => `interest ${i + 1}`}
        errorPath="interests"
        errors={errors}
      >
        {({ row, index: i, change, error }) => (
          <>
            <InputField
              label={`Interest ${i + 1}`}
              error={error()}
              className="row-list-field row-list-field-grow"
              inputClassName="input input-wide"
              value={row.text}
              onChange={(text) => change({ text })}
            />
            <InputField
              label={`Organisation of interest ${i + 1}`}
              optional
              hint="The company or body it names: checked against contracts’ suppliers."
              error={error('organisation')}
              className="row-list-field row-list-field-grow"
              inputClassName="input input-wide"
              autoComplete="off"
              value={row.organisation}
              onChange={(organisation) => change({ organisation })}
            />
          </>
        )}
      </RepeatableRows>

      <FormActions
        label={member === undefined ? 'Add the member' : 'Save changes'}
        pending={pending}
        cancel={member === undefined ? linkTo(['members']) : linkTo(['members', member.id])}
      />
    </form>
  );
}
