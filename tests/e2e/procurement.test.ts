/**
 * Procurement law end to end: the real web host with its clock at 27
 * November 2026 (BOARD_FAKE_NOW), the sample board, and Chromium: the pilot's
 * flags and re-tender plan; a modification over 10% flagged on the dashboard;
 * a re-tender plan with a step already past, which moves when its award
 * meeting moves; the forward plan, "add to the agenda of …" and the
 * declaration prompt for the member whose interest names the supplier; the
 * forward plan exported; the suppliers view; a member's interest naming an
 * organisation, and a contract linked to an agenda item in the agenda editor
 * by keyboard, prompting that member. No axe violation on the new
 * screens; each is saved as a screenshot.
 */
import { readFile } from 'node:fs/promises';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoAxeViolations } from './axe.ts';
import { loadSample, makeDataDir, startBrowserApp, type BrowserApp } from './browserApp.ts';

const FAKE_NOW = '2026-11-27T09:00:00.000Z';

let app: BrowserApp | undefined;
let page: Page;
let origin: string;

/** Calls a channel from the page, as the page itself does (the host's token in a header). */
async function rpc(channel: string, input: unknown): Promise<{ ok: boolean; value?: { id?: string } }> {
  return (await page.evaluate(
    ([c, body, token]) =>
      fetch(`/rpc/${c}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
        body,
      }).then((r) => r.json()),
    [channel, JSON.stringify(input), app!.host.token] as const,
  )) as { ok: boolean; value?: { id?: string } };
}

/** The id of the sample's meeting on `date`. */
async function meetingOn(date: string): Promise<string> {
  const list = (await rpc('meetings:list', { when: 'all' })) as unknown as {
    value: { rows: Array<{ id: string; date: string }> };
  };
  return list.value.rows.find((m) => m.date === date)!.id;
}

beforeAll(async () => {
  app = await startBrowserApp({
    dataDir: await makeDataDir('boardkeeper-e2e-procurement-'),
    fakeNow: FAKE_NOW,
    acceptDownloads: true,
  });
  page = app.page;
  origin = new URL(app.host.url).origin;
  await loadSample(page, app.host.token);
});

afterAll(async () => {
  await app?.close();
});

/** Whether `locator` has the focus. */
function hasFocus(locator: Locator): Promise<boolean> {
  return locator.evaluate((el) => el === el.ownerDocument.activeElement);
}

/** Presses Tab until `target` has the focus, as a keyboard user would. */
async function tabTo(target: Locator, limit = 150): Promise<void> {
  await target.waitFor();
  for (let i = 0; i < limit && !(await hasFocus(target)); i++) await page.keyboard.press('Tab');
  expect(await hasFocus(target), 'Tab reached the element').toBe(true);
}

async function openContract(reference: string): Promise<void> {
  await page.goto(`${origin}/#/contracts`);
  await page.getByRole('link', { name: reference }).click();
  await page.getByRole('heading', { level: 1 }).waitFor();
}

describe('procurement law, end to end', () => {
  it('shows the pilot’s flag, citing the section, and its re-tender plan on track', async () => {
    await page.goto(`${origin}/#/contracts`);
    const list = page.getByRole('list', { name: 'Procurement flags on CTR-2025-019' });
    expect(await list.textContent()).toContain('Direct award with no transparency notice (UK5)');
    await openContract('CTR-2025-019');
    const flags = page.getByRole('note', { name: 'Procurement flags on this contract' });
    expect(await flags.textContent()).toMatch(/Direct award with no transparency notice \(UK5\)\..*Source: s\.44\./);
    const plan = page.getByRole('region', { name: 'Re-tender plan' });
    expect(await plan.textContent()).toContain('On track');
    const award = plan.getByRole('row').filter({ hasText: 'Board award decision' });
    expect(await award.textContent()).toContain('20 May 2027');
    const notice = plan.getByRole('row').filter({ hasText: 'Publish the contract award notice (UK6)' });
    expect(await notice.textContent()).toContain('14 June 2027');
    await page.screenshot({ path: '/tmp/boardkeeper-procurement-contract.png', fullPage: true });
    await expectNoAxeViolations(page, 'the contract page with its procurement panels');
  });

  it('flags a modification over 10% on the dashboard', async () => {
    const created = await rpc('contracts:create', {
      reference: 'CTR-2026-050',
      title: 'Custody cleaning',
      suppliers: ['Brightclean Ltd'],
      route: 'open',
      initialValueGbp: 1_000_000,
      valueWithOptionsGbp: 1_000_000,
      termStart: '2025-04-01',
      termEnd: '2029-03-31',
    });
    expect(created.ok).toBe(true);
    await openContract('CTR-2026-050');
    await page.getByRole('button', { name: 'Add a modification' }).click();
    const form = page.getByRole('form', { name: 'Add a modification' });
    await form.getByLabel('Date of the modification').fill('2026-11-02');
    await form.getByLabel('What changes').fill('Two more custody suites');
    await form.getByLabel('Value change').fill('£120,000');
    await form.getByRole('button', { name: 'Add the modification' }).click();
    await page.getByRole('row').filter({ hasText: 'Two more custody suites' }).waitFor();
    await page.goto(`${origin}/#/dashboard`);
    const region = page.getByRole('region', { name: 'Procurement flags' });
    await region.getByText('Modification with no contract change notice (UK10).').waitFor();
    expect(await region.textContent()).toMatch(/£120,000, 12% of £1,000,000: above 10%/);
    const plans = page.getByRole('region', { name: 'Re-tender plans' });
    expect(await plans.textContent()).toContain('On track');
    await page.screenshot({ path: '/tmp/boardkeeper-procurement-dashboard.png', fullPage: true });
    await expectNoAxeViolations(page, 'the dashboard with procurement flags');

    // Recording the change notice for it clears the flag.
    await openContract('CTR-2026-050');
    await page.getByRole('button', { name: 'Record a notice' }).click();
    const notice = page.getByRole('form', { name: 'Record a notice' });
    await notice.getByLabel('Notice', { exact: true }).selectOption({ label: 'Contract change notice (UK10)' });
    await notice.getByLabel('Published on').fill('2026-10-20');
    await notice.getByLabel('Find a Tender notice id or ocid').fill('034567-2026');
    await notice.getByLabel('Modification it announces').selectOption({ index: 1 });
    await expectNoAxeViolations(page, 'the notice form');
    await notice.getByRole('button', { name: 'Record the notice' }).click();
    await page.getByRole('row').filter({ hasText: '034567-2026' }).waitFor();
    expect(await page.getByRole('note', { name: 'Procurement flags on this contract' }).count()).toBe(0);
  });

  it('adds a forward-plan event to a meeting’s agenda and prompts the member whose interest names the supplier', async () => {
    await page.goto(`${origin}/#/contracts/forward-plan`);
    await page.getByRole('heading', { level: 1, name: 'Forward plan' }).waitFor();
    const december = page.getByRole('region', { name: 'December 2026' });
    const row = december.getByRole('row').filter({ hasText: 'Publish the tender notice (UK4)' });
    await row.waitFor();
    await page.screenshot({ path: '/tmp/boardkeeper-forward-plan.png', fullPage: true });
    await expectNoAxeViolations(page, 'the forward plan');
    await row.getByRole('button', { name: /^Add to the agenda of Oversight board/ }).click();
    await row.getByRole('button', { name: /^Added to the agenda of/ }).waitFor();

    // The forward plan exported as Markdown, for publication.
    const group = page.getByRole('group', { name: 'Export the forward plan' });
    await group.getByLabel('Format').selectOption({ label: 'Markdown' });
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      group.getByRole('button', { name: 'Export' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('FP-2026-11-27-forward-plan.md');
    const text = await readFile((await download.path())!, 'utf8');
    expect(text).toContain('# Forward plan from 27 November 2026');
    expect(text).toContain('Publish the tender notice (UK4): Misconduct analytics pilot');

    await page.goto(`${origin}/#/meetings/${await meetingOn('2026-12-11')}`);
    const prompt = page.getByRole('note', { name: /Declarations of interest to ask for on item/ });
    await prompt.waitFor();
    expect(await prompt.textContent()).toContain(
      'If Independent member for ethics withdraws, 4 of 5 remain: quorate (quorum 3).',
    );
    await page.screenshot({ path: '/tmp/boardkeeper-declaration-prompt.png', fullPage: true });
    await expectNoAxeViolations(page, 'the meeting with a declaration prompt');
    await prompt.getByRole('button', { name: 'Record Independent member for ethics’s declaration' }).click();
    await prompt.getByText('Declared').waitFor();
  });

  it('warns when a re-tender step is already past, and moves the plan when the award meeting moves', async () => {
    const created = await rpc('contracts:create', {
      reference: 'CTR-2024-011',
      title: 'Forensic services',
      suppliers: ['Lab Services Ltd'],
      route: 'open',
      termStart: '2024-01-15',
      termEnd: '2027-01-15',
    });
    expect(created.ok).toBe(true);
    await openContract('CTR-2024-011');
    // Ending within 18 months with no plan: flagged.
    expect(await page.getByRole('note', { name: 'Procurement flags on this contract' }).textContent()).toContain(
      'Ends soon with no re-tender plan',
    );
    await page.getByRole('button', { name: 'Plan a re-tender' }).click();
    const form = page.getByRole('form', { name: 'Re-tender plan' });
    await form.getByLabel('The new contract must start on').fill('2027-01-15');
    await form.getByLabel('Award decision at').selectOption({ label: 'Oversight board, 11 December 2026' });
    await form.getByRole('button', { name: 'Save the plan' }).click();
    const warnings = page.getByRole('note', { name: 'Warnings about the re-tender plan' });
    await warnings.waitFor();
    expect(await warnings.textContent()).toMatch(/Specification and business case to the board: .* is already past\./);
    const plan = page.getByRole('region', { name: 'Re-tender plan' });
    expect(await plan.getByRole('row').filter({ hasText: 'Board award decision' }).textContent()).toContain(
      '11 December 2026',
    );
    await page.screenshot({ path: '/tmp/boardkeeper-procurement-plan-warning.png', fullPage: true });
    await expectNoAxeViolations(page, 'a re-tender plan with warnings');

    // The meeting moves a week later: the award decision and the steps before it follow.
    expect((await rpc('meetings:update', { id: await meetingOn('2026-12-11'), date: '2026-12-18' })).ok).toBe(true);
    await plan
      .getByRole('row')
      .filter({ hasText: 'Board award decision' })
      .filter({ hasText: '18 December 2026' })
      .waitFor();
    expect(await plan.getByRole('row').filter({ hasText: 'Tender period closes' }).textContent()).toContain(
      '6 November 2026',
    );
  });

  it('shows the suppliers, the pilot, the blocked platform and the watched national contract together', async () => {
    await page.goto(`${origin}/#/contracts/suppliers`);
    const supplier = page.getByRole('region', { name: 'The software supplier' });
    await supplier.waitFor();
    const text = await supplier.textContent();
    expect(text).toContain('CTR-2025-019');
    expect(text).toContain('CTR-2026-007');
    expect(text).toContain('EXT-NHS-330');
    expect(text).toContain('£50,100,000');
    await page.screenshot({ path: '/tmp/boardkeeper-suppliers.png', fullPage: true });
    await expectNoAxeViolations(page, 'the suppliers view');
    expect(app!.pageProblems).toEqual([]);
  });

  it('links a contract to an agenda item by keyboard and prompts the member whose interest’s organisation is its supplier', async () => {
    await rpc('contracts:create', {
      reference: 'CTR-2026-E2E',
      title: 'Custody cleaning',
      suppliers: ['Brightclean Ltd'],
      route: 'open',
      termStart: '2026-04-01',
      termEnd: '2029-03-31',
    });
    // The member's registered interest names the organisation, on the member form.
    await page.goto(`${origin}/#/members/new`);
    await page.getByLabel('Name', { exact: true }).fill('Grace Hopper');
    await page.getByRole('button', { name: 'Add an interest' }).click();
    await page.getByLabel('Interest 1', { exact: true }).fill('Non-executive director');
    await page.getByLabel(/^Organisation of interest 1/).fill('Brightclean Ltd');
    await page.screenshot({ path: '/tmp/boardkeeper-member-interest-organisation.png', fullPage: true });
    await expectNoAxeViolations(page, 'the member form with an interest’s organisation');
    await page.getByRole('button', { name: 'Add the member' }).click();
    await page.getByRole('heading', { level: 1, name: 'Grace Hopper' }).waitFor();
    await page.getByText('Non-executive director (organisation: Brightclean Ltd)').waitFor();

    const meeting = await rpc('meetings:create', {
      title: 'Contracts committee',
      date: '2027-01-14',
      agenda: [{ number: '1', title: 'Custody cleaning: extension' }],
    });
    await page.goto(`${origin}/#/meetings/${meeting.value!.id!}/agenda`);
    await page.getByRole('heading', { level: 1, name: /^Agenda: / }).waitFor();
    const list = page.getByLabel('Contract to link to item 1', { exact: true });
    await tabTo(list);
    for (let i = 0; i < 30; i++) {
      const text = await list.locator('option:checked').textContent();
      if (text?.startsWith('CTR-2026-E2E')) break;
      await page.keyboard.press('ArrowDown');
    }
    const link = page.getByRole('button', { name: 'Link a contract to item 1', exact: true });
    await tabTo(link);
    await page.keyboard.press('Enter');
    const unlink = page.getByRole('button', { name: 'Unlink CTR-2026-E2E: Custody cleaning from item 1' });
    await unlink.waitFor();
    expect(await hasFocus(link)).toBe(true);
    await page.getByRole('status').filter({ hasText: 'CTR-2026-E2E: Custody cleaning linked to item 1.' }).waitFor();
    await page.screenshot({ path: '/tmp/boardkeeper-agenda-contract-link.png', fullPage: true });
    await expectNoAxeViolations(page, 'the agenda editor with a linked contract');

    // Unlinking puts the focus on the item's list; linked again, then saved.
    await tabTo(unlink);
    await page.keyboard.press('Enter');
    await expect.poll(() => hasFocus(list), { message: 'focus on the list after unlinking' }).toBe(true);
    expect(await unlink.count()).toBe(0);
    for (let i = 0; i < 30; i++) {
      const text = await list.locator('option:checked').textContent();
      if (text?.startsWith('CTR-2026-E2E')) break;
      await page.keyboard.press('ArrowDown');
    }
    await tabTo(link);
    await page.keyboard.press('Enter');
    await unlink.waitFor();
    await tabTo(page.getByRole('button', { name: 'Save the agenda' }));
    await page.keyboard.press('Enter');

    await page.getByRole('link', { name: 'CTR-2026-E2E: Custody cleaning' }).waitFor();
    const prompt = page.getByRole('note', { name: 'Declarations of interest to ask for on item 1' });
    await prompt.waitFor();
    expect(await prompt.textContent()).toContain('Grace Hopper: “Non-executive director” names Brightclean Ltd');
    expect(app!.pageProblems).toEqual([]);
  });
});
