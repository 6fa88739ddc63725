/**
 * The full archive's round trip on the body (issue 21): export everything to
 * a `.boardkeeper` file, check and import it into an empty folder, reopen it
 * in a fresh store, and export again. The measure fails (crashes) unless the
 * second export's state, journal and blobs are byte for byte the first's.
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { buildArchive, checkArchive, installArchive } from '../../../electron/backend/archive/archive.ts';
import { openStore } from '../../../electron/backend/store/store.ts';
import { zipEntries } from '../../helpers/zipEntries.ts';
import { formatValue, spreadOf, type Measure } from '../measure.ts';
import { collectGarbage, summarise, timed } from '../stats.ts';
import { workingCopy } from '../workingCopy.ts';

const NOW = new Date('2026-11-27T09:00:00.000Z');

function dataEntries(zip: Uint8Array): Map<string, Buffer> {
  return new Map(
    [...zipEntries(zip)].filter(
      ([n]) => n === 'state.json' || /^journal\/\d+\.jsonl$/.test(n) || n.startsWith('blobs/'),
    ),
  );
}

export const archiveMeasure: Measure = {
  id: 'archive',
  title: 'Full archive round trip',
  async run(ctx) {
    const runs = ctx.size.name === 'full' ? 2 : 3;
    const exports: number[] = [];
    const imports: number[] = [];
    let bytes = 0;
    for (let run = 0; run < runs; run++) {
      const copy = await workingCopy(ctx.body.dataDir, join(ctx.scratch, `source-${run}`));
      const target = join(ctx.scratch, `target-${run}`);
      await mkdir(target, { recursive: true });
      try {
        const source = await openStore({
          dataDir: copy.dataDir,
          checkpointQuietMs: 3_600_000,
          backupOnFirstChange: false,
        });
        collectGarbage();
        const exported = await timed(async () =>
          buildArchive(copy.dataDir, await source.archiveSnapshot(), 'full', NOW),
        );
        await source.close();
        exports.push(exported.ms);
        bytes = exported.value.length;
        const file = join(ctx.scratch, `archive-${run}.boardkeeper`);
        await writeFile(file, exported.value);
        collectGarbage();
        const imported = await timed(async () => {
          const checked = await checkArchive(file, target, 'bench.boardkeeper', NOW);
          await installArchive(checked, target, NOW);
          return openStore({ dataDir: target, checkpointQuietMs: 3_600_000, backupOnFirstChange: false });
        });
        imports.push(imported.ms);
        const reopened = imported.value;
        if (reopened.status().status !== 'ready') throw new Error('the imported folder did not open');
        const again = await buildArchive(target, await reopened.archiveSnapshot(), 'full', NOW);
        await reopened.close();
        const a = dataEntries(exported.value);
        const b = dataEntries(again);
        if (a.size !== b.size || [...a].some(([n, d]) => !b.get(n)?.equals(d))) {
          throw new Error('the round trip changed the state, the journal or a blob');
        }
        ctx.log(
          `  archive run ${run + 1}/${runs}: export ${formatValue(exported.ms, 'ms')}, import ${formatValue(imported.ms, 'ms')}`,
        );
      } finally {
        await copy.remove();
        await rm(target, { recursive: true, force: true });
      }
    }
    const size = `${ctx.body.manifest.entries.toLocaleString('en-GB')} entries; archive ${(bytes / 1e6).toFixed(0)} MB`;
    const ex = summarise(exports);
    const im = summarise(imports);
    return [
      {
        operation: 'Export everything (archive)',
        size,
        unit: 'ms',
        median: ex.median,
        spread: spreadOf(ex),
        runs,
        target: 'report',
        verdict: { kind: 'info' },
      },
      {
        operation: 'Import the archive into an empty folder and reopen',
        size,
        unit: 'ms',
        median: im.median,
        spread: spreadOf(im),
        runs,
        target: 'report',
        verdict: { kind: 'info' },
        notes: [
          'Each run checks the round trip: a second export of the imported folder has the same state, journal and blobs, byte for byte.',
        ],
      },
    ];
  },
};
