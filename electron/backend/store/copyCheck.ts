/**
 * Checking a copy of the data (a backup in the data folder, or one in a
 * folder elsewhere) before it is trusted: its journal's chain from entry 1 up
 * to the position it says it holds, its checkpoint equal to the state its
 * journal produces, and its blobs. Restore refuses a backup that fails, and a
 * backup to a folder is checked once written. Sliced like Verify.
 */
import { blobReferencesOf } from './blobReferences.ts';
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { CheckpointParseError, holdsState, readCheckpointSummary } from './checkpoint.ts';
import type { JournalHead } from './journal.ts';
import { RebuildError, checkReplayed, parsedRecords, replayJournal, type Replayed } from './rebuild.ts';

/** Where the copy's blobs are, and whether to rehash them all (else only check the referenced ones exist). */
export interface CopyCheckOptions {
  readonly blobsRoot: string;
  readonly rehashBlobs: boolean;
}

/**
 * Checks the copy of a data folder at `root` (db.json, journal/) holds
 * exactly the journal up to `expected`. Returns null when it does, else the
 * first thing wrong, named (file, entry, record).
 */
export async function checkDataCopy(
  root: string,
  expected: JournalHead,
  options: CopyCheckOptions,
): Promise<string | null> {
  return (await checkDataCopyReplayed(root, expected, options)).problem;
}

/**
 * `checkDataCopy`, also handing over the journal it replayed (in one pass)
 * when the copy verifies, so a caller that needs the state (an archive
 * import) does not replay it again.
 */
export async function checkDataCopyReplayed(
  root: string,
  expected: JournalHead,
  options: CopyCheckOptions,
): Promise<{ readonly problem: string | null; readonly replayed: Replayed | null }> {
  const found = await findProblem(root, expected, options);
  return typeof found === 'string' ? { problem: found, replayed: null } : { problem: null, replayed: found };
}

async function findProblem(root: string, expected: JournalHead, options: CopyCheckOptions): Promise<string | Replayed> {
  let checkpoint;
  try {
    checkpoint = await readCheckpointSummary(join(root, 'db.json'));
  } catch (error) {
    if (error instanceof CheckpointParseError) return `its db.json could not be read: ${error.message}`;
    throw error;
  }
  const cpHead = checkpoint?.journal as Partial<JournalHead> | undefined;
  const cpSeq = typeof cpHead?.seq === 'number' ? cpHead.seq : 0;
  let full: Replayed;
  try {
    // One pass: the whole journal (its chain, its end), with the state at the checkpoint's entry kept on the way.
    full = await replayJournal(join(root, 'journal'), { hashesAt: [expected.seq, cpSeq], snapshotAt: cpSeq });
  } catch (error) {
    if (error instanceof RebuildError)
      return `its ${error.file}${error.seq ? ` (entry ${error.seq})` : ''}: ${error.message}`;
    throw error;
  }
  if (full.tornTail) return `its journal/${full.tornTail.segment} ends with an incomplete line`;
  if (expected.seq > 0 && full.hashes.get(expected.seq) !== expected.hash) {
    return full.hashes.has(expected.seq)
      ? `its journal's entry ${expected.seq} is not the one the backup recorded`
      : `its journal ends at entry ${full.head.seq}, but the backup recorded entry ${expected.seq}`;
  }
  if (checkpoint !== null) {
    if (checkpoint.stateSha256 === null || !checkpoint.stateVerified) {
      return 'its db.json no longer matches its own SHA-256 (damaged or edited)';
    }
    if (cpSeq > 0 && full.hashes.get(cpSeq) !== cpHead?.hash) {
      return `its db.json names entry ${cpSeq}, which its journal does not hold as written`;
    }
    const atCheckpoint = cpSeq === full.head.seq ? full : full.snapshot;
    if (atCheckpoint === undefined) return `its db.json names entry ${cpSeq}, which its journal does not hold`;
    const valid = await checkReplayed(atCheckpoint.doc, { keepInput: atCheckpoint.current });
    if (!valid.ok) return `its journal's records up to entry ${cpSeq} are not valid: ${valid.issues[0]!.field}`;
    if (!(await holdsState(checkpoint, valid))) {
      return `its db.json differs from the state its journal produces up to entry ${cpSeq}`;
    }
  }
  const named = {
    papers: await parsedRecords(full.doc, 'papers'),
    compiledPacks: await parsedRecords(full.doc, 'compiledPacks'),
  };
  for (const ref of blobReferencesOf(named)) {
    const path = join(options.blobsRoot, ref.hash.slice(0, 2), ref.hash);
    const data = await readFile(path).catch(() => null);
    if (data === null)
      return `the stored file blobs/${ref.hash.slice(0, 2)}/${ref.hash} that ${ref.record} refers to is missing`;
    if (options.rehashBlobs && createHash('sha256').update(data).digest('hex') !== ref.hash) {
      return `the stored file blobs/${ref.hash.slice(0, 2)}/${ref.hash} (${ref.record}) no longer matches its SHA-256`;
    }
    await yieldToEventLoop();
  }
  if (options.rehashBlobs) {
    for (const prefix of await readdir(options.blobsRoot).catch(() => [] as string[])) {
      for (const name of await readdir(join(options.blobsRoot, prefix)).catch(() => [] as string[])) {
        const data = await readFile(join(options.blobsRoot, prefix, name));
        if (createHash('sha256').update(data).digest('hex') !== name) {
          return `the stored file blobs/${prefix}/${name} no longer matches its SHA-256`;
        }
        await yieldToEventLoop();
      }
    }
  }
  return full;
}
