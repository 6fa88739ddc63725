/**
 * Opening a 1 MB Markdown paper in the reader (renderer/src/features/papers/
 * PaperReader.tsx: marked, then DOMPurify, in Chromium) to the text painted,
 * through the real web host, against the floor of `marked` alone on the same
 * Markdown in the same Chromium.
 *
 * The paper is saved through the backend's own `papers:create` (a 1 MB body:
 * papers of the body joined) into a working copy of the body, before the web
 * host CLI is started on it. Each run starts on the papers library and
 * changes the address to the paper's (`#/papers/<id>`), as following a link
 * does; it ends when the reader's text is in the page and the frame showing
 * it has been painted (see webApp.ts). A fresh load of the app at that
 * address is timed as well, for the notes.
 */
import { readFile } from 'node:fs/promises';
import type { Browser } from 'playwright-core';
import { join } from 'node:path';
import { openBackend } from '../../../electron/backend/backend.ts';
import { call } from '../../../electron/backend/dispatch.ts';
import { BLOBS_DIR } from '../../../electron/backend/store/blobs.ts';
import { CHECKPOINT_FILE } from '../../../electron/backend/store/checkpoint.ts';
import type { StateDocument } from '../../../shared/schema/state.ts';
import { FIRST_PART_CHARS, PART_CHARS } from '../../../renderer/src/markdownParts.ts';
import { launchChromium, VIEWPORT } from '../../helpers/chromium.ts';
import { REPO_ROOT } from '../generate.ts';
import { BODY_NOW } from '../history.ts';
import { formatValue, judge, spreadOf, type Measure, type MeasureContext, type Row } from '../measure.ts';
import { alternately, pairedRatio, summarise, timed } from '../stats.ts';
import {
  coldLoad,
  coldLoadScript,
  hostAddress,
  ensureRendererBuilt,
  navigate,
  openApp,
  requestOn,
  settle,
  startWebHost,
  waitForSearchIndex,
  type Navigation,
} from '../webApp.ts';
import { workingCopy } from '../workingCopy.ts';

const MAX_MS = 300;
const PAPER_CHARS = 1_000_000;
/** Opens per run of the benchmark (quick mode fewer: it is a hint, and must stay about a minute). */
const RUNS = { full: 7, quick: 3 } as const;
const COLD_RUNS = { full: 3, quick: 1 } as const;
const TEXT = '.reader-text .markdown';
/** The reader's text once every part of it is in the page (components/Markdown.tsx says it is busy until then). */
const WHOLE = '.reader-text .markdown:not([aria-busy])';

/** Papers of the body joined, up to `chars` characters of Markdown. */
export async function joinedPapers(ctx: MeasureContext, chars: number): Promise<string> {
  const doc = (JSON.parse(await readFile(join(ctx.body.dataDir, CHECKPOINT_FILE), 'utf8')) as { state: StateDocument })
    .state;
  let out = '';
  for (const paper of doc.papers) {
    if (out.length >= chars) break;
    const hash = paper.versions.at(-1)?.body;
    if (hash) out += `${await readFile(join(ctx.body.dataDir, BLOBS_DIR, hash.slice(0, 2), hash), 'utf8')}\n\n`;
  }
  return out.slice(0, chars);
}

/** Saves the paper through the backend's own channel, then closes the backend (a last checkpoint). */
async function savePaper(dataDir: string, body: string): Promise<string> {
  const offset = BODY_NOW.getTime() - Date.now();
  const backend = await openBackend({
    dataDir,
    platform: { openPath: async () => false, quit: () => undefined },
    clock: () => new Date(Date.now() + offset),
    holder: 'the benchmark (tests/bench/measures/reader.ts)',
  });
  try {
    const saved = await call(backend.handlers, 'papers:create', {
      reference: 'BENCH-1MB',
      title: 'A one-megabyte paper (benchmark)',
      author: 'Benchmark',
      date: BODY_NOW.toISOString().slice(0, 10),
      classification: 'public',
      body,
      attachments: [],
    });
    if (!saved.ok) throw new Error(`papers:create refused the paper: ${saved.error.message}`);
    return saved.value.id;
  } finally {
    await backend.close();
  }
}

