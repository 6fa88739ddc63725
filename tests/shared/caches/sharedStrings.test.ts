// One copy of each repeated string in the records (shared/caches/sharedStrings.ts): the records
// read the same after the pass, whatever their shape, and every repeat is counted.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { shareStrings } from '../../../shared/caches/sharedStrings.ts';

function runToEnd<T>(steps: Generator<void, T, void>): { value: T; pauses: number } {
  let pauses = 0;
  for (;;) {
    const step = steps.next();
    if (step.done) return { value: step.value, pauses };
    pauses++;
  }
}

const json: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.constantFrom('Zoë Ashworth (Chair)', '2026-09-24T09:00:00.000Z', 'dec_2026_0142', 'short', ''),
    fc.string({ maxLength: 30 }),
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.constantFrom('id', 'by', 'at', 'note', 'owner'), tie('value'), { maxKeys: 4 }),
  ),
})).value;

describe('sharing the records’ strings', () => {
  it('leaves every record as it was (same keys, same values, same order)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.dictionary(fc.string(), json), { maxLength: 8 }), { maxLength: 4 }),
        (collections) => {
          const before = JSON.stringify(collections);
          runToEnd(shareStrings(collections));
          expect(JSON.stringify(collections)).toBe(before);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('counts each repeat of a string of eleven to four hundred characters, and pauses every few hundred records', () => {
    const name = 'Zoë Ashworth (Chair)';
    const records = Array.from({ length: 1_200 }, (_, i) => ({
      id: `cnd_${String(i).padStart(8, '0')}`,
      history: [{ by: `${name}`, at: '2026-09-24T09:00:00.000Z' }],
      short: 'met',
      long: 'x'.repeat(401),
    }));
    const { value, pauses } = runToEnd(shareStrings([records]));
    // Per record: a distinct id, and the name and the instant (repeats after the first record).
    expect(value).toEqual({ looked: 1_200 * 3, shared: 2 * 1_199 });
    expect(pauses).toBeGreaterThanOrEqual(2);
    expect(records[1_199]!.history[0]!.by).toBe(name);
  });
});
