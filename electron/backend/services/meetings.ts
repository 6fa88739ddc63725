/**
 * Meetings: the agenda, attendance and declarations, the quorum check and
 * the board pack's reading progress.
 */
import { byText, byCode } from '../../../shared/text/compare.ts';
import type { ParsedInputOf } from '../../../shared/contract/api.ts';
import { matchesSearch, pageOf, type Page } from '../../../shared/contract/paging.ts';
import { quorumOf } from '../../../shared/rules/quorum.ts';
import { AppFailure, type FieldIssue } from '../../../shared/contract/result.ts';
import { markIdOf, type PaperMark, type PaperVersion } from '../../../shared/schema/papers.ts';
import type { AgendaItem, Meeting } from '../../../shared/schema/meetings.ts';
import { publishedByOf } from './packRecords.ts';
import type { State } from '../../../shared/schema/state.ts';
import { longDate } from '../../../shared/dates/calendarDates.ts';
import type { MeetingDetail, MeetingRow, PackProgress, PaperRef, Saved } from '../../../shared/contract/views.ts';
import { inArchiveFilter, mustGet, newId, save, todayOf, type ServiceContext } from './context.ts';
import { plansFollowingMeetings } from './contracts.ts';
import { declarationPrompts } from '../../../shared/rules/supplierConflicts.ts';

/** Whether the local user has read a paper. */
export function isRead(state: State, paperId: string): boolean {
  const mark = state.paperMarks.get(markIdOf(paperId));
  if (!mark?.readAt) return false;
  // A newer version than the one read (an edit, a revised paper from a pack) is unread: changed since read.
  const versions = state.papers.get(paperId)?.versions;
  const newest = versions?.[versions.length - 1]?.version ?? 1;
  return (mark.readVersion ?? newest) >= newest;
}

/** Where reading stopped in the newest version, when it is the version the position was kept for. */
export function positionOf(mark: PaperMark | undefined, newest: PaperVersion): { page: number; pages: number } | null {
  const p = mark?.position;
  return p && p.version === newest.version ? { page: p.page, pages: p.pages } : null;
}

/** The meeting's distinct papers in agenda order. */
export function packPaperIds(meeting: Pick<Meeting, 'agenda'>): string[] {
  return [...new Set(meeting.agenda.flatMap((item) => item.paperIds))];
}

/** "7 of 12 papers read" for a meeting. */
export function packProgress(state: State, meeting: Pick<Meeting, 'agenda'>): PackProgress {
  const ids = packPaperIds(meeting).filter((id) => state.papers.has(id));
  return { read: ids.filter((id) => isRead(state, id)).length, total: ids.length };
}

function rowOf(state: State, m: Meeting): MeetingRow {
  return {
    id: m.id,
    title: m.title,
    date: m.date,
    time: m.time,
    place: m.place,
    remote: m.remote,
    status: m.status,
    items: m.agenda.length,
    pack: packProgress(state, m),
    archived: Boolean(m.archivedAt),
  };
}

type AgendaInput = ReadonlyArray<Omit<AgendaItem, 'id'> & { id?: string | undefined }>;

/**
 * Gives new agenda items ids and checks that every member, paper and contract
 * they name exists; a contract newly linked to an item (not on `before`, the
 * agenda as stored) must not be archived. A link made before its contract was
 * archived stays.
 */
function settleAgenda(
  state: State,
  agenda: AgendaInput,
  attendance: Meeting['attendance'],
  before: readonly AgendaItem[] = [],
): AgendaItem[] {
  const issues: FieldIssue[] = [];
  const linkedBefore = new Map(before.map((item) => [item.id, new Set(item.contractIds ?? [])]));
  const items = agenda.map((item, i) => {
    (item.contractIds ?? []).forEach((contractId, j) => {
      const contract = state.contracts.get(contractId);
      const field = `agenda.${i}.contractIds.${j}`;
      if (!contract) issues.push({ field, message: `there is no contract ${contractId}` });
      else if (contract.archivedAt && !(item.id !== undefined && linkedBefore.get(item.id)?.has(contractId)))
        issues.push({ field, message: `contract ${contract.reference} is archived: restore it before linking it` });
    });
    item.paperIds.forEach((paperId, j) => {
      if (!state.papers.has(paperId))
        issues.push({ field: `agenda.${i}.paperIds.${j}`, message: `there is no paper ${paperId}` });
    });
    item.declarations.forEach((d, j) => {
      if (!state.members.has(d.memberId))
        issues.push({ field: `agenda.${i}.declarations.${j}.memberId`, message: `there is no member ${d.memberId}` });
    });
    return { ...item, id: item.id ?? newId('itm_') };
  });
  attendance.forEach((a, i) => {
    if (!state.members.has(a.memberId))
      issues.push({ field: `attendance.${i}.memberId`, message: `there is no member ${a.memberId}` });
  });
  if (issues.length > 0) {
    throw new AppFailure('invalid_input', issues.map((x) => `${x.field}: ${x.message}`).join('; '), { issues });
  }
  return items;
}

/** The meetings on `today`: upcoming (soonest first), past or all (newest first), filtered and paged. */
export function listMeetings(
  state: State,
  { search, when, status, archived, page, pageSize }: ParsedInputOf<'meetings:list'>,
  today: string,
): Page<MeetingRow> {
  const rows = state.meetings
    .values()
    .filter((m) => inArchiveFilter(m, archived) && (!status || m.status === status))
    .filter((m) => when === 'all' || (when === 'upcoming' ? m.date >= today : m.date < today))
    .filter((m) => matchesSearch(search, m.title, m.place, ...m.agenda.map((i) => i.title)))
    // Upcoming: soonest first. Past and all: newest first.
    .sort((a, b) => (when === 'upcoming' ? 1 : -1) * (byCode(a.date, b.date) || byCode(a.time, b.time)))
    .map((m) => rowOf(state, m));
  return pageOf(rows, page, pageSize);
}

