/**
 * Papers added from files: PDF, Word (.docx), Markdown or plain text, told
 * apart by their bytes. The original is kept byte for byte as the version's
 * source blob (downloadable); the version's text is what was read out of it
 * (a PDF's plain text, pages separated by "\f"; a Word file's Markdown).
 * Each file is one save: a file that cannot be read adds nothing, and the
 * other files of the same drop are separate calls that go on.
 */
import type { ParsedInputOf } from '../../../shared/contract/api.ts';
import { AppFailure } from '../../../shared/contract/result.ts';
import type { PaperFromFile, Saved } from '../../../shared/contract/views.ts';
import { attachmentName } from '../../../shared/rules/attachments.ts';
import { MAX_PAPER_FILE_BYTES, MAX_PDF_PAGES, sniffPaperFile, typeOfKind } from '../../../shared/rules/paperFiles.ts';
import { nextReference } from '../../../shared/rules/references.ts';
import {
  MAX_BODY_CHARS,
  markIdOf,
  type Attachment,
  type Paper,
  type PaperMark,
  type PaperSource,
  type PaperSourceKind,
} from '../../../shared/schema/papers.ts';
import type { RecordChange } from '../../../shared/schema/state.ts';
import { convertDocx, DocxRefused, isWordZip } from '../paperFiles/docxConvert.ts';
import { readPdfText } from '../paperFiles/pdfText.ts';
import { actorOf, mustGet, newId, save, type ServiceContext } from './context.ts';

/** The reference pattern of papers added from files without one (the sample board's own). */
export const PAPER_REFERENCE_PATTERN = 'PAP-{yyyy}-{seq:3}';

/** What a file read as a paper gives: its text, the images it held, what did not convert. */
export interface PaperFileReading {
  readonly kind: PaperSourceKind;
  readonly type: string;
  readonly body: string;
  readonly pages: number | null;
  readonly noTextLayer: boolean;
  readonly notes: readonly string[];
  readonly images: ReadonlyArray<{ readonly name: string; readonly type: string; readonly data: Buffer }>;
}

function refused(name: string, why: string, details?: Record<string, unknown>): AppFailure {
  return new AppFailure('invalid_input', `${name} was not added: ${why}. Nothing was added.`, {
    issues: [{ field: 'file', message: why }],
    ...details,
  });
}

/** Control characters a reader never shows, out of extracted text (new lines, tabs and form feeds stay). */
function cleanText(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000b\u000e-\u001f\u007f]/g, '').replace(/\r\n?/g, '\n');
}

