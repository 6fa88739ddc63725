/**
 * Board pack files the system hands the app: in the command line (Windows and
 * Linux, also when a second launch passes its arguments to the running app)
 * or through macOS's open-file event. They are queued until the backend is
 * open, then offered to the page (never imported without the person).
 */
import { PACK_EXTENSION } from '../../shared/packs/packFormat.ts';

/** The pack files named in a command line. */
export function packPathsOf(argv: readonly string[] | undefined): string[] {
  return (argv ?? []).filter((arg) => !arg.startsWith('-') && arg.toLowerCase().endsWith(PACK_EXTENSION));
}

/** Packs queued until `offer` is given (the backend is open), then offered as they come. */
export function packFileQueue(): { add(paths: readonly string[]): void; open(offer: (path: string) => void): void } {
  let offer: ((path: string) => void) | null = null;
  const waiting: string[] = [];
  return {
    add(paths) {
      for (const path of paths) {
        if (offer) offer(path);
        else waiting.push(path);
      }
    },
    open(next) {
      offer = next;
      for (const path of waiting.splice(0)) next(path);
    },
  };
}
