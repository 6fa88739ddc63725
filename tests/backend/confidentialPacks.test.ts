// Confidential packs (real temp folders, real files, the real `age` command): members' public identities
// imported onto their records; one pack per recipient, encrypted to them with age, with the items they have an
// interest in withheld (a declaration on the item, or a registered interest naming the supplier of the contract
// linked to it); one journal entry listing every recipient's pack hash; and the member's side: decrypted with
// their own identity, imported, and every bad input refused with nothing written.
import { execFileSync } from 'node:child_process';
import { cp, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AGE_IDENTITY_FILE, loadAgeIdentity } from '../../electron/backend/packs/identity.ts';
import type { KeyProtection } from '../../electron/backend/platform.ts';
import { describe, expect, it } from 'vitest';
import type { ConfidentialPackFile } from '../../shared/contract/packViews.ts';
import { ageDecrypted, ageDecryptedFiles, filesMentioning } from '../helpers/ageFiles.ts';
import { testBackend, type TestBackend } from '../helpers/backend.ts';
import {
  ITEM4_ATTACHMENT_MARKER,
  ITEM4_MARKER,
  ITEM6_MARKER,
  confidentialBoard,
  type ConfidentialBoard,
} from '../helpers/confidentialPacks.ts';
import { packOnDisk } from '../helpers/packs.ts';
import { makePdf } from '../helpers/paperFileMakers.ts';
import { tempDir } from '../helpers/tempDir.ts';

/** Decrypts a pack with Debian's `age` and the copy's identity, unzips it, and returns every file's text. */
function decryptedWithAge(file: ConfidentialPackFile, copy: TestBackend): Promise<Map<string, string>> {
  return ageDecryptedFiles(file.fileName, Buffer.from(file.dataBase64, 'base64'), copy.dataDir);
}

async function publishToBoth(board: ConfidentialBoard) {
  const { sec, alice, bob } = board;
  const published = await sec.copy.ok('packs:publishConfidential', {
    meetingId: sec.meetingId,
    memberIds: [alice.id, bob.id],
  });
  const forAlice = published.files.find((f) => f.memberId === alice.id)!;
  const forBob = published.files.find((f) => f.memberId === bob.id)!;
  return { published, forAlice, forBob };
}

/** Imports the file and expects a refusal with `message`: nothing written, the file left as it was. */
async function expectRefused(copy: TestBackend, name: string, bytes: Buffer, message: RegExp): Promise<void> {
  const path = await packOnDisk(name, bytes);
  const seq = copy.backend.status().seq;
  const error = await copy.refused('packs:import', { fileName: name, path, trust: true });
  expect(error.code).toBe('invalid_input');
  expect(error.message).toMatch(message);
  expect(error.message).toMatch(/Nothing was imported; the file is left where it was\.$/);
  expect(copy.backend.status().seq).toBe(seq);
  expect((await readFile(path)).equals(bytes)).toBe(true);
  // From the page's bytes too.
  const again = await copy.refused('packs:import', {
    fileName: name,
    dataBase64: bytes.toString('base64'),
    trust: true,
  });
  expect(again.message).toMatch(message);
  expect(copy.backend.status().seq).toBe(seq);
}

/** A key store that wraps by flipping every bit (what matters here: the file never holds the secret as it is). */
const keyStore = (available: boolean): KeyProtection => ({
  isAvailable: () => available,
  encrypt: (data) => Buffer.from(data.map((b) => b ^ 0xff)),
  decrypt: (data) => Buffer.from(data.map((b) => b ^ 0xff)),
});

