/**
 * Every measure, in the order the table shows them. A later issue adds its
 * measure here (and removes its row from notBuiltYet.ts).
 */
import type { Measure } from '../measure.ts';

/** Loads measures lazily: each runs in its own process and imports only what it needs. */
export const MEASURES: ReadonlyArray<{ readonly id: string; readonly load: () => Promise<Measure> }> = [
  { id: 'open', load: async () => (await import('./openStore.ts')).openStoreMeasure },
  { id: 'change', load: async () => (await import('./smallChange.ts')).smallChangeMeasure },
  { id: 'checkpoint', load: async () => (await import('./checkpointWrite.ts')).checkpointWriteMeasure },
  { id: 'memory', load: async () => (await import('./memory.ts')).memoryMeasure },
  { id: 'search', load: async () => (await import('./search.ts')).searchMeasure },
  { id: 'deadlines', load: async () => (await import('./deadlines.ts')).deadlinesMeasure },
  { id: 'minutes', load: async () => (await import('./minutes.ts')).minutesMeasure },
  { id: 'reader', load: async () => (await import('./reader.ts')).readerMeasure },
  { id: 'decisions-list', load: async () => (await import('./decisionsList.ts')).decisionsListMeasure },
  { id: 'integrity', load: async () => (await import('./integrity.ts')).integrityMeasure },
  { id: 'cold-start', load: async () => (await import('./coldStart.ts')).coldStartMeasure },
  { id: 'backend-rss', load: async () => (await import('./backendRss.ts')).backendRssMeasure },
  { id: 'archive', load: async () => (await import('./archive.ts')).archiveMeasure },
  { id: 'pack-pdf', load: async () => (await import('./packPdf.ts')).packPdfMeasure },
  { id: 'pdf-papers', load: async () => (await import('./pdfPapers.ts')).pdfPapersMeasure },
  { id: 'pdf-reader', load: async () => (await import('./pdfReader.ts')).pdfReaderMeasure },
  { id: 'not-built', load: async () => (await import('./notBuiltYet.ts')).notBuiltYetMeasure },
];
