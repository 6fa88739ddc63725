/**
 * Meetings, their agenda items, attendance and declarations of interest.
 */
import { z } from 'zod';
import { CalendarDate, RecordBase } from './common.ts';

export const MEETING_STATUSES = ['planned', 'held', 'cancelled'] as const;
export const ATTENDANCE_STATUSES = ['present', 'apologies', 'absent', 'in_attendance'] as const;
export type AttendanceStatus = (typeof ATTENDANCE_STATUSES)[number];

export const ATTENDANCE_LABELS: { [S in AttendanceStatus]: string } = {
  present: 'Present',
  apologies: 'Apologies',
  absent: 'Absent',
  in_attendance: 'In attendance',
};

const Text = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { message: `must be at most ${max} characters` });

export const DeclarationSchema = z
  .object({
    memberId: z.string().startsWith('mem_', { message: 'must be a member' }),
    interest: Text(1000).min(1, { message: 'is required: say what the interest is' }),
  })
  .strict();
export type Declaration = z.infer<typeof DeclarationSchema>;

export const AgendaItemSchema = z
  .object({
    id: z.string().startsWith('itm_'),
    number: Text(20).min(1, { message: 'is required' }),
    title: Text(300).min(1, { message: 'is required' }),
    presenter: Text(200).default(''),
    confidential: z.boolean().default(false),
    paperIds: z.array(z.string().startsWith('pap_', { message: 'must be a paper' })).default([]),
    declarations: z.array(DeclarationSchema).default([]),
    /** Contracts the item is about: their suppliers are checked against members' interests. */
    contractIds: z
      .array(z.string().startsWith('ctr_', { message: 'must be a contract' }))
      .max(50)
      .optional(),
    /** Set on a member's copy when a later pack no longer carries the item: kept, marked withdrawn. */
    withdrawn: z.boolean().optional(),
  })
  .strict();
export type AgendaItem = z.infer<typeof AgendaItemSchema>;

export const AttendanceSchema = z
  .object({
    memberId: z.string().startsWith('mem_', { message: 'must be a member' }),
    status: z.enum(ATTENDANCE_STATUSES, { message: `must be one of: ${ATTENDANCE_STATUSES.join(', ')}` }),
  })
  .strict();
export type Attendance = z.infer<typeof AttendanceSchema>;

const Time = z.union([
  z.literal(''),
  z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'must be a time such as 10:30' }),
]);

export const MeetingFieldsSchema = z
  .object({
    title: Text(300).min(1, { message: 'is required' }),
    date: CalendarDate,
    time: Time.default(''),
    place: Text(300).default(''),
    remote: z.boolean().default(false),
    status: z.enum(MEETING_STATUSES).default('planned'),
    agenda: z.array(AgendaItemSchema).max(200).default([]),
    attendance: z.array(AttendanceSchema).default([]),
  })
  .strict();

function checkMeeting(m: { agenda: AgendaItem[]; attendance: Attendance[] }, ctx: z.RefinementCtx): void {
  const numbers = new Set<string>();
  m.agenda.forEach((item, i) => {
    if (numbers.has(item.number)) {
      ctx.addIssue({
        code: 'custom',
        path: ['agenda', i, 'number'],
        message: `item number ${item.number} is used twice`,
      });
    }
    numbers.add(item.number);
    const declared = new Set<string>();
    item.declarations.forEach((d, j) => {
      if (declared.has(d.memberId)) {
        ctx.addIssue({
          code: 'custom',
          path: ['agenda', i, 'declarations', j, 'memberId'],
          message: 'has already declared on this item',
        });
      }
      declared.add(d.memberId);
    });
  });
  const seen = new Set<string>();
  m.attendance.forEach((a, i) => {
    if (seen.has(a.memberId)) {
      ctx.addIssue({ code: 'custom', path: ['attendance', i, 'memberId'], message: 'is listed twice' });
    }
    seen.add(a.memberId);
  });
}

export const MeetingSchema = RecordBase.extend(MeetingFieldsSchema.shape).strict().superRefine(checkMeeting);
export type Meeting = z.infer<typeof MeetingSchema>;

/** Input for creating a meeting; agenda item ids may be left out (the backend assigns them). */
export const MeetingCreateSchema = MeetingFieldsSchema.extend({
  agenda: z
    .array(AgendaItemSchema.extend({ id: z.string().startsWith('itm_').optional() }))
    .max(200)
    .default([]),
}).superRefine((m, ctx) => checkMeeting({ ...m, agenda: m.agenda.map((a) => ({ ...a, id: a.id ?? 'itm_new' })) }, ctx));
export type MeetingCreate = z.input<typeof MeetingCreateSchema>;
