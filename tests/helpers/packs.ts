/** A secretariat's copy with a meeting ready to publish, and a member's copy beside it (real temp folders). */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Platform } from '../../electron/backend/platform.ts';
import type { EventPayloads } from '../../shared/contract/api.ts';
import { testBackend, type TestBackend } from './backend.ts';
import { tempDir } from './tempDir.ts';

/** A phrase that appears twice in paper A: a note on its second appearance must find that one again. */
export const TWICE = 'must report progress quarterly';

/** Paper A's text: the phrase twice, in two sections. */
export const PAPER_A_V1 = [
  '# Extension of the pilot',
  '',
  `The force ${TWICE} on the procurement.`,
  '',
  '## Data',
  '',
  `On data, the supplier ${TWICE} to the board as well.`,
].join('\n');

/** Paper B's text: the passage the member notes is removed in version 2. */
export const PAPER_B_V1 = 'The re-tender opens in September 2026. Bids close in November 2026.';

/** The secretariat's copy: board name, a member, papers A and B (public), C (confidential), a meeting on 24 June 2026. */
export interface Secretariat {
  readonly copy: TestBackend;
  readonly meetingId: string;
  readonly paperA: string;
  readonly paperB: string;
  readonly paperC: string;
  readonly conditionId: string;
}

/** Builds the secretariat's copy (clock 1 June 2026, before the condition's 7-day reminder). */
export async function secretariatCopy(
  now: Date | (() => Date) = new Date('2026-06-01T09:00:00.000Z'),
  platform: Partial<Platform> = {},
): Promise<Secretariat> {
  const copy = await testBackend(now, platform);
  await copy.ok('settings:update', { boardName: 'Police and Crime Board', localUserName: 'Board Secretariat' });
  const chair = await copy.ok('members:create', {
    name: 'Chair of the board',
    role: 'chair',
    email: 'chair@example.org',
  });
  const a = await copy.ok('papers:create', {
    reference: 'PCB 41',
    title: 'Pilot extension',
    date: '2026-06-10',
    body: PAPER_A_V1,
  });
  const b = await copy.ok('papers:create', {
    reference: 'PCB 42',
    title: 'Re-tender plan',
    date: '2026-06-10',
    body: PAPER_B_V1,
  });
  const c = await copy.ok('papers:create', {
    reference: 'PCB 43',
    title: 'Legal advice',
    date: '2026-06-10',
    classification: 'confidential',
    body: 'Privileged.',
  });
  const meeting = await copy.ok('meetings:create', {
    title: 'Board meeting',
    date: '2026-06-24',
    agenda: [
      { number: '1', title: 'Pilot extension', paperIds: [a.id] },
      { number: '2', title: 'Re-tender', paperIds: [b.id] },
      { number: '3', title: 'Legal advice', confidential: true, paperIds: [c.id] },
      { number: '5', title: 'Any other business' },
    ],
    attendance: [{ memberId: chair.id, status: 'present' }],
  });
  const detail = await copy.ok('meetings:get', { id: meeting.id });
  const item1 = detail.meeting.agenda.find((i) => i.number === '1')!;
  const decision = await copy.ok('decisions:create', {
    title: 'Extend the pilot',
    date: '2026-06-24',
    meetingId: meeting.id,
    itemId: item1.id,
    outcome: 'approved_with_conditions',
    wording: 'Approved with conditions.',
  });
  // Due in 5 days: its 30- and 7-day reminders fell before a member's copy learned of it.
  const condition = await copy.ok('conditions:create', {
    decisionId: decision.id,
    wording: 'Report progress to the board',
    owner: { memberId: null, name: 'The force', email: '' },
    due: '2026-06-25',
  });
  return { copy, meetingId: meeting.id, paperA: a.id, paperB: b.id, paperC: c.id, conditionId: condition.id };
}

/** Writes a published pack to a real file in a temp folder and returns its path. */
export async function packOnDisk(fileName: string, dataBase64: string | Buffer): Promise<string> {
  const path = join(await tempDir(), fileName);
  await writeFile(path, typeof dataBase64 === 'string' ? Buffer.from(dataBase64, 'base64') : dataBase64);
  return path;
}

/** Collects the reminder notices a backend sends. */
export function reminderNotices(copy: TestBackend): Array<EventPayloads['reminder:due']> {
  const seen: Array<EventPayloads['reminder:due']> = [];
  copy.backend.on('reminder:due', (notice) => seen.push(notice));
  return seen;
}
