// Publishing a meeting's pack in the secretariat's copy and importing it into a member's copy
// (real temp folders, real pack files): trust, merge, notes that survive a revision, read marks,
// read-only imported records, no burst of reminders; and the OpenSSL check of the signature.
import { execFileSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openBackend } from '../../electron/backend/backend.ts';
import type { FileToSave } from '../../electron/backend/platform.ts';
import { loadIdentity } from '../../electron/backend/packs/identity.ts';
import { signedPack } from '../../electron/backend/packs/packSignature.ts';
import { readPackZip, zipOf } from '../../electron/backend/packs/packZip.ts';
import type { Manifest, PackPaper } from '../../shared/packs/packFormat.ts';
import { RESCHEDULE_QUIET_MS } from '../../electron/backend/reminders/scheduler.ts';
import { testBackend } from '../helpers/backend.ts';
import { makePdf } from '../helpers/paperFileMakers.ts';
import { PAPER_A_V1, TWICE, packOnDisk, reminderNotices, secretariatCopy } from '../helpers/packs.ts';
import { tempDir } from '../helpers/tempDir.ts';

const MEMBER_NOW = new Date('2026-06-20T10:00:00.000Z');

describe('board packs', () => {
  it('publishes a signed pack of the public items, journaled, that OpenSSL verifies (and refuses once tampered)', async () => {
    const sec = await secretariatCopy();
    const identity = await sec.copy.ok('identity:get', {});
    expect(identity.fingerprint).toMatch(/^([0-9A-F]{4} ){7}[0-9A-F]{4}$/);
    expect(identity.protectedBySystem).toBe(false);
    const pack = await sec.copy.ok('packs:publish', { meetingId: sec.meetingId });
    expect(pack).toMatchObject({ fileName: 'Police and Crime Board 2026-06-24 pack 1.boardpack', number: 1 });
    expect(pack.sinceText).toBe('first pack of this meeting');

    const files = await readPackZip({ name: pack.fileName, bytes: Buffer.from(pack.dataBase64, 'base64') });
    const manifest = JSON.parse(files.get('manifest.json')!.toString());
    expect(manifest).toMatchObject({
      format: 'boardkeeper-pack',
      formatVersion: 1,
      board: { name: 'Police and Crime Board' },
      pack: 1,
      previousPackHash: null,
      publisher: { fingerprint: identity.fingerprint },
    });
    // Every file but the manifest and its signature is covered, the records included; the confidential paper is not there.
    const covered = manifest.files.map((f: { path: string }) => f.path).sort();
    expect(covered).toEqual([...files.keys()].filter((p) => p !== 'manifest.json' && p !== 'manifest.sig').sort());
    expect(covered).toContain('records/meeting.json');
    expect(covered).toContain(`records/papers/${sec.paperA}.json`);
    expect(covered).not.toContain(`records/papers/${sec.paperC}.json`);
    const meeting = JSON.parse(files.get('records/meeting.json')!.toString());
    expect(meeting.agenda.map((i: { number: string }) => i.number)).toEqual(['1', '2', '5']);
    const members = JSON.parse(files.get('records/members.json')!.toString());
    expect(members).toEqual([expect.objectContaining({ name: 'Chair of the board', role: 'chair', email: '' })]);
    expect(files.get('manifest.sig')!.length).toBe(64);

    // The publication is journaled and listed on the meeting.
    const listed = await sec.copy.ok('packs:list', { meetingId: sec.meetingId });
    expect(listed).toEqual([expect.objectContaining({ direction: 'published', number: 1, hash: pack.hash })]);
    const audit = await sec.copy.ok('audit:list', { page: 0, pageSize: 5 });
    expect(audit.entries[0]!.summary).toEqual(expect.stringMatching(/^Published pack 1 of Board meeting \(first pack/));

    // Exactly the command docs/board-packs.md gives.
    const dir = await tempDir();
    for (const name of ['manifest.json', 'manifest.sig', 'publisher.pem'])
      await writeFile(join(dir, name), files.get(name)!);
    const verify = () =>
      execFileSync(
        'openssl',
        [
          'pkeyutl',
          '-verify',
          '-pubin',
          '-inkey',
          'publisher.pem',
          '-rawin',
          '-in',
          'manifest.json',
          '-sigfile',
          'manifest.sig',
        ],
        { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
      );
    expect(verify()).toMatch(/Signature Verified Successfully/);
    const text = (await readFile(join(dir, 'manifest.json'), 'utf8')).replace('"pack": 1', '"pack": 2');
    await writeFile(join(dir, 'manifest.json'), text);
    expect(verify).toThrow();
    // The hashes in the manifest are what sha256sum says of the files.
    expect(manifest.files.find((f: { path: string }) => f.path === 'records/meeting.json').sha256).toBe(
      execFileSync('openssl', ['dgst', '-sha256', '-r'], { input: files.get('records/meeting.json')! })
        .toString()
        .slice(0, 64),
    );
  });

  it('a member imports pack 1 and pack 2: trust asked once, notes follow their passage or say it changed, revised papers unread', async () => {
    const sec = await secretariatCopy();
    const pack1 = await sec.copy.ok('packs:publish', { meetingId: sec.meetingId });
    const member = await testBackend(MEMBER_NOW);
    const notices = reminderNotices(member);
    const path1 = await packOnDisk(pack1.fileName, pack1.dataBase64);

    // First pack from a key: asked, nothing written.
    const asked = await member.ok('packs:import', { fileName: pack1.fileName, path: path1 });
    expect(asked).toMatchObject({
      outcome: 'needs_trust',
      boardName: 'Police and Crime Board',
      replacesFingerprint: null,
    });
    const secIdentity = await sec.copy.ok('identity:get', {});
    expect(asked.outcome === 'needs_trust' && asked.question).toContain(secIdentity.fingerprint);
    expect(member.backend.status().seq).toBe(0);

    const imported = await member.ok('packs:import', { fileName: pack1.fileName, path: path1, trust: true });
    expect(imported).toMatchObject({ outcome: 'imported', pack: 1 });
    expect(imported.outcome === 'imported' && imported.summary).toBe(
      'pack 1 of Police and Crime Board, 24 June 2026: 2 papers added; 2 of 2 papers unread',
    );
    // The file is left where it was.
    expect((await readFile(path1)).toString('base64')).toBe(pack1.dataBase64);
    expect((await member.ok('settings:get', {})).boardName).toBe('Police and Crime Board');

    const paperA = await member.ok('papers:get', { id: sec.paperA });
    expect(paperA.body).toBe(PAPER_A_V1);
    expect(paperA.publishedBy).toMatchObject({
      boardName: 'Police and Crime Board',
      publisherName: 'Board Secretariat',
      packNumber: 1,
    });
    await expect(member.refused('papers:get', { id: sec.paperC })).resolves.toMatchObject({ code: 'not_found' });
    // Imported records are read-only here.
    const refusal = await member.refused('papers:update', { id: sec.paperA, title: 'Mine now' });
    expect(refusal).toMatchObject({ code: 'forbidden' });
    expect(refusal.message).toContain('read-only in this copy');

    // The member's own: a note on the second appearance of a phrase, a note on paper B, a whole-paper note, read marks.
    await member.ok('notes:addPassage', {
      paperId: sec.paperA,
      passage: TWICE,
      occurrence: 2,
      text: 'Who checks the supplier?',
    });
    await member.ok('notes:addPassage', {
      paperId: sec.paperB,
      passage: 'Bids close in November 2026.',
      text: 'Too soon?',
    });
    await member.ok('papers:saveNote', { id: sec.paperA, note: 'Whole paper: ask about cost.' });
    await member.ok('papers:markRead', { id: sec.paperA, read: true });
    await member.ok('papers:markRead', { id: sec.paperB, read: true });
    const refusedNote = await member.refused('notes:addPassage', {
      paperId: sec.paperA,
      passage: TWICE,
      occurrence: 3,
      text: 'x',
    });
    expect(refusedNote.message).toBe('passage: appears 2 times, so there is no appearance 3');

    // The secretariat revises A (a new section before the noted passage, which is kept) and B (the noted passage removed),
    // and withdraws item 5.
    const movedA = PAPER_A_V1.replace('## Data', `## Background\n\n${'A long new section. '.repeat(300)}\n\n## Data`);
    await sec.copy.ok('papers:update', { id: sec.paperA, body: movedA });
    await sec.copy.ok('papers:update', { id: sec.paperB, body: 'The re-tender opens in September 2026.' });
    const meeting = await sec.copy.ok('meetings:get', { id: sec.meetingId });
    await sec.copy.ok('meetings:update', {
      id: sec.meetingId,
      agenda: meeting.meeting.agenda.filter((i) => i.number !== '5'),
    });
    const pack2 = await sec.copy.ok('packs:publish', { meetingId: sec.meetingId });
    expect(pack2).toMatchObject({ number: 2, sinceText: 'since pack 1: 2 papers revised, item 5 withdrawn' });
    expect((await sec.copy.ok('packs:list', { meetingId: sec.meetingId })).map((p) => p.changesText)).toEqual([
      '2 papers revised, item 5 withdrawn',
      'first pack of this meeting',
    ]);
    const files2 = await readPackZip({ name: 'p2', bytes: Buffer.from(pack2.dataBase64, 'base64') });
    expect(JSON.parse(files2.get('manifest.json')!.toString()).previousPackHash).toBe(pack1.hash);

    const path2 = await packOnDisk(pack2.fileName, pack2.dataBase64);
    const second = await member.ok('packs:import', { fileName: pack2.fileName, path: path2 });
    expect(second.outcome === 'imported' && second.summary).toBe(
      'pack 2 of Police and Crime Board, 24 June 2026: 2 papers revised, 1 item withdrawn; 2 of 2 papers unread',
    );

    const notesA = await member.ok('notes:list', { paperId: sec.paperA });
    expect(notesA.map((n) => n.kind)).toEqual(['paper', 'passage']);
    const followed = notesA[1]!;
    expect(followed.kind === 'passage' && followed.place).toMatchObject({
      before: expect.stringContaining('the supplier '),
    });
    expect(followed.kind === 'passage' && followed.place!.start).toBeGreaterThan(5000);
    const notesB = await member.ok('notes:list', { paperId: sec.paperB });
    expect(notesB).toEqual([
      expect.objectContaining({
        kind: 'passage',
        exact: 'Bids close in November 2026.',
        place: null,
        text: 'Too soon?',
      }),
    ]);
    // Old versions kept in history; revised papers unread, "changed since you read it".
    const paperA2 = await member.ok('papers:get', { id: sec.paperA });
    expect(paperA2.versions.map((v) => v.version)).toEqual([2, 1]);
    expect(paperA2.mark).toMatchObject({
      changedSinceRead: true,
      readVersion: 1,
      note: 'Whole paper: ask about cost.',
    });
    const version1 = await member.ok('papers:version', { id: sec.paperA, version: 1 });
    expect(version1.body).toBe(PAPER_A_V1);
    const unread = await member.ok('papers:list', { read: 'unread' });
    expect(unread.total).toBe(2);
    const memberMeeting = await member.ok('meetings:get', { id: sec.meetingId });
    expect(memberMeeting.meeting.agenda.find((i) => i.number === '5')).toMatchObject({ withdrawn: true });

    // An older or replayed pack is refused, nothing written.
    const seq = member.backend.status().seq;
    expect((await member.refused('packs:import', { fileName: pack2.fileName, path: path2 })).message).toMatch(
      /^You already have pack 2 of Board meeting \(imported 20 June 2026\): .* is the same pack again\./,
    );
    expect((await member.refused('packs:import', { fileName: pack1.fileName, path: path1 })).message).toMatch(
      /^You already have pack 2 of Board meeting: .* is the older pack 1\./,
    );
    expect(member.backend.status().seq).toBe(seq);

    // The condition's 7-day reminder (18 June) fell before this copy learned of it (20 June): no notification
    // fired, neither after the import nor when the copy opens again (when what came due while closed is delivered).
    const conditions = await member.ok('conditions:list', {});
    expect(conditions.rows.map((c) => c.id)).toEqual([sec.conditionId]);
    // Learned of here at the import, said on the record itself; when the board recorded it is the secretariat's.
    const learned = (await member.ok('conditions:get', { id: sec.conditionId })).condition;
    const published = (await sec.copy.ok('conditions:get', { id: sec.conditionId })).condition;
    expect(learned.learnedAt).toBe(MEMBER_NOW.toISOString());
    expect(published.learnedAt).not.toBe(learned.learnedAt);
    expect(learned.createdAt).toBe(published.createdAt);
    await new Promise((resolve) => setTimeout(resolve, RESCHEDULE_QUIET_MS + 500));
    await member.backend.close();
    const reopened = await openBackend({
      dataDir: member.dataDir,
      platform: { openPath: async () => false, quit: () => undefined },
      clock: () => MEMBER_NOW,
      notifier: (notice) => notices.push(notice),
    });
    try {
      expect(reopened.status()).toMatchObject({ status: 'ready' });
      expect(notices).toEqual([]);
    } finally {
      await reopened.close();
    }
  });

  // The PDF is read in a worker thread: slow on a loaded machine, so the test gets time.
  it(
    'carries a PDF paper’s file: the member gets the same bytes as its source; a changed or misdescribed file is refused',
    { timeout: 180_000 },
    async () => {
      const sec = await secretariatCopy();
      const item1 = (await sec.copy.ok('meetings:get', { id: sec.meetingId })).meeting.agenda.find(
        (i) => i.number === '1',
      )!;
      const pdf = await makePdf([['Pilot costs by quarter.'], ['The pilot extension costs £1,250,000.']]);
      const added = await sec.copy.ok('papers:addFromFile', {
        fileName: 'Pilot costs.pdf',
        dataBase64: pdf.toString('base64'),
        date: '2026-06-12',
        meetingId: sec.meetingId,
        itemId: item1.id,
      });
      const source = (await sec.copy.ok('papers:get', { id: added.id })).source!;
      expect(source).toMatchObject({ kind: 'pdf', type: 'application/pdf', bytes: pdf.length, pages: 2 });

      const pack = await sec.copy.ok('packs:publish', { meetingId: sec.meetingId });
      const bytes = Buffer.from(pack.dataBase64, 'base64');
      const files = await readPackZip({ name: pack.fileName, bytes });
      const blobPath = `blobs/${source.blob}`;
      expect(files.get(blobPath)!.equals(pdf)).toBe(true);
      const manifest = JSON.parse(files.get('manifest.json')!.toString()) as Manifest;
      expect(manifest.files).toContainEqual({ path: blobPath, sha256: source.blob, bytes: pdf.length });
      const paperPath = `records/papers/${added.id}.json`;
      const record = JSON.parse(files.get(paperPath)!.toString()) as PackPaper;
      expect(record.paper.versions[0]!.source).toEqual(source);

      // A member's copy in another data folder: the imported version has the source, and its bytes are the PDF's.
      const member = await testBackend(MEMBER_NOW);
      const imported = await member.ok('packs:import', {
        fileName: pack.fileName,
        path: await packOnDisk(pack.fileName, bytes),
        trust: true,
      });
      expect(imported.outcome).toBe('imported');
      expect(member.dataDir).not.toBe(sec.copy.dataDir);
      const theirs = await member.ok('papers:get', { id: added.id });
      expect(theirs.source).toEqual(source);
      expect(theirs.body.split('\f')[1]).toContain('£1,250,000');
      const original = await member.ok('papers:attachment', { id: added.id, blob: source.blob });
      expect(Buffer.from(original.dataBase64, 'base64').equals(pdf)).toBe(true);

      // Refusals, into a fresh copy each time: nothing written.
      const expectRefused = async (name: string, zip: Buffer, message: RegExp) => {
        const copy = await testBackend(MEMBER_NOW);
        const seq = copy.backend.status().seq;
        const error = await copy.refused('packs:import', {
          fileName: name,
          path: await packOnDisk(name, zip),
          trust: true,
        });
        expect(error.message).toMatch(message);
        expect(copy.backend.status().seq).toBe(seq);
        expect((await copy.ok('papers:list', { archived: 'all' })).total).toBe(0);
      };
      // The PDF changed in the zip after signing: its hash no longer matches the manifest's.
      const tampered = Buffer.from(pdf);
      tampered[tampered.length - 20] = tampered[tampered.length - 20]! ^ 0xff;
      const unsigned = (replaced: Record<string, Buffer>) =>
        zipOf([...files].map(([path, data]) => ({ path, data: replaced[path] ?? data })));
      await expectRefused(
        'tampered.boardpack',
        await unsigned({ [blobPath]: tampered }),
        new RegExp(`${blobPath} has been changed since the pack was signed`),
      );
      // Signed by the secretariat's own key, but the record misdescribes the file: its kind, its size, its type.
      const key = await loadIdentity(sec.copy.dataDir);
      const { files: _listed, ...rest } = manifest;
      const resigned = async (changed: Partial<typeof source>, extra: Record<string, Buffer> = {}) => {
        const paper = structuredClone(record);
        paper.paper.versions[0]!.source = { ...source, ...changed };
        const replaced: Record<string, Buffer> = { [paperPath]: Buffer.from(JSON.stringify(paper)), ...extra };
        const inputs = [...files, ...Object.entries(extra).filter(([path]) => !files.has(path))]
          .filter(([path]) => !['manifest.json', 'manifest.sig', 'publisher.pem'].includes(path))
          .map(([path, data]) => ({ path, data: replaced[path] ?? data }));
        return (await signedPack(rest, inputs, key.privateKey)).bytes;
      };
      await expectRefused(
        'kind.boardpack',
        await resigned({
          kind: 'docx',
          type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        }),
        /paper PAP-2026-001's source file Pilot costs\.pdf \(blobs\/[0-9a-f]{64}\) is recorded as a Word file \(source\.kind\), but its contents are a PDF\./,
      );
      await expectRefused(
        'bytes.boardpack',
        await resigned({ bytes: pdf.length + 1 }),
        new RegExp(
          `source file Pilot costs\\.pdf \\(${blobPath.replace('/', '\\/')}\\) is [\\d,]+ bytes, but its record says [\\d,]+ \\(source\\.bytes\\)`,
        ),
      );
      await expectRefused(
        'type.boardpack',
        await resigned({ type: 'text/html' }),
        /with type text\/html, which is not that kind's \(source\.type\)/,
      );
      // Another file in place of the PDF, with a record that names it (hash and size right): not a PDF.
      const text = Buffer.from('Not a PDF at all.\n');
      const { createHash } = await import('node:crypto');
      const textHash = createHash('sha256').update(text).digest('hex');
      await expectRefused(
        'swapped.boardpack',
        await resigned({ blob: textHash, bytes: text.length }, { [`blobs/${textHash}`]: text }),
        /is recorded as a PDF \(source\.kind\), but its contents are a text file/,
      );
    },
  );

  it('in the desktop shell, writes the pack and the public identity through its save dialog; a cancelled save still counts the number', async () => {
    const saved: FileToSave[] = [];
    let answer = true;
    const sec = await secretariatCopy(undefined, {
      saveFile: async (file) => {
        saved.push(file);
        return answer ? { saved: true, path: `/home/clerk/${file.fileName}` } : { saved: false, path: null };
      },
    });
    const pack = await sec.copy.ok('packs:publish', { meetingId: sec.meetingId, saveWithDialog: true });
    expect(pack).toMatchObject({
      number: 1,
      dataBase64: '',
      saved: { saved: true, path: '/home/clerk/Police and Crime Board 2026-06-24 pack 1.boardpack' },
    });
    const files = await readPackZip({ name: 'saved', bytes: Buffer.from(saved[0]!.bytes) });
    expect(files.has('manifest.sig')).toBe(true);
    answer = false;
    expect(await sec.copy.ok('packs:publish', { meetingId: sec.meetingId, saveWithDialog: true })).toMatchObject({
      number: 2,
      saved: { saved: false, path: null },
    });
    answer = true;
    const identity = await sec.copy.ok('identity:export', { saveWithDialog: true });
    expect(identity).toMatchObject({ fileName: 'Board Secretariat public identity.json', saved: { saved: true } });
    expect(JSON.parse(Buffer.from(saved[2]!.bytes).toString())).toMatchObject({
      format: 'boardkeeper-public-identity',
      fingerprint: (await sec.copy.ok('identity:get', {})).fingerprint,
      publicKeyPem: expect.stringMatching(/^-----BEGIN PUBLIC KEY-----/),
    });
    // Without the flag (the browser), the page gets the bytes.
    expect((await sec.copy.ok('identity:export', {})).dataBase64).not.toBe('');
  });
});
