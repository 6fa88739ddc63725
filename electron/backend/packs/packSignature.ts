/**
 * Signing and checking a board pack. The manifest names every other file with
 * its SHA-256 and size (the records' JSON files included), and the manifest's
 * exact bytes are signed with the publisher's Ed25519 key: `manifest.sig` is
 * the raw 64-byte signature, as `crypto.sign(null, bytes, key)` makes it and
 * as `openssl pkeyutl -verify -rawin` checks it (docs/board-packs.md).
 */
import { sign, verify } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import {
  ManifestSchema,
  PACK_FILES,
  PackRecordSchemas,
  blobFileOf,
  paperFileOf,
  type Manifest,
  type PackPaper,
} from '../../../shared/packs/packFormat.ts';
import { kindWords, sniffPaperFile, typeOfKind } from '../../../shared/rules/paperFiles.ts';
import type { Condition } from '../../../shared/schema/conditions.ts';
import type { Decision } from '../../../shared/schema/decisions.ts';
import type { Meeting } from '../../../shared/schema/meetings.ts';
import type { Member } from '../../../shared/schema/members.ts';
import type { PaperSource } from '../../../shared/schema/papers.ts';
import { sha256 } from '../store/blobs.ts';
import { fingerprintOfKey, pemOfKey, publicKeyFromText } from './identity.ts';
import { packRefused, zipOf, type ZipInput } from './packZip.ts';

/** A signed pack, ready to save. */
export interface SignedPack {
  readonly bytes: Buffer;
  readonly manifest: Manifest;
  /** The SHA-256 of manifest.json's bytes: the pack's identity (the next pack's previousPackHash). */
  readonly hash: string;
}

/**
 * Makes a signed pack: the manifest (given without its file list) gets every
 * file's hash and size, is written, signed with `privateKey`, and zipped with
 * the signature, the publisher's key in PEM and the files.
 */
export async function signedPack(
  manifest: Omit<Manifest, 'files'>,
  files: readonly ZipInput[],
  privateKey: KeyObject,
): Promise<SignedPack> {
  const pem: ZipInput = { path: PACK_FILES.publisherKey, data: Buffer.from(pemOfKey(manifest.publisher.publicKey)) };
  const covered = [pem, ...files];
  const full: Manifest = {
    ...manifest,
    files: covered.map((f) => ({ path: f.path, sha256: sha256(f.data), bytes: f.data.length })),
  };
  const manifestBytes = Buffer.from(`${JSON.stringify(full, null, 2)}\n`, 'utf8');
  const signature = sign(null, manifestBytes, privateKey);
  const bytes = await zipOf([
    { path: PACK_FILES.manifest, data: manifestBytes },
    { path: PACK_FILES.signature, data: signature },
    ...covered,
  ]);
  return { bytes, manifest: full, hash: sha256(manifestBytes) };
}

/** A pack whose signature, hashes and records have all been checked. */
export interface VerifiedPack {
  readonly manifest: Manifest;
  readonly hash: string;
  readonly meeting: Meeting;
  readonly members: readonly Member[];
  readonly decisions: readonly Decision[];
  readonly conditions: readonly Condition[];
  readonly papers: readonly PackPaper[];
  /** The blobs, by hash (each checked against its name). */
  readonly blobs: ReadonlyMap<string, Buffer>;
}

function parseJson(name: string, path: string, bytes: Buffer): unknown {
  try {
    return JSON.parse(bytes.toString('utf8'));
  } catch {
    throw packRefused(`${name}: ${path} is not valid JSON.`);
  }
}

function recordsOf<T>(
  name: string,
  path: string,
  files: ReadonlyMap<string, Buffer>,
  schema: {
    safeParse(
      v: unknown,
    ):
      | { success: true; data: T }
      | { success: false; error: { issues: ReadonlyArray<{ path: PropertyKey[]; message: string }> } };
  },
): T {
  const bytes = files.get(path);
  if (bytes === undefined) throw packRefused(`${name} has no ${path}.`);
  const parsed = schema.safeParse(parseJson(name, path, bytes));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.map(String).join('.') || '(the file)';
    throw packRefused(`${name}: ${path} does not hold valid records (${field}: ${issue?.message ?? 'invalid'}).`);
  }
  return parsed.data;
}

/**
 * Refuses a paper's source file whose record disagrees with its blob: its
 * size, its MIME type (the one kept for its kind), or its kind (what the
 * bytes are: a PDF, a Word file, text), as adding the file would have found.
 */
function checkSource(name: string, reference: string, source: PaperSource, bytes: Buffer): void {
  const file = `paper ${reference}'s source file ${source.name} (${blobFileOf(source.blob)})`;
  if (source.bytes !== bytes.length) {
    throw packRefused(
      `${name}: ${file} is ${bytes.length.toLocaleString('en-GB')} bytes, but its record says ${source.bytes.toLocaleString('en-GB')} (source.bytes).`,
    );
  }
  if (source.type !== typeOfKind(source.kind)) {
    throw packRefused(
      `${name}: ${file} is recorded as ${kindWords(source.kind)} with type ${source.type}, which is not that kind's (source.type).`,
    );
  }
  // What the bytes are, whatever the name says (the record's kind is what is checked); a Word file is
  // a zip naming word/document.xml in its directory, which is stored uncompressed, so readable here.
  const sniffed = sniffPaperFile('', bytes, () => bytes.includes('word/document.xml'));
  const textKinds: readonly string[] = ['markdown', 'text'];
  const found = sniffed.ok ? sniffed.kind : null;
  if (found !== source.kind && !(found !== null && textKinds.includes(found) && textKinds.includes(source.kind))) {
    throw packRefused(
      `${name}: ${file} is recorded as ${kindWords(source.kind)} (source.kind), but its contents are ${found ? kindWords(found) : 'not a PDF, Word file or text'}.`,
    );
  }
}

