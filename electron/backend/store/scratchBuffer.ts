/**
 * One buffer lent, in turn, to the backend's big passing reads and writes: a
 * catch-up, a rebuild or a Verify reads tens of 8 MB journal segments in a
 * row, a checkpoint writes a hundred megabytes a chunk at a time, the search
 * index unpacks 20 MB of postings to write its file.
 *
 * Why (measured on the ten-year body, the web host on Linux): a new buffer
 * each time (as `readFile` or `Buffer.from` make) is freed only when the
 * garbage collector gets to it, and the C library's allocator (glibc) then
 * kept 68-142 MB after a start, against 27-31 MB when it was told to give
 * every big block back. glibc serves a request of at least its "mmap
 * threshold" (128 KiB to start with) with a mapping of its own, unmapped on
 * free; but freeing such a mapping of up to 32 MiB raises the threshold to
 * its size and the heap's trim threshold to twice that, after which every
 * smaller buffer comes from the heap, which keeps what is freed. So the
 * buffer lent here is never smaller than {@link LENT_MIN_BYTES} (over
 * 32 MiB): it is always a mapping of its own, its free raises nothing, and
 * only the pages a use writes are resident. Elsewhere (Electron's own
 * allocator, macOS, Windows) it is just a buffer.
 *
 * Kept while uses follow one another closely, let go a moment after the last
 * (it is a mapping of its own: made again, it costs only the first write of
 * its pages). A use that finds it lent out makes its own.
 */
const LENT_MIN_BYTES = 32 * 1024 * 1024 + 4096;
const SPARE_KEPT_MS = 250;

let spareBuffer: Buffer | null = null;
let spareTimer: ReturnType<typeof setTimeout> | null = null;

/** A buffer of at least `size` bytes: the spare one when it is long enough. */
export function takeBuffer(size: number): Buffer {
  const spare = spareBuffer;
  if (spare !== null && spare.length >= size) {
    spareBuffer = null;
    return spare;
  }
  return Buffer.allocUnsafeSlow(Math.max(LENT_MIN_BYTES, size));
}

/** Hands `buffer` back for the next use; nothing may read or write it after. */
export function giveBack(buffer: Buffer): void {
  if (spareBuffer !== null && spareBuffer.length >= buffer.length) return;
  spareBuffer = buffer;
  if (spareTimer !== null) clearTimeout(spareTimer);
  spareTimer = setTimeout(() => {
    spareBuffer = null;
    spareTimer = null;
  }, SPARE_KEPT_MS);
  spareTimer.unref?.();
}
