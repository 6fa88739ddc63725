/**
 * The dashboard: what a member wants to know before walking into a meeting.
 * The next meeting and how much of its pack is read, the conditions that are
 * overdue or due in the next 30 days, contracts ending within 12 months,
 * conditions by status, and the direct awards. With no records yet, it offers
 * the sample board.
 */
import type { ReactNode } from 'react';
import type { ConditionRow, DashboardView, ListHead } from '../../../../shared/contract/views.ts';
import { useQuery } from '../../apiHooks.ts';
import { linkTo } from '../../app/location.ts';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { DataTable } from '../../components/DataTable.tsx';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { LoadProblem } from '../../components/LoadProblem.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { Panel } from '../../components/Panel.tsx';
import { ProgressBar } from '../../components/ProgressBar.tsx';
import { StatusTag } from '../../components/StatusTag.tsx';
import { formatCalendarDate, formatCalendarDateLong, formatDateTimeLong, formatTimeOfDay } from '../../format.ts';
import { formatGbp } from '../../money.ts';
import { ConditionStatusTag } from '../conditions/conditionWords.tsx';
import { DirectAwardFlag } from '../contracts/contractWords.tsx';
import { ExportMenu } from '../documents/ExportMenu.tsx';
import { ConditionsChart } from './ConditionsChart.tsx';
import { useSampleBoard } from './sampleBoard.ts';
import { busyButtonProps } from '../../components/busyButton.ts';

const count = new Intl.NumberFormat('en-GB');

function Tile(props: {
  readonly value: number;
  readonly one: string;
  readonly many: string;
  readonly href: string;
  readonly tone: 'bad' | 'warn' | 'info' | 'neutral';
}): ReactNode {
  const { value, one, many, href, tone } = props;
  return (
    <li className={value > 0 ? `tile tile-${tone}` : 'tile'}>
      <a href={href} className="tile-link">
        <span className="tile-value">{count.format(value)}</span>{' '}
        <span className="tile-label">{value === 1 ? one : many}</span>
      </a>
    </li>
  );
}

function ConditionTable({
  caption,
  rows,
}: {
  readonly caption: string;
  readonly rows: readonly ConditionRow[];
}): ReactNode {
  return (
    <DataTable caption={caption} columns={[{ label: 'Condition', main: true }, 'Decision', 'Due', 'Status']}>
      {rows.map((c) => (
        <tr key={c.id}>
          <td>
            <a href={linkTo(['conditions', c.id])}>{c.wording}</a>
            <div className="cell-note">{c.owner}</div>
          </td>
          <td className="nowrap">
            <a href={linkTo(['decisions', c.decisionId])}>{c.decisionReference}</a>
          </td>
          <td className="nowrap">{formatCalendarDate(c.due)}</td>
          <td>
            <ConditionStatusTag status={c.status} overdue={c.overdue} />
          </td>
        </tr>
      ))}
    </DataTable>
  );
}

/** Under a list that shows only its first rows: "20 of 11,064 overdue: see all in Conditions". */
function ListMore(props: {
  readonly list: ListHead<unknown>;
  readonly what: string;
  readonly href: string;
  readonly register: string;
}): ReactNode {
  const { list, what, href, register } = props;
  if (list.total <= list.rows.length) return null;
  return (
    <p className="list-more">
      {count.format(list.rows.length)} of {count.format(list.total)} {what}: <a href={href}>see all in {register}</a>
    </p>
  );
}

function EmptyBoard(): ReactNode {
  const sample = useSampleBoard();
  return (
    <div className="empty-state empty-state-large">
      <h2 className="empty-state-title">Nothing is recorded yet</h2>
      <p>
        This is where you will see, before each meeting, which conditions of the board’s decisions are overdue or fall
        due soon, how much of the next pack you have read, and which contracts end within the year.
      </p>
      <p>
        To see how it works, load the sample board: a policing oversight board’s decisions of 2026 on a blocked
        single-supplier contract and a pilot extended with conditions. Or start with your own members, meetings and
        decisions.
      </p>
      <div className="button-row">
        <button
          type="button"
          className="button button-primary"
          {...busyButtonProps(sample.pending)}
          onClick={() => void sample.load()}
        >
          {sample.pending ? 'Loading the sample board…' : 'Load the sample board'}
        </button>
        <a className="button button-secondary" href={linkTo(['decisions', 'new'])}>
          Record a decision
        </a>
      </div>
      {sample.error !== undefined && (
        <ErrorMessage>The sample board was not loaded: {sample.error.message}</ErrorMessage>
      )}
      <ConfirmDialog
        open={sample.question !== undefined}
        title="Load the sample board beside your data?"
        confirmLabel="Back up, then load the sample"
        onConfirm={() => void sample.confirm()}
        onCancel={sample.cancel}
      >
        <p>{sample.question}</p>
      </ConfirmDialog>
    </div>
  );
}

