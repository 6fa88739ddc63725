/**
 * What procurement law says about a contract, on its page: the flags (each
 * with why and the section), the regime, route ground and notices, the
 * modifications (with a form to add one), and the re-tender plan laid out
 * backwards from the new contract's start, with its warnings and a form to
 * plan or re-plan it. The rules are the backend's (shared/rules); this only
 * shows them and sends edits as `contracts:update`.
 */
import { useState, type ReactNode } from 'react';
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
import { useQuery } from '../../apiHooks.ts';
import { DataTable } from '../../components/DataTable.tsx';
import { CheckboxField, ChoiceField, DateField, InputField, TextAreaField } from '../../components/Field.tsx';
import { Panel } from '../../components/Panel.tsx';
import { StatusTag } from '../../components/StatusTag.tsx';
import { formatCalendarDate } from '../../format.ts';
import { formatGbp } from '../../money.ts';
import { ProcurementRecordForm } from './ProcurementRecordForm.tsx';

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

/** A direct award ground as the list offers it: its label and, where the Act gives one, its section. */
function groundLabel(ground: DirectAwardGround): string {
  const { label, source } = PROCUREMENT_RULES.directAwardGrounds[ground];
  return source ? `${label} (${source})` : label;
}

/** The lines of a text, trimmed, without the empty ones. */
function linesOf(text: string, separator: string): string[] {
  return text
    .split(separator)
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

/** Regime, supplies, direct award ground, award date, KPIs, assessments, and the decision to let it end. */
function ProcurementDetailsForm({ detail }: { readonly detail: ContractDetail }): ReactNode {
  const { contract } = detail;
  const [regime, setRegime] = useState<Regime>(contract.regime);
  const [supplyType, setSupplyType] = useState<SupplyType>(contract.supplyType);
  const [ground, setGround] = useState<DirectAwardGround>(contract.directAwardGround);
  const [awardedOn, setAwardedOn] = useState(contract.awardedOn);
  const [kpis, setKpis] = useState(contract.kpis.join('\n'));
  const [assessments, setAssessments] = useState(contract.performanceAssessments.join(', '));
  const [reason, setReason] = useState(contract.noMarketEngagementReason);
  const [letEnd, setLetEnd] = useState(contract.letEndDecided);
  return (
    <ProcurementRecordForm
      contractId={contract.id}
      name="Procurement details"
      openLabel="Edit the procurement details"
      notSaved="The details were not saved"
      saveLabel="Save the procurement details"
      errorPath={/^\w+\.\d+\./}
      patch={() => ({
        regime,
        supplyType,
        directAwardGround: ground,
        awardedOn,
        kpis: linesOf(kpis, '\n'),
        performanceAssessments: linesOf(assessments, ','),
        noMarketEngagementReason: reason,
        letEndDecided: letEnd,
      })}
    >
      <ChoiceField label="Regime" value={regime} choices={REGIMES} labels={REGIME_LABELS} onChange={setRegime} />
      <ChoiceField
        label="Supplies"
        value={supplyType}
        choices={SUPPLY_TYPES}
        labels={SUPPLY_TYPE_LABELS}
        onChange={setSupplyType}
      />
      {contract.route === 'direct_award' && (
        <ChoiceField
          label="Direct award ground"
          value={ground}
          choices={DIRECT_AWARD_GROUNDS}
          labels={groundLabel}
          onChange={setGround}
        />
      )}
      <DateField label="Awarded on" optional value={awardedOn} onChange={setAwardedOn} />
      <TextAreaField
        label="KPIs"
        optional
        hint="One per line."
        rows={3}
        textareaClassName="input"
        value={kpis}
        onChange={setKpis}
      />
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
    </ProcurementRecordForm>
  );
}

/** Records a notice with its date and Find a Tender id (and, for a change notice, its modification). */
function AddNoticeForm({ detail }: { readonly detail: ContractDetail }): ReactNode {
  const { contract } = detail;
  const [kind, setKind] = useState<NoticeKind>('transparency');
  const [published, setPublished] = useState('');
  const [noticeId, setNoticeId] = useState('');
  const [modificationId, setModificationId] = useState('');
  return (
    <ProcurementRecordForm
      contractId={contract.id}
      name="Record a notice"
      openLabel="Record a notice"
      notSaved="The notice was not recorded"
      saveLabel="Record the notice"
      errorPath={/^\w+\.\d+\./}
      patch={() => ({
        notices: [
          ...contract.notices,
          { kind, published, noticeId, modificationId: kind === 'contract_change' ? modificationId : '' },
        ],
      })}
      onSaved={() => {
        setPublished('');
        setNoticeId('');
      }}
    >
      <ChoiceField label="Notice" value={kind} choices={NOTICE_KINDS} labels={noticeLabel} onChange={setKind} />
      <DateField label="Published on" optional value={published} onChange={setPublished} />
      <InputField
        label="Find a Tender notice id or ocid"
        optional
        hint="For example 012345-2026, or ocds-h6vhtk-0a1b2c."
        value={noticeId}
        onChange={setNoticeId}
      />
      {kind === 'contract_change' && (
        <ChoiceField
          label="Modification it announces"
          value={modificationId}
          choices={['', ...contract.modifications.map((m) => m.id)]}
          labels={(id) => {
            const m = contract.modifications.find((mod) => mod.id === id);
            return m === undefined ? 'None' : `${formatCalendarDate(m.date)}: ${m.description}`;
          }}
          onChange={setModificationId}
        />
      )}
    </ProcurementRecordForm>
  );
}

/** Adds a modification: its date, what changes, and the change to the value and the term. */
function AddModificationForm({ detail }: { readonly detail: ContractDetail }): ReactNode {
  const [date, setDate] = useState('');
  const [description, setDescription] = useState('');
  const [value, setValue] = useState('');
  const [months, setMonths] = useState('0');
  return (
    <ProcurementRecordForm
      contractId={detail.contract.id}
      name="Add a modification"
      openLabel="Add a modification"
      notSaved="The modification was not added"
      saveLabel="Add the modification"
      errorPath={/^modifications\.\d+\./}
      patch={() => {
        const sign = value.trim().startsWith('-') ? -1 : 1;
        const money = parseMoney(value.trim().replace(/^-/, ''));
        if (money.kind === 'refused') return `Value change: ${money.reason}`;
        if (!/^-?\d+$/.test(months.trim())) return 'Term change: must be a whole number of months';
        return {
          modifications: [
            ...detail.contract.modifications,
            {
              date,
              description,
              valueChangeGbp: money.kind === 'pounds' ? sign * money.pounds : 0,
              termChangeMonths: Number(months.trim()),
            },
          ],
        };
      }}
      onSaved={() => {
        setDate('');
        setDescription('');
        setValue('');
        setMonths('0');
      }}
    >
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
    </ProcurementRecordForm>
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

/** Plans or re-plans the re-tender: the new contract's start, the award meeting and the periods. */
function RetenderPlanForm({ detail }: { readonly detail: ContractDetail }): ReactNode {
  const { contract } = detail;
  const plan = contract.retenderPlan;
  const [requiredStart, setRequiredStart] = useState(plan?.requiredStart ?? detail.currentTermEnd);
  const [awardMeetingId, setAwardMeetingId] = useState(plan?.awardMeetingId ?? '');
  const [evaluationWeeks, setEvaluationWeeks] = useState(String(plan?.evaluationWeeks ?? 6));
  const [tenderDays, setTenderDays] = useState(String(plan?.tenderDays ?? 30));
  const [planned, setPlanned] = useState(plan?.plannedProcurementNotice ?? '');
  const meetings = useQuery('meetings:list', { when: 'all', pageSize: 500 });
  const meetingRows = meetings.status === 'ok' ? meetings.value.rows.filter((m) => m.status !== 'cancelled') : [];
  return (
    <ProcurementRecordForm
      contractId={contract.id}
      name="Re-tender plan"
      openLabel={plan ? 'Change the re-tender plan' : 'Plan a re-tender'}
      notSaved="The plan was not saved"
      saveLabel="Save the plan"
      errorPath={/^retenderPlan\./}
      patch={() => {
        if (!/^\d+$/.test(evaluationWeeks.trim()) || !/^\d+$/.test(tenderDays.trim())) {
          return 'Evaluation (weeks) and tender period (days) must be whole numbers';
        }
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
        return { retenderPlan: next };
      }}
    >
      <DateField label="The new contract must start on" value={requiredStart} onChange={setRequiredStart} />
      <ChoiceField
        label="Award decision at"
        optional
        value={awardMeetingId}
        choices={['', ...meetingRows.map((m) => m.id)]}
        labels={(id) => {
          const m = meetingRows.find((row) => row.id === id);
          return m === undefined ? 'The last board meeting in time' : `${m.title}, ${formatCalendarDate(m.date)}`;
        }}
        onChange={setAwardMeetingId}
      />
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
    </ProcurementRecordForm>
  );
}
