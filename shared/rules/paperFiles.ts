/**
 * Files that become papers: what kind a file is, told from its bytes (never
 * from its name), and the limits a file is held to. Pure: no I/O.
 */
import type { PaperSourceKind } from '../schema/papers.ts';

/** The largest file accepted as a paper, in bytes (said in the message when refused). */
export const MAX_PAPER_FILE_BYTES = 25 * 1024 * 1024;
/** The most pages a PDF paper may have. */
export const MAX_PDF_PAGES = 3000;
/** The most a Word file may unpack to, all its parts together, in bytes. */
export const MAX_DOCX_UNPACKED_BYTES = 100 * 1024 * 1024;
/** How many times its packed size one part of a Word file may inflate (past 1 MB). */
export const MAX_DOCX_RATIO = 100;

/** What a file's bytes say it is, or why it cannot be a paper. */
export type SniffedKind =
  | { readonly ok: true; readonly kind: PaperSourceKind; readonly type: string }
  | { readonly ok: false; readonly why: string };

const TYPES: Readonly<Record<PaperSourceKind, string>> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  markdown: 'text/markdown',
  text: 'text/plain',
};

/** The MIME type kept for a kind of paper file. */
export function typeOfKind(kind: PaperSourceKind): string {
  return TYPES[kind];
}

function startsWith(bytes: Uint8Array, text: string, at = 0): boolean {
  if (bytes.length < at + text.length) return false;
  for (let i = 0; i < text.length; i++) if (bytes[at + i] !== text.charCodeAt(i)) return false;
  return true;
}

/** The name's extension, lower case, without the dot ('' when none). */
function extensionOfName(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot <= 0 ? '' : name.slice(dot + 1).toLowerCase();
}

const KIND_OF_EXTENSION: Readonly<Record<string, PaperSourceKind>> = {
  pdf: 'pdf',
  docx: 'docx',
  md: 'markdown',
  markdown: 'markdown',
  txt: 'text',
  text: 'text',
};

/** The words for a kind in messages. */
export function kindWords(kind: PaperSourceKind): string {
  return { pdf: 'a PDF', docx: 'a Word file', markdown: 'a Markdown file', text: 'a text file' }[kind];
}

/**
 * The kind of a paper file, from its bytes: "%PDF-" within the first
 * kilobyte is a PDF; a ZIP whose entry names (checked later by the reader)
 * hold word/document.xml is Word; valid UTF-8 without NUL bytes is text
 * (Markdown when named .md). The name only tells Markdown from plain text;
 * a name that claims one kind for bytes of another is refused with both said.
 * `zipHasWordDocument` is asked only of ZIP files.
 */
export function sniffPaperFile(name: string, bytes: Uint8Array, zipHasWordDocument: () => boolean): SniffedKind {
  const ext = extensionOfName(name);
  const claimed = KIND_OF_EXTENSION[ext];
  let found: PaperSourceKind | null = null;
  const head = bytes.subarray(0, 1024);
  let pdfAt = -1;
  for (let i = 0; i + 5 <= head.length && pdfAt === -1; i++) if (startsWith(head, '%PDF-', i)) pdfAt = i;
  if (pdfAt !== -1) found = 'pdf';
  else if (startsWith(bytes, 'PK\u0003\u0004')) {
    if (!zipHasWordDocument()) {
      return {
        ok: false,
        why: `${name} is a ZIP archive but not a Word document (it has no word/document.xml): only .docx Word files, PDF, Markdown and text can be papers`,
      };
    }
    found = 'docx';
  } else if (isUtf8Text(bytes)) found = claimed === 'markdown' ? 'markdown' : 'text';
  if (found === null) {
    const what = startsWith(bytes, '\u00d0\u00cf\u0011\u00e0')
      ? 'an old Word (.doc) or Office file'
      : 'not a PDF, Word (.docx) or text file';
    return { ok: false, why: `${name} is ${what}: save it as PDF or .docx and add it again` };
  }
  const textKinds: readonly PaperSourceKind[] = ['markdown', 'text'];
  const agrees =
    claimed === undefined || claimed === found || (textKinds.includes(claimed) && textKinds.includes(found));
  if (!agrees) {
    return {
      ok: false,
      why: `${name} is named as ${kindWords(claimed!)} (.${ext}) but its contents are ${kindWords(found)}: rename it to the right extension and add it again`,
    };
  }
  return { ok: true, kind: found, type: TYPES[found] };
}

/** True when the bytes are UTF-8 with no NUL bytes (a byte-order mark allowed). */
export function isUtf8Text(bytes: Uint8Array): boolean {
  if (bytes.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}
