/**
 * The decisions register at ten thousand decisions, end to end: the setup
 * writes them into a fresh data folder through the store itself (the one
 * `mutate` path every change takes, 500 records per change), then the real
 * web host serves them to Chromium. The register must mount with only a
 * window of rows in the page, and scrolling must reach the last decision.
 * Times are measured and printed, not asserted: build machines vary.
 */
import { performance } from 'node:perf_hooks';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../electron/backend/store/store.ts';
import { OUTCOMES, type Decision } from '../../shared/schema/decisions.ts';
import { makeDataDir, startBrowserApp, type BrowserApp } from './browserApp.ts';

const COUNT = 10_000;
const BATCH = 500;
const NOW = '2027-01-10T09:00:00.000Z';

let app: BrowserApp | undefined;
let page: Page;
const measured: string[] = [];

/** The n-th generated decision: one a day from 1 January 2000, so the oldest (n = 0) is last, newest first. */
function decisionAt(n: number): Decision {
  const date = new Date(Date.UTC(2000, 0, 1 + n)).toISOString().slice(0, 10);
  const reference = `GEN ${String(n).padStart(5, '0')}`;
  return {
    id: `dec_gen${String(n).padStart(5, '0')}`,
    createdAt: NOW,
    updatedAt: NOW,
    reference,
    title: `Generated decision ${n}: ${n % 3 === 0 ? 'contract extension' : n % 3 === 1 ? 'annual report noted' : 'procurement route approved'}`,
    date,
    meetingId: null,
    itemId: null,
    outcome: OUTCOMES[n % OUTCOMES.length]!,
    wording: `The board resolved item ${n} as recorded in the minutes of ${date}.`,
    summary: '',
    reasons: '',
    alternatives: '',
    financialImplications: '',
    legalImplications: '',
    equalityImplications: '',
    declarations: [],
    votes: null,
    decisionMaker: 'The oversight board',
    keyDecision: n % 10 === 0,
    publishedOn: '',
    effectiveDate: '',
    reliedOn: [],
    contractIds: [],
    links: [],
    status: n % 7 === 0 ? 'draft' : 'signed',
    signedBy: n % 7 === 0 ? '' : 'Secretariat',
    signedAt: n % 7 === 0 ? null : NOW,
    signatory: n % 7 === 0 ? '' : 'Chair of the board',
    signatoryMemberId: null,
    signedOn: n % 7 === 0 ? '' : date,
    confidential: false,
    callInEnds: '',
    amendments: [],
  };
}

function measure(what: string, ms: number): void {
  measured.push(`${what}: ${Math.round(ms)} ms`);
}

/** Rows of the register in the page right now (the virtualised window). */
function renderedRows(): Promise<number> {
  return page.locator('table.table-virtual tbody tr[aria-rowindex]').count();
}

beforeAll(async () => {
  const dataDir = await makeDataDir('boardkeeper-e2e-10k-');
  const started = performance.now();
  const store = await openStore({ dataDir, backupOnFirstChange: false, clock: () => new Date(NOW) });
  for (let first = 0; first < COUNT; first += BATCH) {
    await store.mutate('Secretariat', `Generated decisions ${first + 1} to ${first + BATCH}`, () => ({
      changes: Array.from({ length: BATCH }, (_, i) => {
        const decision = decisionAt(first + i);
        return { target: 'decisions' as const, id: decision.id, after: decision };
      }),
      value: undefined,
    }));
  }
  await store.close();
  measure(`writing ${COUNT} decisions in ${COUNT / BATCH} changes`, performance.now() - started);

  app = await startBrowserApp({ dataDir, fakeNow: NOW, hostTimeoutMs: 60_000 });
  ({ page } = app);
  await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
});

afterAll(async () => {
  console.log(`The register at ${COUNT.toLocaleString('en-GB')} decisions:\n  ${measured.join('\n  ')}`);
  await app?.close();
});

describe('the decisions register at 10,000 decisions', () => {
  it('mounts with the newest decisions and only a window of rows in the page', async () => {
    const started = performance.now();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Decisions', exact: true }).click();
    const register = page.getByRole('table', { name: /Decisions, sorted by date/ });
    await register.getByRole('link', { name: 'GEN 09999' }).waitFor();
    measure('opening the register to its first rows', performance.now() - started);
    expect(await register.getAttribute('aria-rowcount')).toBe(String(COUNT + 1));
    await page.getByText('10,000 decisions.').waitFor();
    const rows = await renderedRows();
    expect(rows).toBeGreaterThan(5);
    expect(rows).toBeLessThan(100);
    await page.screenshot({ path: '/tmp/boardkeeper-gov-register-10k.png' });
  });

  it('scrolls by the wheel, fetching pages as they come into view', async () => {
    const started = performance.now();
    await page.mouse.move(700, 600);
    for (let i = 0; i < 40; i++) await page.mouse.wheel(0, 1200);
    // Well past the first page of 200 rows: later pages were fetched as they came into view.
    const firstShown = async (): Promise<number> =>
      Number(
        /\d+$/.exec(
          (await page.locator('table.table-virtual tbody tr[aria-rowindex] a.row-link').first().textContent()) ?? '',
        )?.[0] ?? NaN,
      );
    await expect.poll(firstShown, { timeout: 20_000 }).toBeLessThan(COUNT - 250);
    await expect.poll(() => page.getByText(/^Loading row/).count(), { timeout: 20_000 }).toBe(0);
    measure(`40 wheel turns, to row ${COUNT - (await firstShown())}`, performance.now() - started);
    expect(await renderedRows()).toBeLessThan(100);
  });

  it('reaches the last, oldest decision at the end', async () => {
    const started = performance.now();
    await page.keyboard.press('End');
    const last = page.getByRole('link', { name: 'GEN 00000' });
    await last.waitFor();
    measure('End key to the last row', performance.now() - started);
    const index = await page.locator('tr', { has: last }).getAttribute('aria-rowindex');
    expect(index).toBe(String(COUNT + 1));
    expect(await renderedRows()).toBeLessThan(100);
    await page.screenshot({ path: '/tmp/boardkeeper-gov-register-10k-end.png' });
  });

  it('filters the ten thousand by words and keeps the filter in the address', async () => {
    const started = performance.now();
    await page.getByRole('searchbox', { name: 'Search', exact: true }).fill('annual report');
    await expect.poll(() => page.url()).toContain('search=annual');
    await page.getByText('3,333 decisions match these filters.').waitFor();
    measure('a word filter over 10,000 decisions', performance.now() - started);
    await page.getByRole('link', { name: 'GEN 09997' }).waitFor();
  });
});
