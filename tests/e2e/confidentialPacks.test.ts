// Confidential packs end to end: two web hosts in Chromium, three data folders (the secretariat's, Alice's and
// Bob's; the members' host is started on one folder, then on the other). Each member exports their public
// identity; the secretariat imports it on the member's page and publishes the meeting's confidential packs from
// the dialog that shows who gets what (Alice declared an interest in item 4, so item 4 is withheld from her);
// Alice's copy imports hers and has nothing of item 4; the test decrypts her pack with the `age` command and
// finds no marker phrase of item 4's paper in any of its files (and finds it in Bob's); Bob's copy refuses
// Alice's pack ("this pack is for another member") and imports his own.
import { readFile, rm } from 'node:fs/promises';
import type { Download, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ageDecryptedFiles, filesMentioning } from '../helpers/ageFiles.ts';
import { startWebHostProcess, type WebHostProcess } from '../helpers/webHostProcess.ts';
import { expectNoAxeViolationsLightAndDark } from './axe.ts';
import { makeDataDir, startBrowserApp, type BrowserApp } from './browserApp.ts';
import { pageRpc } from './pageRpc.ts';

/** A phrase only item 4's paper carries. */
const MARKER = 'heliotrope settlement figure';

let secretariat: BrowserApp;
/** The members' browser: its own host starts on Bob's folder; the test moves it to Alice's and back. */
let members: BrowserApp;
let aliceDir: string;
/** True while the members' host is stopped on purpose (its page then logs errors). */
let switching = false;

/** A downloaded file's name and bytes. */
async function saved(download: Download): Promise<{ name: string; bytes: Buffer }> {
  return { name: download.suggestedFilename(), bytes: await readFile(await download.path()) };
}

/** Opens a pack file through "Open a pack…" (its file picker). */
async function openPack(page: Page, pack: { name: string; bytes: Buffer }): Promise<void> {
  await page
    .getByLabel('Pack file to open')
    .setInputFiles({ name: pack.name, mimeType: 'application/octet-stream', buffer: pack.bytes });
}

/** Starts a web host on `dataDir` for the members' browser and opens its page. */
async function memberHostOn(
  dataDir: string,
  previous: WebHostProcess | null,
): Promise<{ host: WebHostProcess; page: Page }> {
  switching = true;
  await previous?.stop();
  const host = await startWebHostProcess(dataDir, undefined, { BOARD_FAKE_NOW: '2026-06-20T10:00:00Z' });
  const page = await members.openPage(host.url);
  switching = false;
  await page.getByRole('heading', { level: 1 }).first().waitFor();
  return { host, page };
}

beforeAll(async () => {
  aliceDir = await makeDataDir('boardkeeper-e2e-conf-alice-');
  [secretariat, members] = await Promise.all([
    makeDataDir('boardkeeper-e2e-conf-sec-').then((dataDir) =>
      startBrowserApp({ dataDir, fakeNow: '2026-06-01T09:00:00Z', acceptDownloads: true }),
    ),
    makeDataDir('boardkeeper-e2e-conf-bob-').then((dataDir) =>
      startBrowserApp({
        dataDir,
        fakeNow: '2026-06-20T10:00:00Z',
        acceptDownloads: true,
        consoleErrorsExpected: () => switching,
      }),
    ),
  ]);
}, 120_000);

afterAll(async () => {
  await Promise.all([secretariat?.close(), members?.close()]);
  if (aliceDir) await rm(aliceDir, { recursive: true, force: true });
});