function Dashboard({ view }: { readonly view: DashboardView }): ReactNode {
  const meeting = view.nextMeeting;
  return (
    <>
      <ul className="tiles" aria-label="At a glance">
        <Tile
          value={view.overdue.total}
          one="overdue condition"
          many="overdue conditions"
          href={linkTo(['conditions'], { due: 'overdue' })}
          tone="bad"
        />
        <Tile
          value={view.dueSoon.total}
          one="condition due in 30 days"
          many="conditions due in 30 days"
          href={linkTo(['conditions'], { due: 'next30' })}
          tone="warn"
        />
        <Tile
          value={view.contractsEnding.total}
          one="contract ending within 12 months"
          many="contracts ending within 12 months"
          href={linkTo(['contracts'])}
          tone="info"
        />
        <Tile
          value={view.directAwards.total}
          one="direct award"
          many="direct awards"
          href={linkTo(['contracts'], { route: 'direct_award' })}
          tone="warn"
        />
      </ul>

      <div className="dashboard-grid">
        <Panel id="dash-meeting" title="Next meeting">
          {meeting === null ? (
            <p className="muted">
              No meeting is planned. <a href={linkTo(['meetings'])}>Plan the next meeting</a> to build its agenda and
              pack.
            </p>
          ) : (
            <>
              <p className="lead">
                <a href={linkTo(['meetings', meeting.id])}>{meeting.title}</a>
              </p>
              <p>
                {formatCalendarDateLong(meeting.date)}
                {meeting.time && `, ${meeting.time}`}
                {meeting.place && <span className="muted"> · {meeting.place}</span>}
              </p>
              <p className="pack-progress">
                {meeting.pack.total === 0
                  ? 'No papers in the pack yet.'
                  : `${meeting.pack.read} of ${meeting.pack.total} ${meeting.pack.total === 1 ? 'paper' : 'papers'} in the pack read.`}
              </p>
              {meeting.pack.total > 0 && <ProgressBar value={meeting.pack.read} max={meeting.pack.total} />}
            </>
          )}
        </Panel>
        <Panel id="dash-chart" title="Conditions by status">
          <ConditionsChart counts={view.conditionsByStatus} />
        </Panel>
      </div>

      <Panel id="dash-overdue" title="Overdue conditions">
        {view.overdue.total === 0 && view.overdueMilestones.total === 0 ? (
          <p className="muted">Nothing is overdue.</p>
        ) : (
          <>
            {view.overdue.total > 0 && (
              <>
                <ConditionTable caption="Overdue conditions, longest overdue first" rows={view.overdue.rows} />
                <ListMore
                  list={view.overdue}
                  what="overdue"
                  href={linkTo(['conditions'], { due: 'overdue' })}
                  register="Conditions"
                />
              </>
            )}
            {view.overdueMilestones.total > 0 && (
              <>
                <DataTable
                  caption="Overdue contract milestones, longest overdue first"
                  columns={['Contract milestone', 'Contract', 'Due']}
                >
                  {view.overdueMilestones.rows.map((m) => (
                    <tr key={m.key}>
                      <td>
                        <a href={`#/deadlines?key=${encodeURIComponent(m.key)}`}>{m.title}</a>
                        <div className="cell-note">Contract milestone{m.owner ? ` · ${m.owner}` : ''}</div>
                      </td>
                      <td className="nowrap">
                        <a href={linkTo(['contracts', m.contractId])}>{m.contractReference}</a>
                      </td>
                      <td className="nowrap">{formatCalendarDate(m.due)}</td>
                    </tr>
                  ))}
                </DataTable>
                <ListMore
                  list={view.overdueMilestones}
                  what="overdue contract milestones"
                  href={linkTo(['deadlines'])}
                  register="Deadlines"
                />
              </>
            )}
          </>
        )}
      </Panel>

      <Panel id="dash-soon" title="Due in the next 30 days">
        {view.dueSoon.total === 0 ? (
          <p className="muted">Nothing falls due in the next 30 days.</p>
        ) : (
          <>
            <ConditionTable caption="Conditions due in the next 30 days, soonest first" rows={view.dueSoon.rows} />
            <ListMore
              list={view.dueSoon}
              what="due in the next 30 days"
              href={linkTo(['conditions'], { due: 'next30' })}
              register="Conditions"
            />
          </>
        )}
      </Panel>

      <Panel id="dash-report" title="Conditions report">
        <p className="section-intro">
          Every open condition rated red, amber or green and grouped by decision, for the next meeting’s pack.
        </p>
        <ExportMenu target={{ document: 'conditionsReport' }} legend="Export the conditions report" />
      </Panel>

      <Panel id="dash-contracts" title="Contracts ending within 12 months">
        {view.contractsEnding.total === 0 ? (
          <p className="muted">No contract ends within the next 12 months.</p>
        ) : (
          <DataTable
            caption="Contracts ending within 12 months, soonest first"
            columns={['Contract', 'Term ends', { label: 'Value with options', className: 'numeric' }]}
          >
            {view.contractsEnding.rows.map((c) => (
              <tr key={c.id}>
                <td>
                  <a href={linkTo(['contracts', c.id])}>
                    <span className="reference">{c.reference}</span> {c.title}
                  </a>{' '}
                  {c.directAward && <DirectAwardFlag />}
                </td>
                <td className="nowrap">{formatCalendarDate(c.termEnd)}</td>
                <td className="numeric nowrap">{formatGbp(c.valueWithOptionsGbp)}</td>
              </tr>
            ))}
          </DataTable>
        )}
        <ListMore
          list={view.contractsEnding}
          what="ending within 12 months"
          href={linkTo(['contracts'], { sort: 'termEnd' })}
          register="Contracts"
        />
      </Panel>

      <Panel id="dash-procurement" title="Procurement flags">
        <p className="section-intro">
          What procurement law asks of the board’s contracts and is not recorded, with the section it comes from.
        </p>
        {view.procurementFlags.total === 0 ? (
          <p className="muted">No flags.</p>
        ) : (
          <ul className="plain-list" aria-label="Procurement flags">
            {view.procurementFlags.rows.map((r, i) => (
              <li key={`${r.contractId}-${r.flag.code}-${i}`}>
                <a href={linkTo(['contracts', r.contractId])}>
                  <span className="reference">{r.reference}</span> {r.title}
                </a>
                : <strong>{r.flag.title}.</strong> {r.flag.why} <span className="muted">({r.flag.source})</span>
              </li>
            ))}
          </ul>
        )}
        <ListMore
          list={view.procurementFlags}
          what="procurement flags"
          href={linkTo(['contracts'])}
          register="Contracts"
        />
      </Panel>

      <Panel id="dash-retender" title="Re-tender plans">
        {view.retenderPlans.total === 0 ? (
          <p className="muted">No re-tender is planned.</p>
        ) : (
          <DataTable caption="Re-tender plans" columns={['Contract', 'New contract starts', 'Next step', 'On track']}>
            {view.retenderPlans.rows.map((p) => (
              <tr key={p.contractId}>
                <td>
                  <a href={linkTo(['contracts', p.contractId])}>
                    <span className="reference">{p.reference}</span> {p.title}
                  </a>
                </td>
                <td className="nowrap">{formatCalendarDate(p.requiredStart)}</td>
                <td>
                  {p.nextStep ? (
                    <>
                      {p.nextStep.title}, {formatCalendarDate(p.nextStep.date)}
                    </>
                  ) : (
                    'All steps done'
                  )}
                </td>
                <td>
                  {p.onTrack ? (
                    <StatusTag tone="good">On track</StatusTag>
                  ) : (
                    <>
                      <StatusTag tone="bad">Not on track</StatusTag>
                      <ul className="plain-list cell-note">
                        {p.warnings.map((w) => (
                          <li key={w}>{w}</li>
                        ))}
                      </ul>
                    </>
                  )}
                </td>
              </tr>
            ))}
          </DataTable>
        )}
      </Panel>

      <Panel id="dash-direct" title="Direct awards">
        <p className="section-intro">Contracts let to a single supplier without testing the market.</p>
        {view.directAwards.total === 0 ? (
          <p className="muted">None recorded.</p>
        ) : (
          <ul className="link-list">
            {view.directAwards.rows.map((c) => (
              <li key={c.id}>
                <DirectAwardFlag />{' '}
                <a href={linkTo(['contracts', c.id])}>
                  <span className="reference">{c.reference}</span> {c.title}
                </a>{' '}
                <span className="muted">
                  {c.suppliers.join(', ')} · {formatGbp(c.valueWithOptionsGbp)}
                </span>
              </li>
            ))}
          </ul>
        )}
        <ListMore
          list={view.directAwards}
          what="direct awards"
          href={linkTo(['contracts'], { route: 'direct_award' })}
          register="Contracts"
        />
      </Panel>
    </>
  );
}

