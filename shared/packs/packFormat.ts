/**
 * The board pack file format (`.boardpack`, a zip), as data: the manifest,
 * the records' JSON files, the limits an importer holds a pack to, and the
 * readable fingerprint of a publisher's key. docs/board-packs.md describes
 * it for people; this module is what both the writer and the reader check.
 */
import { z } from 'zod';
import { Instant } from '../schema/common.ts';
import { ConditionSchema } from '../schema/conditions.ts';
import { DecisionSchema } from '../schema/decisions.ts';
import { MeetingSchema } from '../schema/meetings.ts';
import { MemberSchema } from '../schema/members.ts';
import { AttachmentSchema, PaperSchema } from '../schema/papers.ts';
import { AgeRecipientText, BoardId, PublicKeyText } from '../schema/packs.ts';

/** The value of `format` in every manifest. */
export const PACK_FORMAT = 'boardkeeper-pack';
/** The manifest format version this build writes and reads. */
export const PACK_FORMAT_VERSION = 1;
/** A pack file's extension. */
export const PACK_EXTENSION = '.boardpack';
/** What a confidential pack's file adds to it: the age-encrypted pack. */
export const AGE_EXTENSION = '.age';

/** The names of the fixed files in a pack. */
export const PACK_FILES = {
  manifest: 'manifest.json',
  signature: 'manifest.sig',
  publisherKey: 'publisher.pem',
  meeting: 'records/meeting.json',
  members: 'records/members.json',
  decisions: 'records/decisions.json',
  conditions: 'records/conditions.json',
} as const;

/** Where a paper's record is in a pack. */
export function paperFileOf(paperId: string): string {
  return `records/papers/${paperId}.json`;
}
/** Where a blob is in a pack. */
export function blobFileOf(hash: string): string {
  return `blobs/${hash}`;
}

/** What an importer holds a pack to, before anything is read in full. */
export const PACK_LIMITS = {
  /** The whole pack, unpacked. */
  totalBytes: 1024 * 1024 * 1024,
  /** One file, unpacked (an attachment is at most 25 MB; a paper's text 5 million characters). */
  fileBytes: 64 * 1024 * 1024,
  /** manifest.json, unpacked. */
  manifestBytes: 1024 * 1024,
  /** One records JSON file, unpacked. */
  recordBytes: 16 * 1024 * 1024,
  /** Entries in the zip. */
  entries: 5000,
  /** Unpacked size over packed size, for a file past {@link ratioFloorBytes}. */
  ratio: 100,
  ratioFloorBytes: 1024 * 1024,
} as const;

const Hash = z.string().regex(/^[0-9a-f]{64}$/, { message: 'must be a SHA-256 in hex' });
/** A path inside a pack: relative, forward slashes, no `.` or `..` parts. */
const PackPath = z
  .string()
  .min(1)
  .max(300)
  .regex(/^(?!\/)(?!.*\/\/)[A-Za-z0-9_.-]+(\/[A-Za-z0-9_.-]+)*$/, { message: 'is not a plain relative path' })
  .refine((p) => !p.split('/').some((part) => part === '.' || part === '..'), {
    message: 'must not contain . or .. parts',
  });

/** One file the manifest covers. */
export const ManifestFileSchema = z.object({ path: PackPath, sha256: Hash, bytes: z.number().int().min(0) }).strict();
export type ManifestFile = z.infer<typeof ManifestFileSchema>;

