// Papers from files: real PDFs (pdf-lib, qpdf, a real-world manual) and Word files (docx) read by the backend.
import { readFile, readdir, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pageAt, pageStartsOf, plainTextOf } from '../../shared/rules/passageAnchors.ts';
import { sniffPaperFile } from '../../shared/rules/paperFiles.ts';
import { rawZip } from '../helpers/zipWriter.ts';
import { zipEntries } from '../helpers/zipEntries.ts';
import { testBackend, type TestBackend } from '../helpers/backend.ts';
import { makeDocx, makePdf, protectPdf, REAL_WORLD_PDF } from '../helpers/paperFileMakers.ts';
import fc from 'fast-check';

const b64 = (data: Buffer) => data.toString('base64');

async function meetingWithItem(t: TestBackend): Promise<{ meetingId: string; itemId: string }> {
  const { id } = await t.ok('meetings:create', {
    title: 'Board meeting',
    date: '2026-07-14',
    agenda: [{ number: '1', title: 'Analytics contract' }],
  });
  const detail = await t.ok('meetings:get', { id });
  return { meetingId: id, itemId: detail.meeting.agenda[0]!.id };
}

async function paperCount(t: TestBackend): Promise<number> {
  return (await t.ok('papers:list', { archived: 'all' })).total;
}

async function journalText(t: TestBackend): Promise<string> {
  const dir = join(t.dataDir, 'journal');
  const files = await readdir(dir);
  return (await Promise.all(files.map((f) => readFile(join(dir, f), 'utf8')))).join('\n');
}

const filler = (page: number) => [`Paper page ${page}`, `Routine text about item ${page}.`];

