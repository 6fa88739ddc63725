/**
 * An immutable map from record id to record, cheap to change: the ids are
 * spread over a fixed number of buckets, and `set`/`delete` copy only the one
 * bucket they touch. This keeps a change at ten-year scale (tens of thousands
 * of records) well under a millisecond, while every earlier version of the
 * state stays intact for a checkpoint being written in the background.
 */

const BUCKETS = 64;

function bucketOf(id: string): number {
  // FNV-1a over the UTF-16 code units: fast, and stable across runs.
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) {
    h ^= id.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) % BUCKETS;
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
    return new RecordMap<T>(
      Array.from({ length: BUCKETS }, () => new Map<string, T>()),
      0,
    );
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
    const buckets = Array.from({ length: BUCKETS }, () => new Map<string, T>());
    for (const record of records) {
      const id = idOf(record);
      buckets[bucketOf(id)]!.set(id, record);
    }
    for (const [id, record] of changes) {
      const bucket = buckets[bucketOf(id)]!;
      if (record === null) bucket.delete(id);
      else bucket.set(id, record);
    }
    return new RecordMap<T>(
      buckets,
      buckets.reduce((n, b) => n + b.size, 0),
    );
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
    for (const bucket of this.buckets) yield* bucket.values();
  }

  /** All records as an array (order: by bucket, then insertion). */
  values(): T[] {
    return [...this];
  }
}
