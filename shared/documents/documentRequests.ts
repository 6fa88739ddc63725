/**
 * What the documents and minutes channels of the contract accept and answer:
 * which document, in which format, and the file that comes back (text for
 * Markdown, HTML and CSV; base64 for PDF and Word), with the facts that
 * anchor it to the record. Also the minutes page's view.
 */
import { z } from 'zod';
import { CalendarDate } from '../schema/common.ts';
import type { Minutes } from '../schema/minutes.ts';
import type { JournalPosition } from './documentModel.ts';
import { REGISTERS } from './registersCsv.ts';
import { EXPORT_SCOPES } from '../rules/confidentiality.ts';

/** Formats of a formal document (minutes, notice). */
export const DOCUMENT_FORMATS = ['md', 'html', 'pdf', 'docx'] as const;
/** A formal document's format. */
export type DocumentFormat = (typeof DOCUMENT_FORMATS)[number];
/** The conditions report may also be a CSV of its rows. */
export const REPORT_FORMATS = [...DOCUMENT_FORMATS, 'csv'] as const;
/** Any format a file can come in. */
export type FileFormat = (typeof REPORT_FORMATS)[number];

/** File extension, media type and whether the content travels as base64, per format. */
export const FORMAT_FILES: {
  [F in FileFormat]: { readonly extension: string; readonly mimeType: string; readonly binary: boolean };
} = {
  md: { extension: 'md', mimeType: 'text/markdown; charset=utf-8', binary: false },
  html: { extension: 'html', mimeType: 'text/html; charset=utf-8', binary: false },
  csv: { extension: 'csv', mimeType: 'text/csv; charset=utf-8', binary: false },
  pdf: { extension: 'pdf', mimeType: 'application/pdf', binary: true },
  docx: {
    extension: 'docx',
    mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    binary: true,
  },
};

const MeetingId = z.string().startsWith('mtg_', { message: 'must be a meeting' });

/** Input of `documents:minutes`. */
export const MinutesDocumentInput = z
  .object({
    meetingId: MeetingId,
    format: z.enum(DOCUMENT_FORMATS, { message: `must be one of: ${DOCUMENT_FORMATS.join(', ')}` }),
    version: z.enum(['public', 'private'], { message: 'must be public or private' }).default('public'),
  })
  .strict();

/** Input of `documents:notice`. */
export const NoticeDocumentInput = z
  .object({
    decisionId: z.string().startsWith('dec_', { message: 'must be a decision' }),
    format: z.enum(DOCUMENT_FORMATS, { message: `must be one of: ${DOCUMENT_FORMATS.join(', ')}` }),
  })
  .strict();

/** Input of `documents:conditionsReport`: `asOf` defaults to today, the meeting to the next one. */
export const ConditionsReportInput = z
  .object({
    format: z.enum(REPORT_FORMATS, { message: `must be one of: ${REPORT_FORMATS.join(', ')}` }),
    asOf: CalendarDate.optional(),
    meetingId: MeetingId.optional(),
  })
  .strict();

/** Input of `documents:forwardPlan`: the next 12 months from today. */
export const ForwardPlanInput = z
  .object({
    format: z.enum(DOCUMENT_FORMATS, { message: `must be one of: ${DOCUMENT_FORMATS.join(', ')}` }),
  })
  .strict();

/** Input of `documents:register`: a register as CSV. */
export const RegisterInput = z
  .object({
    register: z.enum(REGISTERS, { message: `must be one of: ${REGISTERS.join(', ')}` }),
    /** Public only (the default: confidential wording withheld) or everything. */
    scope: z.enum(EXPORT_SCOPES).default('public'),
  })
  .strict();

/** Any document, named with its kind: what `documents:save` builds and saves. */
export const DocumentRequestSchema = z.discriminatedUnion('document', [
  MinutesDocumentInput.extend({ document: z.literal('minutes') }),
  NoticeDocumentInput.extend({ document: z.literal('notice') }),
  ConditionsReportInput.extend({ document: z.literal('conditionsReport') }),
  RegisterInput.extend({ document: z.literal('register') }),
  ForwardPlanInput.extend({ document: z.literal('forwardPlan') }),
]);
/** A document request as a caller writes it. */
export type DocumentRequest = z.input<typeof DocumentRequestSchema>;

/** A generated file as it crosses the contract. */
export interface DocumentFile {
  readonly fileName: string;
  readonly mimeType: string;
  /** `utf8`: `content` is the text; `base64`: `content` is the bytes in base64. */
  readonly encoding: 'utf8' | 'base64';
  readonly content: string;
  readonly reference: string;
  readonly title: string;
  readonly generatedAt: string;
  readonly position: JournalPosition;
}

/** What `documents:save` answers: whether the person saved it, and where. */
export interface SavedFile {
  readonly saved: boolean;
  readonly path: string | null;
  readonly fileName: string;
}

/** A meeting as the minutes page names it. */
export interface MeetingRef {
  readonly id: string;
  readonly title: string;
  readonly date: string;
  readonly status: 'planned' | 'held' | 'cancelled';
}

/** The minutes page: the record (or the draft it starts as), the items to minute and the meetings that may approve it. */
export interface MinutesView {
  readonly minutes: Minutes;
  /** False while nothing has been written: the draft exists only on screen. */
  readonly stored: boolean;
  readonly meeting: MeetingRef & { readonly time: string; readonly place: string };
  readonly items: ReadonlyArray<{
    readonly id: string;
    readonly number: string;
    readonly title: string;
    readonly confidential: boolean;
    readonly discussion: string;
    readonly decisions: ReadonlyArray<{ readonly id: string; readonly reference: string; readonly title: string }>;
  }>;
  readonly approvedAt: MeetingRef | null;
  /** Later meetings that have taken place (not cancelled, not after today): where these minutes may be approved, soonest first. */
  readonly laterMeetings: readonly MeetingRef[];
}
