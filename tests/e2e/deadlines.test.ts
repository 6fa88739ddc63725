/**
 * The Deadlines view end to end: the real `npm run web` process with its
 * clock started at 25 May 2027 09:00 in London (BOARD_FAKE_NOW), the sample
 * board loaded, and Chromium: overdue and due-soon deadlines, the month
 * calendar, the .ics download read back with ical.js, a snooze, and no axe
 * violations on the list or the calendar.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ICAL from 'ical.js';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, describeViolations } from './axe.ts';
import { startWebHostProcess, type WebHostProcess } from './webHostProcess.ts';

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
];
const FAKE_NOW = '2027-05-25T08:00:00.000Z';

let browser: Browser;
let context: BrowserContext;
let page: Page;
let dataDir: string;
let host: WebHostProcess | undefined;
const pageProblems: string[] = [];

async function expectNoAxeViolations(where: string): Promise<void> {
  const violations = await axeViolations(page);
  expect(violations, `${where}:\n${describeViolations(violations)}`).toEqual([]);
}

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'boardkeeper-e2e-deadlines-'));
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  // The host inherits this environment: its clock starts at FAKE_NOW.
  const before = process.env.BOARD_FAKE_NOW;
  process.env.BOARD_FAKE_NOW = FAKE_NOW;
  try {
    host = await startWebHostProcess(dataDir);
  } finally {
    if (before === undefined) delete process.env.BOARD_FAKE_NOW;
    else process.env.BOARD_FAKE_NOW = before;
  }
  context = await browser.newContext({
    locale: 'en-GB',
    timezoneId: 'Europe/London',
    viewport: { width: 1280, height: 900 },
    acceptDownloads: true,
  });
  page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error') pageProblems.push(message.text());
  });
  page.on('pageerror', (error) => pageProblems.push(error.message));
  await page.goto(host.url);
  // Load the sample board through the contract, as the page's own button does.
  const loaded = await page.evaluate(async (token) => {
    const response = await fetch('/rpc/sample:load', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
      body: '{}',
    });
    return (await response.json()) as { ok: boolean };
  }, host.token);
  expect(loaded.ok).toBe(true);
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await host?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

describe('the Deadlines view, end to end', () => {
  it('lists overdue and due-soon deadlines of the sample board, each saying where it comes from', async () => {
    await page.goto(`${new URL(host!.url).origin}/#/deadlines`);
    await page.getByRole('heading', { level: 1, name: 'Deadlines' }).waitFor();
    const overdue = page.getByRole('region', { name: 'Overdue' });
    await overdue
      .getByRole('button', { name: 'Produce a data-export plan so another provider can take over' })
      .waitFor();
    const month = page.getByRole('region', { name: 'Next 30 days' });
    await month
      .getByRole('button', { name: 'Award a new contract before the extension ends on 24 June 2027' })
      .waitFor();
    // The quarterly report's 24 March fell before the sample was loaded: not overdue; its next date is due soon.
    await month.getByRole('button', { name: 'Report progress on the re-tender to the board every quarter' }).waitFor();
    expect(
      await overdue
        .getByRole('button', { name: 'Report progress on the re-tender to the board every quarter' })
        .count(),
    ).toBe(0);
    expect(await month.getByRole('link', { name: 'Condition PCD 2026-117' }).count()).toBeGreaterThan(0);
    const counts = page.getByRole('list', { name: 'Open deadlines' });
    expect(await counts.textContent()).toMatch(/[1-9]\d* overdue/);
    await page.screenshot({ path: '/tmp/boardkeeper-deadlines.png', fullPage: true });
    await expectNoAxeViolations('the deadlines list');
  });

  it('keeps the filters in the address: grouped by owner', async () => {
    await page.getByLabel('Group by').selectOption('owner');
    await page.getByRole('heading', { level: 2, name: "The police force's commercial director" }).waitFor();
    expect(page.url()).toContain('group=owner');
    await page.goBack();
    await page.getByRole('region', { name: 'Overdue' }).waitFor();
  });

  it('shows a month calendar as a table, and moves to the next month', async () => {
    await page.getByLabel('Show').selectOption('calendar');
    const table = page.getByRole('table', { name: 'Deadlines in May 2027' });
    await table.waitFor();
    expect(await table.getByRole('columnheader').count()).toBe(7);
    await page.getByRole('button', { name: 'Next month' }).click();
    const june = page.getByRole('table', { name: 'Deadlines in June 2027' });
    await june
      .getByRole('button', { name: 'Award a new contract before the extension ends on 24 June 2027' })
      .waitFor();
    await page.screenshot({ path: '/tmp/boardkeeper-deadlines-calendar.png', fullPage: true });
    await expectNoAxeViolations('the deadlines calendar');
    await page.getByLabel('Show').selectOption('list');
  });

  it('downloads the deadlines as .ics, which ical.js reads, one event per open deadline', async () => {
    await page.getByRole('region', { name: 'Overdue' }).waitFor();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download .ics' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('deadlines-2027-05-25.ics');
    const text = await readFile(await download.path(), 'utf8');
    const calendar = new ICAL.Component(ICAL.parse(text));
    const events = calendar.getAllSubcomponents('vevent');
    const shown = await page.getByRole('table').locator('tbody tr').count();
    expect(events.length).toBe(shown);
    expect(events.map((e) => e.getFirstPropertyValue('summary'))).toContain(
      'Award a new contract before the extension ends on 24 June 2027',
    );
    expect(events.every((e) => e.getAllSubcomponents('valarm').length === 5)).toBe(true);
  });

  it('opens a deadline, which says it follows its source, and snoozes it for a week', async () => {
    await page.getByRole('button', { name: 'Award a new contract before the extension ends on 24 June 2027' }).click();
    const details = page.getByRole('region', {
      name: 'Award a new contract before the extension ends on 24 June 2027',
    });
    await details.getByText('This deadline follows its source.').waitFor();
    const mail = details.getByRole('link', { name: 'Draft an e-mail' });
    expect(await mail.getAttribute('href')).toMatch(/^mailto:\?subject=PCD%202026-117%3A%20Award/);
    await details.getByRole('button', { name: 'Snooze 1 week' }).click();
    await details.getByText(/Snoozed until 1 Jun 2027/).waitFor();
    await details.getByText('End of snooze').waitFor();
    await expectNoAxeViolations('a deadline’s details');
  });

  it('has a notification centre, reached after the navigation, listing fired reminders', async () => {
    await page.getByRole('button', { name: /^Reminders/ }).click();
    const centre = page.getByRole('region', { name: 'Reminders' });
    // The sample was loaded after the day's reminders came due: none fired (no burst on loading).
    await centre.getByText('No reminders waiting.').waitFor();
    expect(pageProblems).toEqual([]);
  });
});
