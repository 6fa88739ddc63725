/**
 * An immutable map from record id to record, cheap to change: the ids are
 * spread over a fixed number of buckets, and `set`/`delete` copy only the one
 * bucket they touch (and the array of buckets). This keeps a change at
 * ten-year scale (a hundred thousand records in a collection: about a
 * hundred per bucket) well under a millisecond, while every earlier version
 * of the state stays intact for a checkpoint being written in the background.
 * Empty buckets are one shared map, never changed (a change copies its
 * bucket first), so a small collection costs little.
 */

const BUCKETS = 1024;
const EMPTY: ReadonlyMap<string, never> = new Map<string, never>();

function bucketOf(id: string): number {
  // FNV-1a over the UTF-16 code units: fast, and stable across runs; the high half folded into the low.
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) {
    h ^= id.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return ((h >>> 16) ^ h) & (BUCKETS - 1);
}

/** An immutable id -> record map. */
export class RecordMap<T> implements Iterable<T> {
  private constructor(
    private readonly buckets: ReadonlyArray<ReadonlyMap<string, T>>,
    /** Number of records. */
    readonly size: number,
  ) {}

  /** The empty map. */
  static empty<T>(): RecordMap<T> {
    return new RecordMap<T>(new Array<ReadonlyMap<string, T>>(BUCKETS).fill(EMPTY), 0);
  }

  /**
   * Builds a map from records, keyed by `idOf`. Later duplicates win. Then
   * `changes` are made in order (a record to set, or null to delete), in the
   * new buckets themselves: what withChanges would give, without copying.
   */
  static from<T>(
    records: Iterable<T>,
    idOf: (record: T) => string,
    changes: ReadonlyArray<readonly [id: string, record: T | null]> = [],
  ): RecordMap<T> {
    const builder = RecordMap.builder<T>();
    for (const record of records) builder.add(idOf(record), record);
    for (const [id, record] of changes) {
      if (record !== null) builder.add(id, record);
      else builder.remove(id);
    }
    return builder.build();
  }

  /**
   * A map built a record at a time (`add`, later duplicates win; `remove`), then
   * `build()`: what `from` gives for the same records in the same order, for
   * a caller that makes its records a few at a time (e.g. between yields to
   * the event loop) and would otherwise gather them all in an array first.
   */
  static builder<T>(): { add(id: string, record: T): void; remove(id: string): void; build(): RecordMap<T> } {
    const buckets = new Array<Map<string, T> | undefined>(BUCKETS);
    return {
      add(id, record) {
        (buckets[bucketOf(id)] ??= new Map<string, T>()).set(id, record);
      },
      remove(id) {
        buckets[bucketOf(id)]?.delete(id);
      },
      build() {
        let size = 0;
        const filled = new Array<ReadonlyMap<string, T>>(BUCKETS);
        for (let i = 0; i < BUCKETS; i++) {
          const bucket = buckets[i];
          filled[i] = bucket === undefined || bucket.size === 0 ? EMPTY : bucket;
          size += bucket?.size ?? 0;
        }
        return new RecordMap<T>(filled, size);
      },
    };
  }

  get(id: string): T | undefined {
    return this.buckets[bucketOf(id)]!.get(id);
  }

  has(id: string): boolean {
    return this.buckets[bucketOf(id)]!.has(id);
  }

  /** A new map with `id` set to `record`; this map is unchanged. */
  set(id: string, record: T): RecordMap<T> {
    const index = bucketOf(id);
    const old = this.buckets[index]!;
    const bucket = new Map(old);
    bucket.set(id, record);
    const buckets = this.buckets.slice();
    buckets[index] = bucket;
    return new RecordMap<T>(buckets, this.size + (old.has(id) ? 0 : 1));
  }

  /**
   * A new map with every change made in order (a record to set, or null to
   * delete); this map is unchanged. Each bucket touched is copied once, so a
   * change of hundreds of records costs about one copy of the map, not one
   * per record.
   */
  withChanges(changes: ReadonlyArray<readonly [id: string, record: T | null]>): RecordMap<T> {
    if (changes.length === 1) {
      const [id, record] = changes[0]!;
      return record === null ? this.delete(id) : this.set(id, record);
    }
    let buckets: Array<ReadonlyMap<string, T>> | null = null;
    const copied = new Set<number>();
    let size = this.size;
    for (const [id, record] of changes) {
      const index = bucketOf(id);
      buckets ??= this.buckets.slice();
      let bucket = buckets[index]! as Map<string, T>;
      if (!copied.has(index)) {
        if (record === null && !bucket.has(id)) continue;
        bucket = new Map(bucket);
        buckets[index] = bucket;
        copied.add(index);
      }
      const had = bucket.has(id);
      if (record === null) {
        if (had) {
          bucket.delete(id);
          size--;
        }
      } else {
        bucket.set(id, record);
        if (!had) size++;
      }
    }
    return buckets === null || copied.size === 0 ? this : new RecordMap<T>(buckets, size);
  }

  /** A new map without `id`; this map is unchanged. */
  delete(id: string): RecordMap<T> {
    const index = bucketOf(id);
    const old = this.buckets[index]!;
    if (!old.has(id)) return this;
    const bucket = new Map(old);
    bucket.delete(id);
    const buckets = this.buckets.slice();
    buckets[index] = bucket;
    return new RecordMap<T>(buckets, this.size - 1);
  }

  *[Symbol.iterator](): Iterator<T> {
    for (const bucket of this.buckets) if (bucket.size > 0) yield* bucket.values();
  }

  /** All records as an array (order: by bucket, then insertion). */
  values(): T[] {
    const out: T[] = [];
    for (const bucket of this.buckets) {
      if (bucket.size > 0) for (const record of bucket.values()) out.push(record);
    }
    return out;
  }
}
