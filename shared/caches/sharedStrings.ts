/**
 * One copy of each repeated string in the records (docs/architecture.md
 * "Memory"). V8's JSON.parse keeps one copy of a string of up to ten
 * characters, but a new copy of every longer one each time it occurs: the
 * same member's name in every condition's history, the same decision id in
 * each of its conditions, the same instant in every record one change made,
 * the ledger's deadline keys. On the ten-year body that was about 25 MB of
 * duplicates among 86 MB of strings. After the store opens, a pass in steps
 * puts in each record's place the first equal string it met: the values are
 * the same (a string cannot be changed, nothing can tell two equal ones
 * apart), so no answer changes, and the copies become garbage.
 */

/** V8 keeps one copy of strings up to this length already (JSON.parse internalises them). */
const SHORTEST = 11;
/** Longer strings are texts (wordings, notes): rarely repeated in a real board, and costly to hash. */
const LONGEST = 400;
/** Records looked at between two pauses. */
const STEP_RECORDS = 500;

/** What a pass did. */
export interface SharedStrings {
  /** Strings looked at (of a length worth sharing). */
  readonly looked: number;
  /** Those that repeated a string met before (now that one). */
  readonly shared: number;
}

/**
 * Replaces, in place, every string of the objects and arrays within `value`
 * whose length is worth it by the first equal string in `seen` (or records it
 * there), counting in `counts` those looked at and those that repeated one.
 */
export function shareStringsOf(
  value: object,
  seen: Map<string, string>,
  counts: { looked: number; shared: number },
): void {
  if (Array.isArray(value)) {
    const list = value as unknown[];
    for (let i = 0; i < list.length; i++) {
      const item = list[i];
      if (typeof item === 'string') {
        const kept = keptOf(item, seen, counts);
        if (kept !== undefined) list[i] = kept;
      } else if (item !== null && typeof item === 'object') shareStringsOf(item, seen, counts);
    }
    return;
  }
  const record = value as Record<string, unknown>;
  for (const key in record) {
    const item = record[key];
    if (typeof item === 'string') {
      const kept = keptOf(item, seen, counts);
      if (kept !== undefined) record[key] = kept;
    } else if (item !== null && typeof item === 'object') shareStringsOf(item, seen, counts);
  }
}

/**
 * The string kept for `text` when an equal one was met before (equal strings
 * cannot be told apart in JavaScript: the caller puts it in `text`'s place
 * whether or not it is already the same copy); undefined when `text` is the
 * first (now kept) or not worth sharing.
 */
function keptOf(
  text: string,
  seen: Map<string, string>,
  counts: { looked: number; shared: number },
): string | undefined {
  if (text.length < SHORTEST || text.length > LONGEST) return undefined;
  counts.looked++;
  const kept = seen.get(text);
  if (kept === undefined) {
    seen.set(text, text);
    return undefined;
  }
  counts.shared++;
  return kept;
}

/**
 * {@link shareStringsOf} over every record of `collections`, in steps (it
 * pauses every few hundred records). The records are changed in place; only
 * strings are replaced, each by an equal one.
 */
export function* shareStrings(collections: Iterable<Iterable<object>>): Generator<void, SharedStrings, void> {
  const seen = new Map<string, string>();
  const counts = { looked: 0, shared: 0 };
  let records = 0;
  for (const collection of collections) {
    for (const record of collection) {
      shareStringsOf(record, seen, counts);
      if (++records % STEP_RECORDS === 0) yield;
    }
  }
  return counts;
}
