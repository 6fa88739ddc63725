/**
 * The quorum check of a meeting and of each agenda item, in words: how many
 * voting members are counted against how many are needed, and who was left
 * out of an item for declaring an interest in it.
 */
import type { ReactNode } from 'react';
import type { MeetingDetail } from '../../../../shared/contract/views.ts';
import { DataTable } from '../../components/DataTable.tsx';

/** "Quorate" or "Not quorate", with a mark that does not rely on colour. */
export function QuorumBadge({ quorate }: { readonly quorate: boolean }): ReactNode {
  return quorate ? (
    <span className="badge badge-good">
      <span aria-hidden="true">✓ </span>Quorate
    </span>
  ) : (
    <span className="badge badge-bad">
      <span aria-hidden="true">✗ </span>Not quorate
    </span>
  );
}

function counted(present: number, required: number): string {
  return `${present} of ${required} needed`;
}

/** The quorum panel's content. */
export function QuorumCheck({ detail }: { readonly detail: MeetingDetail }): ReactNode {
  const { quorum, meeting } = detail;
  const nameOf = new Map(detail.members.map((m) => [m.id, m.name]));
  const recorded = meeting.attendance.some((a) => a.status === 'present');
  return (
    <>
      <p className="quorum-line">
        <QuorumBadge quorate={quorum.meeting.quorate} />{' '}
        <span>
          {quorum.meeting.present} voting {quorum.meeting.present === 1 ? 'member is' : 'members are'} present; the
          quorum is {quorum.meeting.required}.
        </span>
      </p>
      {!recorded && (
        <p className="muted">
          No one is marked present yet. Record attendance below; the chair, members and independent members present
          count towards the quorum.
        </p>
      )}
      {quorum.items.length > 0 && (
        <DataTable
          caption="Quorum for each agenda item"
          columns={['Item', 'Quorum', 'Counted', 'Left out for a declared interest']}
        >
          {quorum.items.map((check) => {
            const item = meeting.agenda.find((i) => i.id === check.itemId);
            return (
              <tr key={check.itemId}>
                <td>{item !== undefined ? `${item.number}. ${item.title}` : check.itemId}</td>
                <td className="nowrap">
                  <QuorumBadge quorate={check.quorate} />
                </td>
                <td>{counted(check.present, check.required)}</td>
                <td>
                  {check.excluded.length === 0 ? 'No one' : check.excluded.map((id) => nameOf.get(id) ?? id).join(', ')}
                </td>
              </tr>
            );
          })}
        </DataTable>
      )}
    </>
  );
}
