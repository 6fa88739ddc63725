/**
 * Records a decision, or edits a draft one: title, date, outcome, the meeting
 * and agenda item, the wording and the other Markdown fields, declarations,
 * votes, who decided, key-decision flag, publication and effective dates, the
 * papers it relied on (pinned to a version), the contracts it governs and its
 * links to earlier decisions. The backend validates; each problem shows next
 * to its field. The reference is the board's own, or the next of its pattern
 * when left empty.
 */
import { useRef, useState, type FormEvent, type ReactNode } from 'react';
import { DecisionFieldsSchema, OUTCOME_LABELS, OUTCOMES } from '../../../../shared/schema/decisions.ts';
import type { DecisionDetail } from '../../../../shared/contract/views.ts';
import { useQuery } from '../../apiHooks.ts';
import { goTo, linkTo } from '../../app/location.ts';
import { useChange } from '../../changes.ts';
import {
  CheckboxField,
  DateField,
  ErrorSummary,
  Field,
  InputField,
  useFocusFirstInvalid,
} from '../../components/Field.tsx';
import { FormActions } from '../../components/FormActions.tsx';
import { fieldErrorsOf } from '../../fieldErrors.ts';
import { formatCalendarDate } from '../../format.ts';
import { AgendaItemField } from './decisionForm/AgendaItemField.tsx';
import { ContractsSection } from './decisionForm/ContractsSection.tsx';
import { DatesSection } from './decisionForm/DatesSection.tsx';
import { draftOf, isDeclared, isOutcome, count, LABELS, type Draft } from './decisionForm/decisionDraft.ts';
import { EarlierDecisionsSection } from './decisionForm/EarlierDecisionsSection.tsx';
import { PapersSection } from './decisionForm/PapersSection.tsx';
import { ReferenceField } from './decisionForm/ReferenceField.tsx';
import { VotesSection } from './decisionForm/VotesSection.tsx';
import { WordingSection } from './decisionForm/WordingSection.tsx';

/** Props of {@link DecisionForm}. */
export interface DecisionFormProps {
  /** The draft decision being edited; a new one when left out. */
  readonly detail?: DecisionDetail;
}

