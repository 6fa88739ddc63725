/**
 * The minutes of a 20-item meeting to Markdown and HTML, as the documents
 * service makes them (shared/documents/minutesDocument.ts `buildMinutes`,
 * then shared/documents/documentHtml.ts `documentHtml` for the HTML), against
 * the floor of `marked` alone on the same Markdown.
 *
 * The body's meetings have ten items each, so the 20-item meeting is two
 * consecutive held meetings made one, in memory, in the opened store's state
 * (nothing is written): the agenda of both (renumbered 1 to 20), the
 * decisions of both (with their conditions, as the body recorded them), the
 * discussion of both. Everything else is the whole body, so the builder's
 * look-ups run against ten years of decisions and conditions.
 */
import { join } from 'node:path';
import { marked } from 'marked';
import { documentHtml } from '../../../shared/documents/documentHtml.ts';
import { buildMinutes, minutesOf } from '../../../shared/documents/minutesDocument.ts';
import { conditionsOfDecision } from '../../../shared/documents/recordText.ts';
import type { Meeting } from '../../../shared/schema/meetings.ts';
import type { State } from '../../../shared/schema/state.ts';
import { BODY_NOW } from '../history.ts';
import { formatValue, judge, spreadOf, type Measure, type Row } from '../measure.ts';
import { openReadyStore } from '../readyStore.ts';
import { alternately, collectGarbage, pairedRatio, summarise, timed } from '../stats.ts';
import { workingCopy } from '../workingCopy.ts';

const MAX_MS = 50;
const ITEMS = 20;

/** Two consecutive held meetings with minutes, made one meeting of `ITEMS` items in a new state. */
function twentyItemMeeting(state: State): { state: State; meeting: Meeting; merged: readonly Meeting[] } {
  const held = state.meetings
    .values()
    .filter((m) => m.status === 'held' && !m.archivedAt && state.minutes.has(minutesOf(state, m).id))
    .sort((a, b) => a.date.localeCompare(b.date) || a.id.localeCompare(b.id));
  // The latest pair whose agendas add up to the 20 items: the newest records, as a board would print them.
  for (let i = held.length - 1; i > 0; i--) {
    const first = held[i - 1]!;
    const second = held[i]!;
    if (first.agenda.length + second.agenda.length !== ITEMS) continue;
    const agenda = [...first.agenda, ...second.agenda].map((item, n) => ({ ...item, number: String(n + 1) }));
    const meeting: Meeting = { ...first, agenda };
    const firstMinutes = minutesOf(state, first);
    const secondMinutes = minutesOf(state, second);
    let decisions = state.decisions;
    for (const decision of state.decisions.values()) {
      if (decision.meetingId === second.id)
        decisions = decisions.set(decision.id, { ...decision, meetingId: first.id });
    }
    return {
      state: {
        ...state,
        meetings: state.meetings.set(meeting.id, meeting),
        decisions,
        minutes: state.minutes.set(firstMinutes.id, {
          ...firstMinutes,
          discussion: { ...firstMinutes.discussion, ...secondMinutes.discussion },
        }),
      },
      meeting,
      merged: [first, second],
    };
  }
  throw new Error(`no two consecutive held meetings with minutes have ${ITEMS} agenda items between them`);
}

