/**
 * End to end, as a secretary would: on the sample board, open Documents,
 * write the minutes of the meeting of 24 June 2026 item by item (one item
 * taken in private), export the public version as PDF (a download printed by
 * the web host's Chromium) and read its text; export the full version as
 * Word and a register as CSV, and read them back. The web host's clock is
 * fixed with BOARD_FAKE_NOW so the dates are the same on every run.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'csv-parse/sync';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WebHostProcess } from '../helpers/webHostProcess.ts';
import { docxText } from '../helpers/zipEntries.ts';
import { axeViolations, describeViolations } from './axe.ts';
import { loadSample, makeDataDir, startBrowserApp, type BrowserApp } from './browserApp.ts';

const run = promisify(execFile);

const FAKE_NOW = '2026-11-27T09:00:00Z';
const MARKER = 'Counsel advised settling on terms ZX-PRIVATE-41';

let app: BrowserApp | undefined;
let page: Page;
let downloadsDir: string;
let host: WebHostProcess | undefined;
let pageProblems: string[];

async function download(click: () => Promise<void>): Promise<{ name: string; file: string }> {
  const [event] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), click()]);
  const file = path.join(downloadsDir, event.suggestedFilename());
  await event.saveAs(file);
  return { name: event.suggestedFilename(), file };
}

/** How many "Saved (journal entry n)." statuses the page shows. */
function savedStatusCount(): Promise<number> {
  return page
    .getByRole('status')
    .filter({ hasText: /^Saved \(journal entry \d+\)\.$/ })
    .count();
}

function minutesExport() {
  return page.getByRole('group', { name: 'Export the minutes' });
}

beforeAll(async () => {
  downloadsDir = await mkdtemp(path.join(tmpdir(), 'boardkeeper-e2e-downloads-'));
  app = await startBrowserApp({
    dataDir: await makeDataDir('boardkeeper-e2e-docs-'),
    fakeNow: FAKE_NOW,
    acceptDownloads: true,
  });
  ({ page, host, pageProblems } = app);
  await loadSample(page, app.host.token);
}, 120_000);

afterAll(async () => {
  await app?.close();
  await rm(downloadsDir, { recursive: true, force: true });
});

