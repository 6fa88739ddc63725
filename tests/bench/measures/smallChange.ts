/**
 * One small durable change through `store.mutate` (a paper marked read: a
 * validated record, a journal line appended and fdatasynced), against the
 * floor of appending a line of the same size to a file in the same folder
 * and fdatasyncing it. Interleaved, one for one, on a working copy opened
 * once. Also checks that no save rewrote db.json.
 */
import { open, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { CHECKPOINT_FILE } from '../../../electron/backend/store/checkpoint.ts';
import type { Store } from '../../../electron/backend/store/store.ts';
import { markIdOf, type PaperMark } from '../../../shared/schema/papers.ts';
import { formatValue, judge, spreadOf, type Measure, type Row } from '../measure.ts';
import { openReadyStore } from '../readyStore.ts';
import { alternately, collectGarbage, pairedRatio, summarise, timed } from '../stats.ts';
import { workingCopy } from '../workingCopy.ts';

const MAX_RATIO = 3;
const MAX_MS = 5;

/** Marks the paper read now: the most frequent change a member makes (also the small change before a checkpoint). */
export function markPaperRead(store: Store, paperId: string): Promise<{ seq: number }> {
  return store.mutate('Board Secretariat', 'Paper marked read', (state) => {
    const id = markIdOf(paperId);
    const iso = new Date().toISOString();
    const mark: PaperMark = state.paperMarks.get(id) ?? {
      id,
      createdAt: iso,
      updatedAt: iso,
      paperId,
      readAt: null,
      readVersion: null,
    };
    return {
      changes: [{ target: 'paperMarks', id, after: { ...mark, updatedAt: iso, readAt: iso } }],
      value: undefined,
    };
  });
}

export const smallChangeMeasure: Measure = {
  id: 'change',
  title: 'One small durable change',
  async run(ctx) {
    const samples = ctx.size.name === 'quick' ? 100 : 200;
    const copy = await workingCopy(ctx.body.dataDir, join(ctx.scratch, 'change'));
    const floorPath = join(copy.dataDir, 'floor-journal.jsonl');
    const floorFile = await open(floorPath, 'a');
    try {
      // The first change makes the start-of-session backup, as in the app.
      const store = await openReadyStore(copy.dataDir, { checkpointEvery: 1_000_000, backupOnFirstChange: true });
      const paperIds = store
        .state()
        .papers.values()
        .map((p) => p.id);
      /** Marks paper number `n` (of the state's papers) read now. */
      const markRead = (n: number) => markPaperRead(store, paperIds[n % paperIds.length]!);
      const checkpointBefore = await stat(join(copy.dataDir, CHECKPOINT_FILE));

      // The first change after opening also makes the start-of-session backup: timed on its own.
      const first = await timed(() => markRead(0));
      const [entry] = await store.entries(first.value.seq, first.value.seq);
      const line = `${JSON.stringify(entry)}\n`;
      const lineBytes = Buffer.byteLength(line, 'utf8');
      for (let i = 1; i <= 10; i++) {
        await markRead(i);
        await floorFile.write(line);
        await floorFile.datasync();
      }

      collectGarbage();
      const changes: number[] = [];
      const floors: number[] = [];
      for (let i = 0; i < samples; i++) {
        await alternately(
          i,
          async () => {
            const floor = await timed(async () => {
              await floorFile.write(line);
              await floorFile.datasync();
            });
            floors.push(floor.ms);
          },
          async () => {
            changes.push((await timed(() => markRead(11 + i))).ms);
          },
        );
      }
      const checkpointAfter = await stat(join(copy.dataDir, CHECKPOINT_FILE));
      const untouched =
        checkpointAfter.ino === checkpointBefore.ino && checkpointAfter.mtimeMs === checkpointBefore.mtimeMs;
      await store.close();

      const change = summarise(changes);
      const floor = summarise(floors);
      const ratio = pairedRatio(changes, floors).median;
      const row: Row = {
        operation: 'One small change, durable (store.mutate: paper marked read)',
        size: `${lineBytes.toLocaleString('en-GB')} B journal line`,
        unit: 'ms',
        median: change.median,
        spread: spreadOf(change),
        runs: samples,
        floor: { what: 'append + fdatasync of a line of the same size', median: floor.median },
        ratio,
        target: `≤ ${MAX_RATIO}× floor and < ${MAX_MS} ms`,
        verdict: untouched
          ? judge(
              [
                { label: 'ratio', value: ratio, max: MAX_RATIO, unit: '×' },
                { label: 'median', value: change.median, max: MAX_MS, unit: 'ms' },
              ],
              () =>
                `fdatasync itself takes ${formatValue(floor.median, 'ms')} on this disk; mutate adds ${formatValue(change.median - floor.median, 'ms')} (validation, before-state comparison, queueing).`,
            )
          : {
              kind: 'missed',
              by: 'db.json was rewritten while saving',
              why: 'a whole-file rewrite ran on the path of a save',
            },
        notes: [
          `${samples} changes interleaved one for one with ${samples} floor appends; p95 ${formatValue(change.p95, 'ms')} (floor ${formatValue(floor.p95, 'ms')}), worst ${formatValue(change.max, 'ms')} (floor ${formatValue(floor.max, 'ms')}).`,
          `The first change after opening, which also makes the start-of-session backup (hard links), took ${formatValue(first.ms, 'ms')}.`,
          `db.json was ${untouched ? 'not touched' : 'REWRITTEN'} during the ${samples + 11} saves (no whole-file rewrite on the path of a save).`,
        ],
      };
      return [row];
    } finally {
      await floorFile.close();
      await copy.remove();
    }
  },
};
