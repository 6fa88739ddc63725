/**
 * Adds or edits a contract: reference, title, suppliers, buyer, procurement
 * route (a direct award needs its rationale), annual and total values in
 * whole pounds (empty when undisclosed), term and maximum extent, extension
 * options, break clauses, re-tender milestones, status and notes. The backend
 * validates; each problem shows next to its field.
 */
import { useRef, useState, type FormEvent, type ReactNode } from 'react';
import {
  CONTRACT_STATUSES,
  ROUTE_LABELS,
  ROUTES,
  type Contract,
  type Route,
} from '../../../../shared/schema/contracts.ts';
import type { ContractDetail } from '../../../../shared/contract/views.ts';
import { goTo, linkTo } from '../../app/location.ts';
import { useChange } from '../../changes.ts';
import { CheckboxField, ErrorSummary, Field, InputField, useFocusFirstInvalid } from '../../components/Field.tsx';
import { RepeatableRows } from '../../components/RepeatableRows.tsx';
import { fieldErrorsOf } from '../../fieldErrors.ts';
import { formatGbp } from '../../money.ts';
import { CONTRACT_STATUS_LABELS, type ContractStatus } from './contractWords.tsx';
import { FormActions } from '../../components/FormActions.tsx';

interface OptionRow {
  readonly key: number;
  readonly id: string;
  readonly months: string;
  readonly noticeBy: string;
  readonly value: string;
  readonly exercised: boolean;
  readonly exercisedByDecisionId: string;
}
interface BreakRow {
  readonly key: number;
  readonly id: string;
  readonly earliest: string;
  readonly noticeDays: string;
  readonly note: string;
}
interface MilestoneRow {
  readonly key: number;
  readonly id: string;
  readonly title: string;
  readonly due: string;
  readonly done: boolean;
}
interface Draft {
  readonly reference: string;
  readonly title: string;
  readonly suppliers: string;
  readonly buyer: string;
  readonly route: Route;
  readonly directAwardRationale: string;
  readonly annualValue: string;
  readonly totalValue: string;
  readonly termStart: string;
  readonly termEnd: string;
  readonly maxExtentDate: string;
  readonly status: ContractStatus;
  readonly notes: string;
  readonly options: readonly OptionRow[];
  readonly breaks: readonly BreakRow[];
  readonly milestones: readonly MilestoneRow[];
}

const LABELS: Readonly<Record<string, string>> = {
  reference: 'Reference',
  title: 'Title',
  suppliers: 'Suppliers',
  buyer: 'Buyer',
  route: 'Procurement route',
  directAwardRationale: 'Why the market was not tested',
  annualValueGbp: 'Annual value',
  totalValueGbp: 'Total value',
  termStart: 'Term starts',
  termEnd: 'Term ends',
  maxExtentDate: 'Maximum extent',
  status: 'Status',
  notes: 'Notes',
};

let nextKey = 1;

function pounds(value: number | null): string {
  return value === null ? '' : String(value);
}

function draftOf(contract: Contract | undefined): Draft {
  return {
    reference: contract?.reference ?? '',
    title: contract?.title ?? '',
    suppliers: (contract?.suppliers ?? []).join('\n'),
    buyer: contract?.buyer ?? '',
    route: contract?.route ?? 'open',
    directAwardRationale: contract?.directAwardRationale ?? '',
    annualValue: pounds(contract?.annualValueGbp ?? null),
    totalValue: pounds(contract?.totalValueGbp ?? null),
    termStart: contract?.termStart ?? '',
    termEnd: contract?.termEnd ?? '',
    maxExtentDate: contract?.maxExtentDate ?? '',
    status: contract?.status ?? 'active',
    notes: contract?.notes ?? '',
    options: (contract?.extensionOptions ?? []).map((o) => ({
      key: nextKey++,
      id: o.id,
      months: String(o.months),
      noticeBy: o.noticeBy,
      value: pounds(o.valueGbp),
      exercised: o.exercised,
      exercisedByDecisionId: o.exercisedByDecisionId ?? '',
    })),
    breaks: (contract?.breakClauses ?? []).map((b) => ({
      key: nextKey++,
      id: b.id,
      earliest: b.earliest,
      noticeDays: String(b.noticeDays),
      note: b.note,
    })),
    milestones: (contract?.milestones ?? []).map((m) => ({
      key: nextKey++,
      id: m.id,
      title: m.title,
      due: m.due,
      done: m.done,
    })),
  };
}

