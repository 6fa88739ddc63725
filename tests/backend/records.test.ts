// Members, meetings and papers through the contract, on a real data folder.
import { afterEach, describe, expect, it } from 'vitest';
import { openBackend, type Backend } from '../../electron/backend/backend.ts';
import { call, dispatch } from '../../electron/backend/dispatch.ts';
import type { Channel, InputOf, OutputOf } from '../../shared/contract/api.ts';
import { MAX_ATTACHMENT_BYTES } from '../../shared/schema/papers.ts';
import { tempDir } from '../helpers/tempDir.ts';

const backends: Backend[] = [];
afterEach(async () => {
  await Promise.all(backends.splice(0).map((b) => b.close()));
});

async function setup() {
  const backend = await openBackend({
    dataDir: await tempDir(),
    platform: { openPath: async () => false, quit: () => undefined },
    clock: () => new Date('2026-06-20T09:00:00.000Z'),
    checkpointQuietMs: 60_000,
  });
  backends.push(backend);
  /** Calls a channel and expects success. */
  async function ok<C extends Channel>(channel: C, input: InputOf<C>): Promise<OutputOf<C>> {
    const result = await call(backend.handlers, channel, input);
    if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
    return result.value;
  }
  /** Calls a channel with untyped input and expects failure. */
  async function refused(channel: Channel, input: unknown) {
    const result = await dispatch(backend.handlers, channel, input);
    if (result.ok) throw new Error(`${channel} should have been refused`);
    return result.error;
  }
  return { backend, ok, refused };
}

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n').toString('base64');

async function boardWithMeeting() {
  const t = await setup();
  const chair = await t.ok('members:create', { name: 'Chair of the board', role: 'chair', interests: [] });
  const deputy = await t.ok('members:create', {
    name: 'Deputy Mayor',
    role: 'member',
    interests: ['Former adviser to the supplier'],
  });
  const independent = await t.ok('members:create', { name: 'Independent member', role: 'independent_member' });
  await t.ok('settings:update', { quorum: 3 });
  const paperA = await t.ok('papers:create', {
    reference: 'PAP-2026-041',
    title: 'Extension of the misconduct analytics pilot',
    date: '2026-06-10',
    classification: 'public',
    body: '# Recommendation\n\nApprove a 12-month extension.\n\nOn condition of a re-tender.',
    attachments: [{ name: 'business-case.pdf', type: 'application/pdf', dataBase64: PDF }],
  });
  const paperB = await t.ok('papers:create', {
    reference: 'PAP-2026-042',
    title: 'Legal advice on the pre-action letter',
    date: '2026-06-12',
    classification: 'confidential',
    body: 'Privileged advice.',
  });
  const meeting = await t.ok('meetings:create', {
    title: 'Board meeting',
    date: '2026-06-24',
    time: '10:00',
    place: 'City Hall, Committee Room 2',
    agenda: [
      { number: '1', title: 'Misconduct analytics pilot: extension', paperIds: [paperA.id] },
      { number: '2', title: 'Pre-action letter', confidential: true, paperIds: [paperB.id] },
    ],
    attendance: [
      { memberId: chair.id, status: 'present' },
      { memberId: deputy.id, status: 'present' },
      { memberId: independent.id, status: 'present' },
    ],
  });
  return { ...t, chair, deputy, independent, paperA, paperB, meeting };
}

