// Which changes re-read which answers: the table the renderer's query cache is refreshed by.
import { describe, expect, it } from 'vitest';
import { changeTouches, READS } from '../../../shared/contract/reads.ts';

describe('changeTouches', () => {
  it('re-reads an answer when a change names a collection it reads, and only then', () => {
    expect(changeTouches('conditions:get', ['conditions'])).toBe(true);
    expect(changeTouches('conditions:get', ['paperMarks'])).toBe(false);
    expect(changeTouches('papers:get', ['papers', 'paperMarks'])).toBe(true);
    expect(changeTouches('dashboard:get', ['reminderLedger'])).toBe(false);
    expect(changeTouches('reminders:list', ['reminderLedger'])).toBe(true);
  });

  it('re-reads everything after a restore or a change of settings, and the audit trail after any change', () => {
    for (const channel of Object.keys(READS) as Array<keyof typeof READS>) {
      expect(changeTouches(channel, ['*']), channel).toBe(true);
      expect(changeTouches(channel, ['settings']), channel).toBe(true);
      expect(changeTouches(channel, []), channel).toBe(false);
    }
    expect(changeTouches('audit:list', ['paperMarks'])).toBe(true);
    expect(changeTouches('store:status', ['conditions'])).toBe(false);
  });
});
