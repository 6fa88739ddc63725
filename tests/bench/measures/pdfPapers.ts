/**
 * A 300-page PDF paper's text extracted by the backend (pdf.js in a worker
 * thread, electron/backend/paperFiles/pdfText.ts), against the floor of
 * poppler's `pdftotext` on the same file; and the event loop's longest delay
 * meanwhile (`perf_hooks.monitorEventLoopDelay`), beside the delay the same
 * reading causes when pdf.js runs on the calling thread (its "fake worker"):
 * what the worker thread spares the window.
 */
import { execFileSync } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { pdfJsFiles, readPdfText } from '../../../electron/backend/paperFiles/pdfText.ts';
import { makePdf } from '../../helpers/paperFileMakers.ts';
import { formatValue, judge, spreadOf, type Measure, type Row } from '../measure.ts';
import { alternately, collectGarbage, pairedRatio, summarise, timed, watchedEventLoop } from '../stats.ts';

export const PAGES = 300;
const MAX_DELAY_MS = 50;
const RESOLUTION_MS = 2;

function watched(fn: () => Promise<void>): Promise<{ ms: number; maxDelayMs: number }> {
  return watchedEventLoop(fn, RESOLUTION_MS);
}

/** A board paper of `PAGES` pages, 40 lines of words each (the PDF reader's measure, pdfReader.ts, reads it too). */
export async function longPaper(): Promise<Buffer> {
  const words = 'board contract condition report supplier retender budget quarterly officer data'.split(' ');
  return makePdf(
    Array.from({ length: PAGES }, (_, p) =>
      Array.from({ length: 40 }, (_, l) =>
        Array.from({ length: 12 }, (_, w) => words[(p * 7 + l * 3 + w) % words.length]).join(' '),
      ),
    ),
  );
}

/** pdf.js on this very thread (its fake worker), as the backend would without a worker thread. */
async function readOnThisThread(data: Uint8Array): Promise<void> {
  const files = pdfJsFiles();
  (globalThis as { pdfjsWorker?: unknown }).pdfjsWorker = await import(pathToFileURL(files.worker).href);
  const pdfjs = (await import(pathToFileURL(files.pdf).href)) as typeof import('pdfjs-dist');
  const doc = await pdfjs.getDocument({ data: new Uint8Array(data), isEvalSupported: false, verbosity: 0 }).promise;
  for (let n = 1; n <= doc.numPages; n++) await (await doc.getPage(n)).getTextContent();
  await doc.destroy();
}

export const pdfPapersMeasure: Measure = {
  id: 'pdf-papers',
  title: 'PDF papers: text extraction in a worker thread',
  async run(ctx) {
    const runs = 3;
    const pdf = await longPaper();
    await mkdir(ctx.scratch, { recursive: true });
    const path = join(ctx.scratch, 'long.pdf');
    await writeFile(path, pdf);
    const size = `${PAGES}-page PDF, ${(pdf.length / 1e6).toFixed(1)} MB`;
    const extractions: Array<{ ms: number; maxDelayMs: number }> = [];
    const floors: number[] = [];
    const onThread: number[] = [];
    for (let run = 0; run < runs; run++) {
      await alternately(
        run,
        async () => {
          collectGarbage();
          const result = await watched(async () => {
            const reading = await readPdfText(pdf, { maxPages: 3000 });
            if (!reading.ok || reading.pages.length !== PAGES) throw new Error('the PDF was not read whole');
          });
          extractions.push(result);
        },
        async () => {
          floors.push((await timed(() => execFileSync('pdftotext', ['-q', path, join(ctx.scratch, 'long.txt')]))).ms);
        },
      );
      onThread.push((await watched(() => readOnThisThread(pdf))).maxDelayMs);
      ctx.log(
        `  run ${run + 1}/${runs}: ${formatValue(extractions.at(-1)!.ms, 'ms')}, longest stall ${formatValue(extractions.at(-1)!.maxDelayMs, 'ms')} (pdftotext ${formatValue(floors.at(-1)!, 'ms')}; on the calling thread the stall is ${formatValue(onThread.at(-1)!, 'ms')})`,
      );
    }
    const time = summarise(extractions.map((e) => e.ms));
    const floor = summarise(floors);
    const ratio = pairedRatio(
      extractions.map((e) => e.ms),
      floors,
    ).median;
    const delay = summarise(extractions.map((e) => e.maxDelayMs));
    const fake = summarise(onThread);
    const timeRow: Row = {
      operation: 'PDF paper text extraction (pdf.js in a worker thread)',
      size,
      unit: 'ms',
      median: time.median,
      spread: spreadOf(time),
      runs,
      floor: { what: 'poppler pdftotext on the same file', median: floor.median },
      ratio,
      target: 'info: off the event loop (next row)',
      verdict: { kind: 'info' },
      notes: ['Includes starting the worker and loading pdf.js in it (each file gets a fresh worker, ended after).'],
    };
    const delayRow: Row = {
      operation: 'Event-loop delay, longest, while a 300-page PDF is read',
      size,
      unit: 'ms',
      median: delay.median,
      spread: spreadOf(delay),
      runs,
      floor: { what: 'the same with pdf.js on the calling thread (its fake worker)', median: fake.median },
      ratio: delay.median / fake.median,
      target: `max < ${MAX_DELAY_MS} ms`,
      verdict: judge(
        [{ label: 'worst run', value: delay.max, max: MAX_DELAY_MS, unit: 'ms' }],
        () => 'the bytes are copied to the worker and the answer (all pages’ text) parsed back on this thread.',
      ),
      notes: [
        `monitorEventLoopDelay at ${RESOLUTION_MS} ms resolution, the histogram's max per run; worst ${formatValue(delay.max, 'ms')}. The floor column is what the backend would stall without the worker thread.`,
      ],
    };
    return [timeRow, delayRow];
  },
};
