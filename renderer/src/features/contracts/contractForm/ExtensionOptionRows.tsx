/** A contract's extension options, each with its notice date, value and the decision that exercised it. */
import type { ReactNode } from 'react';
import type { ContractDetail } from '../../../../../shared/contract/views.ts';
import { CheckboxField, DateField, Field, InputField } from '../../../components/Field.tsx';
import { RepeatableRows } from '../../../components/RepeatableRows.tsx';
import { newOption, type ContractSectionProps } from './contractDraft.ts';

/** A contract's extension options in the contract form. */
export function ExtensionOptionRows({
  draft,
  set,
  errors,
  saves,
  decisions,
}: ContractSectionProps & { readonly saves: number; readonly decisions: ContractDetail['decisions'] }): ReactNode {
  return (
    <RepeatableRows
      saves={saves}
      legend="Extension options"
      rows={draft.options}
      onChange={(rows) => set('options', rows)}
      newRow={newOption}
      addLabel="Add an extension option"
      rowName={(i) => `option ${i + 1}`}
      errorPath="extensionOptions"
      errors={errors}
    >
      {({ row: o, index: i, change, error }) => (
        <>
          <InputField
            label={`Option ${i + 1}: months`}
            error={error('months')}
            className="row-list-field"
            inputMode="numeric"
            inputClassName="input input-short"
            value={o.months}
            onChange={(value) => change({ months: value })}
          />
          <DateField
            label={`Option ${i + 1}: notice by`}
            optional
            error={error('noticeBy')}
            className="row-list-field"
            value={o.noticeBy}
            onChange={(value) => change({ noticeBy: value })}
          />
          <InputField
            label={`Option ${i + 1}: value`}
            optional
            error={error('valueGbp')}
            className="row-list-field"
            inputMode="numeric"
            value={o.value}
            onChange={(value) => change({ value: value })}
          />
          <CheckboxField
            label={`Option ${i + 1} exercised`}
            checked={o.exercised}
            onChange={(exercised) => change({ exercised })}
          />
          {o.exercised && decisions.length > 0 && (
            <Field label={`Option ${i + 1}: exercised by`} optional className="row-list-field">
              {(control) => (
                <select
                  {...control}
                  className="input"
                  value={o.exercisedByDecisionId}
                  onChange={(e) => change({ exercisedByDecisionId: e.target.value })}
                >
                  <option value="">Not recorded</option>
                  {decisions.map((d) => (
                    <option key={d.id} value={d.id}>
                      {d.reference}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          )}
        </>
      )}
    </RepeatableRows>
  );
}
