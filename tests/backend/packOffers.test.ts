// Packs offered without being opened by hand: the watched folder (chokidar, rescanned at start) and a pack
// the system opened the app with. Offered, never applied silently; an imported pack is not offered again.
import { copyFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { PackOffer } from '../../shared/contract/packViews.ts';
import { testBackend } from '../helpers/backend.ts';
import { packOnDisk, secretariatCopy } from '../helpers/packs.ts';
import { tempDir } from '../helpers/tempDir.ts';

describe('packs on offer', () => {
  it('offers a pack dropped into the watched folder (and those there at start), imports it only when asked', async () => {
    const sec = await secretariatCopy();
    const pack = await sec.copy.ok('packs:publish', { meetingId: sec.meetingId });
    const member = await testBackend(new Date('2026-06-20T10:00:00.000Z'));
    const offered: PackOffer[] = [];
    member.backend.on('packs:offered', (offer) => offered.push(offer));
    const folder = await tempDir();
    await writeFile(join(folder, 'notes.txt'), 'not a pack');
    const already = await packOnDisk(pack.fileName, pack.dataBase64);
    await copyFile(already, join(folder, 'already there.boardpack'));

    expect((await member.refused('packs:setWatchedFolder', { folder: join(folder, 'nope') })).message).toMatch(
      /is not a folder this app can read/,
    );
    expect(await member.ok('packs:setWatchedFolder', { folder, polling: true })).toEqual({
      folder,
      polling: true,
      watching: true,
    });
    // The rescan: the pack already in the folder is offered; the text file is not.
    await vi.waitFor(() => expect(offered.map((o) => o.fileName)).toEqual(['already there.boardpack']), {
      timeout: 10_000,
    });
    // A new one copied in is offered too.
    await copyFile(already, join(folder, 'new.boardpack'));
    await vi.waitFor(() => expect(offered).toHaveLength(2), { timeout: 10_000 });
    expect(await member.ok('packs:offers', {})).toEqual([
      { path: join(folder, 'already there.boardpack'), fileName: 'already there.boardpack', from: 'watchedFolder' },
      { path: join(folder, 'new.boardpack'), fileName: 'new.boardpack', from: 'watchedFolder' },
    ]);
    // Nothing was applied.
    expect(member.backend.status().seq).toBe(0);

    // Opened from the offer: imported, no longer on offer; its copy is set aside by the member.
    const path = join(folder, 'new.boardpack');
    expect(await member.ok('packs:import', { fileName: 'new.boardpack', path, trust: true })).toMatchObject({
      outcome: 'imported',
    });
    await member.ok('packs:dismissOffer', { path: join(folder, 'already there.boardpack') });
    expect(await member.ok('packs:offers', {})).toEqual([]);

    // The system opening the app with a pack it already holds offers nothing; another file is offered.
    expect(await member.backend.offerPack(already)).toBe(false);
    expect(await member.backend.offerPack(join(folder, 'notes.txt'))).toBe(false);
    const other = await sec.copy.ok('packs:publish', { meetingId: sec.meetingId });
    const otherPath = await packOnDisk(other.fileName, other.dataBase64);
    expect(await member.backend.offerPack(otherPath)).toBe(true);
    expect(offered.at(-1)).toEqual({ path: otherPath, fileName: other.fileName, from: 'system' });
    await member.ok('packs:setWatchedFolder', { folder: null });
    expect(await member.ok('packs:watchedFolder', {})).toEqual({ folder: null, polling: false, watching: false });
  });
});
