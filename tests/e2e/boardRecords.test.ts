/**
 * End to end, a secretariat entering a board's past through the UI (not the
 * sample loader), on a clock after the events (6 December 2026): the chair
 * and a meeting of 24 June 2026 with an item in private; the pilot contract
 * let to 24 June 2026 with a 12-month option; the £25.3m platform, blocked,
 * with no dates; the watched £330m health contract whose break notice day
 * has passed. Then the decisions under the board's own references: the May
 * block (PCD 2026-094), the June extension (PCD 2026-117) that exercises the
 * pilot's option and is signed by the chair on 25 June 2026, and a
 * confidential decision under the private item (PCD 2026-118). What it
 * checks: the notice's signature, the term end on the contract page, in
 * Deadlines and on the dashboard, no maximum-extent warning, the blocked
 * contract without dates, the lapsed break, and the public and full
 * decisions register.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeDataDir, startBrowserApp, type BrowserApp } from './browserApp.ts';

const FAKE_NOW = '2026-12-06T10:00:00Z';
const CHAIR = 'Sam Okoro';
const PILOT = 'Misconduct analytics pilot';
const PLATFORM = 'Enterprise analytics platform 2026/27';
const HEALTH = 'National health data platform';

let app: BrowserApp | undefined;
let page: Page;
let downloadsDir: string;
let pageProblems: string[];

function nav(label: string): Locator {
  return page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: label, exact: true });
}

async function download(click: () => Promise<void>): Promise<{ name: string; file: string }> {
  const [event] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), click()]);
  const file = path.join(downloadsDir, event.suggestedFilename());
  await event.saveAs(file);
  return { name: event.suggestedFilename(), file };
}

async function readCsv(file: string): Promise<Array<Record<string, string>>> {
  const text = (await readFile(file, 'utf8')).replace(/^\uFEFF/, '');
  return parseCsv(text, { columns: true }) as Array<Record<string, string>>;
}

async function addContract(fill: () => Promise<void>, title: string): Promise<void> {
  await nav('Contracts').click();
  await page
    .getByRole('link', { name: /^Add (a|the first) contract$/ })
    .first()
    .click();
  await fill();
  await page.getByRole('button', { name: 'Add the contract' }).click();
  await page.getByRole('heading', { level: 1, name: title }).waitFor();
}

async function recordDecision(fill: () => Promise<void>, title: string): Promise<void> {
  await nav('Decisions').click();
  await page
    .getByRole('link', { name: /^Record (a|the first) decision$/ })
    .first()
    .click();
  await page.getByRole('heading', { level: 1, name: 'Record a decision' }).waitFor();
  await page.getByLabel('Title', { exact: true }).fill(title);
  await fill();
  await page.getByRole('button', { name: 'Record the decision' }).click();
  await page.getByRole('heading', { level: 1, name: title }).waitFor();
}

beforeAll(async () => {
  downloadsDir = await mkdtemp(path.join(tmpdir(), 'boardkeeper-e2e-board-records-'));
  app = await startBrowserApp({
    dataDir: await makeDataDir('boardkeeper-e2e-board-records-'),
    fakeNow: FAKE_NOW,
    acceptDownloads: true,
  });
  ({ page, pageProblems } = app);
}, 120_000);

afterAll(async () => {
  await app?.close();
  await rm(downloadsDir, { recursive: true, force: true });
});

describe('a board’s past entered as it happened, end to end', () => {
  it('adds the chair with a job title, and the meeting of 24 June 2026 with an item in private', async () => {
    await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
    await nav('Members').click();
    await page
      .getByRole('link', { name: /^Add (a|the first) member$/ })
      .first()
      .click();
    await page.getByLabel('Name').fill(CHAIR);
    await page.getByLabel('Role').selectOption('chair');
    await page.getByLabel('Job title').fill('Deputy Mayor for Policing and Crime');
    await page.getByRole('button', { name: 'Add the member' }).click();
    await page.getByRole('heading', { level: 1, name: CHAIR }).waitFor();

    await nav('Meetings').click();
    await page.getByRole('link', { name: 'Plan the first meeting' }).click();
    await page.getByLabel('Title').fill('Oversight board');
    await page.getByLabel('Date').fill('2026-06-24');
    await page.getByRole('button', { name: 'Add the meeting' }).click();
    await page.getByRole('heading', { level: 1, name: 'Oversight board' }).waitFor();
    await page.getByRole('link', { name: 'Edit the agenda' }).click();
    await page.getByRole('button', { name: 'Add an item' }).click();
    await page
      .getByRole('group', { name: /^Item 1/ })
      .getByLabel('Title')
      .fill('Misconduct analytics pilot: extension');
    await page.getByRole('button', { name: 'Add an item' }).click();
    const item2 = page.getByRole('group', { name: /^Item 2/ });
    await item2.getByLabel('Title').fill('Pre-action letter');
    await item2.getByLabel('Confidential: taken in private').check();
    await page.getByRole('button', { name: 'Save the agenda' }).click();
    await page.getByRole('heading', { level: 1, name: 'Oversight board' }).waitFor();
  });

  it('adds the pilot, the blocked platform with no dates (sums as written), and the watched health contract', async () => {
    await addContract(async () => {
      await page.getByLabel('Reference').fill('CTR-2025-019');
      await page.getByLabel('Title').fill(PILOT);
      await page.getByLabel('Suppliers').fill('The software supplier');
      await page.getByLabel('Route').selectOption('direct_award');
      await page.getByLabel('Why the market was not tested').fill('Let directly as a proof-of-concept pilot.');
      await page.getByLabel('Term starts').fill('2025-06-24');
      await page.getByLabel('Term ends (as let)').fill('2026-06-24');
      await page.getByLabel('Maximum extent').fill('2027-06-24');
      await page.getByRole('button', { name: 'Add an extension option' }).click();
      await page.getByLabel('Option 1: months').fill('12');
      await page.getByLabel('Option 1: notice by').fill('2026-05-24');
    }, PILOT);

    await addContract(async () => {
      await page.getByLabel('Reference').fill('CTR-2026-007');
      await page.getByLabel('Status').selectOption('blocked');
      await page.getByLabel('Title').fill(PLATFORM);
      await page.getByLabel('Suppliers').fill('The software supplier');
      await page.getByLabel('Route').selectOption('direct_award');
      await page.getByLabel('Why the market was not tested').fill('The force engaged one supplier only.');
      // A sum that is not one is said so before saving; one written as in the papers is read back.
      await page.getByLabel('Initial value').fill('£25.3.1m');
      await page.getByText('Write a sum such as £25.3m, £24.8 million or 25,300,000.').first().waitFor();
      await page.getByLabel('Initial value').fill('£25.3m');
      await page.getByText('Reads as £25,300,000.').waitFor();
      await page.getByLabel('Value with all options').fill('£50.1 million');
      await page.getByText('Reads as £50,100,000.').waitFor();
      await page.getByLabel('Planned length in months').fill('12');
      await page.getByRole('button', { name: 'Add an extension option' }).click();
      await page.getByLabel('Option 1: months').fill('12');
      await page.getByLabel('Option 1: value').fill('£24.8m');
      await page.getByText('Reads as £24,800,000.').waitFor();
    }, PLATFORM);
    const terms = page.getByRole('region', { name: 'Terms' });
    expect(await terms.textContent()).toContain('£25,300,000');
    expect(await terms.textContent()).toContain('£50,100,000');
    expect(await terms.textContent()).toContain('No dates yet: planned for 12 months');

    await addContract(async () => {
      await page.getByLabel('Reference').fill('EXT-NHS-330');
      await page.getByLabel('Title').fill(HEALTH);
      await page.getByLabel('Suppliers').fill('The software supplier');
      await page.getByLabel('Kind').selectOption('watched');
      await page.getByLabel('Value with all options').fill('£330m');
      await page.getByLabel('Term starts').fill('2023-11-01');
      await page.getByLabel('Term ends (as let)').fill('2030-02-28');
      await page.getByRole('button', { name: 'Add a break clause' }).click();
      await page.getByLabel('Break 1: earliest date').fill('2027-02-28');
      await page.getByLabel('Break 1: notice in days').fill('180');
    }, HEALTH);
    await page.getByText('Watched: not this board’s contract').first().waitFor();
    // 180 days before 28 February 2027: 1 September 2026, passed unused.
    const breaks = page.getByRole('region', { name: 'Break clauses' });
    await breaks.getByText('Lapsed on 1 September 2026').waitFor();
    const timeline = page.getByRole('region', { name: 'Timeline' });
    await timeline.getByText(/lapsed on 1 September 2026/).waitFor();
  });

  it('records the May block and the June extension under the board’s own references', async () => {
    await recordDecision(async () => {
      await page.getByLabel('Date of the decision').fill('2026-05-14');
      await page.getByLabel('Reference').fill('PCD 2026-094');
      await page.getByLabel('Outcome').selectOption({ label: 'Blocked' });
      await page.getByLabel(/^CTR-2026-007/).check();
    }, 'Enterprise analytics platform: blocked');
    expect(await page.locator('.eyebrow').first().textContent()).toBe('PCD 2026-094');

    await recordDecision(async () => {
      await page.getByLabel('Date of the decision').fill('2026-06-24');
      // The pattern proposes the next after the highest of the year.
      await page.getByText('Leave empty for the next of the pattern: PCD 2026-095.').waitFor();
      await page.getByLabel('Reference').fill('PCD 2026-117');
      await page.getByLabel('Outcome').selectOption('approved_with_conditions');
      await page.getByLabel('Meeting').selectOption({ index: 1 });
      await page.getByLabel('Agenda item').selectOption({ label: '1. Misconduct analytics pilot: extension' });
      await page.getByLabel('Wording').fill('The board approves a 12-month extension of the pilot, to 24 June 2027.');
      await page.getByLabel('Decision-maker').fill('Deputy Mayor for Policing and Crime');
      await page.getByLabel(/^CTR-2025-019/).check();
    }, 'Misconduct analytics pilot: 12-month extension');

    // A reference already used is refused, in words.
    await nav('Decisions').click();
    await page
      .getByRole('link', { name: /^Record (a|the first) decision$/ })
      .first()
      .click();
    await page.getByLabel('Title', { exact: true }).fill('Duplicate');
    await page.getByLabel('Date of the decision').fill('2026-06-24');
    await page.getByLabel('Reference').fill('pcd 2026-117');
    await page.getByLabel('Outcome').selectOption('noted');
    await page.getByRole('button', { name: 'Record the decision' }).click();
    await page
      .getByText(
        /pcd 2026-117 is already the reference of the decision “Misconduct analytics pilot: 12-month extension”/,
      )
      .first()
      .waitFor();
  });

  it('exercises the pilot’s option by the June decision and signs it as the chair on 25 June 2026', async () => {
    await nav('Decisions').click();
    await page.getByRole('link', { name: 'PCD 2026-117', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Misconduct analytics pilot: 12-month extension' }).waitFor();
    await page
      .getByRole('button', { name: 'Exercise the 12-month option of CTR-2025-019 by PCD 2026-117 (to 24 June 2027)' })
      .click();
    await page
      .locator('.toast-region')
      .filter({ hasText: /the term now ends on 24 June 2027/ })
      .waitFor();

    await page.getByRole('button', { name: 'Sign', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Sign PCD 2026-117?' });
    await dialog.getByLabel('Signed by').selectOption({ label: `${CHAIR} (Deputy Mayor for Policing and Crime)` });
    await dialog.getByLabel('Signed on').fill('2026-06-23');
    await dialog.getByRole('button', { name: 'Sign the decision' }).click();
    await dialog.getByText(/Signed on must not be before the decision's date/).waitFor();
    await dialog.getByLabel('Signed on').fill('2026-06-25');
    await dialog.getByRole('button', { name: 'Sign the decision' }).click();
    await page.getByText(`Signed by ${CHAIR} (Deputy Mayor for Policing and Crime) on 25 June 2026`).waitFor();

    const notice = page.getByRole('group', { name: 'Export the decision notice' });
    await notice.getByLabel('Format').selectOption({ label: 'Markdown' });
    const { file } = await download(() => notice.getByRole('button', { name: 'Export' }).click());
    const text = await readFile(file, 'utf8');
    expect(text).toContain(`Signed by ${CHAIR} (Deputy Mayor for Policing and Crime) on 25 June 2026.`);
    expect(text).not.toMatch(/Signed by [^\n]*December/);
  });

  it('shows the pilot running to 24 June 2027 on its page, in Deadlines and on the dashboard, within its maximum extent', async () => {
    await nav('Contracts').click();
    await page.getByRole('link', { name: 'CTR-2025-019' }).click();
    await page.getByRole('heading', { level: 1, name: PILOT }).waitFor();
    const terms = page.getByRole('region', { name: 'Terms' });
    await terms.getByText('24 June 2025 to 24 June 2027').waitFor();
    await terms.getByText('As let: ended on 24 June 2026').waitFor();
    await terms.getByText(/Extended by 12 months to 24 June 2027 by PCD 2026-117/).waitFor();
    expect(await page.getByRole('note', { name: 'Warnings about this contract' }).textContent()).not.toContain(
      'maximum extent',
    );

    await nav('Deadlines').click();
    await page.getByRole('heading', { level: 1, name: 'Deadlines' }).waitFor();
    const end = page.getByRole('row').filter({ hasText: `Term ends: ${PILOT}` });
    await end.waitFor();
    expect(await end.textContent()).toContain('24 June 2027');
    // The watched contract's break notice: lapsed, shown under "Lapsed rights".
    await page.getByLabel('Status').selectOption('lapsed');
    await page.getByRole('row').filter({ hasText: 'Lapsed on 1 September 2026' }).waitFor();

    await nav('Dashboard').click();
    const ending = page.getByRole('table', { name: /Contracts ending within 12 months/ });
    const row = ending.getByRole('row').filter({ hasText: 'CTR-2025-019' });
    await row.waitFor();
    expect(await row.textContent()).toContain('24 June 2027');
    expect(await ending.textContent()).not.toContain('EXT-NHS-330');
  });

  it('keeps a confidential decision out of the public decisions register, and marks it in everything', async () => {
    await recordDecision(async () => {
      await page.getByLabel('Date of the decision').fill('2026-06-24');
      await page.getByLabel('Reference').fill('PCD 2026-118');
      await page.getByLabel('Outcome').selectOption('approved');
      await page.getByLabel('Meeting').selectOption({ index: 1 });
      await page.getByLabel('Agenda item').selectOption({ label: '2. Pre-action letter (in private)' });
      await page.getByLabel('Wording').fill('Instruct counsel ZX-COUNSEL-7 to answer the letter.');
    }, 'Response to the pre-action letter');
    await page.getByText('Confidential', { exact: true }).first().waitFor();
    await nav('Decisions').click();
    await page.getByRole('row').filter({ hasText: 'PCD 2026-118' }).getByText('Confidential').waitFor();

    await nav('Documents').click();
    const registers = page.getByRole('region', { name: 'Registers as CSV' });
    const publicFile = await download(() =>
      registers.getByRole('button', { name: 'Decisions register (CSV)' }).click(),
    );
    const publicRows = await readCsv(publicFile.file);
    expect(JSON.stringify(publicRows)).not.toContain('pre-action');
    expect(JSON.stringify(publicRows)).not.toContain('ZX-COUNSEL-7');
    expect(publicRows.find((r) => r['Reference'] === 'PCD 2026-118')).toMatchObject({
      Classification: 'Confidential',
      Title: '[withheld: confidential]',
      Decision: '[withheld: confidential]',
    });
    expect(publicRows.find((r) => r['Reference'] === 'PCD 2026-117')).toMatchObject({
      Classification: 'Public',
      'Signed by': `${CHAIR} (Deputy Mayor for Policing and Crime)`,
      'Signed on': '2026-06-25',
    });

    await registers.getByLabel('Everything, confidential included').check();
    const fullFile = await download(() => registers.getByRole('button', { name: 'Decisions register (CSV)' }).click());
    const fullRows = await readCsv(fullFile.file);
    expect(fullRows.find((r) => r['Reference'] === 'PCD 2026-118')).toMatchObject({
      Classification: 'Confidential',
      Title: 'Response to the pre-action letter',
      Decision: 'Instruct counsel ZX-COUNSEL-7 to answer the letter.',
    });
  });

  it('saw no console errors and no CSP violations in the page', () => {
    expect(pageProblems).toEqual([]);
  });
});
