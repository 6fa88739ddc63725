import { describe, expect, it } from 'vitest';
import { nextReference } from '../../../shared/rules/references.ts';

describe('proposed decision references', () => {
  const pattern = 'PCD {yyyy}-{seq:3}';

  it('continue after the highest number of the same year, the board’s own references included', () => {
    expect(nextReference(pattern, 2026, ['PCD 2026-094', 'PCD 2026-117', 'PCD 2025-300'])).toBe('PCD 2026-118');
    expect(nextReference(pattern, 2025, ['PCD 2026-094', 'PCD 2026-117', 'PCD 2025-300'])).toBe('PCD 2025-301');
  });

  it('start at 001 in a year with none, ignoring references of another shape', () => {
    expect(nextReference(pattern, 2027, ['PCD 2026-117', 'PCD-FOLLOW-01'])).toBe('PCD 2027-001');
  });
});
