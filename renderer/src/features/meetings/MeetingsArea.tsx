/**
 * The Meetings area: upcoming and past (`#/meetings`), a new meeting
 * (`#/meetings/new`), a meeting's page (`#/meetings/<id>`, `?item=<id>` to
 * show one item), its details (`…/edit`), its agenda editor (`…/agenda`) and
 * a compiled pack in the reader (`…/packs/<packId>?page=12`).
 */
import type { ReactNode } from 'react';
import { useQuery } from '../../apiHooks.ts';
import { linkTo, useFocusHeadingOnPageChange, usePlace } from '../../app/location.ts';
import { Breadcrumb } from '../../components/Breadcrumb.tsx';
import { LoadProblem } from '../../components/LoadProblem.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { AgendaEditor } from './AgendaEditor.tsx';
import { MeetingDetailsForm } from './MeetingDetailsForm.tsx';
import { MeetingPage } from './MeetingPage.tsx';
import { MeetingsList } from './MeetingsList.tsx';
import { PackReader } from '../packs/PackReader.tsx';

function MeetingSubpage({ id, kind }: { readonly id: string; readonly kind: 'edit' | 'agenda' }): ReactNode {
  const detail = useQuery('meetings:get', { id });
  const title = detail.status === 'ok' ? detail.value.meeting.title : 'Meeting';
  return (
    <>
      <Breadcrumb
        trail={[
          { href: linkTo(['meetings']), label: 'Meetings' },
          { href: linkTo(['meetings', id]), label: title },
        ]}
      />
      <PageHeading>{kind === 'agenda' ? `Agenda: ${title}` : `Edit the meeting: ${title}`}</PageHeading>
      {detail.status === 'loading' && <p className="muted">Loading…</p>}
      {detail.status === 'error' && <LoadProblem what="This meeting" error={detail.error} />}
      {detail.status === 'ok' &&
        (kind === 'agenda' ? (
          <AgendaEditor key={id} detail={detail.value} />
        ) : (
          <MeetingDetailsForm key={id} meeting={detail.value.meeting} />
        ))}
    </>
  );
}

/** Shows the meetings page the address names. */
export function MeetingsArea(): ReactNode {
  const { path, query } = usePlace();
  const [first, second, third] = path;
  useFocusHeadingOnPageChange(path.join('/'));
  if (first === undefined) return <MeetingsList query={query} />;
  if (first === 'new') {
    return (
      <>
        <Breadcrumb trail={[{ href: linkTo(['meetings']), label: 'Meetings' }]} />
        <PageHeading>Plan a meeting</PageHeading>
        <MeetingDetailsForm />
      </>
    );
  }
  if (second === 'edit' || second === 'agenda') return <MeetingSubpage id={first} kind={second} />;
  if (second === 'packs' && third !== undefined) {
    const page = Number(query.get('page'));
    return (
      <PackReader
        key={third}
        meetingId={first}
        packId={third}
        page={Number.isInteger(page) && page >= 1 ? page : undefined}
      />
    );
  }
  return <MeetingPage id={first} item={query.get('item') ?? undefined} />;
}
