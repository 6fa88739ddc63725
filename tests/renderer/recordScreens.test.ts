/**
 * Small pure rules behind the members, meetings and papers screens: where an
 * address leads, how a diff folds, the next agenda number, when opening a
 * paper marks it read, and which attachments are saved but never opened.
 */
import { describe, expect, it } from 'vitest';
import { linkTo, placeOf, queryChoice, queryPage } from '../../renderer/src/app/location.ts';
import { nextItemNumber } from '../../renderer/src/features/meetings/AgendaEditor.tsx';
import { isExecutable, tooLargeMessage } from '../../renderer/src/features/papers/attachmentFiles.ts';
import { foldDiff } from '../../renderer/src/features/papers/PaperVersionPage.tsx';
import { leaveUnreadOnOpen, shouldMarkReadOnOpen } from '../../renderer/src/features/papers/readMarks.ts';
import { formatCalendarDate, formatCalendarDateLong, formatDateTimeSeconds } from '../../renderer/src/format.ts';
import { dueInWords } from '../../renderer/src/features/conditions/conditionWords.tsx';
import { whenOf } from '../../renderer/src/features/meetings/meetingText.ts';
import { longDate } from '../../shared/dates/calendarDates.ts';
import { MAX_ATTACHMENT_BYTES } from '../../shared/schema/papers.ts';

describe('places in the address', () => {
  it('reads the area, the path below it and the query', () => {
    const place = placeOf('#/papers/pap_1/versions/2?read=unread&classification=confidential');
    expect(place.area).toBe('papers');
    expect(place.path).toEqual(['pap_1', 'versions', '2']);
    expect(place.query.get('read')).toBe('unread');
    expect(placeOf('').path).toEqual([]);
    expect(placeOf('#/members').path).toEqual([]);
  });

  it('writes links that leave out empty filters and read back the same', () => {
    const href = linkTo(['papers'], { classification: 'confidential', read: 'unread', search: '', page: undefined });
    expect(href).toBe('#/papers?classification=confidential&read=unread');
    expect(linkTo(['meetings', 'mtg_1'], { item: 'itm_2' })).toBe('#/meetings/mtg_1?item=itm_2');
    const back = placeOf(linkTo(['papers'], { search: 'a&b = c' }));
    expect(back.query.get('search')).toBe('a&b = c');
  });

  it('takes only known filter values and sensible pages', () => {
    const query = new URLSearchParams('sort=evil&page=3');
    expect(queryChoice(query, 'sort', ['name', 'role'] as const, 'name')).toBe('name');
    expect(queryPage(query)).toBe(2);
    expect(queryPage(new URLSearchParams('page=-4'))).toBe(0);
    expect(queryPage(new URLSearchParams('page=x'))).toBe(0);
  });
});

describe('the agenda', () => {
  it('numbers a new item after the highest whole number', () => {
    expect(nextItemNumber([])).toBe('1');
    expect(nextItemNumber(['1', '2', '4'])).toBe('5');
    expect(nextItemNumber(['1', '2a', 'AOB'])).toBe('3');
    expect(nextItemNumber(['A', 'B'])).toBe('3');
  });
});

describe('version diffs', () => {
  it('folds long unchanged stretches, keeping two lines around each change', () => {
    const same = (text: string) => ({ kind: 'same' as const, text });
    const lines = [
      ...['a', 'b', 'c', 'd', 'e'].map(same),
      { kind: 'removed' as const, text: 'old' },
      { kind: 'added' as const, text: 'new' },
      ...['f', 'g', 'h', 'i'].map(same),
    ];
    expect(foldDiff(lines)).toEqual([
      { kind: 'folded', count: 3 },
      same('d'),
      same('e'),
      { kind: 'removed', text: 'old' },
      { kind: 'added', text: 'new' },
      same('f'),
      same('g'),
      { kind: 'folded', count: 2 },
    ]);
  });
});

describe('read marks', () => {
  it('marks read on opening an unread paper, not one changed since it was read (its changes are shown first)', () => {
    expect(shouldMarkReadOnOpen('pap_a', null, false)).toBe(true);
    expect(shouldMarkReadOnOpen('pap_a', '2026-06-02T10:00:00.000Z', false)).toBe(false);
    expect(shouldMarkReadOnOpen('pap_a', '2026-06-01T09:00:00.000Z', true)).toBe(false);
  });

  it('leaves the mark alone once, right after the paper was saved', () => {
    leaveUnreadOnOpen('pap_b');
    expect(shouldMarkReadOnOpen('pap_b', null, false)).toBe(false);
    expect(shouldMarkReadOnOpen('pap_b', null, false)).toBe(true);
  });
});

describe('attachments', () => {
  it('tells programs, by name or type, from documents', () => {
    expect(isExecutable('setup.EXE', '')).toBe(true);
    expect(isExecutable('run.sh', 'text/plain')).toBe(true);
    expect(isExecutable('tool', 'application/x-msdownload')).toBe(true);
    expect(isExecutable('business-case.pdf', 'application/pdf')).toBe(false);
    expect(isExecutable('minutes.docx', '')).toBe(false);
  });

  it('refuses a file over the limit in the backend’s words', () => {
    expect(tooLargeMessage('scan.pdf', MAX_ATTACHMENT_BYTES)).toBeUndefined();
    expect(tooLargeMessage('scan.pdf', 30 * 1024 * 1024)).toBe('scan.pdf is 30.0 MB; attachments may be at most 25 MB');
  });
});

describe('calendar dates', () => {
  it('writes them the British way, whatever the time zone', () => {
    expect(formatCalendarDate('2026-06-24')).toBe('24 June 2026');
    expect(formatCalendarDateLong('2026-06-24')).toBe('Wednesday 24 June 2026');
    expect(formatCalendarDate('')).toBe('');
    expect(formatCalendarDate('soon')).toBe('soon');
  });

  it('write one date one way on a card: the month in full, never "Mar" beside "March"', () => {
    // The condition page put its "Due" (dueInWords) beside its "Next due" (longDate): the two must agree.
    expect(dueInWords({ due: '2027-03-01', recurrence: null })).toBe(longDate('2027-03-01'));
    expect(dueInWords({ due: '2027-03-01', recurrence: null })).toBe('1 March 2027');
    expect(dueInWords({ due: '', recurrence: { every: 'quarterly', from: '2026-09-24', until: '2027-06-24' } })).toBe(
      'Every quarter from 24 September 2026 until 24 June 2027',
    );
    expect(whenOf({ date: '2026-12-11', time: '10:00' })).toBe('11 December 2026, 10:00');
    expect(formatDateTimeSeconds('2026-06-24T09:05:12.000Z')).toMatch(/^24 June 2026, \d{2}:05:12$/);
    for (let month = 1; month <= 12; month += 1) {
      const date = `2026-${String(month).padStart(2, '0')}-09`;
      expect(formatCalendarDate(date)).toBe(longDate(date));
    }
  });
});
