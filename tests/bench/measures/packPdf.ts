/**
 * Compiling a 20-paper pack PDF (electron/backend/services/compiledPacks.ts
 * `compileMeetingPack`), against the floor of what it cannot avoid, measured
 * in the same run: the same papers turned into PDF pages one after another
 * (each Markdown and Word paper printed by the same printer, each PDF paper
 * opened with pdf-lib) and merged into one file with pdf-lib. What the
 * compile adds is the cover and agenda (printed twice: once to count their
 * pages, once with the numbers), "Page N of M" on every page, the agenda's
 * links and the outline.
 *
 * The meeting is written into a fresh store of its own (the pack reads only
 * the meeting and its papers, not the ten years of records): five items of
 * four papers each, 10 PDF papers made with pdf-lib (2 to 11 pages), 6
 * Markdown papers and 4 Word papers (.docx made with `docx`, converted with
 * mammoth and turndown). Printing is Chromium's (/usr/bin/chromium), as in the
 * web host: a new browser per print, so most of both figures is printing.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { PDFDocument } from '@cantoo/pdf-lib';
import { compileMeetingPack } from '../../../electron/backend/services/compiledPacks.ts';
import { openStore } from '../../../electron/backend/store/store.ts';
import { chromiumPdfPrinter } from '../../../electron/web/chromiumPrinter.ts';
import { documentHtml, unnumberedPrintSettingsOf } from '../../../shared/documents/documentHtml.ts';
import { packContentsOf, paperDocument } from '../../../shared/documents/packPdf.ts';
import type { AgendaItem, Meeting } from '../../../shared/schema/meetings.ts';
import { addPaper, makeDocx, makePdf, type PaperInput } from '../../helpers/packMeeting.ts';
import { formatValue, judge, spreadOf, type Measure, type Row } from '../measure.ts';
import { alternately, collectGarbage, pairedRatio, summarise, timed } from '../stats.ts';

const PAPERS = 20;
const MAX_RATIO = 1.5;

function markdownPaper(n: number): string {
  const para = (i: number) =>
    `Paragraph ${i}. The force reported progress on the re-tender of the analytics contract, the budget of £1,250,000 for the year, and the risks the board asked about at its last meeting.`;
  return [
    `# Report ${n}`,
    ...Array.from({ length: 10 }, (_, i) => para(i + 1)),
    '## Figures',
    '| Quarter | Spend | Forecast |\n| --- | --- | --- |\n| Q1 | £310,000 | £1,240,000 |\n| Q2 | £325,000 | £1,250,000 |',
    ...Array.from({ length: 10 }, (_, i) => para(i + 11)),
  ].join('\n\n');
}

async function paperInputs(): Promise<PaperInput[]> {
  const out: PaperInput[] = [];
  for (let n = 1; n <= PAPERS; n++) {
    const reference = `BP-2026-${String(100 + n)}`;
    if (n % 2 === 1) {
      const pages = 2 + ((n * 7) % 10);
      const lines = (p: number) => [`Report ${n}, page ${p}.`, 'Forecast outturn £1,250,000.'];
      out.push({
        kind: 'pdf',
        reference,
        title: `PDF report ${n}`,
        file: await makePdf(
          `PDF report ${n}`,
          Array.from({ length: pages }, (_, p) => lines(p + 1)),
        ),
        name: `report-${n}.pdf`,
        pages,
        text: Array.from({ length: pages }, (_, p) => lines(p + 1).join('\n')).join('\f'),
      });
    } else if (n % 5 === 0 || n === 4) {
      out.push({
        kind: 'docx',
        reference,
        title: `Word report ${n}`,
        file: await makeDocx(`Word report ${n}`, [markdownPaper(n).slice(0, 1500), 'The board is asked to note it.']),
        name: `report-${n}.docx`,
      });
    } else {
      out.push({ kind: 'markdown', reference, title: `Report ${n}`, body: markdownPaper(n) });
    }
  }
  return out;
}

export const packPdfMeasure: Measure = {
  id: 'pack-pdf',
  title: 'Compile a 20-paper pack PDF',
  async run(ctx) {
    const operation = 'Compile a 20-paper pack PDF (compileMeetingPack, public pack)';
    const printPdf = chromiumPdfPrinter();
    if (printPdf === undefined) {
      return [
        {
          operation,
          size: `${PAPERS} papers`,
          unit: 'ms',
          target: `< ${MAX_RATIO}× the floor`,
          verdict: { kind: 'info' },
          notes: ['Not measured: there is no Chromium at /usr/bin/chromium to print the cover, agenda and papers.'],
        },
      ];
    }
    const runs = ctx.size.name === 'quick' ? 2 : 3;
    const dataDir = join(ctx.scratch, 'pack-pdf');
    await mkdir(dataDir, { recursive: true });
    const store = await openStore({ dataDir, backupOnFirstChange: false, checkpointQuietMs: 60_000 });
    try {
      const inputs = await paperInputs();
      const ids: string[] = [];
      for (const input of inputs) ids.push(await addPaper(store, input));
      const agenda: AgendaItem[] = Array.from({ length: 5 }, (_, i) => ({
        id: `itm_00000000000001${String(i).padStart(2, '0')}`,
        number: String(i + 1),
        title: `Item ${i + 1}`,
        presenter: '',
        confidential: false,
        paperIds: ids.slice(i * 4, i * 4 + 4),
        declarations: [],
      }));
      const at = '2026-09-01T09:00:00.000Z';
      const meeting: Meeting = {
        id: 'mtg_00000000000000c1',
        createdAt: at,
        updatedAt: at,
        title: 'Board meeting',
        date: '2026-09-24',
        time: '10:00',
        place: 'City Hall',
        remote: false,
        status: 'planned',
        agenda,
        attendance: [],
      };
      await store.mutate('Secretariat', 'Meeting', () => ({
        changes: [{ target: 'meetings', id: meeting.id, after: meeting }],
        value: null,
      }));
      const service = {
        store: () => store,
        clock: () => new Date('2026-09-10T09:00:00.000Z'),
        platform: { openPath: async () => false, printPdf },
      };
      const compile = () =>
        compileMeetingPack(service, {
          meetingId: meeting.id,
          scope: 'public',
          as: 'version',
          passwords: {},
          leaveOut: [],
        });

      // The floor: every paper to PDF pages and one merge, nothing else.
      const floorOnce = async (): Promise<number> => {
        const state = store.state();
        const parts: PDFDocument[] = [];
        const docCtx = { boardName: 'Board', timeZone: 'Europe/London', compiledAt: at, position: store.head() };
        for (const { papers } of packContentsOf(state, state.meetings.get(meeting.id)!, 'public')) {
          for (const { paper, version, kind } of papers) {
            if (kind === 'pdf') {
              parts.push(await PDFDocument.load(await store.blobs.get(version.source!.blob)));
              continue;
            }
            const body = (await store.blobs.get(version.body!)).toString('utf8');
            const doc = paperDocument(docCtx, paper, version, body);
            const bytes = await printPdf(
              documentHtml(doc, { pageNumbers: 'printer' }),
              unnumberedPrintSettingsOf(doc.meta),
            );
            parts.push(await PDFDocument.load(bytes));
          }
        }
        const out = await PDFDocument.create();
        for (const part of parts)
          for (const page of await out.copyPages(part, part.getPageIndices())) out.addPage(page);
        await out.save();
        return out.getPageCount();
      };

      // The printer's first use loads playwright-core; a session has done that before its first pack.
      await printPdf(
        '<!doctype html><title>warm-up</title><p>warm-up</p>',
        unnumberedPrintSettingsOf({
          kind: 'paper',
          boardName: 'Board',
          reference: 'warm-up',
          title: 'warm-up',
          version: '1',
          classification: 'public',
          generatedAt: at,
          timeZone: 'Europe/London',
          position: store.head(),
        }),
      );
      const totals: number[] = [];
      const floors: number[] = [];
      let pages = 0;
      let floorPages = 0;
      let printed = 0;
      const stalls: number[] = [];
      for (let run = 0; run < runs; run++) {
        await alternately(
          run,
          async () => {
            collectGarbage();
            const histogram = monitorEventLoopDelay({ resolution: 10 });
            histogram.enable();
            const t = await timed(compile);
            histogram.disable();
            stalls.push(histogram.max / 1e6);
            totals.push(t.ms);
            if (t.value.status === 'compiled') {
              pages = t.value.pack.pages;
              printed = t.value.pack.papers.filter((p) => p.kind !== 'pdf').length;
            }
          },
          async () => {
            collectGarbage();
            const t = await timed(floorOnce);
            floors.push(t.ms);
            floorPages = t.value;
          },
        );
        ctx.log(
          `pack-pdf run ${run + 1}/${runs}: compile ${formatValue(totals.at(-1)!, 'ms')}, floor ${formatValue(floors.at(-1)!, 'ms')}`,
        );
      }
      const total = summarise(totals);
      const floor = summarise(floors);
      const ratio = pairedRatio(totals, floors).median;
      const row: Row = {
        operation,
        size: `${PAPERS} papers (10 PDF, ${printed} Markdown and Word printed), ${pages} pages`,
        unit: 'ms',
        median: total.median,
        spread: spreadOf(total),
        runs,
        floor: {
          what: `the same papers to PDF (${printed} printed, 10 opened) and merged with pdf-lib, ${floorPages} pages`,
          median: floor.median,
        },
        ratio,
        target: `< ${MAX_RATIO}× the floor`,
        verdict: judge(
          [{ label: 'ratio', value: ratio, max: MAX_RATIO, unit: '×' }],
          () =>
            `the cover and agenda are printed twice (to count their pages, then with the numbers), each print a new Chromium; the floor prints ${printed} papers.`,
        ),
        notes: [
          `The longest the event loop was held during each compile (monitorEventLoopDelay, 10 ms resolution; the printer warmed up first, so loading playwright-core is not counted): ${stalls.map((ms) => formatValue(ms, 'ms')).join(', ')}. Reading, merging, stamping and saving with pdf-lib run on the calling thread, letting the event loop go between papers and every few pages stamped; one very large PDF paper is copied in one piece, and the web host's printer launches Chromium for each document.`,
          `Compile ${formatValue(total.median, 'ms')} (${formatValue(total.min, 'ms')} – ${formatValue(total.max, 'ms')}), floor ${formatValue(floor.median, 'ms')}; medians of ${runs}. Printing is Chromium's at /usr/bin/chromium, a new browser per document as in the web host (Electron prints in a hidden window instead).`,
        ],
      };
      return [row];
    } finally {
      await store.close();
    }
  },
};
