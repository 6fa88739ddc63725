/**
 * A growth-only ledger of reminder occurrences (docs/architecture.md
 * "Deadlines and reminders at ten-year scale"): the scheduler's ledger keys,
 * read into an {@link OccurrenceLedger}, with a bit per key hash that answers
 * most "not recorded" questions without a lookup, and the instant up to
 * which each deadline plan's occurrences are settled (superseded).
 */
import { settledKey, type RecordedOccurrences, type RemindersDue } from '../rules/reminders.ts';
import type { LedgerEntry } from '../schema/deadlines.ts';

/**
 * A ledger's occurrence keys that only ever grow: what it answers `true` for
 * stays true. A look over the register remembers, per deadline, that the
 * ledger already holds its latest occurrence, and asks again only when the
 * deadline's occurrences move on; a ledger that loses keys (undo, restore,
 * import) must be a new object. Any other `RecordedOccurrences` is asked
 * every time.
 */
export class OccurrenceLedger implements RecordedOccurrences {
  private readonly keys = new Set<string>();
  /**
   * A bit per hash of the keys held (at least eight bits per key): a clear bit
   * answers "not recorded" from a small array, without a lookup in the set.
   * A look after a long absence asks about tens of thousands of keys the
   * ledger does not hold.
   */
  private readonly bits = new HashBits(1 << 15);
  /** By plan ({@link settledKey}): the instant (ms) up to which its occurrences are settled. Only ever moves on. */
  private readonly through = new Map<string, number>();
  /** As `bits`, for the plans in `through`: most plans have none settled. */
  private readonly throughBits = new HashBits(1 << 10);

  constructor(keys: Iterable<string> = []) {
    for (const key of keys) this.add(key);
  }

  /** A ledger of stored entries: each entry's key, or, for a `settled` entry, its plan settled up to its instant. */
  static of(entries: Iterable<Pick<LedgerEntry, 'key' | 'kind' | 'at'>>): OccurrenceLedger {
    const ledger = new OccurrenceLedger();
    for (const entry of entries) ledger.record(entry);
    return ledger;
  }

  /** Takes in one stored entry (see {@link OccurrenceLedger.of}). */
  record(entry: Pick<LedgerEntry, 'key' | 'kind' | 'at'>): this {
    return entry.kind === 'settled' ? this.settleKey(entry.key, Date.parse(entry.at)) : this.add(entry.key);
  }

  /** Takes in what a look found, as the scheduler records it: the due ones by key, the superseded ones by plan. */
  recordFound(found: RemindersDue): this {
    for (const o of found.due) this.add(o.key);
    for (const o of found.superseded) this.settle(o.deadlineKey, o.due, Date.parse(o.at));
    return this;
  }

  settledThrough(planKey: string): number {
    return this.through.get(planKey) ?? -Infinity;
  }

  /** settledThrough(), given the plan key's {@link keyHash}: the bit first. */
  settledThroughHashed(planKey: string, hash: number): number {
    return this.throughBits.mayHold(hash) ? (this.through.get(planKey) ?? -Infinity) : -Infinity;
  }

  /** The plan of `deadlineKey` and `due` settled up to `ms` (a later instant already held stays). */
  settle(deadlineKey: string, due: string, ms: number): this {
    return this.settleKey(settledKey(deadlineKey, due), ms);
  }

  private settleKey(planKey: string, ms: number): this {
    const before = this.through.get(planKey);
    if (ms <= (before ?? -Infinity)) return this;
    this.through.set(planKey, ms);
    if (before === undefined) this.throughBits.add(planKey, this.through.size, () => this.through.keys());
    return this;
  }

  has(occurrenceKey: string): boolean {
    return this.keys.has(occurrenceKey);
  }

  /** has(), given the key's {@link keyHash}: the bit first. */
  hasHashed(occurrenceKey: string, hash: number): boolean {
    return this.bits.mayHold(hash) && this.keys.has(occurrenceKey);
  }

  add(occurrenceKey: string): this {
    if (this.keys.has(occurrenceKey)) return this;
    this.keys.add(occurrenceKey);
    this.bits.add(occurrenceKey, this.keys.size, () => this.keys);
    return this;
  }

  /** Keys and settled plans held. */
  get size(): number {
    return this.keys.size + this.through.size;
  }
}

/**
 * A bit per key hash, at least eight bits per key held (the words double,
 * every key hashed again, when there are fewer): a clear bit says the key is
 * not held.
 */
class HashBits {
  private words: Uint32Array;

  constructor(words: number) {
    this.words = new Uint32Array(words);
  }

  /** False when no key with this {@link keyHash} was added. */
  mayHold(hash: number): boolean {
    const bit = hash & (this.words.length * 32 - 1);
    return (this.words[bit >>> 5]! & (1 << (bit & 31))) !== 0;
  }

  /** Adds `key`, the `count`th key held; `all` gives every key held, should the words double. */
  add(key: string, count: number, all: () => Iterable<string>): void {
    if (count * 8 <= this.words.length * 32) {
      this.set(keyHash(key));
      return;
    }
    this.words = new Uint32Array(this.words.length * 2);
    for (const held of all()) this.set(keyHash(held));
  }

  private set(hash: number): void {
    const bit = hash & (this.words.length * 32 - 1);
    this.words[bit >>> 5]! |= 1 << (bit & 31);
  }
}

/** FNV-1a over a key's UTF-16 code units (the ledger's bits; kept with each planned key). */
export function keyHash(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
