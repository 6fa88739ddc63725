/**
 * What procurement law says about a contract, on its page: the flags (each
 * with why and the section), the regime, route ground and notices, the
 * modifications (with a form to add one), and the re-tender plan laid out
 * backwards from the new contract's start, with its warnings and a form to
 * plan or re-plan it. The rules are the backend's (shared/rules); this only
 * shows them and sends edits as `contracts:update`.
 */
import { useState, type FormEvent, type ReactNode } from 'react';
import type { ContractDetail } from '../../../../shared/contract/views.ts';
import type { ProcurementFlag } from '../../../../shared/rules/procurementAct.ts';
import { noticeLabel, PROCUREMENT_RULES } from '../../../../shared/rules/procurementAct.ts';
import {
  DIRECT_AWARD_GROUNDS,
  NOTICE_KINDS,
  REGIME_LABELS,
  REGIMES,
  SUPPLY_TYPE_LABELS,
  SUPPLY_TYPES,
  type DirectAwardGround,
  type NoticeKind,
  type Regime,
  type RetenderPlan,
  type SupplyType,
} from '../../../../shared/schema/contracts.ts';
import { parseMoney } from '../../../../shared/text/money.ts';
import { useMutation, useQuery } from '../../apiHooks.ts';
import { DataTable } from '../../components/DataTable.tsx';
import { CheckboxField, DateField, ErrorSummary, Field, InputField } from '../../components/Field.tsx';
import { Panel } from '../../components/Panel.tsx';
import { StatusTag } from '../../components/StatusTag.tsx';
import { announce } from '../../components/UndoToast.tsx';
import { fieldErrorsOf } from '../../fieldErrors.ts';
import { formatCalendarDate } from '../../format.ts';
import { formatGbp } from '../../money.ts';

