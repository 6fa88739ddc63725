/**
 * Packs offered to the member without being opened by hand: a pack the
 * system opened the app with ("open with", a double-click on a .boardpack)
 * and new packs in an optional watched folder (a shared or synced folder the
 * secretariat drops packs into). They are offered, never applied silently:
 * the page lists them and the member opens one (the usual checks and trust
 * question follow) or sets it aside. The watched folder is watched with
 * chokidar (polling for network folders) and rescanned at start (a
 * confidential pack, `.boardpack.age`, is offered too: opening it decrypts it); a pack this
 * copy already imported (same manifest hash) is not offered again.
 */
import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { watch, type FSWatcher } from 'chokidar';
import { z } from 'zod';
import type { PackOffer, WatchedFolderView } from '../../../shared/contract/packViews.ts';
import { AppFailure } from '../../../shared/contract/result.ts';
import { AGE_EXTENSION, PACK_EXTENSION, PACK_FILES } from '../../../shared/packs/packFormat.ts';
import type { State } from '../../../shared/schema/state.ts';
import { writeFileAtomic } from '../store/atomicFile.ts';
import { sha256 } from '../store/blobs.ts';
import { readPackZip } from './packZip.ts';

/** Where the watched folder's setting is kept: in the data folder, as the path is this machine's. */
export const WATCHED_FOLDER_FILE = 'watched-folder.json';

const WatchedSetting = z.object({ folder: z.string().min(1).nullable(), polling: z.boolean() }).strict();

/** The packs on offer, and the watched folder. */
export class PackOffers {
  private readonly pending = new Map<string, PackOffer>();
  private watcher: FSWatcher | null = null;
  private setting: z.infer<typeof WatchedSetting> = { folder: null, polling: false };

  constructor(
    private readonly dataDir: string,
    private readonly state: () => State,
    private readonly announce: (offer: PackOffer) => void,
    private readonly logError?: (where: string, error: unknown) => void,
  ) {}

  /** The packs on offer, oldest first. */
  list(): PackOffer[] {
    return [...this.pending.values()];
  }

  /** Sets an offer aside (the file stays where it is). */
  dismiss(path: string): void {
    this.pending.delete(path);
  }

  /**
   * Offers the pack at `path` unless it is not a pack file, is already on
   * offer, or is a pack this copy already imported or published.
   */
  async offer(path: string, from: PackOffer['from']): Promise<boolean> {
    const lower = path.toLowerCase();
    const isPack = lower.endsWith(PACK_EXTENSION) || lower.endsWith(PACK_EXTENSION + AGE_EXTENSION);
    if (!isPack || this.pending.has(path)) return false;
    if (await this.alreadyHere(path)) return false;
    const offer: PackOffer = { path, fileName: basename(path), from };
    this.pending.set(path, offer);
    this.announce(offer);
    return true;
  }

  /** Whether this copy already holds the pack (its manifest's hash is in the pack log). A damaged file is offered: opening it says what is wrong. */
  private async alreadyHere(path: string): Promise<boolean> {
    try {
      const files = await readPackZip({ name: basename(path), path });
      const manifest = files.get(PACK_FILES.manifest);
      if (manifest === undefined) return false;
      const hash = sha256(manifest);
      return this.state()
        .packLog.values()
        .some((e) => e.hash === hash);
    } catch {
      return false;
    }
  }

  /** The watched folder's setting. */
  watched(): WatchedFolderView {
    return { ...this.setting, watching: this.watcher !== null };
  }

  /** Reads the setting and starts watching (at start); a missing setting means no folder. */
  async start(): Promise<void> {
    try {
      const text = await readFile(join(this.dataDir, WATCHED_FOLDER_FILE), 'utf8');
      const parsed = WatchedSetting.safeParse(JSON.parse(text));
      if (parsed.success) this.setting = parsed.data;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') this.logError?.('packs:watchedFolder', error);
    }
    await this.rewatch();
  }

  /** Sets (or clears, with null) the watched folder, keeps the setting, and rescans it. */
  async setWatched(folder: string | null, polling: boolean): Promise<WatchedFolderView> {
    this.setting = { folder, polling };
    await writeFileAtomic(join(this.dataDir, WATCHED_FOLDER_FILE), `${JSON.stringify(this.setting)}\n`);
    await this.rewatch();
    return this.watched();
  }

  private async rewatch(): Promise<void> {
    await this.stop();
    const { folder, polling } = this.setting;
    if (folder === null) return;
    const watcher = watch(folder, {
      depth: 0,
      // The packs already there are offered too: the rescan at start.
      ignoreInitial: false,
      usePolling: polling,
      interval: 2000,
      // A pack being copied in is offered once its size has settled.
      awaitWriteFinish: { stabilityThreshold: 500, pollInterval: 100 },
    });
    watcher.on('add', (path: string) => {
      void this.offer(path, 'watchedFolder').catch((error: unknown) => this.logError?.('packs:offer', error));
    });
    watcher.on('error', (error: unknown) => this.logError?.('packs:watchedFolder', error));
    this.watcher = watcher;
    await new Promise<void>((resolve) => watcher.once('ready', () => resolve()));
  }

  /** Stops watching (at close). */
  async stop(): Promise<void> {
    const watcher = this.watcher;
    this.watcher = null;
    await watcher?.close();
  }
}

/** The failure for a watched folder that is not a folder. */
export function notAFolder(folder: string): AppFailure {
  const message = `${folder} is not a folder this app can read`;
  return new AppFailure('invalid_input', `folder: ${message}`, { issues: [{ field: 'folder', message }] });
}
