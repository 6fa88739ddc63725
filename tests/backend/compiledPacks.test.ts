// Compiling a meeting's pack into one PDF, on real files: a PDF paper made with pdf-lib, a Word
// paper made with `docx` (converted with mammoth and turndown), a Markdown paper, and an item taken
// in private whose PDF and Word papers hold a marker phrase. Printed by Chromium, read back with
// poppler (pdftotext, pdfinfo), qpdf --json (the outline) and pdf-lib (the agenda's links).
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { chromiumPdfPrinter } from '../../electron/web/chromiumPrinter.ts';
import { assemblePack } from '../../electron/backend/documents/compilePack.ts';
import { PDFDocument, StandardFonts, degrees } from '@cantoo/pdf-lib';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { CompiledPackView } from '../../shared/contract/compiledPackViews.ts';
import { testBackend, type TestBackend } from '../helpers/backend.ts';
import { MARKER, writePackMeeting, type PackMeeting, type PackMeetingOptions } from '../helpers/packMeeting.ts';
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

const NOW = new Date('2026-09-10T09:00:00.000Z');
const SLOW = 240_000;

async function open(
  options: PackMeetingOptions = {},
): Promise<{ t: TestBackend; m: PackMeeting & { extra: Record<string, string> } }> {
  const m = await writePackMeeting(await tempDir('bk-pack-'), options);
  const printPdf = chromiumPdfPrinter();
  expect(printPdf, 'Chromium is needed at /usr/bin/chromium (.ci/run installs it)').toBeDefined();
  const t = await testBackend(NOW, { printPdf }, m.dataDir);
  return { t, m };
}

async function compiled(t: TestBackend, input: Parameters<TestBackend['ok']>[1] & object): Promise<CompiledPackView> {
  const outcome = await t.ok('compiledPacks:compile', input as never);
  if (outcome.status !== 'compiled') throw new Error(`not compiled: ${JSON.stringify(outcome)}`);
  return outcome.pack;
}

/** The pack's file on disk. */
async function fileOf(t: TestBackend, id: string, range: { from?: number; to?: number } = {}): Promise<string> {
  const file = await t.ok('compiledPacks:file', { id, ...range });
  const dir = await tempDir('bk-cpk-');
  const target = path.join(dir, file.fileName);
  await writeFile(target, Buffer.from(file.dataBase64, 'base64'));
  return target;
}

