// Loaded with `node --expose-gc --import ./tests/bench/rssProbe.mjs dist/web/cli.cjs ...` by the benchmark's
// backend-rss measure: the bundled backend runs as the app runs it, and on a message from the benchmark
// (over the spawn's IPC channel) this collects the garbage and answers with the process's memory; on
// 'peek' it answers the resident set and the young generation's size without collecting anything.
// Not part of the app: it only reads figures.
import { readFileSync } from 'node:fs';
import { getHeapSpaceStatistics } from 'node:v8';

/** The kB figures of /proc/self/smaps_rollup (Linux), in bytes; {} elsewhere. */
function rollup() {
  try {
    const figures = {};
    for (const line of readFileSync('/proc/self/smaps_rollup', 'utf8').split('\n')) {
      const m = /^(\w+):\s+(\d+) kB/.exec(line);
      if (m) figures[m[1]] = Number(m[2]) * 1024;
    }
    return figures;
  } catch {
    return {};
  }
}

process.on('message', (message) => {
  if (message === 'peek') {
    // Without a collection (a forced one would put off V8's own memory reducer): the young generation's size.
    const young = getHeapSpaceStatistics().find((s) => s.space_name === 'new_space');
    process.send?.({ rss: process.memoryUsage().rss, youngCommitted: young?.physical_space_size ?? 0 });
    return;
  }
  if (message !== 'memory' || typeof globalThis.gc !== 'function') return;
  globalThis.gc();
  globalThis.gc();
  const usage = process.memoryUsage();
  const stats = getHeapSpaceStatistics();
  const spaces = Object.fromEntries(stats.map((s) => [s.space_name, s.space_used_size]));
  const committed = Object.fromEntries(stats.map((s) => [s.space_name, s.physical_space_size]));
  process.send?.({ usage, spaces, committed, rollup: rollup() });
});
