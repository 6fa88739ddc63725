/**
 * End to end, as a person would: Chromium drives the built renderer through
 * the real `npm run web` process on a real data folder. Change the board name
 * in Settings, see it kept across a reload, in the journal on disk at once, in
 * the audit trail and in db.json after the host stops; then corrupt db.json,
 * start again, and recover by restoring the newest backup.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCK_FILE } from '../../electron/backend/store/lock.ts';
import { startWebHostProcess, type WebHostProcess } from '../helpers/webHostProcess.ts';
import { expectNoAxeViolations, expectNoAxeViolationsLightAndDark } from './axe.ts';
import { makeDataDir, startBrowserApp, type BrowserApp } from './browserApp.ts';

const NEW_NAME = 'Police and Crime Oversight Board';
const LATER_NAME = 'Name changed after the manual backup';

let app: BrowserApp | undefined;
let page: Page;
let dataDir: string;
/** The host the test is talking to: the one the app started, then one it starts itself on corrupt data. */
let host: WebHostProcess | undefined;
/** Console errors and CSP violations seen in the page: there must be none. */
let pageProblems: string[];
/** While the test has stopped the host on purpose, the open page's failed reconnects are expected. */
let hostStoppedOnPurpose = false;

async function openPage(url: string): Promise<void> {
  page = await app!.openPage(url);
}

async function journalText(): Promise<string> {
  const dir = path.join(dataDir, 'journal');
  const files = (await readdir(dir)).filter((name) => name.endsWith('.jsonl'));
  const texts = await Promise.all(files.map((name) => readFile(path.join(dir, name), 'utf8')));
  return texts.join('');
}

beforeAll(async () => {
  app = await startBrowserApp({
    dataDir: await makeDataDir('boardkeeper-e2e-'),
    consoleErrorsExpected: () => hostStoppedOnPurpose,
  });
  ({ page, dataDir, host, pageProblems } = app);
});

afterAll(async () => {
  // The host the test started itself, if it is still running; the app stops its own.
  await host?.stop();
  await app?.close();
});

