/**
 * The decisions register (renderer/src/features/decisions/DecisionsRegister.tsx,
 * a virtualised table fetching pages of rows as they come into view) with
 * every decision of the body, in Chromium through the real web host: the
 * first render, then 60 frames of scrolling.
 *
 * First render: from changing the address to `#/decisions` (as the main
 * navigation's link does, from the members list) to the first row of data
 * painted (see webApp.ts). Scrolling: 60 frames in which the page scrolls by
 * a fixed step per frame (window.scrollBy in a requestAnimationFrame loop);
 * a frame's time is the gap between two requestAnimationFrame callbacks, so
 * any work the scroll causes (the virtualiser's new rows, React, style,
 * layout, paint) lengthens the frame it lands in. Two speeds: a steady
 * scroll of two rows a frame (within the rows already fetched) and a fling
 * of twenty rows a frame (past them, into pages still to be fetched).
 */
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, VIEWPORT } from '../../helpers/chromium.ts';
import { BODY_NOW } from '../history.ts';
import { formatValue, judge, spreadOf, type Measure, type Row } from '../measure.ts';
import { summarise } from '../stats.ts';
import {
  coldLoad,
  coldLoadScript,
  hostAddress,
  ensureRendererBuilt,
  idleFrame,
  longFramesText,
  navigate,
  openApp,
  requestOn,
  scrollFrames,
  scrollFramesText,
  settle,
  startWebHost,
  timedRpc,
  waitForSearchIndex,
  type LongFrame,
  type Navigation,
  type Scroll,
} from '../webApp.ts';
import { workingCopy } from '../workingCopy.ts';

const FIRST_RENDER_MAX_MS = 300;
const FRAME_MAX_MS = 50;
const FRAMES = 60;
const ROW_PX = 60;
/** Pixels per frame: a steady scroll (2 rows a frame) and a fling (20 rows a frame). */
const SPEEDS = [
  { name: 'steady', rows: 2 },
  { name: 'fling', rows: 20 },
] as const;
type Speed = (typeof SPEEDS)[number]['name'];
/** Runs per run of the benchmark (quick mode fewer: it is a hint, and must stay about a minute). */
const RUNS = { full: 5, quick: 2 } as const;
/** A first render slower than this is timed once (see below). */
const SLOW_MS = 5_000;
/** The requests the register makes when it opens (DecisionsRegister.tsx), timed alone after the runs. */
const REGISTER_REQUESTS = [
  {
    channel: 'decisions:list',
    input: { search: '', archived: 'active', sort: 'date', direction: 'desc', page: 0, pageSize: 500 },
  },
  { channel: 'contracts:list', input: { pageSize: 500, sort: 'reference', archived: 'all' } },
] as const;
const COLD_RUNS = { full: 3, quick: 1 } as const;
/** The first row with data (a row still loading has no link). */
const FIRST_ROW = 'table.table-virtual tbody tr[aria-rowindex] a.row-link';

async function scroll(page: Page, step: number): Promise<Scroll> {
  return scrollFrames(page, FRAMES, step);
}

