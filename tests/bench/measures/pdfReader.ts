/**
 * A 300-page PDF paper in the app's PDF reader (renderer/src/pdf/PdfReader.tsx,
 * pdf.js in Chromium) through the real web host: opening it to its first
 * page painted, then scrolling through it.
 *
 * The paper is the text-extraction measure's 300-page PDF (pdfPapers.ts
 * `longPaper`, made with pdf-lib), added through the web host's own
 * `papers:addFromFile` to a working copy of the body. Opening: from the
 * papers library the address is set to `#/papers/<id>?page=1` (as following
 * a link does); the run ends when page 1's canvas is drawn and its text
 * layer is in (the page says `data-drawn="true"` once both are done) and
 * the frame showing it has been painted (see webApp.ts). The floor, in the
 * same Chromium: pdf.js alone (its own build, from node_modules, and its
 * worker, started once and kept, as the reader keeps its one) in a blank
 * page, loading the same bytes and drawing page 1 at the same scale to a
 * canvas with its text layer, to a painted frame.
 *
 * Scrolling: the reader's pages scroll in a box of their own; 60 frames at
 * each of two speeds from the top, a steady tenth of a page a frame and a
 * fling of a page a frame (see webApp.ts scrollFrames: a frame's time is
 * the gap between two requestAnimationFrame callbacks, so the pages drawn
 * meanwhile lengthen the frame they land in).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, VIEWPORT } from '../../helpers/chromium.ts';
import { REPO_ROOT } from '../generate.ts';
import { BODY_NOW } from '../history.ts';
import { formatValue, judge, spreadOf, type Measure, type Row } from '../measure.ts';
import { alternately, pairedRatio, summarise } from '../stats.ts';
import {
  AFTER_PAINT_JS,
  ensureRendererBuilt,
  idleFrame,
  longFramesText,
  navigate,
  openApp,
  requestOn,
  rpc,
  scrollFrames,
  scrollFramesText,
  settle,
  startWebHost,
  waitForSearchIndex,
  type LongFrame,
  type Navigation,
} from '../webApp.ts';
import { workingCopy } from '../workingCopy.ts';
import { longPaper, PAGES } from './pdfPapers.ts';

const FIRST_PAGE_MAX_MS = 500;
const FRAME_MAX_MS = 50;
const FRAMES = 60;
/** Pages a frame: a steady scroll and a fling. */
const SPEEDS = [
  { name: 'steady', pages: 0.1 },
  { name: 'fling', pages: 1 },
] as const;
type Speed = (typeof SPEEDS)[number]['name'];
/** Runs per run of the benchmark (quick mode fewer: it is a hint, and must stay about a minute). */
const RUNS = { full: 5, quick: 2 } as const;
/** Page 1 drawn: its canvas and its text layer (PdfPage.tsx says so once both are done). */
const FIRST_PAGE = '.pdf-page[data-page="1"][data-drawn="true"] .textLayer';
const PAGES_BOX = '.pdf-pages';
/** Where the floor's page is served from (by the browser context's routing: nothing listens there). */
const FLOOR_ORIGIN = 'http://pdf-floor.invalid';

/**
 * A blank page of its own origin with pdf.js's own build and worker
 * (node_modules/pdfjs-dist, the version the app bundles) and the PDF's bytes.
 */
