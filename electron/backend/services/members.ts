/**
 * Members: create, edit, archive, list and a member's page with the items
 * where they declared an interest.
 */
import { byText, byCode } from '../../../shared/text/compare.ts';
import type { ParsedInputOf } from '../../../shared/contract/api.ts';
import { pageOf, matchesSearch, type Page } from '../../../shared/contract/paging.ts';
import { MEMBER_ROLE_LABELS, MEMBER_ROLES, type Member } from '../../../shared/schema/members.ts';
import type { State } from '../../../shared/schema/state.ts';
import type { DeclarationRef, MemberDetail, MemberRow, Saved } from '../../../shared/contract/views.ts';
import { inArchiveFilter, mustGet, newId, save, type ServiceContext } from './context.ts';

function rowOf(m: Member): MemberRow {
  return {
    id: m.id,
    name: m.name,
    role: m.role,
    jobTitle: m.jobTitle,
    email: m.email,
    interests: m.interests.length,
    activeFrom: m.activeFrom,
    activeTo: m.activeTo,
    archived: Boolean(m.archivedAt),
  };
}

/** Every agenda item where the member declared an interest, newest meeting first. */
export function declarationsOf(state: State, memberId: string): DeclarationRef[] {
  const out: DeclarationRef[] = [];
  for (const meeting of state.meetings) {
    for (const item of meeting.agenda) {
      for (const d of item.declarations) {
        if (d.memberId !== memberId) continue;
        out.push({
          meetingId: meeting.id,
          meetingTitle: meeting.title,
          meetingDate: meeting.date,
          itemId: item.id,
          itemNumber: item.number,
          itemTitle: item.title,
          interest: d.interest,
        });
      }
    }
  }
  return out.sort((a, b) => byCode(b.meetingDate, a.meetingDate) || byCode(a.itemNumber, b.itemNumber));
}

/**
 * What a name is filed under for "by surname": a person's name ("Sam Okoro",
 * every word capitalised) under its last word; a name that describes a role
 * ("Chair of the oversight board") as it is.
 */
export function surnameOf(name: string): string {
  const words = name.trim().split(/\s+/);
  const person = words.length > 1 && words.every((w) => /^\p{Lu}/u.test(w)) && !/^(The|A|An)$/.test(words[0] ?? '');
  return person ? `${words.at(-1)} ${words.slice(0, -1).join(' ')}` : name;
}

/** The members: filtered, sorted by name, surname or role order (chair first), and paged. */
export function listMembers(
  state: State,
  { search, role, archived, sort, page, pageSize }: ParsedInputOf<'members:list'>,
): Page<MemberRow> {
  const rows = state.members
    .values()
    .filter((m) => inArchiveFilter(m, archived) && (!role || m.role === role))
    .filter((m) => matchesSearch(search, m.name, MEMBER_ROLE_LABELS[m.role], m.jobTitle, m.email, ...m.interests))
    .sort((a, b) =>
      sort === 'role'
        ? MEMBER_ROLES.indexOf(a.role) - MEMBER_ROLES.indexOf(b.role) || byText(a.name, b.name)
        : sort === 'surname'
          ? byText(surnameOf(a.name), surnameOf(b.name)) || byText(a.name, b.name)
          : byText(a.name, b.name),
    )
    .map(rowOf);
  return pageOf(rows, page, pageSize);
}

/** A member's page: the member and the items where they declared an interest. */
export function getMember(state: State, id: string): MemberDetail {
  return { member: mustGet(state, 'members', id, 'member'), declarations: declarationsOf(state, id) };
}

/** Adds a member. */
export function createMember(ctx: ServiceContext, input: ParsedInputOf<'members:create'>): Promise<Saved> {
  return save(ctx, (_state, now) => {
    const id = newId('mem_');
    const member: Member = { id, createdAt: now, updatedAt: now, ...input };
    return { changes: [{ target: 'members', id, after: member }], id, summary: `Added member ${member.name}` };
  });
}

/** Edits a member. */
export function updateMember(ctx: ServiceContext, { id, ...fields }: ParsedInputOf<'members:update'>): Promise<Saved> {
  return save(ctx, (state, now) => {
    const current = mustGet(state, 'members', id, 'member');
    // New interests without their organisations: the old organisations would name the wrong interests.
    const organisations =
      fields.interests !== undefined && fields.interestOrganisations === undefined
        ? { interestOrganisations: undefined }
        : {};
    const next: Member = { ...current, ...fields, ...organisations, updatedAt: now };
    return { changes: [{ target: 'members', id, after: next }], id, summary: `Edited member ${next.name}` };
  });
}
