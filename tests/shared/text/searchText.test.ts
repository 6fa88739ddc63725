import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fold, snippetOf, termsOf } from '../../../shared/text/searchText.ts';

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

  it('makes the same snippet by the ASCII fast path as by folding', () => {
    const slowSnippet = (text: string, terms: readonly string[]) => {
      const folded = fold(text);
      const at = Math.min(...terms.map((t) => folded.indexOf(t)).filter((i) => i !== -1));
      return Number.isFinite(at) ? at : -1;
    };
    fc.assert(
      fc.property(fc.string({ unit: 'binary-ascii', maxLength: 300 }), fc.string({ maxLength: 4 }), (text, term) => {
        const terms = termsOf(term);
        const snippet = snippetOf(text, terms, 40);
        const at = slowSnippet(text, terms);
        const start = at === -1 ? 0 : Math.max(0, at - 13);
        expect(snippet.replace(/^…|…$/g, '')).toBe(
          text
            .slice(start, start + 40)
            .replace(/[#*_`>|[\]]+/g, ' ')
            .replace(/\s+/g, ' ')
            .trim(),
        );
      }),
    );
  });

  it('makes a snippet around the first match', () => {
    const text = `${'Background. '.repeat(30)}The force shall run a competitive re-tender within twelve months.`;
    expect(snippetOf(text, ['competitive'])).toMatch(/^….*competitive re-tender within twelve months\.$/);
  });
});
