// The store's lent buffer (electron/backend/store/scratchBuffer.ts) and the journal reads that use
// it: what is read is the file as it is, whatever the buffer held before, and a buffer is never
// lent to two uses at once.
import { appendFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { leaseSegmentBytes, readSegment } from '../../electron/backend/store/journal.ts';
import { giveBack, takeBuffer } from '../../electron/backend/store/scratchBuffer.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bk-scratch-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** `bytes` bytes of lines, each naming its number and `mark` (non-ASCII characters included). */
function linesOf(bytes: number, mark: string): string {
  let text = '';
  for (let i = 0; text.length < bytes; i++) text += `{"seq":${i},"mark":"${mark}","who":"Zoë Ashworth — £1,250"}\n`;
  return text;
}

describe('the lent buffer', () => {
  it('reads each segment as it is, one after another, a long one after a short one and back', async () => {
    const texts = [linesOf(3_000, 'a'), linesOf(40 * 1024 * 1024, 'b'), linesOf(1_000, 'c'), linesOf(0, 'd')];
    for (const [i, text] of texts.entries()) await writeFile(join(dir, `s${i}.jsonl`), text);
    for (const [i, text] of texts.entries()) expect(await readSegment(dir, `s${i}.jsonl`)).toBe(text);
    // Read as bytes and held while another is read: two leases never share a buffer.
    const first = await leaseSegmentBytes(dir, 's0.jsonl');
    const second = await leaseSegmentBytes(dir, 's2.jsonl');
    expect(first.bytes.buffer).not.toBe(second.bytes.buffer);
    expect(first.bytes.toString('utf8')).toBe(texts[0]);
    expect(second.bytes.toString('utf8')).toBe(texts[2]);
    first.release();
    second.release();
  });

  it('reads a file that grew after it was opened to its end', async () => {
    const path = join(dir, 'grows.jsonl');
    await writeFile(path, linesOf(2_000, 'x'));
    const grown = linesOf(2_000, 'x') + linesOf(500, 'y');
    await appendFile(path, linesOf(500, 'y'));
    expect(await readSegment(dir, 'grows.jsonl')).toBe(grown);
    expect(await readFile(path, 'utf8')).toBe(grown);
  });

  it('is lent to one use at a time, and handed back for the next', () => {
    const a = takeBuffer(10);
    const b = takeBuffer(10);
    expect(a.buffer).not.toBe(b.buffer);
    giveBack(a);
    expect(takeBuffer(10)).toBe(a);
    giveBack(b);
    // A use that needs more than the spare holds gets its own.
    expect(takeBuffer(b.length + 1).length).toBeGreaterThan(b.length);
  });
});
