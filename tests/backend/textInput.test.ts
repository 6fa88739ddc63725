/**
 * Text that cannot break the files it goes into: the backend, over the
 * contract, refuses control characters other than tab and newline in any
 * text field, naming the field and the character, and stores nothing.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { openBackend, type Backend } from '../../electron/backend/backend.ts';
import { call, dispatch } from '../../electron/backend/dispatch.ts';
import { tempDir } from '../helpers/tempDir.ts';

const open: Backend[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((b) => b.close()));
});

async function backend(): Promise<Backend> {
  const b = await openBackend({
    dataDir: await tempDir(),
    platform: { openPath: async () => false, quit: () => undefined },
    checkpointQuietMs: 60_000,
    logError: () => undefined,
  });
  open.push(b);
  return b;
}

describe('control characters in text input', () => {
  it('refuses NUL, VT, FF, ESC, DEL, C1 (U+0085), U+2028, U+2029 and lone surrogates, naming the field and the character', async () => {
    const b = await backend();
    const cases: Array<[string, string]> = [
      ['Chair\u0000 of the board', 'U+0000'],
      ['Chair\u000b of the board', 'U+000B'],
      ['Chair\u000c of the board', 'U+000C'],
      ['Chair\u001b[31m of the board', 'U+001B'],
      ['Chair\u007f of the board', 'U+007F'],
      ['Chair\u0085 of the board', 'U+0085'],
      ['Chair\u2028 of the board', 'U+2028'],
      ['Chair\u2029 of the board', 'U+2029'],
      ['Chair\ud800 of the board', 'U+D800'],
      ['Chair\udc00 of the board', 'U+DC00'],
      ['Chair\r of the board', 'U+000D'],
    ];
    for (const [name, codePoint] of cases) {
      const result = await dispatch(b.handlers, 'members:create', { name, role: 'chair' });
      expect(result, codePoint).toMatchObject({
        ok: false,
        error: {
          code: 'invalid_input',
          details: { issues: [{ field: 'name', message: expect.stringContaining(codePoint) as string }] },
        },
      });
    }
    // Nested fields are named by their path.
    const nested = await dispatch(b.handlers, 'members:create', {
      name: 'Chair',
      role: 'chair',
      interests: ['fine', 'Adviser\u0001 to the supplier'],
    });
    expect(nested).toMatchObject({
      ok: false,
      error: { details: { issues: [{ field: 'interests.1', message: expect.stringMatching(/control character/) }] } },
    });
    expect(await call(b.handlers, 'members:list', { page: 0, pageSize: 10 })).toMatchObject({
      ok: true,
      value: { total: 0 },
    });
  });

  it('accepts tabs, newlines, emoji and other text', async () => {
    const b = await backend();
    const saved = await call(b.handlers, 'decisions:create', {
      title: 'Approve the extension 🚓 — “quoted”',
      date: '2027-06-24',
      outcome: 'approved',
      wording: 'Line one\nline two\n\ttabbed',
    });
    expect(saved).toMatchObject({ ok: true });
  });
});

describe('years of dates in input', () => {
  it('refuses a date outside 1900-2200 with a field error, and makes no record (year 0000 made PCD 0-001)', async () => {
    const b = await backend();
    for (const date of ['0000-06-24', '0026-06-24', '1899-12-31', '2201-01-01', '9999-12-31']) {
      const result = await dispatch(b.handlers, 'decisions:create', { title: 'Approve', date, outcome: 'approved' });
      expect(result, date).toMatchObject({
        ok: false,
        error: {
          code: 'invalid_input',
          details: { issues: [{ field: 'date', message: expect.stringContaining('1900 to 2200') as string }] },
        },
      });
    }
    const nested = await dispatch(b.handlers, 'settings:update', { extraHolidays: ['2026-12-24', '0001-01-01'] });
    expect(nested).toMatchObject({ ok: false, error: { details: { issues: [{ field: 'extraHolidays.1' }] } } });
    for (const date of ['1900-01-01', '2200-12-31']) {
      expect(
        await dispatch(b.handlers, 'decisions:create', { title: 'Edge', date, outcome: 'approved' }),
        date,
      ).toMatchObject({
        ok: true,
      });
    }
    const list = await call(b.handlers, 'decisions:list', { page: 0, pageSize: 10 });
    expect(list).toMatchObject({ ok: true, value: { total: 2 } });
  });
});
