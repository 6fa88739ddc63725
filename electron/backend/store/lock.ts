/**
 * The data folder's lock: only one process (the desktop app or a web host)
 * may open a data folder at a time. A second one is refused with a message
 * naming the holder; a lock left by a process that no longer runs is taken over.
 *
 * "No longer runs" is not only "no process has that id": after a reboot the
 * id may belong to another program (ids are recycled, and Windows shutdown
 * and log-off skip the app's quit, leaving the lock behind). So the lock
 * also records which boot of the machine took it, and a lock from another
 * boot is stale whatever its id.
 */
import { readFileSync } from 'node:fs';
import { hostname, uptime } from 'node:os';
import { link, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AppFailure } from '../../../shared/contract/result.ts';
import { errorCode, tempPathFor } from './atomicFile.ts';

export const LOCK_FILE = 'boardkeeper.lock';

interface LockHolder {
  readonly pid: number;
  readonly host: string;
  readonly holder: string;
  readonly since: string;
  /** Linux's boot id (/proc/sys/kernel/random/boot_id), where there is one. */
  readonly bootId?: string;
  /** When the machine booted (now minus uptime); older locks have neither. */
  readonly bootTime?: string;
}

/** The boot this process runs in: Linux's boot id when readable, and the boot time. */
export interface Boot {
  readonly bootId?: string;
  readonly bootTime: string;
}

/**
 * Two boot times this far apart are two boots. Boot time is worked out from
 * the wall clock, which may be corrected while a holder runs (NTP); a reboot
 * separates two boot times by at least the first boot's uptime, which for a
 * lock worth taking over is longer than this.
 */
export const BOOT_TIME_TOLERANCE_MS = 5 * 60_000;

/** This machine's current boot. */
export function currentBoot(now: Date = new Date()): Boot {
  const bootTime = new Date(now.getTime() - uptime() * 1000).toISOString();
  try {
    const bootId = readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
    if (bootId !== '') return { bootId, bootTime };
  } catch {
    // Not Linux (or no /proc): the boot time alone tells boots apart.
  }
  return { bootTime };
}

/** True when `lock` was taken in another boot of this machine than `boot`. */
export function fromAnotherBoot(lock: Pick<LockHolder, 'bootId' | 'bootTime'>, boot: Boot): boolean {
  if (lock.bootId !== undefined && boot.bootId !== undefined) return lock.bootId !== boot.bootId;
  if (lock.bootTime === undefined) return false;
  const then = Date.parse(lock.bootTime);
  return Number.isFinite(then) && Math.abs(then - Date.parse(boot.bootTime)) > BOOT_TIME_TOLERANCE_MS;
}

/** A held lock; `release` removes it (only if it is still ours). */
export interface FolderLock {
  readonly path: string;
  release(): Promise<void>;
}

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return errorCode(error) === 'EPERM';
  }
}

function parseHolder(text: string): LockHolder | null {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== 'object' || value === null) return null;
    const v = value as Record<string, unknown>;
    if (
      typeof v.pid !== 'number' ||
      typeof v.host !== 'string' ||
      typeof v.holder !== 'string' ||
      typeof v.since !== 'string'
    )
      return null;
    return {
      pid: v.pid,
      host: v.host,
      holder: v.holder,
      since: v.since,
      ...(typeof v.bootId === 'string' ? { bootId: v.bootId } : {}),
      ...(typeof v.bootTime === 'string' ? { bootTime: v.bootTime } : {}),
    };
  } catch {
    return null;
  }
}

/**
 * Takes the lock on `dataDir` for `holder` (e.g. "the Boardkeeper app", "a web
 * host"). Throws AppFailure `conflict` when another live process holds it.
 */
export async function acquireLock(dataDir: string, holder: string, now: Date = new Date()): Promise<FolderLock> {
  const path = join(dataDir, LOCK_FILE);
  const boot = currentBoot(now);
  const mine: LockHolder = { pid: process.pid, host: hostname(), holder, since: now.toISOString(), ...boot };
  const text = JSON.stringify(mine);
  for (let attempt = 0; attempt < 3; attempt++) {
    // Write the whole content first, then link it into place: the lock appears
    // complete or not at all, and link() fails atomically if one exists.
    const temp = tempPathFor(path);
    await writeFile(temp, text, { flag: 'wx' });
    try {
      await link(temp, path);
      return {
        path,
        async release() {
          const current = await readFile(path, 'utf8').catch(() => null);
          if (current === text) await rm(path, { force: true });
        },
      };
    } catch (error) {
      if (errorCode(error) !== 'EEXIST') throw error;
    } finally {
      await rm(temp, { force: true });
    }
    const existing = parseHolder(await readFile(path, 'utf8').catch(() => ''));
    const stale =
      existing !== null &&
      existing.host === mine.host &&
      (fromAnotherBoot(existing, boot) || !processIsAlive(existing.pid));
    if (!stale) {
      const who =
        existing === null
          ? 'another process (its lock file cannot be read)'
          : `${existing.holder} (process ${existing.pid} on ${existing.host}, since ${existing.since})`;
      throw new AppFailure(
        'conflict',
        `The data folder ${dataDir} is already open in ${who}. Close that first, or choose another data folder. If nothing else is running, delete ${path}.`,
        { lockFile: path, holder: existing },
      );
    }
    await rm(path, { force: true });
  }
  throw new AppFailure('conflict', `Could not take the lock on ${dataDir}: another process keeps taking it.`);
}
