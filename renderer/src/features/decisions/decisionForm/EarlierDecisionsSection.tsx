/** The earlier decisions a decision varies, supersedes, implements or re-tenders. */
import type { ReactNode } from 'react';
import { DECISION_LINK_KINDS, DECISION_LINK_LABELS } from '../../../../../shared/schema/decisions.ts';
import { Field } from '../../../components/Field.tsx';
import { FormSection } from '../../../components/FormSection.tsx';
import { DecisionFinder } from '../../search/RecordFinder.tsx';
import { isLinkKind, type DecisionSectionProps, type FindingProps } from './decisionDraft.ts';

/** The "Earlier decisions" part of the decision form. */
export function EarlierDecisionsSection({
  draft,
  set,
  errors,
  finding,
  onFinding,
  editingId,
}: DecisionSectionProps & FindingProps & { readonly editingId: string | undefined }): ReactNode {
  return (
    <FormSection legend="Earlier decisions">
      <p className="field-hint">
        Link a decision this one varies, supersedes, implements or re-tenders: both show the link.
      </p>
      {draft.links.length === 0 && <p className="muted">Not linked to an earlier decision.</p>}
      <ul className="row-list">
        {draft.links.map((l, i) => (
          <li key={l.decisionId} className="row-list-item">
            <Field
              label={`This decision, towards ${l.reference}`}
              error={errors[`links.${i}.kind`] ?? errors[`links.${i}.decisionId`]}
              className="row-list-field"
            >
              {(control) => (
                <select
                  {...control}
                  className="input"
                  value={l.kind}
                  onChange={(e) => {
                    const kind = e.target.value;
                    if (isLinkKind(kind)) {
                      set(
                        'links',
                        draft.links.map((x) => (x.decisionId === l.decisionId ? { ...x, kind } : x)),
                      );
                    }
                  }}
                >
                  {DECISION_LINK_KINDS.map((k) => (
                    <option key={k} value={k}>
                      {DECISION_LINK_LABELS[k]}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <span className="row-list-text">
              <span className="reference">{l.reference}</span> {l.title}
            </span>
            <button
              type="button"
              className="button button-small button-quiet"
              onClick={() =>
                set(
                  'links',
                  draft.links.filter((x) => x.decisionId !== l.decisionId),
                )
              }
            >
              Remove<span className="visually-hidden"> the link to {l.reference}</span>
            </button>
          </li>
        ))}
      </ul>
      {finding ? (
        <DecisionFinder
          label="Find an earlier decision"
          exclude={[...(editingId !== undefined ? [editingId] : []), ...draft.links.map((l) => l.decisionId)]}
          onPick={(row) =>
            set('links', [
              ...draft.links,
              { decisionId: row.id, reference: row.reference, title: row.title, kind: 'implements' },
            ])
          }
          onClose={() => onFinding(false)}
        />
      ) : (
        <div className="button-row">
          <button type="button" className="button button-small button-secondary" onClick={() => onFinding(true)}>
            Link an earlier decision
          </button>
        </div>
      )}
    </FormSection>
  );
}
