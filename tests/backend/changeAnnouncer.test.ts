// How the store's changes are announced to the pages (data:changed): at once, except the scheduler's
// catch-up, whose changes are announced together when it ends.
import { describe, expect, it } from 'vitest';
import { ChangeAnnouncer } from '../../electron/backend/changeAnnouncer.ts';

describe('ChangeAnnouncer', () => {
  it('announces each change at once when nothing is held', () => {
    const announced: Array<{ seq: number; targets: readonly string[] }> = [];
    const announcer = new ChangeAnnouncer((payload) => announced.push(payload));
    announcer.changed({ seq: 1, targets: ['conditions'] }, false);
    announcer.changed({ seq: 2, targets: ['reminderLedger'] }, true);
    expect(announced).toEqual([
      { seq: 1, targets: ['conditions'] },
      { seq: 2, targets: ['reminderLedger'] },
    ]);
  });

  it('gathers held changes into one announcement at the release, and never holds back a person’s change', () => {
    const announced: Array<{ seq: number; targets: readonly string[] }> = [];
    const announcer = new ChangeAnnouncer((payload) => announced.push(payload));
    const release = announcer.hold();
    announcer.changed({ seq: 1, targets: ['reminderLedger'] }, true);
    announcer.changed({ seq: 2, targets: ['reminderLedger'] }, true);
    expect(announced).toEqual([]);
    // A person's change made meanwhile is announced at once, with what was gathered before it.
    announcer.changed({ seq: 3, targets: ['conditions'] }, false);
    expect(announced).toEqual([{ seq: 3, targets: ['reminderLedger', 'conditions'] }]);
    announcer.changed({ seq: 4, targets: ['reminderLedger'] }, true);
    release();
    release();
    expect(announced).toEqual([
      { seq: 3, targets: ['reminderLedger', 'conditions'] },
      { seq: 4, targets: ['reminderLedger'] },
    ]);
    // Released: announced at once again.
    announcer.changed({ seq: 5, targets: ['reminderLedger'] }, true);
    expect(announced.at(-1)).toEqual({ seq: 5, targets: ['reminderLedger'] });
  });

  it('announces nothing at the release when nothing was gathered', () => {
    const announced: unknown[] = [];
    const announcer = new ChangeAnnouncer((payload) => announced.push(payload));
    announcer.hold()();
    expect(announced).toEqual([]);
  });
});
