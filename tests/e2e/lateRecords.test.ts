/**
 * A secretariat officer enters the 2026 case after the fact, through the UI,
 * on 6 December 2026 (BOARD_FAKE_NOW): the 24 June 2026 decision and its
 * quarterly report condition from 24 September 2026. Every view (condition
 * page, Conditions list, Deadlines list and calendar, .ics, dashboard,
 * conditions report with its rating, conditions register) shows 24 September
 * overdue; a chase note answers nothing; the September report received on
 * 2 October makes 24 December the next date everywhere. The host is then
 * restarted on the same folder eight days later: nothing was notified for any
 * time before the condition was recorded, and the in-app summary of what was
 * already overdue was told once.
 */
import { readFile } from 'node:fs/promises';
import ICAL from 'ical.js';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebHostProcess, type WebHostProcess } from '../helpers/webHostProcess.ts';
import { makeDataDir, startBrowserApp, type BrowserApp } from './browserApp.ts';

const RECORDED_AT = '2026-12-06T10:00:00.000Z';
const EIGHT_DAYS_ON = '2026-12-14T10:00:00.000Z';
const DECISION = 'Misconduct analytics pilot: 12-month extension';
const QUARTERLY = 'Report progress on the re-tender to the board every quarter';

let app: BrowserApp | undefined;
let page: Page;
let origin = '';
/** The running host's token, sent as the page sends it with each call. */
let token = '';
let later: WebHostProcess | undefined;
let conditionHash = '';
/** True while the host is being restarted: the old page's failed requests are expected then. */
let restarting = false;

beforeAll(async () => {
  app = await startBrowserApp({
    dataDir: await makeDataDir('boardkeeper-e2e-late-'),
    fakeNow: RECORDED_AT,
    acceptDownloads: true,
    consoleErrorsExpected: () => restarting,
  });
  page = app.page;
  origin = new URL(app.host.url).origin;
  token = app.host.token;
  // The page takes the host's key from its first address: it must have started before it goes elsewhere.
  await page.getByRole('heading', { level: 1 }).first().waitFor();
});

afterAll(async () => {
  await later?.stop();
  await app?.close();
});

/** Calls a channel of the contract from the page (the host's token in a header), as the page's own client does. */
async function rpc<T>(channel: string, input: unknown): Promise<T> {
  const result = await page.evaluate(
    ([c, i, bearer]) =>
      fetch(`/rpc/${c}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${bearer}` },
        body: JSON.stringify(i),
      }).then((r) => r.json() as Promise<{ ok: boolean; value: unknown }>),
    [channel, input, token] as const,
  );
  expect(result.ok).toBe(true);
  return result.value as T;
}

/** The .ics download's events of the quarterly condition: [date, status]. */
async function icsDates(): Promise<string[][]> {
  await page.goto(`${origin}/#/deadlines`);
  await page.getByRole('heading', { level: 1, name: 'Deadlines' }).waitFor();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download .ics' }).click(),
  ]);
  const calendar = new ICAL.Component(ICAL.parse(await readFile(await download.path(), 'utf8')));
  return calendar
    .getAllSubcomponents('vevent')
    .filter((e) => e.getFirstPropertyValue('summary') === QUARTERLY)
    .map((e) => [String(e.getFirstPropertyValue('dtstart')), String(e.getFirstPropertyValue('status'))]);
}

