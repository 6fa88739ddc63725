/**
 * The desktop app's PDF and save paths against the fake electron: the hidden
 * print window (never shown, sandboxed, JavaScript off), the options handed
 * to printToPDF (A4, footer with page numbers, tagged, outline), and the save
 * dialog, both on their own and through main.ts with a real backend.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { printSettingsOf } from '../../shared/documents/documentHtml.ts';
import type { DocumentMeta } from '../../shared/documents/documentModel.ts';
import { tempDir } from '../helpers/tempDir.ts';

type Fake = typeof import('./fakeElectron.ts');

const running: Fake[] = [];

afterEach(async () => {
  for (const fake of running.splice(0)) {
    if (!fake.app.quitting && fake.app.exitCode === null) {
      fake.app.quit();
      await vi.waitFor(() => expect(fake.app.quitting).toBe(true));
    }
  }
  vi.unstubAllEnvs();
});

const META: DocumentMeta = {
  kind: 'notice',
  boardName: 'Policing Oversight Board',
  reference: 'PCD 2026-117',
  title: 'Decision notice',
  version: '1 (signed)',
  classification: 'public',
  generatedAt: '2026-11-27T09:00:00.000Z',
  timeZone: 'Europe/London',
  position: { seq: 3, hash: 'b'.repeat(64) },
};

/** Starts main.ts afresh on the fake electron, with temp userData and a tiny renderer. */
async function launch(): Promise<{ fake: Fake; userData: string }> {
  vi.resetModules();
  vi.doMock('electron', () => import('./fakeElectron.ts'));
  const fake = await import('./fakeElectron.ts');
  const userData = await tempDir('bk-userdata-');
  const appRoot = await tempDir('bk-app-');
  await mkdir(path.join(appRoot, 'dist', 'renderer'), { recursive: true });
  await writeFile(path.join(appRoot, 'dist', 'renderer', 'index.html'), '<!doctype html><title>Boardkeeper</title>');
  fake.app.paths.userData = userData;
  fake.app.appPath = appRoot;
  vi.stubEnv('BOARD_DATA_DIR', '');
  const main = await import('../../electron/main/main.ts');
  running.push(fake);
  await main.started;
  return { fake, userData };
}

function expectPrintWindowIsLockedDown(options: Electron.BrowserWindowConstructorOptions): void {
  expect(options.show).toBe(false);
  const prefs = options.webPreferences;
  expect(prefs?.javascript).toBe(false);
  expect(prefs?.sandbox).toBe(true);
  expect(prefs?.contextIsolation).toBe(true);
  expect(prefs?.nodeIntegration).toBe(false);
  expect(prefs?.preload).toBeUndefined();
  expect(prefs?.webSecurity).toBe(true);
  expect(prefs?.devTools).toBe(false);
  expect(prefs?.disableBlinkFeatures).toBe('Auxclick');
}

function expectPrintOptions(options: Electron.PrintToPDFOptions | undefined, reference: string): void {
  expect(options).toMatchObject({
    pageSize: 'A4',
    displayHeaderFooter: true,
    printBackground: true,
    generateTaggedPDF: true,
    generateDocumentOutline: true,
  });
  expect(options?.footerTemplate).toContain('<span class="pageNumber"></span> of <span class="totalPages"></span>');
  expect(options?.footerTemplate).toContain(reference);
  // 22 mm at the bottom leaves room for the footer.
  expect(options?.margins?.bottom).toBeCloseTo(22 / 25.4, 3);
}

