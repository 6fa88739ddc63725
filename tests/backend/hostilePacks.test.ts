// Hostile and damaged packs, as real files on disk: each is refused with a message that says what is wrong,
// nothing is written to the member's copy (not a journal entry, not a blob), and the file is left where it was.
import { generateKeyPairSync } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { publicKeyTextOf, fingerprintOfKey } from '../../electron/backend/packs/identity.ts';
import { signedPack } from '../../electron/backend/packs/packSignature.ts';
import { readPackZip, zipOf, type ZipInput } from '../../electron/backend/packs/packZip.ts';
import type { Manifest } from '../../shared/packs/packFormat.ts';
import { testBackend, type TestBackend } from '../helpers/backend.ts';
import { packOnDisk, secretariatCopy } from '../helpers/packs.ts';

const MEMBER_NOW = new Date('2026-06-20T10:00:00.000Z');

/** A published pack 1 and its files; a member's copy that may already trust its publisher. */
async function setting(trustFirst: boolean) {
  const sec = await secretariatCopy();
  const pack = await sec.copy.ok('packs:publish', { meetingId: sec.meetingId });
  const bytes = Buffer.from(pack.dataBase64, 'base64');
  const files = await readPackZip({ name: pack.fileName, bytes });
  const member = await testBackend(MEMBER_NOW);
  if (trustFirst) {
    await member.ok('packs:import', {
      fileName: pack.fileName,
      path: await packOnDisk(pack.fileName, bytes),
      trust: true,
    });
  }
  const manifest = JSON.parse(files.get('manifest.json')!.toString()) as Manifest;
  return { sec, pack, bytes, files, member, manifest };
}

/** The files of a pack as zip inputs, with some replaced. */
function withFiles(files: ReadonlyMap<string, Buffer>, replaced: Record<string, Buffer> = {}): ZipInput[] {
  return [...files].map(([path, data]) => ({ path, data: replaced[path] ?? data }));
}

async function blobCount(dataDir: string): Promise<number> {
  let n = 0;
  for (const prefix of await readdir(join(dataDir, 'blobs')).catch(() => [] as string[])) {
    n += (await readdir(join(dataDir, 'blobs', prefix))).length;
  }
  return n;
}

/** Imports the file (trusting its key, as a person who said yes would) and expects a refusal: nothing written, file kept. */
async function expectRefused(member: TestBackend, name: string, bytes: Buffer, message: RegExp): Promise<void> {
  const path = await packOnDisk(name, bytes);
  const seq = member.backend.status().seq;
  const blobs = await blobCount(member.dataDir);
  const error = await member.refused('packs:import', { fileName: name, path, trust: true });
  expect(error.code).toBe('invalid_input');
  expect(error.message).toMatch(message);
  expect(error.message).toMatch(/Nothing was imported; the file is left where it was\.$/);
  expect(member.backend.status().seq).toBe(seq);
  expect(await blobCount(member.dataDir)).toBe(blobs);
  expect((await readFile(path)).equals(bytes)).toBe(true);
}

/** Replaces `from` by `to` (same length) everywhere in a zip's bytes: its local header and central directory. */
function renamed(zip: Buffer, from: string, to: string): Buffer {
  expect(to.length).toBe(from.length);
  const out = Buffer.from(zip);
  const needle = Buffer.from(from);
  let at = out.indexOf(needle);
  expect(at).toBeGreaterThan(-1);
  while (at !== -1) {
    Buffer.from(to).copy(out, at);
    at = out.indexOf(needle, at + 1);
  }
  return out;
}

