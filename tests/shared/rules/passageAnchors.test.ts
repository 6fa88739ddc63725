import { describe, expect, it } from 'vitest';
import {
  anchorAt,
  anchorOfPassage,
  locateAnchor,
  occurrencesOf,
  plainTextOf,
} from '../../../shared/rules/passageAnchors.ts';

const twice =
  'The force must report progress quarterly. The pilot covers 45,000 officers. ' +
  'On data, the supplier must report progress quarterly to the board as well.';

describe('passage anchors', () => {
  it('plain text: Markdown marks out, white space collapsed', () => {
    expect(plainTextOf('# Heading\n\nSome **bold**  and `code`\n> quoted | cell')).toBe(
      'Heading Some bold and code quoted cell',
    );
  });

  it('anchors the second of two appearances and finds it again, not the first', () => {
    expect(occurrencesOf(twice, 'must report progress quarterly')).toHaveLength(2);
    const anchor = anchorOfPassage(twice, 'must report   progress quarterly', 2)!;
    expect(anchor.exact).toBe('must report progress quarterly');
    expect(anchor.prefix.endsWith('the supplier ')).toBe(true);
    expect(anchor.suffix.startsWith(' to the board')).toBe(true);
    const place = locateAnchor(anchor, twice);
    expect(place).toEqual({
      found: true,
      start: twice.lastIndexOf('must report'),
      end: anchor.start + anchor.exact.length,
    });
    // And the first, told apart by its context.
    const first = anchorOfPassage(twice, 'must report progress quarterly', 1)!;
    expect(locateAnchor(first, twice)).toMatchObject({ found: true, start: twice.indexOf('must report') });
  });

  it('follows a passage that moved (a new section before it, to another page), still the right one of two', () => {
    const anchor = anchorOfPassage(twice, 'must report progress quarterly', 2)!;
    const moved = `${'A new opening section. '.repeat(200)}${twice}`;
    const place = locateAnchor(anchor, moved);
    expect(place).toEqual({
      found: true,
      start: moved.lastIndexOf('must report progress quarterly'),
      end: moved.lastIndexOf('must report progress quarterly') + anchor.exact.length,
    });
    // The two appearances swapped places: the context, not the position, decides.
    const swapped =
      'On data, the supplier must report progress quarterly to the board as well. The pilot covers 45,000 officers. The force must report progress quarterly.';
    expect(locateAnchor(anchor, swapped)).toMatchObject({ found: true, start: swapped.indexOf('must report') });
    expect(locateAnchor(anchorOfPassage(twice, 'must report progress quarterly', 1)!, swapped)).toMatchObject({
      found: true,
      start: swapped.lastIndexOf('must report'),
    });
  });

  it('says a removed or reworded passage is gone rather than guessing', () => {
    const anchor = anchorOfPassage(twice, 'The pilot covers 45,000 officers.')!;
    expect(locateAnchor(anchor, twice.replace('45,000', '46,000'))).toEqual({ found: false });
    expect(locateAnchor(anchor, 'Something else entirely.')).toEqual({ found: false });
  });

  it('does not take the other appearance of the words for a noted one that was removed', () => {
    const second = anchorOfPassage(twice, 'must report progress quarterly', 2)!;
    const withoutSecond = twice.replace(
      /On data, the supplier must report progress quarterly[^.]*\./,
      'On data, nothing.',
    );
    expect(withoutSecond).toContain('must report progress quarterly');
    expect(locateAnchor(second, withoutSecond)).toEqual({ found: false });
  });

  it('refuses an appearance that does not exist and an empty range', () => {
    expect(anchorOfPassage(twice, 'must report progress quarterly', 3)).toBeNull();
    expect(anchorOfPassage(twice, 'not in the text')).toBeNull();
    expect(() => anchorAt('abc', 2, 2)).toThrow(RangeError);
  });
});
