/**
 * A decision's reference: the one the board already gave it, or empty for the
 * next of the board's pattern, which the field proposes for the decision's
 * year (one past the highest already on record).
 */
import type { ReactNode } from 'react';
import { useQuery } from '../../../apiHooks.ts';
import { InputField } from '../../../components/Field.tsx';

/** The reference field of the decision form. */
export function ReferenceField(props: {
  readonly value: string;
  readonly date: string;
  readonly error: string | undefined;
  readonly onChange: (reference: string) => void;
}): ReactNode {
  const { value, date, error, onChange } = props;
  const valid = /^\d{4}-\d{2}-\d{2}$/.test(date);
  // A fixed date before one is chosen: the hint then asks for the date instead of naming a reference.
  const proposed = useQuery('decisions:proposeReference', { date: valid ? date : '2000-01-01' });
  const next = valid && proposed.status === 'ok' ? proposed.value.reference : '';
  return (
    <InputField
      label="Reference"
      optional
      hint={
        next
          ? `The board's own reference, e.g. PCD 2026-117. Leave empty for the next of the pattern: ${next}.`
          : "The board's own reference, e.g. PCD 2026-117. Leave empty for the next of the pattern once the date is set."
      }
      error={error}
      autoComplete="off"
      value={value}
      onChange={onChange}
    />
  );
}
