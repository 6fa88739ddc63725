/** The papers a decision relied on, each pinned to the version the board read. */
import type { ReactNode } from 'react';
import { Field } from '../../../components/Field.tsx';
import { FormSection } from '../../../components/FormSection.tsx';
import { PaperFinder } from '../../search/RecordFinder.tsx';
import type { DecisionSectionProps, FindingProps } from './decisionDraft.ts';

/** The "Papers relied on" part of the decision form. */
export function PapersSection({
  draft,
  set,
  errors,
  finding,
  onFinding,
}: DecisionSectionProps & FindingProps): ReactNode {
  return (
    <FormSection legend="Papers relied on">
      <p className="field-hint">
        Each paper is cited at the version the board read; a later change is noticed on the decision.
      </p>
      {draft.reliedOn.length === 0 && <p className="muted">No papers cited yet.</p>}
      <ul className="row-list">
        {draft.reliedOn.map((p, i) => (
          <li key={p.paperId} className="row-list-item">
            <span className="row-list-text">
              <span className="reference">{p.reference}</span> {p.title}
              {errors[`reliedOn.${i}.paperId`] !== undefined && (
                <span className="field-error"> {errors[`reliedOn.${i}.paperId`]}</span>
              )}
            </span>
            <Field
              label={`Version of ${p.reference}`}
              error={errors[`reliedOn.${i}.version`]}
              className="row-list-field"
            >
              {(control) => (
                <select
                  {...control}
                  className="input input-short"
                  value={p.version}
                  onChange={(e) =>
                    set(
                      'reliedOn',
                      draft.reliedOn.map((r) =>
                        r.paperId === p.paperId ? { ...r, version: Number(e.target.value) } : r,
                      ),
                    )
                  }
                >
                  {Array.from({ length: p.latest }, (_, v) => v + 1).map((v) => (
                    <option key={v} value={v}>
                      {v}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <button
              type="button"
              className="button button-small button-quiet"
              onClick={() =>
                set(
                  'reliedOn',
                  draft.reliedOn.filter((r) => r.paperId !== p.paperId),
                )
              }
            >
              Remove<span className="visually-hidden"> {p.reference}</span>
            </button>
          </li>
        ))}
      </ul>
      {finding ? (
        <PaperFinder
          label="Find a paper the decision relied on"
          exclude={draft.reliedOn.map((p) => p.paperId)}
          onPick={(row) =>
            set('reliedOn', [
              ...draft.reliedOn,
              {
                paperId: row.id,
                reference: row.reference,
                title: row.title,
                version: row.version,
                latest: row.version,
              },
            ])
          }
          onClose={() => onFinding(false)}
        />
      ) : (
        <div className="button-row">
          <button type="button" className="button button-small button-secondary" onClick={() => onFinding(true)}>
            Cite a paper
          </button>
        </div>
      )}
    </FormSection>
  );
}
