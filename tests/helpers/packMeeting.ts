/**
 * A data folder holding a meeting whose pack mixes real files: a PDF paper
 * (made with @cantoo/pdf-lib), a Word paper (a .docx made with the `docx`
 * package, its body the Markdown converted from it with mammoth then
 * turndown, as issue 20's import will), a Markdown paper, and an item taken
 * in private whose PDF and Word papers carry a marker phrase. Written with
 * the backend's own store (records and blobs), before a backend or web host
 * opens the folder: until issue 20 lands there is no channel that adds a
 * paper from a file.
 */
import { PDFDocument, StandardFonts } from '@cantoo/pdf-lib';
import { Document, HeadingLevel, Packer, Paragraph } from 'docx';
import mammoth from 'mammoth';
import TurndownService from 'turndown';
import { openStore, type Store } from '../../electron/backend/store/store.ts';
import type { AgendaItem, Meeting } from '../../shared/schema/meetings.ts';
import type { Paper, PaperSource, PaperVersion } from '../../shared/schema/papers.ts';

/** The phrase only the private item's papers hold: a public pack must not. */
export const MARKER = 'Zebra quartz privileged advice';

/** A PDF whose page i shows `pages[i]` (each a list of lines); `password` encrypts it. */
export async function makePdf(
  title: string,
  pages: readonly (readonly string[])[],
  password?: string,
): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  doc.setTitle(title);
  for (const lines of pages) {
    const page = doc.addPage([595.28, 841.89]);
    page.drawText(title, { x: 56, y: 780, size: 16, font });
    lines.forEach((line, i) => page.drawText(line, { x: 56, y: 740 - i * 18, size: 11, font }));
  }
  if (password !== undefined) doc.encrypt({ userPassword: password, ownerPassword: `${password}-owner` });
  return doc.save();
}

