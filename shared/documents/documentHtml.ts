/**
 * A document's Markdown as a standalone HTML page for print: marked with raw
 * HTML escaped (never passed through) and links kept only to http(s) and
 * mailto; no script at all, and a Content-Security-Policy that forbids one;
 * print CSS for A4 with page numbers, headings kept with what follows and
 * table rows never split. Also the header and footer Chromium draws when it
 * prints to PDF (Electron's printToPDF, or Chromium in the web host), so
 * both print the same way.
 */
import { Marked, type Tokens } from 'marked';
import type { BuiltDocument, DocumentMeta } from './documentModel.ts';

/**
 * Who draws the page numbers: `css` (the page's own `@page` margin boxes,
 * for a standalone HTML file printed from a browser) or `printer` (the PDF
 * printer's footer template; the page then draws none, or they would show twice).
 */
export type PageNumbers = 'css' | 'printer';

/** Page margins in millimetres, the same for every way of printing. */
export const PAGE_MARGINS_MM = { top: 20, right: 18, bottom: 22, left: 18 } as const;

/** What a PDF printer needs besides the HTML: page size, margins and the header and footer templates. */
export interface PrintSettings {
  readonly pageSize: 'A4';
  readonly marginsMm: typeof PAGE_MARGINS_MM;
  readonly headerTemplate: string;
  readonly footerTemplate: string;
}

/** The Content-Security-Policy every document page carries: styles inline, nothing else at all. */
export const DOCUMENT_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

/** Escapes text for HTML content and attribute values. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Escapes text for a CSS string literal inside a <style> element. */
function cssString(value: string): string {
  const escaped = [...value]
    .map((c) => {
      const code = c.charCodeAt(0);
      if (c === '\\' || c === '"') return `\\${c}`;
      // `<` and `>` could close the <style> element; control characters end a CSS string.
      return c === '<' || c === '>' || code < 0x20 || code === 0x7f ? `\\${code.toString(16)} ` : c;
    })
    .join('');
  return `"${escaped}"`;
}

/** The URL a document link may point to, or null: only http(s) and mailto, parsed rather than pattern-matched. */
export function safeLinkHref(href: string): string | null {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return null;
  }
  if (url.protocol === 'mailto:') return url.href;
  if ((url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '') return url.href;
  return null;
}

const RAG_CELL = /^(Red|Amber|Green):/;

const documentMarked = new Marked({
  gfm: true,
  breaks: false,
  async: false,
  renderer: {
    // Raw HTML in the text is shown as text, never passed through.
    html({ text }: Tokens.HTML | Tokens.Tag): string {
      return escapeHtml(text);
    },
    link({ href, tokens }: Tokens.Link): string {
      const inner = this.parser.parseInline(tokens);
      const safe = safeLinkHref(href);
      return safe === null ? inner : `<a href="${escapeHtml(safe)}">${inner}</a>`;
    },
    // A printed record fetches nothing: an image is named, not shown.
    image({ text }: Tokens.Image): string {
      return `<span class="image-omitted">[Image not included${text ? `: ${escapeHtml(text)}` : ''}]</span>`;
    },
    tablecell(token: Tokens.TableCell): string {
      const content = this.parser.parseInline(token.tokens);
      const align = token.align ? ` class="align-${token.align}"` : '';
      if (token.header) return `<th scope="col"${align}>${content}</th>\n`;
      const rag = RAG_CELL.exec(token.text)?.[1]?.toLowerCase();
      return `<td${rag ? ` class="rag rag-${rag}"` : align}>${content}</td>\n`;
    },
  },
});

/** Markdown to HTML the way documents are printed (see the module comment). */
export function documentMarkdownToHtml(markdown: string): string {
  return documentMarked.parse(markdown, { async: false });
}

