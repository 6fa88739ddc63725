/**
 * Compiled pack PDFs: each time the secretariat compiles a meeting's pack
 * into one PDF (public, or with the items taken in private), the file is kept
 * as a blob and recorded here with the page each agenda item and paper starts
 * on, so the app, the printed copy and a later supplement agree on page numbers.
 */
import { z } from 'zod';
import { Instant, RecordBase } from './common.ts';
import { PAPER_SOURCE_KINDS } from './papers.ts';

/** Which pack: the public one, or the one that also holds the items taken in private. */
export const PACK_SCOPES = ['public', 'confidential'] as const;
export type PackScope = (typeof PACK_SCOPES)[number];

const Hash = z.string().regex(/^[0-9a-f]{64}$/, { message: 'is not a stored file' });
const Page = z.number().int().min(1);

/** An agenda item as the compiled pack shows it: where its first paper starts (null: no papers in the pack). */
export const CompiledItemSchema = z
  .object({
    itemId: z.string().startsWith('itm_'),
    number: z.string().max(20),
    title: z.string().max(300),
    firstPage: Page.nullable(),
  })
  .strict();
export type CompiledItem = z.infer<typeof CompiledItemSchema>;

/**
 * A paper in the compiled pack: the version compiled, its first page and
 * page count. `leftOut` says why its pages are not there (a password the
 * person chose not to give): the pack then holds one page saying where to find it.
 */
export const CompiledPaperSchema = z
  .object({
    paperId: z.string().startsWith('pap_'),
    itemId: z.string().startsWith('itm_'),
    reference: z.string().max(60),
    title: z.string().max(300),
    version: z.number().int().min(1),
    kind: z.enum(PAPER_SOURCE_KINDS),
    firstPage: Page,
    pages: z.number().int().min(1),
    leftOut: z.enum(['password']).nullable(),
  })
  .strict();
export type CompiledPaper = z.infer<typeof CompiledPaperSchema>;

/** One compiled pack PDF (a version, or a supplement to a version). */
export const CompiledPackSchema = RecordBase.extend({
  meetingId: z.string().startsWith('mtg_'),
  scope: z.enum(PACK_SCOPES),
  /** The pack version, counted per meeting and scope from 1. */
  version: z.number().int().min(1),
  /** 0 for the pack version itself; n for its n-th supplement (papers added or revised after it). */
  supplement: z.number().int().min(0),
  /** The PDF, stored as a blob. */
  blob: Hash,
  bytes: z.number().int().min(0),
  pages: Page,
  compiledAt: Instant,
  compiledBy: z.string().max(200),
  items: z.array(CompiledItemSchema),
  papers: z.array(CompiledPaperSchema),
}).strict();
export type CompiledPack = z.infer<typeof CompiledPackSchema>;
