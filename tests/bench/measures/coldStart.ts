/**
 * Start the app, see the dashboard: from spawning the backend's process to
 * the frame that shows the dashboard's first data (its counts and first
 * overdue rows), on the ten-year body, in Chromium. The backend runs from the
 * bundle built as the desktop app's is (scripts/build-electron.mjs:
 * dist/web/cli.cjs, the web host with the same backend code, bundled by
 * esbuild with main's options), not through tsx.
 *
 * Two starts per run, on a working copy of the body:
 * - the first after a long absence: the app was last used 60 days before the
 *   body's "now" (a preparation start at that day records what was due then,
 *   writes the search index and a checkpoint), so at "now" the reminder
 *   catch-up has thousands of occurrences to record;
 * - a second start, five minutes later: nothing to catch up.
 * Each time is one span, on one clock: the page's performance.timeOrigin +
 * the paint's performance.now(), minus the moment of spawning. The floor is a
 * read + JSON.parse of the copy's db.json in this process, taken next to each run.
 *
 * With the body open, the same page then visits every screen and records the
 * largest answer of each channel, the page's JS heap, and the requests one
 * change causes with two pages open.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from '../../helpers/chromium.ts';
import { waitForUrlLine } from '../../helpers/webHostProcess.ts';
import { REPO_ROOT } from '../generate.ts';
import { BODY_NOW } from '../history.ts';
import { formatValue, judge, spreadOf, type Measure, type MeasureContext, type Row } from '../measure.ts';
import { summarise } from '../stats.ts';
import { buildBackendBundle, coldLoadScript, ensureRendererBuilt, rpc, waitForSearchIndex } from '../webApp.ts';
import { newBritishContext } from '../../helpers/chromium.ts';
import { workingCopy } from '../workingCopy.ts';

const SECOND_START_MAX_MS = 1200;
const SECOND_START_MAX_RATIO = 3;
const FIRST_START_MAX_MS = 2000;
const ANSWER_MAX_BYTES = 256 * 1024;
/** Runs of both starts (each run prepares a copy, then starts twice: minutes at full size); BENCH_COLD_RUNS overrides the full count. */
const RUNS = { full: Number(process.env['BENCH_COLD_RUNS'] ?? 2), quick: 1 } as const;
const DAY_MS = 86_400_000;
/** The dashboard's first data: a row of its overdue list (painted in the same commit as its counts). */
const DASHBOARD_DATA = 'section[aria-labelledby="dash-overdue"] tbody tr a';
const KB = 1024;
/** The line the dashboard shows while its answer is the one kept at the last stop, or worked out from the records kept then (DashboardPage.tsx). */
const PROVISIONAL_LINE = 'Opening the record: these figures are';
const MB = 1e6;

/** A web host started from the bundle. */
interface Host {
  readonly child: ChildProcess;
  readonly url: string;
  /** Epoch ms when it was spawned, and when its URL line came. */
  readonly spawnedAt: number;
  readonly urlAt: number;
  /** The host's start marks (BOARD_START_TRACE), ms since its process began; empty until the store is open. */
  marks(): Record<string, number>;
  /** What the host has written to stderr so far. */
  stderr(): string;
  stop(): Promise<void>;
}