/** The Dashboard area. */
export function DashboardPage(): ReactNode {
  // While the store opens, the answer kept from the last run (or worked out from the records it kept) is shown
  // (provisional) and asked again until the store's own comes.
  const view = useQuery('dashboard:get', {}, { pollWhile: (value) => value.provisional !== undefined });
  return (
    <>
      <PageHeading>Dashboard</PageHeading>
      {view.status === 'ok' && <p className="page-subtitle">Today is {formatCalendarDateLong(view.value.today)}.</p>}
      {view.status === 'ok' && view.value.provisional !== undefined && (
        <p className="muted" role="status">
          {view.value.provisional.from === 'answer' ? (
            <>
              Opening the record: these figures are as Boardkeeper left them at{' '}
              {formatTimeOfDay(view.value.provisional.keptAt)}, and are checked against the record in a moment.
            </>
          ) : (
            <>
              Opening the record: these figures are worked out for today from the records as Boardkeeper left them on{' '}
              {formatDateTimeLong(view.value.provisional.keptAt)}, and are checked against the record in a moment.
            </>
          )}
        </p>
      )}
      {view.status === 'loading' && <p className="muted">Loading…</p>}
      {view.status === 'error' && <LoadProblem what="The dashboard" error={view.error} />}
      {view.status === 'ok' && (view.value.empty ? <EmptyBoard /> : <Dashboard view={view.value} />)}
    </>
  );
}
