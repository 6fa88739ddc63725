import { describe, expect, it } from 'vitest';
import {
  interestNamesSupplier,
  matchInterestsToSuppliers,
  normaliseSupplierName,
  normaliseWords,
  supplierIndex,
} from '../../../shared/rules/supplierMatching.ts';

describe('supplier matching', () => {
  it('normalises case, punctuation, accents, "&" and company forms', () => {
    expect(normaliseSupplierName('ACME Ltd.')).toBe('acme');
    expect(normaliseSupplierName('Acme Limited')).toBe('acme');
    expect(normaliseSupplierName('  acme  ')).toBe('acme');
    expect(normaliseSupplierName('The Acme Company UK Ltd')).toBe('acme');
    expect(normaliseSupplierName('Smith & Jones plc')).toBe('smith and jones');
    expect(normaliseSupplierName('Smith and Jones P.L.C.')).toBe('smith and jones');
    expect(normaliseSupplierName('Café Société SA')).toBe('cafe societe');
    expect(normaliseSupplierName("O'Brien Consulting LLP")).toBe('obrien consulting');
    expect(normaliseWords('A.C.M.E. Digital')).toBe('acme digital');
    // A name that is only a company form keeps its one word rather than vanishing.
    expect(normaliseSupplierName('Ltd')).toBe('ltd');
  });

  it('same supplier without aliases: only the normalised names', () => {
    const index = supplierIndex();
    expect(index.same('ACME Ltd.', 'acme limited')).toBe(true);
    expect(index.same('Acme', 'Acme Digital')).toBe(false);
    expect(index.same('', '')).toBe(false);
    expect(index.same('The', 'the')).toBe(false);
  });

  it('aliases join names, transitively, whichever spelling is used', () => {
    const index = supplierIndex([['Acme Digital Services Ltd', 'ADS'], ['ads', 'Acme Software'], ['Northwind plc']]);
    expect(index.same('Acme Software Limited', 'acme digital services')).toBe(true);
    expect(index.same('A.D.S.', 'Acme Software')).toBe(true);
    expect(index.same('Northwind', 'Acme Software')).toBe(false);
    expect(index.keyOf('ADS Ltd')).toBe(index.keyOf('Acme Software'));
    expect(index.keyOf('Northwind Ltd')).toBe('northwind');
    expect(index.namesOf('ads')).toEqual(['acme digital services', 'acme software', 'ads']);
  });

  it('an interest names a supplier as whole words, not inside another word', () => {
    const index = supplierIndex();
    expect(interestNamesSupplier('Shareholding in ACME Ltd.', 'Acme Limited', index)).toBe(true);
    expect(interestNamesSupplier('Employed by acme (until 2024)', 'ACME', index)).toBe(true);
    expect(interestNamesSupplier('Acmeville parish council', 'Acme', index)).toBe(false);
    expect(interestNamesSupplier('Trustee, the Smith & Jones Trust', 'Smith and Jones plc', index)).toBe(true);
    expect(interestNamesSupplier('Governor of a school', 'Acme', index)).toBe(false);
  });

  it('the organisation field matches the supplier by name or alias', () => {
    const index = supplierIndex([['Acme Digital Services', 'ADS']]);
    expect(
      interestNamesSupplier({ text: 'Spouse is a director', organisation: 'ADS Ltd' }, 'Acme Digital Services', index),
    ).toBe(true);
    expect(interestNamesSupplier({ text: 'Spouse is a director', organisation: 'Northwind' }, 'ADS', index)).toBe(
      false,
    );
    expect(
      interestNamesSupplier({ text: 'Gift of hospitality from ADS', organisation: '' }, 'Acme Digital Services', index),
    ).toBe(true);
  });

  it('lists the interests that name any of the suppliers, in order, each with the first supplier named', () => {
    const index = supplierIndex();
    const interests = [
      'Governor of a school',
      'Shares in Northwind plc',
      { text: 'Partner works for Acme', organisation: '' },
    ];
    expect(matchInterestsToSuppliers(interests, ['Acme Ltd', 'Northwind'], index)).toEqual([
      { interest: 'Shares in Northwind plc', supplier: 'Northwind' },
      { interest: 'Partner works for Acme', supplier: 'Acme Ltd' },
    ]);
    expect(matchInterestsToSuppliers(interests, [], index)).toEqual([]);
  });
});

describe('the board’s stored aliases and a member’s interests, as the matcher reads them', () => {
  it('reads the alias groups from the settings and pairs each interest with its organisation', async () => {
    const { boardSupplierAliases, memberInterestTexts } = await import('../../../shared/rules/supplierMatching.ts');
    expect(boardSupplierAliases({ settings: { supplierAliases: [['Acme Digital', 'ADS']] } })).toEqual([
      ['Acme Digital', 'ADS'],
    ]);
    expect(
      memberInterestTexts({
        interests: ['Shareholding', 'Trustee of a charity', 'Spouse employed'],
        interestOrganisations: ['Acme Ltd', '  '],
      }),
    ).toEqual([
      { text: 'Shareholding', organisation: 'Acme Ltd' },
      { text: 'Trustee of a charity' },
      { text: 'Spouse employed' },
    ]);
    expect(memberInterestTexts({ interests: ['A'] })).toEqual([{ text: 'A' }]);
  });
});
