// The PDF reader's drawing queue (one page drawn at a time, the most urgent first, urgency asked again as
// each drawing ends, a drawing taken out before its turn never runs) and which items of equal height show.
import { describe, expect, it } from 'vitest';
import { DrawQueue, itemsInView } from '../../renderer/src/pdf/drawing.ts';

/** A drawing that records when it starts and ends when `finish` is called. */
function drawing(log: string[], name: string, urgency: () => number) {
  let finish: () => void = () => undefined;
  return {
    finish: () => finish(),
    job: {
      priority: urgency,
      run: () =>
        new Promise<void>((resolve) => {
          log.push(`start ${name}`);
          finish = () => {
            log.push(`end ${name}`);
            resolve();
          };
        }),
    },
  };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('DrawQueue', () => {
  it('draws one at a time, the most urgent of those queued together first', async () => {
    const queue = new DrawQueue();
    const log: string[] = [];
    const far = drawing(log, 'page 3', () => 2);
    const near = drawing(log, 'page 1', () => 0);
    const next = drawing(log, 'page 2', () => 1);
    queue.add(far.job);
    queue.add(near.job);
    queue.add(next.job);
    await tick();
    expect(log).toEqual(['start page 1']);
    near.finish();
    await tick();
    expect(log).toEqual(['start page 1', 'end page 1', 'start page 2']);
    next.finish();
    await tick();
    far.finish();
    await tick();
    expect(log.slice(-3)).toEqual(['end page 2', 'start page 3', 'end page 3']);
  });

  it('asks again how urgent each waiting drawing is when one ends (the view moved meanwhile)', async () => {
    const queue = new DrawQueue();
    const log: string[] = [];
    let inView = 1;
    const first = drawing(log, 'page 1', () => Math.abs(1 - inView));
    const ten = drawing(log, 'page 10', () => Math.abs(10 - inView));
    const two = drawing(log, 'page 2', () => Math.abs(2 - inView));
    queue.add(first.job);
    queue.add(ten.job);
    queue.add(two.job);
    await tick();
    inView = 10;
    first.finish();
    await tick();
    expect(log.at(-1)).toBe('start page 10');
  });

  it('never runs a drawing taken out before its turn, and goes on after one that fails', async () => {
    const queue = new DrawQueue();
    const log: string[] = [];
    const failing = {
      priority: () => 0,
      run: async () => {
        log.push('start failing');
        throw new Error('cancelled');
      },
    };
    const gone = drawing(log, 'gone', () => 1);
    const kept = drawing(log, 'kept', () => 2);
    queue.add(failing);
    const remove = queue.add(gone.job);
    queue.add(kept.job);
    remove();
    await tick();
    await tick();
    expect(log).toEqual(['start failing', 'start kept']);
  });
});

describe('DrawQueue, a drawing taken out while it runs', () => {
  it('frees the queue at once (a cancelled drawing may never settle)', async () => {
    const queue = new DrawQueue();
    const log: string[] = [];
    const stuck = drawing(log, 'stuck', () => 0);
    const next = drawing(log, 'next', () => 1);
    const remove = queue.add(stuck.job);
    queue.add(next.job);
    await tick();
    expect(log).toEqual(['start stuck']);
    remove();
    await tick();
    expect(log).toEqual(['start stuck', 'start next']);
    // The stuck one ending late does not start a second drawing beside the one running.
    const third = drawing(log, 'third', () => 2);
    queue.add(third.job);
    stuck.finish();
    await tick();
    expect(log).toEqual(['start stuck', 'start next', 'end stuck']);
    next.finish();
    await tick();
    expect(log.at(-1)).toBe('start third');
  });
});

describe('DrawQueue, held while the pages fly past', () => {
  it('starts no drawing while held, lets the one running go on, and starts the next once the hold ends', async () => {
    let now = 1000;
    const queue = new DrawQueue(() => now);
    const log: string[] = [];
    const running = drawing(log, 'page 1', () => 0);
    queue.add(running.job);
    await tick();
    queue.hold(120);
    const next = drawing(log, 'page 2', () => 1);
    queue.add(next.job);
    running.finish();
    await tick();
    // Held: page 1 ended, page 2 waits.
    expect(log).toEqual(['start page 1', 'end page 1']);
    // Held again before the first hold ended (still flinging): still nothing at the first hold's end.
    now += 100;
    queue.hold(120);
    now += 30;
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(log).toEqual(['start page 1', 'end page 1']);
    now += 100;
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(log).toEqual(['start page 1', 'end page 1', 'start page 2']);
  });
});

describe('itemsInView', () => {
  it('names the first and last items a box shows', () => {
    // Items of 100 px: a box 240 px tall scrolled to 150 px shows items 2 to 4.
    expect(itemsInView(150, 240, 100, 300)).toEqual([2, 4]);
    expect(itemsInView(0, 250, 100, 300)).toEqual([1, 3]);
    // After 8 px of padding.
    expect(itemsInView(0, 100, 100, 300, 8)).toEqual([1, 1]);
    // Never past the last item, nor before the first.
    expect(itemsInView(29_950, 250, 100, 300)).toEqual([300, 300]);
    expect(itemsInView(0, 250, 100, 0)).toEqual([1, 0]);
  });
});
