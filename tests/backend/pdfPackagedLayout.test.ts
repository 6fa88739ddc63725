// pdf.js for the backend's PDF text worker in the packaged app's layout: electron-builder.yml unpacks
// dist/main/pdfjs/** beside app.asar (an ES module loader does not read inside archives), and pdfJsFiles()
// turns the bundle's folder inside app.asar into that unpacked folder. Here the layout is made on disk as
// electron-builder lays it out (resources/app.asar, resources/app.asar.unpacked/dist/main/pdfjs/), with the
// very files the build copies there, and a real PDF is read through it. `npm run pack:check` checks the same
// on the real packed output.
import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdfJsFiles, readPdfText } from '../../electron/backend/paperFiles/pdfText.ts';
import { makePdf } from '../helpers/paperFileMakers.ts';

let resources: string;

beforeAll(async () => {
  resources = join(await mkdtemp(join(tmpdir(), 'bk-packed-')), 'resources');
  await mkdir(resources, { recursive: true });
  // The archive itself: Node here cannot look inside it, as a worker's module loader cannot in Electron.
  await writeFile(join(resources, 'app.asar'), '');
});

afterAll(async () => {
  await rm(join(resources, '..'), { recursive: true, force: true });
});

describe('pdf.js in the packaged layout', () => {
  it('is found unpacked beside app.asar, from the bundle folder inside it, and reads a PDF from there', async () => {
    const unpacked = join(resources, 'app.asar.unpacked', 'dist', 'main', 'pdfjs');
    await mkdir(unpacked, { recursive: true });
    // The two files scripts/build-electron.mjs copies into dist/main/pdfjs/.
    for (const file of ['pdf.mjs', 'pdf.worker.mjs']) {
      await copyFile(join('node_modules', 'pdfjs-dist', 'legacy', 'build', file), join(unpacked, file));
    }
    const files = pdfJsFiles(join(resources, 'app.asar', 'dist', 'main'));
    expect(files).toEqual({ pdf: join(unpacked, 'pdf.mjs'), worker: join(unpacked, 'pdf.worker.mjs') });

    const pdf = await makePdf([['Minutes of the Finance Committee'], ['Item 4: the escrow arrangement']]);
    const reading = await readPdfText(pdf, { maxPages: 10, files });
    expect(reading.ok).toBe(true);
    if (reading.ok) expect(reading.pages[1]).toContain('escrow arrangement');
  });

  it('never points inside app.asar: without the unpacked files it uses the installed pdfjs-dist', async () => {
    const files = pdfJsFiles(join(resources, '..', 'elsewhere', 'app.asar', 'dist', 'main'));
    expect(files.pdf).not.toMatch(/app\.asar/);
    expect(files.pdf).toMatch(/node_modules[\\/]pdfjs-dist[\\/]legacy[\\/]build[\\/]pdf\.mjs$/);
  });
});