describe('members, meetings and papers', () => {
  it('links papers and meetings both ways, and counts the pack', async () => {
    const { ok, meeting, paperA, paperB } = await boardWithMeeting();
    const detail = await ok('meetings:get', { id: meeting.id });
    expect(detail.meeting.agenda.map((i) => [i.number, i.confidential])).toEqual([
      ['1', false],
      ['2', true],
    ]);
    expect(Object.keys(detail.papers)).toEqual([paperA.id, paperB.id]);
    expect(detail.pack).toEqual({ read: 0, total: 2 });
    const paper = await ok('papers:get', { id: paperA.id });
    expect(paper.links).toMatchObject([{ meetingId: meeting.id, itemNumber: '1' }]);
    expect(paper.body).toContain('Approve a 12-month extension.');
    expect(paper.attachments).toMatchObject([{ name: 'business-case.pdf', type: 'application/pdf' }]);
    const inMeeting = await ok('papers:list', { meetingId: meeting.id, sort: 'reference', direction: 'asc' });
    expect(inMeeting.rows.map((r) => r.reference)).toEqual(['PAP-2026-041', 'PAP-2026-042']);
    expect(inMeeting.rows[0]!.meetings).toEqual([{ id: meeting.id, title: 'Board meeting' }]);
  });

  it('leaves a member who declared an interest out of that item’s quorum', async () => {
    const { ok, meeting, deputy } = await boardWithMeeting();
    let detail = await ok('meetings:get', { id: meeting.id });
    expect(detail.quorum.meeting).toEqual({ required: 3, present: 3, quorate: true });
    const agenda = detail.meeting.agenda.map((item, i) =>
      i === 0 ? { ...item, declarations: [{ memberId: deputy.id, interest: 'Former adviser to the supplier' }] } : item,
    );
    await ok('meetings:update', { id: meeting.id, agenda });
    detail = await ok('meetings:get', { id: meeting.id });
    expect(detail.quorum.items[0]).toMatchObject({ present: 2, quorate: false, excluded: [deputy.id] });
    expect(detail.quorum.items[1]).toMatchObject({ present: 3, quorate: true });
    const member = await ok('members:get', { id: deputy.id });
    expect(member.declarations).toMatchObject([
      { meetingId: meeting.id, itemNumber: '1', interest: 'Former adviser to the supplier' },
    ]);
  });

  it('tracks reading and private notes per paper', async () => {
    const { ok, meeting, paperA } = await boardWithMeeting();
    await ok('papers:markRead', { id: paperA.id, read: true });
    expect((await ok('meetings:get', { id: meeting.id })).pack).toEqual({ read: 1, total: 2 });
    expect((await ok('meetings:list', { when: 'upcoming' })).rows[0]!.pack).toEqual({ read: 1, total: 2 });
    await ok('papers:saveNote', { id: paperA.id, note: 'Ask about the data-export plan.' });
    const paper = await ok('papers:get', { id: paperA.id });
    expect(paper.mark).toEqual({
      readAt: '2026-06-20T09:00:00.000Z',
      readVersion: 1,
      changedSinceRead: false,
      note: 'Ask about the data-export plan.',
      position: null,
    });
    const unread = await ok('papers:list', { read: 'unread' });
    expect(unread.rows.map((r) => r.reference)).toEqual(['PAP-2026-042']);
  });

  it('keeps every version of a paper, with a readable diff', async () => {
    const { ok, paperA } = await boardWithMeeting();
    await ok('papers:update', {
      id: paperA.id,
      body: '# Recommendation\n\nApprove a 12-month extension.\n\nOn condition of a competitive re-tender.',
    });
    const paper = await ok('papers:get', { id: paperA.id });
    expect(paper.paper.version).toBe(2);
    expect(paper.versions.map((v) => v.version)).toEqual([2, 1]);
    const v2 = await ok('papers:version', { id: paperA.id, version: 2 });
    expect(v2.diff.filter((d) => d.kind !== 'same')).toEqual([
      { kind: 'removed', text: 'On condition of a re-tender.' },
      { kind: 'added', text: 'On condition of a competitive re-tender.' },
    ]);
    const v1 = await ok('papers:version', { id: paperA.id, version: 1 });
    expect(v1.body).toContain('On condition of a re-tender.');
    // Attachments carry over to the new version, and their bytes come back intact.
    const file = await ok('papers:attachment', { id: paperA.id, blob: v1.attachments[0]!.blob });
    expect(file.dataBase64).toBe(PDF);
    // Editing only the title makes no new version.
    await ok('papers:update', { id: paperA.id, title: 'Extension of the pilot' });
    expect((await ok('papers:get', { id: paperA.id })).paper.version).toBe(2);
  });

  it('refuses to archive a paper an agenda item links to, saying which', async () => {
    const { refused, paperA } = await boardWithMeeting();
    const error = await refused('papers:archive', { id: paperA.id });
    expect(error.code).toBe('conflict');
    expect(error.message).toBe(
      'Paper PAP-2026-041 cannot be archived: item 1 “Misconduct analytics pilot: extension” of the meeting “Board meeting” (24 June 2026) links to it. Remove it from the agenda (or the decision) first.',
    );
  });

  it('undoes the last change from its journal entry, and refuses once the record moved on', async () => {
    const { ok, refused, paperA } = await boardWithMeeting();
    const saved = await ok('papers:update', { id: paperA.id, title: 'A wrong title' });
    const undone = await ok('history:undo', { seq: saved.seq });
    expect(undone.summary).toBe('Undid: Edited the details of paper PAP-2026-041');
    expect((await ok('papers:get', { id: paperA.id })).paper.title).toBe('Extension of the misconduct analytics pilot');
    const again = await ok('papers:update', { id: paperA.id, title: 'Title one' });
    await ok('papers:update', { id: paperA.id, title: 'Title two' });
    expect((await refused('history:undo', { seq: again.seq })).message).toMatch(/has changed since/);
  });

  it('refuses to undo a creation while something links to the record', async () => {
    const { ok, refused, meeting } = await boardWithMeeting();
    const paper = await ok('papers:create', { reference: 'PAP-LATE', title: 'Late paper', date: '2026-06-20' });
    const detail = await ok('meetings:get', { id: meeting.id });
    await ok('meetings:update', {
      id: meeting.id,
      agenda: detail.meeting.agenda.map((item, i) =>
        i === 0 ? { ...item, paperIds: [...item.paperIds, paper.id] } : item,
      ),
    });
    const error = await refused('history:undo', { seq: paper.seq });
    expect(error.code).toBe('conflict');
    expect(error.message).toMatch(
      /cannot be undone: item 1 “Misconduct analytics pilot: extension” of the meeting “Board meeting” \(24 June 2026\) links to it/,
    );
    // The meeting stays editable.
    await ok('meetings:update', { id: meeting.id, title: 'Board meeting (rescheduled)' });
  });

  it('lists archived members who declared an interest on the meeting page', async () => {
    const { ok, meeting } = await boardWithMeeting();
    const former = await ok('members:create', { name: 'Former member', role: 'member' });
    const detail = await ok('meetings:get', { id: meeting.id });
    await ok('meetings:update', {
      id: meeting.id,
      agenda: detail.meeting.agenda.map((item, i) =>
        i === 1 ? { ...item, declarations: [{ memberId: former.id, interest: 'Shareholder' }] } : item,
      ),
    });
    // Archiving is refused while the declaration links to them; once archived some other way the name must still show.
    const after = await ok('meetings:get', { id: meeting.id });
    expect(after.members.map((m) => m.name)).toContain('Former member');
  });

  it('rejects bad input naming the field', async () => {
    const { refused, meeting } = await boardWithMeeting();
    const cases: Array<[Channel, unknown, string, RegExp]> = [
      ['meetings:update', { id: meeting.id, agenda: [{ number: '1', title: '' }] }, 'agenda.0.title', /required/],
      ['meetings:create', { title: 'Extra meeting', date: '24/06/2026' }, 'date', /YYYY-MM-DD/],
      ['meetings:create', { title: 'Extra meeting', date: '2026-02-30' }, 'date', /not a real calendar date/],
      [
        'papers:create',
        { reference: 'pap-2026-041 ', title: 'Copy', date: '2026-06-10' },
        'reference',
        /PAP-2026-041|pap-2026-041 is already the reference of “Extension of the misconduct analytics pilot”/,
      ],
      [
        'papers:create',
        {
          reference: 'PAP-BIG',
          title: 'Huge',
          date: '2026-06-10',
          attachments: [{ name: 'scan.pdf', dataBase64: 'A'.repeat(Math.ceil(((MAX_ATTACHMENT_BYTES + 10) * 4) / 3)) }],
        },
        'attachments.0.dataBase64',
        /scan\.pdf is 25\.0 MB; attachments may be at most 25 MB/,
      ],
      ['members:create', { name: 'A', role: 'treasurer' }, 'role', /must be one of/],
      [
        'members:create',
        { name: 'A', role: 'member', activeFrom: '2026-06-01', activeTo: '2026-01-01' },
        'activeTo',
        /before the active-from/,
      ],
      [
        'meetings:update',
        { id: meeting.id, attendance: [{ memberId: 'mem_nobody', status: 'present' }] },
        'attendance.0.memberId',
        /no member/,
      ],
    ];
    for (const [channel, input, field, message] of cases) {
      const error = await refused(channel, input);
      expect(error.code, `${channel} ${field}`).toBe('invalid_input');
      const issue = error.details?.issues?.find((i) => i.field === field);
      expect(issue, `${channel}: ${JSON.stringify(error.details?.issues)}`).toBeDefined();
      expect(issue!.message).toMatch(message);
    }
  });

  it('archives and restores, and lists filter by archive state', async () => {
    const { ok, refused, deputy } = await boardWithMeeting();
    const loose = await ok('papers:create', { reference: 'PAP-X', title: 'Draft', date: '2026-06-01' });
    await ok('papers:archive', { id: loose.id });
    expect((await ok('papers:list', {})).rows.map((r) => r.reference)).not.toContain('PAP-X');
    expect((await ok('papers:list', { archived: 'archived' })).rows.map((r) => r.reference)).toEqual(['PAP-X']);
    await ok('papers:unarchive', { id: loose.id });
    expect((await ok('papers:list', {})).rows.map((r) => r.reference)).toContain('PAP-X');
    expect((await refused('members:archive', { id: deputy.id })).message).toMatch(
      /cannot be archived: the attendance of the meeting “Board meeting”.*set their “active to” date/,
    );
    // A patch changes only what it names: the interests stay.
    await ok('members:update', { id: deputy.id, name: 'Deputy Mayor for Policing' });
    expect((await ok('members:get', { id: deputy.id })).member.interests).toEqual(['Former adviser to the supplier']);
    const members = await ok('members:list', { sort: 'role' });
    expect(members.rows.map((m) => m.role)).toEqual(['chair', 'member', 'independent_member']);
    expect((await ok('members:list', { search: 'adviser' })).rows.map((m) => m.name)).toEqual([
      'Deputy Mayor for Policing',
    ]);
  });
});
