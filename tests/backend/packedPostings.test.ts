// The search index's postings packed as variable-length deltas: every list decodes to exactly what was
// built (in its order, whatever the slots, large or out of order), and unpacking gives the built postings back.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { listOf, packPostings, unpackPostings } from '../../electron/backend/search/packedPostings.ts';
import type { Postings } from '../../electron/backend/search/postingsBuild.ts';

function run<T>(steps: Generator<void, T, void>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

const slot = fc.oneof(fc.nat({ max: 300 }), fc.nat({ max: 0x7fffffff }));

describe('packed postings', () => {
  it('decode to the lists built, term by term, and unpack to the same postings', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.array(slot, { maxLength: 40 }),
            fc.uniqueArray(fc.nat({ max: 100_000 }), { maxLength: 400 }).map((l) => l.sort((a, b) => a - b)),
          ),
          {
            maxLength: 12,
          },
        ),
        (lists) => {
          const terms = lists.map((_, i) => `t${String(i).padStart(3, '0')}`);
          const offsets = new Uint32Array(lists.length + 1);
          lists.forEach((l, i) => (offsets[i + 1] = offsets[i]! + l.length));
          const built: Postings = { terms, offsets, postings: Uint32Array.from(lists.flat()) };
          const packed = run(packPostings(built));
          // Ascending lists of nearby slots take about a byte a posting.
          expect(packed.bytes.length).toBeLessThanOrEqual(built.postings.length * 5);
          const out = new Uint32Array(built.postings.length + 1);
          lists.forEach((l, t) => expect([...out.subarray(0, listOf(packed, t, out))]).toEqual(l));
          const back = run(unpackPostings(packed));
          expect(back.terms).toEqual(terms);
          expect([...back.offsets]).toEqual([...offsets]);
          expect([...back.postings]).toEqual([...built.postings]);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('take about a byte a posting for a common term’s list', () => {
    const list = Array.from({ length: 10_000 }, (_, i) => i * 3);
    const packed = run(
      packPostings({ terms: ['a'], offsets: Uint32Array.of(0, list.length), postings: Uint32Array.from(list) }),
    );
    expect(packed.bytes.length).toBe(list.length);
  });
});
