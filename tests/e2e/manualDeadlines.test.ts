/**
 * Manual deadlines end to end: the real `npm run web` process with its clock
 * at 25 May 2027 09:00 in London (BOARD_FAKE_NOW), the sample board loaded,
 * and Chromium. A deadline is added through the form (its problems shown
 * inline first), seen in the list and the calendar, given its own lead
 * times, edited and marked done; Settings says this host cannot start at
 * login. No axe violations on the form or the details.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WebHostProcess } from '../helpers/webHostProcess.ts';
import { expectNoAxeViolations } from './axe.ts';
import { loadSample, makeDataDir, startBrowserApp, type BrowserApp } from './browserApp.ts';

const FAKE_NOW = '2027-05-25T08:00:00.000Z';
const TITLE = 'Send the annual assurance statement to the panel';

let app: BrowserApp | undefined;
let page: Page;
let host: WebHostProcess | undefined;
let pageProblems: string[];

beforeAll(async () => {
  app = await startBrowserApp({ dataDir: await makeDataDir('boardkeeper-e2e-manual-deadlines-'), fakeNow: FAKE_NOW });
  ({ page, host, pageProblems } = app);
  await loadSample(page, app.host.token);
});

afterAll(async () => {
  await app?.close();
});

describe('manual deadlines, end to end', () => {
  it('shows the problems of an empty form next to their fields, with no axe violations', async () => {
    await page.goto(`${new URL(host!.url).origin}/#/deadlines`);
    await page.getByRole('heading', { level: 1, name: 'Deadlines' }).waitFor();
    await page.getByRole('button', { name: 'Add a deadline' }).click();
    const form = page.getByRole('region', { name: 'Add a deadline' });
    await form.getByLabel('Title').waitFor();
    await expectNoAxeViolations(page, 'the empty deadline form');
    await form.getByRole('button', { name: 'Add the deadline' }).click();
    await form.getByRole('alert').getByText('The deadline was not added').waitFor();
    await form.locator('.field-error').getByText('Title is required').waitFor();
    expect(await form.getByLabel('Title').getAttribute('aria-invalid')).toBe('true');
    await expectNoAxeViolations(page, 'the deadline form with its problems');
  });

  it('adds a manual deadline linked to a contract, then shows its details', async () => {
    const form = page.getByRole('region', { name: 'Add a deadline' });
    await form.getByLabel('Title').fill(TITLE);
    await form.getByLabel('Due date').fill('2027-06-10');
    await form.getByLabel('Owner’s name').fill('The board secretary');
    await form.getByLabel('Owner’s e-mail').fill('secretary@example.org');
    await form.getByLabel('Contract').selectOption({ index: 1 });
    await form.getByLabel('Notes').fill('Signed by the chair.');
    await form.getByRole('button', { name: 'Add the deadline' }).click();
    const details = page.getByRole('region', { name: TITLE });
    await details.getByText('The board secretary (secretary@example.org)').waitFor();
    await details.getByText('Signed by the chair.').waitFor();
    expect(await page.getByRole('region', { name: 'Add a deadline' }).count()).toBe(0);
    await expectNoAxeViolations(page, 'a manual deadline’s details');
  });

  it('lists it among the next 30 days and shows it in the June calendar', async () => {
    await page.getByRole('region', { name: 'Next 30 days' }).getByRole('button', { name: TITLE }).waitFor();
    await page.getByLabel('Show').selectOption('calendar');
    await page.getByRole('table', { name: 'Deadlines in May 2027' }).waitFor();
    await page.getByRole('button', { name: 'Next month' }).click();
    await page.getByRole('table', { name: 'Deadlines in June 2027' }).getByRole('button', { name: TITLE }).waitFor();
    await page.getByLabel('Show').selectOption('list');
  });

  it('gives it its own lead times, refusing words, then goes back to the board’s', async () => {
    const details = page.getByRole('region', { name: TITLE });
    const lead = details.getByLabel('Remind this many days before');
    await expect(lead.inputValue()).resolves.toBe('90, 30, 7, 1, 0');
    await lead.fill('14, two');
    await details.getByRole('button', { name: 'Save lead times' }).click();
    await details.getByText('Remind this many days before must be whole numbers of days').waitFor();
    await lead.fill('2, 14');
    await details.getByRole('button', { name: 'Save lead times' }).click();
    await details.getByText('14 days before, 2 days before (this deadline’s own)').waitFor();
    await expect(lead.inputValue()).resolves.toBe('14, 2');
    await details.getByRole('button', { name: 'Use the board’s default' }).click();
    await details.getByText('on the day (the board’s)').waitFor();
    await lead.fill('14, 2');
    await details.getByRole('button', { name: 'Save lead times' }).click();
    await details.getByText('14 days before, 2 days before (this deadline’s own)').waitFor();
  });

  it('edits it and marks it done', async () => {
    let details = page.getByRole('region', { name: TITLE });
    await details.getByRole('button', { name: 'Edit', exact: true }).click();
    const form = page.getByRole('region', { name: 'Edit the deadline' });
    await expect(form.getByLabel('Title').inputValue()).resolves.toBe(TITLE);
    await form.getByLabel('Due date').fill('2027-06-11');
    await expectNoAxeViolations(page, 'the edit form');
    await form.getByRole('button', { name: 'Save changes' }).click();
    details = page.getByRole('region', { name: TITLE });
    await details.getByText('11 June 2027', { exact: false }).first().waitFor();
    await details.getByRole('button', { name: 'Mark done' }).click();
    await details.getByText('(closed: Done)', { exact: false }).waitFor();
    await details.getByRole('button', { name: 'Reopen' }).waitFor();
    await page.getByRole('button', { name: 'Close details' }).click();
    await page.getByRole('region', { name: 'Next 30 days' }).waitFor();
    expect(await page.getByRole('button', { name: TITLE }).count()).toBe(0);
  });

  it('says in Settings that the web host cannot start at login', async () => {
    await page.goto(`${new URL(host!.url).origin}/#/settings`);
    const box = page.getByRole('checkbox', { name: 'Start Boardkeeper when I log in' });
    await box.waitFor();
    expect(await box.isDisabled()).toBe(true);
    expect(await box.isChecked()).toBe(false);
    await page.getByText('Only the desktop app can start when you log in.').waitFor();
    await expectNoAxeViolations(page, 'Settings');
    expect(pageProblems).toEqual([]);
  });
});
