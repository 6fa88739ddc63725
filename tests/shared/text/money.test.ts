import { describe, expect, it } from 'vitest';
import { parseMoney } from '../../../shared/text/money.ts';

describe('parseMoney', () => {
  it.each([
    ['£25.3m', 25_300_000],
    ['£24.8 million', 24_800_000],
    ['25,300,000', 25_300_000],
    ['£25,300,000', 25_300_000],
    ['£1.2bn', 1_200_000_000],
    ['£330m', 330_000_000],
    ['450k', 450_000],
    ['GBP 50.1 million', 50_100_000],
    ['0', 0],
    ['  £12  ', 12],
  ])('reads %s as %d pounds', (typed, pounds) => {
    expect(parseMoney(typed)).toEqual({ kind: 'pounds', pounds });
  });

  it('reads an empty field as nothing typed', () => {
    expect(parseMoney('  ')).toEqual({ kind: 'empty' });
  });

  it.each([
    ['£25.3.1m', /is not a number/],
    ['-£5', /cannot be negative/],
    ['£-5', /cannot be negative/],
    ['12 apples', /“apples” is not a unit of money/],
    ['£12.50', /whole pounds/],
    ['25,30,000', /is not a number/],
    ['£', /write a sum/],
    ['£99999999999bn', /too large/],
  ])('refuses %s, saying why', (typed, reason) => {
    const parsed = parseMoney(typed);
    expect(parsed.kind).toBe('refused');
    expect(parsed.kind === 'refused' ? parsed.reason : '').toMatch(reason);
  });
});
