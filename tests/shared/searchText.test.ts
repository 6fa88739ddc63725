import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fold, snippetOf, termsOf } from '../../shared/searchText.ts';

const slowTerms = (text: string) => fold(text).match(/[\p{L}\p{N}]+/gu) ?? [];

describe('search terms', () => {
  it('cuts text into folded letters-and-digits terms', () => {
    expect(termsOf('PCD 2026-117: Décision on the RE-TENDER')).toEqual([
      'pcd',
      '2026',
      '117',
      'decision',
      'on',
      'the',
      're',
      'tender',
    ]);
  });

  it('takes the ASCII fast path with exactly the result of the Unicode path', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary-ascii', maxLength: 200 }), (text) => {
        expect(termsOf(text)).toEqual(slowTerms(text));
      }),
    );
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 80 }), (text) => {
        expect(termsOf(text)).toEqual(slowTerms(text));
      }),
    );
  });

  it('makes a snippet around the first match', () => {
    const text = `${'Background. '.repeat(30)}The force shall run a competitive re-tender within twelve months.`;
    expect(snippetOf(text, ['competitive'])).toMatch(/^….*competitive re-tender within twelve months\.$/);
  });
});
