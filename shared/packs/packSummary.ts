/**
 * What a pack changed since the one before, in words: for the meeting page
 * ("since pack 3: 2 papers revised, 1 added, item 5 withdrawn") and the
 * summary after an import.
 */
import { longDate } from '../dates/calendarDates.ts';
import type { PackChanges } from '../schema/packs.ts';

/** Papers (id, reference, version) and agenda items (id, number) a pack carried. */
export interface PackContents {
  readonly papers: ReadonlyArray<{ readonly id: string; readonly reference: string; readonly version: number }>;
  readonly items: ReadonlyArray<{ readonly id: string; readonly number: string; readonly title: string }>;
}

/** What `next` changes from `previous` (null for a first pack: every paper added). */
export function packChangesOf(previous: PackContents | null, next: PackContents): PackChanges {
  const before = new Map((previous?.papers ?? []).map((p) => [p.id, p]));
  const itemsNow = new Set(next.items.map((i) => i.id));
  return {
    added: next.papers.filter((p) => !before.has(p.id)).map((p) => p.reference),
    revised: next.papers.filter((p) => (before.get(p.id)?.version ?? p.version) < p.version).map((p) => p.reference),
    withdrawn: (previous?.items ?? []).filter((i) => !itemsNow.has(i.id)).map((i) => i.number),
  };
}

function count(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** "2 papers revised, 1 added, item 5 withdrawn"; "no changes" when nothing changed. */
export function packChangesText(changes: PackChanges): string {
  const parts: string[] = [];
  if (changes.revised.length > 0) parts.push(`${count(changes.revised.length, 'paper', 'papers')} revised`);
  if (changes.added.length > 0) {
    parts.push(
      parts.length > 0 ? `${changes.added.length} added` : `${count(changes.added.length, 'paper', 'papers')} added`,
    );
  }
  if (changes.withdrawn.length > 0) {
    parts.push(
      changes.withdrawn.length === 1
        ? `item ${changes.withdrawn[0]} withdrawn`
        : `items ${changes.withdrawn.join(', ')} withdrawn`,
    );
  }
  return parts.length > 0 ? parts.join(', ') : 'no changes';
}

/**
 * The summary shown after an import: "pack 4 of Police and Crime Board,
 * 24 June 2026: 2 papers revised, 1 added, 1 item withdrawn; 3 of 12 papers unread".
 */
export function importSummaryText(input: {
  readonly number: number;
  readonly boardName: string;
  readonly meetingDate: string;
  readonly changes: PackChanges;
  readonly unread: number;
  readonly papers: number;
}): string {
  const { changes } = input;
  const parts: string[] = [];
  if (changes.revised.length > 0) parts.push(`${count(changes.revised.length, 'paper', 'papers')} revised`);
  if (changes.added.length > 0) {
    parts.push(
      parts.length > 0 ? `${changes.added.length} added` : `${count(changes.added.length, 'paper', 'papers')} added`,
    );
  }
  if (changes.withdrawn.length > 0) parts.push(`${count(changes.withdrawn.length, 'item', 'items')} withdrawn`);
  const what = parts.length > 0 ? parts.join(', ') : 'no changes';
  return `pack ${input.number} of ${input.boardName}, ${longDate(input.meetingDate)}: ${what}; ${input.unread} of ${count(input.papers, 'paper', 'papers')} unread`;
}
