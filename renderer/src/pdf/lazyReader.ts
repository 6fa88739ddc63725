/**
 * The PDF reader as the app's pages load it: pdf.js is loaded when a PDF is
 * first shown, not with the app (its own chunk, from 'self'). A page about
 * to show a PDF calls `preparePdfReader()` as it asks for the file's bytes,
 * so the reader's code and pdf.js's worker load meanwhile, not after.
 */
import { lazy } from 'react';

const load = () => import('./PdfReader.tsx');

/** The reader (PdfReader.tsx), loaded on first use. */
export const LazyPdfReader = lazy(() => load().then((m) => ({ default: m.PdfReader })));

/** Starts loading the reader and its pdf.js worker now (nothing happens twice). */
export function preparePdfReader(): void {
  void load().then(
    (m) => m.pdfWorker(),
    // Not loaded now: the reader says why when it is shown.
    () => undefined,
  );
}
