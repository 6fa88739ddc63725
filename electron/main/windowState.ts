/**
 * The window's size and position between runs: a small JSON file in
 * userData, validated on read and ignored when bad (a broken or hand-edited
 * file must never stop the app from opening), written whole via a temp file.
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { z } from 'zod';

/** The smallest window the layout is designed for. */
export const MIN_WINDOW_SIZE = { width: 800, height: 560 } as const;

/** The size of a window on first start. */
export const DEFAULT_WINDOW_SIZE = { width: 1280, height: 820 } as const;

const Coordinate = z.number().int().min(-100_000).max(100_000);
const Length = z.number().int().max(100_000);

const WindowStateSchema = z
  .object({
    x: Coordinate.optional(),
    y: Coordinate.optional(),
    width: Length.min(MIN_WINDOW_SIZE.width),
    height: Length.min(MIN_WINDOW_SIZE.height),
    maximized: z.boolean(),
  })
  .strict();

/** Where the window was and whether it was maximised. */
export type WindowState = z.infer<typeof WindowStateSchema>;

/** A rectangle on screen, as Electron's `Rectangle`. */
export interface ScreenRect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** Parses the file's text; anything but a valid state gives null. */
export function parseWindowState(text: string): WindowState | null {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return null;
  }
  const parsed = WindowStateSchema.safeParse(json);
  return parsed.success ? parsed.data : null;
}

/** Reads the saved state; a missing, unreadable or invalid file gives null. */
export function readWindowState(file: string): WindowState | null {
  try {
    return parseWindowState(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

/**
 * Saves the state. Synchronous on purpose: it runs in the window's `close`
 * handler, right before the process may exit, and the file is tiny.
 */
export function saveWindowState(file: string, state: WindowState): void {
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, `${JSON.stringify(state)}\n`, 'utf8');
  renameSync(temp, file);
}

function overlap(a: ScreenRect, b: ScreenRect): { width: number; height: number } {
  return {
    width: Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x),
    height: Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y),
  };
}

/**
 * Fits a saved state to today's screens: a display may have been unplugged
 * since, so a position that leaves less than a grab-able strip of the title
 * bar on any work area is dropped (the window is centred instead), and a size
 * larger than every work area is shrunk to the largest.
 */
export function fitToScreens(state: WindowState, workAreas: readonly ScreenRect[]): WindowState {
  if (workAreas.length === 0) return state;
  const widest = Math.max(...workAreas.map((area) => area.width));
  const tallest = Math.max(...workAreas.map((area) => area.height));
  const width = Math.max(MIN_WINDOW_SIZE.width, Math.min(state.width, widest));
  const height = Math.max(MIN_WINDOW_SIZE.height, Math.min(state.height, tallest));
  const { x, y } = state;
  if (x === undefined || y === undefined) return { width, height, maximized: state.maximized };
  const titleBar = { x, y, width, height: 40 };
  const reachable = workAreas.some((area) => {
    const shared = overlap(titleBar, area);
    return shared.width >= 100 && shared.height >= 20;
  });
  return reachable
    ? { x, y, width, height, maximized: state.maximized }
    : { width, height, maximized: state.maximized };
}
