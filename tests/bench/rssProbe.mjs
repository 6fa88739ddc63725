// Loaded with `node --expose-gc --import ./tests/bench/rssProbe.mjs dist/web/cli.cjs ...` by the benchmark's
// backend-rss measure: the bundled backend runs as the app runs it, and on a message from the benchmark
// (over the spawn's IPC channel) this collects the garbage and answers with the process's memory.
// Not part of the app: it only reads figures.
import { getHeapSpaceStatistics } from 'node:v8';

process.on('message', (message) => {
  if (message !== 'memory' || typeof globalThis.gc !== 'function') return;
  globalThis.gc();
  globalThis.gc();
  const usage = process.memoryUsage();
  const spaces = Object.fromEntries(getHeapSpaceStatistics().map((s) => [s.space_name, s.space_used_size]));
  process.send?.({ usage, spaces });
});
