/**
 * A decision's page: its reference, outcome and status, the wording and the
 * other Markdown fields, votes and declarations, dates (call-in end and
 * effective date), its conditions with their summary, the lineage of earlier
 * and later decisions, the papers it relied on (with a notice when one
 * changed after signing), the contracts it governs, and its amendments.
 *
 * A draft can be edited, given conditions and signed. A signed decision is
 * read-only: an edit is sent to the backend, whose refusal is shown as it
 * is, with the amendment form it offers.
 */
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { isOpen } from '../../../../shared/rules/conditionRules.ts';
import { DECISION_LINK_LABELS, type Decision } from '../../../../shared/schema/decisions.ts';
import type { DecisionDetail } from '../../../../shared/contract/views.ts';
import { useMutation, useQuery } from '../../apiHooks.ts';
import { goTo, linkTo } from '../../app/location.ts';
import { ArchiveButton, useArchiving } from '../../components/ArchiveControls.tsx';
import { Breadcrumb } from '../../components/Breadcrumb.tsx';
import { DataTable } from '../../components/DataTable.tsx';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { ErrorSummary } from '../../components/Field.tsx';
import { RecordPending } from '../../components/LoadProblem.tsx';
import { Markdown } from '../../components/Markdown.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { Panel } from '../../components/Panel.tsx';
import { StatusTag } from '../../components/StatusTag.tsx';
import { announce } from '../../components/UndoToast.tsx';
import { fieldErrorsOf } from '../../fieldErrors.ts';
import { formatCalendarDate, formatDateTimeLong } from '../../format.ts';
import { ConditionForm } from '../conditions/ConditionForm.tsx';
import { ExportMenu } from '../documents/ExportMenu.tsx';
import { ConditionStatusTag } from '../conditions/conditionWords.tsx';
import { RouteText } from '../contracts/contractWords.tsx';
import { ProcurementFlagList } from '../contracts/ProcurementPanels.tsx';
import { SealPanel } from '../portability/SealCheck.tsx';
import { AmendmentForm } from './AmendmentForm.tsx';
import { ExerciseOptions } from './ExerciseOptions.tsx';
import { SignatureDialog, type Signature } from './SignatureDialog.tsx';
import { ConditionSummaryTag, DecisionStatusTag, OutcomeTag } from './decisionWords.tsx';
import { busyButtonProps } from '../../components/busyButton.ts';
import { RecordHistory } from '../../components/RecordHistory.tsx';

const SIGN_FIELDS: Readonly<Record<string, string>> = {
  wording: 'Wording',
  decisionMaker: 'Decision-maker',
  signatory: 'Signed by',
  signatoryMemberId: 'Signed by',
  signedOn: 'Signed on',
};

/** One Markdown field under its heading; left out when empty. */
function TextSection({ title, source }: { readonly title: string; readonly source: string }): ReactNode {
  if (source.trim() === '') return null;
  return (
    <div className="text-section">
      <h3 className="text-section-title">{title}</h3>
      <Markdown source={source} headingOffset={3} />
    </div>
  );
}

