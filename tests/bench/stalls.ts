/**
 * Which code stood in the event loop's way: runs Verify or the rebuild from
 * the journal (the integrity measure's two operations), or the search index
 * as the search measure makes it (built from scratch, read back, read back
 * with 500 changes to catch up), on a working copy of the cached body under
 * the V8 profiler, watches the loop with a 1 ms timer, and for each stall
 * over 30 ms prints the functions that ran in it (self and inclusive time
 * from the profile's samples in that window) and the CPU time the process
 * used in it (far less than the gap: it waited for a CPU).
 *
 *   npx tsx --expose-gc tests/bench/stalls.ts verify|rebuild|search [--quick]
 */
import { Session } from 'node:inspector/promises';
import { join } from 'node:path';
import { CHECKPOINT_FILE } from '../../electron/backend/store/checkpoint.ts';
import { storeSearchIndex } from '../../electron/backend/search/searchIndex.ts';
import { openStore, type Store } from '../../electron/backend/store/store.ts';
import { DEFAULT_SEED, ensureBody, BENCH_DIR } from './generate.ts';
import { SIZES } from './history.ts';
import { workingCopy } from './workingCopy.ts';
import { damageCheckpoint } from './measures/integrity.ts';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Prof {
  nodes: ProfileNode[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

async function main(): Promise<void> {
  const target = process.argv[2];
  if (target !== 'verify' && target !== 'rebuild' && target !== 'search')
    throw new Error('usage: stalls.ts verify|rebuild|search [--quick]');
  const body = await ensureBody(process.argv.includes('--quick') ? SIZES.quick : SIZES.full, DEFAULT_SEED);
  const copy = await workingCopy(body.dataDir, join(BENCH_DIR, 'scratch', 'stall'));
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 200 });
  let store: Awaited<ReturnType<typeof openStore>> | null = null;
  if (target === 'verify' || target === 'search')
    store = await openStore({ dataDir: copy.dataDir, checkpointQuietMs: 3_600_000, backupOnFirstChange: false });
  else await damageCheckpoint(join(copy.dataDir, CHECKPOINT_FILE));
  (globalThis as { gc?: () => void }).gc?.();
  // Each gap with the CPU time the process used in it (all its threads): well under the gap, it was
  // waiting for a CPU (another process had it), not working.
  const gaps: Array<[number, number, number]> = [];
  let last = process.hrtime.bigint();
  let lastCpu = process.cpuUsage();
  const timer = setInterval(() => {
    const now = process.hrtime.bigint();
    const cpu = process.cpuUsage(lastCpu);
    if (now - last > 30_000_000n)
      gaps.push([Number(last / 1000n), Number(now / 1000n), (cpu.user + cpu.system) / 1000]);
    last = now;
    lastCpu = process.cpuUsage();
  }, 1);
  await session.post('Profiler.start');
  if (target === 'verify') {
    const r = await store!.verify();
    console.log('verify ok', r.ok);
  } else if (target === 'search') {
    await searchIndexSteps(store!);
  } else {
    store = await openStore({ dataDir: copy.dataDir, checkpointQuietMs: 3_600_000, backupOnFirstChange: false });
    console.log(store.status().status);
  }
  const { profile } = (await session.post('Profiler.stop')) as unknown as { profile: Prof };
  clearInterval(timer);
  await store!.close();
  await copy.remove();
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  let t = profile.startTime;
  const times = profile.timeDeltas.map((d) => (t += d));
  for (const [a, b, cpuMs] of gaps) {
    const self = new Map<string, number>();
    const incl = new Map<string, number>();
    for (let i = 0; i < profile.samples.length; i++) {
      if (times[i]! < a || times[i]! > b) continue;
      const dt = (profile.timeDeltas[i + 1] ?? 200) / 1000;
      const n = byId.get(profile.samples[i]!)!;
      const name = (x: ProfileNode) =>
        `${x.callFrame.functionName || '(anon)'} ${x.callFrame.url.split('/').slice(-2).join('/')}:${x.callFrame.lineNumber}`;
      self.set(name(n), (self.get(name(n)) ?? 0) + dt);
      const seen = new Set<string>();
      for (let id: number | undefined = n.id; id !== undefined; id = parent.get(id)) {
        const k = name(byId.get(id)!);
        if (seen.has(k)) continue;
        seen.add(k);
        incl.set(k, (incl.get(k) ?? 0) + dt);
      }
    }
    console.log(`\nGAP ${((b - a) / 1000).toFixed(1)} ms (the process used ${cpuMs.toFixed(1)} ms of CPU in it)`);
    console.log(
      ' self:',
      [...self]
        .sort((x, y) => y[1] - x[1])
        .slice(0, 8)
        .map(([k, v]) => `${k} ${v.toFixed(1)}`)
        .join('\n       '),
    );
    console.log(
      ' incl:',
      [...incl]
        .sort((x, y) => y[1] - x[1])
        .slice(0, 25)
        .map(([k, v]) => `${k} ${v.toFixed(1)}`)
        .join('\n       '),
    );
  }
}
/** The search measure's three ways to a ready index: built from scratch, read back, read back 500 changes behind. */
async function searchIndexSteps(store: Store): Promise<void> {
  for (const step of ['built from scratch', 'read back', 'read back, 500 changes behind'] as const) {
    if (step === 'read back, 500 changes behind') {
      for (const d of store.state().decisions.values().slice(0, 500)) {
        await store.mutate('Bench', 'Correct a title', () => ({
          changes: [{ target: 'decisions', id: d.id, after: { ...d, title: `${d.title} (corrected)` } }],
          value: undefined,
        }));
      }
    }
    const index = storeSearchIndex(store, (where, error) => console.error(where, error));
    const t0 = performance.now();
    await index.build();
    console.log(`search index ${step}: ${(performance.now() - t0).toFixed(0)} ms (${index.readyFrom})`);
    await index.close(step !== 'built from scratch');
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
