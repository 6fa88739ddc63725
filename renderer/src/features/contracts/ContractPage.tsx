/**
 * A contract's page: suppliers, buyer, values, term and maximum extent; the
 * procurement route, flagged with its rationale when it was a direct award;
 * the backend's warnings; extension options, break clauses (with the date
 * notice must be given by) and re-tender milestones; the decisions that
 * govern it and their conditions.
 */
import type { ReactNode } from 'react';
import { addDays, dayCount, longDate } from '../../../../shared/dates/calendarDates.ts';
import { ROUTE_LABELS } from '../../../../shared/schema/contracts.ts';
import type { ContractDetail } from '../../../../shared/contract/views.ts';
import { useQuery } from '../../apiHooks.ts';
import { linkTo } from '../../app/location.ts';
import { ArchiveButton, useArchiving } from '../../components/ArchiveControls.tsx';
import { Breadcrumb } from '../../components/Breadcrumb.tsx';
import { DataTable } from '../../components/DataTable.tsx';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { RecordPending } from '../../components/LoadProblem.tsx';
import { Markdown } from '../../components/Markdown.tsx';
import { OcdsExport } from '../portability/OcdsExport.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { Panel } from '../../components/Panel.tsx';
import { StatusTag } from '../../components/StatusTag.tsx';
import { formatCalendarDate } from '../../format.ts';
import { formatGbp } from '../../money.ts';
import { ConditionStatusTag } from '../conditions/conditionWords.tsx';
import { OutcomeTag } from '../decisions/decisionWords.tsx';
import { ContractTimeline } from '../deadlines/ContractTimeline.tsx';
import { ContractStatusTag, DirectAwardFlag } from './contractWords.tsx';
import { ExerciseOptionForm } from './ExerciseOptionForm.tsx';
import { ProcurementFlagList, ProcurementLawPanel, RetenderPlanPanel } from './ProcurementPanels.tsx';
import { RecordHistory } from '../../components/RecordHistory.tsx';

function months(n: number): string {
  return n === 1 ? '1 month' : `${n} months`;
}

/** The contract page. */
export function ContractPage({ id }: { readonly id: string }): ReactNode {
  const detail = useQuery('contracts:get', { id });
  if (detail.status !== 'ok') {
    return (
      <RecordPending
        state={detail}
        heading="Contract"
        what="This contract"
        crumb={{ href: linkTo(['contracts']), label: 'Contracts' }}
        back={{ href: linkTo(['contracts']), label: 'All contracts' }}
      />
    );
  }
  return <ContractView key={id} detail={detail.value} />;
}