describe('the foundation, end to end', () => {
  it('opens the shell with its landmarks and navigation, the token kept by the page and out of its address', async () => {
    await expect.poll(() => new URL(page.url()).searchParams.has('token')).toBe(false);
    await expect.poll(() => page.getByRole('banner').textContent()).toContain('My board');
    const nav = page.getByRole('navigation', { name: 'Main' });
    for (const label of ['Dashboard', 'Meetings', 'Papers', 'Decisions', 'Conditions', 'Deadlines', 'Contracts']) {
      await nav.getByRole('link', { name: label, exact: true }).waitFor();
    }
    await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
    // An empty data folder: the dashboard offers the sample board.
    await page.getByRole('heading', { name: 'Nothing is recorded yet' }).waitFor();
    await page.screenshot({ path: '/tmp/boardkeeper-dashboard.png', fullPage: true });
    await expectNoAxeViolations(page, 'the dashboard');
  });

  it('is operable from the keyboard: skip link first, then search, then the navigation', async () => {
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: 'Skip to main content' });
    expect(await skip.evaluate((el) => el === el.ownerDocument.activeElement)).toBe(true);
    await page.keyboard.press('Tab');
    const search = page.getByRole('button', { name: /^Search/ });
    expect(await search.evaluate((el) => el === el.ownerDocument.activeElement)).toBe(true);
    await page.keyboard.press('Tab');
    const focused = await page.evaluate('document.activeElement?.textContent');
    expect(focused).toBe('Dashboard');
  });

  it('goes to Settings by the navigation link, with the defaults filled in', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
    expect(page.url()).toMatch(/#\/settings$/);
    expect(await page.getByLabel('Board name').inputValue()).toBe('My board');
    expect(await page.getByLabel('Time zone').inputValue()).toBe('Europe/London');
    expect(await page.getByLabel('Your name').inputValue()).toBe('Secretariat');
    expect(await page.getByLabel('Quorum').inputValue()).toBe('3');
    // Moving to a page puts the focus on its heading.
    expect(await page.evaluate('document.activeElement?.tagName')).toBe('H1');
  });

  it('shows a field problem from the backend next to the field, and saves nothing', async () => {
    await page.getByLabel('Board name').fill('   ');
    await page.getByLabel('Quorum').fill('0');
    await page.getByRole('button', { name: 'Save settings' }).click();
    const boardName = page.getByLabel('Board name');
    await expect.poll(() => boardName.getAttribute('aria-invalid')).toBe('true');
    await page.getByText('Board name is required').first().waitFor();
    await page.getByText('Quorum must be at least 1').first().waitFor();
    expect(await page.getByLabel('Quorum').getAttribute('aria-invalid')).toBe('true');
    await page.getByRole('alert').filter({ hasText: 'The settings were not saved' }).waitFor();
    expect(await boardName.evaluate((el) => el === el.ownerDocument.activeElement)).toBe(true);
    await page.screenshot({ path: '/tmp/boardkeeper-settings-error.png', fullPage: true });
    await expectNoAxeViolations(page, 'settings with a field error');
    expect(await journalText().catch(() => '')).not.toContain('"boardName":"   "');
    // Leave the page as it was stored.
    await page.reload();
    await expect.poll(() => page.getByLabel('Board name').inputValue()).toBe('My board');
  });

  it('saves a new board name: on screen, in the journal on disk at once, and in the audit trail', async () => {
    await page.getByLabel('Board name').fill(NEW_NAME);
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByRole('status').filter({ hasText: 'Settings saved.' }).waitFor();
    expect(await page.getByLabel('Board name').getAttribute('aria-invalid')).toBe('false');

    // The change is acknowledged only once it is in the fsynced journal.
    expect(await journalText()).toContain(NEW_NAME);

    await expect.poll(() => page.getByRole('banner').textContent()).toContain(NEW_NAME);
    const audit = page.getByRole('table', { name: /Audit trail/ });
    const row = audit.getByRole('row').filter({ hasText: NEW_NAME });
    await row.waitFor();
    expect(await row.textContent()).toContain('Secretariat');
    expect(await page.title()).toBe(`Settings · ${NEW_NAME} · Boardkeeper`);
  });

  it('keeps the board name across a reload', async () => {
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
    await expect.poll(() => page.getByLabel('Board name').inputValue()).toBe(NEW_NAME);
    await expect.poll(() => page.getByRole('banner').textContent()).toContain(NEW_NAME);
  });

  it('verifies the audit trail', async () => {
    await page.getByRole('button', { name: 'Verify the record' }).click();
    await page.getByText('The record is intact.').waitFor();
    expect(await page.getByRole('status').filter({ hasText: 'The record is intact.' }).textContent()).toMatch(
      /1 entry and 0 files checked/,
    );
  });

  it('checks a printed record: the entry number and hash from a document, found or not', async () => {
    const first = (await readFile(path.join(dataDir, 'journal', '000000000001.jsonl'), 'utf8')).split('\n')[0]!;
    const hash = createHash('sha256').update(first).digest('hex');
    const form = page.getByRole('form', { name: 'Check a printed record' });
    await form.getByLabel('Journal entry').fill('1');
    await form.getByLabel('Hash').fill(hash.toUpperCase());
    await form.getByRole('button', { name: 'Check' }).click();
    await form.getByRole('status').filter({ hasText: 'Found: this is the record.' }).waitFor();
    await form.getByLabel('Hash').fill('0'.repeat(64));
    await form.getByRole('button', { name: 'Check' }).click();
    await form.getByRole('status').filter({ hasText: 'Not found as printed.' }).waitFor();
    expect(await form.getByRole('status').textContent()).toMatch(/different hash/);
  });

  it('backs up now and lists the backup, with a restore that asks first', async () => {
    await page.getByRole('button', { name: 'Back up now' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: /Backup made at/ })
      .waitFor();
    const backups = page.getByRole('table', { name: /Backups/ });
    await backups.getByRole('row').filter({ hasText: 'Made by hand' }).waitFor();
    expect(await backups.getByRole('row').filter({ hasText: 'On starting' }).count()).toBe(1);
    // Dates in en-GB: day, the month in full, year.
    expect(await backups.textContent()).toMatch(
      /\d{1,2} (January|February|March|April|May|June|July|August|September|October|November|December) \d{4}, \d{2}:\d{2}/,
    );

    await page.screenshot({ path: '/tmp/boardkeeper-settings.png', fullPage: true });
    await expectNoAxeViolations(page, 'the settings page');

    // Restore asks first; cancelling changes nothing.
    await backups
      .getByRole('button', { name: /^Restore the backup made/ })
      .first()
      .click();
    const dialog = page.getByRole('dialog', { name: 'Restore this backup?' });
    await dialog.waitFor();
    await page.screenshot({ path: '/tmp/boardkeeper-confirm.png' });
    await expectNoAxeViolations(page, 'the restore confirmation');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect(await page.getByLabel('Board name').inputValue()).toBe(NEW_NAME);
  });

  it('looks right in the dark theme too', async () => {
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.screenshot({ path: '/tmp/boardkeeper-settings-dark.png', fullPage: true });
    await expectNoAxeViolations(page, 'the settings page, dark');
    await page.emulateMedia({ colorScheme: 'light' });
  });

  it('writes the name into db.json when the host stops with Ctrl+C, and releases the lock', async () => {
    // A change after the manual backup: restoring that backup must bring back NEW_NAME, not this.
    await page.getByLabel('Board name').fill(LATER_NAME);
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByRole('status').filter({ hasText: 'Settings saved.' }).waitFor();

    hostStoppedOnPurpose = true;
    expect(await host?.stop('SIGINT')).toBe(0);
    host = undefined;
    const checkpoint = await readFile(path.join(dataDir, 'db.json'), 'utf8');
    expect(checkpoint).toContain(LATER_NAME);
    await expect(stat(path.join(dataDir, LOCK_FILE))).rejects.toThrow();
  });

  it('opens on corrupt data, says what is wrong and offers recovery', async () => {
    // A damaged db.json alone is rebuilt from the journal; with the journal damaged too, nothing can rebuild it.
    const dbFile = path.join(dataDir, 'db.json');
    const corrupt = '{"schemaVersion": 1, "settings": ';
    await writeFile(dbFile, corrupt);
    const segment = path.join(dataDir, 'journal', '000000000001.jsonl');
    const lines = (await readFile(segment, 'utf8')).split('\n');
    lines[0] = lines[0]!.slice(0, 40);
    await writeFile(segment, lines.join('\n'));

    host = await startWebHostProcess(dataDir);
    await openPage(host.url);
    hostStoppedOnPurpose = false;

    await page.getByRole('heading', { level: 1, name: 'Boardkeeper cannot read its journal of changes' }).waitFor();
    const main = page.getByRole('main');
    expect(await main.textContent()).toContain('db.json cannot be trusted');
    expect(await main.textContent()).toContain(dataDir);
    expect(await main.textContent()).toMatch(/journal\/000000000001\.jsonl\.corrupt-/);
    await page.getByRole('button', { name: /^Restore the newest backup, from / }).waitFor();
    await page.getByRole('button', { name: 'Open the data folder' }).waitFor();
    await page.getByRole('button', { name: 'Quit Boardkeeper' }).waitFor();
    // The damaged file itself is left as it was.
    expect(await readFile(dbFile, 'utf8')).toBe(corrupt);

    await expectNoAxeViolationsLightAndDark(page, '/tmp/boardkeeper-recovery', 'the recovery screen');
  });

  it('shows where the data folder is when asked to open it', async () => {
    await page.getByRole('button', { name: 'Open the data folder' }).click();
    await page.getByRole('status').filter({ hasText: dataDir }).waitFor();
    await expect.poll(() => host?.openedPaths()).toEqual([dataDir]);
  });

  it('restores the newest backup and returns to the app with the board name back', async () => {
    await page.getByRole('button', { name: /^Restore the newest backup/ }).click();
    await expect.poll(() => page.getByRole('banner').textContent(), { timeout: 15_000 }).toContain(NEW_NAME);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
    await expect.poll(() => page.getByLabel('Board name').inputValue()).toBe(NEW_NAME);
    await page.screenshot({ path: '/tmp/boardkeeper-restored.png', fullPage: true });
  });

  it('restores an older backup from Settings after confirming, keeping the current data as a backup first', async () => {
    const backups = page.getByRole('table', { name: /Backups/ });
    const oldest = backups.getByRole('row').filter({ hasText: 'On starting' }).last();
    await oldest.getByRole('button', { name: /^Restore the backup made/ }).click();
    const dialog = page.getByRole('dialog', { name: 'Restore this backup?' });
    await dialog.getByRole('button', { name: 'Restore the backup' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: /Restored the backup made/ })
      .waitFor();
    await expect.poll(() => page.getByRole('banner').textContent()).toContain('My board');
    await expect.poll(() => page.getByLabel('Board name').inputValue()).toBe('My board');
    await backups.getByRole('row').filter({ hasText: 'Before a restore' }).waitFor();
  });

  it('saw no console errors and no CSP violations in the page', () => {
    expect(pageProblems).toEqual([]);
  });

  it('stops cleanly again', async () => {
    expect(await host?.stop('SIGTERM')).toBe(0);
    host = undefined;
  });
});