export const minutesMeasure: Measure = {
  id: 'minutes',
  title: 'Minutes of a 20-item meeting to Markdown and HTML',
  async run(ctx) {
    const runs = 21;
    const copy = await workingCopy(ctx.body.dataDir, join(ctx.scratch, 'minutes'));
    try {
      const store = await openReadyStore(copy.dataDir);
      const position = store.head();
      const { state, meeting, merged } = twentyItemMeeting(store.state());
      await store.close();
      const now = BODY_NOW.toISOString();
      const build = () => buildMinutes(state, meeting, { version: 'private', now, position });

      // Warm-up (the code compiled and the regular expressions made once, as after the first export of a session).
      const sample = build();
      documentHtml(sample, { pageNumbers: 'css' });
      marked.parse(sample.markdown, { async: false });

      const markdownMs: number[] = [];
      const htmlMs: number[] = [];
      const totals: number[] = [];
      const floors: number[] = [];
      let html = '';
      for (let run = 0; run < runs; run++) {
        const operation = async (): Promise<void> => {
          collectGarbage();
          const md = await timed(build);
          const page = await timed(() => documentHtml(md.value, { pageNumbers: 'css' }));
          markdownMs.push(md.ms);
          htmlMs.push(page.ms);
          totals.push(md.ms + page.ms);
          html = page.value;
        };
        const floor = async (): Promise<void> => {
          collectGarbage();
          floors.push((await timed(() => marked.parse(sample.markdown, { async: false }))).ms);
        };
        await alternately(run, operation, floor);
      }

      // Where the Markdown's time goes: the record look-ups the builder makes, timed alone.
      const decisions = state.decisions.values().filter((d) => d.meetingId === meeting.id && !d.archivedAt);
      collectGarbage();
      const lookups = await timed(() => {
        let n = 0;
        for (let i = 0; i < decisions.length; i++) n += conditionsOfDecision(state, decisions[i]!.id).length;
        return n;
      });
      const conditionCount = lookups.value;

      const total = summarise(totals);
      const md = summarise(markdownMs);
      const page = summarise(htmlMs);
      const floor = summarise(floors);
      const mb = (text: string): string => `${(Buffer.byteLength(text, 'utf8') / 1024).toFixed(0)} KB`;
      const row: Row = {
        operation: 'Minutes of a 20-item meeting to Markdown and HTML (buildMinutes + documentHtml, private version)',
        size: `${ITEMS} agenda items, ${decisions.length} decisions, ${conditionCount} conditions; ${mb(sample.markdown)} Markdown, ${mb(html)} HTML`,
        unit: 'ms',
        median: total.median,
        spread: spreadOf(total),
        runs,
        floor: { what: 'marked alone on the same Markdown', median: floor.median },
        ratio: pairedRatio(totals, floors).median,
        target: `< ${MAX_MS} ms`,
        verdict: judge([{ label: 'median', value: total.median, max: MAX_MS, unit: 'ms' }], () => {
          const parts = `the Markdown (buildMinutes) takes ${formatValue(md.median, 'ms')} and the HTML (documentHtml) ${formatValue(page.median, 'ms')}`;
          // Named as the cause only when it is most of the Markdown's time.
          return lookups.ms >= md.median / 2
            ? `${parts}; of the Markdown, listing the ${decisions.length} decisions' conditions with conditionsOfDecision (shared/documents/recordText.ts, which lists all ${state.conditions.size.toLocaleString('en-GB')} conditions for each decision) takes ${formatValue(lookups.ms, 'ms')} timed alone.`
            : `${parts}.`;
        }),
        notes: [
          `The meeting: ${merged.map((m) => `${m.title} (${m.date}, ${m.agenda.length} items)`).join(' and ')}, made one meeting of ${ITEMS} items in memory, with the decisions and discussion of both; ${state.decisions.size.toLocaleString('en-GB')} decisions and ${state.conditions.size.toLocaleString('en-GB')} conditions in the state it is built from.`,
          `Markdown (buildMinutes) ${formatValue(md.median, 'ms')} (${formatValue(md.min, 'ms')} – ${formatValue(md.max, 'ms')}), HTML from it (documentHtml) ${formatValue(page.median, 'ms')} (${formatValue(page.min, 'ms')} – ${formatValue(page.max, 'ms')}); medians of ${runs}, after one warm-up. Of the Markdown, listing the ${decisions.length} decisions' conditions with conditionsOfDecision took ${formatValue(lookups.ms, 'ms')} (one pass, timed alone).`,
        ],
      };
      return [row];
    } finally {
      await copy.remove();
    }
  },
};
