/**
 * A condition's page: its wording and decision, owner, when it falls due (and
 * the next dates of a recurring one), the evidence required, its status, the
 * trail of every status change (when, who, note, evidence paper), and the
 * form that records the next change. Its "Status updates" (the condition's
 * own history of statuses) stand above the page's "Change history" (the
 * journal's audit trail of edits to the record), each with a line saying which
 * it is, so the two are not read as one list.
 */
import { useState, type ReactNode } from 'react';
import { CONDITION_STATUS_LABELS } from '../../../../shared/schema/conditions.ts';
import type { ConditionDetail } from '../../../../shared/contract/views.ts';
import { useQuery } from '../../apiHooks.ts';
import { linkTo } from '../../app/location.ts';
import { Breadcrumb } from '../../components/Breadcrumb.tsx';
import { DataTable } from '../../components/DataTable.tsx';
import { RecordPending } from '../../components/LoadProblem.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { Panel } from '../../components/Panel.tsx';
import { formatCalendarDate, formatDateTime } from '../../format.ts';
import { longDate } from '../../../../shared/dates/calendarDates.ts';
import { useEvidenceFileSaver } from '../papers/attachmentFiles.ts';
import { DecisionStatusTag } from '../decisions/decisionWords.tsx';
import { ConditionForm } from './ConditionForm.tsx';
import { ConditionStatusForm } from './ConditionStatusForm.tsx';
import { ConditionStatusTag, dueInWords } from './conditionWords.tsx';
import { busyButtonProps } from '../../components/busyButton.ts';
import { RecordHistory } from '../../components/RecordHistory.tsx';

/** The condition page. */
export function ConditionPage({ id }: { readonly id: string }): ReactNode {
  const detail = useQuery('conditions:get', { id });
  if (detail.status !== 'ok') {
    return (
      <RecordPending
        state={detail}
        heading="Condition"
        what="This condition"
        crumb={{ href: linkTo(['conditions']), label: 'Conditions' }}
        back={{ href: linkTo(['conditions']), label: 'All conditions' }}
      />
    );
  }
  return <ConditionView key={id} detail={detail.value} />;
}

