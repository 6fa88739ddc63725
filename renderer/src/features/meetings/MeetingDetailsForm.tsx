/**
 * Plans a meeting or edits its details: title, date, time, place, whether it
 * is held remotely, and its status. The agenda and attendance have their own
 * forms on the meeting's page.
 */
import { useRef, useState, type FormEvent, type ReactNode } from 'react';
import { MEETING_STATUSES, type Meeting } from '../../../../shared/schema/meetings.ts';
import { goTo, linkTo } from '../../app/location.ts';
import { useChange } from '../../changes.ts';
import {
  CheckboxField,
  ChoiceField,
  DateField,
  ErrorSummary,
  InputField,
  useFocusFirstInvalid,
} from '../../components/Field.tsx';
import { fieldErrorsOf } from '../../fieldErrors.ts';
import { MEETING_STATUS_LABELS } from './meetingText.ts';
import { FormActions } from '../../components/FormActions.tsx';

type Status = Meeting['status'];

interface Draft {
  readonly title: string;
  readonly date: string;
  readonly time: string;
  readonly place: string;
  readonly remote: boolean;
  readonly status: Status;
}

const LABELS = { title: 'Title', date: 'Date', time: 'Time', place: 'Place', status: 'Status' } as const;

/** Props of {@link MeetingDetailsForm}. */
export interface MeetingDetailsFormProps {
  /** The meeting being edited; a new one when left out. */
  readonly meeting?: Meeting;
}

/** The meeting details form. */
export function MeetingDetailsForm({ meeting }: MeetingDetailsFormProps): ReactNode {
  const [draft, setDraft] = useState<Draft>({
    title: meeting?.title ?? '',
    date: meeting?.date ?? '',
    time: meeting?.time ?? '',
    place: meeting?.place ?? '',
    remote: meeting?.remote ?? false,
    status: meeting?.status ?? 'planned',
  });
  const create = useChange('meetings:create');
  const update = useChange('meetings:update');
  const error = meeting === undefined ? create.error : update.error;
  const errors = fieldErrorsOf(error);
  const form = useRef<HTMLFormElement>(null);
  useFocusFirstInvalid(form, error);
  const problems = (Object.keys(LABELS) as Array<keyof typeof LABELS>)
    .filter((field) => errors[field] !== undefined)
    .map((field) => `${LABELS[field]} ${errors[field]}`);

  function set<K extends keyof Draft>(field: K, value: Draft[K]): void {
    setDraft((d) => ({ ...d, [field]: value }));
  }

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    const result = meeting === undefined ? await create.run(draft) : await update.run({ id: meeting.id, ...draft });
    if (result.ok) goTo(linkTo(['meetings', result.value.id]));
  }

  const pending = create.pending || update.pending;
  return (
    <form ref={form} className="form" noValidate onSubmit={(event) => void submit(event)}>
      <ErrorSummary
        title={meeting === undefined ? 'The meeting was not added' : 'The changes were not saved'}
        problems={problems}
        message={error !== undefined && error.code !== 'invalid_input' ? error.message : undefined}
      />
      <InputField
        label={LABELS.title}
        hint="For example “Board meeting” or “Extraordinary meeting”."
        error={errors['title']}
        inputClassName="input input-wide"
        autoComplete="off"
        value={draft.title}
        onChange={(value) => set('title', value)}
      />
      <div className="field-pair">
        <DateField
          label={LABELS.date}
          error={errors['date']}
          value={draft.date}
          onChange={(value) => set('date', value)}
        />
        <InputField
          label={LABELS.time}
          optional
          hint="24-hour clock, e.g. 10:30."
          error={errors['time']}
          type="time"
          inputClassName="input input-time"
          value={draft.time}
          onChange={(value) => set('time', value)}
        />
      </div>
      <InputField
        label={LABELS.place}
        optional
        error={errors['place']}
        inputClassName="input input-wide"
        value={draft.place}
        onChange={(value) => set('place', value)}
      />
      <CheckboxField
        label="Held remotely, or with remote attendance"
        checked={draft.remote}
        onChange={(checked) => set('remote', checked)}
      />
      <ChoiceField
        label={LABELS.status}
        error={errors['status']}
        value={draft.status}
        choices={MEETING_STATUSES}
        labels={MEETING_STATUS_LABELS}
        onChange={(value) => set('status', value)}
      />
      <FormActions
        label={meeting === undefined ? 'Add the meeting' : 'Save changes'}
        pending={pending}
        cancel={meeting === undefined ? linkTo(['meetings']) : linkTo(['meetings', meeting.id])}
      />
    </form>
  );
}
