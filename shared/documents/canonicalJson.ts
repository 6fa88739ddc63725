/**
 * RFC 8785 JSON Canonicalization Scheme (JCS): one byte sequence for one JSON
 * value, whoever writes it. Object members are sorted by their names' UTF-16
 * code units, no whitespace, strings and numbers as ECMAScript's
 * JSON.stringify writes them (which is what RFC 8785 prescribes). Used for
 * decision seals and for the archive's state.json, so a file written twice
 * from the same records is the same bytes.
 */

/** A JSON value as JCS accepts it (no undefined, no non-finite numbers). */
export type JsonValue = null | boolean | number | string | readonly JsonValue[] | { readonly [key: string]: JsonValue };

function compareUtf16(a: string, b: string): number {
  // JavaScript string comparison is by UTF-16 code unit: exactly RFC 8785 §3.2.3.
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The canonical text of `value` (RFC 8785). Members whose value is
 * `undefined` are left out, as JSON.stringify does; a non-finite number is
 * refused, since JSON cannot hold it.
 */
export function canonicalJson(value: unknown): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`canonicalJson: ${String(value)} is not a JSON number`);
      return JSON.stringify(value);
    case 'string':
      return JSON.stringify(value);
    case 'object': {
      if (Array.isArray(value)) return `[${value.map((v: unknown) => canonicalJson(v ?? null)).join(',')}]`;
      const record = value as Record<string, unknown>;
      const keys = Object.keys(record)
        .filter((k) => record[k] !== undefined)
        .sort(compareUtf16);
      return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(record[k])}`).join(',')}}`;
    }
    default:
      throw new TypeError(`canonicalJson: a ${typeof value} is not JSON`);
  }
}
