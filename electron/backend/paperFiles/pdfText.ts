/**
 * The text of a PDF, read with pdf.js (pdfjs-dist 5, its legacy build, which
 * runs on Node 20) in a worker thread: pdf.js's own "fake worker" would parse
 * on the calling thread, and a 300-page file would stall the backend's event
 * loop (which the window shares in Electron) for seconds. The PDF's scripts,
 * embedded files and actions are only looked at, never run or opened; eval is
 * off. A password, when given, is used for this reading only, never kept.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

/** What the worker read out of a PDF. */
export type PdfReading =
  | {
      readonly ok: true;
      /** Each page's text, in order. */
      readonly pages: readonly string[];
      /** Whether the PDF holds JavaScript, embedded files or launch/open actions (never run, never opened). */
      readonly hasJavaScript: boolean;
      readonly embeddedFiles: number;
      readonly hasActions: boolean;
    }
  | {
      readonly ok: false;
      readonly problem: 'needs_password' | 'wrong_password' | 'damaged' | 'too_many_pages';
      readonly detail: string;
    };

/** The files the worker loads: pdf.js's legacy build and its (in-thread) worker module. */
export interface PdfJsFiles {
  readonly pdf: string;
  readonly worker: string;
}

/**
 * Where pdf.js is: beside the bundle (dist/main/pdfjs/, copied there by the
 * build, for the packaged app, which ships no node_modules) or in node_modules.
 * `bundleDir` is the bundle's folder (its `__dirname`; given by the tests of
 * the packaged layout and by pack-check).
 */
export function pdfJsFiles(bundleDir: string | null = typeof __dirname === 'string' ? __dirname : null): PdfJsFiles {
  // In the packaged app the files are unpacked beside app.asar (electron-builder.yml asarUnpack), so a worker's
  // ES module loader, which does not read inside archives, can load them.
  const bundled =
    bundleDir === null ? null : join(bundleDir, 'pdfjs').replace(/app\.asar([\\/])/, 'app.asar.unpacked$1');
  if (bundled && existsSync(join(bundled, 'pdf.mjs'))) {
    return { pdf: join(bundled, 'pdf.mjs'), worker: join(bundled, 'pdf.worker.mjs') };
  }
  const pdf = createRequire(join(process.cwd(), 'package.json')).resolve('pdfjs-dist/legacy/build/pdf.mjs');
  return { pdf, worker: join(dirname(pdf), 'pdf.worker.mjs') };
}

// The worker's own code, CommonJS run with eval (as the store's hash worker is): it needs none of
// the parent's loaders. Stand-ins for the three DOM classes the legacy build expects at load, so it
// does not look for a native canvas it would only use to draw (we only read text).
const WORKER_SOURCE = String.raw`
'use strict';
const { parentPort, workerData } = require('node:worker_threads');
class DOMMatrixStandIn { constructor() { this.a = 1; this.b = 0; this.c = 0; this.d = 1; this.e = 0; this.f = 0; }
  multiplySelf() { return this; } preMultiplySelf() { return this; } translate() { return this; } scale() { return this; } invertSelf() { return this; } }
if (!globalThis.DOMMatrix) globalThis.DOMMatrix = DOMMatrixStandIn;
if (!globalThis.ImageData) globalThis.ImageData = class ImageData { constructor(w, h) { this.width = w; this.height = h; } };
if (!globalThis.Path2D) globalThis.Path2D = class Path2D { addPath() {} };
const { pdfUrl, workerUrl, maxPages } = workerData;
async function read({ data, password }) {
  globalThis.pdfjsWorker = await import(workerUrl);
  const pdfjs = await import(pdfUrl);
  const task = pdfjs.getDocument({
    data, password, isEvalSupported: false, enableXfa: false, disableFontFace: true, useSystemFonts: false,
    stopAtErrors: true, verbosity: 0,
  });
  let doc;
  try {
    doc = await task.promise;
  } catch (error) {
    const name = error && error.name;
    if (name === 'PasswordException') {
      return { ok: false, problem: error.code === 2 ? 'wrong_password' : 'needs_password', detail: String(error.message) };
    }
    return { ok: false, problem: 'damaged', detail: String(error && error.message || error) };
  }
  try {
    if (doc.numPages > maxPages) return { ok: false, problem: 'too_many_pages', detail: String(doc.numPages) };
    const pages = [];
    let hasActions = false;
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const content = await page.getTextContent();
      pages.push(content.items.map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : '') : '')).join(''));
      const annotations = await page.getAnnotations({ intent: 'display' });
      if (annotations.some((a) => a.action === 'Launch' || a.unsafeUrl && /^(file|javascript):/i.test(a.unsafeUrl) || a.actions)) hasActions = true;
      page.cleanup();
    }
    const js = await doc.getJSActions().catch(() => null);
    const fieldScripts = await doc.hasJSActions().catch(() => false);
    const attachments = await doc.getAttachments().catch(() => null);
    const openAction = await doc.getOpenAction().catch(() => null);
    return {
      ok: true,
      pages,
      hasJavaScript: Boolean(js && Object.keys(js).length > 0) || fieldScripts,
      embeddedFiles: attachments ? Object.keys(attachments).length : 0,
      hasActions: hasActions || Boolean(openAction && openAction.action),
    };
  } catch (error) {
    return { ok: false, problem: 'damaged', detail: String(error && error.message || error) };
  } finally {
    await doc.destroy();
  }
}
parentPort.on('message', (job) => read(job).then((answer) => parentPort.postMessage(answer), (error) =>
  parentPort.postMessage({ ok: false, problem: 'damaged', detail: String(error && error.message || error) })));
`;

/** How long a reading may take before it is given up (a hostile file must not hang the backend). */
export const PDF_READ_TIMEOUT_MS = 120_000;

/**
 * Reads the text of a PDF in a worker thread. The bytes are copied to the
 * worker; the worker ends with the reading, so nothing of the file stays.
 */
export function readPdfText(
  bytes: Uint8Array,
  { password, maxPages, files = pdfJsFiles() }: { password?: string; maxPages: number; files?: PdfJsFiles },
): Promise<PdfReading> {
  return new Promise<PdfReading>((resolve, reject) => {
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      execArgv: [],
      workerData: { pdfUrl: pathToFileURL(files.pdf).href, workerUrl: pathToFileURL(files.worker).href, maxPages },
      resourceLimits: { maxOldGenerationSizeMb: 1024 },
    });
    let answered = false;
    const timer = setTimeout(() => {
      answered = true;
      void worker.terminate();
      resolve({ ok: false, problem: 'damaged', detail: `reading it took over ${PDF_READ_TIMEOUT_MS / 1000} seconds` });
    }, PDF_READ_TIMEOUT_MS);
    worker.once('message', (answer: PdfReading) => {
      answered = true;
      clearTimeout(timer);
      resolve(answer);
      void worker.terminate();
    });
    worker.once('error', (error) => {
      clearTimeout(timer);
      if (!answered) reject(error);
    });
    worker.once('exit', (code) => {
      clearTimeout(timer);
      if (!answered) reject(new Error(`the PDF reader stopped (exit code ${code}) before answering`));
    });
    const data = new Uint8Array(bytes);
    worker.postMessage({ data, password }, [data.buffer]);
  });
}
