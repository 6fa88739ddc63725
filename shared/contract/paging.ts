/**
 * Pages of row summaries: what every list channel returns, never whole
 * records in bulk.
 */
import { z } from 'zod';

/** Paging input shared by list channels. */
export const PageInput = {
  page: z.number().int().min(0, { message: 'must be 0 or more' }).default(0),
  pageSize: z.number().int().min(1).max(500, { message: 'must be at most 500' }).default(50),
};

/** One page of rows. */
export interface Page<Row> {
  readonly rows: readonly Row[];
  readonly total: number;
  readonly page: number;
  readonly pageSize: number;
}

/** Cuts a page out of all matching rows. */
export function pageOf<Row>(rows: readonly Row[], page: number, pageSize: number): Page<Row> {
  return { rows: rows.slice(page * pageSize, (page + 1) * pageSize), total: rows.length, page, pageSize };
}

/** Case- and accent-insensitive "contains every word" test for list search boxes. */
export function matchesSearch(search: string, ...fields: readonly string[]): boolean {
  const fold = (s: string) => s.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
  const words = fold(search).split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const haystack = fold(fields.join(' \u0000 '));
  return words.every((w) => haystack.includes(w));
}
