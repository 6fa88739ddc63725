/**
 * A change re-reads only what it changed, once. Two pages of the app are open
 * on different screens (the second in another tab of the same browser); each
 * action is made on the first, and both must show its outcome. The requests
 * each page sends for the action (the change itself included) are counted from
 * the click until both show it and a moment has passed, and must stay within
 * a small budget: a page re-reading every query on every change, or twice per
 * change, goes far past it. Refreshing nothing fails too: the second page must
 * show the change.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSample, makeDataDir, startBrowserApp, type BrowserApp } from './browserApp.ts';

/** After the data-export plan fell due (24 December 2026), so it is overdue. */
const FAKE_NOW = '2027-01-10T09:00:00Z';
const DATA_EXPORT = 'Produce a data-export plan so another provider can take over';
/** The most reads one page may send because of one change. */
const BUDGET = 3;

/** The reads after the change `channel` on the acting page (the change found first, as the test expects). */
function after(channel: string, sent: readonly string[]): readonly string[] {
  return sent.slice(sent.indexOf(channel) + 1);
}
/** How long to go on counting after both pages show the change: late re-reads count too. */
const SETTLE_MS = 1500;

let app: BrowserApp | undefined;
let first: Page;
let second: Page;
/** The channels each page asked for, in order, since the last reset. */
const sent = new Map<Page, string[]>();

function countRequests(page: Page): void {
  sent.set(page, []);
  page.on('request', (request) => {
    const { pathname } = new URL(request.url());
    if (pathname.startsWith('/rpc/')) sent.get(page)?.push(decodeURIComponent(pathname.slice('/rpc/'.length)));
  });
}

/** Calls a channel from the page (the host's token in a header), as the app does. */
async function call<T>(page: Page, channel: string, input: unknown): Promise<T> {
  const result = (await page.evaluate(
    ([name, body, bearer]) =>
      fetch(`/rpc/${name}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${bearer}` },
        body,
      }).then((r) => r.json()),
    [channel, JSON.stringify(input), app!.host.token] as const,
  )) as { ok: boolean; value: T };
  expect(result.ok, channel).toBe(true);
  return result.value;
}

/** Opens `hash` on both pages and waits until each has shown `ready` and stopped asking. */
async function openOn(hash: { first: string; second: string }, ready: { first: string; second: string }) {
  for (const [page, where, text] of [
    [first, hash.first, ready.first],
    [second, hash.second, ready.second],
  ] as const) {
    await page.evaluate(`location.hash = ${JSON.stringify(where)}`);
    await page.getByText(text, { exact: false }).first().waitFor();
  }
  await first.waitForTimeout(SETTLE_MS);
}

/** Runs `act` on the first page, waits for `shown` on both, and returns the channels each asked for. */
async function measure(
  act: () => Promise<void>,
  shown: () => Promise<void>,
): Promise<{ first: readonly string[]; second: readonly string[] }> {
  sent.set(first, []);
  sent.set(second, []);
  await act();
  await shown();
  await first.waitForTimeout(SETTLE_MS);
  return { first: [...(sent.get(first) ?? [])], second: [...(sent.get(second) ?? [])] };
}

beforeAll(async () => {
  app = await startBrowserApp({ dataDir: await makeDataDir('boardkeeper-e2e-budget-'), fakeNow: FAKE_NOW });
  first = app.page;
  await first.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
  await loadSample(first, app.host.token);
  // Another tab of the same browser, opened from the printed address (each tab keeps the token itself).
  second = await app.context.newPage();
  await second.goto(app.host.url);
  countRequests(first);
  countRequests(second);
});

afterAll(async () => {
  await app?.close();
});

