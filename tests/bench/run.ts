/**
 * `npm run bench` / `npm run bench:quick`: makes sure the body exists (from
 * the cache or generated), runs every measure in its own process, and writes
 * the report. Exits 0 whatever the figures; non-zero only when the
 * benchmark itself crashed.
 *
 *   --quick         the 10% body (about a minute); the report goes to .bench/benchmarks-quick.md
 *   --seed S        another seed (another body, cached separately)
 *   --only a,b      only these measures (ids in measures/index.ts)
 *   --out FILE      write the report here instead
 *   --regenerate    generate the body again even if cached
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ChildMessage } from './child.ts';
import { BENCH_DIR, DEFAULT_SEED, REPO_ROOT, ensureBody } from './generate.ts';
import { SIZES, type BodySize } from './history.ts';
import type { Row } from './measure.ts';
import { MEASURES } from './measures/index.ts';
import { describeMachine, renderReport, renderTable } from './report.ts';

interface Options {
  readonly size: BodySize;
  readonly seed: string;
  readonly only: readonly string[] | null;
  readonly out: string;
  readonly regenerate: boolean;
}

function parseArgs(argv: readonly string[]): Options {
  const value = (flag: string): string | undefined => {
    const i = argv.indexOf(flag);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const size = argv.includes('--quick') ? SIZES.quick : SIZES.full;
  const only = value('--only');
  return {
    size,
    seed: value('--seed') ?? DEFAULT_SEED,
    only: only ? only.split(',') : null,
    out:
      value('--out') ??
      (size.name === 'quick' ? join(BENCH_DIR, 'benchmarks-quick.md') : join(REPO_ROOT, 'docs', 'benchmarks.md')),
    regenerate: argv.includes('--regenerate'),
  };
}

function gitDescription(): string {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: REPO_ROOT, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'electron', 'shared', 'renderer'], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
    }).trim();
    return dirty ? `${head}, with uncommitted changes in electron/, shared/ or renderer/` : head;
  } catch {
    return 'unknown (not a git checkout)';
  }
}

/** Runs one measure in a fresh Node process (with --expose-gc) and returns its rows, or why it crashed. */
function runMeasure(
  id: string,
  folder: string,
  size: BodySize,
  scratch: string,
  timeoutMs: number,
): Promise<ChildMessage> {
  const childScript = fileURLToPath(new URL('./child.ts', import.meta.url));
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      [...process.execArgv, '--expose-gc', childScript, id, folder, size.name, scratch],
      {
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      },
    );
    let message: ChildMessage | null = null;
    const timer = setTimeout(() => {
      message = { ok: false, error: `timed out after ${timeoutMs / 1000} s` };
      child.kill('SIGKILL');
    }, timeoutMs);
    child.on('message', (m) => {
      message ??= m as ChildMessage;
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolve(
        message ?? {
          ok: false,
          error: `the measure's process ended (${signal ?? `exit code ${code}`}) without reporting`,
        },
      );
    });
    child.on('error', (error) => {
      clearTimeout(timer);
      resolve({ ok: false, error: error.message });
    });
  });
}

async function main(): Promise<number> {
  const options = parseArgs(process.argv.slice(2));
  const started = performance.now();
  const loadAtStart = loadavg()[0]!;
  const body = await ensureBody(options.size, options.seed, { force: options.regenerate });
  const scratch = join(BENCH_DIR, 'scratch');
  await rm(scratch, { recursive: true, force: true });
  await mkdir(scratch, { recursive: true });

  const rows: Row[] = [];
  const crashed: Array<{ measure: string; error: string }> = [];
  const timeoutMs = options.size.name === 'quick' ? 5 * 60_000 : 15 * 60_000;
  for (const measure of MEASURES) {
    if (options.only && !options.only.includes(measure.id)) continue;
    const t0 = performance.now();
    console.log(`Measuring ${measure.id} ...`);
    const result = await runMeasure(
      measure.id,
      dirname(body.dataDir),
      options.size,
      join(scratch, measure.id),
      timeoutMs,
    );
    if (result.ok) rows.push(...result.rows);
    else {
      crashed.push({ measure: measure.id, error: result.error });
      console.error(`The ${measure.id} measure crashed:\n${result.error}`);
    }
    console.log(`  (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
  }
  await rm(scratch, { recursive: true, force: true });

  const report = renderReport({
    date: new Date(),
    machine: describeMachine(gitDescription(), loadAtStart),
    size: options.size,
    manifest: body.manifest,
    rows,
    crashed,
    durationMs: performance.now() - started,
    bodyFromCache: body.fromCache,
  });
  await mkdir(dirname(options.out), { recursive: true });
  await writeFile(options.out, report);
  console.log(`\n${renderTable(rows)}\n`);
  console.log(
    `Report written to ${relative(process.cwd(), options.out)} in ${((performance.now() - started) / 60_000).toFixed(1)} minutes.`,
  );
  return crashed.length > 0 ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
