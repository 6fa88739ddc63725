/**
 * The minutes of a meeting as a Markdown document: the meeting, attendance,
 * the quorum, declarations of interest, then each agenda item with the papers
 * it considered, its discussion summary and its decisions with their
 * conditions. Items taken in private form a separate confidential part; the
 * public version leaves them out entirely and says only "Item N was
 * considered in private". Pure: same records, same text, apart from the
 * "Generated" line.
 */
import { isTakenInPrivate, publicItemsOf } from '../rules/confidentiality.ts';
import { quorumOf } from '../rules/quorum.ts';
import { OUTCOME_LABELS, type Decision } from '../schema/decisions.ts';
import { ATTENDANCE_STATUSES, ATTENDANCE_LABELS, type AgendaItem, type Meeting } from '../schema/meetings.ts';
import { MEMBER_ROLE_LABELS } from '../schema/members.ts';
import { minutesIdOf, type Minutes } from '../schema/minutes.ts';
import type { State } from '../schema/state.ts';
import type { BuildContext, BuiltDocument } from './documentModel.ts';
import {
  assemble,
  count,
  dayDate,
  embedded,
  fileStemOf,
  listOf,
  longDate,
  longInstant,
  table,
  text,
} from './markdownText.ts';
import { byReference, conditionsOfDecision, dueText, memberName, versionConsidered, votesText } from './recordText.ts';

/** Which version of the minutes: `public` leaves out every item taken in private. */
export type MinutesVersion = 'public' | 'private';

/** Options of {@link buildMinutes}. */
export interface MinutesOptions extends BuildContext {
  readonly version: MinutesVersion;
}

/** The minutes' reference: `MIN <date>`, with the time when the board met more than once that day. */
export function minutesReferenceOf(state: State, meeting: Meeting): string {
  const sameDay = state.meetings
    .values()
    .filter((m) => m.date === meeting.date && !m.archivedAt && m.id !== meeting.id);
  return sameDay.length === 0 ? `MIN ${meeting.date}` : `MIN ${meeting.date} ${meeting.time || meeting.title}`;
}

/** The minutes record of a meeting, or the empty draft it starts as. */
export function minutesOf(state: State, meeting: Pick<Meeting, 'id' | 'createdAt'>): Minutes {
  return (
    state.minutes.get(minutesIdOf(meeting.id)) ?? {
      id: minutesIdOf(meeting.id),
      createdAt: meeting.createdAt,
      updatedAt: meeting.createdAt,
      meetingId: meeting.id,
      status: 'draft',
      opening: '',
      discussion: {},
      approvedAtMeetingId: null,
      approvedOn: '',
      approvedBy: '',
      amendments: [],
    }
  );
}

/** "Draft, not yet approved", or "2 (approved 22 July 2026; amended once)". */
export function minutesVersionOf(minutes: Minutes): string {
  if (minutes.status === 'draft') return 'Draft, not yet approved';
  const amended = minutes.amendments.length;
  return `${1 + amended} (approved ${longDate(minutes.approvedOn)}${amended > 0 ? `; amended ${amended === 1 ? 'once' : `${amended} times`}` : ''})`;
}

function attendeeName(state: State, memberId: string): string {
  const member = state.members.get(memberId);
  if (!member) return memberName(state, memberId);
  return member.role === 'member' ? member.name : `${member.name} (${MEMBER_ROLE_LABELS[member.role]})`;
}

function meetingSection(state: State, meeting: Meeting, minutes: Minutes): string {
  const when = [dayDate(meeting.date), meeting.time].filter(Boolean).join(', ');
  const where = [meeting.place, meeting.remote ? (meeting.place ? 'and remotely' : 'Held remotely') : '']
    .filter(Boolean)
    .join(' ');
  const approvedAt = minutes.approvedAtMeetingId ? state.meetings.get(minutes.approvedAtMeetingId) : undefined;
  const status =
    minutes.status === 'draft'
      ? 'Draft: not yet approved by the board.'
      : `Approved by the board at its meeting of ${longDate(approvedAt?.date ?? minutes.approvedOn)}${minutes.approvedBy ? `, recorded by ${text(minutes.approvedBy)}` : ''}.`;
  return [
    '## The meeting',
    [
      `- **Meeting:** ${text(meeting.title)}`,
      `- **Date:** ${text(when)}`,
      `- **Place:** ${where ? text(where) : 'Not recorded'}`,
      meeting.status === 'cancelled' ? '- **Note:** The meeting was cancelled.' : '',
      `- **Status of these minutes:** ${status}`,
    ]
      .filter(Boolean)
      .join('\n'),
  ].join('\n\n');
}

