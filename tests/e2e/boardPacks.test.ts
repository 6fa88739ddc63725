// Board packs end to end: two data folders behind two web hosts in Chromium, the secretariat's and a
// member's. The secretariat publishes; the member imports (trusting the key once), notes a passage that
// appears twice and a passage of another paper, reads both papers; the secretariat revises both (the first
// noted passage moved, kept; the second removed) and withdraws an item, and publishes pack 2; the member
// imports it: the first note follows its passage, the second says it changed, the old versions are in the
// history, the revised papers are unread, and no notification fired for dates that had passed.
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebHostProcess } from '../helpers/webHostProcess.ts';
import { makeDataDir, startBrowserApp, type BrowserApp } from './browserApp.ts';
import { pageRpc } from './pageRpc.ts';

const TWICE = 'must report progress quarterly';
const PAPER_A = `# Extension of the pilot\n\nThe force ${TWICE} on the procurement.\n\n## Data\n\nOn data, the supplier ${TWICE} to the board as well.`;
const PAPER_B = 'The re-tender opens in September 2026. Bids close in November 2026.';

let secretariat: BrowserApp;
let member: BrowserApp;
/** True while the member's host is stopped on purpose (its page then logs errors). */
let restarting = false;

/** Each page's host token (the page's client sends it as `Authorization: Bearer`). */
const tokens = new Map<Page, string>();

/** Calls a channel from the page, as the page's client does (its host's token). */
function rpc<T = { id: string }>(page: Page, channel: string, input: unknown): Promise<T> {
  return pageRpc<T>(page, tokens.get(page) ?? '', channel, input);
}

/** Clicks "Publish pack…", confirms, and returns the downloaded pack. */
async function publish(page: Page, number: number): Promise<{ name: string; bytes: Buffer }> {
  await page.getByRole('button', { name: 'Publish pack…' }).click();
  const dialog = page.getByRole('dialog', { name: `Publish pack ${number} of Board meeting?` });
  await dialog.waitFor();
  const [download] = await Promise.all([
    page.waitForEvent('download', { timeout: 60_000 }),
    dialog.getByRole('button', { name: 'Publish' }).click(),
  ]);
  const path = await download.path();
  return { name: download.suggestedFilename(), bytes: await readFile(path) };
}

/** Opens a pack file in the member's window through "Open a pack…" (its file picker). */
async function openPack(page: Page, pack: { name: string; bytes: Buffer }): Promise<void> {
  await page
    .getByLabel('Pack file to open')
    .setInputFiles({ name: pack.name, mimeType: 'application/octet-stream', buffer: pack.bytes });
}

/** Notes a passage on the paper page shown. */
async function notePassage(page: Page, passage: string, appearance: number, text: string): Promise<void> {
  const form = page.getByRole('form', { name: 'Note a passage' });
  await form.getByLabel('Passage', { exact: true }).fill(passage);
  await form.getByLabel('Which appearance').fill(String(appearance));
  await form.getByLabel('Your note on the passage').fill(text);
  await form.getByRole('button', { name: 'Save the note on this passage' }).click();
  await page.getByRole('list', { name: 'Your notes on passages' }).getByText(text).waitFor();
}

beforeAll(async () => {
  [secretariat, member] = await Promise.all([
    makeDataDir('boardkeeper-e2e-packs-sec-').then((dataDir) =>
      startBrowserApp({ dataDir, fakeNow: '2026-06-01T09:00:00Z', acceptDownloads: true }),
    ),
    makeDataDir('boardkeeper-e2e-packs-member-').then((dataDir) =>
      startBrowserApp({ dataDir, fakeNow: '2026-06-20T10:00:00Z', consoleErrorsExpected: () => restarting }),
    ),
  ]);
}, 120_000);

afterAll(async () => {
  await Promise.all([secretariat?.close(), member?.close()]);
});

