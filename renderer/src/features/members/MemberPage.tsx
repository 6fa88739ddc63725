/**
 * A member's page: role, contact, when active, registered interests, and
 * every agenda item where they declared an interest, with links to the
 * meetings. Archive is refused while meetings list them; the backend's
 * reason is shown as it is.
 */
import type { ReactNode } from 'react';
import { MEMBER_ROLE_LABELS, VOTING_ROLES } from '../../../../shared/schema/members.ts';
import { useQuery } from '../../apiHooks.ts';
import { linkTo } from '../../app/location.ts';
import { ArchiveButton, useArchiving } from '../../components/ArchiveControls.tsx';
import { Breadcrumb } from '../../components/Breadcrumb.tsx';
import { DataTable } from '../../components/DataTable.tsx';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { RecordPending } from '../../components/LoadProblem.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { Panel } from '../../components/Panel.tsx';
import { formatCalendarDate } from '../../format.ts';
import { MemberIdentity } from './MemberIdentity.tsx';
import { activeSpan } from './MembersList.tsx';
import { RecordHistory } from '../../components/RecordHistory.tsx';

/** The member page. */
export function MemberPage({ id }: { readonly id: string }): ReactNode {
  const detail = useQuery('members:get', { id });
  const archiving = useArchiving('members', id);

  if (detail.status !== 'ok') {
    return (
      <RecordPending
        state={detail}
        heading="Member"
        what="This member"
        back={{ href: linkTo(['members']), label: 'All members' }}
      />
    );
  }
  const { member, declarations } = detail.value;
  const archived = Boolean(member.archivedAt);
  const active = activeSpan(member.activeFrom, member.activeTo);

  return (
    <>
      <Breadcrumb trail={[{ href: linkTo(['members']), label: 'Members' }]} />
      <div className="page-head">
        <div className="page-head-main">
          <PageHeading>{member.name}</PageHeading>
          <p className="page-subtitle">
            <span>
              {MEMBER_ROLE_LABELS[member.role]}
              {member.jobTitle && `: ${member.jobTitle}`}
              {VOTING_ROLES.includes(member.role)
                ? ', counts towards the quorum'
                : ', does not count towards the quorum'}
            </span>
            {member.email && <span>{member.email}</span>}
            {active && <span>Active {active.charAt(0).toLowerCase() + active.slice(1)}</span>}
            {archived && <span className="badge badge-muted">Archived</span>}
          </p>
        </div>
        <div className="button-row page-actions">
          <a className="button button-secondary" href={linkTo(['members', member.id, 'edit'])}>
            Edit<span className="visually-hidden"> {member.name}</span>
          </a>
          <ArchiveButton archiving={archiving} archived={archived} />
        </div>
      </div>
      {archiving.problem !== undefined && <ErrorMessage>{archiving.problem.message}</ErrorMessage>}
      {archived && (
        <p className="message message-warning">
          This member is archived: they are not offered for new meetings’ attendance.
        </p>
      )}

      <Panel id="member-interests" title="Registered interests">
        {member.interests.length === 0 ? (
          <p className="empty-state">
            None registered. <a href={linkTo(['members', member.id, 'edit'])}>Add interests from the register</a>.
          </p>
        ) : (
          <ul className="plain-list">
            {member.interests.map((interest, i) => {
              const organisation = member.interestOrganisations?.[i]?.trim() ?? '';
              return (
                <li key={`${i}:${interest}`}>
                  {interest}
                  {organisation !== '' && <span className="muted"> (organisation: {organisation})</span>}
                </li>
              );
            })}
          </ul>
        )}
      </Panel>

      {!archived && <MemberIdentity member={member} />}

      <Panel id="member-declarations" title="Declarations of interest">
        {declarations.length === 0 ? (
          <p className="empty-state">
            {member.name} has not declared an interest on any agenda item. Declarations are recorded on a meeting’s
            agenda, item by item.
          </p>
        ) : (
          <DataTable
            caption={<>Agenda items where {member.name} declared an interest</>}
            columns={['Meeting', 'Item', 'Interest declared']}
          >
            {declarations.map((d) => (
              <tr key={`${d.meetingId}:${d.itemId}`}>
                <td>
                  <a href={linkTo(['meetings', d.meetingId])}>{d.meetingTitle}</a>
                  <div className="cell-note">{formatCalendarDate(d.meetingDate)}</div>
                </td>
                <td>
                  <a href={linkTo(['meetings', d.meetingId], { item: d.itemId })}>
                    {d.itemNumber}. {d.itemTitle}
                  </a>
                </td>
                <td>{d.interest}</td>
              </tr>
            ))}
          </DataTable>
        )}
      </Panel>

      <RecordHistory target="members" id={member.id} what="this member" />
    </>
  );
}
