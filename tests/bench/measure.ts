/**
 * What a measure is and what it reports. Each measure is a small module in
 * `measures/` that returns table rows; the runner runs each in its own
 * process and writes the rows to docs/benchmarks.md. A later issue adds a
 * measure by adding a module and a line in `measures/index.ts`.
 */
import type { Body } from './generate.ts';
import type { BodySize } from './history.ts';
import type { Summary } from './stats.ts';

/** What a measure gets. */
export interface MeasureContext {
  readonly body: Body;
  readonly size: BodySize;
  /** A folder of its own for working copies and floor files (same file system as the body); removed after. */
  readonly scratch: string;
  log(line: string): void;
}

/** The verdict on a row's target. */
export type Verdict =
  | { readonly kind: 'met' }
  | { readonly kind: 'missed'; readonly by: string; readonly why: string }
  | { readonly kind: 'not-built'; readonly issue: number }
  | { readonly kind: 'not-measured'; readonly issue: number; readonly found: string }
  | { readonly kind: 'info' };

/** One line of the table. Plain data: it crosses from the measure's process to the runner. */
export interface Row {
  readonly operation: string;
  readonly size: string;
  readonly unit: 'ms' | 'MB';
  readonly median?: number;
  readonly spread?: { readonly lo: number; readonly hi: number; readonly kind: 'min–max' | 'p10–p90' };
  readonly runs?: number;
  readonly floor?: { readonly what: string; readonly median: number; readonly unit?: 'ms' | 'MB' };
  readonly ratio?: number;
  readonly target: string;
  readonly verdict: Verdict;
  /** Details printed under the table: breakdowns, caveats, evidence. */
  readonly notes?: readonly string[];
}

/** A measure: runs, returns its rows. */
export interface Measure {
  readonly id: string;
  readonly title: string;
  run(ctx: MeasureContext): Promise<Row[]>;
}

/** The spread to show for a summary: p10–p90 when there are enough samples, else min–max. */
export function spreadOf(s: Summary): NonNullable<Row['spread']> {
  return s.n >= 20 ? { lo: s.p10, hi: s.p90, kind: 'p10–p90' } : { lo: s.min, hi: s.max, kind: 'min–max' };
}

/** One limit a figure must keep. */
export interface Check {
  readonly label: string;
  readonly value: number;
  readonly max: number;
  readonly unit: '×' | 'ms' | 'MB';
}

/** A figure with its unit, as the table prints it. */
export function formatValue(value: number, unit: Check['unit'] | Row['unit']): string {
  if (unit === '×') return `${value.toFixed(2)}×`;
  if (unit === 'MB') return `${value >= 100 ? value.toFixed(0) : value.toFixed(1)} MB`;
  if (value < 1) return `${value.toFixed(3)} ms`;
  if (value < 100) return `${value.toFixed(1)} ms`;
  return `${Math.round(value).toLocaleString('en-GB')} ms`;
}

/**
 * Met when every check holds; otherwise says by how much each failing one
 * misses, and why (`why` is asked only on a miss).
 */
export function judge(checks: readonly Check[], why: () => string): Verdict {
  const failing = checks.filter((c) => !(c.value <= c.max));
  if (failing.length === 0) return { kind: 'met' };
  const by = failing
    .map((c) => {
      const over = c.value / c.max - 1;
      return `${c.label} ${formatValue(c.value, c.unit)} against ${formatValue(c.max, c.unit)} (${(over * 100).toFixed(0)}% over)`;
    })
    .join('; ');
  return { kind: 'missed', by, why: why() };
}