/** manifest.json: what the signature covers, and through its hashes every other file. */
export const ManifestSchema = z
  .object({
    format: z.literal(PACK_FORMAT),
    formatVersion: z.literal(PACK_FORMAT_VERSION),
    board: z.object({ id: BoardId, name: z.string().min(1).max(200) }).strict(),
    meeting: z.object({ id: z.string().startsWith('mtg_'), title: z.string().max(300), date: z.string() }).strict(),
    /** Packs of this meeting are counted from 1. */
    pack: z.number().int().min(1),
    /** The SHA-256 of the previous pack's manifest.json; null for pack 1. */
    previousPackHash: Hash.nullable(),
    createdAt: Instant,
    /**
     * Which papers and items it carries: `public` (public items and papers,
     * for anyone), or `confidential` (every item and paper but those withheld
     * from its one recipient; the file is then encrypted to them with age).
     */
    classification: z.enum(['public', 'confidential']),
    /** A confidential pack's recipient: the member it was made and encrypted for. */
    recipient: z
      .object({
        memberId: z.string().startsWith('mem_'),
        name: z.string().max(200),
        fingerprint: z.string().min(1).max(80),
        ageRecipient: AgeRecipientText,
      })
      .strict()
      .optional(),
    /** A confidential pack's items withheld from its recipient, each with its line. */
    withheld: z
      .array(
        z
          .object({ itemId: z.string().startsWith('itm_'), number: z.string().max(20), line: z.string().max(500) })
          .strict(),
      )
      .max(200)
      .optional(),
    publisher: z
      .object({ name: z.string().max(200), publicKey: PublicKeyText, fingerprint: z.string().min(1).max(80) })
      .strict(),
    files: z.array(ManifestFileSchema).max(PACK_LIMITS.entries),
  })
  .strict()
  .refine((m) => (m.classification === 'confidential') === (m.recipient !== undefined && m.withheld !== undefined), {
    message: 'a confidential pack names its recipient and its withheld items; a public one neither',
    path: ['recipient'],
  });
export type Manifest = z.infer<typeof ManifestSchema>;

/** A confidential pack's file name: `<board> <meeting date> confidential pack <n> for <member>.boardpack.age`. */
export function confidentialPackFileNameOf(
  boardName: string,
  meetingDate: string,
  pack: number,
  memberName: string,
): string {
  const safe = (s: string, fallback: string) => s.replace(/[\\/:*?"<>|\p{Cc}]+/gu, ' ').trim() || fallback;
  return `${safe(boardName, 'Board')} ${meetingDate} confidential pack ${pack} for ${safe(memberName, 'member')}${PACK_EXTENSION}${AGE_EXTENSION}`;
}

/** An earlier version of a paper, named by its hashes only (its content is not in the pack). */
export const EarlierVersionSchema = z
  .object({
    version: z.number().int().min(1),
    body: Hash.nullable(),
    attachments: z.array(AttachmentSchema.pick({ blob: true, name: true, bytes: true })),
  })
  .strict();

/** records/papers/<id>.json: the paper with its current version, and the hashes of the earlier ones. */
export const PackPaperSchema = z
  .object({ paper: PaperSchema, earlierVersions: z.array(EarlierVersionSchema) })
  .strict()
  .refine((p) => p.paper.versions.length === 1, { message: 'must carry exactly the current version' });
export type PackPaper = z.infer<typeof PackPaperSchema>;

/** The records' JSON files' schemas, by path. */
export const PackRecordSchemas = {
  meeting: MeetingSchema,
  members: z.array(MemberSchema),
  decisions: z.array(DecisionSchema),
  conditions: z.array(ConditionSchema),
  paper: PackPaperSchema,
} as const;

/**
 * A public key's fingerprint in a short readable form: the first 16 bytes of
 * its SHA-256 (computed by the caller, passed in hex) as eight groups of four
 * upper-case hex digits, e.g. `3F9A 12C4 …`. Long enough to tell keys apart,
 * short enough to read out over the phone.
 */
export function fingerprintOf(sha256Hex: string): string {
  return sha256Hex.slice(0, 32).toUpperCase().match(/.{4}/g)?.join(' ') ?? '';
}

/** The file name a pack is saved under: `<board> <meeting date> pack <n>.boardpack`, safe on every system. */
export function packFileNameOf(boardName: string, meetingDate: string, pack: number): string {
  const board = boardName.replace(/[\\/:*?"<>|\p{Cc}]+/gu, ' ').trim() || 'Board';
  return `${board} ${meetingDate} pack ${pack}${PACK_EXTENSION}`;
}