/** The decision form. */
export function DecisionForm({ detail }: DecisionFormProps): ReactNode {
  const editing = detail?.decision;
  const [draft, setDraft] = useState<Draft>(() => draftOf(detail));
  // Problems found here before sending: only while no outcome is chosen (the input cannot be sent without one).
  const [localErrors, setLocalErrors] = useState<Readonly<Record<string, string>> | undefined>(undefined);
  const [finding, setFinding] = useState<'paper' | 'decision' | undefined>(undefined);
  const create = useChange('decisions:create');
  const update = useChange('decisions:update');
  const meetings = useQuery('meetings:list', { pageSize: 500, when: 'all' });
  const contracts = useQuery('contracts:list', { pageSize: 500, sort: 'reference' });
  const form = useRef<HTMLFormElement>(null);
  const error = editing === undefined ? create.error : update.error;
  const errors: Record<string, string> = { ...(localErrors ?? fieldErrorsOf(error)) };
  // An empty date reads better as missing than as the wrong shape.
  if (errors['date'] !== undefined && draft.date === '') errors['date'] = 'is required';
  useFocusFirstInvalid(form, localErrors ?? error);
  const problems = Object.entries(errors).map(([field, message]) => `${describeField(field)} ${message}`);

  function describeField(field: string): string {
    const label = LABELS[field];
    if (label !== undefined) return label;
    const [list, index] = field.split('.');
    const n = Number(index) + 1;
    if (list === 'declarations') return `Declaration ${n}`;
    if (list === 'reliedOn') return `Paper relied on ${n}`;
    if (list === 'contractIds') return `Contract ${n}`;
    if (list === 'links') return `Linked decision ${n}`;
    return field;
  }

  function set<K extends keyof Draft>(field: K, value: Draft[K]): void {
    setDraft((d) => ({ ...d, [field]: value }));
  }

  /** Counts the times the form is sent: the repeatable rows take their places anew each time. */
  const [saves, setSaves] = useState(0);

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    setSaves((n) => n + 1);
    const fields = {
      reference: draft.reference.trim(),
      confidential: draft.confidential,
      title: draft.title,
      date: draft.date,
      meetingId: draft.meetingId === '' ? null : draft.meetingId,
      itemId: draft.meetingId === '' || draft.itemId === '' ? null : draft.itemId,
      wording: draft.wording,
      summary: draft.summary,
      reasons: draft.reasons,
      alternatives: draft.alternatives,
      financialImplications: draft.financialImplications,
      legalImplications: draft.legalImplications,
      equalityImplications: draft.equalityImplications,
      declarations: draft.declarations.filter(isDeclared).map((d) => ({ who: d.who, interest: d.interest })),
      votes: draft.votesRecorded
        ? { for: count(draft.votes.for), against: count(draft.votes.against), abstain: count(draft.votes.abstain) }
        : null,
      decisionMaker: draft.decisionMaker,
      keyDecision: draft.keyDecision,
      publishedOn: draft.publishedOn,
      effectiveDate: draft.effectiveDate,
      reliedOn: draft.reliedOn.map((p) => ({ paperId: p.paperId, version: p.version })),
      contractIds: [...draft.contractIds],
      links: draft.links.map((l) => ({ decisionId: l.decisionId, kind: l.kind })),
    };
    const outcome = draft.outcome;
    if (outcome === '') {
      // Checked here with the very schema the backend uses, so every problem shows at once with its words.
      const parsed = DecisionFieldsSchema.safeParse(fields);
      const found: Record<string, string> = {};
      for (const issue of parsed.success ? [] : parsed.error.issues) found[issue.path.join('.')] ??= issue.message;
      found['outcome'] = 'is required: choose what the board resolved';
      setLocalErrors(found);
      return;
    }
    setLocalErrors(undefined);
    const result =
      editing === undefined
        ? await create.run({ ...fields, outcome })
        : await update.run({ id: editing.id, ...fields, outcome });
    if (result.ok) goTo(linkTo(['decisions', result.value.id]));
  }

  const pending = create.pending || update.pending;
  const otherError = error !== undefined && error.code !== 'invalid_input' ? error.message : undefined;

  return (
    <form ref={form} className="form form-wide" noValidate onSubmit={(event) => void submit(event)}>
      <ErrorSummary
        title={editing === undefined ? 'The decision was not recorded' : 'The changes were not saved'}
        problems={problems}
        message={otherError}
      />
      <InputField
        label={LABELS['title'] ?? 'Title'}
        error={errors['title']}
        inputClassName="input input-wide"
        autoComplete="off"
        value={draft.title}
        onChange={(value) => set('title', value)}
      />
      <div className="field-pair">
        <DateField
          label="Date of the decision"
          error={errors['date']}
          value={draft.date}
          onChange={(value) => set('date', value)}
        />
        <ReferenceField
          value={draft.reference}
          date={draft.date}
          error={errors['reference']}
          onChange={(value) => set('reference', value)}
        />
        <Field label="Outcome" error={errors['outcome']}>
          {(control) => (
            <select
              {...control}
              className="input"
              value={draft.outcome}
              onChange={(e) => {
                if (isOutcome(e.target.value)) {
                  set('outcome', e.target.value);
                }
              }}
            >
              <option value="" disabled>
                Choose an outcome
              </option>
              {OUTCOMES.map((o) => (
                <option key={o} value={o}>
                  {OUTCOME_LABELS[o]}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <div className="field-pair">
        <Field label="Meeting" optional error={errors['meetingId']}>
          {(control) => (
            <select
              {...control}
              className="input input-wide"
              value={draft.meetingId}
              onChange={(e) => setDraft((d) => ({ ...d, meetingId: e.target.value, itemId: '' }))}
            >
              <option value="">Not at a meeting recorded here</option>
              {meetings.status === 'ok' &&
                meetings.value.rows.map((m) => (
                  <option key={m.id} value={m.id}>
                    {m.title}, {formatCalendarDate(m.date)}
                  </option>
                ))}
            </select>
          )}
        </Field>
        {draft.meetingId !== '' && (
          <AgendaItemField
            meetingId={draft.meetingId}
            value={draft.itemId}
            error={errors['itemId']}
            onChange={(itemId) => set('itemId', itemId)}
          />
        )}
      </div>
      <CheckboxField
        label="Confidential"
        hint="Kept out of public registers. A decision taken under an agenda item in private is confidential whatever this says."
        checked={draft.confidential}
        onChange={(value) => set('confidential', value)}
      />

      <WordingSection draft={draft} set={set} errors={errors} />

      <VotesSection draft={draft} set={set} errors={errors} saves={saves} />

      <DatesSection draft={draft} set={set} errors={errors} />

      <PapersSection
        draft={draft}
        set={set}
        errors={errors}
        finding={finding === 'paper'}
        onFinding={(open) => setFinding(open ? 'paper' : undefined)}
      />

      <ContractsSection
        draft={draft}
        set={set}
        contracts={contracts.status === 'ok' ? contracts.value.rows : undefined}
      />

      <EarlierDecisionsSection
        draft={draft}
        set={set}
        errors={errors}
        editingId={editing?.id}
        finding={finding === 'decision'}
        onFinding={(open) => setFinding(open ? 'decision' : undefined)}
      />

      <FormActions
        label={editing === undefined ? 'Record the decision' : 'Save changes'}
        pending={pending}
        cancel={editing === undefined ? linkTo(['decisions']) : linkTo(['decisions', editing.id])}
      />
    </form>
  );
}
