// The checkpoint is written in ASCII (every other character as a \uXXXX escape), so opening reads it as a
// one-byte string instead of decoding UTF-8 into a two-byte one (issue 16: a tenth of the decode time, half
// the memory). A folder written by the version before (a UTF-8 checkpoint, sealed) must open trusted,
// verify, and check as a backup copy: its bytes are compared in the form they were written.
import { isAscii } from 'node:buffer';
import { createHash } from 'node:crypto';
import { cp, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkDataCopy } from '../../electron/backend/store/copyCheck.ts';
import { openStore, type StoreOptions } from '../../electron/backend/store/store.ts';
import { toDocument } from '../../shared/schema/state.ts';
import { tempDir } from '../helpers/tempDir.ts';

/** Written by the version before this one (schema 13, checkpoints in UTF-8): six members, five of them named outside ASCII. */
const UTF8_FIXTURE = join(process.cwd(), 'tests', 'fixtures', 'schema-v13-utf8-checkpoint');
const NAMES = [
  'Zoë Ångström',
  'Siân Llŷr',
  'Łukasz Żółć',
  'Renée – Chair (£1,250,000 fund)',
  'Ō Kenji 😀',
  'Plain Name',
];

let tick = 0;
const clock = () => new Date(Date.UTC(2026, 11, 7, 9, 0, 0, tick++));

async function copyOfFixture(): Promise<{ dir: string; options: StoreOptions }> {
  const dir = await tempDir();
  await cp(UTF8_FIXTURE, dir, { recursive: true });
  return { dir, options: { dataDir: dir, clock, checkpointQuietMs: 60_000, backupOnFirstChange: false } };
}

function memberNames(store: Awaited<ReturnType<typeof openStore>>): string[] {
  return store
    .state()
    .members.values()
    .map((m) => m.name)
    .sort();
}

/** The state's bytes of a checkpoint file, and the hash it carries. */
function stateOf(bytes: Buffer): { state: Buffer; hash: string } {
  const text = bytes.toString('latin1');
  const match = /^.*?"state":(.*),"stateSha256":"([0-9a-f]{64})"\}\n$/s.exec(text)!;
  return { state: Buffer.from(match[1]!, 'latin1'), hash: match[2]! };
}

describe('checkpoints are written in ASCII', () => {
  it('names outside ASCII are escaped in db.json, read back unchanged, and the file proves its own bytes', async () => {
    const { dir, options } = await copyOfFixture();
    const store = await openStore(options);
    await store.mutate('Clerk', 'Renamed a member', () => ({
      changes: [
        {
          target: 'members' as const,
          id: 'mem_1',
          after: { ...store.state().members.get('mem_1')!, name: 'Zoë Ångström-Brontë' },
        },
      ],
      value: 0,
    }));
    await store.checkpoint();
    const expected = toDocument(store.state());
    await store.close();

    const bytes = await readFile(join(dir, 'db.json'));
    expect(isAscii(bytes)).toBe(true);
    expect(bytes.toString('latin1')).toContain('Zo\\u00eb \\u00c5ngstr\\u00f6m-Bront\\u00eb');
    // A character outside the Basic Multilingual Plane is its two UTF-16 halves, each escaped.
    expect(bytes.toString('latin1')).toContain('\\ud83d\\ude00');
    const { state, hash } = stateOf(bytes);
    expect(createHash('sha256').update(state).digest('hex')).toBe(hash);
    // The same JSON value: the escapes are only how it is spelt.
    expect(JSON.parse(state.toString('latin1'))).toEqual(expected);

    const reopened = await openStore(options);
    expect(reopened.status().warnings).toEqual([]);
    expect(memberNames(reopened)).toEqual(['Zoë Ångström-Brontë', ...NAMES.slice(1)].sort());
    expect(await reopened.verify()).toMatchObject({ ok: true, checkpointChecked: true });
    await reopened.close();
  });
});

describe('a folder the version before wrote (its checkpoint in UTF-8) is the record it was', () => {
  it('opens trusted, without a rebuild, and Verify finds its checkpoint equal to the journal', async () => {
    const { dir, options } = await copyOfFixture();
    const before = await readFile(join(dir, 'db.json'));
    expect(isAscii(before)).toBe(false);
    const store = await openStore(options);
    expect(store.status().warnings).toEqual([]);
    expect(memberNames(store)).toEqual([...NAMES].sort());
    expect(await store.verify()).toMatchObject({ ok: true, checkpointChecked: true, entriesChecked: 6 });
    await store.close();
  });

  it('with no seal beside it (as before seals), equal to the journal, it is sealed without alarm', async () => {
    const { dir, options } = await copyOfFixture();
    await rm(join(dir, 'journal', 'seals.jsonl'));
    const store = await openStore(options);
    expect(store.status().warnings.map((w) => w.code)).not.toContain('checkpoint_rebuilt');
    expect(memberNames(store)).toEqual([...NAMES].sort());
    await store.close();
  });

  it('checks as a backup copy: its db.json is the state its journal produces', async () => {
    const { dir } = await copyOfFixture();
    const seals = (await readFile(join(dir, 'journal', 'seals.jsonl'), 'utf8')).trim().split('\n');
    const { seq, hash } = JSON.parse(seals.at(-1)!) as { seq: number; hash: string };
    expect(await checkDataCopy(dir, { seq, hash }, { blobsRoot: join(dir, 'blobs'), rehashBlobs: true })).toBeNull();
  });

  it('a UTF-8 checkpoint edited by hand, its hash recomputed, is still told from the journal', async () => {
    const { dir, options } = await copyOfFixture();
    const text = await readFile(join(dir, 'db.json'), 'utf8');
    const match = /^(.*"state":)(.*)(,"stateSha256":")([0-9a-f]{64})("\}\n)$/s.exec(text)!;
    const state = match[2]!.replace('Siân Llŷr', 'Mallory');
    const hash = createHash('sha256').update(state).digest('hex');
    await writeFile(join(dir, 'db.json'), `${match[1]}${state}${match[3]}${hash}${match[5]}`);
    const store = await openStore(options);
    expect(store.status().warnings.map((w) => w.code)).toContain('checkpoint_rebuilt');
    expect(memberNames(store)).toEqual([...NAMES].sort());
    await store.close();
  });
});