function ConditionView({ detail }: { readonly detail: ConditionDetail }): ReactNode {
  const { condition, decision } = detail;
  const [editing, setEditing] = useState(false);
  // Overdue by the one rule (conditionRules), worked out by the backend on its today.
  const overdue = detail.overdue;
  const saver = useEvidenceFileSaver();
  const answered = new Set(detail.answered);
  const evidenceTitles = new Map(detail.evidence.map((e) => [e.paperId, e]));
  const trail = [...condition.history].reverse();

  return (
    <>
      <Breadcrumb
        trail={[
          { href: linkTo(['conditions']), label: 'Conditions' },
          { href: linkTo(['decisions', decision.id]), label: decision.reference },
        ]}
      />
      <p className="eyebrow">Condition of {decision.reference}</p>
      <PageHeading>{condition.wording}</PageHeading>
      <p className="tag-line">
        <ConditionStatusTag status={condition.status} overdue={overdue} />
      </p>

      <section className="panel" aria-labelledby="condition-facts">
        <div className="panel-head">
          <h2 id="condition-facts" className="panel-title">
            The condition
          </h2>
          {!editing && (
            <button type="button" className="button button-small button-secondary" onClick={() => setEditing(true)}>
              Edit owner or dates
            </button>
          )}
        </div>
        {editing ? (
          <ConditionForm
            decisionId={decision.id}
            decisionReference={decision.reference}
            condition={condition}
            wordingLocked={decision.status === 'signed'}
            onDone={() => setEditing(false)}
          />
        ) : (
          <dl className="facts facts-plain">
            <div>
              <dt>Decision</dt>
              <dd>
                <a href={linkTo(['decisions', decision.id])}>
                  <span className="reference">{decision.reference}</span> {decision.title}
                </a>{' '}
                <DecisionStatusTag status={decision.status} />
              </dd>
            </div>
            <div>
              <dt>Owner</dt>
              <dd>
                {condition.owner.memberId !== null ? (
                  <a href={linkTo(['members', condition.owner.memberId])}>{condition.owner.name}</a>
                ) : (
                  condition.owner.name
                )}
                {condition.owner.email && <span className="muted"> · {condition.owner.email}</span>}
              </dd>
            </div>
            <div>
              <dt>{condition.ongoing ? 'Review' : 'Due'}</dt>
              <dd>{dueInWords(condition)}</dd>
            </div>
            <div>
              <dt>{overdue ? 'Overdue since' : condition.ongoing ? 'Next review' : 'Next due'}</dt>
              <dd>
                {detail.nextDue ? (
                  <>
                    {longDate(detail.nextDue)}
                    {overdue && <span className="muted"> (overdue: no update says it was answered)</span>}
                  </>
                ) : (
                  <span className="muted">{condition.ongoing ? 'Ongoing: no review date' : 'None'}</span>
                )}
              </dd>
            </div>
            <div>
              <dt>Evidence required</dt>
              <dd>{condition.evidenceRequired || <span className="muted">Not stated</span>}</dd>
            </div>
          </dl>
        )}
        {condition.recurrence !== null && !editing && (
          <div className="text-section">
            <h3 className="text-section-title">Next dates</h3>
            {detail.upcoming.length === 0 ? (
              <p className="muted">No more dates: the last one has passed.</p>
            ) : (
              <ol className="date-list">
                {detail.upcoming.map((date) => (
                  <li key={date}>
                    {formatCalendarDate(date)}
                    {answered.has(date) && <span className="muted"> (answered ahead)</span>}
                  </li>
                ))}
              </ol>
            )}
          </div>
        )}
      </section>

      <ConditionStatusForm
        key={condition.status}
        conditionId={condition.id}
        current={condition.status}
        answerable={detail.answerable}
        today={detail.today}
      />

      <Panel id="condition-history" title="Status updates">
        <p className="muted">
          How the condition has been answered: each status recorded, the day it happened, the due date it answers and
          its evidence. Edits to the condition itself are in the change history below.
        </p>
        {saver.error && <p role="alert">The file could not be fetched: {saver.error.message}</p>}
        <DataTable
          caption="Updates, newest first"
          columns={['Happened', 'Status', 'Answers', 'By', 'Note and evidence', 'Entered']}
        >
          {trail.map((change, i) => {
            const paper = change.evidencePaperId ? evidenceTitles.get(change.evidencePaperId) : undefined;
            const file = change.evidenceFile;
            return (
              <tr key={`${change.at}:${i}`}>
                <td className="nowrap">{longDate(change.on)}</td>
                <td>{CONDITION_STATUS_LABELS[change.status]}</td>
                <td className="nowrap">
                  {change.answers ? `Date due ${longDate(change.answers)}` : <span className="muted">No date</span>}
                </td>
                <td>{change.by}</td>
                <td>
                  {change.note || (paper === undefined && file === null && <span className="muted">No note</span>)}
                  {file !== null && (
                    <div className="cell-note">
                      File:{' '}
                      <button
                        type="button"
                        className="button button-small button-quiet"
                        onClick={() => void saver.save(condition.id, file.blob)}
                        {...busyButtonProps(saver.pending === file.blob)}
                      >
                        {file.name}
                      </button>
                    </div>
                  )}
                  {paper !== undefined && (
                    <div className="cell-note">
                      Evidence:{' '}
                      <a href={linkTo(['papers', paper.paperId])}>
                        <span className="reference">{paper.reference}</span> {paper.title}
                      </a>
                    </div>
                  )}
                  {change.evidencePaperId !== null && paper === undefined && (
                    <div className="cell-note">Evidence: a paper no longer in the library</div>
                  )}
                </td>
                <td className="nowrap muted">{formatDateTime(change.at)}</td>
              </tr>
            );
          })}
        </DataTable>
      </Panel>

      <RecordHistory target="conditions" id={condition.id} what="this condition" />
    </>
  );
}
