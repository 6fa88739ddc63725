/**
 * The owner of an obligation named outside the member list (a condition's
 * outside owner, a manual deadline's owner): a name or role and an e-mail
 * address to chase them by, side by side, each with its problem
 * (`owner.name`, `owner.email`) beside it.
 */
import type { ReactNode } from 'react';
import { InputField } from './Field.tsx';

/** What a form holds of the owner named here. */
export interface OwnerContactDraft {
  readonly ownerName: string;
  readonly ownerEmail: string;
}

/** Props of {@link OwnerContactFields}. */
export interface OwnerContactFieldsProps {
  readonly draft: OwnerContactDraft;
  readonly set: (field: keyof OwnerContactDraft, value: string) => void;
  /** The form's problems by field path. */
  readonly errors: Readonly<Record<string, string>>;
  readonly nameHint: string;
  /** Whether the owner may be left unnamed. */
  readonly nameOptional?: boolean;
  readonly emailHint?: string;
}

/** "Owner’s name" and "Owner’s e-mail". */
export function OwnerContactFields({
  draft,
  set,
  errors,
  nameHint,
  nameOptional = false,
  emailHint,
}: OwnerContactFieldsProps): ReactNode {
  return (
    <div className="field-pair">
      <InputField
        label="Owner’s name"
        optional={nameOptional}
        hint={nameHint}
        error={errors['owner.name']}
        inputClassName="input input-wide"
        value={draft.ownerName}
        onChange={(value) => set('ownerName', value)}
      />
      <InputField
        label="Owner’s e-mail"
        optional
        hint={emailHint}
        error={errors['owner.email']}
        type="email"
        value={draft.ownerEmail}
        onChange={(value) => set('ownerEmail', value)}
      />
    </div>
  );
}