describe('printing in a hidden window', () => {
  it('prints with JavaScript off in a sandboxed, hidden window, then removes the window and the temp file', async () => {
    vi.resetModules();
    const fake = await import('./fakeElectron.ts');
    const { printPdfInHiddenWindow } = await import('../../electron/main/documentOutput.ts');
    const html = '<!doctype html><title>t</title><p>PCD 2026-117</p>';
    const pdf = await printPdfInHiddenWindow(fake.BrowserWindow, html, printSettingsOf(META));
    expect(Buffer.from(pdf).toString('utf8')).toMatch(/^%PDF-1\.7/);
    const window = fake.BrowserWindow.instances.at(-1)!;
    expectPrintWindowIsLockedDown(window.options);
    expect(window.loadedUrl).toMatch(/^file:\/\/.*document\.html$/);
    expect(window.loadedFileText).toBe(html);
    expectPrintOptions(window.webContents.printed[0], 'PCD 2026-117');
    expect(window.destroyed).toBe(true);
    expect(existsSync(fileURLToPath(window.loadedUrl!))).toBe(false);
  });

  it('removes the window and the temp file when printing fails', async () => {
    vi.resetModules();
    const fake = await import('./fakeElectron.ts');
    const { printPdfInHiddenWindow } = await import('../../electron/main/documentOutput.ts');
    class FailingWindow extends fake.BrowserWindow {
      constructor(options: Electron.BrowserWindowConstructorOptions) {
        super(options);
        this.webContents.printToPDF = async () => {
          throw new Error('printer on fire');
        };
      }
    }
    await expect(printPdfInHiddenWindow(FailingWindow, '<p>x</p>', printSettingsOf(META))).rejects.toThrow(
      'printer on fire',
    );
    const made = fake.BrowserWindow.instances.at(-1)!;
    expect(made).toBeInstanceOf(FailingWindow);
    expect(made.destroyed).toBe(true);
    expect(existsSync(fileURLToPath(made.loadedUrl!))).toBe(false);
  });
});

describe('main: documents through the contract', () => {
  it('prints the minutes to PDF through the hidden window, and saves through the save dialog', async () => {
    const { fake, userData } = await launch();
    expect(await fake.ipcMain.invoke('sample:load', {})).toMatchObject({ ok: true });
    const meetings = (await fake.ipcMain.invoke('meetings:list', { pageSize: 50 })) as {
      value: { rows: Array<{ id: string; date: string }> };
    };
    const june = meetings.value.rows.find((m) => m.date === '2026-06-24')!.id;

    const before = fake.BrowserWindow.instances.length;
    const result = (await fake.ipcMain.invoke('documents:minutes', { meetingId: june, format: 'pdf' })) as {
      ok: boolean;
      value: { encoding: string; content: string; fileName: string };
    };
    expect(result.ok).toBe(true);
    expect(result.value.encoding).toBe('base64');
    expect(Buffer.from(result.value.content, 'base64').toString('utf8')).toMatch(/^%PDF-1\.7/);
    expect(fake.BrowserWindow.instances).toHaveLength(before + 1);
    const printWindow = fake.BrowserWindow.instances.at(-1)!;
    expectPrintWindowIsLockedDown(printWindow.options);
    expectPrintOptions(printWindow.webContents.printed[0], 'MIN 2026-06-24');
    expect(printWindow.loadedFileText).toContain('PCD 2026-117');
    expect(printWindow.loadedFileText).toContain('Item 2 was considered in private.');
    // The PDF printer draws the page numbers, so the page draws none.
    expect(printWindow.loadedFileText).not.toContain('counter(page)');
    expect(printWindow.destroyed).toBe(true);
    expect(printWindow.visible).toBe(false);

    const target = path.join(userData, 'exports', 'minutes.pdf');
    await mkdir(path.dirname(target), { recursive: true });
    fake.dialog.saveAnswers.push({ canceled: false, filePath: target });
    const saved = await fake.ipcMain.invoke('documents:save', {
      document: 'minutes',
      meetingId: june,
      format: 'pdf',
      version: 'private',
    });
    expect(saved).toEqual({
      ok: true,
      value: { saved: true, path: target, fileName: 'MIN-2026-06-24-minutes-private.pdf' },
    });
    expect((await readFile(target)).toString('utf8')).toMatch(/^%PDF-1\.7/);
    const dialog = fake.dialog.saveDialogs.at(-1)!;
    expect(dialog.defaultPath).toMatch(/MIN-2026-06-24-minutes-private\.pdf$/);
    expect(dialog.filters?.[0]).toEqual({ name: 'PDF document', extensions: ['pdf'] });

    // Cancelled: nothing written, and the page is told so.
    expect(await fake.ipcMain.invoke('documents:save', { document: 'register', register: 'decisions' })).toEqual({
      ok: true,
      value: {
        saved: false,
        path: null,
        fileName: expect.stringMatching(/^Policing-Oversight-Board-decisions-register-\d{4}-\d{2}-\d{2}\.csv$/),
      },
    });
  });
});
