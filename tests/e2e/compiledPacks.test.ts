// The compiled pack PDF end to end, in Chromium through the web host: a meeting with a PDF paper, a
// Word paper, a Markdown paper, a password-protected PDF paper, and an item taken in private whose
// PDF and Word papers hold a marker phrase (tests/helpers/packMeeting.ts writes the folder with the
// backend's own store). The secretariat compiles the public pack from the meeting page: the page asks
// for the protected paper's password (a wrong one is said so), then compiles; the downloaded file holds
// no marker phrase, has the right page count, "Page N of M" once on every page, an outline with each
// item and paper at the right page, and an agenda whose numbers are those pages. "Print pages" cuts a
// range numbered as in the pack. The page list's numbers open that page of the pack in the app's reader,
// whose page N shows "Page N of M". axe finds nothing on the panel or the reader.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Download, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MARKER, writePackMeeting, type PackMeeting } from '../helpers/packMeeting.ts';
import {
  agendaLinkTargets,
  agendaPageOf,
  expectedPageNumbers,
  flatOutline,
  outline,
  pageCount,
  pageNumbersByPage,
  text,
} from '../helpers/pdfReadBack.ts';
import { tempDir } from '../helpers/tempDir.ts';
import { expectNoAxeViolations } from './axe.ts';
import { makeDataDir, startBrowserApp, type BrowserApp } from './browserApp.ts';

const PASSWORD = 'audit-2026-letter';
let app: BrowserApp;
let meeting: PackMeeting;

beforeAll(async () => {
  const dataDir = await makeDataDir('boardkeeper-e2e-compiled-');
  meeting = await writePackMeeting(dataDir, { protectedPdf: { password: PASSWORD } });
  app = await startBrowserApp({ dataDir, fakeNow: '2026-09-10T09:00:00Z', acceptDownloads: true });
}, 120_000);

afterAll(async () => {
  await app?.close();
});

async function saved(download: Download): Promise<string> {
  const dir = await tempDir('bk-e2e-cpk-');
  const file = path.join(dir, download.suggestedFilename());
  await writeFile(file, await readFile(await download.path()));
  return file;
}

function panel(page: Page) {
  return page.getByRole('region', { name: 'Pack PDF' });
}

