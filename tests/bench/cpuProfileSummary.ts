/**
 * Summarises V8 CPU profiles (from node --cpu-prof or node:inspector): the
 * functions and the files with the most self time, so "what dominates" is a
 * list rather than a guess. Several profiles are added together.
 *
 *   npx tsx tests/bench/cpuProfileSummary.ts <file.cpuprofile>... [--top N]
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';

/** The parts of a .cpuprofile this reads. */
export interface CpuProfile {
  readonly nodes: ReadonlyArray<{
    readonly id: number;
    readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
    readonly children?: readonly number[];
  }>;
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

function shortUrl(url: string): string {
  const i = url.indexOf('/node_modules/');
  if (i >= 0) return url.slice(i + 1);
  const j = url.lastIndexOf('/main/');
  return j >= 0 ? url.slice(j + 6) : url || '(native)';
}

/**
 * Self time by function and by file, as text; and, for the function names in
 * `inclusive`, the time spent in them or anything they called.
 */
export function summariseProfile(profiles: readonly CpuProfile[], top = 25, inclusive: readonly string[] = []): string {
  const byFunction = new Map<string, number>();
  const byFile = new Map<string, number>();
  const within = new Map<string, number>(inclusive.map((name) => [name, 0]));
  let total = 0;
  for (const profile of profiles) {
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    const parentOf = new Map<number, number>();
    for (const n of profile.nodes) for (const child of n.children ?? []) parentOf.set(child, n.id);
    profile.samples.forEach((id, i) => {
      const us = profile.timeDeltas[i] ?? 0;
      if (within.size > 0) {
        const seen = new Set<string>();
        for (let at: number | undefined = id; at !== undefined; at = parentOf.get(at)) {
          const name = byId.get(at)!.callFrame.functionName;
          if (within.has(name) && !seen.has(name)) {
            seen.add(name);
            within.set(name, within.get(name)! + us);
          }
        }
      }
      const frame = byId.get(id)!.callFrame;
      const where = shortUrl(frame.url);
      const fn = `${frame.functionName || '(anonymous)'}  ${where}${frame.url ? `:${frame.lineNumber + 1}` : ''}`;
      byFunction.set(fn, (byFunction.get(fn) ?? 0) + us);
      byFile.set(where, (byFile.get(where) ?? 0) + us);
      total += us;
    });
  }
  const lines = [`${(total / 1000).toFixed(0)} ms sampled in ${profiles.length} profile(s)`];
  const list = (title: string, map: Map<string, number>) => {
    lines.push('', title);
    for (const [name, us] of [...map].sort((a, b) => b[1] - a[1]).slice(0, top)) {
      lines.push(`${(us / 1000).toFixed(0).padStart(7)} ms ${((us / total) * 100).toFixed(1).padStart(5)}%  ${name}`);
    }
  };
  if (within.size > 0) {
    lines.push('', 'Inclusive time (the function and all it calls), per profile');
    for (const [name, us] of within) {
      lines.push(
        `${(us / 1000 / profiles.length).toFixed(0).padStart(7)} ms ${((us / total) * 100).toFixed(1).padStart(5)}%  ${name}`,
      );
    }
  }
  list('Self time by function', byFunction);
  list('Self time by file', byFile);
  return lines.join('\n');
}

async function main(argv: readonly string[]): Promise<void> {
  const topAt = argv.indexOf('--top');
  const top = topAt >= 0 ? Number(argv[topAt + 1]) : 25;
  const files = argv
    .filter((a, i) => (a !== '--top' && i !== topAt + 1) || topAt < 0)
    .filter((a) => a.endsWith('.cpuprofile'));
  if (files.length === 0) throw new Error('usage: cpuProfileSummary.ts <file.cpuprofile>... [--top N]');
  const profiles = await Promise.all(files.map(async (f) => JSON.parse(await readFile(f, 'utf8')) as CpuProfile));
  console.log(summariseProfile(profiles, top));
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
