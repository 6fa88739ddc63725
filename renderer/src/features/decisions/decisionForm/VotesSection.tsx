/** Who took a decision, whether it is a key decision, the votes and the declarations of interest. */
import type { ReactNode } from 'react';
import { CheckboxField, Field, InputField } from '../../../components/Field.tsx';
import { FormSection } from '../../../components/FormSection.tsx';
import { RepeatableRows } from '../../../components/RepeatableRows.tsx';
import { LABELS, isDeclared, newDeclaration, type DecisionSectionProps } from './decisionDraft.ts';

/** The "Who decided, and how" part of the decision form. */
export function VotesSection({
  draft,
  set,
  errors,
  saves,
}: DecisionSectionProps & { readonly saves: number }): ReactNode {
  return (
    <FormSection legend="Who decided, and how">
      <InputField
        label="Decision-maker"
        hint="Who took the decision, e.g. “The oversight board”. Needed before signing."
        error={errors['decisionMaker']}
        inputClassName="input input-wide"
        value={draft.decisionMaker}
        onChange={(value) => set('decisionMaker', value)}
      />
      <CheckboxField
        label="Key decision"
        hint="A decision of significant value or effect, published and open to call-in."
        checked={draft.keyDecision}
        onChange={(checked) => set('keyDecision', checked)}
      />
      <CheckboxField
        label="Votes were recorded"
        checked={draft.votesRecorded}
        onChange={(checked) => set('votesRecorded', checked)}
      />
      {draft.votesRecorded && (
        <div className="field-pair">
          {(['for', 'against', 'abstain'] as const).map((side) => (
            <Field key={side} label={LABELS[`votes.${side}`] ?? side} error={errors[`votes.${side}`]}>
              {(control) => (
                <input
                  {...control}
                  type="number"
                  min={0}
                  inputMode="numeric"
                  className="input input-short"
                  value={draft.votes[side]}
                  onChange={(e) => set('votes', { ...draft.votes, [side]: e.target.value })}
                />
              )}
            </Field>
          ))}
        </div>
      )}
      <RepeatableRows
        saves={saves}
        legend="Declarations of interest"
        group="heading"
        empty="None declared."
        wrap={false}
        sent={isDeclared}
        rows={draft.declarations}
        onChange={(rows) => set('declarations', rows)}
        newRow={newDeclaration}
        addLabel="Add a declaration"
        rowName={(i) => `declaration ${i + 1}`}
        errorPath="declarations"
        errors={errors}
      >
        {({ row, index: i, change, error }) => (
          <>
            <InputField
              label={`Declaration ${i + 1}: who`}
              error={error('who')}
              className="row-list-field"
              value={row.who}
              onChange={(who) => change({ who })}
            />
            <InputField
              label={`Declaration ${i + 1}: interest`}
              error={error('interest')}
              className="row-list-field"
              inputClassName="input input-wide"
              value={row.interest}
              onChange={(interest) => change({ interest })}
            />
          </>
        )}
      </RepeatableRows>
    </FormSection>
  );
}
