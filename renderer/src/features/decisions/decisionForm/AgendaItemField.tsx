/** The agenda item a decision was taken on, chosen from its meeting's agenda. */
import type { ReactNode } from 'react';
import { useQuery } from '../../../apiHooks.ts';
import { Field } from '../../../components/Field.tsx';

/** The agenda items of the chosen meeting, to say which item the decision was taken on. */
export function AgendaItemField(props: {
  readonly meetingId: string;
  readonly value: string;
  readonly error: string | undefined;
  readonly onChange: (itemId: string) => void;
}): ReactNode {
  const { meetingId, value, error, onChange } = props;
  const meeting = useQuery('meetings:get', { id: meetingId });
  const agenda = meeting.status === 'ok' ? meeting.value.meeting.agenda : [];
  return (
    <Field label="Agenda item" optional error={error}>
      {(control) => (
        <select {...control} className="input input-wide" value={value} onChange={(e) => onChange(e.target.value)}>
          <option value="">No particular item</option>
          {agenda.map((item) => (
            <option key={item.id} value={item.id}>
              {item.number}. {item.title}
              {item.confidential ? ' (in private)' : ''}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
