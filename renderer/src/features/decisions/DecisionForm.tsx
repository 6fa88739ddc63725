/**
 * Records a decision, or edits a draft one: title, date, outcome, the meeting
 * and agenda item, the wording and the other Markdown fields, declarations,
 * votes, who decided, key-decision flag, publication and effective dates, the
 * papers it relied on (pinned to a version), the contracts it governs and its
 * links to earlier decisions. The backend validates; each problem shows next
 * to its field. The reference is assigned on saving.
 */
import { useRef, useState, type FormEvent, type ReactNode } from 'react';
import {
  DECISION_LINK_KINDS,
  DECISION_LINK_LABELS,
  DecisionFieldsSchema,
  OUTCOME_LABELS,
  OUTCOMES,
  type DecisionLinkKind,
  type Outcome,
} from '../../../../shared/schema/decisions.ts';
import type { DecisionDetail } from '../../../../shared/contract/views.ts';
import { useQuery } from '../../apiHooks.ts';
import { goTo, linkTo } from '../../app/location.ts';
import { useChange } from '../../changes.ts';
import { CheckboxField, ErrorSummary, Field, InputField, useFocusFirstInvalid } from '../../components/Field.tsx';
import { RepeatableRows } from '../../components/RepeatableRows.tsx';
import { fieldErrorsOf } from '../../fieldErrors.ts';
import { formatCalendarDate } from '../../format.ts';
import { DecisionFinder, PaperFinder } from '../search/RecordFinder.tsx';
import { FormActions } from '../../components/FormActions.tsx';

interface DeclarationRow {
  readonly key: number;
  readonly who: string;
  readonly interest: string;
}
interface PaperChoice {
  readonly paperId: string;
  readonly reference: string;
  readonly title: string;
  readonly version: number;
  readonly latest: number;
}
interface LinkChoice {
  readonly decisionId: string;
  readonly reference: string;
  readonly title: string;
  readonly kind: DecisionLinkKind;
}

interface Draft {
  readonly title: string;
  readonly date: string;
  readonly outcome: Outcome | '';
  readonly meetingId: string;
  readonly itemId: string;
  readonly wording: string;
  readonly summary: string;
  readonly reasons: string;
  readonly alternatives: string;
  readonly financialImplications: string;
  readonly legalImplications: string;
  readonly equalityImplications: string;
  readonly declarations: readonly DeclarationRow[];
  readonly votesRecorded: boolean;
  readonly votes: { readonly for: string; readonly against: string; readonly abstain: string };
  readonly decisionMaker: string;
  readonly keyDecision: boolean;
  readonly publishedOn: string;
  readonly effectiveDate: string;
  readonly reliedOn: readonly PaperChoice[];
  readonly contractIds: readonly string[];
  readonly links: readonly LinkChoice[];
}

type TextField =
  | 'wording'
  | 'summary'
  | 'reasons'
  | 'alternatives'
  | 'financialImplications'
  | 'legalImplications'
  | 'equalityImplications';

const MARKDOWN_FIELDS: ReadonlyArray<{ readonly field: TextField; readonly label: string; readonly hint: string }> = [
  {
    field: 'wording',
    label: 'Wording',
    hint: 'What the board resolved, in the words of the resolution. Needed before signing.',
  },
  { field: 'summary', label: 'Summary', hint: 'A short account for the decision notice.' },
  { field: 'reasons', label: 'Reasons', hint: 'Why the board decided this.' },
  { field: 'alternatives', label: 'Alternatives considered', hint: 'What else was considered, and why not.' },
  { field: 'financialImplications', label: 'Financial implications', hint: '' },
  { field: 'legalImplications', label: 'Legal implications', hint: '' },
  { field: 'equalityImplications', label: 'Equality implications', hint: '' },
];

const LABELS: Readonly<Record<string, string>> = {
  title: 'Title',
  date: 'Date of the decision',
  outcome: 'Outcome',
  meetingId: 'Meeting',
  itemId: 'Agenda item',
  decisionMaker: 'Decision-maker',
  publishedOn: 'Published on',
  effectiveDate: 'Takes effect on',
  'votes.for': 'Votes for',
  'votes.against': 'Votes against',
  'votes.abstain': 'Abstentions',
  ...Object.fromEntries(MARKDOWN_FIELDS.map((f) => [f.field, f.label])),
};

let nextKey = 1;

function draftOf(detail: DecisionDetail | undefined): Draft {
  const d = detail?.decision;
  return {
    title: d?.title ?? '',
    date: d?.date ?? '',
    outcome: d?.outcome ?? '',
    meetingId: d?.meetingId ?? '',
    itemId: d?.itemId ?? '',
    wording: d?.wording ?? '',
    summary: d?.summary ?? '',
    reasons: d?.reasons ?? '',
    alternatives: d?.alternatives ?? '',
    financialImplications: d?.financialImplications ?? '',
    legalImplications: d?.legalImplications ?? '',
    equalityImplications: d?.equalityImplications ?? '',
    declarations: (d?.declarations ?? []).map((x) => ({ key: nextKey++, who: x.who, interest: x.interest })),
    votesRecorded: d?.votes != null,
    votes: {
      for: String(d?.votes?.for ?? 0),
      against: String(d?.votes?.against ?? 0),
      abstain: String(d?.votes?.abstain ?? 0),
    },
    decisionMaker: d?.decisionMaker ?? '',
    keyDecision: d?.keyDecision ?? false,
    publishedOn: d?.publishedOn ?? '',
    effectiveDate: d?.effectiveDate ?? '',
    reliedOn: (detail?.reliedOn ?? []).map((r) => ({
      paperId: r.paperId,
      reference: r.reference,
      title: r.title,
      version: r.version,
      latest: r.currentVersion,
    })),
    contractIds: d?.contractIds ?? [],
    links: (detail?.earlier ?? []).map((l) => ({
      decisionId: l.id,
      reference: l.reference,
      title: l.title,
      kind: l.kind,
    })),
  };
}

