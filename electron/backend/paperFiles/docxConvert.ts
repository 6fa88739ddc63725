/**
 * A Word (.docx) paper read for the app: its ZIP checked with yauzl before
 * anything is inflated (sizes, ratios, entry count: a zip bomb is refused),
 * external references (linked images, templates, OLE links) noted and never
 * fetched, then mammoth to HTML (images handed back as attachments, not
 * inlined) and turndown to Markdown, with a table rule of our own so tables
 * stay tables (mammoth's own Markdown output is deprecated and drops them).
 * What did not convert is listed in the user's words.
 */
import type TurndownService from 'turndown';
import yauzl, { type Entry, type ZipFile } from 'yauzl';
import { MAX_DOCX_RATIO, MAX_DOCX_UNPACKED_BYTES } from '../../../shared/rules/paperFiles.ts';

/** An image taken out of the Word file, kept as an attachment of the version. */
export interface DocxImage {
  readonly name: string;
  readonly type: string;
  readonly data: Buffer;
}

/** A Word file read: its Markdown, its images, and what did not convert. */
export interface DocxConversion {
  readonly markdown: string;
  readonly images: readonly DocxImage[];
  readonly notes: readonly string[];
}

/** Why a Word file was refused, in words for the person who added it. */
export class DocxRefused extends Error {}

const MAX_ENTRIES = 5000;
const RATIO_FLOOR_BYTES = 1024 * 1024;

function openZip(bytes: Buffer): Promise<ZipFile> {
  return new Promise((resolve, reject) =>
    yauzl.fromBuffer(bytes, { lazyEntries: true, validateEntrySizes: true }, (error, zip) =>
      error ? reject(error) : resolve(zip),
    ),
  );
}

/** The names and declared sizes of a ZIP's entries, read from its central directory (nothing inflated). */
async function zipEntries(bytes: Buffer): Promise<Entry[]> {
  const zip = await openZip(bytes);
  return new Promise((resolve, reject) => {
    const entries: Entry[] = [];
    zip.on('entry', (entry: Entry) => {
      entries.push(entry);
      if (entries.length > MAX_ENTRIES) {
        zip.close();
        reject(new DocxRefused(`it holds over ${MAX_ENTRIES} parts, more than any Word document`));
        return;
      }
      zip.readEntry();
    });
    zip.once('end', () => resolve(entries));
    zip.once('error', reject);
    zip.readEntry();
  });
}

/** True when the bytes are a ZIP whose entries name word/document.xml (read without inflating). */
export async function isWordZip(bytes: Buffer): Promise<boolean> {
  try {
    return (await zipEntries(bytes)).some((e) => e.fileName === 'word/document.xml');
  } catch {
    return false;
  }
}

/** Refuses a ZIP that would unpack too far: checked from the sizes it declares (yauzl holds it to them). */
export async function checkDocxZip(bytes: Buffer): Promise<void> {
  let entries: Entry[];
  try {
    entries = await zipEntries(bytes);
  } catch (error) {
    if (error instanceof DocxRefused) throw error;
    throw new DocxRefused(`it is damaged (${(error as Error).message})`);
  }
  let total = 0;
  for (const e of entries) {
    total += e.uncompressedSize;
    if (e.uncompressedSize > RATIO_FLOOR_BYTES && e.uncompressedSize > e.compressedSize * MAX_DOCX_RATIO) {
      throw new DocxRefused(
        `its part ${e.fileName} would unpack ${Math.round(e.uncompressedSize / Math.max(1, e.compressedSize))} times its size (a zip bomb); it was not unpacked`,
      );
    }
  }
  if (total > MAX_DOCX_UNPACKED_BYTES) {
    throw new DocxRefused(
      `it would unpack to ${(total / 1024 / 1024).toFixed(0)} MB, over the ${MAX_DOCX_UNPACKED_BYTES / 1024 / 1024} MB a Word paper may hold; it was not unpacked`,
    );
  }
}

function readEntryText(bytes: Buffer, name: string): Promise<string | null> {
  return openZip(bytes).then(
    (zip) =>
      new Promise((resolve, reject) => {
        zip.on('entry', (entry: Entry) => {
          if (entry.fileName !== name) return zip.readEntry();
          zip.openReadStream(entry, (error, stream) => {
            if (error) return reject(error);
            const chunks: Buffer[] = [];
            stream.on('data', (c: Buffer) => chunks.push(c));
            stream.once('end', () => {
              zip.close();
              resolve(Buffer.concat(chunks).toString('utf8'));
            });
            stream.once('error', reject);
          });
        });
        zip.once('end', () => resolve(null));
        zip.once('error', reject);
        zip.readEntry();
      }),
  );
}

