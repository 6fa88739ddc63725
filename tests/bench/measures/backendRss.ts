/**
 * The backend's resident memory with the ten-year body open as the app holds
 * it: the backend from the bundle the desktop app uses (dist/web/cli.cjs,
 * built by scripts/build-electron.mjs with main's options; not through tsx),
 * started on a working copy of the body, with the store, the search index
 * (read back from disk), the reminder scheduler (its catch-up done) and the
 * record history's index all up, then a full garbage collection. The figure is the whole process's
 * resident set. The floor is the same bundle on an empty data folder, all
 * of it up the same way: what Node and the backend's code hold without data.
 *
 * The memory is read by tests/bench/rssProbe.mjs, preloaded into the
 * backend's process (`node --expose-gc --import`): on a message it collects the
 * garbage and answers with process.memoryUsage() and V8's heap spaces.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { waitForUrlLine } from '../../helpers/webHostProcess.ts';
import { REPO_ROOT } from '../generate.ts';
import { BODY_NOW } from '../history.ts';
import { formatValue, judge, type Measure, type Row } from '../measure.ts';
import { buildBackendBundle } from '../webApp.ts';
import { workingCopy } from '../workingCopy.ts';

const MAX_RSS_MB = 400;
const MB = 1e6;

/** What the probe answers. */
interface Memory {
  readonly usage: NodeJS.MemoryUsage;
  readonly spaces: Record<string, number>;
}

/** A channel called over the host's HTTP contract, with its token; the answer's value. */
async function hostRpc(url: string, channel: string, input: unknown): Promise<unknown> {
  const { origin, searchParams } = new URL(url);
  const response = await fetch(`${origin}/rpc/${encodeURIComponent(channel)}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${searchParams.get('token') ?? ''}` },
    body: JSON.stringify(input),
  });
  const result = (await response.json()) as { ok: boolean; value?: unknown; error?: { message: string } };
  if (!result.ok) throw new Error(`${channel}: ${result.error?.message ?? 'refused'}`);
  return result.value;
}

/** Asks the probe in `child` for the memory after a full garbage collection. */
function memoryOf(child: ChildProcess): Promise<Memory> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the memory probe did not answer within 60 s')), 60_000);
    child.once('message', (message) => {
      clearTimeout(timer);
      resolve(message as Memory);
    });
    child.send('memory');
  });
}

/**
 * Starts the bundled backend on `dataDir`, waits until everything is up (the search index answering,
 * the reminder catch-up recorded: the notification centre's count holds still), and reads its memory.
 */
async function memoryWithEverythingUp(
  cli: string,
  dataDir: string,
  log: (line: string) => void,
): Promise<{ opened: Memory; up: Memory }> {
  const child = spawn(
    process.execPath,
    [
      '--expose-gc',
      '--import',
      pathToFileURL(join(REPO_ROOT, 'tests', 'bench', 'rssProbe.mjs')).href,
      cli,
      '--data-dir',
      dataDir,
      '--port',
      '0',
      '--renderer-dir',
      join(REPO_ROOT, 'dist', 'renderer'),
    ],
    {
      cwd: REPO_ROOT,
      env: { ...process.env, BOARD_DATA_DIR: '', BOARD_FAKE_NOW: BODY_NOW.toISOString() },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    },
  );
  const { url, exited } = await waitForUrlLine(child, 600_000);
  try {
    // The store open and the first screen answered (the start-up work waits for the first screen).
    await hostRpc(url, 'dashboard:get', {});
    const opened = await memoryOf(child);
    const t0 = performance.now();
    for (;;) {
      const answer = (await hostRpc(url, 'search:query', { q: 'contract', perGroup: 1 })) as { source: string };
      if (answer.source === 'index') break;
      if (performance.now() - t0 > 600_000) throw new Error('the search index was not ready after 600 s');
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    let last = -1;
    for (let i = 0; i < 240; i++) {
      const list = (await hostRpc(url, 'reminders:list', { pageSize: 1 })) as { total: number };
      if (list.total === last) break;
      last = list.total;
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
    // The backend reads the record history's index ahead once the start-up work is done: held for
    // the run, so counted (a history request waits for the read-ahead).
    await hostRpc(url, 'history:ofRecord', { target: 'members', id: 'any' });
    log(`  everything up after ${formatValue(performance.now() - t0, 'ms')} (from the URL line)`);
    return { opened, up: await memoryOf(child) };
  } finally {
    child.kill('SIGINT');
    const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
    await exited;
    clearTimeout(timer);
  }
}

export const backendRssMeasure: Measure = {
  id: 'backend-rss',
  title: 'Backend resident memory, everything up',
  async run(ctx) {
    const cli = await buildBackendBundle(ctx.scratch);
    const empty = join(ctx.scratch, 'rss-empty');
    await mkdir(empty, { recursive: true });
    const floor = (await memoryWithEverythingUp(cli, empty, ctx.log)).up;
    const copy = await workingCopy(ctx.body.dataDir, join(ctx.scratch, 'rss'));
    try {
      const { opened, up: full } = await memoryWithEverythingUp(cli, copy.dataDir, ctx.log);
      const rss = full.usage.rss / MB;
      ctx.log(`  backend resident ${formatValue(rss, 'MB')} (empty folder ${formatValue(floor.usage.rss / MB, 'MB')})`);
      const spaces = Object.entries(full.spaces)
        .filter(([, bytes]) => bytes >= MB)
        .sort((a, b) => b[1] - a[1])
        .map(([name, bytes]) => `${name} ${formatValue(bytes / MB, 'MB')}`)
        .join(', ');
      const row: Row = {
        operation: 'Backend resident memory: store, search index and scheduler up, after gc (whole process)',
        size: 'ten-year body',
        unit: 'MB',
        median: rss,
        runs: 1,
        floor: { what: 'the same bundle on an empty data folder', median: floor.usage.rss / MB, unit: 'MB' },
        target: `≤ ${MAX_RSS_MB} MB resident`,
        verdict: judge(
          [{ label: 'resident', value: rss, max: MAX_RSS_MB, unit: 'MB' }],
          () =>
            `V8 heap used ${formatValue(full.usage.heapUsed / MB, 'MB')} (records as JS objects, the search index's postings), off-heap buffers ${formatValue((full.usage.external + full.usage.arrayBuffers) / MB, 'MB')}; see the notes.`,
        ),
        notes: [
          `The backend from dist/web/cli.cjs (esbuild, main's options), Node ${process.version}, with the body's "now" (BOARD_FAKE_NOW): resident ${formatValue(rss, 'MB')}; V8 heap used ${formatValue(full.usage.heapUsed / MB, 'MB')} of ${formatValue(full.usage.heapTotal / MB, 'MB')} reserved (${spaces}); external ${formatValue(full.usage.external / MB, 'MB')}, array buffers ${formatValue(full.usage.arrayBuffers / MB, 'MB')}. With the store open and the dashboard answered, before the start-up work (search index, reminder catch-up, every deadline derived): ${formatValue(opened.usage.rss / MB, 'MB')} resident, ${formatValue(opened.usage.heapUsed / MB, 'MB')} of V8 heap. On an empty data folder the same bundle holds ${formatValue(floor.usage.rss / MB, 'MB')} resident, ${formatValue(floor.usage.heapUsed / MB, 'MB')} of V8 heap.`,
        ],
      };
      return [row];
    } finally {
      await copy.remove();
    }
  },
};
