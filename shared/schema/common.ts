/**
 * Building blocks shared by every record schema.
 */
import { z } from 'zod';

// Say "is required" for a missing field, everywhere: a person reads these next to the field.
z.config({
  customError: (issue) => (issue.code === 'invalid_type' && issue.input === undefined ? 'is required' : undefined),
});

/** An instant: ISO-8601 in UTC, e.g. `2026-06-24T09:00:00.000Z`. */
export const Instant = z.iso.datetime({ message: 'must be a date and time in ISO-8601 UTC form' });

/** A calendar date `YYYY-MM-DD` that exists (no 31 June). */
export const CalendarDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be a date in the form YYYY-MM-DD' })
  .refine(
    (s) => {
      // Arithmetic, not a Date object: this runs for every date of every record on a full validation.
      const y = Number(s.slice(0, 4));
      const m = Number(s.slice(5, 7));
      const d = Number(s.slice(8, 10));
      if (m < 1 || m > 12 || d < 1) return false;
      const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
      const days = m === 2 ? (leap ? 29 : 28) : [4, 6, 9, 11].includes(m) ? 30 : 31;
      return d <= days;
    },
    { message: 'is not a real calendar date' },
  );

/** True when `tz` is a time zone the platform's Intl knows (e.g. `Europe/London`). */
export function isTimeZone(tz: string): boolean {
  // Remembered: making a DateTimeFormat is slow, and every record with a zone asks again.
  let known = timeZoneChecks.get(tz);
  if (known === undefined) {
    try {
      new Intl.DateTimeFormat('en-GB', { timeZone: tz });
      known = true;
    } catch {
      known = false;
    }
    if (timeZoneChecks.size < 1000) timeZoneChecks.set(tz, known);
  }
  return known;
}
const timeZoneChecks = new Map<string, boolean>();

/** Fields every stored record has, whatever its type. */
export const RecordBase = z.object({
  id: z.string().min(1),
  createdAt: Instant,
  updatedAt: Instant,
  archivedAt: Instant.nullable().optional(),
});
export type RecordBase = z.infer<typeof RecordBase>;

/**
 * The schema of a partial update: every field optional and without its
 * default. (zod's own `.partial()` keeps defaults, so a patch that leaves a
 * field out would reset it.)
 */
export function patchOf<Shape extends z.ZodRawShape>(
  schema: z.ZodObject<Shape>,
): z.ZodObject<{ [K in keyof Shape]: z.ZodOptional<Shape[K] extends z.ZodDefault<infer Inner> ? Inner : Shape[K]> }> {
  const shape: Record<string, z.ZodType> = {};
  for (const [key, field] of Object.entries(schema.shape)) {
    const inner = field instanceof z.ZodDefault ? (field.unwrap() as z.ZodType) : (field as z.ZodType);
    shape[key] = inner.optional();
  }
  return z.object(shape).strict() as never;
}