function count(text: string, pattern: RegExp): number {
  return (text.match(pattern) ?? []).length;
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** What mammoth does not show, counted from the document's own XML (after the size checks). */
async function unconverted(bytes: Buffer): Promise<string[]> {
  const notes: string[] = [];
  const document = (await readEntryText(bytes, 'word/document.xml')) ?? '';
  const boxes = count(document, /<w:txbxContent\b/g);
  if (boxes > 0) notes.push(`${plural(boxes, 'text box', 'text boxes')} not shown; open the original`);
  const charts = count(document, /<c:chart\b/g);
  if (charts > 0) notes.push(`${plural(charts, 'chart', 'charts')} not shown; open the original`);
  const objects = count(document, /<w:object\b/g);
  if (objects > 0)
    notes.push(`${plural(objects, 'embedded object', 'embedded objects')} not shown or opened; open the original`);
  const smartArt = count(document, /<dgm:relIds\b/g);
  if (smartArt > 0) notes.push(`${plural(smartArt, 'diagram', 'diagrams')} (SmartArt) not shown; open the original`);
  const rels = (await readEntryText(bytes, 'word/_rels/document.xml.rels')) ?? '';
  const external = [...rels.matchAll(/<Relationship\b[^>]*>/g)]
    .map((m) => m[0])
    .filter((r) => /TargetMode="External"/.test(r) && !/relationships\/hyperlink"/.test(r));
  if (external.length > 0) {
    notes.push(`${plural(external.length, 'reference', 'references')} to files outside the document not fetched`);
  }
  const settings = (await readEntryText(bytes, 'word/_rels/settings.xml.rels')) ?? '';
  if (/TargetMode="External"/.test(settings)) notes.push('its template outside the document was not fetched');
  return notes;
}

function cellText(td: TurndownService.Node, service: TurndownService): string {
  return service
    .turndown((td as unknown as { innerHTML: string }).innerHTML)
    .replace(/\n+/g, ' ')
    .replace(/\|/g, '\\|')
    .trim();
}

/** Turndown with a rule that writes HTML tables as Markdown pipe tables (first row as the header). */
function markdownConverter(Turndown: typeof TurndownService): TurndownService {
  const service = new Turndown({ headingStyle: 'atx', bulletListMarker: '-', codeBlockStyle: 'fenced' });
  const inner = new Turndown({ headingStyle: 'atx', bulletListMarker: '-' });
  service.addRule('table', {
    filter: 'table',
    replacement: (_content, node) => {
      const table = node as unknown as { querySelectorAll(s: string): ArrayLike<{ children: ArrayLike<unknown> }> };
      const rows = Array.from(table.querySelectorAll('tr'), (tr) =>
        Array.from(tr.children, (td) => cellText(td as TurndownService.Node, inner)),
      );
      if (rows.length === 0) return '';
      const width = Math.max(...rows.map((r) => r.length));
      const line = (cells: string[]) => `| ${Array.from({ length: width }, (_, i) => cells[i] ?? '').join(' | ')} |`;
      const [head, ...body] = rows;
      return `\n\n${[line(head!), `|${' --- |'.repeat(width)}`, ...body.map(line)].join('\n')}\n\n`;
    },
  });
  return service;
}

const IMAGE_EXTENSIONS: Readonly<Record<string, string>> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/gif': 'gif',
  'image/bmp': 'bmp',
  'image/tiff': 'tif',
  'image/svg+xml': 'svg',
  'image/x-emf': 'emf',
  'image/x-wmf': 'wmf',
};

/**
 * Converts a Word file to Markdown. Refuses (DocxRefused) a file that would
 * unpack too far or that mammoth cannot read.
 */
export async function convertDocx(bytes: Buffer, baseName: string): Promise<DocxConversion> {
  await checkDocxZip(bytes);
  // Loaded when a Word file comes, not with the backend: both take a good part of its start (domino, jszip).
  const [{ default: mammoth }, { default: Turndown }] = await Promise.all([import('mammoth'), import('turndown')]);
  const images: DocxImage[] = [];
  const stem = baseName.replace(/\.[^.]*$/, '');
  let result: { value: string; messages: Array<{ type: string; message: string }> };
  try {
    result = await mammoth.convertToHtml(
      { buffer: bytes },
      {
        externalFileAccess: false,
        convertImage: mammoth.images.imgElement(async (image) => {
          const type = image.contentType || 'application/octet-stream';
          const name = `${stem} image ${images.length + 1}.${IMAGE_EXTENSIONS[type] ?? 'bin'}`;
          images.push({ name, type, data: Buffer.from(await image.readAsBase64String(), 'base64') });
          return { src: `attachment:${encodeURIComponent(name)}`, alt: name };
        }),
      },
    );
  } catch (error) {
    throw new DocxRefused(`it could not be read as a Word document (${(error as Error).message})`);
  }
  const service = markdownConverter(Turndown);
  service.addRule('image', {
    filter: 'img',
    replacement: (_content, node) => {
      const element = node as unknown as { getAttribute(name: string): string | null };
      const src = decodeURIComponent((element.getAttribute('src') ?? '').replace(/^attachment:/, ''));
      return `*[Picture: ${src}, kept as an attachment]*`;
    },
  });
  const markdown = service.turndown(result.value).trim();
  const notes = await unconverted(bytes);
  const warnings = new Set(
    result.messages.filter((m) => m.type === 'warning' || m.type === 'error').map((m) => m.message.slice(0, 200)),
  );
  for (const w of [...warnings].slice(0, 10)) notes.push(`Word said: ${w}`);
  return { markdown, images, notes };
}
