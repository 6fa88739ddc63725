/**
 * Attendance at a meeting, member by member: present, apologies, absent or
 * in attendance (not a member of the board, there to advise), or not yet
 * recorded. Saved in one go; the quorum check follows.
 */
import { useRef, useState, type FormEvent, type ReactNode } from 'react';
import { ATTENDANCE_LABELS, ATTENDANCE_STATUSES, type AttendanceStatus } from '../../../../shared/schema/meetings.ts';
import { MEMBER_ROLE_LABELS } from '../../../../shared/schema/members.ts';
import type { MeetingDetail } from '../../../../shared/contract/views.ts';
import { linkTo } from '../../app/location.ts';
import { useChange } from '../../changes.ts';
import { DataTable } from '../../components/DataTable.tsx';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { useFocusFirstInvalid } from '../../components/Field.tsx';
import { fieldErrorsOf } from '../../fieldErrors.ts';
import { busyButtonProps } from '../../components/busyButton.ts';

type Choice = AttendanceStatus | '';

function isChoice(value: string): value is Choice {
  return value === '' || (ATTENDANCE_STATUSES as readonly string[]).includes(value);
}

/** The attendance form of a meeting. */
export function AttendanceForm({ detail }: { readonly detail: MeetingDetail }): ReactNode {
  const { meeting, members } = detail;
  const [choices, setChoices] = useState<ReadonlyMap<string, Choice>>(
    () => new Map(meeting.attendance.map((a) => [a.memberId, a.status])),
  );
  const [notice, setNotice] = useState<string | undefined>(undefined);
  const update = useChange('meetings:update');
  const form = useRef<HTMLFormElement>(null);
  useFocusFirstInvalid(form, update.error);
  const errors = fieldErrorsOf(update.error);
  const order = members.map((m) => m.id).filter((id) => (choices.get(id) ?? '') !== '');

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    setNotice(undefined);
    const attendance = order.flatMap((memberId) => {
      const status = choices.get(memberId);
      return status === undefined || status === '' ? [] : [{ memberId, status }];
    });
    const result = await update.run({ id: meeting.id, attendance });
    if (result.ok) setNotice('Attendance saved.');
  }

  if (members.length === 0) {
    return (
      <p className="empty-state">
        There are no members to record. <a href={linkTo(['members', 'new'])}>Add the board’s members</a> first.
      </p>
    );
  }

  return (
    <form ref={form} noValidate onSubmit={(event) => void submit(event)}>
      {update.error !== undefined && <ErrorMessage>Attendance was not saved: {update.error.message}</ErrorMessage>}
      <DataTable caption="Attendance" columns={['Member', 'Role', 'Attendance']}>
        {members.map((member) => {
          const problem = errors[`attendance.${order.indexOf(member.id)}.memberId`];
          return (
            <tr key={member.id}>
              <th scope="row" className="row-heading">
                <a href={linkTo(['members', member.id])}>{member.name}</a>
              </th>
              <td>{MEMBER_ROLE_LABELS[member.role]}</td>
              <td>
                <select
                  className="input input-compact"
                  aria-label={`Attendance of ${member.name}`}
                  aria-invalid={problem !== undefined}
                  value={choices.get(member.id) ?? ''}
                  onChange={(e) => {
                    const value = e.target.value;
                    if (!isChoice(value)) return;
                    setNotice(undefined);
                    setChoices((c) => new Map(c).set(member.id, value));
                  }}
                >
                  <option value="">Not recorded</option>
                  {ATTENDANCE_STATUSES.map((status) => (
                    <option key={status} value={status}>
                      {ATTENDANCE_LABELS[status]}
                    </option>
                  ))}
                </select>
                {problem !== undefined && <p className="field-error">{problem}</p>}
              </td>
            </tr>
          );
        })}
      </DataTable>
      <div className="button-row">
        <button type="submit" className="button button-primary" {...busyButtonProps(update.pending)}>
          {update.pending ? 'Saving…' : 'Save attendance'}
        </button>
        <button
          type="button"
          className="button button-secondary"
          onClick={() => {
            setNotice(undefined);
            setChoices((c) => {
              const next = new Map(c);
              for (const m of members) if ((next.get(m.id) ?? '') === '') next.set(m.id, 'present');
              return next;
            });
          }}
        >
          Mark the rest present
        </button>
        <p role="status" className="inline-status">
          {notice}
        </p>
      </div>
    </form>
  );
}
