/** The procurement route of a contract, and why the market was not tested when it was a direct award. */
import type { ReactNode } from 'react';
import { ROUTE_LABELS, ROUTES } from '../../../../../shared/schema/contracts.ts';
import { ChoiceField, TextAreaField } from '../../../components/Field.tsx';
import { FormSection } from '../../../components/FormSection.tsx';
import { type ContractSectionProps } from './contractDraft.ts';

/** The procurement route of a contract in the contract form. */
export function RouteSection({ draft, set, errors }: ContractSectionProps): ReactNode {
  return (
    <FormSection legend="Procurement route">
      <ChoiceField
        label="Route"
        hint="A direct award to a single supplier bypasses market testing: it is flagged wherever the contract shows."
        error={errors['route']}
        selectClassName="input input-wide"
        value={draft.route}
        choices={ROUTES}
        labels={ROUTE_LABELS}
        onChange={(value) => set('route', value)}
      />
      {draft.route === 'direct_award' && (
        <TextAreaField
          label="Why the market was not tested"
          hint="Required for a direct award: the justification the board relies on."
          error={errors['directAwardRationale']}
          rows={3}
          value={draft.directAwardRationale}
          onChange={(value) => set('directAwardRationale', value)}
        />
      )}
    </FormSection>
  );
}