/** A meeting's page: its papers, the members it can name, the quorum check and the pack's reading progress. */
export function getMeeting(state: State, id: string): MeetingDetail {
  const meeting = mustGet(state, 'meetings', id, 'meeting');
  const papers: Record<string, PaperRef> = {};
  for (const paperId of packPaperIds(meeting)) {
    const p = state.papers.get(paperId);
    if (!p) continue;
    papers[paperId] = {
      id: p.id,
      reference: p.reference,
      title: p.title,
      classification: p.classification,
      read: isRead(state, p.id),
      archived: Boolean(p.archivedAt),
      position: positionOf(state.paperMarks.get(markIdOf(p.id)), p.versions[p.versions.length - 1]!),
    };
  }
  const members = state.members
    .values()
    .filter(
      (m) =>
        !m.archivedAt ||
        meeting.attendance.some((a) => a.memberId === m.id) ||
        meeting.agenda.some((i) => i.declarations.some((d) => d.memberId === m.id)),
    )
    .sort((a, b) => byText(a.name, b.name))
    .map((m) => ({ id: m.id, name: m.name, role: m.role }));
  return {
    meeting,
    papers,
    members,
    quorum: quorumOf(meeting, (mid) => state.members.get(mid), state.settings.quorum),
    contracts: Object.fromEntries(
      meeting.agenda
        .flatMap((i) => i.contractIds ?? [])
        .flatMap((cid) => {
          const c = state.contracts.get(cid);
          return c ? [[cid, { id: c.id, reference: c.reference, title: c.title, suppliers: c.suppliers }]] : [];
        }),
    ),
    declarationPrompts: Object.fromEntries(meeting.agenda.map((i) => [i.id, declarationPrompts(state, meeting, i)])),
    pack: packProgress(state, meeting),
    publishedBy: publishedByOf(state, 'meetings', id),
  };
}

/**
 * Adds an item about a contract to a meeting's agenda ("add to the agenda of
 * …" on the forward plan): the contract linked, and the papers its decisions
 * relied on; numbered after the last item.
 */
export function addContractItem(
  ctx: ServiceContext,
  { id, contractId, title }: ParsedInputOf<'meetings:addContractItem'>,
): Promise<Saved> {
  return save(ctx, (state, now) => {
    const meeting = mustGet(state, 'meetings', id, 'meeting');
    const contract = mustGet(state, 'contracts', contractId, 'contract');
    const paperIds = [
      ...new Set(
        state.decisions
          .values()
          .filter((d) => !d.archivedAt && d.contractIds.includes(contractId))
          .flatMap((d) => d.reliedOn.map((r) => r.paperId))
          .filter((pid) => state.papers.has(pid)),
      ),
    ];
    const numbers = meeting.agenda.map((i) => Number.parseInt(i.number, 10)).filter((n) => Number.isFinite(n));
    const item: AgendaItem = {
      id: newId('itm_'),
      number: String((numbers.length ? Math.max(...numbers) : 0) + 1),
      title,
      presenter: '',
      confidential: false,
      paperIds,
      declarations: [],
      contractIds: [contractId],
    };
    const next: Meeting = { ...meeting, agenda: [...meeting.agenda, item], updatedAt: now };
    return {
      changes: [{ target: 'meetings', id, after: next }],
      id,
      summary: `Added ${contract.reference} to the agenda of the ${meeting.title} of ${longDate(meeting.date)} as item ${item.number}`,
    };
  });
}

/** The audit summary's note that re-tender plans moved with the calendar. */
function movedSummary(contracts: number): string {
  return contracts === 0
    ? ''
    : `; moved the re-tender plan of ${contracts === 1 ? '1 contract' : `${contracts} contracts`}`;
}

/** Adds a meeting; its agenda items get ids, and every member and paper they name must exist. */
export function createMeeting(ctx: ServiceContext, input: ParsedInputOf<'meetings:create'>): Promise<Saved> {
  return save(ctx, (state, now) => {
    const id = newId('mtg_');
    const meeting: Meeting = {
      id,
      createdAt: now,
      updatedAt: now,
      ...input,
      agenda: settleAgenda(state, input.agenda, input.attendance),
    };
    const moved = plansFollowingMeetings(
      state,
      [...state.meetings.values(), meeting],
      now,
      todayOf(state, new Date(now)),
    );
    return {
      changes: [{ target: 'meetings', id, after: meeting }, ...moved],
      id,
      summary: `Added meeting ${meeting.title} (${longDate(meeting.date)})${movedSummary(moved.length)}`,
    };
  });
}

/** Edits a meeting; its agenda is checked again against the attendance it will have. */
export function updateMeeting(
  ctx: ServiceContext,
  { id, agenda, ...fields }: ParsedInputOf<'meetings:update'>,
): Promise<Saved> {
  return save(ctx, (state, now) => {
    const current = mustGet(state, 'meetings', id, 'meeting');
    const attendance = fields.attendance ?? current.attendance;
    const next: Meeting = {
      ...current,
      ...fields,
      agenda: settleAgenda(state, agenda ?? current.agenda, attendance, current.agenda),
      updatedAt: now,
    };
    const meetings = state.meetings.values().map((m) => (m.id === id ? next : m));
    const moved = plansFollowingMeetings(state, meetings, now, todayOf(state, new Date(now)));
    return {
      changes: [{ target: 'meetings', id, after: next }, ...moved],
      id,
      summary: `Edited meeting ${next.title} (${longDate(next.date)})${movedSummary(moved.length)}`,
    };
  });
}
