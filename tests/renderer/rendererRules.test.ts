/**
 * Small pure rules of the renderer: which area an address shows, how field
 * issues land on fields, and how dates and sizes are written (en-GB).
 */
import { describe, expect, it } from 'vitest';
import { AREAS, areaOf, hrefOf } from '../../renderer/src/app/routes.ts';
import { fieldErrorsOf } from '../../renderer/src/fieldErrors.ts';
import { formatBytes, formatDateTime, formatDateTimeLong } from '../../renderer/src/format.ts';
import { browserDateFormatNote } from '../../renderer/src/components/Field.tsx';

describe('routes', () => {
  it('reads the area from the hash, and falls back to the dashboard', () => {
    expect(areaOf('#/settings')).toBe('settings');
    expect(areaOf('#/deadlines/ddl_1')).toBe('deadlines');
    expect(areaOf('#/settings?x=1')).toBe('settings');
    expect(areaOf('')).toBe('dashboard');
    expect(areaOf('#/nowhere')).toBe('dashboard');
    for (const area of AREAS) expect(areaOf(hrefOf(area.id))).toBe(area.id);
  });
});

describe('fieldErrorsOf', () => {
  it('keeps the first message per field and drops a record prefix', () => {
    const errors = fieldErrorsOf(
      {
        code: 'invalid_input',
        message: '…',
        details: {
          issues: [
            { field: 'boardName', message: 'is required' },
            { field: 'boardName', message: 'must be at most 200 characters' },
            { field: 'settings.timeZone', message: 'is not a known time zone' },
          ],
        },
      },
      'settings.',
    );
    expect(errors).toEqual({ boardName: 'is required', timeZone: 'is not a known time zone' });
  });

  it('has nothing to say about other errors', () => {
    expect(fieldErrorsOf({ code: 'store_unavailable', message: 'no' })).toEqual({});
    expect(fieldErrorsOf(undefined)).toEqual({});
  });
});

describe('format', () => {
  it('writes dates the British way', () => {
    expect(formatDateTime('2026-06-24T09:05:00.000Z')).toMatch(/^24 June 2026, \d{2}:05$/);
    expect(formatDateTimeLong('2026-06-24T09:05:00.000Z')).toMatch(/^24 June 2026 at \d{2}:05$/);
    expect(formatDateTime('not a date')).toBe('not a date');
  });

  it('writes sizes for a person', () => {
    expect(formatBytes(0)).toBe('0 bytes');
    expect(formatBytes(1)).toBe('1 byte');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(5 * 1024 * 1024)).toBe('5 MB');
  });
});

describe('date fields in a browser whose language is not UK English', () => {
  it('say the browser shows dates month first, and nothing for a day-first language or the desktop app', () => {
    expect(browserDateFormatNote('en-US', false)).toBe('Your browser shows dates as mm/dd/yyyy: month first.');
    expect(browserDateFormatNote('en-GB', false)).toBe('');
    expect(browserDateFormatNote('fr-FR', false)).toBe('');
    expect(browserDateFormatNote('en-US', true)).toBe('');
  });
});
