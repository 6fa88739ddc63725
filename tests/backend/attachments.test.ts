// Opening an attachment: a temporary copy with its own name in the system viewer; programs never.
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { describe, expect, it } from 'vitest';
import { attachmentName, isExecutable, safeFileName } from '../../shared/rules/attachments.ts';
import { testBackend } from '../helpers/backend.ts';

const b64 = (text: string) => Buffer.from(text).toString('base64');

describe('opening attachments', () => {
  it('opens a temporary copy with the file’s own name, and refuses programs', async () => {
    const opened: string[] = [];
    const t = await testBackend(undefined, {
      openPath: async (path) => {
        opened.push(path);
        return true;
      },
    });
    const paper = await t.ok('papers:create', {
      reference: 'PAP-1',
      title: 'Business case',
      date: '2026-06-10',
      attachments: [
        { name: 'business case.pdf', type: 'application/pdf', dataBase64: b64('%PDF-1.4 test') },
        { name: 'installer.EXE', type: 'application/octet-stream', dataBase64: b64('MZ') },
      ],
    });
    const detail = await t.ok('papers:get', { id: paper.id });
    const [pdf, exe] = detail.attachments;
    const result = await t.ok('papers:openAttachment', { id: paper.id, blob: pdf!.blob });
    expect(result.opened).toBe(true);
    expect(opened).toEqual([result.path]);
    expect(basename(result.path)).toBe('business case.pdf');
    expect(await readFile(result.path, 'utf8')).toBe('%PDF-1.4 test');
    const refused = await t.refused('papers:openAttachment', { id: paper.id, blob: exe!.blob });
    expect(refused).toMatchObject({ code: 'forbidden' });
    expect(refused.message).toMatch(/installer\.EXE is a program \(\.exe\): Boardkeeper never opens programs/);
    expect(opened).toHaveLength(1);
  });

  it('knows programs by extension and makes file names safe', () => {
    for (const name of ['setup.exe', 'run.sh', 'x.JS', 'tool.AppImage', 'evil.pdf.exe', 'trailing.exe. '])
      expect(isExecutable(name), name).toBe(true);
    for (const name of ['paper.pdf', 'minutes.docx', 'README', 'exe']) expect(isExecutable(name), name).toBe(false);
    expect(safeFileName('../../etc/passwd')).toBe('passwd');
    expect(safeFileName('C:\\Users\\a\\report.pdf')).toBe('report.pdf');
    expect(safeFileName('..hidden')).toBe('hidden');
    expect(safeFileName('a<b>:c.pdf')).toBe('a_b__c.pdf');
  });

  it('stores and downloads a name without bidi controls or zero-width characters', async () => {
    const t = await testBackend();
    const spoofed = 'invoice\u202efdp.exe';
    const paper = await t.ok('papers:create', {
      reference: 'PAP-2',
      title: 'Invoice',
      date: '2026-06-10',
      attachments: [
        { name: spoofed, type: 'application/pdf', dataBase64: b64('MZ') },
        { name: 'rep\u200bort\u2066.pdf\ufeff', type: 'application/pdf', dataBase64: b64('%PDF') },
      ],
    });
    const detail = await t.ok('papers:get', { id: paper.id });
    expect(detail.attachments.map((a) => a.name)).toEqual(['invoicefdp.exe', 'report.pdf']);
    const download = await t.ok('papers:attachment', { id: paper.id, blob: detail.attachments[0]!.blob });
    expect(download.name).toBe('invoicefdp.exe');
    // Names stored before the rule are cleaned on the way out, and by the page's own download.
    expect(attachmentName(spoofed)).toBe('invoicefdp.exe');
    expect(safeFileName(spoofed)).toBe('invoicefdp.exe');
    for (const c of [
      '\u061c',
      '\u200e',
      '\u200f',
      '\u202a',
      '\u202b',
      '\u202c',
      '\u202d',
      '\u2067',
      '\u2068',
      '\u2069',
      '\u200c',
      '\u200d',
      '\u2060',
    ]) {
      expect(safeFileName(`a${c}b.pdf`), c).toBe('ab.pdf');
    }
    expect(attachmentName('\u200b\u202e')).toBe('attachment');
  });
});