function attendanceSection(state: State, meeting: Meeting): string {
  const lines = ATTENDANCE_STATUSES.map((status) => {
    const names = meeting.attendance.filter((a) => a.status === status).map((a) => attendeeName(state, a.memberId));
    return `- **${ATTENDANCE_LABELS[status]}:** ${names.length > 0 ? names.map(text).join('; ') : 'None'}`;
  });
  return ['## Attendance', lines.join('\n')].join('\n\n');
}

function quorumSection(state: State, meeting: Meeting, shown: readonly AgendaItem[]): string {
  const quorum = quorumOf(meeting, (id) => state.members.get(id), state.settings.quorum);
  const whole = quorum.meeting;
  const lines = [
    `The quorum is ${count(whole.required, 'voting member')}. ${count(whole.present, 'voting member')} ${whole.present === 1 ? 'was' : 'were'} present, so the meeting ${whole.quorate ? 'was quorate' : 'was not quorate'}.`,
  ];
  for (const item of shown) {
    const check = quorum.items.find((c) => c.itemId === item.id);
    if (!check || (check.excluded.length === 0 && check.quorate === whole.quorate)) continue;
    const left = check.excluded.map((id) => text(memberName(state, id)));
    lines.push(
      `For item ${text(item.number)}, ${listOf(left)} declared an interest and ${left.length === 1 ? 'was' : 'were'} not counted; ${count(check.present, 'voting member')} counted, so the item ${check.quorate ? 'was quorate' : 'was not quorate'}.`,
    );
  }
  return ['## Quorum', ...lines].join('\n\n');
}

function declarationsSection(state: State, shown: readonly AgendaItem[]): string {
  const lines = shown.flatMap((item) =>
    item.declarations.map(
      (d) =>
        `- **Item ${text(item.number)}** (${text(item.title)}): ${text(memberName(state, d.memberId))}: ${text(d.interest)}`,
    ),
  );
  return ['## Declarations of interest', lines.length > 0 ? lines.join('\n') : 'No interests were declared.'].join(
    '\n\n',
  );
}

function decisionBlock(state: State, decision: Decision): string {
  const conditions = conditionsOfDecision(state, decision.id);
  const facts = [
    `- **Outcome:** ${OUTCOME_LABELS[decision.outcome]}`,
    `- **Votes:** ${votesText(decision.votes)}`,
    decision.status === 'draft' ? '- **Status:** Draft: not yet signed' : '',
  ].filter(Boolean);
  const wording = embedded(decision.wording, 5);
  return [
    `#### ${text(decision.reference)}: ${text(decision.title)}`,
    facts.join('\n'),
    '**Decision:**',
    wording || 'The wording of the decision has not been recorded.',
    conditions.length === 0
      ? ''
      : [
          `**Conditions (${conditions.length}):**`,
          table(
            ['No.', 'Condition', 'Owner', 'Due'],
            conditions.map((c, i) => [String(i + 1), c.wording, c.owner.name, dueText(c)]),
          ),
        ].join('\n\n'),
  ]
    .filter(Boolean)
    .join('\n\n');
}

