import { describe, expect, it } from 'vitest';
import { currentTermEnd, maxExtentWarning, termHistory } from '../../../shared/rules/contractTerms.ts';
import type { ExtensionOption } from '../../../shared/schema/contracts.ts';

function option(months: number, exercised: boolean): ExtensionOption {
  return {
    id: `opt_${months}`,
    months,
    noticeBy: '',
    valueGbp: null,
    exercised,
    exercisedByDecisionId: null,
    exercisedOn: '',
  };
}

describe('a contract term moved by exercised options', () => {
  it('moves the end by each exercised option, following the calendar at month ends', () => {
    expect(currentTermEnd({ termEnd: '2027-01-31', extensionOptions: [option(1, true)] })).toBe('2027-02-28');
    expect(currentTermEnd({ termEnd: '2028-01-31', extensionOptions: [option(1, true)] })).toBe('2028-02-29');
    // Each option runs from the end the previous one left: 31 Jan -> 28 Feb -> 28 Mar.
    expect(
      termHistory({ termEnd: '2027-01-31', extensionOptions: [option(1, true), option(1, true)] }).map((s) => s.end),
    ).toEqual(['2027-01-31', '2027-02-28', '2027-03-28']);
  });

  it('keeps the end as let when no option is exercised, and has no end without one', () => {
    expect(currentTermEnd({ termEnd: '2026-06-24', extensionOptions: [option(12, false)] })).toBe('2026-06-24');
    expect(currentTermEnd({ termEnd: '2026-06-24', extensionOptions: [option(12, true)] })).toBe('2027-06-24');
    expect(currentTermEnd({ termEnd: '', extensionOptions: [option(12, true)] })).toBe('');
  });

  it('checks the maximum extent against the current end plus the options not yet exercised, in words', () => {
    // The pilot: 24 June 2026 + 12 months exercised = 24 June 2027, its maximum extent: no warning.
    expect(
      maxExtentWarning({ termEnd: '2026-06-24', maxExtentDate: '2027-06-24', extensionOptions: [option(12, true)] }),
    ).toBeNull();
    expect(
      maxExtentWarning({
        termEnd: '2026-06-24',
        maxExtentDate: '2027-06-24',
        extensionOptions: [option(12, true), option(6, false)],
      }),
    ).toBe(
      'Exercising the 6-month extension option would run the contract to 24 December 2027, past its maximum extent (24 June 2027).',
    );
    expect(
      maxExtentWarning({ termEnd: '2026-06-24', maxExtentDate: '2026-12-31', extensionOptions: [option(12, true)] }),
    ).toBe("The current end, 24 June 2027, is past the contract's maximum extent (31 December 2026).");
  });
});
