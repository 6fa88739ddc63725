/**
 * The board owns its data: "Export everything…" (a `.boardkeeper` archive,
 * full or without private notes) and "Import an archive…" (into an empty
 * data folder, or in place of the data there once the person confirms, after
 * a backup). The format and its checks are in `../archive/archive.ts`.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppFailure } from '../../../shared/contract/result.ts';
import type { ArchiveFile, ArchiveImported, ArchiveSaved } from '../../../shared/contract/portabilityTypes.ts';
import {
  ARCHIVE_EXTENSION,
  LEFT_OUT_WITHOUT_NOTES,
  buildArchive,
  checkArchive,
  dataFolderHoldsData,
  discardCheckedArchive,
  installArchive,
  type ArchiveKind,
} from '../archive/archive.ts';
import type { BackendContext } from './context.ts';

function archiveFileName(kind: ArchiveKind, seq: number, now: Date): string {
  const day = now.toISOString().slice(0, 10);
  return `boardkeeper-${kind === 'full' ? 'archive' : 'shared'}-${day}-entry-${seq}${ARCHIVE_EXTENSION}`;
}

async function built(
  ctx: BackendContext,
  kind: ArchiveKind,
): Promise<{ bytes: Uint8Array; seq: number; hash: string; fileName: string }> {
  const snapshot = await ctx.store().archiveSnapshot();
  const now = ctx.clock();
  const bytes = await buildArchive(ctx.dataDir, snapshot, kind, now);
  return {
    bytes,
    seq: snapshot.head.seq,
    hash: snapshot.head.hash,
    fileName: archiveFileName(kind, snapshot.head.seq, now),
  };
}

/** The archive of everything (or, `without-private-notes`, what another reader may have), as base64. */
export async function exportArchive(ctx: BackendContext, kind: ArchiveKind): Promise<ArchiveFile> {
  const { bytes, seq, hash, fileName } = await built(ctx, kind);
  return {
    fileName,
    mimeType: 'application/zip',
    encoding: 'base64',
    content: Buffer.from(bytes).toString('base64'),
    kind,
    seq,
    hash,
    bytes: bytes.length,
    leftOut: kind === 'full' ? [] : [...LEFT_OUT_WITHOUT_NOTES],
  };
}

/** Builds the archive and hands it to the platform's save dialog (the Electron shell). */
export async function saveArchive(ctx: BackendContext, kind: ArchiveKind): Promise<ArchiveSaved> {
  if (!ctx.platform.saveFile) {
    throw new AppFailure('not_found', 'This host has no save dialog: the page downloads the archive itself.');
  }
  const { bytes, seq, fileName } = await built(ctx, kind);
  const result = await ctx.platform.saveFile({ fileName, mimeType: 'application/zip', bytes });
  return { ...result, fileName, seq, leftOut: kind === 'full' ? [] : [...LEFT_OUT_WITHOUT_NOTES] };
}

/**
 * Imports the archive at `path`: checks all of it first (nothing is touched
 * when anything is wrong), refuses a folder that holds data unless `replace`,
 * then backs up, moves the current record aside and reopens on the archive's.
 */
export async function importArchiveFile(
  ctx: BackendContext,
  path: string,
  fileName: string,
  replace: boolean,
): Promise<ArchiveImported> {
  const now = ctx.clock();
  const checked = await checkArchive(path, ctx.dataDir, fileName, now);
  const holdsData = ctx.store().head().seq > 0 || (await dataFolderHoldsData(ctx.dataDir));
  if (holdsData && !replace) {
    await discardCheckedArchive(checked);
    throw new AppFailure(
      'conflict',
      `This data folder already holds a board's record (up to entry ${ctx.store().head().seq}). Importing ${fileName} would replace it: confirm to replace it, and a backup is made first and the current data kept aside. Nothing was imported.`,
      { needsConfirmation: true },
    );
  }
  const { status, value } = await ctx.replaceData(() => installArchive(checked, ctx.dataDir, now));
  if (status.status !== 'ready') {
    throw new AppFailure(
      'internal',
      `The archive ${fileName} was put in place but the data folder did not open: ${status.problem?.message ?? status.status}`,
    );
  }
  return { status, counts: checked.counts, seq: status.seq, replacedDir: value.replacedDir };
}

/** Imports an archive sent as base64 (the page's file picker): written to a temp file, then as `importArchiveFile`. */
export async function importArchive(
  ctx: BackendContext,
  input: { fileName: string; dataBase64: string; replace: boolean },
): Promise<ArchiveImported> {
  const dir = await mkdtemp(join(tmpdir(), 'boardkeeper-import-'));
  try {
    const path = join(dir, 'archive.zip');
    await writeFile(path, Buffer.from(input.dataBase64, 'base64'));
    return await importArchiveFile(ctx, path, input.fileName, input.replace);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