// Each PDF is read in a worker thread of its own: slow on a loaded machine, so the tests get time.
describe('adding papers from files', { timeout: 180_000 }, () => {
  it('adds a multi-page PDF on an agenda item: its text searchable by page, its original downloadable', async () => {
    const t = await testBackend();
    const { meetingId, itemId } = await meetingWithItem(t);
    const pdf = await makePdf([
      filler(1),
      filler(2),
      ['The retender timetable slips to March.', 'More words.'],
      filler(4),
    ]);
    const added = await t.ok('papers:addFromFile', {
      fileName: 'Business case.pdf',
      dataBase64: b64(pdf),
      date: '2026-07-01',
      meetingId,
      itemId,
    });
    expect(added).toMatchObject({ reference: 'PAP-2026-001', version: 1, kind: 'pdf', pages: 4, notes: [] });
    const meeting = await t.ok('meetings:get', { id: meetingId });
    expect(meeting.meeting.agenda[0]!.paperIds).toEqual([added.id]);
    const detail = await t.ok('papers:get', { id: added.id });
    expect(detail.paper.title).toBe('Business case');
    expect(detail.body.split('\f')).toHaveLength(4);
    expect(detail.body.split('\f')[2]).toContain('retender timetable slips');
    expect(detail.source).toMatchObject({ kind: 'pdf', name: 'Business case.pdf', pages: 4, noTextLayer: false });
    const original = await t.ok('papers:attachment', { id: added.id, blob: detail.source!.blob });
    expect(Buffer.from(original.dataBase64, 'base64').equals(pdf)).toBe(true);
    const found = await t.ok('search:query', { q: 'timetable slips' });
    const hit = found.groups.find((g) => g.kind === 'paper')!.hits[0]!;
    expect(hit).toMatchObject({ id: added.id, page: 3 });
    expect(hit.snippet).toContain('timetable slips');
  });

  it('keeps the original file among the stored files records name: Verify misses it, the archive without notes carries it', async () => {
    const t = await testBackend();
    const pdf = await makePdf([['Original file kept.'], ['Second page.']]);
    const added = await t.ok('papers:addFromFile', { fileName: 'Kept.pdf', dataBase64: b64(pdf), date: '2026-07-01' });
    const { source } = await t.ok('papers:get', { id: added.id });
    const hash = source!.blob;
    const archive = await t.ok('archive:export', { kind: 'without-private-notes' });
    expect(
      zipEntries(Buffer.from(archive.content, 'base64'))
        .get(`blobs/${hash.slice(0, 2)}/${hash}`)
        ?.equals(pdf),
    ).toBe(true);
    expect(await t.ok('audit:verify', {})).toMatchObject({ ok: true });
    await rm(join(t.dataDir, 'blobs', hash.slice(0, 2), hash));
    const report = await t.ok('audit:verify', {});
    expect(report.ok).toBe(false);
    expect(report.firstBad?.record).toContain(`papers/${added.id}`);
    expect(report.firstBad?.reason).toMatch(/missing: the original file “Kept\.pdf”/);
  });

  it('reads a real-world PDF (a package’s 46-page manual) page by page', async () => {
    const t = await testBackend();
    const added = await t.ok('papers:addFromFile', {
      fileName: 'manual.pdf',
      dataBase64: b64(await readFile(REAL_WORLD_PDF)),
      date: '2026-07-01',
    });
    expect(added.pages).toBe(46);
    const detail = await t.ok('papers:get', { id: added.id });
    const pages = detail.body.split('\f');
    expect(pages).toHaveLength(46);
    expect(pages[0]).toContain('User Manual - November 2019');
    expect(pages[0]).toContain('1/46');
    expect(pages[45]).toContain('46/46');
  });

  it('converts a Word file to Markdown with its table, keeps the original, and lists what did not convert', async () => {
    const t = await testBackend();
    const docx = await makeDocx(
      'Procurement advice',
      ['The board must retender.', 'Costs rise | sharply.'],
      [
        ['Year', 'Cost'],
        ['2026', '£1,250,000'],
      ],
    );
    const added = await t.ok('papers:addFromFile', {
      fileName: 'advice.docx',
      dataBase64: b64(docx),
      date: '2026-07-01',
    });
    expect(added.kind).toBe('docx');
    const detail = await t.ok('papers:get', { id: added.id });
    expect(detail.body).toContain('# Procurement advice');
    expect(detail.body).toContain('| Year | Cost |');
    expect(detail.body).toContain('| 2026 | £1,250,000 |');
    expect(detail.source).toMatchObject({ kind: 'docx', name: 'advice.docx' });
    const original = await t.ok('papers:attachment', { id: added.id, blob: detail.source!.blob });
    expect(Buffer.from(original.dataBase64, 'base64').equals(docx)).toBe(true);
    const found = await t.ok('search:query', { q: 'retender' });
    expect(found.groups.find((g) => g.kind === 'paper')!.hits[0]).toMatchObject({ id: added.id });
    expect(found.groups.find((g) => g.kind === 'paper')!.hits[0]!.page).toBeUndefined();
  });

  it('notes text boxes and never fetches a Word file’s external references', async () => {
    const requests: string[] = [];
    const server = createServer((req, res) => {
      requests.push(req.url ?? '');
      res.end('x');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    try {
      const docx = rawZip([
        {
          name: '[Content_Types].xml',
          data: Buffer.from(
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
          ),
        },
        {
          name: '_rels/.rels',
          data: Buffer.from(
            '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
          ),
        },
        {
          name: 'word/_rels/document.xml.rels',
          data: Buffer.from(
            `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="http://127.0.0.1:${port}/tracker.png" TargetMode="External"/></Relationships>`,
          ),
        },
        {
          name: 'word/document.xml',
          data: Buffer.from(
            `<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"><w:body><w:p><w:r><w:t>Linked picture follows.</w:t></w:r></w:p><w:p><w:r><w:drawing><wp:inline><wp:docPr id="1" name="Picture 1"/><a:graphic><a:graphicData><pic:pic><pic:blipFill><a:blip r:link="rId9"/></pic:blipFill></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p><w:p><w:r><w:pict><v:shape xmlns:v="urn:schemas-microsoft-com:vml"><v:textbox><w:txbxContent><w:p><w:r><w:t>Boxed</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict></w:r></w:p></w:body></w:document>`,
          ),
        },
      ]);
      const t = await testBackend();
      const added = await t.ok('papers:addFromFile', {
        fileName: 'linked.docx',
        dataBase64: b64(docx),
        date: '2026-07-01',
      });
      expect(added.notes).toEqual(
        expect.arrayContaining([
          '1 text box not shown; open the original',
          '1 reference to files outside the document not fetched',
        ]),
      );
      const detail = await t.ok('papers:get', { id: added.id });
      expect(detail.source!.conversionNotes).toEqual(added.notes);
      expect(detail.body).toContain('Linked picture follows.');
      expect(requests).toEqual([]);
    } finally {
      server.close();
    }
  });

  it('adds Markdown and text files as they are, telling them apart by name only when the bytes are text', async () => {
    const t = await testBackend();
    const md = await t.ok('papers:addFromFile', {
      fileName: 'notes.md',
      dataBase64: b64(Buffer.from('\uFEFF# Heading\n\nBody **bold**.')),
      date: '2026-07-01',
    });
    expect(md.kind).toBe('markdown');
    expect((await t.ok('papers:get', { id: md.id })).body).toBe('# Heading\n\nBody **bold**.');
    const txt = await t.ok('papers:addFromFile', {
      fileName: 'plain.txt',
      dataBase64: b64(Buffer.from('Just text')),
      date: '2026-07-01',
    });
    expect(txt).toMatchObject({ kind: 'text', reference: 'PAP-2026-002' });
  });

  it('refuses bad files with a clear message, adds nothing, and the other files of a drop go on', async () => {
    const t = await testBackend();
    const good = await makePdf([['A good paper.']]);
    const pdf = await makePdf([filler(1), filler(2), filler(3)]);
    const docx = await makeDocx('Word', ['Body']);
    const bomb = rawZip([
      { name: '[Content_Types].xml', data: Buffer.from('<Types/>') },
      { name: 'word/document.xml', data: Buffer.from('<w:document/>') },
      { name: 'word/media/zeros.bin', data: Buffer.alloc(30 * 1024 * 1024), deflate: true },
    ]);
    const cases: Array<[string, Buffer, RegExp]> = [
      ['protected.pdf', protectPdf(pdf, 'hunter2'), /protected by a password: give its password/],
      ['truncated.pdf', pdf.subarray(0, Math.floor(pdf.length / 3)), /damaged or incomplete/],
      ['garbage.pdf', Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(5000, 0x41)]), /damaged or incomplete/],
      [
        'big.pdf',
        Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(26 * 1024 * 1024)]),
        /26\.0 MB; a paper's file may be at most 25 MB/,
      ],
      ['lies.docx', good, /named as a Word file \(\.docx\) but its contents are a PDF/],
      ['lies.pdf', docx, /named as a PDF \(\.pdf\) but its contents are a Word file/],
      ['program.txt', Buffer.from([0x4d, 0x5a, 0x90, 0x00, 0xff, 0xfe]), /not a PDF, Word \(\.docx\) or text file/],
      ['archive.docx', rawZip([{ name: 'a.txt', data: Buffer.from('x') }]), /ZIP archive but not a Word document/],
      ['bomb.docx', bomb, /word\/media\/zeros\.bin would unpack \d+ times its size \(a zip bomb\)/],
      ['empty.md', Buffer.alloc(0), /the file is empty/],
    ];
    for (const [fileName, data, message] of cases) {
      const before = await paperCount(t);
      const error = await t.refused('papers:addFromFile', { fileName, dataBase64: b64(data), date: '2026-07-01' });
      expect(error.code, fileName).toBe('invalid_input');
      expect(error.message, fileName).toMatch(message);
      expect(error.message, fileName).toMatch(
        new RegExp(`^${fileName.replace('.', '\\.')} was not added: .*Nothing was added\\.$`),
      );
      expect(await paperCount(t), fileName).toBe(before);
      // The next file of the same drop goes on.
      await t.ok('papers:addFromFile', { fileName: 'good.pdf', dataBase64: b64(good), date: '2026-07-01' });
    }
    expect(await paperCount(t)).toBe(cases.length);
  });

  it('reads a protected PDF with its password and never keeps the password', async () => {
    const t = await testBackend();
    const pdf = protectPdf(await makePdf([['Confidential figures inside.']]), 'Sesame-4417');
    const wrong = await t.refused('papers:addFromFile', {
      fileName: 'p.pdf',
      dataBase64: b64(pdf),
      date: '2026-07-01',
      password: 'nope',
    });
    expect(wrong.message).toMatch(/not the PDF’s password/);
    expect(wrong.details).toMatchObject({ needsPassword: true });
    const added = await t.ok('papers:addFromFile', {
      fileName: 'p.pdf',
      dataBase64: b64(pdf),
      date: '2026-07-01',
      password: 'Sesame-4417',
    });
    expect((await t.ok('papers:get', { id: added.id })).body).toContain('Confidential figures inside.');
    expect(await journalText(t)).not.toContain('Sesame-4417');
  });

  it('says what a PDF holds that is never run, and that a scan has no text', async () => {
    const t = await testBackend();
    const scripted = await makePdf([['Text.']], {
      javaScript: 'app.launchURL("http://example.invalid")',
      embeddedFile: 'budget.csv',
    });
    const added = await t.ok('papers:addFromFile', {
      fileName: 's.pdf',
      dataBase64: b64(scripted),
      date: '2026-07-01',
    });
    expect(added.notes).toEqual([
      'It holds JavaScript, which is never run',
      'It holds 1 embedded file, never opened or kept',
    ]);
    const scan = await makePdf([[], []]);
    const scanned = await t.ok('papers:addFromFile', {
      fileName: 'scan.pdf',
      dataBase64: b64(scan),
      date: '2026-07-01',
    });
    expect(scanned.notes[0]).toMatch(/no text layer \(a scan\): it can be read/);
    expect((await t.ok('papers:get', { id: scanned.id })).source).toMatchObject({ noTextLayer: true, pages: 2 });
  });

  it('keeps a note on a passage that occurs twice through revised PDFs: it follows its occurrence to another page, and says when it is gone', async () => {
    const t = await testBackend();
    const phrase = 'subject to a competitive retender';
    const v1 = await makePdf([
      ['Opening remarks.', `The extension is ${phrase} by the force.`],
      ['Finance section.', `The budget line is ${phrase} as agreed in June.`],
    ]);
    const added = await t.ok('papers:addFromFile', { fileName: 'case.pdf', dataBase64: b64(v1), date: '2026-07-01' });
    // The second appearance, the one on page 2 (the first on that page).
    await t.ok('notes:addPassage', {
      paperId: added.id,
      passage: phrase,
      page: 2,
      occurrence: 1,
      text: 'Check the June minutes.',
    });
    let [note] = (await t.ok('notes:list', { paperId: added.id })).filter((n) => n.kind === 'passage');
    expect(note).toMatchObject({ kind: 'passage', place: { page: 2 } });
    const v2 = await makePdf([
      ['Opening remarks.', `The extension is ${phrase} by the force.`],
      ['New page of background.'],
      ['Finance section.', `The budget line is ${phrase} as agreed in June.`],
    ]);
    const second = await t.ok('papers:addFromFile', {
      fileName: 'case v2.pdf',
      dataBase64: b64(v2),
      paperId: added.id,
    });
    expect(second.version).toBe(2);
    [note] = (await t.ok('notes:list', { paperId: added.id })).filter((n) => n.kind === 'passage');
    expect(note).toMatchObject({ place: { page: 3 } });
    if (note?.kind === 'passage') expect(note.place!.after).toContain('as agreed in June');
    const exported = await t.ok('notes:export', { paperId: added.id });
    expect(exported.markdown).toContain('## Page 3\n\n> subject to a competitive retender\n\nCheck the June minutes.');
    const v3 = await makePdf([
      ['Opening remarks.', 'The extension is agreed.'],
      ['Finance section.', 'No budget line.'],
    ]);
    await t.ok('papers:addFromFile', { fileName: 'case v3.pdf', dataBase64: b64(v3), paperId: added.id });
    [note] = (await t.ok('notes:list', { paperId: added.id })).filter((n) => n.kind === 'passage');
    expect(note).toMatchObject({ exact: phrase, quotedFromVersion: 1, place: null });
    expect((await t.ok('notes:export', { paperId: added.id })).markdown).toContain(
      '## Passage changed: no longer in version 3 (quoted from version 1)\n\n> subject to a competitive retender',
    );
  });

  it('keeps the reading position per version, and reading to the last page counts the paper read', async () => {
    const t = await testBackend();
    const { meetingId, itemId } = await meetingWithItem(t);
    const added = await t.ok('papers:addFromFile', {
      fileName: 'long.pdf',
      dataBase64: b64(await makePdf([filler(1), filler(2), filler(3)])),
      date: '2026-07-01',
      meetingId,
      itemId,
    });
    await t.ok('papers:savePosition', { id: added.id, version: 1, page: 2, pages: 3 });
    let meeting = await t.ok('meetings:get', { id: meetingId });
    expect(meeting.papers[added.id]).toMatchObject({ read: false, position: { page: 2, pages: 3 } });
    expect((await t.ok('papers:get', { id: added.id })).mark.position).toEqual({ page: 2, pages: 3 });
    await t.ok('papers:savePosition', { id: added.id, version: 1, page: 3, pages: 3 });
    meeting = await t.ok('meetings:get', { id: meetingId });
    expect(meeting.papers[added.id]).toMatchObject({ read: true, position: { page: 3, pages: 3 } });
    expect(meeting.pack).toMatchObject({ read: 1, total: 1 });
    const refused = await t.refused('papers:savePosition', { id: added.id, version: 1, page: 4, pages: 3 });
    expect(refused.message).toMatch(/page/);
  });
});