function ContractView({ detail }: { readonly detail: ContractDetail }): ReactNode {
  const { contract } = detail;
  const archiving = useArchiving('contracts', contract.id);
  const archived = Boolean(contract.archivedAt);
  const direct = contract.route === 'direct_award';
  const decisionRefs = new Map(detail.decisions.map((d) => [d.id, d.reference]));

  return (
    <>
      <Breadcrumb trail={[{ href: linkTo(['contracts']), label: 'Contracts' }]} />
      <div className="page-head">
        <div>
          <p className="eyebrow">{contract.reference}</p>
          <PageHeading title={contract.reference}>{contract.title}</PageHeading>
        </div>
        <div className="button-row page-actions">
          <a className="button button-secondary" href={linkTo(['contracts', contract.id, 'edit'])}>
            Edit<span className="visually-hidden"> {contract.reference}</span>
          </a>
          {(archived || detail.decisions.length === 0) && <ArchiveButton archiving={archiving} archived={archived} />}
          <OcdsExport contractId={contract.id} />
        </div>
      </div>
      <p className="tag-line">
        <ContractStatusTag status={contract.status} />
        {contract.kind === 'watched' && <StatusTag tone="neutral">Watched: not this board’s contract</StatusTag>}
        {direct && <DirectAwardFlag />}
        {archived && <StatusTag tone="neutral">Archived</StatusTag>}
      </p>
      {archiving.problem !== undefined && <ErrorMessage>{archiving.problem.message}</ErrorMessage>}
      <ProcurementFlagList flags={detail.flags} label="Procurement flags on this contract" />
      {detail.warnings.length > 0 && (
        <div className="message message-warning" role="note" aria-label="Warnings about this contract">
          <ul className="plain-list">
            {detail.warnings.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
        </div>
      )}

      <Panel id="contract-terms" title="Terms">
        <dl className="facts facts-plain">
          <div>
            <dt>Supplier{contract.suppliers.length > 1 ? 's' : ''}</dt>
            <dd>{contract.suppliers.join('; ')}</dd>
          </div>
          <div>
            <dt>Buyer</dt>
            <dd>{contract.buyer || <span className="muted">Not recorded</span>}</dd>
          </div>
          <div>
            <dt>Procurement route</dt>
            <dd>
              {ROUTE_LABELS[contract.route]} {direct && <DirectAwardFlag />}
            </dd>
          </div>
          {direct && (
            <div>
              <dt>Why the market was not tested</dt>
              <dd>{contract.directAwardRationale}</dd>
            </div>
          )}
          <div>
            <dt>Annual value</dt>
            <dd>{formatGbp(contract.annualValueGbp)}</dd>
          </div>
          <div>
            <dt>Initial value</dt>
            <dd>{formatGbp(contract.initialValueGbp)}</dd>
          </div>
          <div>
            <dt>Value with all options</dt>
            <dd>{formatGbp(contract.valueWithOptionsGbp)}</dd>
          </div>
          <div>
            <dt>Term</dt>
            <dd>
              {contract.termEnd ? (
                <>
                  {contract.termStart ? longDate(contract.termStart) : 'Start not recorded'} to{' '}
                  {longDate(detail.currentTermEnd)}
                </>
              ) : (
                <span className="muted">
                  No dates yet
                  {contract.plannedMonths !== null && `: planned for ${months(contract.plannedMonths)}`}
                  {contract.termStart && `, from ${longDate(contract.termStart)}`}
                </span>
              )}
            </dd>
          </div>
          {detail.termHistory.length > 1 && (
            <div>
              <dt>Term history</dt>
              <dd>
                <ul className="plain-list">
                  {detail.termHistory.map((step) =>
                    step.optionMonths === null ? (
                      <li key={step.end}>As let: ended on {longDate(step.end)}</li>
                    ) : (
                      <li key={step.end}>
                        Extended by {months(step.optionMonths)} to {longDate(step.end)}
                        {step.decision !== null && (
                          <>
                            {' '}
                            by <a href={linkTo(['decisions', step.decision.id])}>{step.decision.reference}</a>
                          </>
                        )}
                        {step.exercisedOn && ` (exercised on ${longDate(step.exercisedOn)})`}
                      </li>
                    ),
                  )}
                </ul>
              </dd>
            </div>
          )}
          <div>
            <dt>Maximum extent</dt>
            <dd>
              {contract.maxExtentDate ? (
                formatCalendarDate(contract.maxExtentDate)
              ) : (
                <span className="muted">None set</span>
              )}
            </dd>
          </div>
        </dl>
      </Panel>

      <ProcurementLawPanel detail={detail} />

      <RetenderPlanPanel detail={detail} />

      <ContractTimeline contractId={contract.id} />

      <Panel id="contract-options" title="Extension options">
        {contract.extensionOptions.length === 0 ? (
          <p className="muted">None.</p>
        ) : (
          <DataTable
            caption="Extension options"
            columns={['Length', 'Notice by', { label: 'Value', className: 'numeric' }, 'Exercised']}
          >
            {contract.extensionOptions.map((o) => (
              <tr key={o.id}>
                <td>{months(o.months)}</td>
                <td className="nowrap">
                  {o.noticeBy ? formatCalendarDate(o.noticeBy) : <span className="muted">Not set</span>}
                </td>
                <td className="numeric nowrap">{formatGbp(o.valueGbp)}</td>
                <td>
                  {o.exercised
                    ? 'Yes'
                    : o.noticeBy && o.noticeBy < detail.today
                      ? `Lapsed on ${longDate(o.noticeBy)}`
                      : 'No'}
                  {o.exercised && o.exercisedOn && `, on ${longDate(o.exercisedOn)}`}
                  {o.exercisedByDecisionId !== null && (
                    <>
                      {', by '}
                      <a href={linkTo(['decisions', o.exercisedByDecisionId])}>
                        {decisionRefs.get(o.exercisedByDecisionId) ?? 'a decision'}
                      </a>
                    </>
                  )}
                  {!o.exercised && contract.termEnd !== '' && (
                    <ExerciseOptionForm contractId={contract.id} option={o} />
                  )}
                </td>
              </tr>
            ))}
          </DataTable>
        )}
      </Panel>

      <Panel id="contract-breaks" title="Break clauses">
        {contract.breakClauses.length === 0 ? (
          <p className="muted">None.</p>
        ) : (
          <DataTable caption="Break clauses" columns={['Earliest break', 'Notice', 'Give notice by', 'Note']}>
            {contract.breakClauses.map((b) => (
              <tr key={b.id}>
                <td className="nowrap">{formatCalendarDate(b.earliest)}</td>
                <td className="nowrap">{dayCount(b.noticeDays)}</td>
                <td className="nowrap">
                  {formatCalendarDate(addDays(b.earliest, -b.noticeDays))}
                  {addDays(b.earliest, -b.noticeDays) < detail.today && (
                    <div className="cell-note">Lapsed on {longDate(addDays(b.earliest, -b.noticeDays))}</div>
                  )}
                </td>
                <td>{b.note || <span className="muted">None</span>}</td>
              </tr>
            ))}
          </DataTable>
        )}
      </Panel>

      <Panel id="contract-milestones" title="Re-tender milestones">
        {contract.milestones.length === 0 ? (
          <p className="muted">None recorded.</p>
        ) : (
          <DataTable caption="Re-tender milestones" columns={['Milestone', 'Due', 'Done']}>
            {contract.milestones.map((m) => (
              <tr key={m.id}>
                <td>{m.title}</td>
                <td className="nowrap">{formatCalendarDate(m.due)}</td>
                <td>{m.done ? <StatusTag tone="good">Done</StatusTag> : 'Not yet'}</td>
              </tr>
            ))}
          </DataTable>
        )}
      </Panel>

      <Panel id="contract-decisions" title="Decisions">
        {detail.decisions.length === 0 ? (
          <p className="muted">No decision is linked to this contract. Link it from a decision’s form.</p>
        ) : (
          <DataTable
            caption={<>Decisions on {contract.reference}, oldest first</>}
            columns={['Reference', 'Title', 'Date', 'Outcome']}
          >
            {detail.decisions.map((d) => (
              <tr key={d.id}>
                <td className="nowrap">
                  <a href={linkTo(['decisions', d.id])}>{d.reference}</a>
                </td>
                <td>{d.title}</td>
                <td className="nowrap">{formatCalendarDate(d.date)}</td>
                <td>
                  <OutcomeTag outcome={d.outcome} />
                </td>
              </tr>
            ))}
          </DataTable>
        )}
      </Panel>

      <Panel id="contract-conditions" title="Conditions">
        {detail.conditions.length === 0 ? (
          <p className="muted">The decisions on this contract carry no conditions.</p>
        ) : (
          <DataTable
            caption={<>Conditions of the decisions on {contract.reference}</>}
            columns={['Condition', 'Decision', 'Next due', 'Status']}
          >
            {detail.conditions.map((c) => (
              <tr key={c.id}>
                <td>
                  <a href={linkTo(['conditions', c.id])}>{c.wording}</a>
                  <div className="cell-note">{c.owner}</div>
                </td>
                <td className="nowrap">
                  <a href={linkTo(['decisions', c.decisionId])}>{c.decisionReference}</a>
                </td>
                <td className="nowrap">
                  {c.due ? (
                    formatCalendarDate(c.due)
                  ) : (
                    <span className="muted">{c.ongoing ? 'Ongoing' : 'No date'}</span>
                  )}
                </td>
                <td>
                  <ConditionStatusTag status={c.status} overdue={c.overdue} />
                </td>
              </tr>
            ))}
          </DataTable>
        )}
      </Panel>

      {contract.notes.trim() !== '' && (
        <Panel id="contract-notes" title="Notes">
          <Markdown source={contract.notes} headingOffset={2} />
        </Panel>
      )}

      <RecordHistory target="contracts" id={contract.id} what="this contract" />
    </>
  );
}