/** Every view, asked what it says of the quarterly report on 6 December 2026. */
async function expectEveryView(expected: { overdue: boolean; date: string; long: string; medium: RegExp }) {
  // The condition page.
  await page.goto(`${origin}/${conditionHash}`);
  await page.getByRole('heading', { level: 1, name: QUARTERLY }).waitFor();
  const facts = page.getByRole('region', { name: 'The condition' });
  await facts.getByText(expected.overdue ? 'Overdue since' : 'Next due', { exact: true }).waitFor();
  expect(await facts.textContent()).toContain(expected.long);
  expect(await page.locator('.tag-line').getByText('Overdue', { exact: true }).count()).toBe(expected.overdue ? 1 : 0);

  // The Conditions list.
  await page.goto(`${origin}/#/conditions`);
  const row = page.getByRole('row').filter({ hasText: QUARTERLY });
  await row.waitFor();
  expect(await row.textContent()).toMatch(expected.medium);
  expect((await row.textContent())?.includes('Overdue')).toBe(expected.overdue);

  // The Deadlines list: in the overdue group, or not there.
  await page.goto(`${origin}/#/deadlines`);
  await page.getByRole('heading', { level: 1, name: 'Deadlines' }).waitFor();
  await page.getByRole('list', { name: 'Open deadlines' }).waitFor();
  const overdue = page.getByRole('region', { name: 'Overdue' });
  expect(await overdue.getByRole('button', { name: QUARTERLY }).count()).toBe(expected.overdue ? 1 : 0);

  // The calendar of the month of the date shown.
  await page.goto(`${origin}/#/deadlines?view=calendar&month=${expected.date.slice(0, 7)}`);
  const month = new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(`${expected.date}T00:00:00Z`),
  );
  const table = page.getByRole('table', { name: `Deadlines in ${month}` });
  await table.getByRole('button', { name: QUARTERLY }).first().waitFor();

  // The .ics: the date shown is an open event.
  expect(await icsDates()).toContainEqual([expected.date, 'CONFIRMED']);

  // The dashboard: among the overdue conditions, or not.
  await page.goto(`${origin}/#/`);
  await page.getByRole('heading', { name: 'Overdue conditions' }).waitFor();
  const dashboardOverdue = page.getByRole('table', { name: /Overdue conditions/ });
  // Polled: the dashboard drawn from the page's cache is read again on arrival.
  await expect
    .poll(() => dashboardOverdue.getByRole('link', { name: QUARTERLY }).count(), { timeout: 15_000 })
    .toBe(expected.overdue ? 1 : 0);

  // The conditions report and its rating.
  const report = await rpc<{ content: string }>('documents:conditionsReport', { format: 'md' });
  const line = report.content.split('\n').find((l) => l.includes(`| ${QUARTERLY} |`)) ?? '';
  expect(line).toContain(expected.overdue ? 'Red: overdue by 73 days' : 'Amber: due in 18 days');
  expect(line).toContain(`${expected.long} (quarterly until 24 June 2027)`);

  // The conditions register.
  const register = await rpc<{ content: string }>('documents:register', { register: 'conditions' });
  const csvLine = register.content.split('\n').find((l) => l.includes(QUARTERLY)) ?? '';
  expect(csvLine).toContain(`,${expected.date},Open,${expected.overdue ? 'Yes' : 'No'},`);
}

