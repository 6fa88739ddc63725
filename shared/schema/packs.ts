/**
 * Board packs as this copy records them: each pack it published or imported
 * (`packLog`), the publishers it trusts (`publishers`), and the member's own
 * notes on papers (`paperNotes`: on the whole paper or on a passage), which
 * are never sent anywhere.
 */
import { z } from 'zod';
import { Instant, RecordBase } from './common.ts';
import { MAX_PASSAGE_CHARS } from '../rules/passageAnchors.ts';

const Hash = z.string().regex(/^[0-9a-f]{64}$/, { message: 'must be a SHA-256 in hex' });
/** A board's id, made by the secretariat's copy when it first publishes. */
export const BoardId = z
  .string()
  .regex(/^brd_[0-9a-f]{16}$/, { message: 'must be a board id (brd_ and 16 hex digits)' });
/** An Ed25519 public key: its 32 raw bytes in base64. */
export const PublicKeyText = z.string().regex(/^[A-Za-z0-9+/]{43}=$/, { message: 'must be an Ed25519 public key' });

/** An age X25519 recipient (`age1` and 58 bech32 characters): what a confidential pack is encrypted to. */
export const AgeRecipientText = z
  .string()
  .regex(/^age1[02-9ac-hj-np-z]{58}$/, { message: 'must be an age X25519 recipient (age1…)' });

/**
 * A member's public identity as the secretariat imported it from the file the
 * member exported: their signing key and the age recipient it vouches for
 * (the file signs the recipient with the key), and the fingerprint read out
 * by phone to check it.
 */
export const RecipientKeySchema = z
  .object({
    /** The name the file gave (the member's copy's user). */
    name: z.string().max(200),
    publicKey: PublicKeyText,
    fingerprint: z.string().min(1).max(80),
    ageRecipient: AgeRecipientText,
    importedAt: Instant,
  })
  .strict();
export type RecipientKey = z.infer<typeof RecipientKeySchema>;

/** One recipient of a confidential publication, as the secretariat's pack log keeps it. */
export const PackRecipientSchema = z
  .object({
    memberId: z.string().startsWith('mem_'),
    name: z.string().max(200),
    fingerprint: z.string().min(1).max(80),
    /** The SHA-256 of this recipient's pack's manifest.json. */
    hash: Hash,
    previousHash: Hash.nullable(),
    /** The numbers of the items withheld from this recipient. */
    withheld: z.array(z.string()),
  })
  .strict();
export type PackRecipient = z.infer<typeof PackRecipientSchema>;

/** A record a pack brought into this copy: read-only here. */
export const PackRecordRefSchema = z
  .object({
    collection: z.enum(['meetings', 'papers', 'members', 'decisions', 'conditions']),
    id: z.string().min(1),
  })
  .strict();
export type PackRecordRef = z.infer<typeof PackRecordRefSchema>;

/** What changed in a pack since the one before it. */
export const PackChangesSchema = z
  .object({
    added: z.array(z.string()),
    revised: z.array(z.string()),
    withdrawn: z.array(z.string()),
  })
  .strict();
export type PackChanges = z.infer<typeof PackChangesSchema>;

/** One pack this copy published or imported. */
export const PackLogEntrySchema = RecordBase.extend({
  direction: z.enum(['published', 'imported']),
  boardId: BoardId,
  boardName: z.string().min(1).max(200),
  meetingId: z.string().startsWith('mtg_'),
  meetingTitle: z.string().max(300),
  meetingDate: z.string(),
  number: z.number().int().min(1),
  /** The SHA-256 of the pack's manifest.json bytes: the pack's identity. */
  hash: Hash,
  previousHash: Hash.nullable(),
  /** The publisher's public key and its fingerprint. */
  publicKey: PublicKeyText,
  fingerprint: z.string().min(1).max(80),
  publisherName: z.string().max(200),
  /** When the pack was made (its manifest's time). */
  packCreatedAt: Instant,
  /** When this copy published or imported it. */
  at: Instant,
  /** Papers (id and version) and agenda items the pack carried, to tell what the next one changes. */
  papers: z.array(z.object({ id: z.string(), reference: z.string(), version: z.number().int() }).strict()),
  items: z.array(z.object({ id: z.string(), number: z.string(), title: z.string() }).strict()),
  changes: PackChangesSchema,
  /** For an imported pack, the records it brought: read-only in this copy. */
  records: z.array(PackRecordRefSchema),
  /** Set for a confidential publication or import (encrypted to named members); absent for a public pack. */
  classification: z.literal('confidential').optional(),
  /** A confidential publication: each recipient's pack (its hash, and the items withheld from them). */
  recipients: z.array(PackRecipientSchema).optional(),
  /** An imported confidential pack: who it was for (this copy), and what it withheld from them. */
  recipient: z
    .object({ name: z.string().max(200), fingerprint: z.string().min(1).max(80), ageRecipient: AgeRecipientText })
    .strict()
    .optional(),
  /** An imported confidential pack: its lines "Item 4 is withheld from you: declared interest". */
  withheld: z.array(z.string().max(500)).optional(),
}).strict();
export type PackLogEntry = z.infer<typeof PackLogEntrySchema>;

/** A publisher this copy has been asked about: trusted for its board or not. */
export const PublisherSchema = RecordBase.extend({
  boardId: BoardId,
  boardName: z.string().min(1).max(200),
  publicKey: PublicKeyText,
  fingerprint: z.string().min(1).max(80),
  trusted: z.boolean(),
  decidedAt: Instant,
}).strict();
export type Publisher = z.infer<typeof PublisherSchema>;

/** Where a note on a passage points (shared/rules/passageAnchors.ts). */
export const PassageAnchorSchema = z
  .object({
    exact: z.string().min(1).max(MAX_PASSAGE_CHARS),
    prefix: z.string().max(200),
    suffix: z.string().max(200),
    start: z.number().int().min(0),
    /** The paper version the passage was quoted from. */
    version: z.number().int().min(1),
  })
  .strict();
export type StoredAnchor = z.infer<typeof PassageAnchorSchema>;

/** The member's own note on a paper: on the whole paper (`anchor: null`) or on a passage. Never sent anywhere. */
export const PaperNoteSchema = RecordBase.extend({
  paperId: z.string().startsWith('pap_'),
  anchor: PassageAnchorSchema.nullable(),
  text: z.string().max(100_000, { message: 'must be at most 100,000 characters' }),
}).strict();
export type PaperNote = z.infer<typeof PaperNoteSchema>;

/** The id of the note on a whole paper (one per paper). */
export function wholePaperNoteIdOf(paperId: string): string {
  return `pnt_${paperId.slice('pap_'.length)}`;
}