async function floorPage(browser: Browser, pdf: Buffer): Promise<{ page: Page; fakeWorker: () => boolean }> {
  const context = await browser.newContext({ viewport: VIEWPORT });
  const files: Record<string, string> = {
    '/pdf.min.mjs': join(REPO_ROOT, 'node_modules/pdfjs-dist/build/pdf.min.mjs'),
    '/pdf.worker.min.mjs': join(REPO_ROOT, 'node_modules/pdfjs-dist/build/pdf.worker.min.mjs'),
  };
  await context.route(`${FLOOR_ORIGIN}/**`, async (route) => {
    const path = new URL(route.request().url()).pathname;
    const file = files[path];
    if (file === undefined) {
      await route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>floor</title>' });
      return;
    }
    await route.fulfill({ status: 200, contentType: 'text/javascript', body: await readFile(file) });
  });
  const page = await context.newPage();
  // pdf.js says so when its worker cannot start and it runs on the page instead (its "fake worker").
  let fake = false;
  page.on('console', (message) => {
    if (/fake worker/i.test(message.text())) fake = true;
  });
  await page.goto(`${FLOOR_ORIGIN}/`);
  await page.evaluate(`import('/pdf.min.mjs').then((pdfjs) => {
    pdfjs.GlobalWorkerOptions.workerSrc = '/pdf.worker.min.mjs';
    window.benchPdfjs = pdfjs;
    // One worker for every run, as the reader keeps one for every file (PdfReader.tsx pdfWorker).
    window.benchWorker = new pdfjs.PDFWorker();
    return window.benchWorker.promise;
  })`);
  await page.evaluate(
    `window.benchBytes = Uint8Array.from(atob(${JSON.stringify(pdf.toString('base64'))}), (c) => c.charCodeAt(0))`,
  );
  return { page, fakeWorker: () => fake };
}

/** In the floor's page: pdf.js opens the bytes and draws page 1 at `scale` with its text layer, to a painted frame. */
async function floorOnce(page: Page, scale: number): Promise<number> {
  return (await page.evaluate(`(async ({ scale }) => {
    const afterPaint = ${AFTER_PAINT_JS};
    const pdfjs = window.benchPdfjs;
    const t0 = performance.now();
    const task = pdfjs.getDocument({ data: new Uint8Array(window.benchBytes), worker: window.benchWorker, isEvalSupported: false, enableXfa: false, useWasm: false });
    const doc = await task.promise;
    const first = await doc.getPage(1);
    const viewport = first.getViewport({ scale });
    const canvas = document.createElement('canvas');
    canvas.width = Math.floor(viewport.width);
    canvas.height = Math.floor(viewport.height);
    const words = document.createElement('div');
    words.style.position = 'relative';
    document.body.replaceChildren(canvas, words);
    const textLayer = new pdfjs.TextLayer({ textContentSource: first.streamTextContent(), container: words, viewport });
    await Promise.all([first.render({ canvas, viewport }).promise, textLayer.render()]);
    const painted = await afterPaint();
    await task.destroy();
    return painted - t0;
  })(${JSON.stringify({ scale })})`)) as number;
}