describe('confidential packs', () => {
  it('keeps the age identity wrapped by the system key store where there is one, like the signing key', async () => {
    const copy = await testBackend(undefined, { keyProtection: keyStore(true) });
    const identity = await copy.ok('identity:get', {});
    expect(identity.protectedBySystem).toBe(true);
    const stored = await readFile(join(copy.dataDir, AGE_IDENTITY_FILE), 'utf8');
    expect(JSON.parse(stored).secretKey.protection).toBe('system');
    expect(stored).not.toContain('AGE-SECRET-KEY-1');
    expect(Buffer.from(JSON.parse(stored).secretKey.base64, 'base64').toString('latin1')).not.toContain('AGE-SECRET');
    // Another run of the app on the same files (a copy of the folder, so nothing is cached): the same recipient;
    // without the key store, refused with what to do.
    const moved = await tempDir();
    await cp(join(copy.dataDir, 'identity'), join(moved, 'identity'), { recursive: true });
    expect((await loadAgeIdentity(moved, keyStore(true))).recipient).toBe(identity.ageRecipient);
    const elsewhere = await tempDir();
    await cp(join(copy.dataDir, 'identity'), join(elsewhere, 'identity'), { recursive: true });
    await expect(loadAgeIdentity(elsewhere, keyStore(false))).rejects.toThrow(
      /age key is locked by the system's key store/,
    );
  });

  it('puts a member’s exported public identity on their record, with the fingerprint to compare; refuses a changed, own or repeated file', async () => {
    const board = await confidentialBoard();
    const { sec, alice, bob } = board;
    const aliceIdentity = await alice.copy.ok('identity:get', {});
    expect(aliceIdentity.ageRecipient).toMatch(/^age1[0-9a-z]{58}$/);
    const exported = JSON.parse(
      Buffer.from((await alice.copy.ok('identity:export', {})).dataBase64, 'base64').toString('utf8'),
    );
    expect(exported).toMatchObject({
      format: 'boardkeeper-public-identity',
      name: 'Alice Ahmed',
      fingerprint: aliceIdentity.fingerprint,
      ageRecipient: aliceIdentity.ageRecipient,
    });
    const member = (await sec.copy.ok('members:get', { id: alice.id })).member;
    expect(member.recipientKey).toMatchObject({
      name: 'Alice Ahmed',
      fingerprint: aliceIdentity.fingerprint,
      ageRecipient: aliceIdentity.ageRecipient,
    });
    const audit = await sec.copy.ok('audit:list', { page: 0, pageSize: 3 });
    expect(audit.entries.map((e) => e.summary)).toContain(
      `Imported the public identity of Bob Brown (fingerprint ${(await bob.copy.ok('identity:get', {})).fingerprint})`,
    );

    const seq = sec.copy.backend.status().seq;
    const send = (content: unknown, id = bob.id) =>
      sec.copy.refused('members:importIdentity', {
        id,
        fileName: 'identity.json',
        dataBase64: Buffer.from(typeof content === 'string' ? content : JSON.stringify(content)).toString('base64'),
      });
    // Someone swapped the age recipient for their own: the key did not sign it.
    const swapped = { ...exported, ageRecipient: (await bob.copy.ok('identity:get', {})).ageRecipient };
    expect((await send(swapped)).message).toMatch(/has an age recipient its key did not sign: the file was changed/);
    expect((await send({ ...exported, fingerprint: 'AAAA' })).message).toMatch(/fingerprint that is not its key’s/);
    const old = { ...exported };
    delete old.ageRecipient;
    delete old.ageRecipientSignature;
    expect((await send(old)).message).toMatch(/has no age recipient \(it was exported by an older version\)/);
    expect((await send('not json')).message).toMatch(/is not a public identity file: it is not JSON/);
    expect((await send(exported)).message).toMatch(/is already on Alice Ahmed’s record/);
    const own = JSON.parse(Buffer.from((await sec.copy.ok('identity:export', {})).dataBase64, 'base64').toString());
    const ownError = await send(own);
    expect(ownError.message).toMatch(/is this copy’s own public identity/);
    expect(ownError.details?.issues?.[0]?.field).toBe('file');
    expect(sec.copy.backend.status().seq).toBe(seq);
    expect((await sec.copy.ok('members:get', { id: bob.id })).member.recipientKey?.fingerprint).toBe(
      (await bob.copy.ok('identity:get', {})).fingerprint,
    );
  });

  it('shows who gets what, publishes one encrypted pack per member with their withheld items left out, journaled once; age opens each', async () => {
    const board = await confidentialBoard();
    const { sec, alice, bob } = board;
    const plan = await sec.copy.ok('packs:confidentialPlan', { meetingId: sec.meetingId });
    expect(plan.number).toBe(1);
    expect(plan.members.map((m) => [m.name, m.fingerprint !== null, m.withheld.map((w) => w.line)])).toEqual([
      ['Alice Ahmed', true, ['Item 4 is withheld from you: declared interest']],
      [
        'Bob Brown',
        true,
        ['Item 6 is withheld from you: your registered interest names its supplier Acme Digital Limited'],
      ],
      ['Chair of the board', false, []],
    ]);
    // The chair has no public identity on record: refused, nothing written.
    const chair = plan.members.find((m) => m.name === 'Chair of the board')!;
    const seq = sec.copy.backend.status().seq;
    expect(
      (await sec.copy.refused('packs:publishConfidential', { meetingId: sec.meetingId, memberIds: [chair.memberId] }))
        .message,
    ).toMatch(/Chair of the board cannot be sent a confidential pack: import their public identity/);
    expect(sec.copy.backend.status().seq).toBe(seq);

    const { published, forAlice, forBob } = await publishToBoth(board);
    expect(published.number).toBe(1);
    expect(forAlice.fileName).toBe(
      'Police and Crime Board 2026-06-24 confidential pack 1 for Alice Ahmed.boardpack.age',
    );
    expect(forAlice.withheld).toEqual(['4']);
    expect(forBob.withheld).toEqual(['6']);
    // One journal entry, listing each recipient's pack hash.
    expect(sec.copy.backend.status().seq).toBe(seq + 1);
    const audit = await sec.copy.ok('audit:list', { page: 0, pageSize: 1 });
    const summary = audit.entries[0]!.summary;
    expect(summary).toMatch(/^Published confidential pack 1 of Board meeting to 2 members/);
    expect(summary).toContain(`Alice Ahmed ${forAlice.hash.slice(0, 12)}… (item 4 withheld)`);
    expect(summary).toContain(`Bob Brown ${forBob.hash.slice(0, 12)}… (item 6 withheld)`);
    const listed = await sec.copy.ok('packs:list', { meetingId: sec.meetingId });
    expect(listed[0]).toMatchObject({
      confidential: true,
      number: 1,
      recipients: [
        { name: 'Alice Ahmed', withheld: ['4'] },
        { name: 'Bob Brown', withheld: ['6'] },
      ],
    });

    // Alice's pack, opened with the `age` command and her identity: nothing of item 4 anywhere in it.
    const aliceFiles = await decryptedWithAge(forAlice, alice.copy);
    expect(filesMentioning(aliceFiles, ITEM4_MARKER)).toEqual([]);
    expect(filesMentioning(aliceFiles, ITEM4_ATTACHMENT_MARKER)).toEqual([]);
    expect(filesMentioning(aliceFiles, 'Settlement offer')).toEqual([]);
    expect(filesMentioning(aliceFiles, ITEM6_MARKER).length).toBeGreaterThan(0);
    expect(filesMentioning(aliceFiles, 'Privileged.').length).toBeGreaterThan(0);
    const manifest = JSON.parse(aliceFiles.get('manifest.json')!);
    expect(manifest).toMatchObject({
      classification: 'confidential',
      recipient: { name: 'Alice Ahmed', memberId: alice.id },
      withheld: [{ itemId: board.item4, number: '4', line: 'Item 4 is withheld from you: declared interest' }],
    });
    const meeting = JSON.parse(aliceFiles.get('records/meeting.json')!);
    expect(meeting.agenda.find((i: { number: string }) => i.number === '4').paperIds).toEqual([]);
    const decisions = JSON.parse(aliceFiles.get('records/decisions.json')!);
    expect(decisions.map((d: { title: string }) => d.title).sort()).toEqual([
      'Award the digital contract',
      'Extend the pilot',
    ]);
    // Bob's: item 6 left out, item 4 in.
    const bobFiles = await decryptedWithAge(forBob, bob.copy);
    expect(filesMentioning(bobFiles, ITEM6_MARKER)).toEqual([]);
    expect(filesMentioning(bobFiles, ITEM4_MARKER).length).toBeGreaterThan(0);
    expect(filesMentioning(bobFiles, ITEM4_ATTACHMENT_MARKER).length).toBeGreaterThan(0);
    // Bob's identity does not open Alice's pack.
    await expect(decryptedWithAge(forAlice, bob.copy)).rejects.toThrow(/no identity matched/);

    // The next publication is pack 2, each recipient's chained to their pack 1.
    const second = await publishToBoth(board);
    expect(second.published.number).toBe(2);
    const next = JSON.parse((await decryptedWithAge(second.forAlice, alice.copy)).get('manifest.json')!);
    expect(next.previousPackHash).toBe(forAlice.hash);
    // A public pack is counted apart: still pack 1.
    expect((await sec.copy.ok('packs:publish', { meetingId: sec.meetingId })).number).toBe(1);
  });

  // The PDF is read in a worker thread: slow on a loaded machine, so the test gets time.
  it(
    'leaves a withheld item’s PDF out of the pack, its source file with it; the member it is not withheld from gets the PDF',
    { timeout: 180_000 },
    async () => {
      const board = await confidentialBoard();
      const { sec, alice, bob } = board;
      const marker = 'damson counter-offer terms';
      const pdf = await makePdf([[`The ${marker} are attached.`]]);
      const added = await sec.copy.ok('papers:addFromFile', {
        fileName: 'Counter-offer.pdf',
        dataBase64: pdf.toString('base64'),
        date: '2026-06-12',
        meetingId: sec.meetingId,
        itemId: board.item4,
      });
      const source = (await sec.copy.ok('papers:get', { id: added.id })).source!;
      const { forAlice, forBob } = await publishToBoth(board);

      // Item 4 is withheld from Alice: neither the paper's record, its text nor its PDF is in her pack.
      const aliceFiles = await decryptedWithAge(forAlice, alice.copy);
      expect([...aliceFiles.keys()]).not.toContain(`blobs/${source.blob}`);
      expect([...aliceFiles.keys()]).not.toContain(`records/papers/${added.id}.json`);
      expect(filesMentioning(aliceFiles, source.blob)).toEqual([]);
      expect(filesMentioning(aliceFiles, marker)).toEqual([]);
      // Bob's has it, and his copy keeps the PDF byte for byte.
      const bobFiles = await decryptedWithAge(forBob, bob.copy);
      expect([...bobFiles.keys()]).toContain(`blobs/${source.blob}`);
      const path = await packOnDisk(forBob.fileName, Buffer.from(forBob.dataBase64, 'base64'));
      expect((await bob.copy.ok('packs:import', { fileName: forBob.fileName, path, trust: true })).outcome).toBe(
        'imported',
      );
      expect((await bob.copy.ok('papers:get', { id: added.id })).source).toEqual(source);
      const original = await bob.copy.ok('papers:attachment', { id: added.id, blob: source.blob });
      expect(Buffer.from(original.dataBase64, 'base64').equals(pdf)).toBe(true);
    },
  );

  it('a member imports their own pack; a pack for another member, a damaged header, a wrong identity and a non-pack are refused, nothing written', async () => {
    const board = await confidentialBoard();
    const { alice, bob } = board;
    const { forAlice, forBob } = await publishToBoth(board);
    const aliceBytes = Buffer.from(forAlice.dataBase64, 'base64');
    const bobBytes = Buffer.from(forBob.dataBase64, 'base64');

    // Bob's pack offered to Alice's copy.
    await expectRefused(alice.copy, forBob.fileName, bobBytes, /this pack is for another member/);
    // A damaged header (the stanza's line cut short, the MAC line broken).
    const header = aliceBytes.indexOf(Buffer.from('\n--- '));
    const damaged = Buffer.concat([
      aliceBytes.subarray(0, header),
      Buffer.from('\n-- broken'),
      aliceBytes.subarray(header + 10),
    ]);
    await expectRefused(alice.copy, forAlice.fileName, damaged, /age header is damaged/);
    // Encrypted with the `age` command to someone else's key (no recipient named): wrong identity.
    const dir = await tempDir();
    const other = execFileSync('age-keygen', [], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    const otherRecipient = /public key: (age1\w+)/.exec(other)![1]!;
    await writeFile(join(dir, 'pack.zip'), await ageDecrypted('pack.age', aliceBytes, alice.copy.dataDir));
    execFileSync('age', ['-r', otherRecipient, '-o', join(dir, 'other.age'), join(dir, 'pack.zip')]);
    await expectRefused(
      alice.copy,
      'other.age',
      await readFile(join(dir, 'other.age')),
      /is not encrypted to this copy's identity .*\(wrong identity\)/,
    );
    // Encrypted to Alice, but not a pack: a text file, and a zip with no manifest.
    const aliceRecipient = (await alice.copy.ok('identity:get', {})).ageRecipient;
    await writeFile(join(dir, 'notes.txt'), 'Just some notes.');
    execFileSync('age', ['-r', aliceRecipient, '-o', join(dir, 'notes.age'), join(dir, 'notes.txt')]);
    await expectRefused(
      alice.copy,
      'notes.age',
      await readFile(join(dir, 'notes.age')),
      /decrypts to something that is not a board pack/,
    );
    // Bob's pack, decrypted by Bob and passed on as a plain zip: its manifest names Bob.
    await expectRefused(
      alice.copy,
      'bob.boardpack',
      await ageDecrypted('pack.age', bobBytes, bob.copy.dataDir),
      /this pack is for another member \(Bob Brown\)/,
    );

    // Alice's own pack: trust asked, then imported; item 4 kept by number and title, none of its records.
    const path = await packOnDisk(forAlice.fileName, aliceBytes);
    const asked = await alice.copy.ok('packs:import', { fileName: forAlice.fileName, path });
    expect(asked.outcome).toBe('needs_trust');
    const imported = await alice.copy.ok('packs:import', { fileName: forAlice.fileName, path, trust: true });
    expect(imported).toMatchObject({
      outcome: 'imported',
      summary:
        'pack 1 of Police and Crime Board, 24 June 2026: 4 papers added; 4 of 4 papers unread. Item 4 is withheld from you: declared interest',
    });
    const meetingView = await alice.copy.ok('meetings:get', { id: board.sec.meetingId });
    const item4 = meetingView.meeting.agenda.find((i) => i.number === '4')!;
    expect(item4.paperIds).toEqual([]);
    expect((await alice.copy.ok('search:query', { q: 'heliotrope' })).total).toBe(0);
    const decisions = await alice.copy.ok('decisions:list', {});
    expect(decisions.rows.map((d) => d.title).sort()).toEqual(['Award the digital contract', 'Extend the pilot']);
    const packs = await alice.copy.ok('packs:list', { meetingId: board.sec.meetingId });
    expect(packs[0]).toMatchObject({
      direction: 'imported',
      confidential: true,
      withheldLines: ['Item 4 is withheld from you: declared interest'],
    });
    // The same pack again: refused (per board, publisher, meeting and recipient).
    await expectRefused(alice.copy, forAlice.fileName, aliceBytes, /You already have pack 1 of Board meeting/);
  });

  it('public and confidential packs of a meeting are counted apart, and a public pack leaves the confidential items be', async () => {
    const board = await confidentialBoard();
    const { sec, alice } = board;
    const publicPack = await sec.copy.ok('packs:publish', { meetingId: sec.meetingId });
    const { forAlice } = await publishToBoth(board);
    const importFile = async (fileName: string, dataBase64: string) =>
      alice.copy.ok('packs:import', { fileName, dataBase64, trust: true });
    expect((await importFile(publicPack.fileName, publicPack.dataBase64)).outcome).toBe('imported');
    // Confidential pack 1 after public pack 1: not "already have pack 1".
    expect((await importFile(forAlice.fileName, forAlice.dataBase64)).outcome).toBe('imported');
    const agenda = async () =>
      (await alice.copy.ok('meetings:get', { id: sec.meetingId })).meeting.agenda.map((i) => [
        i.number,
        i.withdrawn === true,
      ]);
    expect(await agenda()).toEqual([
      ['1', false],
      ['2', false],
      ['3', false],
      ['5', false],
      ['4', false],
      ['6', false],
    ]);
    // Public pack 2 (it carries no confidential item): items 3, 4 and 6 are kept, not marked withdrawn.
    const publicPack2 = await sec.copy.ok('packs:publish', { meetingId: sec.meetingId });
    expect((await importFile(publicPack2.fileName, publicPack2.dataBase64)).outcome).toBe('imported');
    expect((await agenda()).filter(([, withdrawn]) => withdrawn)).toEqual([]);
    expect((await alice.copy.ok('papers:list', {})).total).toBe(4);
  });
});
