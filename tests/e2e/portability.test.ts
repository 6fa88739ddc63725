/**
 * End to end in Chromium through the web host, as a board secretary would:
 * export the sample board's archive from Settings; import it into a second,
 * empty data folder through the UI; reopen that folder in a new host process
 * and compare; export the contracts register as OCDS and validate it; import
 * a CSV tracker with bad rows, fix the mapping, import the valid rows; check
 * a seal printed on a notice, amend the decision, and check the old seal again.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebHostProcess } from '../helpers/webHostProcess.ts';
import { zipEntries } from '../helpers/zipEntries.ts';
import { loadSample, makeDataDir, startBrowserApp, type BrowserApp } from './browserApp.ts';

const FAKE_NOW = '2026-11-27T09:00:00Z';
let app: BrowserApp | undefined;
let page: Page;
let downloadsDir: string;
let archivePath = '';

async function download(click: () => Promise<void>): Promise<string> {
  const [event] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), click()]);
  const file = path.join(downloadsDir, event.suggestedFilename());
  await event.saveAs(file);
  return file;
}

async function rpc<T>(url: string, token: string, channel: string, input: unknown): Promise<T> {
  const response = await fetch(new URL(`/rpc/${channel}`, url), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
    body: JSON.stringify(input),
  });
  const result = (await response.json()) as { ok: boolean; value: T; error?: { message: string } };
  if (!result.ok) throw new Error(`${channel}: ${result.error?.message}`);
  return result.value;
}

function dataEntries(zip: Buffer): Map<string, string> {
  return new Map(
    [...zipEntries(zip)]
      .filter(([n]) => n === 'state.json' || /^journal\/\d+\.jsonl$/.test(n) || n.startsWith('blobs/'))
      .map(([n, d]) => [n, d.toString('base64')]),
  );
}

async function openSettings(p: Page): Promise<void> {
  await p.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  await p.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
}

beforeAll(async () => {
  downloadsDir = await mkdtemp(path.join(tmpdir(), 'boardkeeper-e2e-portability-'));
  app = await startBrowserApp({
    dataDir: await makeDataDir('boardkeeper-e2e-portability-'),
    fakeNow: FAKE_NOW,
    acceptDownloads: true,
  });
  page = app.page;
  await loadSample(page, app.host.token);
}, 120_000);

afterAll(async () => {
  await app?.close();
  await rm(downloadsDir, { recursive: true, force: true });
});

describe('the board owns its data, end to end', () => {
  it("exports the sample board's archive from Settings", async () => {
    // The scheduler's catch-up (reminders and the summary of obligations overdue on arrival) is journaled
    // once the first screen is answered: export after it, so the copy has nothing left to record.
    const { url, token } = app!.host;
    await expect
      .poll(async () => (await rpc<{ arrived: unknown }>(url, token, 'reminders:list', {})).arrived, {
        timeout: 60_000,
      })
      .not.toBeNull();
    let total = -1;
    for (;;) {
      await new Promise((resolve) => setTimeout(resolve, 3000));
      const now = (await rpc<{ total: number }>(url, token, 'audit:list', { page: 0, pageSize: 1 })).total;
      if (now === total) break;
      total = now;
    }
    await openSettings(page);
    archivePath = await download(() => page.getByRole('button', { name: 'Export everything…' }).click());
    expect(path.basename(archivePath)).toMatch(/\.boardkeeper$/);
    await page
      .getByRole('status')
      .filter({ hasText: /^Downloaded .*journal entry \d+\.$/ })
      .waitFor();
    const names = [...zipEntries(await readFile(archivePath)).keys()];
    expect(names).toEqual(expect.arrayContaining(['manifest.json', 'README.md', 'state.json']));
  }, 120_000);

  it('imports it into a second, empty data folder through the UI; a new process reopens it the same', async () => {
    const second = await startBrowserApp({ dataDir: await makeDataDir('boardkeeper-e2e-import-'), fakeNow: FAKE_NOW });
    try {
      await openSettings(second.page);
      await second.page.getByLabel('Import an archive…').setInputFiles(archivePath);
      await second.page
        .getByRole('status')
        .filter({ hasText: /^Imported .*: up to journal entry \d+/ })
        .waitFor({ timeout: 60_000 });
      await second.host.stop();
      const reopened = await startWebHostProcess(second.dataDir, 30_000, { BOARD_FAKE_NOW: FAKE_NOW });
      try {
        // The host serves once the folder is locked; the store says `opening` until it is open.
        let status = await rpc<{ status: string }>(reopened.url, reopened.token, 'store:status', {});
        for (let i = 0; i < 600 && status.status === 'opening'; i++) {
          await new Promise((resolve) => setTimeout(resolve, 100));
          status = await rpc<{ status: string }>(reopened.url, reopened.token, 'store:status', {});
        }
        expect(status.status).toBe('ready');
        const verify = await rpc<{ ok: boolean }>(reopened.url, reopened.token, 'audit:verify', {});
        expect(verify.ok).toBe(true);
        const again = await rpc<{ content: string }>(reopened.url, reopened.token, 'archive:export', { kind: 'full' });
        expect(dataEntries(Buffer.from(again.content, 'base64'))).toEqual(dataEntries(await readFile(archivePath)));
      } finally {
        await reopened.stop();
      }
    } finally {
      await second.close();
    }
  }, 180_000);

  it('exports the contracts register as OCDS 1.1, valid against the release package schema', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Contracts' }).click();
    await page.getByRole('heading', { level: 1, name: 'Contracts' }).waitFor();
    await page.getByRole('button', { name: 'Export register as OCDS…' }).click();
    await page.getByLabel('ocid prefix').fill('policing-board');
    const file = await download(() => page.getByRole('button', { name: 'Download OCDS JSON' }).click());
    const reference = path.join(process.cwd(), '..', 'shared', 'reference');
    const ajv = new Ajv({ strict: false });
    addFormats(ajv);
    ajv.addSchema(JSON.parse(await readFile(path.join(reference, 'ocds-1.1.5-release-schema.json'), 'utf8')) as object);
    const validate = ajv.compile(
      JSON.parse(await readFile(path.join(reference, 'ocds-1.1.5-release-package-schema.json'), 'utf8')) as object,
    );
    const pkg = JSON.parse(await readFile(file, 'utf8')) as { releases: unknown[] };
    expect(validate(pkg), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    expect(pkg.releases.length).toBeGreaterThan(0);
  }, 120_000);

  it('imports a CSV tracker: bad rows shown, the mapping fixed, the valid rows imported', async () => {
    const csv = [
      'Ref no,Title,Date,Outcome',
      'PCD 2026-601,Approve the body-worn video pilot,14/03/2026,Approved',
      'PCD 2026-602,Note the complaints report,2026-04-02,Noted',
      'PCD 2026-601,Duplicate reference,15/03/2026,Approved',
      'PCD 2026-603,=HYPERLINK("http://evil"),16/03/2026,Approved',
      'PCD 2026-604,Impossible date,31/13/2026,Approved',
    ].join('\r\n');
    const file = path.join(downloadsDir, 'tracker.csv');
    await writeFile(file, csv);
    await openSettings(page);
    await page.getByLabel('The file holds').selectOption('decisions');
    await page.getByLabel('Spreadsheet file').setInputFiles(file);
    await page.getByRole('status').filter({ hasText: 'Map a column to: Reference.' }).waitFor();
    await page.getByLabel('Reference (required)').selectOption({ label: 'Ref no' });
    await page
      .getByRole('status')
      .filter({ hasText: /5 rows: 2 to add, 0 to update, 0 unchanged, 3 with problems/ })
      .waitFor();
    const problems = page.getByRole('table', { name: 'Problems in tracker.csv' });
    await problems.getByRole('cell', { name: /already on row 2/ }).waitFor();
    await problems.getByRole('cell', { name: /is a formula/ }).waitFor();
    await problems.getByRole('cell', { name: /no month 13/ }).waitFor();
    await page.getByRole('button', { name: 'Import the valid rows only' }).click();
    // Said in the status line and in the audit trail's newest entry: either is the import's word.
    await page
      .getByText(/Imported from tracker\.csv \(decisions tracker\): 2 added, 0 updated/)
      .first()
      .waitFor();
  }, 120_000);

  it('checks a seal printed on a notice, then after an amendment reports it as an earlier seal', async () => {
    const token = app!.host.token;
    const url = app!.host.url;
    const decisions = await rpc<{ rows: Array<{ id: string; status: string; reference: string }> }>(
      url,
      token,
      'decisions:list',
      {},
    );
    const signed = decisions.rows.find((d) => d.status === 'signed')!;
    const notice = await rpc<{ content: string }>(url, token, 'documents:notice', {
      decisionId: signed.id,
      format: 'md',
    });
    const printed = /in full: `([0-9a-f]{64})`/.exec(notice.content)![1]!;
    await page.goto(`${url.split('#')[0]}#/decisions/${signed.id}`);
    await page.getByRole('heading', { name: 'Check a seal' }).waitFor();
    await page.getByLabel('Seal from a printed notice').fill(printed);
    await page.getByRole('button', { name: 'Check the seal' }).click();
    await page.getByText('The record matches this seal.').waitFor();

    await page.getByRole('button', { name: 'Record an amendment' }).first().click();
    await page.getByLabel('What is corrected').fill('The vote count is corrected to 5 for');
    await page.getByLabel('Why', { exact: true }).fill('A vote was missed in the draft');
    await page.getByRole('button', { name: 'Record the amendment' }).click();
    await page.getByRole('heading', { name: 'Check a seal' }).waitFor();
    await page.getByLabel('Seal from a printed notice').fill(printed);
    await page.getByRole('button', { name: 'Check the seal' }).click();
    await page.getByText('This is an earlier seal: the record has changed since.').waitFor();
    await page.getByText('Amended: The vote count is corrected to 5 for (A vote was missed in the draft)').waitFor();
  }, 120_000);
});
