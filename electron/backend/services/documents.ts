/**
 * The formal documents (minutes, decision notices, the conditions report)
 * and the register CSVs, built from one consistent reading of the state and
 * the journal position it stands at, in the format asked for: Markdown, HTML
 * and CSV as text, PDF (through the platform's printer) and Word as base64.
 * `documents:save` builds one and hands it to the platform's save dialog.
 */
import { buildConditionsReport } from '../../../shared/documents/conditionsReport.ts';
import { buildForwardPlan } from '../../../shared/documents/forwardPlanDocument.ts';
import { buildDecisionNotice } from '../../../shared/documents/decisionNotice.ts';
import { documentHtml, printSettingsOf } from '../../../shared/documents/documentHtml.ts';
import type { BuiltDocument, JournalPosition } from '../../../shared/documents/documentModel.ts';
import {
  FORMAT_FILES,
  type DocumentFile,
  type DocumentRequestSchema,
  type FileFormat,
  type SavedFile,
} from '../../../shared/documents/documentRequests.ts';
import { buildMinutes } from '../../../shared/documents/minutesDocument.ts';
import { conditionsReportCsv, registerCsv } from '../../../shared/documents/registersCsv.ts';
import { AppFailure } from '../../../shared/contract/result.ts';
import type { State } from '../../../shared/schema/state.ts';
import { dateInZone } from '../../../shared/dates/time.ts';
import type { z } from 'zod';
import type { Platform } from '../platform.ts';
import type { Store } from '../store/store.ts';
import { mustGet } from './context.ts';
import { currentSealOf } from './decisionSeals.ts';

/** What the documents service needs: the store, the clock, and the platform's printer and save dialog. */
export interface DocumentsContext {
  store(): Store;
  readonly clock: () => Date;
  readonly platform: Pick<Platform, 'printPdf' | 'saveFile'>;
}

/** A reading of the state together with the journal position it stands at. */
export interface Snapshot {
  readonly state: State;
  readonly position: JournalPosition;
}

/**
 * Reads the state and the journal head together. Between a journal append
 * and the state swap that follows it, the head is briefly ahead of the state;
 * reading inside the store's one writer queue (a change that changes nothing,
 * so no entry is written) sees the two agree.
 */
export async function snapshotOf(store: Store): Promise<Snapshot> {
  const read = await store.mutate('', '', (state) => ({ changes: [], value: { state, position: store.head() } }));
  return read.value;
}

/** A document request as the contract parses it. */
export type ParsedRequest = z.output<typeof DocumentRequestSchema>;

/** A built file: its description for the contract, and its bytes for a save dialog. */
interface Rendered {
  readonly file: DocumentFile;
  readonly bytes: Uint8Array;
}

const PDF_UNAVAILABLE =
  'PDF cannot be made here: it needs Chromium (/usr/bin/chromium) for the web host. Export the document as HTML instead, open it in your browser and print it to PDF (File > Print > Save as PDF); the page numbers and layout are the same.';

async function render(ctx: DocumentsContext, doc: BuiltDocument, format: FileFormat): Promise<Rendered> {
  const { extension, mimeType, binary } = FORMAT_FILES[format];
  let bytes: Uint8Array;
  switch (format) {
    case 'md':
      bytes = Buffer.from(doc.markdown, 'utf8');
      break;
    case 'html':
      bytes = Buffer.from(documentHtml(doc, { pageNumbers: 'css' }), 'utf8');
      break;
    case 'pdf': {
      const printPdf = ctx.platform.printPdf;
      if (printPdf === undefined)
        throw new AppFailure('conflict', PDF_UNAVAILABLE, { pdfUnavailable: true, use: 'html' });
      bytes = await printPdf(documentHtml(doc, { pageNumbers: 'printer' }), printSettingsOf(doc.meta));
      break;
    }
    case 'docx': {
      // The docx package is loaded on the first Word export, not with the backend.
      const { documentDocx } = await import('../documents/documentDocx.ts');
      bytes = await documentDocx(doc);
      break;
    }
    case 'csv':
      throw new AppFailure('invalid_input', 'format: csv is only for the conditions report and the registers');
  }
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return {
    file: {
      fileName: `${doc.fileStem}.${extension}`,
      mimeType,
      encoding: binary ? 'base64' : 'utf8',
      content: binary ? buffer.toString('base64') : buffer.toString('utf8'),
      reference: doc.meta.reference,
      title: doc.meta.title,
      generatedAt: doc.meta.generatedAt,
      position: doc.meta.position,
    },
    bytes,
  };
}

function csvFile(csv: string, fileStem: string, title: string, now: string, position: JournalPosition): Rendered {
  const bytes = Buffer.from(csv, 'utf8');
  return {
    file: {
      fileName: `${fileStem}.csv`,
      mimeType: FORMAT_FILES.csv.mimeType,
      encoding: 'utf8',
      content: csv,
      reference: fileStem,
      title,
      generatedAt: now,
      position,
    },
    bytes,
  };
}

/** Builds any document the contract can ask for. */
async function produce(ctx: DocumentsContext, request: ParsedRequest): Promise<Rendered> {
  const { state, position } = await snapshotOf(ctx.store());
  const now = ctx.clock().toISOString();
  const today = dateInZone(new Date(now), state.settings.timeZone);
  switch (request.document) {
    case 'minutes': {
      const meeting = mustGet(state, 'meetings', request.meetingId, 'meeting');
      return render(ctx, buildMinutes(state, meeting, { version: request.version, now, position }), request.format);
    }
    case 'notice': {
      const decision = mustGet(state, 'decisions', request.decisionId, 'decision');
      const seal = currentSealOf(state, decision);
      return render(ctx, buildDecisionNotice(state, decision, { now, position, seal }), request.format);
    }
    case 'conditionsReport': {
      const asOf = request.asOf ?? today;
      const meeting = request.meetingId ? mustGet(state, 'meetings', request.meetingId, 'meeting') : undefined;
      const doc = buildConditionsReport(state, { asOf, meeting, now, position });
      if (request.format === 'csv') {
        return csvFile(conditionsReportCsv(state, asOf), doc.fileStem, doc.meta.title, now, position);
      }
      return render(ctx, doc, request.format);
    }
    case 'forwardPlan':
      return render(ctx, buildForwardPlan(state, today, { now, position }), request.format);
    case 'register': {
      const { csv, fileStem } = registerCsv(state, request.register, today, request.scope);
      const title = `Register of ${request.register}${request.scope === 'public' ? ' (public)' : ' (everything, confidential included)'}`;
      return csvFile(csv, fileStem, title, now, position);
    }
  }
}

/** Builds a document or register in the format asked for, as the contract describes a file. */
export async function buildDocumentFile(ctx: DocumentsContext, request: ParsedRequest): Promise<DocumentFile> {
  return (await produce(ctx, request)).file;
}

/** Builds a document and hands it to the platform's save dialog; refused where the host has none (the web host). */
export async function saveDocument(ctx: DocumentsContext, request: ParsedRequest): Promise<SavedFile> {
  const saveFile = ctx.platform.saveFile;
  if (saveFile === undefined) {
    throw new AppFailure(
      'conflict',
      'This host has no save dialog: the page downloads the file instead (documents:minutes, documents:notice, documents:conditionsReport or documents:register).',
    );
  }
  const { file, bytes } = await produce(ctx, request);
  const saved = await saveFile({ fileName: file.fileName, mimeType: file.mimeType, bytes });
  return { ...saved, fileName: file.fileName };
}
