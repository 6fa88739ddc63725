// The immutable record map: a change copies only what it touches, and earlier versions stay intact.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RecordMap } from '../../../shared/schema/recordMap.ts';

interface Rec {
  readonly id: string;
  readonly v: number;
}

const id = fc.integer({ min: 0, max: 300 }).map((n) => `rec_${n}`);
const change = fc.tuple(id, fc.option(fc.integer(), { nil: null }));

function contents(map: RecordMap<Rec>): Array<[string, number]> {
  return map
    .values()
    .map((r): [string, number] => [r.id, r.v])
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

describe('RecordMap', () => {
  it('answers as a plain Map given the same changes, and every earlier version stays as it was', () => {
    fc.assert(
      fc.property(fc.array(change, { maxLength: 300 }), (changes) => {
        const model = new Map<string, number>();
        let map = RecordMap.empty<Rec>();
        const versions: Array<[RecordMap<Rec>, Array<[string, number]>]> = [];
        for (const [key, v] of changes) {
          if (v === null) {
            model.delete(key);
            map = map.delete(key);
          } else {
            model.set(key, v);
            map = map.set(key, { id: key, v });
          }
          if (versions.length < 20) versions.push([map, contents(map)]);
          expect(map.get(key)?.v).toBe(model.get(key));
          expect(map.has(key)).toBe(model.has(key));
        }
        expect(map.size).toBe(model.size);
        expect(contents(map)).toEqual([...model].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
        expect([...map].length).toBe(model.size);
        for (const [version, seen] of versions) expect(contents(version)).toEqual(seen);
      }),
      { numRuns: 200 },
    );
  });
});

describe('RecordMap.withChanges', () => {
  it('equals the same changes made one at a time, in order, and leaves the map it came from unchanged', () => {
    fc.assert(
      fc.property(fc.array(change, { maxLength: 60 }), fc.array(change, { maxLength: 400 }), (start, changes) => {
        let base = RecordMap.empty<Rec>();
        for (const [key, v] of start) base = v === null ? base.delete(key) : base.set(key, { id: key, v });
        const before = contents(base);
        let oneByOne = base;
        for (const [key, v] of changes)
          oneByOne = v === null ? oneByOne.delete(key) : oneByOne.set(key, { id: key, v });
        const batched = base.withChanges(changes.map(([key, v]) => [key, v === null ? null : { id: key, v }]));
        expect(contents(batched)).toEqual(contents(oneByOne));
        expect(batched.size).toBe(oneByOne.size);
        expect(batched.size).toBe(contents(batched).length);
        expect(contents(base)).toEqual(before);
      }),
      { numRuns: 300 },
    );
  });

  it('builds with changes made in the new buckets exactly as withChanges would make them', () => {
    fc.assert(
      fc.property(fc.array(change, { maxLength: 60 }), fc.array(change, { maxLength: 200 }), (start, changes) => {
        const records = start.flatMap(([key, v]) => (v === null ? [] : [{ id: key, v }]));
        const asChanges = changes.map(([key, v]): [string, Rec | null] => [key, v === null ? null : { id: key, v }]);
        const built = RecordMap.from(records, (r) => r.id, asChanges);
        const after = RecordMap.from(records, (r) => r.id).withChanges(asChanges);
        expect(built.values()).toEqual(after.values());
        expect(built.size).toBe(after.size);
      }),
      { numRuns: 200 },
    );
  });

  it('answers the same map when nothing changes (deleting what is not there)', () => {
    const map = RecordMap.empty<Rec>().set('a', { id: 'a', v: 1 });
    expect(map.withChanges([])).toBe(map);
    expect(
      map.withChanges([
        ['b', null],
        ['c', null],
      ]),
    ).toBe(map);
  });
});
