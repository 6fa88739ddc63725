/**
 * Members of the board and the people around it.
 */
import { z } from 'zod';
import { CalendarDate, RecordBase } from './common.ts';
import { RecipientKeySchema } from './packs.ts';

export const MEMBER_ROLES = ['chair', 'member', 'independent_member', 'secretariat', 'officer', 'observer'] as const;
export type MemberRole = (typeof MEMBER_ROLES)[number];

/** Roles that count towards a meeting's quorum. */
export const VOTING_ROLES: readonly MemberRole[] = ['chair', 'member', 'independent_member'];

export const MEMBER_ROLE_LABELS: { [R in MemberRole]: string } = {
  chair: 'Chair',
  member: 'Member',
  independent_member: 'Independent member',
  secretariat: 'Secretariat',
  officer: 'Officer',
  observer: 'Observer',
};

const Text = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { message: `must be at most ${max} characters` });

/** What a person enters for a member. */
export const MemberFieldsSchema = z
  .object({
    name: Text(200).min(1, { message: 'is required' }),
    role: z.enum(MEMBER_ROLES, { message: `must be one of: ${MEMBER_ROLES.join(', ')}` }),
    /** The member's role or job title in the board's words, e.g. "Deputy Mayor for Policing and Crime". */
    jobTitle: Text(200).default(''),
    email: z.union([z.literal(''), z.email({ message: 'is not an e-mail address' })]).default(''),
    interests: z
      .array(Text(500).min(1, { message: 'must not be empty' }))
      .max(100)
      .default([]),
    /**
     * The organisation each interest names, by position ('' or missing when
     * none): read with the interest's text by the supplier matcher.
     */
    interestOrganisations: z.array(Text(300)).max(100).optional(),
    activeFrom: z.union([z.literal(''), CalendarDate]).default(''),
    activeTo: z.union([z.literal(''), CalendarDate]).default(''),
  })
  .strict();

function checkActiveDates(
  m: { activeFrom: string; activeTo: string; interests: string[]; interestOrganisations?: string[] | undefined },
  ctx: z.RefinementCtx,
): void {
  if ((m.interestOrganisations?.length ?? 0) > m.interests.length) {
    ctx.addIssue({
      code: 'custom',
      path: ['interestOrganisations'],
      message: 'names more organisations than there are interests',
    });
  }
  if (m.activeFrom && m.activeTo && m.activeTo < m.activeFrom) {
    ctx.addIssue({ code: 'custom', path: ['activeTo'], message: 'must not be before the active-from date' });
  }
}

/** A stored member. */
export const MemberSchema = RecordBase.extend(MemberFieldsSchema.shape)
  .extend({
    /** The member's public identity, imported by the secretariat: confidential packs are encrypted to it. */
    recipientKey: RecipientKeySchema.optional(),
  })
  .strict()
  .superRefine(checkActiveDates);
export type Member = z.infer<typeof MemberSchema>;

/** Input for creating a member. */
export const MemberCreateSchema = MemberFieldsSchema.superRefine(checkActiveDates);
export type MemberCreate = z.input<typeof MemberCreateSchema>;
