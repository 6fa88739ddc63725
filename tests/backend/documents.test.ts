// Minutes from draft to approved and amended, and the documents channels on a
// real data folder: every format, the journal position each document is made
// from, PDF printed by Chromium (its text read back with pdftotext) and Word
// (its word/document.xml read back with a small ZIP reader).
import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { chromiumPdfPrinter } from '../../electron/web/chromiumPrinter.ts';
import type { FileToSave } from '../../electron/backend/platform.ts';
import { testBackend, type TestBackend } from '../helpers/backend.ts';
import { tempDir } from '../helpers/tempDir.ts';
import { docxText, zipEntries } from '../helpers/zipEntries.ts';

const run = promisify(execFile);
const NOW = new Date('2026-11-27T09:00:00.000Z');

async function withSample(platform: Parameters<typeof testBackend>[1] = {}): Promise<{
  t: TestBackend;
  june: string;
  may: string;
  next: string;
  items: Record<string, string>;
}> {
  const t = await testBackend(NOW, platform);
  await t.ok('sample:load', {});
  const meetings = (await t.ok('meetings:list', { pageSize: 50 })).rows;
  const june = meetings.find((m) => m.date === '2026-06-24')!.id;
  const may = meetings.find((m) => m.date === '2026-05-14')!.id;
  const next = meetings.find((m) => m.status === 'planned')!.id;
  const detail = await t.ok('meetings:get', { id: june });
  const items = Object.fromEntries(detail.meeting.agenda.map((i) => [i.number, i.id]));
  return { t, june, may, next, items };
}

async function pdfText(base64: string): Promise<string> {
  const dir = await tempDir('bk-pdf-');
  const file = path.join(dir, 'document.pdf');
  await writeFile(file, Buffer.from(base64, 'base64'));
  const { stdout } = await run('pdftotext', ['-raw', file, '-']);
  return stdout;
}

/** Collapses runs of white space, so wrapped table cells read as one line. */
function flat(text: string): string {
  return text.replace(/\s+/g, ' ');
}

describe('minutes: draft, approval, amendments', () => {
  it('shows a draft that is not stored until something is written', async () => {
    const { t, june, items } = await withSample();
    const before = (await t.ok('store:status', {})).seq;
    const view = await t.ok('minutes:get', { meetingId: june });
    expect(view).toMatchObject({ stored: false, minutes: { status: 'draft', discussion: {} }, approvedAt: null });
    expect(view.items.map((i) => [i.number, i.confidential])).toEqual([
      ['1', false],
      ['2', true],
      ['3', false],
    ]);
    expect(view.items[2]!.decisions.map((d) => d.reference)).toEqual(['PCD 2026-117']);
    // The next meeting is still to come: the June minutes cannot be approved yet.
    expect(view.laterMeetings).toEqual([]);
    const may = (await t.ok('meetings:list', { pageSize: 50 })).rows.find((m) => m.date === '2026-05-14')!;
    expect((await t.ok('minutes:get', { meetingId: may.id })).laterMeetings.map((m) => m.date)).toEqual(['2026-06-24']);
    expect((await t.ok('store:status', {})).seq).toBe(before);

    const saved = await t.ok('minutes:saveDiscussion', {
      meetingId: june,
      itemId: items['3']!,
      text: 'Members debated.',
    });
    expect(saved.summary).toBe('Minutes of Oversight board on 24 June 2026: wrote item 3');
    await t.ok('minutes:saveDiscussion', { meetingId: june, itemId: null, text: 'The Chair welcomed everyone.' });
    const stored = await t.ok('minutes:get', { meetingId: june });
    expect(stored.stored).toBe(true);
    expect(stored.items[2]!.discussion).toBe('Members debated.');
    expect(stored.minutes.opening).toBe('The Chair welcomed everyone.');
  });

  it('refuses an item of another meeting', async () => {
    const { t, may, items } = await withSample();
    const error = await t.refused('minutes:saveDiscussion', { meetingId: may, itemId: items['3'], text: 'x' });
    expect(error).toMatchObject({ code: 'invalid_input', details: { issues: [{ field: 'itemId' }] } });
  });

  it('is approved at a later meeting that has taken place, then locked; corrections are amendments', async () => {
    const { t, june, may, next, items } = await withSample();
    await t.ok('minutes:saveDiscussion', { meetingId: june, itemId: items['1']!, text: 'Noted.' });
    expect(await t.refused('minutes:amend', { meetingId: june, what: 'x', why: 'y' })).toMatchObject({
      code: 'conflict',
    });
    expect(await t.refused('minutes:approve', { meetingId: june, atMeetingId: may })).toMatchObject({
      code: 'invalid_input',
      details: { issues: [{ field: 'atMeetingId' }] },
    });
    const future = await t.refused('minutes:approve', { meetingId: june, atMeetingId: next });
    expect(future.message).toMatch(/has not happened yet/);

    // The May minutes are approved at the June meeting.
    await t.ok('minutes:approve', { meetingId: may, atMeetingId: june });
    const approved = await t.ok('minutes:get', { meetingId: may });
    expect(approved.minutes).toMatchObject({ status: 'approved', approvedOn: '2026-06-24', approvedBy: 'Secretariat' });
    expect(approved.approvedAt).toMatchObject({ id: june, date: '2026-06-24' });
    const mayItem = approved.items[0]!.id;
    const locked = await t.refused('minutes:saveDiscussion', { meetingId: may, itemId: mayItem, text: 'changed' });
    expect(locked).toMatchObject({
      code: 'conflict',
      details: { approved: true, amend: { channel: 'minutes:amend' } },
    });
    expect(locked.message).toMatch(/were approved on 24 June 2026 .* Record an amendment instead/);
    expect((await t.refused('minutes:approve', { meetingId: may, atMeetingId: june })).code).toBe('conflict');

    await t.ok('minutes:amend', { meetingId: may, what: 'Item 1: the vote was 5-0', why: 'Typing error' });
    const md = await t.ok('documents:minutes', { meetingId: may, format: 'md', version: 'private' });
    expect(md.content).toContain('- **Version:** 2 (approved 24 June 2026; amended once)');
    expect(md.content).toContain('Approved by the board at its meeting of 24 June 2026, recorded by Secretariat.');
    expect(md.content).toContain('## Amendments since approval');
    expect(md.content).toContain('Item 1: the vote was 5-0 | Typing error | Secretariat');
  });
});