function isOutcome(value: string): value is Outcome {
  return (OUTCOMES as readonly string[]).includes(value);
}
function isLinkKind(value: string): value is DecisionLinkKind {
  return (DECISION_LINK_KINDS as readonly string[]).includes(value);
}
/** A declaration row is sent unless both its fields are left blank. */
function isDeclared(row: DeclarationRow): boolean {
  return row.who.trim() !== '' || row.interest.trim() !== '';
}
function count(text: string): number {
  return text.trim() === '' ? 0 : Number(text);
}

/** The agenda items of the chosen meeting, to say which item the decision was taken on. */
function AgendaItemField(props: {
  readonly meetingId: string;
  readonly value: string;
  readonly error: string | undefined;
  readonly onChange: (itemId: string) => void;
}): ReactNode {
  const { meetingId, value, error, onChange } = props;
  const meeting = useQuery('meetings:get', { id: meetingId });
  const agenda = meeting.status === 'ok' ? meeting.value.meeting.agenda : [];
  return (
    <Field label="Agenda item" optional error={error}>
      {(control) => (
        <select {...control} className="input input-wide" value={value} onChange={(e) => onChange(e.target.value)}>
          <option value="">No particular item</option>
          {agenda.map((item) => (
            <option key={item.id} value={item.id}>
              {item.number}. {item.title}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

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
  const contractRows = contracts.status === 'ok' ? contracts.value.rows : [];

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
        <InputField
          label="Date of the decision"
          error={errors['date']}
          type="date"
          inputClassName="input input-date"
          value={draft.date}
          onChange={(value) => set('date', value)}
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

      <fieldset className="fieldset">
        <legend className="fieldset-legend">What was decided</legend>
        <p className="field-hint">These fields take Markdown: **bold**, lists starting with “-”, headings with “#”.</p>
        {MARKDOWN_FIELDS.map(({ field, label, hint }) => (
          <Field
            key={field}
            label={label}
            optional={field !== 'wording'}
            hint={hint || undefined}
            error={errors[field]}
          >
            {(control) => (
              <textarea
                {...control}
                className="input input-wide textarea"
                rows={field === 'wording' ? 5 : 3}
                value={draft[field]}
                onChange={(e) => set(field, e.target.value)}
              />
            )}
          </Field>
        ))}
      </fieldset>

      <fieldset className="fieldset">
        <legend className="fieldset-legend">Who decided, and how</legend>
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
          newRow={() => ({ key: nextKey++, who: '', interest: '' })}
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
      </fieldset>

      <fieldset className="fieldset">
        <legend className="fieldset-legend">Dates</legend>
        <div className="field-pair">
          <InputField
            label="Published on"
            optional
            hint="The call-in period is counted in working days from here."
            error={errors['publishedOn']}
            type="date"
            inputClassName="input input-date"
            value={draft.publishedOn}
            onChange={(value) => set('publishedOn', value)}
          />
          <InputField
            label="Takes effect on"
            optional
            error={errors['effectiveDate']}
            type="date"
            inputClassName="input input-date"
            value={draft.effectiveDate}
            onChange={(value) => set('effectiveDate', value)}
          />
        </div>
      </fieldset>

      <fieldset className="fieldset">
        <legend className="fieldset-legend">Papers relied on</legend>
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
        {finding === 'paper' ? (
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
            onClose={() => setFinding(undefined)}
          />
        ) : (
          <div className="button-row">
            <button type="button" className="button button-small button-secondary" onClick={() => setFinding('paper')}>
              Cite a paper
            </button>
          </div>
        )}
      </fieldset>

      <fieldset className="fieldset">
        <legend className="fieldset-legend">Contracts</legend>
        {contracts.status === 'ok' && contractRows.length === 0 && (
          <p className="muted">There are no contracts yet. Add them under Contracts to link them here.</p>
        )}
        <div className="check-list">
          {contractRows.map((c) => (
            <CheckboxField
              key={c.id}
              label={`${c.reference}: ${c.title}${c.directAward ? ' (direct award)' : ''}`}
              checked={draft.contractIds.includes(c.id)}
              onChange={(checked) =>
                set('contractIds', checked ? [...draft.contractIds, c.id] : draft.contractIds.filter((x) => x !== c.id))
              }
            />
          ))}
        </div>
      </fieldset>

      <fieldset className="fieldset">
        <legend className="fieldset-legend">Earlier decisions</legend>
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
        {finding === 'decision' ? (
          <DecisionFinder
            label="Find an earlier decision"
            exclude={[...(editing ? [editing.id] : []), ...draft.links.map((l) => l.decisionId)]}
            onPick={(row) =>
              set('links', [
                ...draft.links,
                { decisionId: row.id, reference: row.reference, title: row.title, kind: 'implements' },
              ])
            }
            onClose={() => setFinding(undefined)}
          />
        ) : (
          <div className="button-row">
            <button
              type="button"
              className="button button-small button-secondary"
              onClick={() => setFinding('decision')}
            >
              Link an earlier decision
            </button>
          </div>
        )}
      </fieldset>

      <FormActions
        label={editing === undefined ? 'Record the decision' : 'Save changes'}
        pending={pending}
        cancel={editing === undefined ? linkTo(['decisions']) : linkTo(['decisions', editing.id])}
      />
    </form>
  );
}