/**
 * Checks a pack's files: the manifest (its size, JSON and shape), the
 * signature over its exact bytes by the key it names, that publisher.pem is
 * that key, that every file is listed with its hash and size and nothing
 * else is in the zip, and that every record file passes its schema and every
 * paper's blobs are there (its source file's too, agreeing with its record). Throws a refusal naming what failed.
 */
export function verifyPack(name: string, files: ReadonlyMap<string, Buffer>): VerifiedPack {
  const manifestBytes = files.get(PACK_FILES.manifest);
  if (manifestBytes === undefined) throw packRefused(`${name} has no manifest.json: it is not a board pack.`);
  const signature = files.get(PACK_FILES.signature);
  if (signature === undefined) throw packRefused(`${name} has no signature (manifest.sig).`);
  const parsed = ManifestSchema.safeParse(parseJson(name, PACK_FILES.manifest, manifestBytes));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw packRefused(
      `${name}: manifest.json is not a pack manifest this version reads (${issue?.path.map(String).join('.') || 'manifest'}: ${issue?.message ?? 'invalid'}).`,
    );
  }
  const manifest = parsed.data;
  const key = publicKeyFromText(manifest.publisher.publicKey);
  if (signature.length !== 64 || !verify(null, manifestBytes, key, signature)) {
    throw packRefused(
      `${name}: the signature does not match the manifest: the pack was changed after it was signed, or was not signed by the key it names.`,
    );
  }
  if (fingerprintOfKey(manifest.publisher.publicKey) !== manifest.publisher.fingerprint) {
    throw packRefused(`${name}: the manifest's fingerprint is not that of its key.`);
  }
  const listed = new Map(manifest.files.map((f) => [f.path, f]));
  if (listed.size !== manifest.files.length) throw packRefused(`${name}: the manifest lists a file twice.`);
  for (const path of files.keys()) {
    if (path === PACK_FILES.manifest || path === PACK_FILES.signature) continue;
    if (!listed.has(path)) throw packRefused(`${name} holds ${path}, which its manifest does not list.`);
  }
  for (const file of manifest.files) {
    const bytes = files.get(file.path);
    if (bytes === undefined) throw packRefused(`${name} is missing ${file.path}, which its manifest lists.`);
    if (bytes.length !== file.bytes || sha256(bytes) !== file.sha256) {
      throw packRefused(`${name}: ${file.path} has been changed since the pack was signed (its SHA-256 differs).`);
    }
  }
  const pem = files.get(PACK_FILES.publisherKey);
  if (pem !== undefined && pem.toString('utf8') !== pemOfKey(manifest.publisher.publicKey)) {
    throw packRefused(`${name}: publisher.pem is not the key the manifest names.`);
  }
  const meeting = recordsOf(name, PACK_FILES.meeting, files, PackRecordSchemas.meeting);
  if (meeting.id !== manifest.meeting.id) throw packRefused(`${name}: records/meeting.json is not the pack's meeting.`);
  const members = recordsOf(name, PACK_FILES.members, files, PackRecordSchemas.members);
  const decisions = recordsOf(name, PACK_FILES.decisions, files, PackRecordSchemas.decisions);
  const conditions = recordsOf(name, PACK_FILES.conditions, files, PackRecordSchemas.conditions);
  const papers: PackPaper[] = [];
  for (const path of listed.keys()) {
    if (!path.startsWith('records/papers/')) continue;
    const paper = recordsOf(name, path, files, PackRecordSchemas.paper);
    if (path !== paperFileOf(paper.paper.id))
      throw packRefused(`${name}: ${path} holds another paper (${paper.paper.id}).`);
    papers.push(paper);
  }
  const blobs = new Map<string, Buffer>();
  for (const [path, bytes] of files) {
    if (!path.startsWith('blobs/')) continue;
    const hash = path.slice('blobs/'.length);
    if (sha256(bytes) !== hash) throw packRefused(`${name}: ${path} does not match its name.`);
    blobs.set(hash, bytes);
  }
  for (const { paper } of papers) {
    const version = paper.versions[0]!;
    const source = version.source?.blob ?? null;
    for (const hash of [version.body, ...version.attachments.map((a) => a.blob), source]) {
      if (hash !== null && !blobs.has(hash)) {
        throw packRefused(`${name}: paper ${paper.reference} needs ${blobFileOf(hash)}, which is not in the pack.`);
      }
    }
    if (version.source) checkSource(name, paper.reference, version.source, blobs.get(version.source.blob)!);
  }
  return { manifest, hash: sha256(manifestBytes), meeting, members, decisions, conditions, papers, blobs };
}
