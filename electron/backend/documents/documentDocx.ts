/**
 * A document's Markdown as a Word file (.docx), with the `docx` package:
 * headings (Word's own Heading styles, so the navigation pane and a table of
 * contents work), paragraphs, lists, tables whose header row repeats and whose
 * rows are not split across pages, and a footer with the reference and
 * "Page N of M". Made from the same Markdown as every other format, read with
 * marked's lexer; raw HTML stays literal text and links are kept only to
 * http(s) and mailto, as in the HTML.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  ExternalHyperlink,
  Footer,
  Header,
  HeadingLevel,
  LevelFormat,
  Packer,
  PageNumber,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type ParagraphChild,
} from 'docx';
import { Lexer, type Token, type Tokens } from 'marked';
import type { BuiltDocument } from '../../../shared/documents/documentModel.ts';
import { PAGE_MARGINS_MM, safeLinkHref } from '../../../shared/documents/documentHtml.ts';

const TWIPS_PER_MM = 1440 / 25.4;
const A4 = { width: 11906, height: 16838 };
const CONTENT_WIDTH = Math.floor(A4.width - (PAGE_MARGINS_MM.left + PAGE_MARGINS_MM.right) * TWIPS_PER_MM);
const FONT = 'Arial';
const MONO = 'Courier New';
const NAVY = '0B2545';

const HEADINGS = [
  HeadingLevel.HEADING_1,
  HeadingLevel.HEADING_2,
  HeadingLevel.HEADING_3,
  HeadingLevel.HEADING_4,
  HeadingLevel.HEADING_5,
  HeadingLevel.HEADING_6,
] as const;

/** How inline text is styled where it sits. */
interface RunStyle {
  readonly bold?: boolean;
  readonly italics?: boolean;
  readonly strike?: boolean;
  readonly mono?: boolean;
}

const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/** Text as marked's lexer leaves it (entities as typed) to the characters they stand for. */
function decodeEntities(value: string): string {
  return value.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name.startsWith('#x') || name.startsWith('#X')) return String.fromCodePoint(parseInt(name.slice(2), 16));
    if (name.startsWith('#')) return String.fromCodePoint(Number(name.slice(1)));
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

function run(value: string, style: RunStyle): TextRun {
  return new TextRun({
    text: value,
    bold: style.bold ?? false,
    italics: style.italics ?? false,
    strike: style.strike ?? false,
    ...(style.mono ? { font: MONO } : {}),
  });
}

// marked's Token union has a catch-all member whose `type` is any string, so a
// switch on `type` does not narrow it: each case names the token it has.

/** Inline Markdown tokens as Word runs. */
function inline(tokens: readonly Token[] | undefined, style: RunStyle = {}): ParagraphChild[] {
  const out: ParagraphChild[] = [];
  for (const token of tokens ?? []) {
    switch (token.type) {
      case 'strong':
        out.push(...inline((token as Tokens.Strong).tokens, { ...style, bold: true }));
        break;
      case 'em':
        out.push(...inline((token as Tokens.Em).tokens, { ...style, italics: true }));
        break;
      case 'del':
        out.push(...inline((token as Tokens.Del).tokens, { ...style, strike: true }));
        break;
      case 'codespan':
        out.push(run((token as Tokens.Codespan).text, { ...style, mono: true }));
        break;
      case 'br':
        out.push(new TextRun({ text: '', break: 1 }));
        break;
      case 'link': {
        const link = token as Tokens.Link;
        const safe = safeLinkHref(link.href);
        const children = inline(link.tokens, style);
        if (safe === null) out.push(...children);
        else
          out.push(
            new ExternalHyperlink({
              link: safe,
              children: [
                new TextRun({ text: decodeEntities(link.text), style: 'Hyperlink', bold: style.bold ?? false }),
              ],
            }),
          );
        break;
      }
      case 'image':
        out.push(
          run(`[Image not included${(token as Tokens.Image).text ? `: ${(token as Tokens.Image).text}` : ''}]`, {
            ...style,
            italics: true,
          }),
        );
        break;
      case 'escape':
        out.push(run((token as Tokens.Escape).text, style));
        break;
      case 'html':
        // Raw HTML is shown as the text it is, never interpreted.
        out.push(run((token as Tokens.Tag).text, style));
        break;
      case 'text': {
        const t = token as Tokens.Text;
        if (t.tokens && t.tokens.length > 0) out.push(...inline(t.tokens, style));
        else out.push(run(decodeEntities(t.text), style));
        break;
      }
      default:
        out.push(run(decodeEntities(token.raw), style));
    }
  }
  return out;
}

