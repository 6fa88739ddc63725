/**
 * Marks along the backend's start (the bundle loaded, the lock taken, the
 * store open, listening...), in ms since the process began
 * (performance.now()). Kept always (a handful of numbers); a host prints them
 * to stderr when `BOARD_START_TRACE` is set, so the benchmark's cold start can
 * say where the time between spawning and the first screen went.
 */

const marks: Array<{ readonly name: string; readonly at: number }> = [];

/** Records that `name` happened now. */
export function markStart(name: string): void {
  marks.push({ name, at: performance.now() });
}

/** The marks so far, in order. */
export function startMarks(): ReadonlyArray<{ readonly name: string; readonly at: number }> {
  return marks;
}

/** The line a host prints for the marks: `start-trace name=ms name=ms ...`. */
export function startTraceLine(): string {
  return `start-trace ${marks.map((m) => `${m.name}=${m.at.toFixed(1)}`).join(' ')}`;
}