async function startBundledHost(cli: string, dataDir: string, now: Date): Promise<Host> {
  const spawnedAt = performance.timeOrigin + performance.now();
  const child = spawn(
    process.execPath,
    [cli, '--data-dir', dataDir, '--port', '0', '--renderer-dir', join(REPO_ROOT, 'dist', 'renderer')],
    {
      cwd: REPO_ROOT,
      env: { ...process.env, BOARD_DATA_DIR: '', BOARD_FAKE_NOW: now.toISOString(), BOARD_START_TRACE: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const { url, exited, stderr } = await waitForUrlLine(child, 300_000);
  const urlAt = performance.timeOrigin + performance.now();
  return {
    child,
    url,
    spawnedAt,
    urlAt,
    stderr,
    marks: () =>
      Object.fromEntries(
        (/^start-trace (.*)$/m.exec(stderr())?.[1] ?? '')
          .split(' ')
          .filter((pair) => pair.includes('='))
          .map((pair) => [pair.split('=')[0]!, Number(pair.split('=')[1])]),
      ),
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGINT');
      const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/**
 * The CPU time (user + system) a process has used so far, in ms, from /proc (Linux); undefined
 * elsewhere. On a loaded machine the wall-clock spans stretch with the wait for a CPU; this does not.
 */
async function cpuMsOf(pid: number | undefined): Promise<number | undefined> {
  if (pid === undefined) return undefined;
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command's closing parenthesis: utime and stime are the 12th and 13th, in clock ticks (100 a second).
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return undefined;
  }
}

/** The read + parse floor: the checkpoint read and parsed, as the store's first step is; with its size and ledger, in words. */
async function readParseFloor(dataDir: string): Promise<{ ms: number; checkpoint: string }> {
  const t0 = performance.now();
  const text = await readFile(join(dataDir, 'db.json'), 'utf8');
  const doc = JSON.parse(text) as { state: { reminderLedger: Array<{ outcome: string }> } };
  const ms = performance.now() - t0;
  const outcomes = new Map<string, number>();
  for (const e of doc.state.reminderLedger) outcomes.set(e.outcome, (outcomes.get(e.outcome) ?? 0) + 1);
  const ledger = [...outcomes].map(([outcome, n]) => `${n.toLocaleString('en-GB')} ${outcome}`).join(', ');
  return {
    ms,
    checkpoint: `db.json ${formatValue(Buffer.byteLength(text) / MB, 'MB')}, reminderLedger ${doc.state.reminderLedger.length.toLocaleString('en-GB')} (${ledger})`,
  };
}

/** Waits until the reminder catch-up has recorded what it found: the notification centre's count holds still. */
async function waitForCatchUp(page: Page): Promise<void> {
  let last = -1;
  for (let i = 0; i < 240; i++) {
    const list = (await rpc(page, 'reminders:list', { pageSize: 1 })) as { total: number };
    if (list.total === last) return;
    last = list.total;
    await page.waitForTimeout(1000);
  }
}

/** One start measured: spawn to the dashboard's data painted, with the URL time and the first screen's requests. */
interface Start {
  readonly totalMs: number;
  readonly urlMs: number;
  readonly paintedInPageMs: number;
  /**
   * When the dashboard first painted a provisional answer (kept at the last stop, or worked out from the
   * records kept then), the page time at which the store's own answer had replaced it (found by polling
   * every 25 ms); null when it painted the store's own.
   */
  readonly provisional: number | null;
  /** Where the provisional answer came from. */
  readonly provisionalFrom: 'answer' | 'records' | null;
  readonly requests: ReadonlyArray<{ channel: string; start: number; end: number; bytes: number }>;
  readonly host: Host;
  readonly context: BrowserContext;
  readonly page: Page;
  /** From spawning to the page's navigation start (the page was opened at once on the URL line). */
  readonly navigationMs: number;
  /** The backend's start marks, ms since its process began. */
  readonly marks: Record<string, number>;
  /** The CPU time the backend's process had used when the dashboard was painted (undefined off Linux). */
  readonly backendCpuMs: number | undefined;
}

/** The backend's start marks in words, in the order they came. */
const MARK_WORDS: Readonly<Record<string, string>> = {
  loaded: 'its code loaded',
  locked: 'the folder locked',
  listening: 'listening (URL printed)',
  'checkpoint-parsed': 'db.json read, hashed and parsed',
  'tail-read': 'the journal tail read',
  'state-built': 'the in-memory maps built',
  'store-open': 'the store open',
  offers: 'the backend open',
};

function cpuText(cpuMs: number | undefined): string {
  return cpuMs === undefined
    ? 'the backend CPU time was not read (no /proc)'
    : `the backend's process had used ${formatValue(cpuMs, 'ms')} of CPU by the time the dashboard was painted (the wall-clock spans stretch with the wait for a CPU on a loaded machine; this does not)`;
}

function marksText(marks: Record<string, number>): string {
  return Object.entries(marks)
    .sort((a, b) => a[1] - b[1])
    .map(([name, at]) => `${MARK_WORDS[name] ?? name} ${formatValue(at, 'ms')}`)
    .join(', ');
}

/**
 * Collects the harness's own garbage (the floor's parsed checkpoint, hundreds of megabytes) and lets the
 * machine settle before a start is timed, so this process's collector does not share the two cores
 * with the start it measures.
 */
async function settleHarness(): Promise<void> {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
  await new Promise((resolve) => setTimeout(resolve, 1_000));
}

async function measuredStart(browser: Browser, cli: string, dataDir: string, now: Date): Promise<Start> {
  await settleHarness();
  const context = await newBritishContext(browser);
  const page = await context.newPage();
  await page.addInitScript(coldLoadScript(DASHBOARD_DATA));
  // Whether the first dashboard:get was answered provisionally, and from what (the answer kept at the last stop or its records).
  let firstDashboard: Promise<'answer' | 'records' | null> | null = null;
  page.on('response', (response) => {
    if (firstDashboard !== null || decodeURIComponent(new URL(response.url()).pathname) !== '/rpc/dashboard:get')
      return;
    firstDashboard = response.json().then(
      (body: { value?: { provisional?: { from: 'answer' | 'records' } } }) => body.value?.provisional?.from ?? null,
      () => null,
    );
  });
  const host = await startBundledHost(cli, dataDir, now);
  await page.goto(host.url);
  const t0 = performance.now();
  let figures = (await page.evaluate('window.__benchLoad ?? null')) as { inDom: number; painted: number } | null;
  while (figures === null) {
    if (performance.now() - t0 > 300_000) throw new Error('the dashboard was not painted within 300 s');
    await page.waitForTimeout(25);
    figures = (await page.evaluate('window.__benchLoad ?? null')) as { inDom: number; painted: number } | null;
  }
  const backendCpuMs = await cpuMsOf(host.child.pid);
  // Painted from the answer kept at the last stop (provisional), the store's own replaces it once open: when (page ms).
  let ownAnswerAt: number | null = null;
  const provisionalFrom = await (firstDashboard ?? Promise.resolve(null));
  const keptFirst = provisionalFrom !== null;
  for (let i = 0; keptFirst && i < 2_400 && ownAnswerAt === null; i++) {
    ownAnswerAt = (await page.evaluate(
      `document.body.innerText.includes(${JSON.stringify(PROVISIONAL_LINE)}) ? null : performance.now()`,
    )) as number | null;
    if (ownAnswerAt === null) await page.waitForTimeout(25);
  }
  // A provisional answer that differed from the store's own is logged by the host (openingBackend.ts): that is a defect.
  if (keptFirst && host.stderr().includes('[first-screen]')) {
    throw new Error(`the provisional dashboard differed from the store's own: ${host.stderr()}`);
  }
  const origin = (await page.evaluate('performance.timeOrigin')) as number;
  const requests = (await page.evaluate(`performance.getEntriesByType('resource')
    .filter((e) => new URL(e.name).pathname.startsWith('/rpc/'))
    .map((e) => ({ channel: decodeURIComponent(new URL(e.name).pathname.slice(5)), start: e.startTime, end: e.responseEnd, bytes: e.encodedBodySize }))`)) as Start['requests'];
  // The marks are written once the store is open (before the dashboard could paint); stderr may lag a moment.
  let marks = host.marks();
  for (let i = 0; i < 40 && marks['offers'] === undefined; i++) {
    await page.waitForTimeout(50);
    marks = host.marks();
  }
  return {
    backendCpuMs,
    navigationMs: origin - host.spawnedAt,
    marks,
    totalMs: origin + figures.painted - host.spawnedAt,
    urlMs: host.urlAt - host.spawnedAt,
    paintedInPageMs: figures.painted,
    provisional: keptFirst ? (ownAnswerAt ?? Number.NaN) : null,
    provisionalFrom,
    requests,
    host,
    context,
    page,
  };
}

/** Whether a start painted the kept (provisional) answer first, and when the store's own replaced it, in words. */
function provisionalText(start: Start): string {
  return start.provisional === null
    ? ' (the store’s own answer: no answer was kept for this day and journal)'
    : ` (${start.provisionalFrom === 'records' ? 'worked out for the day from the records kept at the last stop' : 'the answer kept at the last stop'}, marked provisional; the store’s own answer, the same figures, had replaced it by ${formatValue(start.provisional, 'ms')} in the page, ${formatValue(start.provisional - start.paintedInPageMs, 'ms')} later)`;
}

/** How many code cache files the bundle's loader has kept beside it (electron/codeCache/loadBundle.ts). */
async function codeCacheFiles(cli: string): Promise<number> {
  return (await readdir(join(dirname(cli), '.code-cache')).catch(() => [] as string[])).filter((n) =>
    n.endsWith('.bin'),
  ).length;
}

/** A start's requests in words: channel, from–to in page ms, answer size. */
function requestsText(requests: Start['requests']): string {
  return requests
    .map(
      (r) => `${r.channel} ${formatValue(r.start, 'ms')}–${formatValue(r.end, 'ms')} (${(r.bytes / KB).toFixed(1)} KB)`,
    )
    .join(', ');
}

/** The screens a person visits, and the records opened from them. */
async function screens(page: Page): Promise<string[]> {
  const first = async (channel: string, input: unknown): Promise<string> => {
    const answer = (await rpc(page, channel, input)) as { rows: Array<{ id: string }> };
    return answer.rows[0]?.id ?? '';
  };
  const decision = await first('decisions:list', { pageSize: 1 });
  const condition = await first('conditions:list', { pageSize: 1, due: 'overdue' });
  const contract = await first('contracts:list', { pageSize: 1 });
  const meeting = await first('meetings:list', { pageSize: 1 });
  const paper = await first('papers:list', { pageSize: 1 });
  const member = await first('members:list', { pageSize: 1 });
  return [
    '#/dashboard',
    '#/meetings',
    `#/meetings/${meeting}`,
    '#/papers',
    `#/papers/${paper}`,
    '#/decisions',
    `#/decisions/${decision}`,
    '#/conditions',
    '#/conditions?due=overdue',
    `#/conditions/${condition}`,
    '#/contracts',
    `#/contracts/${contract}`,
    '#/members',
    `#/members/${member}`,
    '#/deadlines',
    '#/documents',
    '#/settings',
  ];
}

/** Visits each screen and returns the largest answer of each channel, in bytes, and where it was. */
async function answerSizes(
  page: Page,
  log: (line: string) => void,
): Promise<Map<string, { bytes: number; where: string }>> {
  const largest = new Map<string, { bytes: number; where: string }>();
  let where = '';
  const pending: Array<Promise<void>> = [];
  const onResponse = (response: import('playwright-core').Response): void => {
    const { pathname } = new URL(response.url());
    if (!pathname.startsWith('/rpc/')) return;
    const channel = decodeURIComponent(pathname.slice('/rpc/'.length));
    const at = where;
    pending.push(
      response.body().then(
        (body) => {
          if (body.length > (largest.get(channel)?.bytes ?? -1))
            largest.set(channel, { bytes: body.length, where: at });
        },
        () => undefined,
      ),
    );
  };
  page.on('response', onResponse);
  try {
    for (const hash of await screens(page)) {
      where = hash;
      await page.evaluate(`location.hash = ${JSON.stringify(hash)}`);
      await page.waitForTimeout(2500);
      log(`  visited ${hash}`);
    }
    await Promise.all(pending);
  } finally {
    page.off('response', onResponse);
  }
  return largest;
}

/** The page's JS heap after a garbage collection, in MB (DevTools: HeapProfiler + Runtime). */
async function pageHeap(context: BrowserContext, page: Page): Promise<number> {
  const session = await context.newCDPSession(page);
  await session.send('HeapProfiler.collectGarbage');
  const usage = (await session.send('Runtime.getHeapUsage')) as { usedSize: number };
  await session.detach();
  return usage.usedSize / MB;
}

/** The requests one change causes on the ten-year body: a condition marked met on its page, the dashboard open in a second tab. */
async function requestsOfOneChange(
  context: BrowserContext,
  page: Page,
  hostUrl: string,
): Promise<{ first: string[]; second: string[] }> {
  const condition = (
    (await rpc(page, 'conditions:list', { pageSize: 1, due: 'overdue', status: 'open' })) as {
      rows: Array<{ id: string }>;
    }
  ).rows[0]?.id;
  if (condition === undefined) throw new Error('no overdue open condition in the body');
  const second = await context.newPage();
  // From the printed address: each tab keeps the host's token itself.
  await second.goto(hostUrl);
  await second.evaluate(`location.hash = '#/dashboard'`);
  await second.locator(DASHBOARD_DATA).first().waitFor({ timeout: 120_000 });
  await page.evaluate(`location.hash = ${JSON.stringify(`#/conditions/${condition}`)}`);
  await page.getByRole('heading', { name: 'Record an update' }).waitFor({ timeout: 120_000 });
  await page.waitForTimeout(3000);
  const sent = { first: [] as string[], second: [] as string[] };
  const counter = (into: string[]) => (request: import('playwright-core').Request) => {
    const { pathname } = new URL(request.url());
    if (pathname.startsWith('/rpc/')) into.push(decodeURIComponent(pathname.slice('/rpc/'.length)));
  };
  page.on('request', counter(sent.first));
  second.on('request', counter(sent.second));
  await page.getByLabel('Status', { exact: true }).selectOption('met');
  await page.getByLabel('Note').fill('Received (benchmark).');
  await page.getByRole('button', { name: 'Record the update' }).click();
  await page.getByRole('row').filter({ hasText: 'Received (benchmark).' }).waitFor({ timeout: 120_000 });
  await page.waitForTimeout(5000);
  await second.close();
  return sent;
}

export const coldStartMeasure: Measure = {
  id: 'cold-start',
  title: 'Cold start to the dashboard painted',
  async run(ctx: MeasureContext) {
    const build = await ensureRendererBuilt(ctx.log);
    // The backend as the desktop app bundles it: scripts/build-electron.mjs into a folder of this run.
    const cli = await buildBackendBundle(ctx.scratch);
    const browser = await launchChromium();
    const runs = RUNS[ctx.size.name];
    const firsts: number[] = [];
    const seconds: number[] = [];
    const floors: number[] = [];
    const ratios: number[] = [];
    const urlFirst: number[] = [];
    const urlSecond: number[] = [];
    const inPage: number[] = [];
    const cpuSecond: number[] = [];
    const notes: string[] = [];
    let sizes = new Map<string, { bytes: number; where: string }>();
    let heap = 0;
    let change: { first: string[]; second: string[] } | undefined;
    let changeProblem = '';
    try {
      for (let run = 0; run < runs; run++) {
        const copy = await workingCopy(ctx.body.dataDir, join(ctx.scratch, `cold-${run}`));
        try {
          // Last used 60 days before "now": that start records what was due then and keeps the search index.
          const before = new Date(BODY_NOW.getTime() - 60 * DAY_MS);
          const prepare = await startBundledHost(cli, copy.dataDir, before);
          const prepContext = await newBritishContext(browser);
          const prepPage = await prepContext.newPage();
          await prepPage.goto(prepare.url);
          await waitForSearchIndex(prepPage, 600_000);
          await waitForCatchUp(prepPage);
          await prepContext.close();
          await prepare.stop();

          const beforeFirst = await readParseFloor(copy.dataDir);
          floors.push(beforeFirst.ms);
          const first = await measuredStart(browser, cli, copy.dataDir, BODY_NOW);
          firsts.push(first.totalMs);
          urlFirst.push(first.urlMs);
          ctx.log(
            `  cold start ${run + 1}/${runs}, first after 60 days: ${formatValue(first.totalMs, 'ms')} (URL ${formatValue(first.urlMs, 'ms')}; ${requestsText(first.requests)})`,
          );
          if (run === 0) {
            notes.push(
              `First start after 60 days, run 1: URL printed after ${formatValue(first.urlMs, 'ms')}; the backend's steps (ms since its process began): ${marksText(first.marks)}; ${cpuText(first.backendCpuMs)}; the page's navigation began ${formatValue(first.navigationMs, 'ms')} after the spawn, and from its start to the dashboard painted took ${formatValue(first.paintedInPageMs, 'ms')}${provisionalText(first)}; its requests (page ms): ${requestsText(first.requests)}.`,
            );
          }
          await waitForSearchIndex(first.page, 600_000);
          await waitForCatchUp(first.page);
          await first.context.close();
          await first.host.stop();

          const { ms: floor, checkpoint: afterFirst } = await readParseFloor(copy.dataDir);
          floors.push(floor);
          ctx.log(`  before the first start: ${beforeFirst.checkpoint}; after its catch-up: ${afterFirst}`);
          if (run === 0) {
            notes.push(
              `The checkpoint before the first start: ${beforeFirst.checkpoint}; after its catch-up (the second start opens it): ${afterFirst}.`,
            );
          }
          const second = await measuredStart(browser, cli, copy.dataDir, new Date(BODY_NOW.getTime() + 5 * 60_000));
          seconds.push(second.totalMs);
          ratios.push(second.totalMs / floor);
          urlSecond.push(second.urlMs);
          inPage.push(second.paintedInPageMs);
          if (second.backendCpuMs !== undefined) cpuSecond.push(second.backendCpuMs);
          ctx.log(
            `  cold start ${run + 1}/${runs}, second: ${formatValue(second.totalMs, 'ms')} (URL ${formatValue(second.urlMs, 'ms')}; ${requestsText(second.requests)})`,
          );
          if (run === 0) {
            notes.push(
              `Second start, run 1: URL printed after ${formatValue(second.urlMs, 'ms')}; the backend's steps: ${marksText(second.marks)}; ${cpuText(second.backendCpuMs)}; the page's navigation began ${formatValue(second.navigationMs, 'ms')} after the spawn, and from its start to the dashboard painted took ${formatValue(second.paintedInPageMs, 'ms')}${provisionalText(second)}; its requests (page ms): ${requestsText(second.requests)}. Code cache files beside the bundle: ${await codeCacheFiles(cli)}.`,
            );
            await waitForSearchIndex(second.page, 600_000);
            sizes = await answerSizes(second.page, ctx.log);
            heap = await pageHeap(second.context, second.page);
            try {
              change = await requestsOfOneChange(second.context, second.page, second.host.url);
            } catch (error) {
              changeProblem = error instanceof Error ? error.message : String(error);
            }
          }
          await second.context.close();
          await second.host.stop();
        } finally {
          await copy.remove();
        }
      }
    } finally {
      await browser.close();
    }

    const f = summarise(floors);
    const s = summarise(seconds);
    const fi = summarise(firsts);
    const ratio = summarise(ratios).median;
    const machineNote = `Renderer bundle ${build.script} (${Math.round(build.scriptBytes / 1024)} KB); the backend from ${'dist/web/cli.cjs'} (esbuild, main's options), Node ${process.version}, Chromium headless. The bundle runs with V8's code cache, made by the preparation start (electron/codeCache/loadBundle.ts). The host serves once the data folder is locked, so the page loads while the store opens (its frame first, the dashboard's answer asked for beside the store's status). A start on the same day as the last stop, with the journal where that stop left it (the second start), is answered from the dashboard kept at that stop (electron/backend/firstScreenAnswer.ts: marked provisional, replaced by the store's own once it is open, the same figures; when, in the notes), the store reading db.json meanwhile and parsing it once the page has that answer; a start on another day with the journal where the last stop left it (the first, 60 days on) is answered, marked provisional in the same way, from the dashboard worked out for its day from the records that stop kept (the collections the dashboard reads, without the texts it never shows: two fifths of db.json); a start with neither waits for the store. Medians: URL printed (listening; the store still opening) after ${formatValue(summarise(urlFirst).median, 'ms')} on the first start and ${formatValue(summarise(urlSecond).median, 'ms')} on the second; in the page, navigation to the dashboard's data painted ${formatValue(summarise(inPage).median, 'ms')} (second start)${cpuSecond.length > 0 ? `; the backend's CPU time (user + system, from /proc) until the dashboard was painted ${formatValue(summarise(cpuSecond).median, 'ms')} on a second start, against ${formatValue(f.median, 'ms')} of wall clock for the floor` : ''}. The reminder catch-up and the search index read-back begin only once the first screen's requests are answered (electron/backend/firstScreen.ts), so neither lands in these spans.`;
    const rows: Row[] = [
      {
        operation: 'Cold start to the dashboard painted, second start (spawn to its counts and first rows painted)',
        size: `${formatValue(ctx.body.manifest.bytes.checkpoint / MB, 'MB')} db.json`,
        unit: 'ms',
        median: s.median,
        spread: spreadOf(s),
        runs: seconds.length,
        floor: { what: 'read + JSON.parse of db.json', median: f.median },
        ratio,
        target: `≤ ${formatValue(SECOND_START_MAX_MS, 'ms')} and ≤ ${SECOND_START_MAX_RATIO}× floor`,
        verdict: judge(
          [
            { label: 'median', value: s.median, max: SECOND_START_MAX_MS, unit: 'ms' },
            { label: 'ratio', value: ratio, max: SECOND_START_MAX_RATIO, unit: '×' },
          ],
          () =>
            'the span is the process start (Node and the bundle from its code cache), the folder lock, the page loading its code, and dashboard:get answered from the answer kept at the last stop; the store opens after it. See the notes for each step.',
        ),
        notes: [machineNote, ...notes],
      },
      {
        operation: 'Cold start to the dashboard painted, first start after 60 days away (reminder catch-up owed)',
        size: `${formatValue(ctx.body.manifest.bytes.checkpoint / MB, 'MB')} db.json`,
        unit: 'ms',
        median: fi.median,
        spread: spreadOf(fi),
        runs: firsts.length,
        floor: { what: 'read + JSON.parse of db.json', median: f.median },
        ratio: fi.median / f.median,
        target: `≤ ${formatValue(FIRST_START_MAX_MS, 'ms')}`,
        verdict: judge(
          [{ label: 'median', value: fi.median, max: FIRST_START_MAX_MS, unit: 'ms' }],
          () =>
            'another day than the last stop, so no kept answer: the span is the process start, the store open (read, hash and parse db.json, the journal tail, the in-memory maps: the floor and a little more), then dashboard:get on the opened state; the catch-up does not run before the first screen.',
        ),
      },
    ];
    if (sizes.size > 0) {
      const sorted = [...sizes.entries()].sort((a, b) => b[1].bytes - a[1].bytes);
      const top = sorted[0]![1].bytes;
      rows.push({
        operation: 'Largest answer of any channel, every screen visited on the ten-year body',
        size: `${sizes.size} channels`,
        unit: 'MB',
        median: top / MB,
        runs: 1,
        target: `≤ ${ANSWER_MAX_BYTES / KB} KB`,
        verdict: judge(
          [{ label: 'largest', value: top / MB, max: ANSWER_MAX_BYTES / MB, unit: 'MB' }],
          () => `${sorted[0]![0]} at ${sorted[0]![1].where}`,
        ),
        notes: [
          `The largest answer per channel (JSON bytes as sent), with the screen it was asked from: ${sorted.map(([channel, { bytes, where }]) => `${channel} ${(bytes / KB).toFixed(1)} KB (${where})`).join('; ')}.`,
        ],
      });
    }
    if (heap > 0) {
      rows.push({
        operation: 'Page JS heap with the ten-year body open, after visiting every screen (after gc)',
        size: 'Chromium, one page',
        unit: 'MB',
        median: heap,
        runs: 1,
        target: 'reported',
        verdict: { kind: 'info' },
      });
    }
    if (change !== undefined || changeProblem !== '') {
      rows.push({
        operation:
          'Requests one change causes, two pages open (a condition marked met on its page; the dashboard in a second tab)',
        size: 'ten-year body',
        unit: 'ms',
        target: '≤ 3 per page (the change included)',
        verdict:
          change === undefined
            ? { kind: 'missed', by: 'not measured', why: changeProblem }
            : change.first.length <= 3 && change.second.length <= 3
              ? { kind: 'met' }
              : {
                  kind: 'missed',
                  by: `${change.first.length} and ${change.second.length} requests against 3 per page`,
                  why: `acting page: ${change.first.join(', ')}; second page: ${change.second.join(', ')}`,
                },
        notes:
          change === undefined
            ? []
            : [
                `Acting page ${change.first.length}: ${change.first.join(', ')}. Second page ${change.second.length}: ${change.second.join(', ')}. The same budget is a test (tests/e2e/requestBudget.test.ts: marking a condition met, saving a paper note, signing a decision, on the sample board).`,
              ],
      });
    }
    return rows;
  },
};