describe('hostile packs', () => {
  it('a wrong signature: the manifest changed after signing', async () => {
    const { files, member } = await setting(false);
    const manifest = files.get('manifest.json')!.toString().replace('"pack": 1', '"pack": 9');
    const zip = await zipOf(withFiles(files, { 'manifest.json': Buffer.from(manifest) }));
    await expectRefused(member, 'signature.boardpack', zip, /the signature does not match the manifest/);
  });

  it('a changed records file (the signature still good)', async () => {
    const { files, member } = await setting(false);
    const meeting = files.get('records/meeting.json')!.toString().replace('Board meeting', 'Board meetinG');
    const zip = await zipOf(withFiles(files, { 'records/meeting.json': Buffer.from(meeting) }));
    await expectRefused(
      member,
      'records.boardpack',
      zip,
      /records\/meeting\.json has been changed since the pack was signed \(its SHA-256 differs\)/,
    );
  });

  it('an unknown key is asked about, and a new key for a trusted board is not taken without an explicit yes', async () => {
    const { files, member, manifest } = await setting(true);
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const key = publicKeyTextOf(publicKey);
    const { files: _covered, ...rest } = manifest;
    const other = await signedPack(
      { ...rest, pack: 2, publisher: { name: 'Someone else', publicKey: key, fingerprint: fingerprintOfKey(key) } },
      withFiles(files).filter((f) => !['manifest.json', 'manifest.sig', 'publisher.pem'].includes(f.path)),
      privateKey,
    );
    const path = await packOnDisk('other-key.boardpack', other.bytes);
    const seq = member.backend.status().seq;
    const asked = await member.ok('packs:import', { fileName: 'other-key.boardpack', path });
    expect(asked).toMatchObject({ outcome: 'needs_trust', fingerprint: fingerprintOfKey(key) });
    expect(asked.outcome === 'needs_trust' && asked.replacesFingerprint).toBe(manifest.publisher.fingerprint);
    expect(asked.outcome === 'needs_trust' && asked.question).toMatch(/signed by another key/);
    expect(member.backend.status().seq).toBe(seq);
  });

  it('a pack for another board', async () => {
    const { files, member, manifest } = await setting(true);
    // Signed by a key of its own for a board of its own: well formed, but not this copy's board.
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const key = publicKeyTextOf(publicKey);
    const { files: _covered, ...rest } = manifest;
    const other = await signedPack(
      {
        ...rest,
        board: { id: 'brd_00000000000000aa', name: 'Health Trust Board' },
        publisher: { name: 'Other secretariat', publicKey: key, fingerprint: fingerprintOfKey(key) },
      },
      withFiles(files).filter((f) => !['manifest.json', 'manifest.sig', 'publisher.pem'].includes(f.path)),
      privateKey,
    );
    await expectRefused(
      member,
      'other-board.boardpack',
      other.bytes,
      /is a pack of Health Trust Board \(brd_00000000000000aa\); this copy takes the packs of Police and Crime Board/,
    );
  });

  it('a replayed pack', async () => {
    const { bytes, member } = await setting(true);
    await expectRefused(member, 'again.boardpack', bytes, /^You already have pack 1 of Board meeting/);
  });

  it('a truncated file', async () => {
    const { bytes, member } = await setting(false);
    await expectRefused(
      member,
      'truncated.boardpack',
      bytes.subarray(0, Math.floor(bytes.length / 2)),
      /is not a complete pack: the file is truncated or is not a zip/,
    );
  });

  it('a zip-slip path', async () => {
    const { files, member } = await setting(false);
    const zip = await zipOf([...withFiles(files), { path: 'xx/evil.txt', data: Buffer.from('owned') }]);
    await expectRefused(
      member,
      'slip.boardpack',
      renamed(zip, 'xx/evil.txt', '../evil.txt'),
      /holds an entry that points outside the pack \(\.\.\/evil\.txt\)/,
    );
  });

  it('an absolute path', async () => {
    const { files, member } = await setting(false);
    const zip = await zipOf([...withFiles(files), { path: 'etc/passwd', data: Buffer.from('root') }]);
    await expectRefused(
      member,
      'absolute.boardpack',
      renamed(zip, 'etc/passwd', '/tc/passwd'),
      /holds an entry with an absolute path \(\/tc\/passwd\)/,
    );
  });

  it('a symlink', async () => {
    const { files, member } = await setting(false);
    const zip = await zipOf([
      ...withFiles(files),
      { path: 'blobs/link', data: Buffer.from('/etc/passwd'), mode: 0o120777 },
    ]);
    await expectRefused(
      member,
      'symlink.boardpack',
      zip,
      /holds blobs\/link, which is a symbolic link or special file/,
    );
  });

  it('a zip bomb', async () => {
    const { files, member } = await setting(false);
    const zip = await zipOf([...withFiles(files), { path: 'blobs/zeros', data: Buffer.alloc(20 * 1024 * 1024) }]);
    expect(zip.length).toBeLessThan(1024 * 1024);
    await expectRefused(member, 'bomb.boardpack', zip, /blobs\/zeros is compressed \d+ to 1 \(a zip bomb\)/);
  });

  it('a 50 MB manifest', async () => {
    const { files, member } = await setting(false);
    const huge = Buffer.concat([files.get('manifest.json')!, Buffer.alloc(50 * 1024 * 1024, 0x20)]);
    const zip = await zipOf(withFiles(files, { 'manifest.json': huge }));
    await expectRefused(
      member,
      'manifest.boardpack',
      zip,
      /manifest\.json would unpack to 5\d,\d{3},\d{3} bytes; at most 1,048,576/,
    );
  });

  it('records that fail the schema, though properly signed', async () => {
    const { sec, files, member, manifest } = await setting(false);
    const identity = await sec.copy.ok('identity:get', {});
    const meeting = JSON.parse(files.get('records/meeting.json')!.toString());
    meeting.agenda[0].number = '';
    const { files: _covered, ...rest } = manifest;
    // Signed with the secretariat's real key: a publisher that writes bad records is still refused.
    const { loadIdentity } = await import('../../electron/backend/packs/identity.ts');
    const key = await loadIdentity(sec.copy.dataDir);
    expect(key.fingerprint).toBe(identity.fingerprint);
    const bad = await signedPack(
      rest,
      withFiles(files, { 'records/meeting.json': Buffer.from(JSON.stringify(meeting)) }).filter(
        (f) => !['manifest.json', 'manifest.sig', 'publisher.pem'].includes(f.path),
      ),
      key.privateKey,
    );
    await expectRefused(
      member,
      'schema.boardpack',
      bad.bytes,
      /records\/meeting\.json does not hold valid records \(agenda\.0\.number: is required\)/,
    );
  });
});
