/**
 * The benchmark's report: the machine, the body, then one table of
 * operation | size | median | spread | floor | ratio | target | met?, the
 * misses with by how much and why, and the notes behind the figures.
 */
import { cpus, loadavg, release, totalmem } from 'node:os';
import { describeBody, type BodyManifest } from './generate.ts';
import type { BodySize } from './history.ts';
import { formatValue, type Row } from './measure.ts';

/** Where the figures were taken. */
export interface Machine {
  readonly cpus: string;
  readonly memory: string;
  readonly node: string;
  readonly os: string;
  readonly commit: string;
  /** Load averages (1 min) seen when the run started and ended: other work on the machine. */
  readonly load: string;
}

/** Everything a report says. */
export interface ReportInput {
  readonly date: Date;
  readonly machine: Machine;
  readonly size: BodySize;
  readonly manifest: BodyManifest;
  readonly rows: readonly Row[];
  readonly crashed: ReadonlyArray<{ readonly measure: string; readonly error: string }>;
  readonly durationMs: number;
  readonly bodyFromCache: boolean;
}

/** This machine, described. */
export function describeMachine(commit: string, loadAtStart: number): Machine {
  const list = cpus();
  return {
    cpus: `${list.length} × ${list[0]?.model.trim() ?? 'unknown CPU'}`,
    memory: `${(totalmem() / 2 ** 30).toFixed(1)} GiB`,
    node: process.version,
    os: `${process.platform} ${release()} (${process.arch})`,
    commit,
    load: `${loadAtStart.toFixed(2)} at the start, ${loadavg()[0]!.toFixed(2)} at the end (1-minute load average, ${list.length} CPUs)`,
  };
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function metCell(row: Row): string {
  switch (row.verdict.kind) {
    case 'met':
      return 'yes';
    case 'missed':
      return `**no**: ${row.verdict.by}`;
    case 'not-built':
      return `not built yet (issue ${row.verdict.issue})`;
    case 'not-measured':
      return `built (issue ${row.verdict.issue}, ${row.verdict.found}), not measured yet: add its measure`;
    case 'info':
      return '—';
  }
}

function tableLine(row: Row): string {
  const median = row.median === undefined ? '—' : formatValue(row.median, row.unit);
  const spread = row.spread
    ? `${formatValue(row.spread.lo, row.unit)} – ${formatValue(row.spread.hi, row.unit)} (${row.spread.kind}${row.runs ? ` of ${row.runs}` : ''})`
    : '—';
  const floor = row.floor ? `${formatValue(row.floor.median, row.floor.unit ?? row.unit)} (${row.floor.what})` : '—';
  const ratio = row.ratio === undefined ? '—' : `${row.ratio.toFixed(2)}×`;
  return `| ${[row.operation, row.size, median, spread, floor, ratio, row.target, metCell(row)].map(cell).join(' | ')} |`;
}

/** The Markdown of the report. */
export function renderReport(input: ReportInput): string {
  const { machine, manifest, rows } = input;
  const lines: string[] = [
    '# Benchmarks',
    '',
    `Written by \`npm run bench${input.size.name === 'quick' ? ':quick' : ''}\` (tests/bench/run.ts) on ${input.date.toISOString().slice(0, 16).replace('T', ' ')} UTC, in ${(input.durationMs / 60_000).toFixed(1)} minutes${input.bodyFromCache ? ' (body from the cache in .bench/)' : ' (body generated in this run)'}.`,
    'The targets are those of issue 8. Each figure is the median of several runs, with its spread, next to a floor measured in the same run on the same bytes; the ratio is the median of the per-run ratios (each run divided by the floor taken next to it), so it holds on a noisy machine. The benchmark never fails the test suite: a missed target is reported here, with by how much and why.',
    ...(input.size.name === 'quick'
      ? [
          '',
          '**Quick mode (10% body):** the targets of issue 8 are set for the full ten-year body; at this size fixed costs weigh more, so a verdict here is a hint, not the result. The committed report is the full run.',
        ]
      : []),
    '',
    '## Machine',
    '',
    `- CPU: ${machine.cpus}`,
    `- Memory: ${machine.memory}`,
    `- Node: ${machine.node}`,
    `- OS: ${machine.os}`,
    `- Code: ${machine.commit}`,
    `- Other work on the machine: ${machine.load}. Figures without a floor (search, deadlines) feel it most.`,
    '',
    '## Body',
    '',
    `- Size: **${input.size.name}**${input.size.name === 'quick' ? ' (10% of the ten-year body)' : ' (the ten-year body of issue 8)'}, seed \`${manifest.seed}\`, generator fingerprint \`${manifest.fingerprint}\`.`,
    `- ${describeBody(manifest)}.`,
    `- Every collection as the store holds it after opening; a journal tail of ${(manifest.head.seq - manifest.checkpoint.seq).toLocaleString('en-GB')} entries after the checkpoint. Paper text is seeded Markdown from a domain vocabulary (procurement, policing, finance, governance) with references such as \`PCD 2026-117\` and \`PAP-2019-044\`, tables and lists.`,
    `- Checked by the store itself when generated: opened ready, \`verify()\` passed over ${manifest.verified.entries.toLocaleString('en-GB')} entries and ${manifest.verified.blobs.toLocaleString('en-GB')} blobs.`,
    '',
    '## Results',
    '',
    '| operation | size | median | spread | floor | ratio | target | met? |',
    '| --- | --- | ---: | --- | --- | ---: | --- | --- |',
    ...rows.map(tableLine),
  ];
  for (const crash of input.crashed) {
    lines.push(
      `| ${cell(crash.measure)} | — | — | — | — | — | — | **the measure crashed**: ${cell(crash.error.split('\n')[0] ?? '')} |`,
    );
  }
  const misses = rows.filter((r) => r.verdict.kind === 'missed');
  lines.push('', '## Misses', '');
  if (misses.length === 0) lines.push('None among the operations that exist.');
  for (const row of misses) {
    if (row.verdict.kind !== 'missed') continue;
    lines.push(`- **${row.operation}** misses by ${row.verdict.by}. Why: ${row.verdict.why}`);
  }
  const notes = rows.filter((r) => r.notes && r.notes.length > 0);
  if (notes.length > 0) {
    lines.push('', '## Notes', '');
    for (const row of notes) for (const note of row.notes ?? []) lines.push(`- ${row.operation}: ${note}`);
  }
  lines.push(
    '',
    '## How the figures are taken',
    '',
    '- The body is generated once per size, seed and fingerprint (of the generator’s sources, the store’s file formats and the record schemas), in the store’s own on-disk format (journal lines with the store’s envelope and hash chain, the checkpoint through the real CheckpointAdapter, paper bodies through the real BlobStore), and cached in `.bench/`.',
    '- Each measure runs in its own Node process (`--expose-gc`), on a working copy of the body (hard links for the checkpoint and closed segments, a copy of the open segment), so no run changes the cached body or the next run.',
    '- The operation and its floor alternate within each run (neither always goes second), with a full garbage collection before each.',
    '- Rows marked “not built yet” or “built, not measured yet” name the issue that builds the operation (the second when its code was found); where the floor can already be measured on this body it is.',
    '- Event-loop delays include time the process waited for a CPU: on a loaded machine (see the load averages above) a stall can be the scheduler, not the code.',
    '- The browser rows (reader, decisions list) run the built renderer (`dist/renderer`, rebuilt first when it is missing or older than `renderer/`, `shared/` or `package.json`) in the system’s Chromium (`/usr/bin/chromium`, headless, the end-to-end tests’ launch arguments) driven by playwright-core, through the real web host CLI (`electron/web/cli.ts`, with `BOARD_FAKE_NOW` at the body’s “now”) on a working copy of the body; they start once the backend’s search index is ready. Their times are taken inside the page (`performance.now()`, a MutationObserver for the awaited element, then a requestAnimationFrame callback and a message posted from it for the frame painted), never across the DevTools protocol. On a loaded machine frames stretch too: see the load averages above.',
    '- To see what dominates a miss: `npx tsx --expose-gc tests/bench/profile.ts open|search-build|search-query|reminders` profiles just that operation (V8 profiler) and prints self and inclusive time by function.',
    '',
  );
  return lines.join('\n');
}

/** The table alone, for the console. */
export function renderTable(rows: readonly Row[]): string {
  return [
    '| operation | size | median | spread | floor | ratio | target | met? |',
    '| --- | --- | ---: | --- | --- | ---: | --- | --- |',
    ...rows.map(tableLine),
  ].join('\n');
}