/** Column widths for a table: each column's share follows its longest cell, within limits. */
function columnWidths(table: Tokens.Table): number[] {
  const lengths = table.header.map((h, i) =>
    Math.min(48, Math.max(6, h.text.length, ...table.rows.map((r) => r[i]?.text.length ?? 0))),
  );
  const total = lengths.reduce((a, b) => a + b, 0);
  return lengths.map((l) => Math.floor((CONTENT_WIDTH * l) / total));
}

function tableOf(table: Tokens.Table): Table {
  const widths = columnWidths(table);
  const border = { style: BorderStyle.SINGLE, size: 4, color: '8A94A6' };
  const borders = { top: border, bottom: border, left: border, right: border };
  const cell = (c: Tokens.TableCell, i: number, header: boolean): TableCell =>
    new TableCell({
      width: { size: widths[i] ?? 1000, type: WidthType.DXA },
      borders,
      margins: { top: 40, bottom: 40, left: 80, right: 80 },
      ...(header ? { shading: { type: ShadingType.CLEAR, fill: 'E8EDF4', color: 'auto' } } : {}),
      children: [
        new Paragraph({
          children: inline(c.tokens, header ? { bold: true } : {}),
          spacing: { after: 0 },
          style: 'TableText',
        }),
      ],
    });
  return new Table({
    width: { size: CONTENT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    rows: [
      new TableRow({ tableHeader: true, cantSplit: true, children: table.header.map((c, i) => cell(c, i, true)) }),
      ...table.rows.map((row) => new TableRow({ cantSplit: true, children: row.map((c, i) => cell(c, i, false)) })),
    ],
  });
}

/** State across a document: ordered lists each restart their numbering. */
interface BlockState {
  orderedLists: number;
}

function listOf(list: Tokens.List, level: number, state: BlockState): Array<Paragraph | Table> {
  const instance = list.ordered ? ++state.orderedLists : 0;
  const out: Array<Paragraph | Table> = [];
  for (const item of list.items) {
    let first = true;
    for (const token of item.tokens) {
      if (token.type === 'list') {
        out.push(...listOf(token as Tokens.List, Math.min(level + 1, 8), state));
        continue;
      }
      const children =
        token.type === 'text' || token.type === 'paragraph'
          ? inline((token as Tokens.Text | Tokens.Paragraph).tokens ?? [{ ...token, tokens: undefined }])
          : inline([token]);
      out.push(
        new Paragraph({
          children,
          ...(first
            ? list.ordered
              ? { numbering: { reference: 'ordered', level, instance } }
              : { bullet: { level } }
            : { indent: { left: 720 * (level + 1) } }),
          spacing: { after: 60 },
        }),
      );
      first = false;
    }
  }
  return out;
}

function blocks(tokens: readonly Token[], state: BlockState): Array<Paragraph | Table> {
  const out: Array<Paragraph | Table> = [];
  for (const token of tokens) {
    switch (token.type) {
      case 'heading': {
        const h = token as Tokens.Heading;
        out.push(
          new Paragraph({
            heading: HEADINGS[Math.min(6, Math.max(1, h.depth)) - 1],
            children: inline(h.tokens),
            keepNext: true,
            keepLines: true,
          }),
        );
        break;
      }
      case 'paragraph': {
        const p = token as Tokens.Paragraph;
        // A paragraph that introduces a table or list stays with it.
        out.push(new Paragraph({ children: inline(p.tokens), keepNext: /:\**\s*$/.test(p.text) }));
        break;
      }
      case 'list':
        out.push(...listOf(token as Tokens.List, 0, state));
        break;
      case 'table':
        out.push(tableOf(token as Tokens.Table));
        // Word needs a paragraph between two tables; it also gives space after.
        out.push(new Paragraph({ children: [], spacing: { after: 60 } }));
        break;
      case 'blockquote':
        out.push(...blocks((token as Tokens.Blockquote).tokens, state));
        break;
      case 'code':
        out.push(
          new Paragraph({
            children: (token as Tokens.Code).text
              .split('\n')
              .map((line, i) => new TextRun({ text: line, font: MONO, size: 17, ...(i > 0 ? { break: 1 } : {}) })),
          }),
        );
        break;
      case 'hr':
        out.push(
          new Paragraph({
            children: [],
            border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: '8A94A6', space: 1 } },
          }),
        );
        break;
      case 'html':
        out.push(new Paragraph({ children: [run((token as Tokens.HTML).text.trim(), {})] }));
        break;
      case 'space':
      case 'def':
        break;
      default:
        out.push(new Paragraph({ children: [run(token.raw.trim(), {})] }));
    }
  }
  return out;
}