function plural(n: number, one: string, many: string): string {
  return `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;
}

/**
 * Reads a file as a paper: refuses (AppFailure, naming the file and why) one
 * that is too large, of another kind than its name says, damaged, protected
 * without the right password, or a Word file that would unpack too far.
 */
export async function readPaperFile(name: string, bytes: Buffer, password?: string): Promise<PaperFileReading> {
  if (bytes.length > MAX_PAPER_FILE_BYTES) {
    throw refused(
      name,
      `it is ${(bytes.length / 1024 / 1024).toFixed(1)} MB; a paper's file may be at most ${MAX_PAPER_FILE_BYTES / 1024 / 1024} MB (split it, or attach it to a shorter paper)`,
    );
  }
  if (bytes.length === 0) throw refused(name, 'the file is empty');
  const wordZip = bytes[0] === 0x50 && bytes[1] === 0x4b ? await isWordZip(bytes) : false;
  const sniffed = sniffPaperFile(name, bytes, () => wordZip);
  if (!sniffed.ok) throw refused(name, sniffed.why);
  const { kind, type } = sniffed;
  switch (kind) {
    case 'pdf': {
      const reading = await readPdfText(bytes, { password, maxPages: MAX_PDF_PAGES });
      if (!reading.ok) {
        switch (reading.problem) {
          case 'needs_password':
            throw refused(name, 'the PDF is protected by a password: give its password to read it (it is not kept)', {
              needsPassword: true,
            });
          case 'wrong_password':
            throw refused(name, 'that is not the PDF’s password: try again (the password is not kept)', {
              needsPassword: true,
            });
          case 'too_many_pages':
            throw refused(
              name,
              `it has ${plural(Number(reading.detail), 'page', 'pages')}; a PDF paper may have at most ${MAX_PDF_PAGES.toLocaleString('en-GB')}`,
            );
          case 'damaged':
            throw refused(name, `the PDF is damaged or incomplete and could not be read (${reading.detail})`);
        }
      }
      const pages = reading.pages.map(cleanText);
      const body = pages.join('\f');
      const letters = body.replace(/\s/g, '').length;
      const noTextLayer = letters < pages.length * 3;
      const notes: string[] = [];
      if (noTextLayer) {
        notes.push('This PDF has no text layer (a scan): it can be read, but its words cannot be searched or noted');
      }
      if (reading.hasJavaScript) notes.push('It holds JavaScript, which is never run');
      if (reading.embeddedFiles > 0) {
        notes.push(
          `It holds ${plural(reading.embeddedFiles, 'embedded file', 'embedded files')}, never opened or kept`,
        );
      }
      if (reading.hasActions) notes.push('It holds actions that would open other files or programs: never followed');
      if (body.length > MAX_BODY_CHARS) {
        throw refused(
          name,
          `its text is over ${MAX_BODY_CHARS.toLocaleString('en-GB')} characters, more than a paper may hold`,
        );
      }
      return { kind, type, body, pages: pages.length, noTextLayer, notes, images: [] };
    }
    case 'docx': {
      try {
        const converted = await convertDocx(bytes, name);
        if (converted.markdown.length > MAX_BODY_CHARS) {
          throw refused(
            name,
            `its text is over ${MAX_BODY_CHARS.toLocaleString('en-GB')} characters, more than a paper may hold`,
          );
        }
        return {
          kind,
          type,
          body: converted.markdown,
          pages: null,
          noTextLayer: false,
          notes: converted.notes,
          images: converted.images,
        };
      } catch (error) {
        if (error instanceof DocxRefused) throw refused(name, `the Word file was not read: ${error.message}`);
        throw error;
      }
    }
    case 'markdown':
    case 'text': {
      const body = cleanText(bytes.toString('utf8').replace(/^\uFEFF/, ''));
      if (body.length > MAX_BODY_CHARS) {
        throw refused(
          name,
          `its text is over ${MAX_BODY_CHARS.toLocaleString('en-GB')} characters, more than a paper may hold`,
        );
      }
      return { kind, type, body, pages: null, noTextLayer: false, notes: [], images: [] };
    }
  }
}

function titleOf(fileName: string): string {
  const stem = fileName
    .replace(/\.[^.]*$/, '')
    .replace(/[_]+/g, ' ')
    .trim();
  return (stem || fileName).slice(0, 300);
}

/**
 * Adds a paper, or a new version of one, from a file. The file is read
 * first (in a worker for a PDF); only then are its blobs stored and the
 * record saved, in one change with the agenda item it goes on.
 */