describe('pages of a PDF paper’s plain text', () => {
  it('finds the page of any position, as plainTextOf lays the text out', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ unit: fc.constantFrom('a', 'b', ' ', '\n', '#', '\f', 'é') }), { maxLength: 30 }),
        (chunks) => {
          const text = chunks.join('');
          const plain = plainTextOf(text);
          const starts = pageStartsOf(text);
          expect(starts).toHaveLength(text.split('\f').length);
          // Every page's own plain text is found at its start.
          text.split('\f').forEach((page, i) => {
            const own = plainTextOf(page);
            if (own !== '') expect(plain.slice(starts[i], starts[i]! + own.length)).toBe(own);
          });
          for (let p = 0; p < plain.length; p++) expect(pageAt(starts, p)).toBeGreaterThanOrEqual(1);
        },
      ),
    );
    expect(pageAt(pageStartsOf('one\ftwo\fthree'), plainTextOf('one\ftwo\fthree').indexOf('three'))).toBe(3);
  });

  it('sniffs by bytes, never by name', () => {
    expect(sniffPaperFile('x.PDF', Buffer.from('%PDF-1.4'), () => false)).toMatchObject({ ok: true, kind: 'pdf' });
    expect(sniffPaperFile('x.md', Buffer.from('# Title'), () => false)).toMatchObject({ ok: true, kind: 'markdown' });
    expect(sniffPaperFile('x.txt', Buffer.from('# Title'), () => false)).toMatchObject({ ok: true, kind: 'text' });
    expect(sniffPaperFile('noext', Buffer.from('PK\u0003\u0004'), () => true)).toMatchObject({
      ok: true,
      kind: 'docx',
    });
    expect(sniffPaperFile('x.txt', Buffer.from('%PDF-1.4'), () => false)).toMatchObject({ ok: false });
  });
});