describe('compiled pack PDF', () => {
  it(
    'public pack: no trace of the private item, every page numbered once, outline and agenda agree',
    async () => {
      const { t, m } = await open();
      const pack = await compiled(t, { meetingId: m.meetingId, scope: 'public' });
      expect(pack).toMatchObject({ scope: 'public', version: 1, supplement: 0, label: 'Public pack, version 1' });
      const file = await fileOf(t, pack.id);
      const all = await text(file);
      expect(all).not.toContain(MARKER);
      expect(all).not.toMatch(/Zebra|quartz/i);
      expect(all).not.toContain('Pilot contract: legal position');
      expect(all).not.toContain('BP-2026-44');
      expect(all).not.toContain('BP-2026-45');
      for (const phrase of [
        'Budget monitoring report, page 3',
        'The force plans 1,150 posts fewer',
        'Paragraph 28.',
        'Any other business',
      ])
        expect(all).toContain(phrase);
      expect(all).toContain('1 item taken in private is not in this pack');

      // Page count: the cover and agenda, the PDF paper's 3 pages as they are, the printed papers.
      const [pdfPaper, wordPaper, mdPaper] = pack.papers;
      expect(pack.papers.map((p) => [p.reference, p.kind])).toEqual([
        ['BP-2026-41', 'pdf'],
        ['BP-2026-42', 'docx'],
        ['BP-2026-43', 'markdown'],
      ]);
      expect(pdfPaper!.pages).toBe(m.pdfPages);
      expect(mdPaper!.pages).toBeGreaterThanOrEqual(2);
      const total = await pageCount(file);
      expect(total).toBe(2 + 3 + wordPaper!.pages + mdPaper!.pages);
      expect(pack.pages).toBe(total);
      expect([pdfPaper!.firstPage, wordPaper!.firstPage, mdPaper!.firstPage]).toEqual([3, 6, 6 + wordPaper!.pages]);

      // "Page N of M" exactly once on every page, N and M right.
      expect(await pageNumbersByPage(file, total)).toEqual(expectedPageNumbers(total));
      // The printed papers carry none of the printer's own numbers: their first page reads as the pack's.
      expect(await text(file, wordPaper!.firstPage)).toContain('Workforce plan');
      expect(await text(file, mdPaper!.firstPage)).toContain('Re-tender timetable');
      expect(await text(file, pdfPaper!.firstPage)).toContain('Budget monitoring report, page 1');

      // The outline, read back by qpdf: each item and paper with its page.
      expect(flatOutline(await outline(file))).toEqual([
        [0, 'Cover', 1],
        [0, 'Agenda', 2],
        [0, 'Item 1: Budget and workforce', 3],
        [1, 'BP-2026-41: Budget monitoring, quarter 1', 3],
        [1, 'BP-2026-42: Workforce plan', 6],
        [1, 'BP-2026-43: Re-tender timetable', 6 + wordPaper!.pages],
        [0, 'Item 3: Any other business', 2],
      ]);

      // The agenda's printed numbers and its links go to those pages.
      const agenda = await text(file, 2);
      expect(agenda).toContain('Agenda');
      expect(agendaPageOf(agenda, 'Budget and workforce')).toBe(3);
      expect(agendaPageOf(agenda, 'BP-2026-41')).toBe(3);
      expect(agendaPageOf(agenda, 'BP-2026-42')).toBe(6);
      expect(agendaPageOf(agenda, 'BP-2026-43')).toBe(6 + wordPaper!.pages);
      expect((await agendaLinkTargets(file, 2)).sort((a, b) => a - b)).toEqual(
        [3, 3, 6, 6 + wordPaper!.pages].sort((a, b) => a - b),
      );

      // The cover: board, meeting, date, place, pack version.
      const cover = await text(file, 1);
      for (const phrase of [
        'Police and Crime Board',
        'Board meeting',
        'Thursday 24 September 2026, 10:00',
        'Committee Room 1, City Hall',
        'Public pack, version 1',
      ])
        expect(cover).toContain(phrase);

      // Print pages: a range cut out keeps the pack's own numbers.
      const printed = await fileOf(t, pack.id, { from: 3, to: 5 });
      expect(await pageCount(printed)).toBe(3);
      expect((await text(printed, 1)).match(/Page \d+ of \d+/g)).toEqual([`Page 3 of ${total}`]);
      expect((await text(printed, 3)).match(/Page \d+ of \d+/g)).toEqual([`Page 5 of ${total}`]);
      const beyond = await t.refused('compiledPacks:file', { id: pack.id, from: 3, to: total + 1 });
      expect(beyond).toMatchObject({
        code: 'invalid_input',
        message: `to: must be a page of the pack: it has ${total} pages`,
      });
    },
    SLOW,
  );

  it(
    'confidential pack holds the private item; versions are counted per scope; the list says which version members have',
    async () => {
      const { t, m } = await open();
      const pack = await compiled(t, { meetingId: m.meetingId, scope: 'confidential' });
      expect(pack).toMatchObject({ scope: 'confidential', version: 1, label: 'Confidential pack, version 1' });
      const file = await fileOf(t, pack.id);
      const all = await text(file);
      expect(all).toContain(MARKER);
      expect(all).toContain('Pilot contract: legal position');
      expect(pack.papers.map((p) => p.reference)).toEqual([
        'BP-2026-41',
        'BP-2026-42',
        'BP-2026-43',
        'BP-2026-44',
        'BP-2026-45',
      ]);
      const titles = flatOutline(await outline(file)).map(([, title]) => title);
      expect(titles).toContain('Item 2: Pilot contract: legal position');
      expect(titles).toContain('BP-2026-44: Legal advice on the pre-action letter');
      const private44 = pack.papers.find((p) => p.reference === 'BP-2026-44')!;
      expect(await text(file, private44.firstPage)).toContain(MARKER);

      const list = await t.ok('compiledPacks:list', { meetingId: m.meetingId });
      expect(list.packs.map((p) => p.label)).toEqual(['Confidential pack, version 1']);
      expect(list.scopes).toEqual([
        { scope: 'public', current: null, changes: expect.objectContaining({ removed: [] }) },
        {
          scope: 'confidential',
          current: { version: 1, supplements: 0, compiledAt: NOW.toISOString() },
          changes: { added: [], revised: [], removed: [] },
        },
      ]);
    },
    SLOW,
  );

  it(
    'a supplement holds only the papers added or revised since the version, with its own cover; a new version holds all',
    async () => {
      const { t, m } = await open();
      const v1 = await compiled(t, { meetingId: m.meetingId, scope: 'public' });
      const refused = await t.refused('compiledPacks:compile', {
        meetingId: m.meetingId,
        scope: 'public',
        as: 'supplement',
      });
      expect(refused.message).toContain('no paper was added or revised since version 1');
      const added = await t.ok('papers:create', {
        reference: 'BP-2026-48',
        title: 'Late paper on overtime',
        date: '2026-09-09',
        body: '# Overtime\n\nOvertime rose by 4% in the quarter.',
      });
      const meeting = (await t.ok('meetings:get', { id: m.meetingId })).meeting;
      await t.ok('meetings:update', {
        id: m.meetingId,
        agenda: meeting.agenda.map((i) =>
          i.id === m.items.public ? { ...i, paperIds: [...i.paperIds, added.id] } : i,
        ),
      });
      const list = await t.ok('compiledPacks:list', { meetingId: m.meetingId });
      expect(list.scopes[0]!.changes.added.map((p) => p.reference)).toEqual(['BP-2026-48']);

      const supplement = await compiled(t, { meetingId: m.meetingId, scope: 'public', as: 'supplement' });
      expect(supplement).toMatchObject({
        version: 1,
        supplement: 1,
        label: 'Supplement 1 to the public pack, version 1',
      });
      expect(supplement.papers.map((p) => p.reference)).toEqual(['BP-2026-48']);
      const file = await fileOf(t, supplement.id);
      const total = await pageCount(file);
      expect(total).toBe(supplement.pages);
      expect(await text(file, 1)).toContain('Supplement 1 to the public pack, version 1');
      const all = await text(file);
      expect(all).toContain('Overtime rose by 4%');
      expect(all).not.toContain('Budget monitoring report');
      expect(await pageNumbersByPage(file, total)).toEqual(expectedPageNumbers(total));

      const after = await t.ok('compiledPacks:list', { meetingId: m.meetingId });
      expect(after.scopes[0]).toMatchObject({
        current: { version: 1, supplements: 1 },
        changes: { added: [], revised: [] },
      });
      const v2 = await compiled(t, { meetingId: m.meetingId, scope: 'public' });
      expect(v2).toMatchObject({ version: 2, supplement: 0 });
      expect(v2.papers.map((p) => p.reference)).toEqual(['BP-2026-41', 'BP-2026-42', 'BP-2026-43', 'BP-2026-48']);
      expect(v2.pages).toBeGreaterThan(v1.pages);
    },
    SLOW,
  );

  it(
    'a password-protected PDF paper: asked for, a wrong password said so, the right one used, or the paper left out with a page saying where; never stored',
    async () => {
      const password = 'Tr0ub4dor&3-audit';
      const { t, m } = await open({ protectedPdf: { password } });
      const id = m.extra.protected!;
      const asked = await t.ok('compiledPacks:compile', { meetingId: m.meetingId, scope: 'public' });
      expect(asked).toEqual({
        status: 'needsPassword',
        papers: [
          { paperId: id, reference: 'BP-2026-46', title: 'Audit letter', fileName: 'audit-letter.pdf', wrong: false },
        ],
      });
      const wrong = await t.ok('compiledPacks:compile', {
        meetingId: m.meetingId,
        scope: 'public',
        passwords: { [id]: 'guess' },
      });
      expect(wrong).toMatchObject({ status: 'needsPassword', papers: [{ paperId: id, wrong: true }] });
      expect((await t.ok('compiledPacks:list', { meetingId: m.meetingId })).packs).toEqual([]);

      const withIt = await compiled(t, { meetingId: m.meetingId, scope: 'public', passwords: { [id]: password } });
      const opened = await fileOf(t, withIt.id);
      const paper = withIt.papers.find((p) => p.reference === 'BP-2026-46')!;
      expect(paper).toMatchObject({ leftOut: null, pages: 1 });
      expect(await text(opened, paper.firstPage)).toContain('The auditor writes about the accounts.');
      // The compiled pack itself is not protected: it opens without a password.
      expect(await pageCount(opened)).toBe(withIt.pages);

      const leftOut = await compiled(t, { meetingId: m.meetingId, scope: 'public', leaveOut: [id] });
      const file = await fileOf(t, leftOut.id);
      const stand = leftOut.papers.find((p) => p.reference === 'BP-2026-46')!;
      expect(stand).toMatchObject({ leftOut: 'password', pages: 1 });
      const page = await text(file, stand.firstPage);
      expect(page).toContain('Not included in this pack');
      expect(page).toContain('audit-letter.pdf');
      expect(await text(file)).not.toContain('The auditor writes');
      expect(await text(file, 2)).toContain('password-protected: not included');

      // The password is nowhere in the data folder.
      await t.backend.close();
      const files = await listFiles(m.dataDir);
      for (const f of files) expect((await readFile(f)).includes(password), f).toBe(false);
    },
    SLOW,
  );

  it(
    'a damaged PDF paper stops the compile, named, with nothing written',
    async () => {
      const { t, m } = await open({ damagedPdf: true });
      const before = await listFiles(path.join(m.dataDir, 'blobs'));
      const seq = (await t.ok('store:status', {})).seq;
      const error = await t.refused('compiledPacks:compile', { meetingId: m.meetingId, scope: 'public' });
      expect(error.code).toBe('invalid_input');
      expect(error.message).toContain(
        'The pack was not compiled: paper BP-2026-47 “Estates strategy” (version 1, file estates.pdf) is damaged',
      );
      expect(error.message).toContain('Nothing was written');
      expect((await t.ok('store:status', {})).seq).toBe(seq);
      expect(await listFiles(path.join(m.dataDir, 'blobs'))).toEqual(before);
      expect((await t.ok('compiledPacks:list', { meetingId: m.meetingId })).packs).toEqual([]);
    },
    SLOW,
  );
});

