/**
 * The forward plan (`#/contracts/forward-plan`): every contract event of the
 * next 12 months that needs a decision or a notice, by month and by meeting,
 * with "add to the agenda of …" for each, and the plan as a document to
 * publish.
 */
import { useState, type ReactNode } from 'react';
import type { ForwardEvent } from '../../../../shared/rules/forwardPlan.ts';
import { useMutation, useQuery } from '../../apiHooks.ts';
import { linkTo } from '../../app/location.ts';
import { Breadcrumb } from '../../components/Breadcrumb.tsx';
import { DataTable } from '../../components/DataTable.tsx';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { LoadProblem } from '../../components/LoadProblem.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { Panel } from '../../components/Panel.tsx';
import { announce } from '../../components/UndoToast.tsx';
import { formatCalendarDate } from '../../format.ts';
import { ExportMenu } from '../documents/ExportMenu.tsx';

function AddToAgenda({ event }: { readonly event: ForwardEvent }): ReactNode {
  const add = useMutation('meetings:addContractItem');
  const [done, setDone] = useState(false);
  if (event.meeting === null) return <span className="muted">No meeting in the calendar before it</span>;
  const meeting = event.meeting;
  const label = `${meeting.title}, ${formatCalendarDate(meeting.date)}`;
  return (
    <>
      <button
        type="button"
        className="button button-small button-secondary"
        disabled={add.pending || done}
        onClick={() =>
          void add
            .run({ id: meeting.id, contractId: event.contractId, title: `${event.contractReference}: ${event.title}` })
            .then((r) => {
              if (r.ok) {
                announce(r.value.summary);
                setDone(true);
              }
            })
        }
      >
        {done ? 'Added to the agenda of' : 'Add to the agenda of'} {label}
      </button>
      {add.error !== undefined && <ErrorMessage>{add.error.message}</ErrorMessage>}
    </>
  );
}

function EventTable({
  caption,
  events,
}: {
  readonly caption: string;
  readonly events: readonly ForwardEvent[];
}): ReactNode {
  return (
    <DataTable caption={caption} columns={['Date', 'Event', 'Needs', 'Agenda']}>
      {events.map((e) => (
        <tr key={e.key}>
          <td className="nowrap">{formatCalendarDate(e.date)}</td>
          <td>
            {e.title}
            <div className="cell-note">
              <a href={linkTo(['contracts', e.contractId])}>{e.contractReference}</a>
            </div>
          </td>
          <td>{e.needs === 'notice' ? 'A notice' : 'A decision'}</td>
          <td>
            <AddToAgenda event={e} />
          </td>
        </tr>
      ))}
    </DataTable>
  );
}

/** The forward plan page. */
export function ForwardPlanPage(): ReactNode {
  const plan = useQuery('contracts:forwardPlan', {});
  const [by, setBy] = useState<'month' | 'meeting'>('month');
  return (
    <>
      <Breadcrumb trail={[{ href: linkTo(['contracts']), label: 'Contracts' }]} />
      <PageHeading>Forward plan</PageHeading>
      {plan.status === 'loading' && <p className="muted">Loading…</p>}
      {plan.status === 'error' && <LoadProblem what="The forward plan" error={plan.error} />}
      {plan.status === 'ok' && (
        <>
          <p className="page-subtitle">
            Contract events from {formatCalendarDate(plan.value.from)} to {formatCalendarDate(plan.value.to)} that need
            a decision or a notice; each is set against the last meeting on or before its date.
          </p>
          <fieldset className="choice-group">
            <legend>Group by</legend>
            <label>
              <input type="radio" name="by" checked={by === 'month'} onChange={() => setBy('month')} /> Month
            </label>{' '}
            <label>
              <input type="radio" name="by" checked={by === 'meeting'} onChange={() => setBy('meeting')} /> Meeting
            </label>
          </fieldset>
          {plan.value.events.length === 0 && (
            <p className="muted">Nothing needs a decision or a notice in the next 12 months.</p>
          )}
          {by === 'month'
            ? plan.value.months.map((m) => (
                <Panel key={m.month} id={`fp-${m.month}`} title={m.label}>
                  <EventTable caption={`Contract events in ${m.label}`} events={m.events} />
                </Panel>
              ))
            : plan.value.meetings.map((g) => {
                const title = g.meeting
                  ? `${g.meeting.title}, ${formatCalendarDate(g.meeting.date)}`
                  : 'No meeting in the calendar before them';
                return (
                  <Panel key={g.meeting?.id ?? 'none'} id={`fp-${g.meeting?.id ?? 'none'}`} title={title}>
                    <EventTable caption={`Contract events for ${title}`} events={g.events} />
                  </Panel>
                );
              })}
          <Panel id="fp-export" title="Publish the forward plan">
            <ExportMenu target={{ document: 'forwardPlan' }} legend="Export the forward plan" />
          </Panel>
        </>
      )}
    </>
  );
}