describe('board packs, secretariat to member', () => {
  it('publishes, imports, keeps the notes across a revision, and fires nothing for past dates', async () => {
    const sec = secretariat.page;
    const mem = member.page;
    tokens.set(sec, secretariat.host.token);
    tokens.set(mem, member.host.token);
    await rpc(sec, 'settings:update', { boardName: 'Police and Crime Board', localUserName: 'Board Secretariat' });
    const a = await rpc(sec, 'papers:create', {
      reference: 'PCB 41',
      title: 'Pilot extension',
      date: '2026-06-10',
      body: PAPER_A,
    });
    const b = await rpc(sec, 'papers:create', {
      reference: 'PCB 42',
      title: 'Re-tender plan',
      date: '2026-06-10',
      body: PAPER_B,
    });
    const meeting = await rpc(sec, 'meetings:create', {
      title: 'Board meeting',
      date: '2026-06-24',
      agenda: [
        { number: '1', title: 'Pilot extension', paperIds: [a.id] },
        { number: '2', title: 'Re-tender', paperIds: [b.id] },
        { number: '5', title: 'Any other business' },
      ],
    });
    const detail = await rpc<{ meeting: { agenda: Array<{ id: string; number: string }> } }>(sec, 'meetings:get', {
      id: meeting.id,
    });
    const decision = await rpc(sec, 'decisions:create', {
      title: 'Extend the pilot',
      date: '2026-06-24',
      meetingId: meeting.id,
      itemId: detail.meeting.agenda[0]!.id,
      outcome: 'approved_with_conditions',
      wording: 'Approved with conditions.',
    });
    // Its 7-day reminder (18 June) falls after the secretariat recorded it and before the member imports it.
    await rpc(sec, 'conditions:create', {
      decisionId: decision.id,
      wording: 'Report progress to the board',
      owner: { memberId: null, name: 'The force', email: '' },
      due: '2026-06-25',
    });

    // The secretariat publishes pack 1 from the meeting's page.
    await sec.goto(`${sec.url().split('#')[0]}#/meetings/${meeting.id}`);
    await sec.getByRole('heading', { level: 1, name: 'Board meeting' }).waitFor();
    const pack1 = await publish(sec, 1);
    expect(pack1.name).toBe('Police and Crime Board 2026-06-24 pack 1.boardpack');
    await sec.getByRole('status').filter({ hasText: 'Pack 1 published' }).waitFor();
    await sec
      .getByRole('list', { name: 'Packs of this meeting' })
      .getByText(/Pack 1 published 1 June 2026/)
      .waitFor();

    // The secretariat's fingerprint, as Settings shows it.
    await sec.goto(`${sec.url().split('#')[0]}#/settings`);
    const fingerprint = (await sec.locator('.fingerprint').first().textContent())!.trim();
    expect(fingerprint).toMatch(/^([0-9A-F]{4} ){7}[0-9A-F]{4}$/);
    await sec.getByText('the private key is stored unprotected in the data folder', { exact: false }).waitFor();

    // The member opens it: asked to trust the key (its fingerprint shown), then the summary.
    await mem.getByRole('heading', { level: 1 }).first().waitFor();
    await openPack(mem, pack1);
    const trust = mem.getByRole('dialog', { name: 'Trust the secretariat of Police and Crime Board?' });
    await trust.waitFor();
    expect(await trust.textContent()).toContain(fingerprint);
    await trust.getByRole('button', { name: 'Trust and import' }).click();
    await mem
      .getByRole('status')
      .filter({
        hasText: 'Imported pack 1 of Police and Crime Board, 24 June 2026: 2 papers added; 2 of 2 papers unread',
      })
      .waitFor();

    // The member reads both papers (opening marks them read) and notes a passage in each:
    // in A the second of the two appearances of a phrase.
    await mem.goto(`${mem.url().split('#')[0]}#/papers/${a.id}`);
    await mem.getByRole('heading', { level: 1, name: 'Pilot extension' }).waitFor();
    await mem.getByText(/Published by Board Secretariat for Police and Crime Board in pack 1/).waitFor();
    expect(await mem.getByRole('link', { name: 'Edit the paper' }).count()).toBe(0);
    await notePassage(mem, TWICE, 2, 'Who checks the supplier?');
    await mem.getByText('Marked as read when you opened it', { exact: false }).waitFor();
    await mem.goto(`${mem.url().split('#')[0]}#/papers/${b.id}`);
    await mem.getByRole('heading', { level: 1, name: 'Re-tender plan' }).waitFor();
    await notePassage(mem, 'Bids close in November 2026.', 1, 'Too soon?');
    await expect.poll(async () => (await rpc<{ total: number }>(mem, 'papers:list', { read: 'read' })).total).toBe(2);

    // The secretariat revises A (a long new section before the noted passage, kept) and B (the noted
    // passage removed), withdraws item 5, and publishes pack 2.
    const movedA = PAPER_A.replace('## Data', `## Background\n\n${'A long new section. '.repeat(300)}\n\n## Data`);
    await rpc(sec, 'papers:update', { id: a.id, body: movedA });
    await rpc(sec, 'papers:update', { id: b.id, body: 'The re-tender opens in September 2026.' });
    await rpc(sec, 'meetings:update', {
      id: meeting.id,
      agenda: detail.meeting.agenda.filter((i) => i.number !== '5'),
    });
    await sec.goto(`${sec.url().split('#')[0]}#/meetings/${meeting.id}`);
    await sec.getByRole('heading', { level: 1, name: 'Board meeting' }).waitFor();
    const pack2 = await publish(sec, 2);
    expect(pack2.name).toBe('Police and Crime Board 2026-06-24 pack 2.boardpack');
    await sec
      .getByRole('list', { name: 'Packs of this meeting' })
      .getByText('since pack 1: 2 papers revised, item 5 withdrawn')
      .waitFor();

    // The member imports pack 2: no question this time (the key is trusted), and the summary.
    await mem.goto(`${mem.url().split('#')[0]}#/meetings/${meeting.id}`);
    await mem.getByRole('heading', { level: 1, name: 'Board meeting' }).waitFor();
    await openPack(mem, pack2);
    await mem
      .getByRole('status')
      .filter({
        hasText:
          'Imported pack 2 of Police and Crime Board, 24 June 2026: 2 papers revised, 1 item withdrawn; 2 of 2 papers unread',
      })
      .waitFor();
    expect(await mem.getByRole('dialog').count()).toBe(0);
    await mem
      .getByRole('list', { name: 'Packs of this meeting' })
      .getByText(/Pack 2 imported 20 June 2026/)
      .waitFor();
    await mem.getByText('Withdrawn', { exact: true }).waitFor();

    // Paper A: changed since read, not marked read on opening; the note followed its passage (the second appearance).
    await mem.goto(`${mem.url().split('#')[0]}#/papers/${a.id}`);
    await mem.getByRole('heading', { level: 1, name: 'Pilot extension' }).waitFor();
    await mem.getByText(/Changed since you read it: you read version 1 .*; this is version 2\./).waitFor();
    const notesA = mem.getByRole('list', { name: 'Your notes on passages' });
    await notesA.getByText('Who checks the supplier?').waitFor();
    expect(await notesA.locator('.passage-context').textContent()).toContain(
      `On data, the supplier ${TWICE} to the board`,
    );
    expect(await notesA.getByText('The passage you noted changed').count()).toBe(0);
    // The old version is in the history.
    await mem.getByRole('link', { name: 'Version 1' }).waitFor();
    await mem.getByRole('link', { name: 'Version 2 (current)' }).waitFor();

    // Paper B: its noted passage is gone, and the note says so with the old text.
    await mem.goto(`${mem.url().split('#')[0]}#/papers/${b.id}`);
    await mem.getByRole('heading', { level: 1, name: 'Re-tender plan' }).waitFor();
    const notesB = mem.getByRole('list', { name: 'Your notes on passages' });
    await notesB.getByText('The passage you noted changed', { exact: false }).waitFor();
    expect(await notesB.textContent()).toContain('Bids close in November 2026.');

    // Both revised papers are unread.
    const unread = await rpc<{ total: number }>(mem, 'papers:list', { read: 'unread' });
    expect(unread.total).toBe(2);
    expect(secretariat.pageProblems).toEqual([]);
    expect(member.pageProblems).toEqual([]);

    // No reminder fired for the dates already past when the records arrived: not while running, nor when the
    // member's copy starts again (when whatever came due while it was closed is delivered).
    expect((await rpc<{ active: number }>(mem, 'reminders:list', {})).active).toBe(0);
    restarting = true;
    await member.host.stop();
    const again = await startWebHostProcess(member.dataDir, undefined, { BOARD_FAKE_NOW: '2026-06-20T10:05:00Z' });
    try {
      const page = await member.openPage(again.url);
      tokens.set(page, again.token);
      restarting = false;
      await page.getByRole('heading', { level: 1 }).first().waitFor();
      await page.waitForTimeout(1500);
      expect((await rpc<{ active: number }>(page, 'reminders:list', {})).active).toBe(0);
      expect((await rpc<{ total: number }>(page, 'conditions:list', {})).total).toBe(1);
    } finally {
      await again.stop();
    }
  });
});