describe('page numbers on rotated pages', () => {
  it('a page turned by /Rotate (a landscape table) is numbered at its foot as shown, upright', async () => {
    const paper = await PDFDocument.create();
    const font = await paper.embedFont(StandardFonts.Helvetica);
    for (const angle of [0, 90, 180, 270]) {
      const page = paper.addPage([595.28, 841.89]);
      page.setRotation(degrees(angle));
      page.drawText(`Turned ${angle}`, { x: 100, y: 400, size: 20, font });
    }
    const front = await PDFDocument.create();
    front.addPage([595.28, 841.89]);
    const pack = await assemblePack({
      front: await front.save(),
      parts: [paper],
      outline: [{ title: 'Paper', page: 2 }],
      footer: 'Police and Crime Board',
      title: 'Pack',
      author: 'Board',
      createdAt: NOW,
    });
    const file = path.join(await tempDir('bk-rot-'), 'rotated.pdf');
    await writeFile(file, pack.bytes);
    const { stdout } = await promisify(execFile)('pdftotext', ['-bbox', file, '-']);
    const pages = stdout.split('<page ').slice(1);
    expect(pages).toHaveLength(5);
    pages.forEach((xml, i) => {
      const angle = [0, 0, 90, 180, 270][i]!;
      // pdftotext places words as the page is shown: a turned page is 842 wide and 595 high.
      const [shownWidth, shownHeight] = angle % 180 === 0 ? [595.28, 841.89] : [841.89, 595.28];
      const word = /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">Page<\/word>/.exec(xml);
      expect(word, `page ${i + 1}`).not.toBeNull();
      const [xMin, yMin, xMax, yMax] = word!.slice(1).map(Number) as [number, number, number, number];
      // At the foot, on the right, and written along the line (wider than high).
      expect(yMax, `page ${i + 1} (turned ${angle})`).toBeGreaterThan(shownHeight * 0.95);
      expect(xMin, `page ${i + 1} (turned ${angle})`).toBeGreaterThan(shownWidth * 0.8);
      expect(xMax - xMin).toBeGreaterThan(yMax - yMin);
    });
  });
});

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
}
