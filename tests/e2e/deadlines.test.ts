/**
 * The Deadlines view end to end: the real `npm run web` process with its
 * clock started at 25 May 2027 09:00 in London (BOARD_FAKE_NOW), the sample
 * board loaded, and Chromium: overdue and due-soon deadlines, the month
 * calendar, the .ics download read back with ical.js, a snooze, and no axe
 * violations on the list or the calendar.
 */
import { readFile } from 'node:fs/promises';
import ICAL from 'ical.js';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WebHostProcess } from '../helpers/webHostProcess.ts';
import { expectNoAxeViolations } from './axe.ts';
import { loadSample, makeDataDir, startBrowserApp, type BrowserApp } from './browserApp.ts';

const FAKE_NOW = '2027-05-25T08:00:00.000Z';

let app: BrowserApp | undefined;
let page: Page;
let host: WebHostProcess | undefined;
let pageProblems: string[];

beforeAll(async () => {
  app = await startBrowserApp({
    dataDir: await makeDataDir('boardkeeper-e2e-deadlines-'),
    fakeNow: FAKE_NOW,
    acceptDownloads: true,
  });
  ({ page, host, pageProblems } = app);
  await loadSample(page, app.host.token);
});

afterAll(async () => {
  await app?.close();
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
    // The quarterly report's dates count though they fell before the sample was loaded: September's report is
    // recorded as received, December's is not, so 24 December 2026 is overdue; its next date is due soon.
    await month.getByRole('button', { name: 'Report progress on the re-tender to the board every quarter' }).waitFor();
    const late = overdue
      .getByRole('row')
      .filter({ hasText: 'Report progress on the re-tender to the board every quarter' });
    expect(await late.count()).toBe(1);
    expect(await late.textContent()).toMatch(/24 December 2026/);
    expect(await month.getByRole('link', { name: 'Condition PCD 2026-117' }).count()).toBeGreaterThan(0);
    const counts = page.getByRole('list', { name: 'Open deadlines' });
    expect(await counts.textContent()).toMatch(/[1-9]\d* overdue/);
    await page.screenshot({ path: '/tmp/boardkeeper-deadlines.png', fullPage: true });
    await expectNoAxeViolations(page, 'the deadlines list');
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
    await expectNoAxeViolations(page, 'the deadlines calendar');
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
    // Alarms at 09:00 on each lead day still to come: none for a day already past.
    const award = events.find((e) =>
      String(e.getFirstPropertyValue('summary')).startsWith('Award a new contract before the extension'),
    )!;
    expect(award.getAllSubcomponents('valarm').map((a) => String(a.getFirstPropertyValue('trigger')))).toEqual([
      '-P29DT15H',
      '-P6DT15H',
      '-PT15H',
      'PT9H',
    ]);
    expect(calendar.getAllSubcomponents('vtodo')).toHaveLength(0);
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
    await details.getByText(/Snoozed until 1 June 2027/).waitFor();
    await details.getByText('End of snooze').waitFor();
    await expectNoAxeViolations(page, 'a deadline’s details');
  });

  it('has a notification centre, reached after the navigation, listing fired reminders', async () => {
    await page.getByRole('button', { name: /^Reminders/ }).click();
    const centre = page.getByRole('region', { name: 'Reminders' });
    // The sample was loaded after the day's reminders came due: none fired (no burst on loading).
    await centre.getByText('No reminders waiting.').waitFor();
    expect(pageProblems).toEqual([]);
  });
});
