/**
 * Rows for the operations of issue 8 that have no measure yet. Each names
 * the issue that builds the operation and says whether its code was found
 * ("built, not measured yet") or not ("not built yet"); where a floor can
 * already be measured on this body (`marked` on a 1 MB paper) it is. A
 * measure module of its own replaces a row here (as search.ts and
 * deadlines.ts did).
 */
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { marked } from 'marked';
import { BLOBS_DIR } from '../../../electron/backend/store/blobs.ts';
import { CHECKPOINT_FILE } from '../../../electron/backend/store/checkpoint.ts';
import type { StateDocument } from '../../../shared/schema/state.ts';
import { REPO_ROOT } from '../generate.ts';
import type { Measure, MeasureContext, Row } from '../measure.ts';
import { collectGarbage, summarise, timed } from '../stats.ts';

/** Where to look for a feature's code, so a row says "built, not measured yet" as soon as it lands. */
interface Probe {
  readonly dirs: readonly string[];
  /** Only files whose name matches, when given. */
  readonly file?: RegExp;
  readonly pattern: RegExp;
}

async function filesUnder(dir: string): Promise<string[]> {
  try {
    const entries = await readdir(dir, { recursive: true, withFileTypes: true });
    return entries.filter((e) => e.isFile() && /\.tsx?$/.test(e.name)).map((e) => join(e.parentPath, e.name));
  } catch {
    return [];
  }
}

/** The first file (relative to the repository) whose text matches the probe, if any. */
async function find(probe: Probe): Promise<string | null> {
  for (const dir of probe.dirs) {
    for (const file of await filesUnder(join(REPO_ROOT, dir))) {
      if (probe.file && !probe.file.test(file)) continue;
      if (probe.pattern.test(await readFile(file, 'utf8'))) return relative(REPO_ROOT, file);
    }
  }
  return null;
}

async function pending(
  operation: string,
  issue: number,
  probe: Probe,
  target: string,
  size: string,
  floor?: Row['floor'],
): Promise<Row> {
  const found = await find(probe);
  return {
    operation,
    size,
    unit: 'ms',
    ...(floor ? { floor } : {}),
    target,
    verdict: found ? { kind: 'not-measured', issue, found } : { kind: 'not-built', issue },
  };
}

async function paperTexts(ctx: MeasureContext, doc: StateDocument, enough: number): Promise<string> {
  let out = '';
  for (const paper of doc.papers) {
    if (out.length >= enough) break;
    const hash = paper.versions.at(-1)?.body;
    if (hash) out += `${await readFile(join(ctx.body.dataDir, BLOBS_DIR, hash.slice(0, 2), hash), 'utf8')}\n\n`;
  }
  return out.slice(0, enough);
}

export const notBuiltYetMeasure: Measure = {
  id: 'not-built',
  title: 'Operations not built yet, with the floors measurable now',
  async run(ctx) {
    const doc = (
      JSON.parse(await readFile(join(ctx.body.dataDir, CHECKPOINT_FILE), 'utf8')) as { state: StateDocument }
    ).state;

    // Floor of the reader: marked alone on 1 MB of Markdown (papers joined up to 1 MB).
    const big = await paperTexts(ctx, doc, 1_000_000);
    marked.parse(big);
    const markedRuns: number[] = [];
    for (let i = 0; i < 5; i++) {
      collectGarbage();
      markedRuns.push((await timed(() => marked.parse(big))).ms);
    }
    const markedTime = summarise(markedRuns);

    return [
      await pending(
        'Minutes of a 20-item meeting to Markdown and HTML',
        7,
        {
          dirs: ['shared', 'electron/backend'],
          pattern: /export (async )?function (?!minutesIdOf\b)\w*[mM]inutes\w*\s*[(<]/,
        },
        '< 50 ms',
        '20 agenda items',
      ),
      await pending(
        'Open a 1 MB Markdown paper in the reader (marked + DOMPurify in Chromium), to text painted',
        4,
        { dirs: ['renderer/src/features/papers'], file: /Reader/, pattern: /<Markdown\b/ },
        '< 300 ms',
        '1 MB Markdown',
        { what: 'marked alone on it (Node)', median: markedTime.median },
      ),
      await pending(
        `Decisions list (${doc.decisions.length.toLocaleString('en-GB')} rows) in Chromium through the web host: first render, then 60 frames of scrolling`,
        5,
        { dirs: ['renderer/src/features/decisions'], pattern: /export function Decisions\w*/ },
        'first render < 300 ms; no frame > 50 ms',
        `${doc.decisions.length.toLocaleString('en-GB')} decisions`,
      ),
    ];
  },
};