/** Whole pounds from what was typed ("£25,300,000" or "25300000"); null when empty; undefined when not a sum. */
export function parsePounds(text: string): number | null | undefined {
  const cleaned = text.replace(/[£,\s]/g, '');
  if (cleaned === '') return null;
  if (!/^\d+$/.test(cleaned)) return undefined;
  return Number(cleaned);
}

function whole(text: string): number | undefined {
  return /^\d+$/.test(text.trim()) ? Number(text.trim()) : undefined;
}

function isRoute(value: string): value is Route {
  return (ROUTES as readonly string[]).includes(value);
}
function isStatus(value: string): value is ContractStatus {
  return (CONTRACT_STATUSES as readonly string[]).includes(value);
}

/** Props of {@link ContractForm}. */
export interface ContractFormProps {
  /** The contract being edited, with its decisions; a new one when left out. */
  readonly detail?: ContractDetail;
}

/** The contract form. */
export function ContractForm({ detail }: ContractFormProps): ReactNode {
  const editing = detail?.contract;
  const [draft, setDraft] = useState<Draft>(() => draftOf(editing));
  const [localErrors, setLocalErrors] = useState<Readonly<Record<string, string>>>({});
  const create = useChange('contracts:create');
  const update = useChange('contracts:update');
  const form = useRef<HTMLFormElement>(null);
  const error = editing === undefined ? create.error : update.error;
  const errors: Record<string, string> = { ...fieldErrorsOf(error), ...localErrors };
  for (const date of ['termStart', 'termEnd'] as const) {
    if (errors[date] !== undefined && draft[date] === '') errors[date] = 'is required';
  }
  useFocusFirstInvalid(form, Object.keys(localErrors).length > 0 ? localErrors : error);
  const problems = Object.entries(errors).map(([field, message]) => `${describe(field)} ${message}`);
  const decisions = detail?.decisions ?? [];

  function describe(field: string): string {
    const label = LABELS[field];
    if (label !== undefined) return label;
    const [list, index, part] = field.split('.');
    const n = Number(index) + 1;
    if (list === 'suppliers') return `Supplier ${n}`;
    if (list === 'extensionOptions') return `Extension option ${n}${part ? ` (${part})` : ''}`;
    if (list === 'breakClauses') return `Break clause ${n}${part ? ` (${part})` : ''}`;
    if (list === 'milestones') return `Milestone ${n}${part ? ` (${part})` : ''}`;
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
    // Sums and counts are read here: a typed "12 months" must not travel as nothing.
    const local: Record<string, string> = {};
    const annual = parsePounds(draft.annualValue);
    const total = parsePounds(draft.totalValue);
    if (annual === undefined) local['annualValueGbp'] = 'must be whole pounds, e.g. 25300000 or £25,300,000';
    if (total === undefined) local['totalValueGbp'] = 'must be whole pounds, e.g. 50100000 or £50,100,000';
    const options = draft.options.map((o, i) => {
      const value = parsePounds(o.value);
      const monthCount = whole(o.months);
      if (monthCount === undefined) local[`extensionOptions.${i}.months`] = 'must be a whole number of months';
      if (value === undefined) local[`extensionOptions.${i}.valueGbp`] = 'must be whole pounds';
      return {
        id: o.id,
        months: monthCount ?? 0,
        noticeBy: o.noticeBy,
        valueGbp: value ?? null,
        exercised: o.exercised,
        exercisedByDecisionId: o.exercisedByDecisionId === '' ? null : o.exercisedByDecisionId,
      };
    });
    const breakClauses = draft.breaks.map((b, i) => {
      const days = whole(b.noticeDays);
      if (days === undefined) local[`breakClauses.${i}.noticeDays`] = 'must be a whole number of days';
      return { id: b.id, earliest: b.earliest, noticeDays: days ?? 0, note: b.note };
    });
    setLocalErrors(local);
    if (Object.keys(local).length > 0) return;
    const fields = {
      reference: draft.reference,
      title: draft.title,
      suppliers: draft.suppliers
        .split('\n')
        .map((s) => s.trim())
        .filter(Boolean),
      buyer: draft.buyer,
      route: draft.route,
      directAwardRationale: draft.route === 'direct_award' ? draft.directAwardRationale : '',
      annualValueGbp: annual ?? null,
      totalValueGbp: total ?? null,
      termStart: draft.termStart,
      termEnd: draft.termEnd,
      maxExtentDate: draft.maxExtentDate,
      extensionOptions: options,
      breakClauses,
      milestones: draft.milestones.map((m) => ({ id: m.id, title: m.title, due: m.due, done: m.done })),
      status: draft.status,
      notes: draft.notes,
    };
    const result = editing === undefined ? await create.run(fields) : await update.run({ id: editing.id, ...fields });
    if (result.ok) goTo(linkTo(['contracts', result.value.id]));
  }

  const pending = create.pending || update.pending;
  const otherError = error !== undefined && error.code !== 'invalid_input' ? error.message : undefined;
  const annualShown = parsePounds(draft.annualValue);
  const totalShown = parsePounds(draft.totalValue);

  return (
    <form ref={form} className="form form-wide" noValidate onSubmit={(event) => void submit(event)}>
      <ErrorSummary
        title={editing === undefined ? 'The contract was not added' : 'The changes were not saved'}
        problems={problems}
        message={otherError}
      />
      <div className="field-pair">
        <InputField
          label="Reference"
          hint="Unique, e.g. CTR-2026-007."
          error={errors['reference']}
          autoComplete="off"
          value={draft.reference}
          onChange={(value) => set('reference', value)}
        />
        <Field label="Status" error={errors['status']}>
          {(control) => (
            <select
              {...control}
              className="input"
              value={draft.status}
              onChange={(e) => {
                if (isStatus(e.target.value)) set('status', e.target.value);
              }}
            >
              {CONTRACT_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {CONTRACT_STATUS_LABELS[s]}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <InputField
        label="Title"
        error={errors['title']}
        inputClassName="input input-wide"
        value={draft.title}
        onChange={(value) => set('title', value)}
      />
      <Field label="Suppliers" hint="One per line." error={errors['suppliers'] ?? errors['suppliers.0']}>
        {(control) => (
          <textarea
            {...control}
            className="input input-wide textarea"
            rows={2}
            value={draft.suppliers}
            onChange={(e) => set('suppliers', e.target.value)}
          />
        )}
      </Field>
      <InputField
        label="Buyer"
        optional
        error={errors['buyer']}
        inputClassName="input input-wide"
        value={draft.buyer}
        onChange={(value) => set('buyer', value)}
      />

      <fieldset className="fieldset">
        <legend className="fieldset-legend">Procurement route</legend>
        <Field
          label="Route"
          hint="A direct award to a single supplier bypasses market testing: it is flagged wherever the contract shows."
          error={errors['route']}
        >
          {(control) => (
            <select
              {...control}
              className="input input-wide"
              value={draft.route}
              onChange={(e) => {
                if (isRoute(e.target.value)) set('route', e.target.value);
              }}
            >
              {ROUTES.map((r) => (
                <option key={r} value={r}>
                  {ROUTE_LABELS[r]}
                </option>
              ))}
            </select>
          )}
        </Field>
        {draft.route === 'direct_award' && (
          <Field
            label="Why the market was not tested"
            hint="Required for a direct award: the justification the board relies on."
            error={errors['directAwardRationale']}
          >
            {(control) => (
              <textarea
                {...control}
                className="input input-wide textarea"
                rows={3}
                value={draft.directAwardRationale}
                onChange={(e) => set('directAwardRationale', e.target.value)}
              />
            )}
          </Field>
        )}
      </fieldset>

      <fieldset className="fieldset">
        <legend className="fieldset-legend">Value and term</legend>
        <div className="field-pair">
          <InputField
            label="Annual value"
            optional
            hint={
              annualShown === null
                ? 'Whole pounds. Leave empty if undisclosed.'
                : annualShown === undefined
                  ? 'Whole pounds.'
                  : `Reads as ${formatGbp(annualShown)}.`
            }
            error={errors['annualValueGbp']}
            inputMode="numeric"
            value={draft.annualValue}
            onChange={(value) => set('annualValue', value)}
          />
          <InputField
            label="Total value"
            optional
            hint={
              totalShown === null
                ? 'Whole pounds. Leave empty if undisclosed.'
                : totalShown === undefined
                  ? 'Whole pounds.'
                  : `Reads as ${formatGbp(totalShown)}.`
            }
            error={errors['totalValueGbp']}
            inputMode="numeric"
            value={draft.totalValue}
            onChange={(value) => set('totalValue', value)}
          />
        </div>
        <div className="field-pair">
          <InputField
            label="Term starts"
            error={errors['termStart']}
            type="date"
            inputClassName="input input-date"
            value={draft.termStart}
            onChange={(value) => set('termStart', value)}
          />
          <InputField
            label="Term ends"
            error={errors['termEnd']}
            type="date"
            inputClassName="input input-date"
            value={draft.termEnd}
            onChange={(value) => set('termEnd', value)}
          />
          <InputField
            label="Maximum extent"
            optional
            hint="The latest the contract may run to, with every extension."
            error={errors['maxExtentDate']}
            type="date"
            inputClassName="input input-date"
            value={draft.maxExtentDate}
            onChange={(value) => set('maxExtentDate', value)}
          />
        </div>
      </fieldset>

      <RepeatableRows
        saves={saves}
        legend="Extension options"
        rows={draft.options}
        onChange={(rows) => set('options', rows)}
        newRow={() => ({
          key: nextKey++,
          id: '',
          months: '12',
          noticeBy: '',
          value: '',
          exercised: false,
          exercisedByDecisionId: '',
        })}
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
            <InputField
              label={`Option ${i + 1}: notice by`}
              optional
              error={error('noticeBy')}
              className="row-list-field"
              type="date"
              inputClassName="input input-date"
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

      <RepeatableRows
        saves={saves}
        legend="Break clauses"
        rows={draft.breaks}
        onChange={(rows) => set('breaks', rows)}
        newRow={() => ({ key: nextKey++, id: '', earliest: '', noticeDays: '90', note: '' })}
        addLabel="Add a break clause"
        rowName={(i) => `break clause ${i + 1}`}
        errorPath="breakClauses"
        errors={errors}
      >
        {({ row: b, index: i, change, error }) => (
          <>
            <InputField
              label={`Break ${i + 1}: earliest date`}
              error={error('earliest')}
              className="row-list-field"
              type="date"
              inputClassName="input input-date"
              value={b.earliest}
              onChange={(value) => change({ earliest: value })}
            />
            <InputField
              label={`Break ${i + 1}: notice in days`}
              error={error('noticeDays')}
              className="row-list-field"
              inputMode="numeric"
              inputClassName="input input-short"
              value={b.noticeDays}
              onChange={(value) => change({ noticeDays: value })}
            />
            <InputField
              label={`Break ${i + 1}: note`}
              optional
              error={error('note')}
              className="row-list-field"
              value={b.note}
              onChange={(value) => change({ note: value })}
            />
          </>
        )}
      </RepeatableRows>

      <RepeatableRows
        saves={saves}
        legend="Re-tender milestones"
        rows={draft.milestones}
        onChange={(rows) => set('milestones', rows)}
        newRow={() => ({ key: nextKey++, id: '', title: '', due: '', done: false })}
        addLabel="Add a milestone"
        rowName={(i) => `milestone ${i + 1}`}
        errorPath="milestones"
        errors={errors}
      >
        {({ row: m, index: i, change, error }) => (
          <>
            <InputField
              label={`Milestone ${i + 1}`}
              error={error('title')}
              className="row-list-field"
              value={m.title}
              onChange={(value) => change({ title: value })}
            />
            <InputField
              label={`Milestone ${i + 1}: due`}
              error={error('due')}
              className="row-list-field"
              type="date"
              inputClassName="input input-date"
              value={m.due}
              onChange={(value) => change({ due: value })}
            />
            <CheckboxField label={`Milestone ${i + 1} done`} checked={m.done} onChange={(done) => change({ done })} />
          </>
        )}
      </RepeatableRows>

      <Field label="Notes" optional hint="Markdown." error={errors['notes']}>
        {(control) => (
          <textarea
            {...control}
            className="input input-wide textarea"
            rows={4}
            value={draft.notes}
            onChange={(e) => set('notes', e.target.value)}
          />
        )}
      </Field>

      <FormActions
        label={editing === undefined ? 'Add the contract' : 'Save changes'}
        pending={pending}
        cancel={editing === undefined ? linkTo(['contracts']) : linkTo(['contracts', editing.id])}
      />
    </form>
  );
}
