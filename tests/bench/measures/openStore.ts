/**
 * Opening the store: read the checkpoint, replay the journal tail, migrate,
 * validate, verify the chain tail, against the floor of reading the same
 * checkpoint file and `JSON.parse` alone. Each run opens a fresh working copy
 * (closing writes a checkpoint, which would leave no tail for the next run).
 * Then, once, the same steps are timed one by one with the store's exported
 * building blocks, to say where the time goes.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { JOURNAL_DIR } from '../../../electron/backend/store/backups.ts';
import { CHECKPOINT_FILE, CheckpointAdapter } from '../../../electron/backend/store/checkpoint.ts';
import {
  checkChain,
  listSegments,
  parseSegment,
  readSegment,
  type ReadEntry,
} from '../../../electron/backend/store/journal.ts';
import { openStore } from '../../../electron/backend/store/store.ts';
import { migrateDocument } from '../../../shared/schema/migrations.ts';
import {
  CURRENT_SCHEMA_VERSION,
  fromDocument,
  validateDocument,
  type RecordChange,
  type StateDocument,
} from '../../../shared/schema/state.ts';
import { formatValue, judge, spreadOf, type Measure, type MeasureContext, type Row } from '../measure.ts';
import { alternately, collectGarbage, pairedRatio, summarise, timed } from '../stats.ts';
import { workingCopy } from '../workingCopy.ts';

/** The target of issue 8: at most 1.5 x the floor. */
const MAX_RATIO = 1.5;

async function floorOnce(dataDir: string): Promise<number> {
  const { ms } = await timed(async () => JSON.parse(await readFile(join(dataDir, CHECKPOINT_FILE), 'utf8')) as unknown);
  return ms;
}

async function openOnce(ctx: MeasureContext, run: number): Promise<number> {
  const copy = await workingCopy(ctx.body.dataDir, join(ctx.scratch, `open-${run}`));
  try {
    collectGarbage();
    const { ms, value: store } = await timed(() =>
      openStore({ dataDir: copy.dataDir, checkpointQuietMs: 3_600_000, backupOnFirstChange: false }),
    );
    const status = store.status();
    if (status.status !== 'ready') throw new Error(`the store did not open: ${status.problem?.message ?? '?'}`);
    if (status.seq !== ctx.body.manifest.head.seq)
      throw new Error(`opened at ${status.seq}, expected ${ctx.body.manifest.head.seq}`);
    if (status.checkpointSeq !== ctx.body.manifest.checkpoint.seq) {
      throw new Error(
        'the store wrote a checkpoint while opening, so it migrated the body: this would measure a migration, not an open',
      );
    }
    await store.close();
    return ms;
  } finally {
    await copy.remove();
  }
}

/** The load steps, one by one, as the store's exported building blocks do them (the order of store.ts loadOrThrow). */
async function phases(dataDir: string): Promise<Array<[string, number]>> {
  const out: Array<[string, number]> = [];
  collectGarbage();
  const read = await timed(() => new CheckpointAdapter(join(dataDir, CHECKPOINT_FILE)).read());
  out.push(['read db.json, check its state hash, JSON.parse (CheckpointAdapter.read)', read.ms]);
  const raw = read.value!;
  const head = raw.journal as { seq: number; hash: string };
  const journalDir = join(dataDir, JOURNAL_DIR);
  const tail = await timed(async () => {
    const segments = await listSegments(journalDir);
    let start = 0;
    for (const [i, s] of segments.entries()) if (s.firstSeq <= Math.max(head.seq, 1)) start = i;
    const entries: ReadEntry[] = [];
    let lines = 0;
    for (const segment of segments.slice(start)) {
      const parsed = parseSegment(segment.name, await readSegment(journalDir, segment.name), head.seq);
      lines += parsed.entries.length;
      entries.push(...parsed.entries);
    }
    const after = entries.filter((r) => r.entry.seq > head.seq);
    checkChain(head, after);
    return { after, lines, segments: segments.length - start };
  });
  out.push([
    `journal tail: read ${tail.value.segments} segment(s), JSON.parse and hash the ${tail.value.lines.toLocaleString('en-GB')} lines from the checkpoint's own entry on (those before it are skipped unparsed), to replay ${tail.value.after.length.toLocaleString('en-GB')}`,
    tail.ms,
  ]);
  const doc = raw.state as Record<string, unknown>;
  // As the store does: a verified checkpoint of this version, with a tail of this version, goes straight into the maps.
  if (
    raw.stateVerified === true &&
    doc.schemaVersion === CURRENT_SCHEMA_VERSION &&
    tail.value.after.every((r) => r.entry.v === CURRENT_SCHEMA_VERSION)
  ) {
    const maps = await timed(() =>
      fromDocument(
        doc as unknown as StateDocument,
        tail.value.after.flatMap((r) => r.entry.changes as unknown as RecordChange[]),
      ),
    );
    out.push([
      "build the in-memory RecordMaps from the checkpoint, the tail's changes made in them as they are built (not validated again: the state hash matches)",
      maps.ms,
    ]);
    return out;
  }
  const replayed = await timed(() => {
    const maps = new Map<string, Map<string, unknown>>();
    const result: Record<string, unknown> = { ...doc };
    for (const { entry } of tail.value.after) {
      for (const change of entry.changes) {
        if (change.target === 'settings') {
          result.settings = change.after;
          continue;
        }
        let map = maps.get(change.target);
        if (!map) {
          const records = (doc[change.target] as Array<{ id: string }> | undefined) ?? [];
          map = new Map(records.map((r) => [r.id, r]));
          maps.set(change.target, map);
        }
        if (change.after === null) map.delete(change.id);
        else map.set(change.id, change.after);
      }
    }
    for (const [name, map] of maps) result[name] = [...map.values()];
    return result;
  });
  out.push(['replay the tail into the document', replayed.ms]);
  const migrated = await timed(() => migrateDocument(replayed.value));
  out.push(['migrate', migrated.ms]);
  if (!migrated.value.ok) throw new Error('migration failed');
  // As the store does: a checkpoint whose state hash matches (and was not migrated) is not validated again.
  const trusted = raw.stateVerified === true && migrated.value.ok && !migrated.value.migrated;
  const validated = await timed(() =>
    trusted && migrated.value.ok
      ? { ok: true as const, doc: migrated.value.doc as StateDocument }
      : validateDocument(migrated.value.ok ? migrated.value.doc : null),
  );
  out.push([
    trusted
      ? 'validate: skipped, the state hash matches (each change was validated when journaled)'
      : 'validate the whole document (zod StateDocumentSchema + id checks)',
    validated.ms,
  ]);
  if (!validated.value.ok) throw new Error(`invalid: ${JSON.stringify(validated.value.issues[0])}`);
  const doc2 = validated.value.doc;
  const built = await timed(() => fromDocument(doc2));
  out.push(['build the in-memory RecordMaps', built.ms]);
  return out;
}

