/**
 * CPU profiles of what the benchmark measures, to say what dominates a miss:
 * the V8 profiler (node:inspector) around just that operation, on a working
 * copy of the cached body, after one unprofiled warm-up.
 *
 *   npx tsx --expose-gc tests/bench/profile.ts open|search-build|search-query|reminders|reminders-first [--quick] [--runs N]
 *
 * Prints self time by function and by file; the .cpuprofile files are kept
 * in .bench/profiles/ (open them in Chrome DevTools).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import { join } from 'node:path';
import { SearchIndex } from '../../electron/backend/search/searchIndex.ts';
import { openStore, type Store } from '../../electron/backend/store/store.ts';
import { deriveDeadlines } from '../../shared/caches/deadlineDerivation.ts';
import { OccurrenceLedger } from '../../shared/caches/occurrenceLedger.ts';
import { remindersDue } from '../../shared/caches/reminderColumns.ts';
import { dateInZone } from '../../shared/dates/time.ts';
import { summariseProfile, type CpuProfile } from './cpuProfileSummary.ts';
import { BENCH_DIR, DEFAULT_SEED, ensureBody } from './generate.ts';
import { BODY_NOW, SIZES } from './history.ts';
import { QUERIES } from './measures/search.ts';
import { collectGarbage } from './stats.ts';
import { workingCopy } from './workingCopy.ts';

type Target = 'open' | 'search-build' | 'search-query' | 'reminders' | 'reminders-first';

async function profiled<T>(
  session: Session | null,
  profiles: CpuProfile[],
  fn: () => Promise<T>,
): Promise<{ ms: number; value: T }> {
  collectGarbage();
  if (session) await session.post('Profiler.start');
  const t0 = performance.now();
  const value = await fn();
  const ms = performance.now() - t0;
  if (session) profiles.push((await session.post('Profiler.stop')).profile as unknown as CpuProfile);
  return { ms, value };
}

function searchIndexOf(store: Store): SearchIndex {
  return new SearchIndex(
    () => store.state(),
    async (paperId) => {
      const body = store.state().papers.get(paperId)?.versions.at(-1)?.body;
      return body ? (await store.blobs.get(body)).toString('utf8') : '';
    },
  );
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const target = argv[0] as Target;
  if (!['open', 'search-build', 'search-query', 'reminders', 'reminders-first'].includes(target)) {
    throw new Error('usage: profile.ts open|search-build|search-query|reminders|reminders-first [--quick] [--runs N]');
  }
  const size = argv.includes('--quick') ? SIZES.quick : SIZES.full;
  const runsAt = argv.indexOf('--runs');
  const runs = runsAt >= 0 ? Number(argv[runsAt + 1]) : 3;
  const body = await ensureBody(size, DEFAULT_SEED);
  const scratch = join(BENCH_DIR, 'scratch', `profile-${target}`);
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 200 });
  const profiles: CpuProfile[] = [];

  if (target === 'open') {
    for (let run = 0; run <= runs; run++) {
      const copy = await workingCopy(body.dataDir, scratch);
      const { ms, value: store } = await profiled(run === 0 ? null : session, profiles, () =>
        openStore({ dataDir: copy.dataDir, checkpointQuietMs: 3_600_000, backupOnFirstChange: false }),
      );
      console.log(`${run === 0 ? 'warm-up' : `profiled ${run}/${runs}`} open: ${ms.toFixed(0)} ms`);
      await store.close();
      await copy.remove();
    }
  } else if (target === 'reminders') {
    const copy = await workingCopy(body.dataDir, scratch);
    const store = await openStore({ dataDir: copy.dataDir, checkpointQuietMs: 3_600_000, backupOnFirstChange: false });
    const state = store.state();
    const today = dateInZone(BODY_NOW, state.settings.timeZone);
    const ledger = OccurrenceLedger.of(state.reminderLedger);
    const deadlines = deriveDeadlines(state, today);
    remindersDue(deadlines, ledger, state.settings, BODY_NOW);
    const { ms } = await profiled(session, profiles, async () => {
      for (let run = 0; run < runs; run++)
        remindersDue(deriveDeadlines(state, today), ledger, state.settings, BODY_NOW);
    });
    console.log(`${runs} × (deriveDeadlines + remindersDue) over ${deadlines.length} deadlines: ${ms.toFixed(0)} ms`);
    await store.close();
    await copy.remove();
  } else if (target === 'reminders-first') {
    // The first look after a long absence, as the benchmark times it: a new register array and a ledger read afresh.
    const copy = await workingCopy(body.dataDir, scratch);
    const store = await openStore({ dataDir: copy.dataDir, checkpointQuietMs: 3_600_000, backupOnFirstChange: false });
    const state = store.state();
    const today = dateInZone(BODY_NOW, state.settings.timeZone);
    const recorded = state.reminderLedger.values();
    const deadlines = deriveDeadlines(state, today);
    remindersDue(deadlines.slice(), OccurrenceLedger.of(recorded), state.settings, BODY_NOW);
    for (let run = 0; run < runs; run++) {
      const list = deadlines.slice();
      const ledger = OccurrenceLedger.of(recorded);
      const { ms } = await profiled(session, profiles, async () =>
        remindersDue(list, ledger, state.settings, BODY_NOW),
      );
      console.log(`first look ${run + 1}/${runs} over ${deadlines.length} deadlines: ${ms.toFixed(1)} ms`);
    }
    await store.close();
    await copy.remove();
  } else {
    const copy = await workingCopy(body.dataDir, scratch);
    const store = await openStore({ dataDir: copy.dataDir, checkpointQuietMs: 3_600_000, backupOnFirstChange: false });
    const builds = target === 'search-build' ? runs : 1;
    let index: SearchIndex | null = null;
    for (let run = 0; run < builds; run++) {
      index = searchIndexOf(store);
      const fresh = index;
      const { ms } = await profiled(target === 'search-build' ? session : null, profiles, () => fresh.build());
      console.log(`index build: ${ms.toFixed(0)} ms`);
    }
    if (target === 'search-query') {
      const ready = index!;
      for (const q of QUERIES) await ready.query(q.text, 10);
      const { ms } = await profiled(session, profiles, async () => {
        for (let run = 0; run < runs; run++) for (const q of QUERIES) await ready.query(q.text, 10);
      });
      console.log(`${runs} × ${QUERIES.length} queries: ${ms.toFixed(0)} ms`);
    }
    await store.close();
    await copy.remove();
  }
  session.disconnect();
  const dir = join(BENCH_DIR, 'profiles');
  await mkdir(dir, { recursive: true });
  for (const [i, profile] of profiles.entries()) {
    await writeFile(join(dir, `${target}-${size.name}-${i + 1}.cpuprofile`), JSON.stringify(profile));
  }
  const inclusive: Record<Target, string[]> = {
    open: [
      'load',
      'loadOrThrow',
      'read',
      'readTail',
      'parseSegment',
      'checkChain',
      'replay',
      'migrateDocument',
      'validateDocument',
      'fromDocument',
      'sweep',
    ],
    'search-build': ['buildAll', 'put', 'termsOf', 'fold', 'paperText', 'get'],
    'search-query': ['query', 'fromIndex', 'termsWithPrefix', 'group', 'snippetOf', 'fold', 'localeCompare'],
    'reminders-first': ['remindersDue', 'lookAt', 'planAt', 'hasHashed', 'settledThrough', 'occurrence', 'adopt'],
    reminders: [
      'deriveDeadlines',
      'remindersDue',
      'eligible',
      'instantOfLocal',
      'dateInZone',
      'dueDates',
      'addDays',
      'daysBetween',
    ],
  };
  console.log(summariseProfile(profiles, 25, inclusive[target]));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
