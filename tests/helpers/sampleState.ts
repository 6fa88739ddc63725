/**
 * The sample board (shared/sample/sampleBoard.ts) as an in-memory state with fixed ids
 * and a fixed clock, for tests of pure builders: the same input on every run,
 * so documents made from it can be compared with golden files. Draft minutes
 * of the 24 June 2026 meeting are added, with a discussion summary per item.
 */
import { createHash } from 'node:crypto';
import { buildSampleBoard, type SampleBoard } from '../../shared/sample/sampleBoard.ts';
import { minutesIdOf, type Minutes } from '../../shared/schema/minutes.ts';
import type { Paper } from '../../shared/schema/papers.ts';
import { applyChanges, initialState, type RecordChange, type State } from '../../shared/schema/state.ts';
import { dateInZone } from '../../shared/dates/time.ts';

/** The instant the sample documents are made at: 27 November 2026, 09:00 UTC. */
export const SAMPLE_NOW = '2026-11-27T09:00:00.000Z';

/** A deterministic id maker: `dec_0001`, `dec_0002`... one counter per prefix. */
export function counterIds(): (prefix: string) => string {
  const counts = new Map<string, number>();
  return (prefix) => {
    const n = (counts.get(prefix) ?? 0) + 1;
    counts.set(prefix, n);
    return `${prefix}${String(n).padStart(4, '0')}`;
  };
}

/** Discussion summaries of the June meeting, by item number. */
export const JUNE_DISCUSSION: Readonly<Record<string, string>> = {
  '1': `The chief finance officer presented the force's financial position for 2026/27.

Members asked how the 500 posts meant to be absorbed by the supplier's tools would be covered if the pilot ended. The chief finance officer said the force would report on this at the next meeting.

The board noted the report.`,
  '2': `The board received legal advice on the pre-action letter from the supplier's lawyers and agreed the response to be sent on its behalf.`,
  '3': `The Independent member for ethics, having declared an interest, left the room for this item.

Members weighed ending the pilot at once against a short extension. They agreed that the force should not be left without the tool while a **compliant** procurement is run, and that the extension must not repeat the single-supplier route.

# Points raised

- Value for money must be shown through open competition.
- The next provider must be able to take over the data.`,
};

/** The sample board and its state, made at `now` with counter ids. */
export function sampleState(now: string = SAMPLE_NOW): { state: State; sample: SampleBoard } {
  const newId = counterIds();
  const today = dateInZone(new Date(now), 'Europe/London');
  const sample = buildSampleBoard(today, now, newId, 'Secretariat');
  const papers: Paper[] = sample.papers.map((p) => ({
    ...p.record,
    versions: [
      {
        version: 1,
        body: createHash('sha256').update(p.body).digest('hex'),
        bodyChars: p.body.length,
        attachments: [],
        createdAt: p.record.createdAt,
        createdBy: 'Secretariat',
      },
    ],
  }));
  const june = sample.meetings.find((m) => m.date === '2026-06-24');
  if (!june) throw new Error('the sample has no meeting on 24 June 2026');
  const minutes: Minutes = {
    id: minutesIdOf(june.id),
    createdAt: now,
    updatedAt: now,
    meetingId: june.id,
    status: 'draft',
    opening: 'The Chair welcomed members and officers.',
    discussion: Object.fromEntries(
      june.agenda.flatMap((item) => {
        const text = JUNE_DISCUSSION[item.number];
        return text === undefined ? [] : [[item.id, text]];
      }),
    ),
    approvedAtMeetingId: null,
    approvedOn: '',
    approvedBy: '',
    amendments: [],
  };
  const changes: RecordChange[] = [
    { target: 'settings', id: 'settings', after: { ...initialState().settings, boardName: sample.boardName } },
    ...sample.members.map((r) => ({ target: 'members' as const, id: r.id, after: r })),
    ...papers.map((r) => ({ target: 'papers' as const, id: r.id, after: r })),
    ...sample.meetings.map((r) => ({ target: 'meetings' as const, id: r.id, after: r })),
    ...sample.contracts.map((r) => ({ target: 'contracts' as const, id: r.id, after: r })),
    ...sample.decisions.map((r) => ({ target: 'decisions' as const, id: r.id, after: r })),
    ...sample.conditions.map((r) => ({ target: 'conditions' as const, id: r.id, after: r })),
    { target: 'minutes', id: minutes.id, after: minutes },
  ];
  return { state: applyChanges(initialState(), changes), sample };
}