/** The flags as a warning list: title, why, and the section. */
export function ProcurementFlagList({
  flags,
  label,
}: {
  readonly flags: readonly ProcurementFlag[];
  readonly label: string;
}): ReactNode {
  if (flags.length === 0) return null;
  return (
    <div className="message message-warning" role="note" aria-label={label}>
      <ul className="plain-list">
        {flags.map((f, i) => (
          <li key={`${f.code}-${i}`}>
            <strong>
              <span aria-hidden="true">⚑ </span>
              {f.title}.
            </strong>{' '}
            {f.why} <span className="muted">Source: {f.source}.</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** Regime, direct award ground, notices and modifications. */
export function ProcurementLawPanel({ detail }: { readonly detail: ContractDetail }): ReactNode {
  const { contract } = detail;
  const ground = PROCUREMENT_RULES.directAwardGrounds[contract.directAwardGround];
  return (
    <Panel id="contract-procurement" title="Procurement law">
      <dl className="facts facts-plain">
        <div>
          <dt>Regime</dt>
          <dd>{REGIME_LABELS[contract.regime]}</dd>
        </div>
        <div>
          <dt>Supplies</dt>
          <dd>{SUPPLY_TYPE_LABELS[contract.supplyType]}</dd>
        </div>
        {contract.route === 'direct_award' && (
          <div>
            <dt>Direct award ground</dt>
            <dd>
              {ground.label}
              {ground.source && <span className="muted"> ({ground.source})</span>}
            </dd>
          </div>
        )}
        {contract.formerRouteLabel !== '' && (
          <div>
            <dt>Route as first recorded</dt>
            <dd>{contract.formerRouteLabel}</dd>
          </div>
        )}
        <div>
          <dt>KPIs</dt>
          <dd>
            {contract.kpis.length === 0 ? <span className="muted">None recorded</span> : contract.kpis.join('; ')}
          </dd>
        </div>
      </dl>
      <ProcurementDetailsForm detail={detail} />
      <h3>Notices</h3>
      {contract.notices.length === 0 ? (
        <p className="muted">No notices recorded.</p>
      ) : (
        <DataTable caption="Notices" columns={['Notice', 'Published', 'Identifier']}>
          {contract.notices.map((n) => (
            <tr key={n.id}>
              <td>{noticeLabel(n.kind)}</td>
              <td className="nowrap">{n.published ? formatCalendarDate(n.published) : 'Not yet'}</td>
              <td>{n.noticeId || <span className="muted">None</span>}</td>
            </tr>
          ))}
        </DataTable>
      )}
      <AddNoticeForm detail={detail} />
      {contract.noMarketEngagementReason !== '' && (
        <p>No preliminary market engagement: {contract.noMarketEngagementReason}</p>
      )}
      <h3>Modifications</h3>
      {contract.modifications.length === 0 ? (
        <p className="muted">No modifications recorded.</p>
      ) : (
        <DataTable
          caption="Modifications"
          columns={['Date', 'What changes', { label: 'Value change', className: 'numeric' }, 'Term change']}
        >
          {contract.modifications.map((m) => (
            <tr key={m.id}>
              <td className="nowrap">{formatCalendarDate(m.date)}</td>
              <td>{m.description}</td>
              <td className="numeric nowrap">{formatGbp(m.valueChangeGbp)}</td>
              <td>{m.termChangeMonths === 0 ? 'None' : `${m.termChangeMonths} months`}</td>
            </tr>
          ))}
        </DataTable>
      )}
      <AddModificationForm detail={detail} />
    </Panel>
  );
}

/** The problems of a contracts:update refused, with the field path shortened. */
function problemsOf(errors: Readonly<Record<string, string>>, local: string): string[] {
  return [
    ...(local ? [local] : []),
    ...Object.entries(errors).map(([field, message]) => `${field.replace(/^\w+\.\d+\./, '')} ${message}`),
  ];
}

/** Regime, supplies, direct award ground, award date, KPIs, assessments, and the decision to let it end. */
function ProcurementDetailsForm({ detail }: { readonly detail: ContractDetail }): ReactNode {
  const { contract } = detail;
  const [open, setOpen] = useState(false);
  const [regime, setRegime] = useState<Regime>(contract.regime);
  const [supplyType, setSupplyType] = useState<SupplyType>(contract.supplyType);
  const [ground, setGround] = useState<DirectAwardGround>(contract.directAwardGround);
  const [awardedOn, setAwardedOn] = useState(contract.awardedOn);
  const [kpis, setKpis] = useState(contract.kpis.join('\n'));
  const [assessments, setAssessments] = useState(contract.performanceAssessments.join(', '));
  const [reason, setReason] = useState(contract.noMarketEngagementReason);
  const [letEnd, setLetEnd] = useState(contract.letEndDecided);
  const update = useMutation('contracts:update');
  if (!open) {
    return (
      <button type="button" className="button button-secondary" onClick={() => setOpen(true)}>
        Edit the procurement details
      </button>
    );
  }
  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    const result = await update.run({
      id: contract.id,
      regime,
      supplyType,
      directAwardGround: ground,
      awardedOn,
      kpis: kpis
        .split('\n')
        .map((k) => k.trim())
        .filter((k) => k !== ''),
      performanceAssessments: assessments
        .split(',')
        .map((d) => d.trim())
        .filter((d) => d !== ''),
      noMarketEngagementReason: reason,
      letEndDecided: letEnd,
    });
    if (result.ok) {
      announce(result.value.summary);
      setOpen(false);
    }
  }
  const problems = problemsOf(fieldErrorsOf(update.error), '');
  return (
    <form className="form" noValidate onSubmit={(event) => void submit(event)} aria-label="Procurement details">
      <ErrorSummary
        title="The details were not saved"
        problems={problems}
        message={update.error !== undefined && problems.length === 0 ? update.error.message : undefined}
      />
      <Field label="Regime">
        {(control) => (
          <select {...control} className="input" value={regime} onChange={(e) => setRegime(e.target.value as Regime)}>
            {REGIMES.map((r) => (
              <option key={r} value={r}>
                {REGIME_LABELS[r]}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label="Supplies">
        {(control) => (
          <select
            {...control}
            className="input"
            value={supplyType}
            onChange={(e) => setSupplyType(e.target.value as SupplyType)}
          >
            {SUPPLY_TYPES.map((t) => (
              <option key={t} value={t}>
                {SUPPLY_TYPE_LABELS[t]}
              </option>
            ))}
          </select>
        )}
      </Field>
      {contract.route === 'direct_award' && (
        <Field label="Direct award ground">
          {(control) => (
            <select
              {...control}
              className="input"
              value={ground}
              onChange={(e) => setGround(e.target.value as DirectAwardGround)}
            >
              {DIRECT_AWARD_GROUNDS.map((g) => (
                <option key={g} value={g}>
                  {PROCUREMENT_RULES.directAwardGrounds[g].label}
                  {PROCUREMENT_RULES.directAwardGrounds[g].source &&
                    ` (${PROCUREMENT_RULES.directAwardGrounds[g].source})`}
                </option>
              ))}
            </select>
          )}
        </Field>
      )}
      <DateField label="Awarded on" optional value={awardedOn} onChange={setAwardedOn} />
      <Field label="KPIs" optional hint="One per line.">
        {(control) => (
          <textarea {...control} className="input" rows={3} value={kpis} onChange={(e) => setKpis(e.target.value)} />
        )}
      </Field>
      <InputField
        label="Performance assessed on"
        optional
        hint="Dates as YYYY-MM-DD, separated by commas."
        value={assessments}
        onChange={setAssessments}
      />
      <InputField label="Why no preliminary market engagement was held" optional value={reason} onChange={setReason} />
      <CheckboxField
        label="The board decided to let this contract end without a re-tender"
        checked={letEnd}
        onChange={setLetEnd}
      />
      <div className="button-row">
        <button type="submit" className="button button-primary" disabled={update.pending}>
          Save the procurement details
        </button>
        <button type="button" className="button button-secondary" onClick={() => setOpen(false)}>
          Cancel
        </button>
      </div>
    </form>
  );
}

/** Records a notice with its date and Find a Tender id (and, for a change notice, its modification). */
function AddNoticeForm({ detail }: { readonly detail: ContractDetail }): ReactNode {
  const { contract } = detail;
  const [open, setOpen] = useState(false);
  const [kind, setKind] = useState<NoticeKind>('transparency');
  const [published, setPublished] = useState('');
  const [noticeId, setNoticeId] = useState('');
  const [modificationId, setModificationId] = useState('');
  const update = useMutation('contracts:update');
  if (!open) {
    return (
      <button type="button" className="button button-secondary" onClick={() => setOpen(true)}>
        Record a notice
      </button>
    );
  }
  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    const result = await update.run({
      id: contract.id,
      notices: [
        ...contract.notices,
        { kind, published, noticeId, modificationId: kind === 'contract_change' ? modificationId : '' },
      ],
    });
    if (result.ok) {
      announce(result.value.summary);
      setOpen(false);
      setPublished('');
      setNoticeId('');
    }
  }
  const problems = problemsOf(fieldErrorsOf(update.error), '');
  return (
    <form className="form" noValidate onSubmit={(event) => void submit(event)} aria-label="Record a notice">
      <ErrorSummary
        title="The notice was not recorded"
        problems={problems}
        message={update.error !== undefined && problems.length === 0 ? update.error.message : undefined}
      />
      <Field label="Notice">
        {(control) => (
          <select {...control} className="input" value={kind} onChange={(e) => setKind(e.target.value as NoticeKind)}>
            {NOTICE_KINDS.map((k) => (
              <option key={k} value={k}>
                {noticeLabel(k)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <DateField label="Published on" optional value={published} onChange={setPublished} />
      <InputField
        label="Find a Tender notice id or ocid"
        optional
        hint="For example 012345-2026, or ocds-h6vhtk-0a1b2c."
        value={noticeId}
        onChange={setNoticeId}
      />
      {kind === 'contract_change' && (
        <Field label="Modification it announces">
          {(control) => (
            <select
              {...control}
              className="input"
              value={modificationId}
              onChange={(e) => setModificationId(e.target.value)}
            >
              <option value="">None</option>
              {contract.modifications.map((m) => (
                <option key={m.id} value={m.id}>
                  {formatCalendarDate(m.date)}: {m.description}
                </option>
              ))}
            </select>
          )}
        </Field>
      )}
      <div className="button-row">
        <button type="submit" className="button button-primary" disabled={update.pending}>
          Record the notice
        </button>
        <button type="button" className="button button-secondary" onClick={() => setOpen(false)}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function AddModificationForm({ detail }: { readonly detail: ContractDetail }): ReactNode {
  const [open, setOpen] = useState(false);
  const [date, setDate] = useState('');
  const [description, setDescription] = useState('');
  const [value, setValue] = useState('');
  const [months, setMonths] = useState('0');
  const [problem, setProblem] = useState('');
  const update = useMutation('contracts:update');
  const errors = fieldErrorsOf(update.error);
  if (!open) {
    return (
      <button type="button" className="button button-secondary" onClick={() => setOpen(true)}>
        Add a modification
      </button>
    );
  }
  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    const sign = value.trim().startsWith('-') ? -1 : 1;
    const money = parseMoney(value.trim().replace(/^-/, ''));
    if (money.kind === 'refused') {
      setProblem(`Value change: ${money.reason}`);
      return;
    }
    if (!/^-?\d+$/.test(months.trim())) {
      setProblem('Term change: must be a whole number of months');
      return;
    }
    setProblem('');
    const result = await update.run({
      id: detail.contract.id,
      modifications: [
        ...detail.contract.modifications,
        {
          date,
          description,
          valueChangeGbp: money.kind === 'pounds' ? sign * money.pounds : 0,
          termChangeMonths: Number(months.trim()),
        },
      ],
    });
    if (result.ok) {
      announce(result.value.summary);
      setOpen(false);
      setDate('');
      setDescription('');
      setValue('');
      setMonths('0');
    }
  }
  const problems = [
    ...(problem ? [problem] : []),
    ...Object.entries(errors).map(([field, message]) => `${field.replace(/^modifications\.\d+\./, '')} ${message}`),
  ];
  return (
    <form className="form" noValidate onSubmit={(event) => void submit(event)} aria-label="Add a modification">
      <ErrorSummary
        title="The modification was not added"
        problems={problems}
        message={update.error !== undefined && problems.length === 0 ? update.error.message : undefined}
      />
      <DateField label="Date of the modification" value={date} onChange={setDate} />
      <InputField label="What changes" value={description} onChange={setDescription} />
      <InputField
        label="Value change"
        optional
        hint="In pounds, e.g. £120,000 or -£50,000 for a decrease."
        value={value}
        onChange={setValue}
      />
      <InputField
        label="Term change (months)"
        hint="Negative to shorten the term."
        inputMode="numeric"
        value={months}
        onChange={setMonths}
      />
      <div className="button-row">
        <button type="submit" className="button button-primary" disabled={update.pending}>
          Add the modification
        </button>
        <button type="button" className="button button-secondary" onClick={() => setOpen(false)}>
          Cancel
        </button>
      </div>
    </form>
  );
}

const BASIS_LABELS = {
  done: 'Done',
  fixed: 'Date set by hand',
  meeting: 'Board meeting',
  schedule: 'Scheduled',
} as const;

/** The re-tender plan: its steps, warnings, and the form to plan or re-plan it. */
export function RetenderPlanPanel({ detail }: { readonly detail: ContractDetail }): ReactNode {
  const { contract, retender } = detail;
  return (
    <Panel id="contract-retender" title="Re-tender plan">
      {retender === null ? (
        <p className="muted">No re-tender plan.</p>
      ) : (
        <>
          <p>
            {retender.onTrack ? (
              <StatusTag tone="good">On track</StatusTag>
            ) : (
              <StatusTag tone="bad">Not on track</StatusTag>
            )}{' '}
            The new contract must start on {formatCalendarDate(contract.retenderPlan!.requiredStart)}. Steps are
            scheduled backwards from it by the Act’s day rules; a step not done moves when the start or the award
            meeting moves.
          </p>
          {retender.warnings.length > 0 && (
            <div className="message message-warning" role="note" aria-label="Warnings about the re-tender plan">
              <ul className="plain-list">
                {retender.warnings.map((w) => (
                  <li key={w}>{w}</li>
                ))}
              </ul>
            </div>
          )}
          <DataTable caption="Re-tender steps, first to last" columns={['Step', 'Date', 'Basis']}>
            {retender.steps.map((s) => (
              <tr key={s.step}>
                <td>{s.title}</td>
                <td className="nowrap">{formatCalendarDate(s.date)}</td>
                <td>{BASIS_LABELS[s.basis]}</td>
              </tr>
            ))}
          </DataTable>
        </>
      )}
      <RetenderPlanForm detail={detail} />
    </Panel>
  );
}

function RetenderPlanForm({ detail }: { readonly detail: ContractDetail }): ReactNode {
  const { contract } = detail;
  const plan = contract.retenderPlan;
  const [open, setOpen] = useState(false);
  const [requiredStart, setRequiredStart] = useState(plan?.requiredStart ?? detail.currentTermEnd);
  const [awardMeetingId, setAwardMeetingId] = useState(plan?.awardMeetingId ?? '');
  const [evaluationWeeks, setEvaluationWeeks] = useState(String(plan?.evaluationWeeks ?? 6));
  const [tenderDays, setTenderDays] = useState(String(plan?.tenderDays ?? 30));
  const [planned, setPlanned] = useState(plan?.plannedProcurementNotice ?? '');
  const [problem, setProblem] = useState('');
  const update = useMutation('contracts:update');
  const meetings = useQuery('meetings:list', { when: 'all', pageSize: 500 });
  const errors = fieldErrorsOf(update.error);
  if (!open) {
    return (
      <button type="button" className="button button-secondary" onClick={() => setOpen(true)}>
        {plan ? 'Change the re-tender plan' : 'Plan a re-tender'}
      </button>
    );
  }
  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    if (!/^\d+$/.test(evaluationWeeks.trim()) || !/^\d+$/.test(tenderDays.trim())) {
      setProblem('Evaluation (weeks) and tender period (days) must be whole numbers');
      return;
    }
    setProblem('');
    const next: RetenderPlan = {
      requiredStart,
      awardMeetingId,
      evaluationWeeks: Number(evaluationWeeks),
      tenderDays: Number(tenderDays),
      marketEngagementWeeks: plan?.marketEngagementWeeks ?? 8,
      businessCaseWeeks: plan?.businessCaseWeeks ?? 4,
      plannedProcurementNotice: planned,
      fixed: plan?.fixed ?? {},
    };
    const result = await update.run({ id: contract.id, retenderPlan: next });
    if (result.ok) {
      announce(result.value.summary);
      setOpen(false);
    }
  }
  const problems = [
    ...(problem ? [problem] : []),
    ...Object.entries(errors).map(([field, message]) => `${field.replace(/^retenderPlan\./, '')} ${message}`),
  ];
  return (
    <form className="form" noValidate onSubmit={(event) => void submit(event)} aria-label="Re-tender plan">
      <ErrorSummary
        title="The plan was not saved"
        problems={problems}
        message={update.error !== undefined && problems.length === 0 ? update.error.message : undefined}
      />
      <DateField label="The new contract must start on" value={requiredStart} onChange={setRequiredStart} />
      <Field label="Award decision at" optional>
        {(control) => (
          <select
            {...control}
            className="input"
            value={awardMeetingId}
            onChange={(e) => setAwardMeetingId(e.target.value)}
          >
            <option value="">The last board meeting in time</option>
            {meetings.status === 'ok' &&
              meetings.value.rows
                .filter((m) => m.status !== 'cancelled')
                .map((m) => (
                  <option key={m.id} value={m.id}>
                    {m.title}, {formatCalendarDate(m.date)}
                  </option>
                ))}
          </select>
        )}
      </Field>
      <InputField
        label="Evaluation (weeks)"
        inputMode="numeric"
        value={evaluationWeeks}
        onChange={setEvaluationWeeks}
      />
      <InputField
        label="Tender period (calendar days)"
        hint={`At least ${PROCUREMENT_RULES.tenderPeriodDays.value} days (${PROCUREMENT_RULES.tenderPeriodDays.source}); ${PROCUREMENT_RULES.tenderPeriodWithPlannedNoticeDays.value} with a planned procurement notice published ${PROCUREMENT_RULES.plannedNoticeWindow.value.minDays} days to a year before the tender notice.`}
        inputMode="numeric"
        value={tenderDays}
        onChange={setTenderDays}
      />
      <DateField label="Planned procurement notice published on" optional value={planned} onChange={setPlanned} />
      <div className="button-row">
        <button type="submit" className="button button-primary" disabled={update.pending}>
          Save the plan
        </button>
        <button type="button" className="button button-secondary" onClick={() => setOpen(false)}>
          Cancel
        </button>
      </div>
    </form>
  );
}