export const decisionsListMeasure: Measure = {
  id: 'decisions-list',
  title: 'Decisions list in Chromium through the web host',
  async run(ctx) {
    const build = await ensureRendererBuilt(ctx.log);
    const copy = await workingCopy(ctx.body.dataDir, join(ctx.scratch, 'decisions'), { writableBlobs: true });
    const host = await startWebHost(copy.dataDir, { BOARD_FAKE_NOW: BODY_NOW.toISOString() });
    let browser: Browser | undefined;
    let slow = false;
    let measured: {
      renders: Navigation[];
      first: Navigation;
      frames: Record<Speed, number[]>;
      longFrames: LongFrame[];
      worstPerRun: number[];
      rowsInPage: number[];
      total: number;
      idle: number;
      indexMs: number;
      cold: number[];
      alone: Array<{ channel: string; ms: number }>;
    };
    try {
      browser = await launchChromium();
      const page = await openApp(browser, host);
      const indexMs = await waitForSearchIndex(page);

      const renderOnce = async (): Promise<Navigation> => {
        await page.evaluate(`window.scrollTo(0, 0); location.hash = '#/members'`);
        await page.locator('main h1', { hasText: 'Members' }).first().waitFor();
        await settle(page, 500);
        return navigate(page, { hash: '#/decisions', selector: FIRST_ROW });
      };
      // Warm-up: the register's code, and the backend's first listing. When a render takes seconds (more than
      // a warm-up explains), it is the one render timed, so the run stays within the benchmark's ten minutes.
      const first = await renderOnce();
      slow = first.painted - first.start > SLOW_MS;
      const runCount = slow ? 1 : RUNS[ctx.size.name];
      const coldCount = slow ? 0 : COLD_RUNS[ctx.size.name];
      const total = Number(await page.locator('table.table-virtual').first().getAttribute('aria-rowcount')) - 1;
      const idle = await idleFrame(page, FRAMES);

      const renders: Navigation[] = [];
      const frames: Record<Speed, number[]> = { steady: [], fling: [] };
      const longFrames: LongFrame[] = [];
      const worstPerRun: number[] = [];
      const rowsInPage: number[] = [];
      for (let run = 0; run < runCount; run++) {
        renders.push(slow ? first : await renderOnce());
        await settle(page, 1000);
        rowsInPage.push(await page.locator('table.table-virtual tbody tr[aria-rowindex]').count());
        let worst = 0;
        for (const speed of SPEEDS) {
          await page.evaluate('window.scrollTo(0, 0)');
          await settle(page, 300);
          const { gaps, long } = await scroll(page, speed.rows * ROW_PX);
          frames[speed.name].push(...gaps);
          longFrames.push(...long);
          worst = Math.max(worst, ...gaps);
        }
        worstPerRun.push(worst);
      }

      // A fresh load of the whole app at the register's address, for the notes.
      await page.evaluate('window.scrollTo(0, 0)');
      const cold: number[] = [];
      if (coldCount > 0) {
        const coldPage = await page.context().newPage();
        await coldPage.addInitScript(coldLoadScript(FIRST_ROW));
        for (let run = 0; run < coldCount; run++) {
          cold.push((await coldLoad(coldPage, hostAddress(host, '#/decisions'))).painted);
          await settle(coldPage, 300);
        }
      }
      // The register's requests one by one, nothing else in flight: what each costs the backend (skipped when
      // a render took seconds: they would take as long again).
      const alone: Array<{ channel: string; ms: number }> = [];
      if (!slow) {
        await settle(page, 500);
        for (const { channel, input } of REGISTER_REQUESTS) {
          const times: number[] = [];
          for (let i = 0; i < 3; i++) times.push(await timedRpc(page, channel, input));
          alone.push({ channel, ms: summarise(times).median });
        }
      }
      measured = { renders, first, frames, longFrames, worstPerRun, rowsInPage, total, idle, indexMs, cold, alone };
    } finally {
      await browser?.close();
      // A backend still building pages the fling asked for cannot see Ctrl+C for a while: not worth waiting.
      await host.stop(slow ? 5_000 : 30_000);
      await copy.remove();
    }
    const { renders, first, frames, longFrames, worstPerRun, rowsInPage, total, idle, indexMs, cold, alone } = measured;

    const firstRender = summarise(renders.map((r) => r.painted - r.start));
    const med = (xs: readonly number[]): string => (xs.length > 0 ? formatValue(summarise(xs).median, 'ms') : '?');
    const timing = (channel: string): number[] =>
      renders.flatMap((r) => {
        const request = requestOn(r, channel);
        return request ? [request.end - request.start] : [];
      });
    const listed = renders.flatMap((r) => {
      const request = requestOn(r, 'decisions:list');
      return request ? [{ r, request }] : [];
    });
    const contracts = timing('contracts:list');
    const breakdown = `from the address change to the decisions:list request ${med(listed.map(({ r, request }) => request.start - r.start))}, the request until its answer was in (500 rows, the first page) ${med(listed.map(({ request }) => request.end - request.start))}${contracts.length > 0 ? ` (the register asks contracts:list for its filter at the same moment, answered in ${med(contracts)}; the backend answers one at a time)` : ''}, the answer to the first row in the page ${med(listed.map(({ r, request }) => r.inDom - request.end))}, style, layout and paint of that frame ${med(renders.map((r) => r.painted - r.inDom))}`;
    const cause =
      alone.length === 0
        ? ''
        : ` Each of the register's requests alone, nothing else in flight (median of 3, timed in the page): ${alone.map((a) => `${a.channel} ${formatValue(a.ms, 'ms')}`).join(', ')}.`;
    const all = [...frames.steady, ...frames.fling];
    const worst = Math.max(...all);
    const worstRun = summarise(worstPerRun);
    const framesText = (name: Speed): string =>
      scrollFramesText(
        `${name} (${SPEEDS.find((x) => x.name === name)!.rows} rows a frame)`,
        frames[name],
        FRAME_MAX_MS,
      );
    // What the long frames were made of (Chromium's Long Animation Frames API: frames over 50 ms).
    const longText = longFramesText(longFrames);
    const size = `${total.toLocaleString('en-GB')} decisions`;
    const runCount = renders.length;
    const rows: Row[] = [
      {
        operation: `Decisions list (${total.toLocaleString('en-GB')} rows) in Chromium through the web host: first render, to the first rows painted`,
        size,
        unit: 'ms',
        median: firstRender.median,
        spread: spreadOf(firstRender),
        runs: runCount,
        target: `first render < ${FIRST_RENDER_MAX_MS} ms`,
        verdict: judge(
          [{ label: 'median', value: firstRender.median, max: FIRST_RENDER_MAX_MS, unit: 'ms' }],
          () => `${breakdown}.${cause}`,
        ),
        notes: [
          `From the members list, the address is set to \`#/decisions\` (as the main navigation's link does); the run ends when the first row of data (\`${FIRST_ROW}\`) is in the page and the frame showing it has been painted (a requestAnimationFrame callback, then a message posted from it, which runs after that frame's style, layout and paint). Medians: ${breakdown}.${cause} ${summarise(rowsInPage).median} table rows in the page once settled (the virtualised window).${slow ? ` Only one render was timed, the first of the session: it took ${formatValue(first.painted - first.start, 'ms')}, so more runs (and the fresh loads of the whole app, and the register's requests timed alone) would not fit in the benchmark's ten minutes.` : ` The first render of the session (not counted) took ${formatValue(first.painted - first.start, 'ms')}.`}`,
          ...(cold.length > 0
            ? [
                `A fresh load of the whole app at \`#/decisions\`, from the navigation's start to the first row painted: median ${formatValue(summarise(cold).median, 'ms')} (${formatValue(summarise(cold).min, 'ms')} – ${formatValue(summarise(cold).max, 'ms')}, ${cold.length} loads).`,
              ]
            : []),
          `The web host (electron/web/cli.ts) started in ${formatValue(host.startMs, 'ms')} on a working copy of the body; the runs began once its search index was ready (${formatValue(indexMs, 'ms')} after the page first loaded). Renderer bundle ${build.script} (${(build.scriptBytes / 1e3).toFixed(0)} KB)${build.built ? `, built by this run in ${formatValue(build.buildMs, 'ms')}` : ''}; Chromium headless, window ${VIEWPORT.width}×${VIEWPORT.height}.`,
        ],
      },
      {
        operation: `Decisions list (${total.toLocaleString('en-GB')} rows): 60 frames of scrolling, longest frame`,
        size,
        unit: 'ms',
        median: worstRun.median,
        spread: spreadOf(worstRun),
        runs: runCount,
        target: `no frame > ${FRAME_MAX_MS} ms`,
        verdict: judge(
          [{ label: 'longest frame', value: worst, max: FRAME_MAX_MS, unit: 'ms' }],
          () =>
            `${framesText('steady')}; ${framesText('fling')}. ${longText}. A frame at rest is ${formatValue(idle, 'ms')} here.`,
        ),
        notes: [
          `The "median" column is the median over ${runCount} run${runCount === 1 ? '' : 's'} of each run's longest frame (the spread, their min–max); the target is judged on the longest frame of all (${formatValue(worst, 'ms')}). Each run scrolls ${FRAMES} frames at each of two speeds from the top: ${framesText('steady')}; ${framesText('fling')}. A frame at rest (nothing scrolling) is ${formatValue(idle, 'ms')} here, the display's own rate. ${longText}.`,
        ],
      },
    ];
    return rows;
  },
};
