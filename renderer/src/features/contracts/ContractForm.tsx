/**
 * Adds or edits a contract: reference, title, suppliers, buyer, procurement
 * route (a direct award needs its rationale), annual and total values in
 * whole pounds (empty when undisclosed), term and maximum extent, extension
 * options, break clauses, re-tender milestones, status and notes. The backend
 * validates; each problem shows next to its field.
 */
import { useRef, useState, type FormEvent, type ReactNode } from 'react';
import { CONTRACT_KIND_LABELS, CONTRACT_KINDS, CONTRACT_STATUSES } from '../../../../shared/schema/contracts.ts';
import type { ContractDetail } from '../../../../shared/contract/views.ts';
import { goTo, linkTo } from '../../app/location.ts';
import { useChange } from '../../changes.ts';
import { ChoiceField, ErrorSummary, InputField, TextAreaField, useFocusFirstInvalid } from '../../components/Field.tsx';
import { FormActions } from '../../components/FormActions.tsx';
import { fieldErrorsOf } from '../../fieldErrors.ts';
import { CONTRACT_STATUS_LABELS } from './contractWords.tsx';
import { DraftRowList } from './contractForm/DraftRowList.tsx';
import {
  draftOf,
  LABELS,
  PART_LABELS,
  parsePounds,
  poundsProblem,
  whole,
  type Draft,
} from './contractForm/contractDraft.ts';
import { ExtensionOptionRows } from './contractForm/ExtensionOptionRows.tsx';
import { RouteSection } from './contractForm/RouteSection.tsx';
import { ValueTermSection } from './contractForm/ValueTermSection.tsx';

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

  useFocusFirstInvalid(form, Object.keys(localErrors).length > 0 ? localErrors : error);
  const problems = Object.entries(errors).map(([field, message]) => `${describe(field)} ${message}`);

  function describe(field: string): string {
    const label = LABELS[field];
    if (label !== undefined) return label;
    const [list, index, part] = field.split('.');
    const n = Number(index) + 1;
    if (list === 'suppliers') return `Supplier ${n}`;
    const what = part ? `: ${PART_LABELS[part] ?? part}` : '';
    if (list === 'extensionOptions') return `Extension option ${n}${what}`;
    if (list === 'breakClauses') return `Break clause ${n}${what}`;
    if (list === 'milestones') return `Milestone ${n}${what}`;
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
    const initial = parsePounds(draft.initialValue);
    const withOptions = parsePounds(draft.valueWithOptions);
    if (annual === undefined) local['annualValueGbp'] = poundsProblem(draft.annualValue);
    if (initial === undefined) local['initialValueGbp'] = poundsProblem(draft.initialValue);
    if (withOptions === undefined) local['valueWithOptionsGbp'] = poundsProblem(draft.valueWithOptions);
    const planned = draft.plannedMonths.trim() === '' ? null : whole(draft.plannedMonths);
    if (planned === undefined) local['plannedMonths'] = 'must be a whole number of months';
    const options = draft.options.map((o, i) => {
      const value = parsePounds(o.value);
      const monthCount = whole(o.months);
      if (monthCount === undefined) local[`extensionOptions.${i}.months`] = 'must be a whole number of months';
      if (value === undefined) local[`extensionOptions.${i}.valueGbp`] = poundsProblem(o.value);
      if (o.exercised && o.exercisedOn === '' && o.exercisedByDecisionId === '')
        local[`extensionOptions.${i}.exercisedOn`] = 'is required: say when it was exercised, or by which decision';
      return {
        id: o.id,
        months: monthCount ?? 0,
        noticeBy: o.noticeBy,
        valueGbp: value ?? null,
        exercised: o.exercised,
        exercisedByDecisionId: o.exercised && o.exercisedByDecisionId !== '' ? o.exercisedByDecisionId : null,
        exercisedOn: o.exercised ? o.exercisedOn : '',
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
      ocid: draft.ocid.trim(),
      kind: draft.kind,
      route: draft.route,
      directAwardRationale: draft.route === 'direct_award' ? draft.directAwardRationale : '',
      annualValueGbp: annual ?? null,
      initialValueGbp: initial ?? null,
      valueWithOptionsGbp: withOptions ?? null,
      termStart: draft.termStart,
      termEnd: draft.termEnd,
      plannedMonths: planned ?? null,
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
        <ChoiceField
          label="Status"
          error={errors['status']}
          value={draft.status}
          choices={CONTRACT_STATUSES}
          labels={CONTRACT_STATUS_LABELS}
          onChange={(value) => set('status', value)}
        />
      </div>
      <InputField
        label="Title"
        error={errors['title']}
        inputClassName="input input-wide"
        value={draft.title}
        onChange={(value) => set('title', value)}
      />
      <TextAreaField
        label="Suppliers"
        hint="One per line."
        error={errors['suppliers'] ?? errors['suppliers.0']}
        rows={2}
        value={draft.suppliers}
        onChange={(value) => set('suppliers', value)}
      />
      <InputField
        label="Buyer"
        optional
        error={errors['buyer']}
        inputClassName="input input-wide"
        value={draft.buyer}
        onChange={(value) => set('buyer', value)}
      />
      <InputField
        label="ocid of the published notice"
        optional
        hint="When the contract's notice is published (Find a Tender's ocids start ocds-h6vhtk-), the OCDS export reuses its ocid."
        error={errors['ocid']}
        inputClassName="input input-wide"
        value={draft.ocid}
        onChange={(value) => set('ocid', value)}
      />
      <ChoiceField
        label="Kind"
        hint="A watched contract is one the board follows but does not hold: it stays out of the board's totals."
        error={errors['kind']}
        value={draft.kind}
        choices={CONTRACT_KINDS}
        labels={CONTRACT_KIND_LABELS}
        onChange={(value) => set('kind', value)}
      />

      <RouteSection draft={draft} set={set} errors={errors} />

      <ValueTermSection draft={draft} set={set} errors={errors} />

      <ExtensionOptionRows draft={draft} set={set} errors={errors} saves={saves} />

      <DraftRowList list="breaks" draft={draft} set={set} errors={errors} saves={saves} />

      <DraftRowList list="milestones" draft={draft} set={set} errors={errors} saves={saves} />

      <TextAreaField
        label="Notes"
        optional
        hint="Markdown."
        error={errors['notes']}
        rows={4}
        value={draft.notes}
        onChange={(value) => set('notes', value)}
      />

      <FormActions
        label={editing === undefined ? 'Add the contract' : 'Save changes'}
        pending={pending}
        cancel={editing === undefined ? linkTo(['contracts']) : linkTo(['contracts', editing.id])}
      />
    </form>
  );
}