/** The document as a .docx file. */
export async function documentDocx(doc: BuiltDocument): Promise<Uint8Array> {
  const { meta } = doc;
  const state: BlockState = { orderedLists: 0 };
  const lexer = (md: string): Token[] => new Lexer({ gfm: true }).lex(md);
  const margin = (mm: number): number => Math.round(mm * TWIPS_PER_MM);
  const footerText = `${meta.reference} · ${meta.boardName}`;
  const file = new Document({
    title: meta.title,
    description: `${meta.boardName}: ${meta.title} (${meta.reference}), made from journal entry ${meta.position.seq}`,
    creator: 'Boardkeeper',
    styles: {
      default: {
        // UK English for every run, so Word checks spelling and reads dates as the board writes them.
        document: {
          run: { font: FONT, size: 21, language: { value: 'en-GB' } },
          paragraph: { spacing: { after: 120, line: 276 } },
        },
        heading1: { run: { font: FONT, size: 36, bold: true, color: NAVY }, paragraph: { spacing: { after: 160 } } },
        heading2: {
          run: { font: FONT, size: 27, bold: true, color: NAVY },
          paragraph: {
            spacing: { before: 280, after: 100 },
            border: { bottom: { style: BorderStyle.SINGLE, size: 8, color: NAVY, space: 2 } },
          },
        },
        heading3: {
          run: { font: FONT, size: 24, bold: true, color: NAVY },
          paragraph: { spacing: { before: 200, after: 80 } },
        },
        heading4: { run: { font: FONT, size: 22, bold: true }, paragraph: { spacing: { before: 160, after: 60 } } },
        heading5: { run: { font: FONT, size: 21, bold: true }, paragraph: { spacing: { before: 120, after: 40 } } },
        heading6: { run: { font: FONT, size: 21, bold: true, italics: true } },
      },
      paragraphStyles: [
        {
          id: 'TableText',
          name: 'Table text',
          basedOn: 'Normal',
          run: { size: 18 },
          paragraph: { spacing: { after: 0, line: 240 } },
        },
      ],
    },
    numbering: {
      config: [
        {
          reference: 'ordered',
          levels: Array.from({ length: 9 }, (_, level) => ({
            level,
            format: LevelFormat.DECIMAL,
            text: `%${level + 1}.`,
            alignment: AlignmentType.START,
            style: { paragraph: { indent: { left: 720 * (level + 1), hanging: 360 } } },
          })),
        },
      ],
    },
    sections: [
      {
        properties: {
          page: {
            size: A4,
            margin: {
              top: margin(PAGE_MARGINS_MM.top),
              right: margin(PAGE_MARGINS_MM.right),
              bottom: margin(PAGE_MARGINS_MM.bottom),
              left: margin(PAGE_MARGINS_MM.left),
            },
          },
        },
        headers: {
          default: new Header({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children:
                  meta.classification === 'confidential'
                    ? [
                        new TextRun({
                          text: 'CONFIDENTIAL: NOT FOR PUBLICATION',
                          bold: true,
                          size: 16,
                          color: '8A1C1C',
                        }),
                      ]
                    : [],
              }),
            ],
          }),
        },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [
                  new TextRun({ text: `${footerText} · `, size: 16, color: '444444' }),
                  new TextRun({
                    children: ['Page ', PageNumber.CURRENT, ' of ', PageNumber.TOTAL_PAGES],
                    size: 16,
                    color: '444444',
                  }),
                ],
              }),
            ],
          }),
        },
        children: [
          new Paragraph({
            children: [new TextRun({ text: meta.boardName.toUpperCase(), bold: true, size: 20, color: '44506A' })],
          }),
          ...(meta.classification === 'confidential'
            ? [
                new Paragraph({
                  children: [
                    new TextRun({
                      text: 'Confidential: not for publication. This document includes matters considered in private.',
                      bold: true,
                      color: '8A1C1C',
                    }),
                  ],
                  border: {
                    top: { style: BorderStyle.SINGLE, size: 8, color: '8A1C1C', space: 2 },
                    bottom: { style: BorderStyle.SINGLE, size: 8, color: '8A1C1C', space: 2 },
                  },
                }),
              ]
            : []),
          ...blocks(lexer(doc.headMarkdown), state),
          ...blocks(lexer(doc.bodyMarkdown), state),
          new Paragraph({
            children: [
              new TextRun({
                text: `End of ${meta.reference}. Made from the record at journal entry ${meta.position.seq}.`,
                size: 17,
                color: '555555',
              }),
            ],
            border: { top: { style: BorderStyle.SINGLE, size: 4, color: '8A94A6', space: 4 } },
          }),
        ],
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(file));
}
