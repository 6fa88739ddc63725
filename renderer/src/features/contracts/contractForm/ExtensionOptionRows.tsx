/** A contract's extension options, each with its notice date, value, and when and by which decision it was exercised. */
import type { ReactNode } from 'react';
import { useQuery } from '../../../apiHooks.ts';
import { CheckboxField, DateField, Field, InputField } from '../../../components/Field.tsx';
import { RepeatableRows } from '../../../components/RepeatableRows.tsx';
import { formatCalendarDate } from '../../../format.ts';
import { newOption, parsePounds, type ContractSectionProps } from './contractDraft.ts';
import { formatGbp } from '../../../money.ts';

/** A contract's extension options in the contract form. */
export function ExtensionOptionRows({
  draft,
  set,
  errors,
  saves,
}: ContractSectionProps & { readonly saves: number }): ReactNode {
  // Any decision on record can have exercised an option, not only those already linked to the contract.
  const decisions = useQuery('decisions:list', { pageSize: 500, sort: 'date', direction: 'desc' });
  const rows = decisions.status === 'ok' ? decisions.value.rows : [];
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
            hint={(() => {
              const read = parsePounds(o.value);
              return typeof read === 'number' ? `Reads as ${formatGbp(read)}.` : undefined;
            })()}
            error={error('valueGbp')}
            className="row-list-field"
            value={o.value}
            onChange={(value) => change({ value: value })}
          />
          <CheckboxField
            label={`Option ${i + 1} exercised`}
            checked={o.exercised}
            onChange={(exercised) => change({ exercised })}
          />
          {o.exercised && (
            <DateField
              label={`Option ${i + 1}: exercised on`}
              optional={o.exercisedByDecisionId !== ''}
              hint="Exercising it moves the contract's current end by its months."
              error={error('exercisedOn')}
              className="row-list-field"
              value={o.exercisedOn}
              onChange={(value) => change({ exercisedOn: value })}
            />
          )}
          {o.exercised && (
            <Field label={`Option ${i + 1}: exercised by`} optional className="row-list-field">
              {(control) => (
                <select
                  {...control}
                  className="input"
                  value={o.exercisedByDecisionId}
                  onChange={(e) => change({ exercisedByDecisionId: e.target.value })}
                >
                  <option value="">Not recorded</option>
                  {rows.map((d) => (
                    <option key={d.id} value={d.id}>
                      {d.reference}: {d.title} ({formatCalendarDate(d.date)})
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