describe('confidential packs, secretariat to two members', () => {
  it('withholds item 4 from the member who declared an interest, encrypts each pack to its member, and refuses another member’s pack', async () => {
    const sec = secretariat.page;
    const secRpc = <T = { id: string }>(channel: string, input: unknown) =>
      pageRpc<T>(sec, secretariat.host.token, channel, input);
    await secRpc('settings:update', { boardName: 'Police and Crime Board', localUserName: 'Board Secretariat' });
    const alice = await secRpc('members:create', { name: 'Alice Ahmed', role: 'member' });
    const bob = await secRpc('members:create', { name: 'Bob Brown', role: 'member' });
    await secRpc('members:create', { name: 'Chair of the board', role: 'chair' });
    const pilot = await secRpc('papers:create', {
      reference: 'PCB 41',
      title: 'Pilot extension',
      date: '2026-06-10',
      body: 'The pilot is extended for a year.',
    });
    const settlement = await secRpc('papers:create', {
      reference: 'PCB 44',
      title: 'Settlement offer',
      date: '2026-06-10',
      classification: 'confidential',
      body: `The proposed ${MARKER} is within the delegated limit.`,
    });
    const advice = await secRpc('papers:create', {
      reference: 'PCB 43',
      title: 'Legal advice',
      date: '2026-06-10',
      classification: 'confidential',
      body: 'Counsel advises a cautious approach.',
    });
    const meeting = await secRpc('meetings:create', {
      title: 'Board meeting',
      date: '2026-06-24',
      agenda: [
        { number: '1', title: 'Pilot extension', paperIds: [pilot.id] },
        { number: '3', title: 'Legal advice', confidential: true, paperIds: [advice.id] },
        {
          number: '4',
          title: 'Settlement of the claim',
          confidential: true,
          paperIds: [settlement.id],
          declarations: [{ memberId: alice.id, interest: 'Related to the claimant' }],
        },
      ],
    });

    // Bob's copy (the members' host starts on his folder) exports its public identity.
    let member = { host: members.host, page: members.page };
    const memRpc = <T = { id: string }>(channel: string, input: unknown) =>
      pageRpc<T>(member.page, member.host.token, channel, input);
    await memRpc('settings:update', { localUserName: 'Bob Brown' });
    const bobFile = await memRpc<{ fileName: string; dataBase64: string }>('identity:export', {});
    const bobFingerprint = (await memRpc<{ fingerprint: string }>('identity:get', {})).fingerprint;

    // Alice's copy, on the same host moved to her folder: she exports hers from Settings.
    member = await memberHostOn(aliceDir, member.host);
    await memRpc('settings:update', { localUserName: 'Alice Ahmed' });
    await member.page.goto(`${member.page.url().split('#')[0]}#/settings`);
    const aliceFingerprint = (await member.page.locator('.fingerprint').first().textContent())!.trim();
    const [aliceDownload] = await Promise.all([
      member.page.waitForEvent('download'),
      member.page.getByRole('button', { name: 'Export the public identity…' }).click(),
    ]);
    const aliceFile = await saved(aliceDownload);
    expect(aliceFile.name).toBe('Alice Ahmed public identity.json');

    // The secretariat imports each file on the member's page and sees the fingerprint to compare by phone.
    for (const [id, file, fingerprint] of [
      [alice.id, aliceFile, aliceFingerprint],
      [bob.id, { name: bobFile.fileName, bytes: Buffer.from(bobFile.dataBase64, 'base64') }, bobFingerprint],
    ] as const) {
      await sec.goto(`${sec.url().split('#')[0]}#/members/${id}`);
      const panel = sec.getByRole('region', { name: 'Public identity for confidential packs' });
      await panel.getByText('None imported', { exact: false }).waitFor();
      await panel
        .getByLabel('Import the public identity file')
        .setInputFiles({ name: file.name, mimeType: 'application/json', buffer: file.bytes });
      await panel.locator('.fingerprint').getByText(fingerprint).waitFor();
    }
    await expectNoAxeViolationsLightAndDark(sec, '/tmp/boardkeeper-confidential-member', 'a member’s public identity');

    // The publish dialog says who gets what before anything is written.
    await sec.goto(`${sec.url().split('#')[0]}#/meetings/${meeting.id}`);
    await sec.getByRole('heading', { level: 1, name: 'Board meeting' }).waitFor();
    await sec.getByRole('button', { name: 'Publish confidential packs…' }).click();
    const dialog = sec.getByRole('dialog', { name: 'Publish confidential pack 1 of Board meeting?' });
    await dialog.getByText('Item 4 withheld: declared interest').waitFor();
    const recipients = dialog.getByRole('group', { name: 'Recipients and what each gets' });
    expect(await recipients.getByRole('checkbox', { name: 'Alice Ahmed' }).isChecked()).toBe(true);
    expect(await recipients.getByRole('checkbox', { name: 'Bob Brown' }).isChecked()).toBe(true);
    expect(await recipients.getByRole('checkbox', { name: 'Chair of the board' }).isDisabled()).toBe(true);
    const aliceRow = recipients.getByRole('listitem').filter({ hasText: 'Alice Ahmed' });
    expect(await aliceRow.textContent()).toContain('Gets items 1 and 3.');
    const bobRow = recipients.getByRole('listitem').filter({ hasText: 'Bob Brown' });
    expect(await bobRow.textContent()).toContain('Gets items 1, 3 and 4.');
    await expectNoAxeViolationsLightAndDark(
      sec,
      '/tmp/boardkeeper-confidential-publish',
      'the confidential publish dialog',
    );
    expect((await secRpc<unknown[]>('packs:list', { meetingId: meeting.id })).length).toBe(0);

    const downloads: Download[] = [];
    sec.on('download', (d) => downloads.push(d));
    await dialog.getByRole('button', { name: 'Publish to 2 members' }).click();
    await sec
      .getByRole('status')
      .filter({ hasText: 'Confidential pack 1 published to Alice Ahmed, Bob Brown' })
      .waitFor();
    await expect.poll(() => downloads.length).toBe(2);
    const files = await Promise.all(downloads.map(saved));
    const forAlice = files.find((f) => f.name.includes('for Alice Ahmed'))!;
    const forBob = files.find((f) => f.name.includes('for Bob Brown'))!;
    expect(forAlice.name).toBe('Police and Crime Board 2026-06-24 confidential pack 1 for Alice Ahmed.boardpack.age');
    await sec
      .getByRole('list', { name: 'Packs of this meeting' })
      .getByText('To Alice Ahmed (item 4 withheld), Bob Brown')
      .waitFor();

    // Decrypted with the `age` command: nothing of item 4's paper anywhere in Alice's pack; in Bob's, it is there.
    const aliceFiles = await ageDecryptedFiles(forAlice.name, forAlice.bytes, aliceDir);
    expect([...aliceFiles.keys()]).toContain('manifest.json');
    expect(filesMentioning(aliceFiles, MARKER)).toEqual([]);
    const bobFiles = await ageDecryptedFiles(forBob.name, forBob.bytes, members.dataDir);
    expect(filesMentioning(bobFiles, MARKER).length).toBeGreaterThan(0);

    // Alice imports hers: trusted once, then item 4 is there by number and title only, with the line.
    await openPack(member.page, forAlice);
    await member.page
      .getByRole('dialog', { name: 'Trust the secretariat of Police and Crime Board?' })
      .getByRole('button', { name: 'Trust and import' })
      .click();
    await member.page
      .getByRole('status')
      .filter({
        hasText:
          'Imported pack 1 of Police and Crime Board, 24 June 2026: 2 papers added; 2 of 2 papers unread. Item 4 is withheld from you: declared interest',
      })
      .waitFor();
    await member.page.goto(`${member.page.url().split('#')[0]}#/meetings/${meeting.id}`);
    await member.page.getByRole('heading', { level: 1, name: 'Board meeting' }).waitFor();
    await member.page
      .getByRole('list', { name: 'Packs of this meeting' })
      .getByText('Item 4 is withheld from you: declared interest')
      .waitFor();
    expect((await memRpc<{ total: number }>('search:query', { q: 'heliotrope' })).total).toBe(0);
    // Paper text is searched once the index is ready (it builds in the background): item 3's paper is found,
    // then (the index ready) item 4's is not.
    await expect
      .poll(async () => (await memRpc<{ total: number }>('search:query', { q: 'cautious approach' })).total, {
        timeout: 60_000,
      })
      .toBeGreaterThan(0);
    expect(await memRpc('search:query', { q: 'heliotrope' })).toMatchObject({ total: 0, source: 'index' });
    expect((await memRpc<{ total: number }>('papers:list', {})).total).toBe(2);

    // Bob's copy refuses Alice's pack, and takes his own.
    member = await memberHostOn(members.dataDir, member.host);
    await openPack(member.page, forAlice);
    await member.page.getByRole('alert').getByText('this pack is for another member', { exact: false }).waitFor();
    expect((await memRpc<{ total: number }>('papers:list', {})).total).toBe(0);
    await member.page.getByRole('alert').getByRole('button', { name: 'Dismiss' }).click();
    await openPack(member.page, forBob);
    await member.page
      .getByRole('dialog', { name: 'Trust the secretariat of Police and Crime Board?' })
      .getByRole('button', { name: 'Trust and import' })
      .click();
    await member.page.getByRole('status').filter({ hasText: 'Imported pack 1 of Police and Crime Board' }).waitFor();
    await expect
      .poll(async () => (await memRpc<{ total: number }>('search:query', { q: 'heliotrope' })).total, {
        timeout: 60_000,
      })
      .toBeGreaterThan(0);
    await member.host.stop();

    expect(secretariat.pageProblems).toEqual([]);
    expect(members.pageProblems).toEqual([]);
  });
});