/** A Word file: a heading, then one paragraph each. */
export async function makeDocx(heading: string, paragraphs: readonly string[]): Promise<Uint8Array> {
  const doc = new Document({
    sections: [
      {
        children: [
          new Paragraph({ text: heading, heading: HeadingLevel.HEADING_1 }),
          ...paragraphs.map((text) => new Paragraph({ text })),
        ],
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}

/** A .docx as Markdown: mammoth to HTML, turndown to Markdown. */
export async function docxMarkdown(bytes: Uint8Array): Promise<string> {
  const { value } = await mammoth.convertToHtml({ buffer: Buffer.from(bytes) });
  return new TurndownService({ headingStyle: 'atx' }).turndown(value);
}

/** A paper to add: typed Markdown, or a file. */
export type PaperInput = {
  readonly reference: string;
  readonly title: string;
  readonly classification?: 'public' | 'confidential';
} & (
  | { readonly kind: 'markdown'; readonly body: string }
  | {
      readonly kind: 'pdf';
      readonly file: Uint8Array;
      readonly name: string;
      readonly pages: number | null;
      readonly text: string;
    }
  | { readonly kind: 'docx'; readonly file: Uint8Array; readonly name: string }
);

let seq = 0;
const hex = (n: number) => n.toString(16).padStart(16, '0');
const AT = '2026-09-01T09:00:00.000Z';

/** Adds a paper (version 1) the way the backend stores one: its body and file as blobs. */
export async function addPaper(store: Store, input: PaperInput): Promise<string> {
  const id = `pap_${hex(++seq + 0x100)}`;
  let body: string;
  let source: PaperSource | undefined;
  if (input.kind === 'markdown') {
    body = input.body;
  } else {
    const blob = await store.blobs.put(input.file);
    body = input.kind === 'pdf' ? input.text : await docxMarkdown(input.file);
    source = {
      blob: blob.hash,
      name: input.name,
      kind: input.kind,
      type:
        input.kind === 'pdf'
          ? 'application/pdf'
          : 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      bytes: blob.bytes,
      pages: input.kind === 'pdf' ? input.pages : null,
      noTextLayer: false,
      conversionNotes: [],
    };
  }
  const bodyHash = body === '' ? null : (await store.blobs.put(body)).hash;
  const version: PaperVersion = {
    version: 1,
    body: bodyHash,
    bodyChars: body.length,
    attachments: [],
    ...(source ? { source } : {}),
    createdAt: AT,
    createdBy: 'Secretariat',
  };
  const paper: Paper = {
    id,
    createdAt: AT,
    updatedAt: AT,
    reference: input.reference,
    title: input.title,
    author: 'Chief Executive',
    date: '2026-09-01',
    classification: input.classification ?? 'public',
    versions: [version],
  };
  await store.mutate('Secretariat', `Added paper ${input.reference}`, () => ({
    changes: [{ target: 'papers', id, after: paper }],
    value: null,
  }));
  return id;
}

/** Adds a new version of a paper (a revised Markdown text). */
export async function revisePaper(store: Store, paperId: string, body: string): Promise<void> {
  const hash = (await store.blobs.put(body)).hash;
  await store.mutate('Secretariat', 'Revised a paper', (state) => {
    const paper = state.papers.get(paperId)!;
    const last = paper.versions[paper.versions.length - 1]!;
    const next: Paper = {
      ...paper,
      versions: [
        ...paper.versions,
        { ...last, version: last.version + 1, body: hash, bodyChars: body.length, source: undefined, createdAt: AT },
      ],
    };
    return { changes: [{ target: 'papers', id: paperId, after: next }], value: null };
  });
}

/** The meeting of the pack and its papers, by role. */
export interface PackMeeting {
  readonly dataDir: string;
  readonly meetingId: string;
  readonly items: { readonly public: string; readonly private: string; readonly noPapers: string };
  readonly papers: Record<'pdf' | 'word' | 'markdown' | 'privatePdf' | 'privateWord', string>;
  /** Pages of the public PDF paper (3) and the private one (2). */
  readonly pdfPages: number;
}

/** What else to put in the public item: a protected PDF paper, a damaged one. */
export interface PackMeetingOptions {
  readonly protectedPdf?: { readonly password: string };
  readonly damagedPdf?: boolean;
}

/** Long enough that the Markdown paper runs over two printed pages. */
function longMarkdown(): string {
  const paras = Array.from(
    { length: 28 },
    (_, i) =>
      `Paragraph ${i + 1}. The force set out how the re-tender will be run, who will assess the bids, and how the board will be told of progress each quarter, with the figures in GBP and the dates of each stage.`,
  );
  return ['# Re-tender timetable', '', ...paras.flatMap((p) => [p, '']), '## Risks', '', '- Delay', '- Cost'].join(
    '\n',
  );
}

/** Writes the meeting into the (new, empty) data folder `dataDir` and closes the store. */
export async function writePackMeeting(
  dataDir: string,
  options: PackMeetingOptions = {},
): Promise<PackMeeting & { extra: Record<string, string> }> {
  const store = await openStore({ dataDir, backupOnFirstChange: false, checkpointQuietMs: 60_000 });
  await store.mutate('Secretariat', 'Settings', (state) => ({
    changes: [
      {
        target: 'settings',
        id: 'settings',
        after: { ...state.settings, boardName: 'Police and Crime Board', localUserName: 'Secretariat' },
      },
    ],
    value: null,
  }));
  const pdfPages = 3;
  const pdfLines = (n: number) => [
    `Budget monitoring report, page ${n} of the report.`,
    'Forecast outturn £1,250,000.',
  ];
  const pdf = await addPaper(store, {
    kind: 'pdf',
    reference: 'BP-2026-41',
    title: 'Budget monitoring, quarter 1',
    file: await makePdf('Budget monitoring', [pdfLines(1), pdfLines(2), pdfLines(3)]),
    name: 'budget-q1.pdf',
    pages: pdfPages,
    text: [1, 2, 3].map((n) => pdfLines(n).join('\n')).join('\f'),
  });
  const word = await addPaper(store, {
    kind: 'docx',
    reference: 'BP-2026-42',
    title: 'Workforce plan',
    file: await makeDocx('Workforce plan', ['The force plans 1,150 posts fewer over two years.', 'Word paper text.']),
    name: 'workforce-plan.docx',
  });
  const markdown = await addPaper(store, {
    kind: 'markdown',
    reference: 'BP-2026-43',
    title: 'Re-tender timetable',
    body: longMarkdown(),
  });
  const privateLines = [`Legal advice: ${MARKER}.`, 'Not for publication.'];
  const privatePdf = await addPaper(store, {
    kind: 'pdf',
    reference: 'BP-2026-44',
    title: 'Legal advice on the pre-action letter',
    classification: 'confidential',
    file: await makePdf('Legal advice', [privateLines, privateLines]),
    name: 'legal-advice.pdf',
    pages: 2,
    text: [privateLines.join('\n'), privateLines.join('\n')].join('\f'),
  });
  const privateWord = await addPaper(store, {
    kind: 'docx',
    reference: 'BP-2026-45',
    title: 'Supplier negotiation position',
    classification: 'confidential',
    file: await makeDocx('Negotiation position', [`Our position: ${MARKER}.`]),
    name: 'negotiation.docx',
  });
  const extra: Record<string, string> = {};
  if (options.protectedPdf) {
    extra.protected = await addPaper(store, {
      kind: 'pdf',
      reference: 'BP-2026-46',
      title: 'Audit letter',
      file: await makePdf('Audit letter', [['The auditor writes about the accounts.']], options.protectedPdf.password),
      name: 'audit-letter.pdf',
      pages: 1,
      text: 'The auditor writes about the accounts.',
    });
  }
  if (options.damagedPdf) {
    const good = await makePdf('Estates strategy', [['Estates page 1'], ['Estates page 2'], ['Estates page 3']]);
    extra.damaged = await addPaper(store, {
      kind: 'pdf',
      reference: 'BP-2026-47',
      title: 'Estates strategy',
      file: good.slice(0, Math.floor(good.length / 2)),
      name: 'estates.pdf',
      pages: 3,
      text: 'Estates page 1',
    });
  }
  const items: AgendaItem[] = [
    {
      id: 'itm_00000000000000a1',
      number: '1',
      title: 'Budget and workforce',
      presenter: 'Chief Finance Officer',
      confidential: false,
      paperIds: [pdf, word, markdown, ...Object.values(extra)],
      declarations: [],
    },
    {
      id: 'itm_00000000000000a2',
      number: '2',
      title: 'Pilot contract: legal position',
      presenter: '',
      confidential: true,
      paperIds: [privatePdf, privateWord],
      declarations: [],
    },
    {
      id: 'itm_00000000000000a3',
      number: '3',
      title: 'Any other business',
      presenter: '',
      confidential: false,
      paperIds: [],
      declarations: [],
    },
  ];
  const meetingId = 'mtg_00000000000000b1';
  const meeting: Meeting = {
    id: meetingId,
    createdAt: AT,
    updatedAt: AT,
    title: 'Board meeting',
    date: '2026-09-24',
    time: '10:00',
    place: 'Committee Room 1, City Hall',
    remote: false,
    status: 'planned',
    agenda: items,
    attendance: [],
  };
  await store.mutate('Secretariat', 'Added the meeting', () => ({
    changes: [{ target: 'meetings', id: meetingId, after: meeting }],
    value: null,
  }));
  await store.close();
  return {
    dataDir,
    meetingId,
    items: { public: items[0]!.id, private: items[1]!.id, noPapers: items[2]!.id },
    papers: { pdf, word, markdown, privatePdf, privateWord },
    pdfPages,
    extra,
  };
}
