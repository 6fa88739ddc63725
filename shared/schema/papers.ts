/**
 * Board papers: metadata, versions of the Markdown text and attachments
 * (stored as blobs), and the local user's own marks (read, private note).
 */
import { z } from 'zod';
import { CalendarDate, Instant, RecordBase } from './common.ts';

export const CLASSIFICATIONS = ['public', 'confidential'] as const;
export type Classification = (typeof CLASSIFICATIONS)[number];

/** The largest attachment accepted, in bytes (said in the message when refused). */
export const MAX_ATTACHMENT_BYTES = 25 * 1024 * 1024;
/** The largest paper text accepted, in characters. */
export const MAX_BODY_CHARS = 5 * 1024 * 1024;

const Text = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { message: `must be at most ${max} characters` });
const BlobHash = z.string().regex(/^[0-9a-f]{64}$/, { message: 'is not a stored file' });

export const AttachmentSchema = z
  .object({
    blob: BlobHash,
    name: Text(255).min(1),
    type: Text(200).default('application/octet-stream'),
    bytes: z.number().int().min(0),
  })
  .strict();
export type Attachment = z.infer<typeof AttachmentSchema>;

/** The kinds of file a paper version may come from. */
export const PAPER_SOURCE_KINDS = ['markdown', 'text', 'pdf', 'docx'] as const;
export type PaperSourceKind = (typeof PAPER_SOURCE_KINDS)[number];

/**
 * The file a version was added from, kept byte for byte as a blob and
 * downloadable. `body` (above) is then the text read out of it: the
 * Markdown converted from a Word file, or the plain text extracted from a
 * PDF (pages separated by form feeds, "\f"), which search, snippets, notes
 * and the diff between versions read. Absent for a version typed in the app.
 */
export const PaperSourceSchema = z
  .object({
    blob: BlobHash,
    name: Text(255).min(1),
    kind: z.enum(PAPER_SOURCE_KINDS),
    type: Text(200),
    bytes: z.number().int().min(0),
    /** Pages in a PDF; null for other kinds or when unknown. */
    pages: z.number().int().min(0).nullable(),
    /** Whether a PDF has no text layer (a scan): readable, but nothing to search. */
    noTextLayer: z.boolean().default(false),
    /** What did not convert, in the user's words ("2 text boxes not shown; open the original"). */
    conversionNotes: z.array(Text(500)).max(50).default([]),
  })
  .strict();
export type PaperSource = z.infer<typeof PaperSourceSchema>;

/** One version of a paper's content: its text and attachments as they were. */
export const PaperVersionSchema = z
  .object({
    version: z.number().int().min(1),
    body: BlobHash.nullable(),
    bodyChars: z.number().int().min(0),
    attachments: z.array(AttachmentSchema),
    /** The file this version was added from (PDF, Word, Markdown, text); absent when typed in the app. */
    source: PaperSourceSchema.optional(),
    createdAt: Instant,
    createdBy: z.string(),
  })
  .strict();
export type PaperVersion = z.infer<typeof PaperVersionSchema>;

export const PaperFieldsSchema = z
  .object({
    reference: Text(60).min(1, { message: 'is required' }),
    title: Text(300).min(1, { message: 'is required' }),
    author: Text(200).default(''),
    date: CalendarDate,
    classification: z.enum(CLASSIFICATIONS, { message: 'must be public or confidential' }).default('public'),
  })
  .strict();

/** A stored paper: the newest version last in `versions`. */
export const PaperSchema = RecordBase.extend({
  ...PaperFieldsSchema.shape,
  versions: z.array(PaperVersionSchema).min(1),
}).strict();
export type Paper = z.infer<typeof PaperSchema>;

/** A new attachment as it crosses the contract: its bytes in base64. */
export const AttachmentUploadSchema = z
  .object({
    name: Text(255).min(1, { message: 'is required' }),
    type: Text(200).default('application/octet-stream'),
    dataBase64: z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, { message: 'is not base64' }),
  })
  .strict()
  .superRefine((a, ctx) => {
    const bytes =
      Math.floor((a.dataBase64.length * 3) / 4) -
      (a.dataBase64.endsWith('==') ? 2 : a.dataBase64.endsWith('=') ? 1 : 0);
    if (bytes > MAX_ATTACHMENT_BYTES) {
      ctx.addIssue({
        code: 'custom',
        path: ['dataBase64'],
        message: `${a.name} is ${(bytes / 1024 / 1024).toFixed(1)} MB; attachments may be at most ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB`,
      });
    }
  });
export type AttachmentUpload = z.input<typeof AttachmentUploadSchema>;

/** A place in a paged version of a paper: its page and how many it has. */
export const ReadingPositionSchema = z
  .object({
    version: z.number().int().min(1),
    page: z.number().int().min(1),
    pages: z.number().int().min(1),
  })
  .strict()
  .refine((p) => p.page <= p.pages, { message: 'page must be at most the number of pages', path: ['page'] });
export type ReadingPosition = z.infer<typeof ReadingPositionSchema>;

/**
 * The local user's read mark on a paper: never sent anywhere. One record per
 * paper. `readVersion` is the version read: a newer version (an edit, a
 * revised paper from a pack) makes the paper unread again, "changed since you
 * read it". (Notes live in `paperNotes`, shared/schema/packs.ts.)
 */
export const PaperMarkSchema = RecordBase.extend({
  paperId: z.string().startsWith('pap_'),
  readAt: Instant.nullable(),
  readVersion: z.number().int().min(1).nullable(),
  /**
   * Where the local user stopped reading a paged (PDF) version: "read to page
   * 14 of 32". Kept per version; absent until a PDF paper is opened.
   */
  position: ReadingPositionSchema.optional(),
}).strict();
export type PaperMark = z.infer<typeof PaperMarkSchema>;

/** The id of the mark record for a paper. */
export function markIdOf(paperId: string): string {
  return `pmk_${paperId.slice('pap_'.length)}`;
}