describe('documents channels', () => {
  it('make Markdown, HTML and CSV from one reading of the state, at the journal position of that reading', async () => {
    const { t, june } = await withSample();
    const status = await t.ok('store:status', {});
    const md = await t.ok('documents:minutes', { meetingId: june, format: 'md' });
    expect(md).toMatchObject({
      fileName: 'MIN-2026-06-24-minutes-public.md',
      encoding: 'utf8',
      reference: 'MIN 2026-06-24',
      position: { seq: status.seq, hash: status.hash },
      generatedAt: NOW.toISOString(),
    });
    expect(md.content).toContain(`journal entry ${status.seq}, hash \`${status.hash}\``);
    expect(md.content).toContain('Item 2 was considered in private.');

    const notice = await t.ok('documents:notice', {
      decisionId: (await t.ok('decisions:list', { search: 'PCD 2026-117' })).rows[0]!.id,
      format: 'html',
    });
    expect(notice.fileName).toBe('PCD-2026-117-decision-notice.html');
    expect(notice.mimeType).toBe('text/html; charset=utf-8');
    expect(notice.content).toMatch(/^<!doctype html>/);

    const report = await t.ok('documents:conditionsReport', { format: 'csv' });
    expect(report.fileName).toBe('CR-2026-11-27-conditions-report.csv');
    expect(report.content.startsWith('\uFEFF')).toBe(true);
    const register = await t.ok('documents:register', { register: 'contracts' });
    expect(register.fileName).toBe('Policing-Oversight-Board-contracts-register-2026-11-27.csv');
    expect(register.content).toContain('CTR-2025-019');
  });

  it('refuses a PDF where there is no printer, pointing to HTML', async () => {
    const { t, june } = await withSample();
    const error = await t.refused('documents:minutes', { meetingId: june, format: 'pdf' });
    expect(error).toMatchObject({ code: 'conflict', details: { pdfUnavailable: true, use: 'html' } });
    expect(error.message).toMatch(/Export the document as HTML/);
  });

  it('names a missing record', async () => {
    const { t } = await withSample();
    expect(await t.refused('documents:minutes', { meetingId: 'mtg_nope', format: 'md' })).toMatchObject({
      code: 'not_found',
    });
    expect(await t.refused('documents:notice', { decisionId: 'dec_x', format: 'pdf2' })).toMatchObject({
      code: 'invalid_input',
      details: { issues: [{ field: 'format' }] },
    });
  });

  it('writes Word: headings, tables with repeating header rows, page numbers, every decision and condition', async () => {
    const { t, june } = await withSample();
    const file = await t.ok('documents:minutes', { meetingId: june, format: 'docx', version: 'private' });
    expect(file.encoding).toBe('base64');
    const bytes = Buffer.from(file.content, 'base64');
    const entries = zipEntries(bytes);
    const xml = entries.get('word/document.xml')!.toString('utf8');
    expect(xml).toContain('<w:pStyle w:val="Heading1"/>');
    expect(xml).toContain('<w:pStyle w:val="Heading3"/>');
    expect(xml).toContain('<w:tblHeader/>');
    expect(xml).toContain('<w:cantSplit/>');
    // The document's language is UK English (the default run style says so).
    expect(entries.get('word/styles.xml')!.toString('utf8')).toMatch(/<w:lang w:val="en-GB"\/>/);
    const footers = [...entries.keys()].filter((name) => /^word\/footer\d*\.xml$/.test(name));
    const footer = footers.map((name) => entries.get(name)!.toString('utf8')).join('');
    expect(footer).toMatch(/PAGE/);
    expect(footer).toMatch(/NUMPAGES/);
    const words = docxText(bytes);
    const conditions = (await t.ok('conditions:list', { pageSize: 100 })).rows.filter(
      (c) => c.decisionReference === 'PCD 2026-117',
    );
    expect(conditions).toHaveLength(4);
    for (const text of ['PCD 2026-117', ...conditions.map((c) => c.wording), 'Item 2: Pre-action letter']) {
      expect(words).toContain(text);
    }
  });

  it('prints PDF with Chromium: tagged, A4, page numbers, every decision reference and condition of the meeting', async () => {
    const printPdf = chromiumPdfPrinter();
    expect(printPdf, 'Chromium is needed at /usr/bin/chromium (.ci/run installs it)').toBeDefined();
    const { t, june } = await withSample({ printPdf });
    const file = await t.ok('documents:minutes', { meetingId: june, format: 'pdf', version: 'private' });
    expect(file).toMatchObject({ fileName: 'MIN-2026-06-24-minutes-private.pdf', mimeType: 'application/pdf' });
    expect(Buffer.from(file.content, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
    const text = flat(await pdfText(file.content));
    const decisions = (await t.ok('decisions:list', { meetingId: june })).rows;
    expect(decisions.map((d) => d.reference)).toEqual(['PCD 2026-117']);
    const conditions = (await t.ok('conditions:list', { decisionId: decisions[0]!.id })).rows;
    for (const needle of [...decisions.map((d) => d.reference), ...conditions.map((c) => c.wording)]) {
      expect(text).toContain(needle);
    }
    expect(text).toMatch(/MIN 2026-06-24 · Policing Oversight Board\s*Page 1 of \d/);
    expect(text).toContain('CONFIDENTIAL: NOT FOR PUBLICATION');
    const dir = await tempDir('bk-pdfinfo-');
    await writeFile(path.join(dir, 'm.pdf'), Buffer.from(file.content, 'base64'));
    const { stdout: info } = await run('pdfinfo', [path.join(dir, 'm.pdf')]);
    expect(info).toMatch(/Tagged:\s+yes/);
    // Its Creator is the app and its version, not the headless browser's user agent.
    expect(info).toMatch(/Creator:\s+Boardkeeper \d+\.\d+\.\d+\n/);
    expect(info).toMatch(/Page size:\s+59[45]\.\d+ x 84[12]\.\d+ pts \(A4\)/);
  }, 60_000);

  it('hands a built file to the platform’s save dialog', async () => {
    const saved: FileToSave[] = [];
    const { t, june } = await withSample({
      saveFile: async (file) => {
        saved.push(file);
        return { saved: true, path: `/home/clerk/${file.fileName}` };
      },
    });
    const answer = await t.ok('documents:save', { document: 'minutes', meetingId: june, format: 'md' });
    expect(answer).toEqual({
      saved: true,
      path: '/home/clerk/MIN-2026-06-24-minutes-public.md',
      fileName: 'MIN-2026-06-24-minutes-public.md',
    });
    expect(saved[0]!.mimeType).toBe('text/markdown; charset=utf-8');
    expect(Buffer.from(saved[0]!.bytes).toString('utf8')).toContain('# Minutes: Oversight board, 24 June 2026');
  });

  it('says the web host has no save dialog', async () => {
    const { t } = await withSample();
    const error = await t.refused('documents:save', { document: 'register', register: 'decisions' });
    expect(error.code).toBe('conflict');
  });
});