function itemBlock(state: State, meeting: Meeting, minutes: Minutes, item: AgendaItem, decisions: Decision[]): string {
  const pinned = decisions.flatMap((d) => d.reliedOn);
  const papers = item.paperIds.map((id) => {
    const paper = state.papers.get(id);
    if (!paper) return `- A paper no longer on record (${text(id)})`;
    const version = versionConsidered(state, paper, meeting, pinned);
    const confidential = paper.classification === 'confidential' ? ', confidential' : '';
    return `- ${text(paper.reference)}: ${text(paper.title)} (version ${version}${confidential})`;
  });
  const discussion = embedded(minutes.discussion[item.id] ?? '', 4);
  return [
    `### Item ${text(item.number)}: ${text(item.title)}`,
    item.presenter ? `Presented by ${text(item.presenter)}.` : '',
    '**Papers considered:**',
    papers.length > 0 ? papers.join('\n') : 'No papers.',
    '**Discussion:**',
    discussion || 'No discussion summary has been recorded.',
    decisions.length > 0 ? decisions.map((d) => decisionBlock(state, d)).join('\n\n') : 'No decision was recorded.',
  ]
    .filter(Boolean)
    .join('\n\n');
}

function amendmentsSection(minutes: Minutes, timeZone: string): string {
  if (minutes.amendments.length === 0) return '';
  return [
    '## Amendments since approval',
    table(
      ['When', 'What was corrected', 'Why', 'By'],
      minutes.amendments.map((a) => [longInstant(a.at, timeZone), a.what, a.why, a.by]),
    ),
  ].join('\n\n');
}

/**
 * Builds the minutes of `meeting`. The private version holds every item, the
 * confidential ones in a separate part at the end; the public version holds
 * nothing of a confidential item (title, papers, discussion, declarations,
 * decisions, conditions) beyond its number. Amendments since approval are
 * shown in both.
 */
export function buildMinutes(state: State, meeting: Meeting, options: MinutesOptions): BuiltDocument {
  const minutes = minutesOf(state, meeting);
  const isPublic = options.version === 'public';
  const privateItems = meeting.agenda.filter(isTakenInPrivate);
  const shownItems = isPublic ? publicItemsOf(meeting.agenda) : meeting.agenda;
  const decisions = state.decisions
    .values()
    .filter((d) => d.meetingId === meeting.id && !d.archivedAt)
    .sort(byReference);
  const decisionsOf = (item: AgendaItem): Decision[] => decisions.filter((d) => d.itemId === item.id);
  const itemIds = new Set(meeting.agenda.map((i) => i.id));
  const loose = decisions.filter((d) => d.itemId === null || !itemIds.has(d.itemId));

  const business = meeting.agenda.map((item) => {
    if (!isTakenInPrivate(item)) return itemBlock(state, meeting, minutes, item, decisionsOf(item));
    return isPublic
      ? `*Item ${text(item.number)} was considered in private.*`
      : `*Item ${text(item.number)} was considered in private: see the private part of these minutes.*`;
  });
  const opening = embedded(minutes.opening, 3);
  const body = [
    meetingSection(state, meeting, minutes),
    attendanceSection(state, meeting),
    quorumSection(state, meeting, shownItems),
    declarationsSection(state, shownItems),
    opening ? ['## Opening', opening].join('\n\n') : '',
    ['## Business of the meeting', business.length > 0 ? business.join('\n\n') : 'The agenda had no items.'].join(
      '\n\n',
    ),
    loose.length > 0
      ? ['## Other decisions of the meeting', loose.map((d) => decisionBlock(state, d)).join('\n\n')].join('\n\n')
      : '',
    !isPublic && privateItems.length > 0
      ? [
          '## Private part: items considered in private',
          '*Confidential: this part of the minutes is not for publication.*',
          ...privateItems.map((item) => itemBlock(state, meeting, minutes, item, decisionsOf(item))),
        ].join('\n\n')
      : '',
    amendmentsSection(minutes, state.settings.timeZone),
  ];
  const reference = minutesReferenceOf(state, meeting);
  const title = `Minutes: ${meeting.title}, ${longDate(meeting.date)}${isPublic ? ' (public version)' : ''}`;
  return assemble(
    {
      kind: 'minutes',
      boardName: state.settings.boardName,
      reference,
      title,
      version: minutesVersionOf(minutes),
      classification: !isPublic && privateItems.length > 0 ? 'confidential' : 'public',
      generatedAt: options.now,
      timeZone: state.settings.timeZone,
      position: options.position,
    },
    '',
    body,
    fileStemOf(reference, 'minutes', isPublic ? 'public' : privateItems.length > 0 ? 'private' : ''),
  );
}