export const pdfReaderMeasure: Measure = {
  id: 'pdf-reader',
  title: 'A 300-page PDF paper in the reader (Chromium through the web host)',
  async run(ctx) {
    const runCount = RUNS[ctx.size.name];
    const pdf = await longPaper();
    const build = await ensureRendererBuilt(ctx.log);
    const copy = await workingCopy(ctx.body.dataDir, join(ctx.scratch, 'pdf-reader'), { writableBlobs: true });
    const host = await startWebHost(copy.dataDir, { BOARD_FAKE_NOW: BODY_NOW.toISOString() });
    let browser: Browser | undefined;
    try {
      browser = await launchChromium();
      const page = await openApp(browser, host);
      const indexMs = await waitForSearchIndex(page);
      const saved = (await rpc(page, 'papers:addFromFile', {
        fileName: 'Long pack.pdf',
        dataBase64: pdf.toString('base64'),
        date: BODY_NOW.toISOString().slice(0, 10),
      })) as { id: string; pages: number | null };
      if (saved.pages !== PAGES) throw new Error(`the PDF was added with ${saved.pages} pages, not ${PAGES}`);
      const address = `#/papers/${saved.id}?page=1`;

      const openOnce = async (): Promise<Navigation> => {
        await page.bringToFront();
        await page.evaluate(`location.hash = '#/papers'`);
        await page.locator('main h1', { hasText: 'Papers' }).first().waitFor();
        await settle(page, 500);
        return navigate(page, { hash: address, selector: FIRST_PAGE, attributes: ['data-drawn'] });
      };
      // Warm-up: the reader's code and pdf.js's chunk load, and the paper is first marked opened.
      const first = await openOnce();
      await settle(page, 2000);
      const pageBox = (await page.evaluate(
        `(() => { const p = document.querySelector('.pdf-page[data-page="1"]'); return { width: p.offsetWidth, height: p.offsetHeight }; })()`,
      )) as { width: number; height: number };
      const thumbnails = await page.locator('.pdf-thumb').count();
      // All pages share page 1's size (595 × 842 points), drawn at fit width.
      const scale = pageBox.width / 595;

      const { page: floor, fakeWorker } = await floorPage(browser, pdf);
      const pdfjsVersion = (
        JSON.parse(await readFile(join(REPO_ROOT, 'node_modules/pdfjs-dist/package.json'), 'utf8')) as {
          version: string;
        }
      ).version;
      await floorOnce(floor, scale);

      const opens: Navigation[] = [];
      const floors: number[] = [];
      for (let run = 0; run < runCount; run++) {
        await alternately(
          run,
          async () => {
            opens.push(await openOnce());
          },
          async () => {
            await floor.bringToFront();
            floors.push(await floorOnce(floor, scale));
          },
        );
      }

      // Scrolling, from page 1, opened afresh for each run.
      await page.bringToFront();
      const idle = await idleFrame(page, FRAMES);
      const frames: Record<Speed, number[]> = { steady: [], fling: [] };
      const longFrames: LongFrame[] = [];
      const worstPerRun: number[] = [];
      const drawnAfterFling: number[] = [];
      const stride = pageBox.height + 12;
      for (let run = 0; run < runCount; run++) {
        await openOnce();
        let worst = 0;
        for (const speed of SPEEDS) {
          await page.evaluate(`document.querySelector('${PAGES_BOX}').scrollTop = 0`);
          await settle(page, 1000);
          const { gaps, long } = await scrollFrames(page, FRAMES, Math.round(speed.pages * stride), PAGES_BOX);
          frames[speed.name].push(...gaps);
          longFrames.push(...long);
          worst = Math.max(worst, ...gaps);
          if (speed.name === 'fling') {
            // How long after the fling stops the pages in view are drawn.
            drawnAfterFling.push(
              (await page.evaluate(`(async () => {
                const t0 = performance.now();
                const box = document.querySelector('${PAGES_BOX}');
                const top = box.getBoundingClientRect().top;
                const bottom = top + box.clientHeight;
                for (;;) {
                  const inView = [...box.querySelectorAll('.pdf-page')].filter((p) => {
                    const r = p.getBoundingClientRect();
                    return r.bottom > top && r.top < bottom;
                  });
                  if (inView.length > 0 && inView.every((p) => p.dataset.drawn === 'true')) return performance.now() - t0;
                  if (performance.now() - t0 > 20000) return Number.NaN;
                  await new Promise((resolve) => setTimeout(resolve, 10));
                }
              })()`)) as number,
            );
          }
        }
        worstPerRun.push(worst);
      }

      const totals = opens.map((o) => o.painted - o.start);
      const total = summarise(totals);
      const floorSummary = summarise(floors);
      const med = (xs: readonly number[]): string => (xs.length > 0 ? formatValue(summarise(xs).median, 'ms') : '?');
      const stage = (channel: string, from: (o: Navigation) => number): { wait: number[]; took: number[] } => {
        const found = opens.flatMap((o) => {
          const request = requestOn(o, channel);
          return request ? [{ o, request }] : [];
        });
        return {
          wait: found.map(({ o, request }) => request.start - from(o)),
          took: found.map(({ request }) => request.end - request.start),
        };
      };
      const paper = stage('papers:get', (o) => o.start);
      const attachment = stage('papers:attachment', (o) => o.start);
      const afterFile = opens.flatMap((o) => {
        const request = requestOn(o, 'papers:attachment');
        return request ? [o.inDom - request.end] : [];
      });
      const breakdown = `${paper.took.length > 0 ? `from the address change to the papers:get request ${med(paper.wait)}, its answer ${med(paper.took)} (the paper, its extracted text of ${PAGES} pages included); ` : 'the paper itself (papers:get) came from the page’s query cache; '}the papers:attachment request (the PDF's bytes as base64) began ${med(attachment.wait)} after the address change and took ${med(attachment.took)}; from its answer to page 1 drawn with its text layer (base64 decoded, the file opened in pdf.js's worker (started as the request was sent, and kept from the file opened before), page 1 read, drawn and its words laid out, the commit) ${med(afterFile)}; then style, layout and paint of that frame ${med(opens.map((o) => o.painted - o.inDom))}`;
      const size = `${PAGES}-page PDF, ${(pdf.length / 1e6).toFixed(1)} MB`;

      const all = [...frames.steady, ...frames.fling];
      const worst = Math.max(...all);
      const worstRun = summarise(worstPerRun);
      const framesText = (name: Speed): string => {
        const speed = SPEEDS.find((x) => x.name === name)!;
        const perFrame = `${speed.pages === 1 ? 'a page' : `${speed.pages} of a page`} a frame, ${Math.round(speed.pages * stride)} px`;
        return scrollFramesText(`${name} (${perFrame})`, frames[name], FRAME_MAX_MS);
      };
      const longText = longFramesText(longFrames);
      const settleText = `after the fling stopped, the pages in view were drawn within a median ${med(drawnAfterFling.filter((x) => !Number.isNaN(x)))}`;

      const rows: Row[] = [
        {
          operation:
            'A 300-page PDF paper opened in the reader (pdf.js in Chromium, through the web host), to its first page painted',
          size,
          unit: 'ms',
          median: total.median,
          spread: spreadOf(total),
          runs: runCount,
          floor: {
            what: 'pdf.js alone in the same Chromium: the same bytes opened, page 1 drawn with its text layer',
            median: floorSummary.median,
          },
          ratio: pairedRatio(totals, floors).median,
          target: `< ${FIRST_PAGE_MAX_MS} ms`,
          verdict: judge(
            [{ label: 'median', value: total.median, max: FIRST_PAGE_MAX_MS, unit: 'ms' }],
            () => `${breakdown}.`,
          ),
          notes: [
            `From the papers library the address is set to \`${address.replace(saved.id, '<id>')}\`; the run ends when page 1's canvas is drawn and its text layer is in (\`${FIRST_PAGE}\`) and the frame showing it has been painted (a requestAnimationFrame callback, then a message posted from it). Medians: ${breakdown}. The first open (not counted: the reader's chunk and pdf.js loaded, pdf.js's worker started, the paper marked opened) took ${formatValue(first.painted - first.start, 'ms')}.`,
            `Page 1 drawn ${pageBox.width}×${pageBox.height} px (fit width, scale ${scale.toFixed(2)}), ${thumbnails} page thumbnails in the strip beside it (listed once the first page is drawn, and drawn after the pages in view: the reader draws one page at a time, nearest the page in view first; none starts while the pages fly past). The floor is pdf.js ${pdfjsVersion} from node_modules (pdf.min.mjs and its worker, started once and kept, as the reader keeps its one) in a blank page of its own in the same Chromium${fakeWorker() ? ' (NB: its worker did not start; pdf.js ran on the page)' : ''}; median ${formatValue(floorSummary.median, 'ms')} (${formatValue(floorSummary.min, 'ms')} – ${formatValue(floorSummary.max, 'ms')}).`,
            `The web host (electron/web/cli.ts) started in ${formatValue(host.startMs, 'ms')} on a working copy of the body; the paper was added through papers:addFromFile once the search index was ready (${formatValue(indexMs, 'ms')} after the page first loaded). Renderer bundle ${build.script} (${(build.scriptBytes / 1e3).toFixed(0)} KB)${build.built ? `, built by this run in ${formatValue(build.buildMs, 'ms')}` : ''}; Chromium headless, window ${VIEWPORT.width}×${VIEWPORT.height}.`,
          ],
        },
        {
          operation: `A 300-page PDF paper in the reader: ${FRAMES} frames of scrolling at two speeds, longest frame`,
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
            `The "median" column is the median over ${runCount} runs of each run's longest frame (the spread, their min–max); the target is judged on the longest frame of all (${formatValue(worst, 'ms')}). Each run opens the paper at page 1 and scrolls the reader's pages ${FRAMES} frames at each of two speeds from the top: ${framesText('steady')}; ${framesText('fling')}; ${settleText}. A frame at rest (nothing scrolling) is ${formatValue(idle, 'ms')} here, the display's own rate. ${longText}.`,
          ],
        },
      ];
      return rows;
    } finally {
      await browser?.close();
      await host.stop();
      await copy.remove();
    }
  },
};
