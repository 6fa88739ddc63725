/**
 * The search index's built postings as the index holds them in memory:
 * each term's documents (slots, in the order built: ascending) as
 * variable-length deltas, a byte or two per posting instead of four. At
 * ten-year scale (5 million postings) that is about a third of the memory,
 * and a query decodes only the lists of the terms it matches. Packing and
 * unpacking are stepwise (they yield every so many postings) so the backend's
 * event loop stays free; the index file keeps the plain form (indexFile.ts).
 */
import type { Postings } from './postingsBuild.ts';

/** Postings per step of packing or unpacking (about a millisecond or two of work). */
const STEP_POSTINGS = 1 << 18;

export interface PackedPostings {
  /** Sorted terms, as in {@link Postings}. */
  readonly terms: readonly string[];
  /** For term i, its number of documents is counts[i + 1] - counts[i] (as Postings' offsets). */
  readonly counts: Uint32Array;
  /** For term i, its list is bytes[starts[i]..starts[i + 1]]. */
  readonly starts: Uint32Array;
  readonly bytes: Uint8Array;
}

export const NO_PACKED_POSTINGS: PackedPostings = {
  terms: [],
  counts: new Uint32Array(1),
  starts: new Uint32Array(1),
  bytes: new Uint8Array(0),
};

/** The delta from `prev` to `slot`, zigzagged (a list out of order still round-trips). */
function zigzag(slot: number, prev: number): number {
  const d = (slot - prev) | 0;
  return ((d << 1) ^ (d >> 31)) >>> 0;
}

function sizeOf(z: number): number {
  return z < 0x80 ? 1 : z < 0x4000 ? 2 : z < 0x200000 ? 3 : z < 0x10000000 ? 4 : 5;
}

/** Packs built postings, stepwise: a first pass sizes each list, a second writes it. */
export function* packPostings(p: Postings): Generator<void, PackedPostings, void> {
  const termCount = p.terms.length;
  const starts = new Uint32Array(termCount + 1);
  const { offsets, postings } = p;
  let size = 0;
  let done = 0;
  for (let t = 0; t < termCount; t++) {
    starts[t] = size;
    let prev = 0;
    for (let i = offsets[t]!, end = offsets[t + 1]!; i < end; i++) {
      const slot = postings[i]!;
      size += sizeOf(zigzag(slot, prev));
      prev = slot;
    }
    done += offsets[t + 1]! - offsets[t]!;
    if (done >= STEP_POSTINGS) {
      done = 0;
      yield;
    }
  }
  starts[termCount] = size;
  const bytes = new Uint8Array(size);
  let at = 0;
  for (let t = 0; t < termCount; t++) {
    let prev = 0;
    for (let i = offsets[t]!, end = offsets[t + 1]!; i < end; i++) {
      const slot = postings[i]!;
      let z = zigzag(slot, prev);
      prev = slot;
      while (z >= 0x80) {
        bytes[at++] = (z & 0x7f) | 0x80;
        z >>>= 7;
      }
      bytes[at++] = z;
    }
    done += offsets[t + 1]! - offsets[t]!;
    if (done >= STEP_POSTINGS) {
      done = 0;
      yield;
    }
  }
  return { terms: p.terms, counts: offsets.slice(), starts, bytes };
}

/** Decodes the list of term `t` into `out` (which must hold counts[t + 1] - counts[t] slots); returns how many. */
export function listOf(p: PackedPostings, t: number, out: Uint32Array): number {
  const { bytes } = p;
  let at = p.starts[t]!;
  const end = p.starts[t + 1]!;
  let n = 0;
  let prev = 0;
  while (at < end) {
    let z = 0;
    let shift = 0;
    let b: number;
    do {
      b = bytes[at++]!;
      z |= (b & 0x7f) << shift;
      shift += 7;
    } while (b & 0x80);
    z >>>= 0;
    prev = (prev + ((z >>> 1) ^ -(z & 1))) | 0;
    out[n++] = prev;
  }
  return n;
}

/** How many postings `p` holds (the length {@link unpackPostings} needs). */
export function postingCount(p: PackedPostings): number {
  return p.counts[p.terms.length] ?? 0;
}

/**
 * The plain postings again (to write the index file), stepwise; into `into`
 * (at least {@link postingCount} long) when given, else a new array.
 */
export function* unpackPostings(p: PackedPostings, into?: Uint32Array): Generator<void, Postings, void> {
  const termCount = p.terms.length;
  const count = postingCount(p);
  const postings = into === undefined ? new Uint32Array(count) : into.subarray(0, count);
  let done = 0;
  for (let t = 0; t < termCount; t++) {
    const first = p.counts[t]!;
    listOf(p, t, postings.subarray(first, p.counts[t + 1]));
    done += p.counts[t + 1]! - first;
    if (done >= STEP_POSTINGS) {
      done = 0;
      yield;
    }
  }
  return { terms: p.terms, offsets: p.counts.slice(), postings };
}
