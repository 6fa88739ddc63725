/**
 * Asks who signed a decision and on what day, before it is signed: a member
 * (named with their role or job title) or someone else typed in, and the
 * date, which may be any past day from the decision's own. Who records it
 * here is kept apart, in the audit trail.
 */
import { useState, type ReactNode } from 'react';
import { MEMBER_ROLE_LABELS } from '../../../../shared/schema/members.ts';
import { useQuery } from '../../apiHooks.ts';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { DateField, Field, InputField } from '../../components/Field.tsx';
import { formatCalendarDate } from '../../format.ts';

/** What signing sends: the signatory in words, the member when one, and the day. */
export interface Signature {
  readonly signatory: string;
  readonly signatoryMemberId: string | null;
  readonly signedOn: string;
}

/** Props of {@link SignatureDialog}. */
export interface SignatureDialogProps {
  readonly reference: string;
  readonly decisionDate: string;
  readonly onSign: (signature: Signature) => void;
  readonly onCancel: () => void;
}

const SOMEONE_ELSE = 'other';

/** The sign dialog of a draft decision. */
export function SignatureDialog({ reference, decisionDate, onSign, onCancel }: SignatureDialogProps): ReactNode {
  const members = useQuery('members:list', { archived: 'active', sort: 'role', pageSize: 200 });
  const [who, setWho] = useState('');
  const [name, setName] = useState('');
  const [signedOn, setSignedOn] = useState('');
  const [problems, setProblems] = useState<Readonly<Record<string, string>>>({});
  const rows = members.status === 'ok' ? members.value.rows : [];

  function confirm(): void {
    const member = rows.find((m) => m.id === who);
    const signatory = member
      ? `${member.name} (${member.jobTitle || MEMBER_ROLE_LABELS[member.role]})`
      : who === SOMEONE_ELSE
        ? name.trim()
        : '';
    const found: Record<string, string> = {};
    if (signatory === '') found['signatory'] = 'is required: choose who signed, or type their name and role';
    if (signedOn === '') found['signedOn'] = 'is required: the day the decision was signed';
    else if (signedOn < decisionDate)
      found['signedOn'] = `must not be before the decision's date (${formatCalendarDate(decisionDate)})`;
    setProblems(found);
    if (Object.keys(found).length > 0) return;
    onSign({ signatory, signatoryMemberId: member?.id ?? null, signedOn });
  }

  return (
    <ConfirmDialog
      open
      title={`Sign ${reference}?`}
      confirmLabel="Sign the decision"
      onConfirm={confirm}
      onCancel={onCancel}
    >
      <p>
        Once signed, the decision is read-only. Corrections can then only be recorded as amendments, each saying what
        was corrected and why. Record who signed it and when, as on the signed copy; the audit trail keeps who entered
        it here.
      </p>
      <Field label="Signed by" error={who === SOMEONE_ELSE ? undefined : problems['signatory']}>
        {(control) => (
          <select {...control} className="input" value={who} onChange={(e) => setWho(e.target.value)}>
            <option value="">Choose who signed</option>
            {rows.map((m) => (
              <option key={m.id} value={m.id}>
                {m.name} ({m.jobTitle || MEMBER_ROLE_LABELS[m.role]})
              </option>
            ))}
            <option value={SOMEONE_ELSE}>Someone else (type the name)</option>
          </select>
        )}
      </Field>
      {who === SOMEONE_ELSE && (
        <InputField
          label="Signatory's name and role"
          hint="For example: Deputy Mayor for Policing and Crime."
          error={problems['signatory']}
          value={name}
          onChange={setName}
        />
      )}
      <DateField
        label="Signed on"
        hint={`Not before the decision's date, ${formatCalendarDate(decisionDate)}.`}
        error={problems['signedOn']}
        value={signedOn}
        onChange={setSignedOn}
      />
    </ConfirmDialog>
  );
}
