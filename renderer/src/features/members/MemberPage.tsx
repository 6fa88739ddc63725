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
import { useChange } from '../../changes.ts';
import { Breadcrumb } from '../../components/Breadcrumb.tsx';
import { RecordPending } from '../../components/LoadProblem.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { formatCalendarDate } from '../../format.ts';
import { activeSpan } from './MembersList.tsx';

/** The member page. */
export function MemberPage({ id }: { readonly id: string }): ReactNode {
  const detail = useQuery('members:get', { id });
  const archive = useChange('members:archive');
  const unarchive = useChange('members:unarchive');
  const problem = archive.error ?? unarchive.error;

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
          {archived ? (
            <button
              type="button"
              className="button button-secondary"
              disabled={unarchive.pending}
              onClick={() => {
                archive.reset();
                void unarchive.run({ id: member.id });
              }}
            >
              Restore from the archive
            </button>
          ) : (
            <button
              type="button"
              className="button button-quiet"
              disabled={archive.pending}
              onClick={() => {
                unarchive.reset();
                void archive.run({ id: member.id });
              }}
            >
              Archive
            </button>
          )}
        </div>
      </div>
      {problem !== undefined && (
        <p role="alert" className="message message-error">
          {problem.message}
        </p>
      )}
      {archived && (
        <p className="message message-warning">
          This member is archived: they are not offered for new meetings’ attendance.
        </p>
      )}

      <section className="panel" aria-labelledby="member-interests">
        <h2 id="member-interests" className="panel-title">
          Registered interests
        </h2>
        {member.interests.length === 0 ? (
          <p className="empty-state">
            None registered. <a href={linkTo(['members', member.id, 'edit'])}>Add interests from the register</a>.
          </p>
        ) : (
          <ul className="plain-list">
            {member.interests.map((interest) => (
              <li key={interest}>{interest}</li>
            ))}
          </ul>
        )}
      </section>

      <section className="panel" aria-labelledby="member-declarations">
        <h2 id="member-declarations" className="panel-title">
          Declarations of interest
        </h2>
        {declarations.length === 0 ? (
          <p className="empty-state">
            {member.name} has not declared an interest on any agenda item. Declarations are recorded on a meeting’s
            agenda, item by item.
          </p>
        ) : (
          <div className="table-wrap">
            <table className="table">
              <caption className="visually-hidden">Agenda items where {member.name} declared an interest</caption>
              <thead>
                <tr>
                  <th scope="col">Meeting</th>
                  <th scope="col">Item</th>
                  <th scope="col">Interest declared</th>
                </tr>
              </thead>
              <tbody>
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
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}