describe('requests per action, two pages open', () => {
  it('marking a condition met: the condition page and the dashboard re-read what it changed, once', async () => {
    const conditions = await call<{ rows: Array<{ id: string; wording: string }> }>(first, 'conditions:list', {
      search: 'data-export plan',
    });
    const plan = conditions.rows.find((r) => r.wording === DATA_EXPORT);
    expect(plan).toBeDefined();
    await openOn(
      { first: `#/conditions/${plan!.id}`, second: '#/dashboard' },
      { first: 'Record an update', second: 'Overdue conditions' },
    );
    const tile = second.getByRole('link', { name: /overdue conditions?$/ });
    const overdueBefore = Number(/^\s*(\d+)/.exec((await tile.textContent()) ?? '')?.[1]);
    expect(overdueBefore).toBeGreaterThan(0);

    const counts = await measure(
      async () => {
        await first.getByLabel('Status', { exact: true }).selectOption('met');
        await first.getByLabel('Note').fill('Plan received.');
        await first.getByRole('button', { name: 'Record the update' }).click();
      },
      async () => {
        await first.getByRole('row').filter({ hasText: 'Plan received.' }).waitFor();
        await expect
          .poll(async () => Number(/^\s*(\d+)/.exec((await tile.textContent()) ?? '')?.[1]))
          .toBe(overdueBefore - 1);
      },
    );
    expect(counts.first).toContain('conditions:setStatus');
    expect(after('conditions:setStatus', counts.first).length, counts.first.join(', ')).toBeLessThanOrEqual(BUDGET);
    expect(counts.second.length, counts.second.join(', ')).toBeLessThanOrEqual(BUDGET);
    expect(counts.second).toContain('dashboard:get');
  });

  it('saving a paper note: the reader re-reads the paper once, and the other tab follows', async () => {
    const papers = await call<{ rows: Array<{ id: string; title: string }> }>(first, 'papers:list', { pageSize: 1 });
    const paper = papers.rows[0]!;
    await openOn(
      { first: `#/papers/${paper.id}`, second: `#/papers/${paper.id}` },
      { first: 'Your private notes', second: 'Your private notes' },
    );
    const note = 'Ask about the exit costs.';
    const counts = await measure(
      async () => {
        await first.getByRole('textbox', { name: 'Your private notes' }).fill(note);
        await first.getByRole('button', { name: 'Save note' }).click();
      },
      async () => {
        await first.getByText('Note saved.').waitFor();
        await expect.poll(() => second.getByRole('textbox', { name: 'Your private notes' }).inputValue()).toBe(note);
      },
    );
    expect(counts.first).toContain('papers:saveNote');
    expect(after('papers:saveNote', counts.first).length, counts.first.join(', ')).toBeLessThanOrEqual(BUDGET);
    expect(counts.second.length, counts.second.join(', ')).toBeLessThanOrEqual(BUDGET);
  });

  it('signing a decision: its page and the register re-read it once', async () => {
    const draft = await call<{ id: string }>(first, 'decisions:create', {
      title: 'Budget-test decision to sign',
      date: '2027-01-08',
      outcome: 'approved',
      wording: 'The board approves the budget.',
      decisionMaker: 'The oversight board',
    });
    await openOn(
      { first: `#/decisions/${draft.id}`, second: '#/decisions?search=Budget-test' },
      { first: 'This decision is a draft', second: 'Budget-test decision to sign' },
    );
    const row = second.getByRole('row').filter({ hasText: 'Budget-test decision to sign' });
    expect(await row.textContent()).toContain('Draft');

    const counts = await measure(
      async () => {
        await first.getByRole('button', { name: 'Sign', exact: true }).click();
        const dialog = first.getByRole('dialog', { name: /^Sign / });
        await dialog.getByLabel('Signed by').selectOption({ label: 'Chair of the oversight board (Chair)' });
        await dialog.getByLabel('Signed on').fill('2027-01-09');
        await dialog.getByRole('button', { name: 'Sign the decision' }).click();
      },
      async () => {
        await first.getByRole('button', { name: 'Record an amendment' }).first().waitFor();
        await expect.poll(async () => (await row.textContent()) ?? '').not.toContain('Draft');
      },
    );
    expect(counts.first).toContain('decisions:sign');
    // Signing re-reads four answers on the decision's own page, each once: the decision, its seals (a
    // signed decision has one), and the deadlines list and reminders count, whose call-in deadline the
    // decision's date and status shape. One over the general budget, and said here rather than hidden.
    expect(after('decisions:sign', counts.first).length, counts.first.join(', ')).toBeLessThanOrEqual(BUDGET + 1);
    // The register's tab likewise: the register, and the three lists its header and filters keep.
    expect(counts.second.length, counts.second.join(', ')).toBeLessThanOrEqual(BUDGET + 1);
  });
});