describe('compiled pack PDF in the app', () => {
  it('compiles the public pack from the meeting page; the file holds nothing of the private item and its numbers agree', async () => {
    const page = app.page;
    await page.goto(`${page.url().split('#')[0]}#/meetings/${meeting.meetingId}`);
    const pack = panel(page);
    await pack.getByText('Public pack: not compiled yet.').waitFor();

    // The protected paper: asked for, a wrong password said so, the right one used for this compile only.
    await pack.getByRole('button', { name: 'Compile pack PDF' }).click();
    const field = pack.getByLabel('Password for BP-2026-46 Audit letter (audit-letter.pdf)');
    await field.waitFor({ timeout: 60_000 });
    await field.fill('not-the-password');
    await pack.getByRole('button', { name: 'Compile pack PDF' }).click();
    await pack.getByText('That password did not open audit-letter.pdf.').waitFor({ timeout: 60_000 });
    await expectNoAxeViolations(page, 'the meeting page asking for a password');
    await pack.getByLabel('Password for BP-2026-46 Audit letter (audit-letter.pdf)').fill(PASSWORD);
    await pack.getByRole('button', { name: 'Compile pack PDF' }).click();
    const status = pack.getByRole('status').filter({ hasText: 'Public pack, version 1 compiled' });
    await status.waitFor({ timeout: 120_000 });
    await expect.poll(() => pack.getByLabel('Password for BP-2026-46 Audit letter (audit-letter.pdf)').count()).toBe(0);
    await pack.getByText(/Public pack: members have version 1 \(last compiled 10 September 2026 at/).waitFor();

    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 60_000 }),
      pack.getByRole('button', { name: 'Download Public pack, version 1' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('Board-meeting-2026-09-24-public-pack-v1.pdf');
    const file = await saved(download);

    // Nothing of the item taken in private.
    const all = await text(file);
    expect(all).not.toContain(MARKER);
    expect(all).not.toContain('Pilot contract: legal position');
    expect(all).toContain('The auditor writes about the accounts.');

    // The page count: cover and agenda (2), the PDF paper as it is (3), the Word, Markdown and protected papers.
    const table = pack.getByRole('table', { name: 'Pages of Public pack, version 1' });
    const rowPages = async (reference: string): Promise<[number, number]> => {
      const cell = (
        await table.getByRole('row').filter({ hasText: reference }).getByRole('cell').last().innerText()
      ).trim();
      const [, first, last] = /^(\d+)(?:–(\d+))?/.exec(cell)!;
      return [Number(first), Number(last ?? first)];
    };
    const [pdfFirst, pdfLast] = await rowPages('BP-2026-41');
    const [wordFirst, wordLast] = await rowPages('BP-2026-42');
    const [mdFirst, mdLast] = await rowPages('BP-2026-43');
    const [auditFirst, auditLast] = await rowPages('BP-2026-46');
    expect([pdfFirst, pdfLast, wordFirst, mdFirst, auditFirst]).toEqual([3, 5, 6, wordLast + 1, mdLast + 1]);
    expect(auditLast).toBe(auditFirst);
    const total = await pageCount(file);
    expect(total).toBe(auditLast);
    expect(total).toBe(2 + 3 + (wordLast - wordFirst + 1) + (mdLast - mdFirst + 1) + 1);

    // "Page N of M" exactly once on every page.
    expect(await pageNumbersByPage(file, total)).toEqual(expectedPageNumbers(total));

    // The outline lists each item and paper at the page the app lists.
    expect(flatOutline(await outline(file))).toEqual([
      [0, 'Cover', 1],
      [0, 'Agenda', 2],
      [0, 'Item 1: Budget and workforce', 3],
      [1, 'BP-2026-41: Budget monitoring, quarter 1', pdfFirst],
      [1, 'BP-2026-42: Workforce plan', wordFirst],
      [1, 'BP-2026-43: Re-tender timetable', mdFirst],
      [1, 'BP-2026-46: Audit letter', auditFirst],
      [0, 'Item 3: Any other business', 2],
    ]);
    // The agenda's numbers, and its links, are those pages.
    const agenda = await text(file, 2);
    for (const [what, first] of [
      ['Budget and workforce', 3],
      ['BP-2026-41', pdfFirst],
      ['BP-2026-42', wordFirst],
      ['BP-2026-43', mdFirst],
      ['BP-2026-46', auditFirst],
    ] as const)
      expect(agendaPageOf(agenda, what), what).toBe(first);
    expect((await agendaLinkTargets(file, 2)).sort((a, b) => a - b)).toEqual(
      [3, pdfFirst, wordFirst, mdFirst, auditFirst].sort((a, b) => a - b),
    );

    // Print pages 3-5: those pages, numbered as in the pack.
    const print = pack.getByRole('form', { name: 'Print pages of Public pack, version 1' });
    await print.getByLabel('From page').fill('3');
    await print.getByLabel('To page').fill(String(total + 5));
    await print.getByRole('button', { name: 'Print pages' }).click();
    await print.getByText(`To page must be a page of the pack: it has ${total} pages`).waitFor();
    await print.getByLabel('To page').fill('5');
    const [pages] = await Promise.all([
      page.waitForEvent('download', { timeout: 60_000 }),
      print.getByRole('button', { name: 'Print pages' }).click(),
    ]);
    expect(pages.suggestedFilename()).toBe('Board-meeting-2026-09-24-public-pack-v1-pages-3-5.pdf');
    const cut = await saved(pages);
    expect(await pageCount(cut)).toBe(3);
    expect(await pageNumbersByPage(cut, 3)).toEqual([3, 4, 5].map((n) => [`Page ${n} of ${total}`]));
    expect(await text(cut, 1)).toContain('Budget monitoring report, page 1');

    await pack.scrollIntoViewIfNeeded();
    await expectNoAxeViolations(page, 'the meeting page with a compiled pack');
    await pack.screenshot({ path: '/tmp/boardkeeper-compiled-pack.png' });
    expect(app.pageProblems).toEqual([]);

    // Read in the app: the page list's number for the Word paper opens that page of the pack in the reader,
    // whose page N is the page stamped "Page N of M".
    await table.getByRole('row').filter({ hasText: 'BP-2026-42' }).getByRole('link').click();
    const reader = page.getByRole('region', { name: 'PDF reader: Public pack, version 1' });
    await reader.waitFor({ timeout: 60_000 });
    await page.getByRole('heading', { level: 1, name: 'Public pack, version 1' }).waitFor();
    await reader
      .getByRole('status')
      .filter({ hasText: `Page ${wordFirst} of ${total}` })
      .waitFor({ timeout: 60_000 });
    expect(page.url()).toContain(`/packs/`);
    expect(page.url()).toContain(`page=${wordFirst}`);
    const shown = reader.locator(`.pdf-page[data-page="${wordFirst}"]`);
    await expect.poll(() => shown.getAttribute('data-drawn'), { timeout: 60_000 }).toBe('true');
    await expect
      .poll(() => shown.locator('.textLayer').innerText(), { timeout: 30_000 })
      .toContain(`Page ${wordFirst} of ${total}`);
    expect(await shown.locator('.textLayer').innerText()).not.toContain(`Page ${wordFirst + 1} of ${total}`);
    await expectNoAxeViolations(page, 'the compiled pack in the reader');
    await page.screenshot({ path: '/tmp/boardkeeper-compiled-pack-reader.png' });

    // Back on the meeting page, "Read in the app" opens the pack at its first page.
    await page.goBack();
    await panel(page).getByRole('link', { name: 'Read in the app (Public pack, version 1)' }).click();
    await page
      .getByRole('region', { name: 'PDF reader: Public pack, version 1' })
      .getByRole('status')
      .filter({ hasText: `Page 1 of ${total}` })
      .waitFor({ timeout: 60_000 });
    expect(app.pageProblems).toEqual([]);
  }, 300_000);
});
