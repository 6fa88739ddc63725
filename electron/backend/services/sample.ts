/**
 * Loads the sample board (the 2026 case) into the data folder: offered on
 * first start and in Settings. Over existing data it is refused unless
 * confirmed, and then a backup is made first. One journal entry adds it all.
 */
import type { OutputOf } from '../../../shared/contract/api.ts';
import { AppFailure } from '../../../shared/contract/result.ts';
import { buildSampleBoard } from '../../../shared/sample/sampleBoard.ts';
import type { Paper } from '../../../shared/schema/papers.ts';
import { DEFAULT_SETTINGS } from '../../../shared/schema/settings.ts';
import { COLLECTION_NAMES, type RecordChange } from '../../../shared/schema/state.ts';
import { dateInZone } from '../../../shared/dates/time.ts';
import { actorOf, newId, type ServiceContext } from './context.ts';

/**
 * Loads the sample board, dated around today. Over existing data it is refused unless `confirm`, and then a
 * backup is made first; the board takes the sample's name only while it has the default one.
 */
export async function loadSampleBoard(ctx: ServiceContext, confirm: boolean): Promise<OutputOf<'sample:load'>> {
  const store = ctx.store();
  const before = store.state();
  const existing = COLLECTION_NAMES.reduce((n, name) => n + before[name].size, 0);
  if (existing > 0 && !confirm) {
    throw new AppFailure(
      'conflict',
      `This data folder already holds ${existing.toLocaleString('en-GB')} records. Loading the sample board adds its records beside them; a backup is made first. Confirm to go on.`,
      { existing, needsConfirm: true },
    );
  }
  const backup = existing > 0 ? await store.backup('before-sample') : null;
  const now = ctx.clock();
  const sample = buildSampleBoard(dateInZone(now, before.settings.timeZone), now.toISOString(), newId, actorOf(before));
  // Paper texts go to blobs first; an unused blob (if the change then fails) is harmless.
  const papers: Paper[] = [];
  for (const p of sample.papers) {
    const { hash } = await store.blobs.put(p.body);
    papers.push({
      ...p.record,
      versions: [
        {
          version: 1,
          body: hash,
          bodyChars: p.body.length,
          attachments: [],
          createdAt: p.record.createdAt,
          createdBy: actorOf(before),
        },
      ],
    });
  }
  const result = await store.mutate(actorOf(before), 'Loaded the sample board', (state) => {
    const changes: RecordChange[] = [
      ...sample.members.map((r) => ({ target: 'members' as const, id: r.id, after: r })),
      ...papers.map((r) => ({ target: 'papers' as const, id: r.id, after: r })),
      ...sample.meetings.map((r) => ({ target: 'meetings' as const, id: r.id, after: r })),
      ...sample.contracts.map((r) => ({ target: 'contracts' as const, id: r.id, after: r })),
      ...sample.decisions.map((r) => ({ target: 'decisions' as const, id: r.id, after: r })),
      ...sample.conditions.map((r) => ({ target: 'conditions' as const, id: r.id, after: r })),
    ];
    if (state.settings.boardName === DEFAULT_SETTINGS.boardName) {
      changes.push({
        target: 'settings',
        id: 'settings',
        after: { ...state.settings, boardName: sample.boardName },
      });
    }
    return { changes, value: undefined };
  });
  return { seq: result.seq, summary: 'Loaded the sample board', backup };
}