describe('a board entering its history: obligations as it decided them', () => {
  it('records the 24 June 2026 decision and its quarterly condition from 24 September 2026', async () => {
    await page.goto(`${origin}/#/decisions/new`);
    await page.getByRole('heading', { level: 1, name: 'Record a decision' }).waitFor();
    await page.getByLabel('Title', { exact: true }).fill(DECISION);
    await page.getByLabel('Date of the decision').fill('2026-06-24');
    await page.getByLabel('Outcome').selectOption('approved_with_conditions');
    await page.getByRole('button', { name: 'Record the decision' }).click();
    await page.getByRole('heading', { level: 1, name: DECISION }).waitFor();

    await page.getByRole('button', { name: 'Add a condition' }).click();
    const form = page.getByRole('region', { name: /Add a condition to/ });
    await form.getByLabel('Condition').fill(QUARTERLY);
    await form.getByLabel('Owner’s name').fill("The police force's commercial director");
    await form.getByLabel('Again and again (e.g. a quarterly report)').check();
    await form.getByLabel('How often').selectOption('quarterly');
    await form.getByLabel('First due').fill('2026-09-24');
    await form.getByLabel('Last due').fill('2027-06-24');
    await form.getByRole('button', { name: 'Add the condition' }).click();
    const link = page.getByRole('link', { name: QUARTERLY });
    await link.waitFor();
    conditionHash =
      new URL((await link.getAttribute('href')) ?? '', origin).hash || ((await link.getAttribute('href')) ?? '');

    // Already overdue when recorded: told once, in the app, with the way to the overdue list.
    const summary = page.getByRole('status').filter({ hasText: '1 obligation was already overdue when recorded' });
    await summary.waitFor({ timeout: 20_000 });
    await summary.getByRole('link', { name: 'Show the overdue list' }).waitFor();
  });

  it('shows 24 September 2026 overdue in every view', async () => {
    await expectEveryView({
      overdue: true,
      date: '2026-09-24',
      long: '24 September 2026',
      medium: /24 September 2026/,
    });
  });

  it('records a chase note, which answers nothing: still overdue everywhere', async () => {
    await page.goto(`${origin}/${conditionHash}`);
    await page.getByRole('heading', { level: 1, name: QUARTERLY }).waitFor();
    // The status box opens at the current status, never at "Met".
    expect(await page.getByLabel('Status', { exact: true }).inputValue()).toBe('open');
    expect(await page.getByLabel('This update answers').inputValue()).toBe('');
    await page.getByLabel('Note').fill('The September report has not been received.');
    await page.getByRole('button', { name: 'Record the update' }).click();
    await page
      .getByRole('table', { name: /Updates/ })
      .getByRole('row')
      .filter({ hasText: 'has not been received' })
      .waitFor();
    await expectEveryView({
      overdue: true,
      date: '2026-09-24',
      long: '24 September 2026',
      medium: /24 September 2026/,
    });
  });

  it('records the September report as received on 2 October: 24 December is the next date everywhere', async () => {
    await page.goto(`${origin}/${conditionHash}`);
    await page.getByRole('heading', { level: 1, name: QUARTERLY }).waitFor();
    await page.getByLabel('This update answers').selectOption('2026-09-24');
    await page.getByLabel('Date it happened').fill('2026-10-02');
    await page.getByLabel('Note').fill('Report for September received.');
    await page.getByRole('button', { name: 'Record the update' }).click();
    const received = page
      .getByRole('table', { name: /Updates/ })
      .getByRole('row')
      .filter({ hasText: 'Report for September received.' });
    await received.waitFor();
    expect(await received.textContent()).toContain('2 October 2026');
    expect(await received.textContent()).toContain('Date due 24 September 2026');
    await expectEveryView({ overdue: false, date: '2026-12-24', long: '24 December 2026', medium: /24 December 2026/ });
    // September's event is no longer open in the calendar file.
    expect((await icsDates()).filter(([, status]) => status === 'CONFIRMED').map(([date]) => date)).not.toContain(
      '2026-09-24',
    );
  });

  it('eight days later notified nothing from before the condition was recorded, and told the summary once', async () => {
    restarting = true;
    await app!.host.stop();
    later = await startWebHostProcess(app!.dataDir, undefined, { BOARD_FAKE_NOW: EIGHT_DAYS_ON });
    page = await app!.openPage(later.url);
    restarting = false;
    origin = new URL(later.url).origin;
    token = later.token;
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    const reminders = await rpc<{
      rows: Array<{ due: string; at: string }>;
      arrived: { count: number; at: string } | null;
    }>('reminders:list', { show: 'all' });
    for (const r of reminders.rows) {
      expect(r.due >= '2026-12-06').toBe(true);
      expect(Date.parse(r.at)).toBeGreaterThanOrEqual(Date.parse(RECORDED_AT));
    }
    expect(reminders.arrived).toMatchObject({ count: 1 });
    expect(Date.parse(reminders.arrived!.at)).toBeLessThan(Date.parse(EIGHT_DAYS_ON));
    // No second summary on this start.
    await page.waitForTimeout(3000);
    expect(await page.getByRole('status').filter({ hasText: 'already overdue when recorded' }).count()).toBe(0);
    // The panel says the rule once, and what is coming.
    await page.getByRole('button', { name: /^Reminders/ }).click();
    const centre = page.getByRole('region', { name: 'Reminders' });
    await centre.getByText(/never for a time before its record was entered here/).waitFor();
    expect(await centre.textContent()).toContain('1 obligation was already overdue when recorded');
    expect(app!.pageProblems).toEqual([]);
  });
});
