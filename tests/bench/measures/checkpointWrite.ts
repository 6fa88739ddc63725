/**
 * Writing the checkpoint (`store.checkpoint()` after one small change, so
 * there is something to write), against the floor of `JSON.stringify` +
 * write + fsync of the same state; and the event loop's longest delay while
 * each runs (`perf_hooks.monitorEventLoopDelay`), which is what a window
 * sharing the main process would feel.
 */
import { open, stat, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { CHECKPOINT_FILE, CHECKPOINT_FORMAT, checkpointChunks } from '../../../electron/backend/store/checkpoint.ts';
import { toDocument } from '../../../shared/schema/state.ts';
import { formatValue, judge, spreadOf, type Measure, type Row } from '../measure.ts';
import { openReadyStore } from '../readyStore.ts';
import { alternately, collectGarbage, pairedRatio, summarise, timed, watchedEventLoop } from '../stats.ts';
import { workingCopy } from '../workingCopy.ts';
import { markPaperRead } from './smallChange.ts';

const MAX_RATIO = 1.3;
const MAX_DELAY_MS = 50;
/** Timer resolution of the delay monitor: fine enough to see a 50 ms stall, coarse enough not to disturb. */
const RESOLUTION_MS = 2;

function watched(fn: () => Promise<void>): Promise<{ ms: number; maxDelayMs: number }> {
  return watchedEventLoop(fn, RESOLUTION_MS);
}

async function writeAndSync(path: string, text: string): Promise<void> {
  const handle: FileHandle = await open(path, 'w');
  try {
    await handle.write(text);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

export const checkpointWriteMeasure: Measure = {
  id: 'checkpoint',
  title: 'Checkpoint write and event-loop delay',
  async run(ctx) {
    const runs = ctx.size.name === 'quick' ? 7 : 5;
    const copy = await workingCopy(ctx.body.dataDir, join(ctx.scratch, 'checkpoint'));
    const errors: unknown[] = [];
    try {
      const store = await openReadyStore(copy.dataDir, {
        checkpointEvery: 1_000_000,
        logError: (_where, error) => errors.push(error),
      });
      const floorPath = join(copy.dataDir, 'floor-db.json');
      // Warm-up: the checkpoint owed since opening (the replayed tail), and one floor.
      await store.checkpoint();
      await writeAndSync(floorPath, JSON.stringify({ state: toDocument(store.state()) }));

      const writes: Array<{ ms: number; maxDelayMs: number }> = [];
      const floors: Array<{ ms: number; maxDelayMs: number }> = [];
      for (let run = 0; run < runs; run++) {
        await markPaperRead(store, store.state().papers.values()[run]!.id);
        const checkpoint = async (): Promise<void> => {
          collectGarbage();
          const result = await watched(() => store.checkpoint());
          if (errors.length > 0) throw errors[0];
          if (store.status().checkpointSeq !== store.head().seq) throw new Error('the checkpoint was not written');
          writes.push(result);
        };
        const floor = async (): Promise<void> => {
          const doc = {
            format: CHECKPOINT_FORMAT,
            journal: store.head(),
            writtenAt: new Date().toISOString(),
            state: toDocument(store.state()),
          };
          collectGarbage();
          floors.push(await watched(() => writeAndSync(floorPath, JSON.stringify(doc))));
        };
        await alternately(run, checkpoint, floor);
        ctx.log(
          `  checkpoint run ${run + 1}/${runs}: ${formatValue(writes.at(-1)!.ms, 'ms')}, longest stall ${formatValue(writes.at(-1)!.maxDelayMs, 'ms')} (floor ${formatValue(floors.at(-1)!.ms, 'ms')}, stall ${formatValue(floors.at(-1)!.maxDelayMs, 'ms')})`,
        );
      }

      // Where the checkpoint's time goes: serialising in chunks (with its yields) vs writing and syncing those chunks.
      collectGarbage();
      const chunks: Uint8Array[] = [];
      const serialise = await timed(async () => {
        for await (const chunk of checkpointChunks({
          journal: store.head(),
          writtenAt: new Date().toISOString(),
          state: store.state(),
        })) {
          // Each chunk is valid until the next is asked for (one reused buffer): kept as a copy.
          chunks.push(Buffer.from(chunk));
        }
      });
      const writeChunks = await timed(async () => {
        const handle = await open(floorPath, 'w');
        try {
          for (const chunk of chunks) await handle.write(chunk);
          await handle.sync();
        } finally {
          await handle.close();
        }
      });
      const bytes = (await stat(join(copy.dataDir, CHECKPOINT_FILE))).size;
      await store.close();

      const write = summarise(writes.map((w) => w.ms));
      const floor = summarise(floors.map((f) => f.ms));
      const ratios = pairedRatio(
        writes.map((w) => w.ms),
        floors.map((f) => f.ms),
      );
      const ratio = ratios.median;
      const delay = summarise(writes.map((w) => w.maxDelayMs));
      const floorDelay = summarise(floors.map((f) => f.maxDelayMs));
      const size = `${(bytes / 1e6).toFixed(1)} MB db.json`;
      const breakdown = `One checkpoint taken apart: serialising with checkpointChunks (${chunks.length} chunks, yielding between them) ${formatValue(serialise.ms, 'ms')}; writing those chunks + fsync ${formatValue(writeChunks.ms, 'ms')}; the rest of store.checkpoint() (temp file, rename, folder fsync) is the difference to the total.`;
      const writeRow: Row = {
        operation: 'Checkpoint write (store.checkpoint(), in the background)',
        size,
        unit: 'ms',
        median: write.median,
        spread: spreadOf(write),
        runs,
        floor: { what: 'JSON.stringify + write + fsync of the same state', median: floor.median },
        ratio,
        target: `≤ ${MAX_RATIO}× floor, off the path of a save`,
        verdict: judge([{ label: 'ratio', value: ratio, max: MAX_RATIO, unit: '×' }], () =>
          serialise.ms > writeChunks.ms
            ? `serialising record by record in chunks takes ${formatValue(serialise.ms, 'ms')}, against one JSON.stringify in the floor; the write + fsync is ${formatValue(writeChunks.ms, 'ms')}.`
            : `writing ${chunks.length} chunks and syncing takes ${formatValue(writeChunks.ms, 'ms')}, serialising ${formatValue(serialise.ms, 'ms')}.`,
        ),
        notes: [
          `Ratio: the median of the ${runs} per-run ratios (spread ${ratios.min.toFixed(2)}–${ratios.max.toFixed(2)}×).`,
          breakdown,
        ],
      };
      const delayRow: Row = {
        operation: 'Event-loop delay, longest, while a checkpoint is written',
        size,
        unit: 'ms',
        median: delay.median,
        spread: spreadOf(delay),
        runs,
        floor: { what: 'the same during the floor (one JSON.stringify)', median: floorDelay.median },
        ratio: delay.median / floorDelay.median,
        target: `max < ${MAX_DELAY_MS} ms`,
        verdict: judge(
          [{ label: 'worst run', value: delay.max, max: MAX_DELAY_MS, unit: 'ms' }],
          () =>
            `the checkpoint yields after about 1 MB of serialised records; a stall this long is one chunk's work (${formatValue(serialise.ms / Math.max(1, chunks.length), 'ms')} on average here), a collection of the garbage it made, or the process waiting for a CPU (see the load averages above).`,
        ),
        notes: [
          `monitorEventLoopDelay at ${RESOLUTION_MS} ms resolution; the figure is the histogram's max for each run (it includes up to one resolution step), median over ${runs} runs, worst ${formatValue(delay.max, 'ms')}. The floor column shows how long a plain JSON.stringify + write blocks the loop: what the chunked write avoids.`,
        ],
      };
      return [writeRow, delayRow];
    } finally {
      await copy.remove();
    }
  },
};
