/**
 * Rows for the operations of issue 8 that have no measure yet. Each names
 * the issue that builds the operation and says whether its code was found
 * ("built, not measured yet") or not ("not built yet"). A measure module of
 * its own replaces a row here (as search.ts, deadlines.ts, minutes.ts,
 * reader.ts and decisionsList.ts did); every operation of issue 8 has one
 * now, so the list is empty until a later issue adds a target.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { REPO_ROOT } from '../generate.ts';
import type { Measure, Row } from '../measure.ts';

/** Where to look for a feature's code, so a row says "built, not measured yet" as soon as it lands. */
interface Probe {
  readonly dirs: readonly string[];
  /** Only files whose name matches, when given. */
  readonly file?: RegExp;
  readonly pattern: RegExp;
}

/** An operation with a target but no measure yet. */
interface Pending {
  readonly operation: string;
  /** The issue that builds it. */
  readonly issue: number;
  readonly probe: Probe;
  readonly target: string;
  readonly size: string;
}

/** Operations still without a measure (none at present). */
const PENDING: readonly Pending[] = [];

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

async function rowOf(pending: Pending): Promise<Row> {
  const found = await find(pending.probe);
  return {
    operation: pending.operation,
    size: pending.size,
    unit: 'ms',
    target: pending.target,
    verdict: found
      ? { kind: 'not-measured', issue: pending.issue, found }
      : { kind: 'not-built', issue: pending.issue },
  };
}

export const notBuiltYetMeasure: Measure = {
  id: 'not-built',
  title: 'Operations not built or not measured yet',
  async run() {
    return Promise.all(PENDING.map(rowOf));
  },
};