describe('documents, end to end', () => {
  it('opens Documents from the navigation and chooses the meeting of 24 June 2026', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Documents' }).click();
    await page.getByRole('heading', { level: 1, name: 'Documents' }).waitFor();
    await page.getByLabel('Meeting', { exact: true }).selectOption({ label: '24 June 2026: Oversight board' });
    await page.getByRole('heading', { name: 'Minutes of Oversight board, 24 June 2026' }).waitFor();
    await page.getByText('Draft: not yet approved by the board.').waitFor();
    await page
      .getByRole('heading', { name: 'Item 2: Pre-action letter from the supplier’s lawyers (taken in private)' })
      .or(
        page.getByRole('heading', { name: "Item 2: Pre-action letter from the supplier's lawyers (taken in private)" }),
      )
      .waitFor();
  });

  it('writes the discussion of each item, saved on its own', async () => {
    const item3 = page.getByLabel('Discussion summary for item 3');
    await item3.fill('Members agreed the extension, on condition of a **competitive** re-tender.');
    await page.getByRole('button', { name: 'Save discussion summary for item 3' }).click();
    await expect.poll(savedStatusCount).toBe(1);
    await page.getByLabel('Discussion summary for item 2').fill(MARKER);
    await page.getByRole('button', { name: 'Save discussion summary for item 2' }).click();
    await expect.poll(savedStatusCount).toBe(2);
    await page.screenshot({ path: '/tmp/boardkeeper-documents.png', fullPage: true });
    const violations = await axeViolations(page);
    expect(violations, describeViolations(violations)).toEqual([]);
  });

  it('exports the public minutes as a PDF holding every decision and condition, and nothing of item 2', async () => {
    const group = minutesExport();
    await group.getByLabel('Format').selectOption({ label: 'PDF' });
    await group.getByLabel('Version').selectOption('public');
    const { name, file } = await download(() => group.getByRole('button', { name: 'Export' }).click());
    expect(name).toBe('MIN-2026-06-24-minutes-public.pdf');
    const { stdout } = await run('pdftotext', ['-raw', file, '-']);
    const text = stdout.replace(/\s+/g, ' ');
    for (const needle of [
      'Minutes: Oversight board, 24 June 2026 (public version)',
      'PCD 2026-117',
      'Report progress on the re-tender to the board every quarter',
      'Produce a data-export plan so another provider can take over',
      'Run a new competitive procurement for a long-term provider',
      'Award a new contract before the extension ends on 24 June 2027',
      'Members agreed the extension, on condition of a competitive re-tender.',
      'Item 2 was considered in private.',
      'Generated: 27 November 2026',
      'Page 1 of',
    ]) {
      expect(text).toContain(needle);
    }
    expect(text).not.toContain('ZX-PRIVATE-41');
    expect(text).not.toContain('Pre-action letter');
    await expect
      .poll(() => group.getByRole('status').textContent())
      .toMatch(/^Downloaded MIN-2026-06-24-minutes-public\.pdf/);
  });

  it('exports the full minutes as Word, with the private part', async () => {
    const group = minutesExport();
    await group.getByLabel('Format').selectOption({ label: 'Word (.docx)' });
    await group.getByLabel('Version').selectOption('private');
    const { name, file } = await download(() => group.getByRole('button', { name: 'Export' }).click());
    expect(name).toBe('MIN-2026-06-24-minutes-private.docx');
    const words = docxText(await readFile(file));
    expect(words).toContain('PCD 2026-117');
    expect(words).toContain(MARKER);
    expect(words).toContain('Private part: items considered in private');
  });

  it('exports the conditions register as CSV that a spreadsheet reads', async () => {
    const { name, file } = await download(() =>
      page.getByRole('button', { name: 'Conditions register (CSV)' }).click(),
    );
    expect(name).toBe('Policing-Oversight-Board-conditions-register-2026-11-27.csv');
    const bytes = await readFile(file);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parse(bytes, { bom: true }) as string[][];
    expect(rows[0]?.slice(0, 4)).toEqual(['ID', 'Decision', 'Classification', 'Condition']);
    expect(rows.map((r) => r[3])).toContain('Produce a data-export plan so another provider can take over');
  });

  it('exports the decision notice from the decision’s page', async () => {
    const listed: unknown = await page.evaluate(
      (token) =>
        fetch('/rpc/decisions:list', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
          body: JSON.stringify({ search: 'PCD 2026-117' }),
        }).then((r) => r.json()),
      host!.token,
    );
    const id = (listed as { value: { rows: Array<{ id: string }> } }).value.rows[0]?.id;
    expect(id).toMatch(/^dec_/);
    await page.goto(`${new URL(host!.url).origin}/#/decisions/${id}`);
    const group = page.getByRole('group', { name: 'Export the decision notice' });
    await group.getByLabel('Format').selectOption({ label: 'Web page (HTML)' });
    const { name, file } = await download(() => group.getByRole('button', { name: 'Export' }).click());
    expect(name).toBe('PCD-2026-117-decision-notice.html');
    const html = await readFile(file, 'utf8');
    expect(html).toContain(
      '<h1>Decision notice PCD 2026-117: Misconduct analytics pilot: 12-month extension with conditions</h1>',
    );
    expect(html).not.toMatch(/<script/i);
  });

  it('exports the conditions report for the next meeting from the dashboard', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Dashboard' }).click();
    const group = page.getByRole('group', { name: 'Export the conditions report' });
    await group.getByLabel('Format').selectOption({ label: 'Markdown' });
    const { name, file } = await download(() => group.getByRole('button', { name: 'Export' }).click());
    expect(name).toBe('CR-2026-11-27-conditions-report.md');
    const text = await readFile(file, 'utf8');
    expect(text).toContain('6 open conditions as at 27 November 2026: 1 red, 3 amber, 2 green.');
    expect(text).toContain('- **For:** Oversight board, 11 December 2026');
  });

  it('saw no console errors and no CSP violations in the page', () => {
    expect(pageProblems).toEqual([]);
  });
});
