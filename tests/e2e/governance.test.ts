/**
 * End to end, the case the app is built around: Chromium drives the built
 * renderer through the real `npm run web` process, its clock started at a
 * fixed day (BOARD_FAKE_NOW), on a fresh data folder. Load the sample board
 * from the empty dashboard; open the decision of 24 June 2026 (PCD 2026-117)
 * and see its four conditions and the pilot contract it extends; mark the
 * data-export plan met with an evidence paper; try to edit the signed
 * decision and be offered an amendment; record one; find the decision with
 * Ctrl+K by a word of its wording; see the dashboard's overdue count fall.
 * axe-core checks each screen, light and dark.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoAxeViolationsLightAndDark } from './axe.ts';
import { makeDataDir, startBrowserApp, type BrowserApp } from './browserApp.ts';

/** The day the test runs on: after the data-export plan fell due (24 December 2026), so it is overdue. */
const FAKE_NOW = '2027-01-10T09:00:00Z';
const JUNE_DECISION = 'Misconduct analytics pilot: 12-month extension with conditions';
const DATA_EXPORT = 'Produce a data-export plan so another provider can take over';

let app: BrowserApp | undefined;
let page: Page;
/** Console errors and page errors (a CSP violation is a console error): there must be none. */
let pageProblems: string[];

/** Screenshots in light and dark, and axe in both. */
function lookAt(name: string, where: string): Promise<void> {
  return expectNoAxeViolationsLightAndDark(page, `/tmp/boardkeeper-${name}`, where);
}

function nav(label: string) {
  return page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: label, exact: true });
}

/** The number on the dashboard's overdue tile. */
async function overdueCount(): Promise<number> {
  const tile = page.getByRole('link', { name: /overdue conditions?$/ });
  const text = (await tile.textContent()) ?? '';
  return Number(/^\s*(\d+)/.exec(text)?.[1] ?? NaN);
}

beforeAll(async () => {
  app = await startBrowserApp({ dataDir: await makeDataDir('boardkeeper-e2e-gov-'), fakeNow: FAKE_NOW });
  ({ page, pageProblems } = app);
});

afterAll(async () => {
  await app?.close();
});