export const openStoreMeasure: Measure = {
  id: 'open',
  title: 'Open the store',
  async run(ctx) {
    const runs = 7;
    const tail = ctx.body.manifest.head.seq - ctx.body.manifest.checkpoint.seq;
    // Warm the page cache and the code paths once, unmeasured.
    await floorOnce(ctx.body.dataDir);
    await openOnce(ctx, -1);
    const opens: number[] = [];
    const floors: number[] = [];
    for (let run = 0; run < runs; run++) {
      await alternately(
        run,
        async () => {
          collectGarbage();
          floors.push(await floorOnce(ctx.body.dataDir));
        },
        async () => {
          opens.push(await openOnce(ctx, run));
        },
      );
      ctx.log(
        `  open run ${run + 1}/${runs}: ${formatValue(opens.at(-1)!, 'ms')} (floor ${formatValue(floors.at(-1)!, 'ms')})`,
      );
    }
    const open = summarise(opens);
    const floor = summarise(floors);
    const ratios = pairedRatio(opens, floors);
    const ratio = ratios.median;
    const steps = await phases(ctx.body.dataDir);
    const stepTotal = steps.reduce((sum, [, ms]) => sum + ms, 0);
    const breakdown = `Where the time goes (the load steps timed one by one with the store's exported functions, one run): ${steps
      .map(([what, ms]) => `${what} ${formatValue(ms, 'ms')}`)
      .join('; ')}; total ${formatValue(stepTotal, 'ms')}.`;
    const row: Row = {
      operation: `Open the store (checkpoint + journal tail of ${tail.toLocaleString('en-GB')} + migrate + validate)`,
      size: `${(ctx.body.manifest.bytes.checkpoint / 1e6).toFixed(1)} MB db.json`,
      unit: 'ms',
      median: open.median,
      spread: spreadOf(open),
      runs,
      floor: { what: 'read db.json + JSON.parse', median: floor.median },
      ratio,
      target: `≤ ${MAX_RATIO}× floor`,
      verdict: judge([{ label: 'ratio', value: ratio, max: MAX_RATIO, unit: '×' }], () => {
        // Everything but the first step (read + parse) is work the floor does not do.
        const beyond = steps.slice(1).sort((a, b) => b[1] - a[1]);
        const extra = beyond.reduce((sum, [, ms]) => sum + ms, 0);
        const [first] = beyond;
        return (
          `beyond the floor's read + parse, opening spends ${formatValue(extra, 'ms')}, of which ${first![0]} ${formatValue(first![1], 'ms')} ` +
          `(${((first![1] / extra) * 100).toFixed(0)}%); then ${beyond
            .slice(1, 3)
            .map(([what, ms]) => `${what} ${formatValue(ms, 'ms')}`)
            .join(', ')}. Garbage collection of what these allocate comes on top ` +
          '(npx tsx --expose-gc tests/bench/profile.ts open shows the split).'
        );
      }),
      notes: [
        `Ratio: the median of the ${runs} per-run ratios (spread ${ratios.min.toFixed(2)}–${ratios.max.toFixed(2)}×).`,
        breakdown,
      ],
    };
    return [row];
  },
};
