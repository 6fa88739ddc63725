import { describe, expect, it } from 'vitest';
import {
  alignShownText,
  anchorAt,
  anchorOfPassage,
  locateAnchor,
  occurrencesOf,
  passageOfSpan,
  plainSpanOfShown,
  plainTextOf,
  shownSpanOfPlain,
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

  describe('the words a reader shows, lined up with the plain text', () => {
    // What a Markdown paper's page shows of its text (the page's words, white space collapsed), by hand here;
    // tests/renderer/paperTextSelection.test.ts takes it from marked and DOMPurify's real output.
    const markdown = [
      '# Fleet *renewal*',
      '',
      '- The force [must report](https://example.org/must-report-progress) progress quarterly.',
      '- Costs &amp; risks: see `table_2`.',
      '',
      '1. The supplier must report progress quarterly to the board.',
      '',
      '![chart](https://example.org/chart.png)',
    ].join('\n');
    const shown =
      'Fleet renewal The force must report progress quarterly. Costs & risks: see table_2. ' +
      'The supplier must report progress quarterly to the board. ' +
      'Image not loaded (Boardkeeper loads nothing from the network): chart';
    const plain = plainTextOf(markdown);
    const alignment = alignShownText(plain, shown);

    it('maps a selection of the shown words to the same words in the plain text, and back', () => {
      // The plain text reads markup characters as spaces and entities as written.
      for (const [words, inPlain] of [
        ['Fleet renewal', 'Fleet renewal'],
        ['Costs & risks', 'Costs &amp; risks'],
        ['progress quarterly to the board', 'progress quarterly to the board'],
        ['table_2', 'table 2'],
      ] as const) {
        const at = shown.indexOf(words);
        const span = plainSpanOfShown(alignment, at, at + words.length)!;
        expect(span, words).not.toBeNull();
        expect(plain.slice(span.start, span.end), words).toBe(inPlain);
        const back = shownSpanOfPlain(alignment, span.start, span.end)!;
        expect(shown.slice(back.start, back.end), words).toBe(words);
      }
    });

    it('tells the second appearance from the first, though a link splits the first in the plain text', () => {
      const second = shown.lastIndexOf('must report progress quarterly');
      const span = plainSpanOfShown(alignment, second, second + 'must report progress quarterly'.length)!;
      const { passage, occurrence } = passageOfSpan(plain, span.start, span.end);
      expect(passage).toBe('must report progress quarterly');
      // The first appearance reads "must report (https://…) progress quarterly" in the plain text: not a twin there.
      expect(occurrence).toBe(1);
      expect(anchorOfPassage(plain, passage, occurrence)!.start).toBe(span.start);
      expect(plain.slice(span.start - 13, span.start)).toBe('The supplier ');

      const first = shown.indexOf('must report progress quarterly');
      const firstSpan = plainSpanOfShown(alignment, first, first + 'must report progress quarterly'.length)!;
      expect(plain.slice(firstSpan.start, firstSpan.end)).toBe(
        'must report (https://example.org/must-report-progress) progress quarterly',
      );
    });

    it('counts twins by where the selection is', () => {
      const text = 'Item one must report. Item two must report. Item three must report.';
      const align = alignShownText(text, text);
      const third = text.lastIndexOf('must report');
      const span = plainSpanOfShown(align, third, third + 'must report'.length)!;
      expect(passageOfSpan(text, span.start, span.end)).toEqual({ passage: 'must report', occurrence: 3 });
    });

    it('leaves unpaired what only the page shows, and finds nothing for it', () => {
      const note = shown.indexOf('Image not loaded');
      expect(plainSpanOfShown(alignment, note, note + 'Image not loaded'.length)).toBeNull();
      const chart = shown.lastIndexOf('chart');
      const span = plainSpanOfShown(alignment, chart, chart + 5)!;
      expect(plain.slice(span.start, span.end)).toBe('chart');
      // White space alone stands for nothing.
      expect(plainSpanOfShown(alignment, shown.indexOf(' '), shown.indexOf(' ') + 1)).toBeNull();
    });

    it('finds its way again after a long stretch the page does not show', () => {
      const longLink = `See [the report](https://example.org/${'x'.repeat(6000)}) before the board votes on the fleet renewal.`;
      const shownLong = 'See the report before the board votes on the fleet renewal.';
      const plainLong = plainTextOf(longLink);
      const align = alignShownText(plainLong, shownLong);
      const at = shownLong.indexOf('the fleet renewal');
      const span = plainSpanOfShown(align, at, at + 'the fleet renewal'.length)!;
      expect(plainLong.slice(span.start, span.end)).toBe('the fleet renewal');
    });
  });
});