describe('decisions, conditions and contracts, end to end', () => {
  let overdueBefore = 0;

  it('offers the sample board on the empty dashboard, and loads it', async () => {
    await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
    await page.getByRole('heading', { name: 'Nothing is recorded yet' }).waitFor();
    await expect.poll(() => page.getByText('Today is Sunday 10 January 2027.').count()).toBe(1);
    await lookAt('gov-dashboard-empty', 'the empty dashboard');
    await page.getByRole('button', { name: 'Load the sample board' }).click();
    await page.getByRole('heading', { name: 'Overdue conditions' }).waitFor();
    await expect.poll(() => page.getByRole('banner').textContent()).toContain('Policing Oversight Board');
    overdueBefore = await overdueCount();
    // The data-export plan (due 24 December 2026), a follow-up due a week ago, and the quarterly report's
    // 24 December 2026 date (September's report is recorded as received; December's is not).
    expect(overdueBefore).toBe(3);
    const overdue = page.getByRole('table', { name: /Overdue conditions/ });
    await overdue.getByRole('link', { name: DATA_EXPORT }).waitFor();
    // The next meeting and its pack; the direct awards flagged.
    expect(await page.getByRole('region', { name: 'Next meeting' }).textContent()).toContain(
      '0 of 1 paper in the pack read',
    );
    const direct = page.getByRole('region', { name: 'Direct awards' });
    expect(await direct.getByRole('listitem').filter({ hasText: 'Direct award' }).count()).toBe(2);
    expect(await direct.textContent()).toContain('£50,100,000');
    expect(await direct.textContent()).toContain('Undisclosed');
    // The chart says its numbers in words.
    const chart = page.getByRole('list', { name: /conditions by status/ });
    expect(await chart.getByRole('listitem').filter({ hasText: 'Open' }).first().textContent()).toMatch(/Open\s*6/);
    await lookAt('gov-dashboard', 'the dashboard');
  });

  it('lists the decisions in the register and opens the decision of 24 June 2026', async () => {
    await nav('Decisions').click();
    await page.getByRole('heading', { level: 1, name: 'Decisions' }).waitFor();
    const register = page.getByRole('table', { name: /Decisions, sorted by date/ });
    await register.getByRole('link', { name: 'PCD 2026-117' }).waitFor();
    expect(await register.getAttribute('aria-rowcount')).toBe('4');
    await lookAt('gov-register', 'the decisions register');

    // A filter goes into the address, and Back takes it away again.
    await page.getByLabel('Outcome').selectOption('approved_with_conditions');
    await expect.poll(() => page.url()).toContain('outcome=approved_with_conditions');
    await expect.poll(() => register.getAttribute('aria-rowcount')).toBe('2');
    await page.goBack();
    await expect.poll(() => register.getAttribute('aria-rowcount')).toBe('4');
    expect(await page.getByLabel('Outcome').inputValue()).toBe('');

    await register.getByRole('link', { name: 'PCD 2026-117' }).click();
    await page.getByRole('heading', { level: 1, name: JUNE_DECISION }).waitFor();
    const facts = page.getByRole('region', { name: 'The decision' });
    expect(await facts.textContent()).toContain('24 June 2026');
    expect(await facts.textContent()).toContain('2 July 2026'); // call-in ends
    expect(await facts.textContent()).toContain('3 for, 0 against, 0 abstaining');
    const conditions = page.getByRole('table', { name: /Conditions of PCD 2026-117/ });
    expect(await conditions.getByRole('row').count()).toBe(5);
    await conditions.getByRole('link', { name: DATA_EXPORT }).waitFor();
    expect(await page.getByRole('region', { name: 'Conditions' }).textContent()).toContain(
      'Outstanding 4 of 4 still open',
    );
    const contracts = page.getByRole('region', { name: 'Contracts' });
    await contracts.getByRole('link', { name: /CTR-2025-019 Misconduct analytics pilot/ }).waitFor();
    expect(await contracts.textContent()).toContain('Direct award');
    const lineage = page.getByRole('region', { name: 'Lineage' });
    expect(await lineage.textContent()).toMatch(/PCD-FOLLOW-01.*implements this decision/);
    await lookAt('gov-decision', 'the decision page');
  });

  it('marks the data-export plan met, with an evidence paper', async () => {
    await page
      .getByRole('table', { name: /Conditions of PCD 2026-117/ })
      .getByRole('link', { name: DATA_EXPORT })
      .click();
    await page.getByRole('heading', { level: 1, name: DATA_EXPORT }).waitFor();
    await page.getByText('Overdue', { exact: true }).first().waitFor();
    await page.getByLabel('Status', { exact: true }).selectOption('met');
    await page.getByLabel('Note').fill('Plan received and agreed with the supplier.');
    await page.getByRole('button', { name: 'Choose an evidence paper' }).click();
    await page.getByLabel('Find the paper that shows it').fill('PAP-2026-046');
    await page.getByRole('button', { name: 'Choose PAP-2026-046' }).click();
    await lookAt('gov-condition-form', 'the condition page with its status form');
    await page.getByRole('button', { name: 'Record the update' }).click();
    const history = page.getByRole('table', { name: /Updates/ });
    const met = history.getByRole('row').filter({ hasText: 'Plan received and agreed with the supplier.' });
    await met.waitFor();
    expect(await met.textContent()).toContain('Met');
    expect(await met.textContent()).toContain('Secretariat');
    await met.getByRole('link', { name: /PAP-2026-046/ }).waitFor();
    await page
      .getByRole('status')
      .filter({ hasText: /marked met/ })
      .waitFor();
    await expect.poll(() => page.getByText('Overdue', { exact: true }).count()).toBe(0);
    // The condition's status updates and the record's change history are two sections, each saying what it holds.
    const updates = page.getByRole('region', { name: 'Status updates' });
    expect(await updates.textContent()).toContain('How the condition has been answered');
    expect(await updates.getByRole('row').filter({ hasText: 'Plan received' }).count()).toBe(1);
    const changes = page.getByRole('region', { name: 'Change history' });
    expect(await changes.textContent()).toContain('The audit trail: every edit saved to this condition');
    expect(await page.getByRole('region', { name: 'History', exact: true }).count()).toBe(0);
    // One date, one way: no abbreviated month anywhere on the card ("Due 1 Mar 2027" beside "1 March 2027").
    const facts = await page.getByRole('region', { name: 'The condition' }).textContent();
    expect(facts).not.toMatch(/\b\d{1,2} (Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\b/);
    await lookAt('gov-condition-met', 'the condition page after the update: status updates, then change history');
  });

  it('shows its date fields day first (dd/mm/yyyy), as the board writes dates', async () => {
    await page.getByRole('button', { name: 'Edit owner or dates' }).click();
    const due = page.getByLabel('Due by');
    // Typed digits fill the field's parts in the order it shows them: day, month, year for en-GB; a month-first
    // field (Chromium started without its en-GB resources) would take 01 as January and make 2027-01-03.
    await due.focus();
    await page.keyboard.type('01032027');
    expect(await due.inputValue()).toBe('2027-03-01');
    expect(await page.getByText(/month first/).count()).toBe(0);
    await page.screenshot({ path: '/tmp/boardkeeper-gov-condition-date-field.png' });
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.getByRole('button', { name: 'Edit owner or dates' }).waitFor();
  });

  it('refuses an edit of the signed decision, and offers an amendment instead', async () => {
    await page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link', { name: 'PCD 2026-117' }).click();
    await page.getByRole('heading', { level: 1, name: JUNE_DECISION }).waitFor();
    await page.getByRole('button', { name: 'Edit PCD 2026-117' }).click();
    const refusal = page.getByRole('alert').filter({ hasText: 'cannot be edited' });
    await refusal.waitFor();
    expect(await refusal.textContent()).toContain(
      'PCD 2026-117 was signed by Secretariat and cannot be edited. Record an amendment instead',
    );
    const form = page.getByRole('region', { name: 'Record an amendment to PCD 2026-117' });
    await form.waitFor();
    const what = form.getByLabel('What is corrected');
    await expect.poll(() => what.evaluate((el) => el === el.ownerDocument.activeElement)).toBe(true);
    await lookAt('gov-amendment', 'the decision page with the amendment form');

    // Both fields are needed: the backend says which is missing.
    await form.getByRole('button', { name: 'Record the amendment' }).click();
    await form.getByText('Why is required: say why').first().waitFor();
    expect(await form.getByLabel('Why').getAttribute('aria-invalid')).toBe('true');
  });

  it('records an amendment, shown on the decision with who and when', async () => {
    const form = page.getByRole('region', { name: 'Record an amendment to PCD 2026-117' });
    await form.getByLabel('What is corrected').fill('The effective date is 3 July 2026, as published.');
    await form.getByLabel('Why').fill('The draft notice gave 2 July in error.');
    await form.getByRole('button', { name: 'Record the amendment' }).click();
    await form.waitFor({ state: 'detached' });
    const amendments = page.getByRole('region', { name: 'Amendments' });
    await amendments.getByText('The effective date is 3 July 2026, as published.').waitFor();
    expect(await amendments.textContent()).toContain('The draft notice gave 2 July in error.');
    expect(await amendments.textContent()).toMatch(/Recorded by Secretariat on 10 January 2027/);
  });

  it('finds the decision with Ctrl+K by a word of its wording, and opens it with the keyboard', async () => {
    await nav('Contracts').click();
    await page.getByRole('heading', { level: 1, name: 'Contracts' }).waitFor();
    await page.keyboard.press('Control+K');
    const dialog = page.getByRole('dialog', { name: 'Search' });
    await dialog.waitFor();
    const box = dialog.getByRole('combobox');
    expect(await box.evaluate((el) => el === el.ownerDocument.activeElement)).toBe(true);
    // "approves" is in the wording of PCD 2026-117 only.
    await page.keyboard.type('approves');
    const option = dialog.getByRole('option').filter({ hasText: 'PCD 2026-117' });
    await option.waitFor();
    expect(await dialog.getByRole('group', { name: 'Decisions' }).count()).toBe(1);
    expect(await option.getAttribute('aria-selected')).toBe('true');
    expect(await option.textContent()).toContain('approves');
    await lookAt('gov-search', 'the search dialog');

    // The focus stays in the dialog.
    for (let i = 0; i < 4; i++) await page.keyboard.press('Tab');
    expect(await dialog.evaluate((el) => el.contains(el.ownerDocument.activeElement))).toBe(true);
    await box.focus();

    // Escape closes it; Ctrl+K opens it again with the query kept.
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    await page.keyboard.press('Control+K');
    await option.waitFor();
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'hidden' });
    await page.getByRole('heading', { level: 1, name: JUNE_DECISION }).waitFor();
    expect(page.url()).toMatch(/#\/decisions\/dec_/);

    // Arrow keys move through the results of another search.
    await page.keyboard.press('Control+K');
    await box.fill('misconduct');
    await dialog.getByRole('group', { name: 'Contracts' }).waitFor();
    const first = await dialog.getByRole('option').first().getAttribute('id');
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => box.getAttribute('aria-activedescendant')).not.toBe(first);
    await page.keyboard.press('Escape');
  });

  it('lists conditions across decisions, filtered by due window and kept in the address', async () => {
    await nav('Conditions').click();
    await page.getByRole('heading', { level: 1, name: 'Conditions' }).waitFor();
    const list = page.getByRole('table', { name: /Conditions, sorted by due date/ });
    await expect.poll(() => list.getAttribute('aria-rowcount')).toBe('7');
    await page.getByLabel('Due', { exact: true }).selectOption('overdue');
    await expect.poll(() => page.url()).toContain('due=overdue');
    await expect.poll(() => list.getAttribute('aria-rowcount')).toBe('3');
    await list.getByRole('link', { name: 'Send the board the draft tender specification' }).waitFor();
    await list.getByRole('link', { name: 'Report progress on the re-tender to the board every quarter' }).waitFor();
    await lookAt('gov-conditions', 'the conditions list');
    await page.getByLabel('Owner').fill('chief information');
    await expect.poll(() => page.url()).toContain('owner=chief');
    await page.getByText('No conditions match these filters.').waitFor();
    await page.getByRole('link', { name: 'Clear the filters' }).click();
    await expect.poll(() => list.getAttribute('aria-rowcount')).toBe('7');
  });

  it('lists the contracts with their route flags and values, and opens the pilot', async () => {
    await nav('Contracts').click();
    const table = page.getByRole('table', { name: 'Contracts' });
    const pilot = table.getByRole('row').filter({ hasText: 'CTR-2025-019' });
    await pilot.waitFor();
    expect(await pilot.textContent()).toContain('Direct award');
    expect(await pilot.textContent()).toContain('Undisclosed');
    const blocked = table.getByRole('row').filter({ hasText: 'CTR-2026-007' });
    expect(await blocked.textContent()).toContain('£50,100,000');
    expect(await blocked.textContent()).toContain('Blocked');
    await lookAt('gov-contracts', 'the contracts list');

    await page.getByLabel('Procurement route').selectOption('open');
    await expect.poll(() => table.getByRole('row').count()).toBe(2);
    await page.goBack();
    await pilot.getByRole('link', { name: 'CTR-2025-019' }).click();
    await page.getByRole('heading', { level: 1, name: 'Misconduct analytics pilot' }).waitFor();
    const terms = page.getByRole('region', { name: 'Terms' });
    expect(await terms.textContent()).toContain('Why the market was not tested');
    expect(await terms.textContent()).toContain('Undisclosed');
    const breaks = page.getByRole('table', { name: 'Break clauses' });
    expect(await breaks.textContent()).toContain('24 December 2026'); // earliest
    expect(await breaks.textContent()).toContain('25 September 2026'); // 90 days' notice before it
    await page
      .getByRole('table', { name: /Decisions on CTR-2025-019/ })
      .getByRole('link', { name: 'PCD 2026-117' })
      .waitFor();
    const conditions = page.getByRole('table', { name: /Conditions of the decisions on CTR-2025-019/ });
    await conditions.getByRole('link', { name: DATA_EXPORT }).waitFor();
    await lookAt('gov-contract', 'the contract page');
  });

  it('refuses a contract whose end precedes its start, naming the field', async () => {
    await page.getByRole('link', { name: 'Edit CTR-2025-019' }).click();
    await page.getByRole('heading', { level: 1, name: 'Edit CTR-2025-019' }).waitFor();
    await page.getByLabel('Term ends').fill('2020-01-01');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Term ends (as let) must not be before the term start').first().waitFor();
    expect(await page.getByLabel('Term ends').getAttribute('aria-invalid')).toBe('true');
    await page.getByRole('link', { name: 'Cancel' }).click();
    await page.getByRole('heading', { level: 1, name: 'Misconduct analytics pilot' }).waitFor();
  });

  it('shows the overdue count fallen on the dashboard', async () => {
    await nav('Dashboard').click();
    await page.getByRole('heading', { name: 'Overdue conditions' }).waitFor();
    await expect.poll(overdueCount).toBe(overdueBefore - 1);
    const overdue = page.getByRole('table', { name: /Overdue conditions/ });
    expect(await overdue.getByRole('link', { name: DATA_EXPORT }).count()).toBe(0);
    const chart = page.getByRole('list', { name: /conditions by status/ });
    expect(await chart.getByRole('listitem').filter({ hasText: /^Met/ }).textContent()).toMatch(/Met\s*1/);
  });

  it('records a draft decision with a condition, and signs it after confirming', async () => {
    await nav('Decisions').click();
    await page.getByRole('link', { name: 'Record a decision' }).click();
    await page.getByRole('heading', { level: 1, name: 'Record a decision' }).waitFor();
    await page.getByRole('button', { name: 'Record the decision' }).click();
    await page.getByText('Title is required').first().waitFor();
    await page.getByText('Outcome is required').first().waitFor();
    await page.getByLabel('Title', { exact: true }).fill('Re-tender specification approved');
    await page.getByLabel('Date of the decision').fill('2027-01-08');
    await page.getByLabel('Outcome').selectOption('approved_with_conditions');
    await page.getByRole('button', { name: 'Record the decision' }).click();
    await page.getByRole('heading', { level: 1, name: 'Re-tender specification approved' }).waitFor();
    await lookAt('gov-decision-draft', 'a draft decision');

    await page.getByRole('button', { name: 'Add a condition' }).click();
    const form = page.getByRole('region', { name: /Add a condition to/ });
    await form.getByLabel('Condition').fill('Publish the contract notice');
    await form.getByLabel('Owner’s name').fill("The police force's commercial director");
    await form.getByLabel('Due by').fill('2026-12-01');
    await form.getByRole('button', { name: 'Add the condition' }).click();
    await form
      .getByText(/Due by must not be before its decision/)
      .first()
      .waitFor();
    await form.getByLabel('Due by').fill('2027-02-15');
    await form.getByRole('button', { name: 'Add the condition' }).click();
    await page.getByRole('link', { name: 'Publish the contract notice' }).waitFor();

    // Signing needs the wording and who decided: the backend says so.
    await page.getByRole('button', { name: 'Sign', exact: true }).click();
    const confirm = page.getByRole('dialog', { name: /^Sign / });
    // Who signed and when are asked first, as on the signed copy.
    await confirm.getByRole('button', { name: 'Sign the decision' }).click();
    await confirm.getByText('Signed by is required').first().waitFor();
    await confirm.getByLabel('Signed by').selectOption({ label: 'Chair of the oversight board (Chair)' });
    await confirm.getByLabel('Signed on').fill('2027-01-09');
    await confirm.getByRole('button', { name: 'Sign the decision' }).click();
    await page.getByText('Wording is required before signing').first().waitFor();
  });

  it('saw no console errors and no CSP violations in the page', () => {
    expect(pageProblems).toEqual([]);
  });
});