function Fact({ label, children }: { readonly label: string; readonly children: ReactNode }): ReactNode {
  return (
    <div>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

function votesInWords(votes: NonNullable<Decision['votes']>): string {
  return `${votes.for} for, ${votes.against} against, ${votes.abstain} abstaining`;
}

/** The decision page. */
export function DecisionPage({ id }: { readonly id: string }): ReactNode {
  const detail = useQuery('decisions:get', { id });
  if (detail.status !== 'ok') {
    return (
      <RecordPending
        state={detail}
        heading="Decision"
        what="This decision"
        crumb={{ href: linkTo(['decisions']), label: 'Decisions' }}
        back={{ href: linkTo(['decisions']), label: 'The decisions register' }}
      />
    );
  }
  return <DecisionView key={detail.value.decision.id} detail={detail.value} />;
}

function DecisionView({ detail }: { readonly detail: DecisionDetail }): ReactNode {
  const { decision } = detail;
  const signed = decision.status === 'signed';
  const editAttempt = useMutation('decisions:update');
  // Signing cannot be undone (a signed record is final), so it is announced without an Undo.
  const sign = useMutation('decisions:sign');
  const archiving = useArchiving('decisions', decision.id);
  const [confirmSign, setConfirmSign] = useState(false);
  const [amending, setAmending] = useState(false);
  const [addingCondition, setAddingCondition] = useState(false);
  const amendRef = useRef<HTMLDivElement>(null);
  const changedPapers = detail.reliedOn.filter((p) => p.changedSinceSigning);
  const signErrors = fieldErrorsOf(sign.error);
  const signProblems = Object.entries(signErrors).map(
    ([field, message]) => `${SIGN_FIELDS[field] ?? field} ${message}`,
  );
  const archived = Boolean(decision.archivedAt);

  // Each request to open the amendment form puts the keyboard in its first field, once the form is on screen.
  const [amendFocus, setAmendFocus] = useState(0);
  useEffect(() => {
    if (amendFocus === 0) return;
    amendRef.current?.querySelector<HTMLElement>('textarea, input')?.focus();
  }, [amendFocus]);

  function openAmendment(): void {
    setAmending(true);
    setAmendFocus((n) => n + 1);
  }

  async function tryEdit(): Promise<void> {
    if (!signed) {
      goTo(linkTo(['decisions', decision.id, 'edit']));
      return;
    }
    // The backend is the judge: a signed decision's edit is refused there, and its answer offers the amendment path.
    const result = await editAttempt.run({ id: decision.id });
    if (!result.ok && result.error.details?.['signed'] === true) openAmendment();
  }

  async function runSign(signature: Signature): Promise<void> {
    setConfirmSign(false);
    const result = await sign.run({ id: decision.id, ...signature });
    if (result.ok) announce(result.value.summary);
  }

  return (
    <>
      <Breadcrumb trail={[{ href: linkTo(['decisions']), label: 'Decisions' }]} />
      <div className="page-head">
        <div>
          <p className="eyebrow">{decision.reference}</p>
          <PageHeading title={decision.reference}>{decision.title}</PageHeading>
        </div>
        <div className="button-row page-actions">
          <button type="button" className="button button-secondary" onClick={() => void tryEdit()}>
            Edit<span className="visually-hidden"> {decision.reference}</span>
          </button>
          {signed ? (
            <button type="button" className="button button-secondary" onClick={openAmendment}>
              Record an amendment
            </button>
          ) : (
            <button
              type="button"
              className="button button-primary"
              {...busyButtonProps(sign.pending)}
              onClick={() => {
                sign.reset();
                setConfirmSign(true);
              }}
            >
              {sign.pending ? 'Signing…' : 'Sign'}
            </button>
          )}
        </div>
      </div>
      <p className="tag-line">
        <OutcomeTag outcome={decision.outcome} />
        <DecisionStatusTag status={decision.status} />
        {detail.confidential && <StatusTag tone="warn">Confidential</StatusTag>}
        {decision.keyDecision && <StatusTag tone="info">Key decision</StatusTag>}
        {archived && <StatusTag tone="neutral">Archived</StatusTag>}
      </p>

      {signed ? (
        <p className="message message-info">
          Signed by {decision.signatory || decision.signedBy}
          {decision.signedOn
            ? ` on ${formatCalendarDate(decision.signedOn)}`
            : decision.signedAt !== null && ` on ${formatDateTimeLong(decision.signedAt)}`}
          . A signed decision is read-only: corrections are recorded as amendments, each saying what was corrected and
          why.
          {decision.signedAt !== null && decision.signedBy !== '' && (
            <span className="cell-note">
              {' '}
              (Signature recorded here by {decision.signedBy} on {formatDateTimeLong(decision.signedAt)}.)
            </span>
          )}
        </p>
      ) : (
        <p className="message message-warning">
          This decision is a draft: it can still be edited and given conditions. Sign it when it is final; after that it
          is read-only.
        </p>
      )}

      {editAttempt.error !== undefined && (
        <div role="alert" className="message message-error">
          <p>{editAttempt.error.message}</p>
        </div>
      )}
      <ErrorSummary
        title={`${decision.reference} was not signed`}
        problems={signProblems}
        message={sign.error !== undefined && sign.error.code !== 'invalid_input' ? sign.error.message : undefined}
      />
      {signProblems.length > 0 && (
        <p>
          <a href={linkTo(['decisions', decision.id, 'edit'])}>Edit the decision to add what is missing</a>, then sign
          it.
        </p>
      )}
      {changedPapers.length > 0 && (
        <div className="message message-warning" role="note">
          <p>
            <strong>A paper this decision relied on has changed since it was signed.</strong>{' '}
            {changedPapers
              .map(
                (p) =>
                  `${p.reference} was relied on at version ${p.version}; it is now at version ${p.currentVersion}.`,
              )
              .join(' ')}{' '}
            The decision still cites the version it relied on.
          </p>
        </div>
      )}

      {signed && amending && (
        <div ref={amendRef}>
          <AmendmentForm decisionId={decision.id} reference={decision.reference} onDone={() => setAmending(false)} />
        </div>
      )}

      <Panel id="decision-facts" title="The decision">
        <dl className="facts facts-plain">
          <Fact label="Reference">{decision.reference}</Fact>
          <Fact label="Date">{formatCalendarDate(decision.date)}</Fact>
          <Fact label="Meeting and item">
            {detail.meeting === null ? (
              <span className="muted">Not taken at a meeting recorded here</span>
            ) : (
              <>
                <a href={linkTo(['meetings', detail.meeting.id])}>
                  {detail.meeting.title}, {formatCalendarDate(detail.meeting.date)}
                </a>
                {detail.meeting.itemNumber !== '' && (
                  <>
                    {', '}
                    <a href={linkTo(['meetings', detail.meeting.id], { item: decision.itemId })}>
                      item {detail.meeting.itemNumber}: {detail.meeting.itemTitle}
                    </a>
                  </>
                )}
              </>
            )}
          </Fact>
          <Fact label="Decision-maker">{decision.decisionMaker || <span className="muted">Not recorded</span>}</Fact>
          <Fact label="Votes">
            {decision.votes === null ? <span className="muted">Not recorded</span> : votesInWords(decision.votes)}
          </Fact>
          <Fact label="Published">
            {decision.publishedOn ? formatCalendarDate(decision.publishedOn) : <span className="muted">Not yet</span>}
          </Fact>
          <Fact label="Call-in period ends">
            {decision.callInEnds ? (
              formatCalendarDate(decision.callInEnds)
            ) : (
              <span className="muted">Set once the publication date is recorded</span>
            )}
          </Fact>
          <Fact label="Takes effect">
            {decision.effectiveDate ? (
              formatCalendarDate(decision.effectiveDate)
            ) : (
              <span className="muted">Not recorded</span>
            )}
          </Fact>
        </dl>
        <TextSection title="Wording" source={decision.wording} />
        {decision.wording.trim() === '' && (
          <p className="empty-state">No wording yet: say what the board resolved before signing.</p>
        )}
        <TextSection title="Summary" source={decision.summary} />
        <TextSection title="Reasons" source={decision.reasons} />
        <TextSection title="Alternatives considered" source={decision.alternatives} />
        <TextSection title="Financial implications" source={decision.financialImplications} />
        <TextSection title="Legal implications" source={decision.legalImplications} />
        <TextSection title="Equality implications" source={decision.equalityImplications} />
        <div className="text-section">
          <h3 className="text-section-title">Declarations of interest</h3>
          {detail.declarations.length === 0 ? (
            <p className="muted">None declared.</p>
          ) : (
            <ul className="plain-list">
              {detail.declarations.map((d) => (
                <li key={`${d.who}:${d.interest}`}>
                  <strong>{d.who}</strong>: {d.interest}
                  {d.from === 'item' && <span className="muted"> (declared on the agenda item)</span>}
                </li>
              ))}
            </ul>
          )}
        </div>
      </Panel>

      <Panel
        id="decision-conditions"
        title="Conditions"
        aside={
          <p className="panel-head-note">
            <ConditionSummaryTag summary={detail.conditionSummary} />
            {detail.conditions.length > 0 && (
              <span className="muted">
                {' '}
                {detail.conditions.filter((c) => isOpen(c.status)).length} of {detail.conditions.length} still open
              </span>
            )}
          </p>
        }
      >
        {detail.conditions.length === 0 ? (
          <p className="empty-state">
            {signed
              ? 'This decision carries no conditions.'
              : 'No conditions yet. If the approval comes with obligations, add each with its owner and due date.'}
          </p>
        ) : (
          <DataTable
            caption={<>Conditions of {decision.reference}, soonest due first</>}
            columns={['Condition', 'Owner', 'Next due', 'Status']}
          >
            {detail.conditions.map((c) => (
              <tr key={c.id}>
                <td>
                  <a href={linkTo(['conditions', c.id])}>{c.wording}</a>
                </td>
                <td>{c.owner}</td>
                <td className="nowrap">
                  {c.due ? (
                    formatCalendarDate(c.due)
                  ) : (
                    <span className="muted">{c.ongoing ? 'Ongoing' : 'No date'}</span>
                  )}
                  {c.recurring && <div className="cell-note">Recurring</div>}
                </td>
                <td>
                  <ConditionStatusTag status={c.status} overdue={c.overdue} />
                </td>
              </tr>
            ))}
          </DataTable>
        )}
        {!signed &&
          (addingCondition ? (
            <ConditionForm
              decisionId={decision.id}
              decisionReference={decision.reference}
              onDone={() => setAddingCondition(false)}
            />
          ) : (
            <div className="button-row">
              <button type="button" className="button button-secondary" onClick={() => setAddingCondition(true)}>
                Add a condition
              </button>
            </div>
          ))}
      </Panel>

      <Panel id="decision-contracts" title="Contracts">
        {detail.contracts.length === 0 ? (
          <p className="muted">This decision is not linked to a contract.</p>
        ) : (
          <ul className="link-list">
            {detail.contracts.map((c) => (
              <li key={c.id}>
                <a href={linkTo(['contracts', c.id])}>
                  <span className="reference">{c.reference}</span> {c.title}
                </a>{' '}
                <RouteText route={c.route} />
                <ProcurementFlagList flags={c.flags} label={`Procurement flags on ${c.reference}`} />
              </li>
            ))}
          </ul>
        )}
        <ExerciseOptions decision={decision} options={detail.exercisableOptions} />
      </Panel>

      <Panel id="decision-lineage" title="Lineage">
        {detail.earlier.length === 0 && detail.later.length === 0 ? (
          <p className="muted">No earlier or later decision is linked to this one.</p>
        ) : (
          <div className="lineage">
            {detail.earlier.length > 0 && (
              <>
                <h3 className="text-section-title">Earlier decisions</h3>
                <ul className="link-list">
                  {detail.earlier.map((l) => (
                    <li key={`${l.id}:${l.kind}`}>
                      This decision <strong>{DECISION_LINK_LABELS[l.kind]}</strong>{' '}
                      <a href={linkTo(['decisions', l.id])}>
                        <span className="reference">{l.reference}</span> {l.title}
                      </a>{' '}
                      <span className="muted">({formatCalendarDate(l.date)})</span>
                    </li>
                  ))}
                </ul>
              </>
            )}
            {detail.later.length > 0 && (
              <>
                <h3 className="text-section-title">Later decisions</h3>
                <ul className="link-list">
                  {detail.later.map((l) => (
                    <li key={`${l.id}:${l.kind}`}>
                      <a href={linkTo(['decisions', l.id])}>
                        <span className="reference">{l.reference}</span> {l.title}
                      </a>{' '}
                      <span className="muted">({formatCalendarDate(l.date)})</span>{' '}
                      <strong>{DECISION_LINK_LABELS[l.kind]}</strong> this decision
                    </li>
                  ))}
                </ul>
              </>
            )}
          </div>
        )}
      </Panel>

      <Panel id="decision-papers" title="Papers relied on">
        {detail.reliedOn.length === 0 ? (
          <p className="muted">No papers are cited.</p>
        ) : (
          <ul className="link-list">
            {detail.reliedOn.map((p) => (
              <li key={p.paperId}>
                <a href={linkTo(['papers', p.paperId])}>
                  <span className="reference">{p.reference}</span> {p.title}
                </a>{' '}
                <span className="muted">version {p.version}</span>{' '}
                {p.changedSinceSigning && (
                  <StatusTag tone="warn">Changed since signing: now version {p.currentVersion}</StatusTag>
                )}
                {!p.changedSinceSigning && p.currentVersion > p.version && (
                  <span className="muted">(now at version {p.currentVersion})</span>
                )}
              </li>
            ))}
          </ul>
        )}
      </Panel>

      <Panel
        id="decision-amendments"
        title="Amendments"
        aside={
          signed && !amending ? (
            <button type="button" className="button button-small button-secondary" onClick={openAmendment}>
              Record an amendment
            </button>
          ) : null
        }
      >
        {decision.amendments.length === 0 ? (
          <p className="muted">
            {signed ? 'None: the decision stands as signed.' : 'Amendments are recorded once a decision is signed.'}
          </p>
        ) : (
          <ol className="amendments">
            {decision.amendments.map((a) => (
              <li key={a.id} className="amendment">
                <p className="amendment-what">{a.what}</p>
                <p>
                  <span className="amendment-label">Why: </span>
                  {a.why}
                </p>
                <p className="cell-note">
                  Recorded by {a.by} on {formatDateTimeLong(a.at)}
                </p>
              </li>
            ))}
          </ol>
        )}
      </Panel>

      {signed && <SealPanel decisionId={decision.id} />}
      <Panel id="decision-notice" title="Decision notice">
        <ExportMenu target={{ document: 'notice', decisionId: decision.id }} legend="Export the decision notice" />
      </Panel>

      <Panel id="decision-archive" title="Archive" quiet>
        {archiving.problem !== undefined && <ErrorMessage>{archiving.problem.message}</ErrorMessage>}
        {archived ? (
          <ArchiveButton archiving={archiving} archived />
        ) : detail.conditions.length > 0 || detail.later.length > 0 ? (
          <p className="muted">
            {decision.reference} cannot be archived while{' '}
            {[
              detail.conditions.length > 0 ? 'it has conditions' : '',
              detail.later.length > 0 ? 'later decisions link to it' : '',
            ]
              .filter(Boolean)
              .join(' and ')}
            : its record stays in the register.
          </p>
        ) : (
          <>
            <p className="muted">
              Archiving takes the decision out of the register; its reference is never used again. It can be restored
              later.
            </p>
            <ArchiveButton
              archiving={archiving}
              archived={false}
              tone="secondary"
              label={<>Archive {decision.reference}</>}
            />
          </>
        )}
      </Panel>

      <RecordHistory target="decisions" id={decision.id} what="this decision" />

      {confirmSign && (
        <SignatureDialog
          reference={decision.reference}
          decisionDate={decision.date}
          onSign={(signature) => void runSign(signature)}
          onCancel={() => setConfirmSign(false)}
        />
      )}
    </>
  );
}