export async function addPaperFromFile(
  ctx: ServiceContext,
  input: ParsedInputOf<'papers:addFromFile'>,
): Promise<PaperFromFile> {
  const store = ctx.store();
  const name = attachmentName(input.fileName);
  const bytes = Buffer.from(input.dataBase64, 'base64');
  if (input.paperId) mustGet(store.state(), 'papers', input.paperId, 'paper');
  if (input.meetingId) {
    const meeting = mustGet(store.state(), 'meetings', input.meetingId, 'meeting');
    if (!meeting.agenda.some((i) => i.id === input.itemId)) {
      throw new AppFailure('not_found', `The meeting ${meeting.title} has no such agenda item.`);
    }
  }
  const reading = await readPaperFile(name, bytes, input.password);
  const sourceBlob = await store.blobs.put(bytes);
  const bodyHash = reading.body === '' ? null : (await store.blobs.put(reading.body)).hash;
  const images: Attachment[] = [];
  for (const image of reading.images) {
    const { hash, bytes: size } = await store.blobs.put(image.data);
    images.push({ blob: hash, name: attachmentName(image.name), type: image.type, bytes: size });
  }
  const source: PaperSource = {
    blob: sourceBlob.hash,
    name,
    kind: reading.kind,
    type: typeOfKind(reading.kind),
    bytes: sourceBlob.bytes,
    pages: reading.pages,
    noTextLayer: reading.noTextLayer,
    conversionNotes: reading.notes.map((n) => n.slice(0, 500)).slice(0, 50),
  };
  let version = 1;
  let reference = '';
  const saved: Saved = await save(ctx, (state, now) => {
    const current = input.paperId ? mustGet(state, 'papers', input.paperId, 'paper') : null;
    const id = current?.id ?? newId('pap_');
    version = current ? current.versions[current.versions.length - 1]!.version + 1 : 1;
    const newVersion = {
      version,
      body: bodyHash,
      bodyChars: reading.body.length,
      attachments: images,
      source,
      createdAt: now,
      createdBy: actorOf(state),
    };
    let paper: Paper;
    if (current) {
      paper = { ...current, versions: [...current.versions, newVersion], updatedAt: now };
    } else {
      const date = input.date!;
      reference =
        input.reference ||
        nextReference(
          PAPER_REFERENCE_PATTERN,
          Number(date.slice(0, 4)),
          state.papers.values().map((p) => p.reference),
        );
      const clash = state.papers.values().find((p) => p.reference.toLowerCase() === reference.toLowerCase());
      if (clash) {
        const message = `${reference} is already the reference of “${clash.title}”; references must be unique`;
        throw new AppFailure('invalid_input', `reference: ${message}`, { issues: [{ field: 'reference', message }] });
      }
      paper = {
        id,
        createdAt: now,
        updatedAt: now,
        reference,
        title: input.title || titleOf(name),
        author: '',
        date,
        classification: input.classification,
        versions: [newVersion],
      };
    }
    reference = paper.reference;
    const changes: RecordChange[] = [{ target: 'papers', id, after: paper }];
    if (input.meetingId && !current) {
      const meeting = mustGet(state, 'meetings', input.meetingId, 'meeting');
      const agenda = meeting.agenda.map((item) =>
        item.id === input.itemId ? { ...item, paperIds: [...item.paperIds, id] } : item,
      );
      changes.push({ target: 'meetings', id: meeting.id, after: { ...meeting, agenda, updatedAt: now } });
    }
    const summary = current
      ? `Added version ${version} of paper ${paper.reference} from ${name}`
      : `Added paper ${paper.reference} ${paper.title} from ${name}`;
    return { changes, id, summary };
  });
  return { ...saved, reference, version, kind: reading.kind, pages: reading.pages, notes: source.conversionNotes };
}

/**
 * Keeps where the local user stopped reading a PDF version ("read to page
 * 14 of 32"). Reaching the last page of the newest version marks the paper
 * read, so "7 of 12 papers read" counts what was read to the end.
 */
export function saveReadingPosition(
  ctx: ServiceContext,
  { id, version, page, pages }: ParsedInputOf<'papers:savePosition'>,
): Promise<Saved> {
  return save(ctx, (state, now) => {
    const paper = mustGet(state, 'papers', id, 'paper');
    if (!paper.versions.some((v) => v.version === version)) {
      throw new AppFailure('not_found', `Paper ${paper.reference} has no version ${version}.`);
    }
    if (page > pages) {
      const message = `must be at most ${pages}, the number of pages`;
      throw new AppFailure('invalid_input', `page: ${message}`, { issues: [{ field: 'page', message }] });
    }
    const markId = markIdOf(id);
    const current: PaperMark = state.paperMarks.get(markId) ?? {
      id: markId,
      paperId: id,
      readAt: null,
      readVersion: null,
      createdAt: now,
      updatedAt: now,
    };
    const newest = paper.versions[paper.versions.length - 1]!.version;
    const finished = version === newest && page === pages && !(current.readAt && (current.readVersion ?? 0) >= newest);
    const after: PaperMark = {
      ...current,
      ...(finished ? { readAt: now, readVersion: newest } : {}),
      position: { version, page, pages },
      updatedAt: now,
    };
    return {
      changes: [{ target: 'paperMarks', id: markId, after }],
      id,
      summary: finished
        ? `Read paper ${paper.reference} to its end`
        : `Read paper ${paper.reference} to page ${page} of ${pages}`,
    };
  });
}
