/** RFC 8785 canonical JSON: sorted keys by UTF-16 code units, no whitespace, ECMAScript numbers and strings. */
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../../shared/documents/canonicalJson.ts';

describe('canonicalJson (RFC 8785)', () => {
  it('sorts keys by UTF-16 code units, recursively, and writes no whitespace', () => {
    // RFC 8785 §3.2.3's sorting example: the keys by code unit, not code point or locale.
    const value = {
      '\u20ac': 'Euro Sign',
      '\r': 'Carriage Return',
      '\ufb33': 'Hebrew Letter Dalet With Dagesh',
      '1': 'One',
      '\ud83d\ude00': 'Emoji: Grinning Face',
      '\u0080': 'Control',
      '\u00f6': 'Latin Small Letter O With Diaeresis',
    };
    const order = ['\r', '1', '\u0080', '\u00f6', '\u20ac', '\ud83d\ude00', '\ufb33'] as const;
    const expected = `{${order.map((k) => `${JSON.stringify(k)}:${JSON.stringify(value[k])}`).join(',')}}`;
    expect(canonicalJson(value)).toBe(expected);
    expect(canonicalJson({ b: [3, { z: 1, a: null }], a: 'x' })).toBe('{"a":"x","b":[3,{"a":null,"z":1}]}');
  });

  it('writes numbers and strings as ECMAScript does, and refuses what JSON cannot hold', () => {
    expect(canonicalJson([1e21, 0.1, -0, 1e-7, 'é\n"'])).toBe('[1e+21,0.1,0,1e-7,"é\\n\\""]');
    expect(() => canonicalJson(Number.NaN)).toThrow(/not a JSON number/);
    expect(canonicalJson({ a: undefined, b: 1 })).toBe('{"b":1}');
  });
});