export const readerMeasure: Measure = {
  id: 'reader',
  title: 'Open a 1 MB Markdown paper in the reader',
  async run(ctx) {
    const runCount = RUNS[ctx.size.name];
    const coldCount = COLD_RUNS[ctx.size.name];
    const markdown = await joinedPapers(ctx, PAPER_CHARS);
    const build = await ensureRendererBuilt(ctx.log);
    const copy = await workingCopy(ctx.body.dataDir, join(ctx.scratch, 'reader'), { writableBlobs: true });
    const saving = await timed(() => savePaper(copy.dataDir, markdown));
    const paperId = saving.value;
    const host = await startWebHost(copy.dataDir, { BOARD_FAKE_NOW: BODY_NOW.toISOString() });
    let browser: Browser | undefined;
    try {
      browser = await launchChromium();
      const page = await openApp(browser, host);
      const indexMs = await waitForSearchIndex(page);

      // The floor: marked alone on the same Markdown, in the same Chromium (a blank page of its own).
      const floorPage = await browser.newPage();
      await floorPage.evaluate(await readFile(join(REPO_ROOT, 'node_modules/marked/lib/marked.umd.js'), 'utf8'));
      await floorPage.evaluate(await readFile(join(REPO_ROOT, 'node_modules/dompurify/dist/purify.min.js'), 'utf8'));
      await floorPage.evaluate((text) => {
        (globalThis as { benchText?: string }).benchText = text;
      }, markdown);
      const floorOnce = async (): Promise<{ marked: number; purify: number }> =>
        (await floorPage.evaluate(`(() => {
          const t0 = performance.now();
          const html = marked.parse(benchText, { gfm: true, async: false });
          const t1 = performance.now();
          DOMPurify.sanitize(html);
          return { marked: t1 - t0, purify: performance.now() - t1 };
        })()`)) as { marked: number; purify: number };
      await floorOnce();
      await page.bringToFront();

      const openOnce = async (): Promise<Navigation> => {
        await page.evaluate(`location.hash = '#/papers'`);
        await page.locator('main h1', { hasText: 'Papers' }).first().waitFor();
        await settle(page, 500);
        return navigate(page, { hash: `#/papers/${paperId}`, selector: TEXT, completeSelector: WHOLE });
      };
      // Warm-up: the first open also marks the paper read (a change the later opens do not make).
      const first = await openOnce();
      // The mark is a change: every query on the page asks again; let that pass.
      await settle(page, 2000);

      const runs: Navigation[] = [];
      const floors: number[] = [];
      const purifies: number[] = [];
      for (let run = 0; run < runCount; run++) {
        const takeFloor = async (): Promise<void> => {
          const f = await floorOnce();
          floors.push(f.marked);
          purifies.push(f.purify);
        };
        await alternately(
          run,
          async () => {
            runs.push(await openOnce());
          },
          takeFloor,
        );
      }

      // A fresh load of the whole app at the reader's address, for the notes.
      const coldPage = await page.context().newPage();
      await coldPage.addInitScript(coldLoadScript(TEXT));
      const cold: number[] = [];
      for (let run = 0; run < coldCount; run++) {
        cold.push((await coldLoad(coldPage, hostAddress(host, `#/papers/${paperId}`))).painted);
        await settle(coldPage, 300);
      }

      const totals = runs.map((r) => r.painted - r.start);
      const wholes = runs.map((r) => (r.complete ?? Number.NaN) - r.start);
      if (wholes.some((w) => !(w >= 0))) throw new Error('the reader never said its whole text was in the page');
      const whole = summarise(wholes);
      const wholeChars = runs[0]?.completeChars ?? 0;
      const total = summarise(totals);
      const floor = summarise(floors);
      const purify = summarise(purifies);
      const fetched = runs.flatMap((r) => {
        const request = requestOn(r, 'papers:get');
        return request ? [{ r, request }] : [];
      });
      const fetches = fetched.map(({ request }) => request.end - request.start);
      const toRequest = fetched.map(({ r, request }) => request.start - r.start);
      const toDom = fetched.map(({ r, request }) => r.inDom - request.end);
      const paint = runs.map((r) => r.painted - r.inDom);
      const med = (xs: number[]): string => (xs.length > 0 ? formatValue(summarise(xs).median, 'ms') : '?');
      const coldSummary = summarise(cold);
      const mb = (Buffer.byteLength(markdown, 'utf8') / 1e6).toFixed(2);
      const breakdown = `from the address change to the papers:get request ${med(toRequest)}, the request until its answer is in (the backend reads the 1 MB blob and sends it as JSON) ${med(fetches)}, the answer to the first part of the text in the page (JSON, React, marked's lexing of the whole text, its first part made by marked and DOMPurify, the commit) ${med(toDom)}, then style, layout and paint of that frame ${med(paint)}`;
      const row: Row = {
        operation:
          'Open a 1 MB Markdown paper in the reader (marked + DOMPurify in Chromium, through the web host), to the text painted (its first screen; the rest follows in parts)',
        size: `${mb} MB Markdown (${runs[0]?.chars.toLocaleString('en-GB') ?? '?'} characters of text in the first part, ${wholeChars.toLocaleString('en-GB')} in all)`,
        unit: 'ms',
        median: total.median,
        spread: spreadOf(total),
        runs: runCount,
        floor: { what: 'marked alone on it, in the same Chromium', median: floor.median },
        ratio: pairedRatio(totals, floors).median,
        target: `< ${MAX_MS} ms`,
        verdict: judge([{ label: 'median', value: total.median, max: MAX_MS, unit: 'ms' }], () => `${breakdown}.`),
        notes: [
          `The reader puts a long text in the page in parts (renderer/src/components/Markdown.tsx, renderer/src/markdown.ts markdownParts): the whole text is lexed once, the first ${FIRST_PART_CHARS.toLocaleString('en-GB')} characters or so of blocks are made and sanitised before the first frame, and each further part of about ${PART_CHARS.toLocaleString('en-GB')} characters in a task of its own, so the page paints and answers between them. The whole text was in the page after a median ${formatValue(whole.median, 'ms')} (${formatValue(whole.min, 'ms')} – ${formatValue(whole.max, 'ms')}) from the address change.`,
          `Each run starts on the papers library and sets the address to \`#/papers/<id>\` (as following a link does); it ends when the reader's text (\`${TEXT}\`) is in the page and the frame showing it has been painted: a requestAnimationFrame callback after the text appears, then a message posted from it, which runs once that frame's style, layout and paint are done (rasterising and compositing, off the main thread, are not counted). Medians: ${breakdown}.`,
          `In the same Chromium, on the same Markdown: marked alone ${formatValue(floor.median, 'ms')}, DOMPurify on its HTML ${formatValue(purify.median, 'ms')} (the library defaults, not the reader's settings). The first open (not counted: it also marked the paper read) took ${formatValue(first.painted - first.start, 'ms')}.`,
          `A fresh load of the whole app at the paper's address (the bundle, the app's start, then the reader), from the navigation's start to the text painted: median ${formatValue(coldSummary.median, 'ms')} (${formatValue(coldSummary.min, 'ms')} – ${formatValue(coldSummary.max, 'ms')}, ${coldCount} loads).`,
          `The web host (electron/web/cli.ts) started in ${formatValue(host.startMs, 'ms')} on a working copy of the body, with the paper saved through papers:create before it (opening the backend, which first records the reminders due at the body's "now", saving, closing: ${formatValue(saving.ms, 'ms')}); the runs began once its search index was ready (${formatValue(indexMs, 'ms')} after the page first loaded), so the index's build does not land in them. Renderer bundle ${build.script} (${(build.scriptBytes / 1e3).toFixed(0)} KB)${build.built ? `, built by this run in ${formatValue(build.buildMs, 'ms')}` : ''}; Chromium headless, window ${VIEWPORT.width}×${VIEWPORT.height}. The paper is the first ${PAPER_CHARS.toLocaleString('en-GB')} characters of the body's papers joined (headings, lists, tables, references).`,
        ],
      };
      return [row];
    } finally {
      await browser?.close();
      await host.stop();
      await copy.remove();
    }
  },
};