function styleOf(meta: DocumentMeta, pageNumbers: PageNumbers): string {
  const m = PAGE_MARGINS_MM;
  const marginBoxes =
    pageNumbers === 'css'
      ? `
  @bottom-left { content: ${cssString(`${meta.reference} · ${meta.boardName}`)}; font: 8pt Arial, "Liberation Sans", sans-serif; color: #444; }
  @bottom-right { content: "Page " counter(page) " of " counter(pages); font: 8pt Arial, "Liberation Sans", sans-serif; color: #444; }${
    meta.classification === 'confidential'
      ? `
  @top-center { content: "CONFIDENTIAL: NOT FOR PUBLICATION"; font: bold 8pt Arial, "Liberation Sans", sans-serif; color: #8a1c1c; }`
      : ''
  }`
      : '';
  return `
@page {
  size: A4;
  margin: ${m.top}mm ${m.right}mm ${m.bottom}mm ${m.left}mm;${marginBoxes}
}
:root { color-scheme: light; }
html { font-family: Arial, "Liberation Sans", Helvetica, sans-serif; font-size: 10.5pt; line-height: 1.45; color: #111; }
body { margin: 0 auto; max-width: 174mm; padding: 0; }
@media screen { body { padding: 12mm 8mm; } }
h1, h2, h3, h4, h5, h6 { line-height: 1.25; break-after: avoid-page; page-break-after: avoid; break-inside: avoid; }
h1 { font-size: 18pt; margin: 0 0 4mm; color: #0b2545; }
h2 { font-size: 13.5pt; margin: 7mm 0 2.5mm; padding-bottom: 1mm; border-bottom: 0.4mm solid #0b2545; color: #0b2545; }
h3 { font-size: 12pt; margin: 5mm 0 2mm; color: #0b2545; }
h4 { font-size: 11pt; margin: 4mm 0 1.5mm; }
h5, h6 { font-size: 10.5pt; margin: 3mm 0 1mm; }
p { margin: 0 0 2.5mm; orphans: 3; widows: 3; }
ul, ol { margin: 0 0 2.5mm; padding-left: 6mm; }
li { margin: 0 0 0.8mm; }
p:has(+ table), p:has(+ ul), p:has(+ ol) { break-after: avoid-page; }
table { width: 100%; border-collapse: collapse; margin: 1mm 0 4mm; font-size: 9pt; }
thead { display: table-header-group; }
tr, th, td { break-inside: avoid; page-break-inside: avoid; }
th, td { border: 0.25mm solid #8a94a6; padding: 1.2mm 1.6mm; text-align: left; vertical-align: top; }
th { background: #e8edf4; font-weight: bold; }
td.rag { font-weight: bold; min-width: 22mm; }
td.rag-red { background: #f7d4d4; }
td.rag-amber { background: #fbe7c0; }
td.rag-green { background: #d6eed8; }
.align-center { text-align: center; }
.align-right { text-align: right; }
blockquote { margin: 0 0 2.5mm; padding-left: 4mm; border-left: 1mm solid #c5ccd8; color: #333; }
code { font-family: "DejaVu Sans Mono", "Liberation Mono", monospace; font-size: 8.5pt; word-break: break-all; }
pre { white-space: pre-wrap; font-size: 8.5pt; }
a { color: #0b3d91; }
hr { border: 0; border-top: 0.3mm solid #8a94a6; }
.doc-head { border-bottom: 0.6mm solid #0b2545; margin-bottom: 5mm; padding-bottom: 2mm; }
.doc-head ul { list-style: none; padding: 0; font-size: 9pt; color: #333; columns: 1; }
.doc-head li { margin: 0 0 0.5mm; }
.doc-board { font-size: 10pt; font-weight: bold; letter-spacing: 0.02em; text-transform: uppercase; color: #44506a; margin: 0 0 2mm; }
.doc-confidential { border: 0.5mm solid #8a1c1c; color: #8a1c1c; font-weight: bold; padding: 1.5mm 3mm; margin: 0 0 4mm; }
.doc-end { margin-top: 8mm; font-size: 8.5pt; color: #555; border-top: 0.3mm solid #8a94a6; padding-top: 2mm; }
.image-omitted { font-style: italic; color: #555; }
`;
}

/**
 * The standalone HTML page of a document: no script, no remote content, the
 * CSP in a meta element, print CSS inline. `pageNumbers` says who numbers the pages.
 */
export function documentHtml(
  doc: BuiltDocument,
  options: { readonly pageNumbers?: PageNumbers; readonly bodyOnNewPage?: boolean } = {},
): string {
  const { meta } = doc;
  const confidential =
    meta.classification === 'confidential'
      ? `<p class="doc-confidential">Confidential: not for publication. This document includes matters considered in private.</p>\n`
      : '';
  return `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(DOCUMENT_CSP)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="Boardkeeper">
<meta name="description" content="${escapeHtml(`${meta.boardName}: ${meta.title} (${meta.reference})`)}">
<title>${escapeHtml(`${meta.title} · ${meta.boardName}`)}</title>
<style>${styleOf(meta, options.pageNumbers ?? 'css')}</style>
</head>
<body>
<header class="doc-head">
<p class="doc-board">${escapeHtml(meta.boardName)}</p>
${confidential}${documentMarkdownToHtml(doc.headMarkdown)}</header>
<main class="doc-body"${options.bodyOnNewPage ? ' style="break-before: page;"' : ''}>
${documentMarkdownToHtml(doc.bodyMarkdown)}</main>
<footer class="doc-end">
<p>End of ${escapeHtml(meta.reference)}. Made from the record at journal entry ${meta.position.seq}.</p>
</footer>
</body>
</html>
`;
}

/**
 * Print settings with no footer at all: for pages that are numbered
 * afterwards by whatever they are put into (a compiled pack stamps its own
 * "Page N of M" on every page). A confidential document keeps its banner.
 */
export function unnumberedPrintSettingsOf(meta: DocumentMeta): PrintSettings {
  return { ...printSettingsOf(meta), footerTemplate: '<div></div>' };
}

/** The header and footer a PDF printer draws: the reference and board, and "Page N of M". */
export function printSettingsOf(meta: DocumentMeta): PrintSettings {
  // Inside a double-quoted style attribute: single quotes only. Templates need their own font size.
  const font = "font-family: Arial, 'Liberation Sans', sans-serif; font-size: 8pt; color: #444;";
  const side = `box-sizing: border-box; padding: 0 ${PAGE_MARGINS_MM.right}mm 0 ${PAGE_MARGINS_MM.left}mm;`;
  return {
    pageSize: 'A4',
    marginsMm: PAGE_MARGINS_MM,
    headerTemplate:
      meta.classification === 'confidential'
        ? `<div style="${font} ${side} width: 100%; text-align: center; font-weight: bold; color: #8a1c1c;">CONFIDENTIAL: NOT FOR PUBLICATION</div>`
        : '<div></div>',
    footerTemplate: `<div style="${font} ${side} width: 100%; display: flex; justify-content: space-between;"><span>${escapeHtml(`${meta.reference} · ${meta.boardName}`)}</span><span>Page <span class="pageNumber"></span> of <span class="totalPages"></span></span></div>`,
  };
}
