/** Confidential packs as a person opens them by hand: the copy's age identity in a file, and the `age` command. */
import { execFileSync } from 'node:child_process';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AGE_IDENTITY_FILE } from '../../electron/backend/packs/identity.ts';
import { tempDir } from './tempDir.ts';

/** Writes the copy's age secret key (stored unwrapped where there is no key store) as an `age` identity file. */
export async function ageIdentityFileOf(dataDir: string): Promise<string> {
  const stored = JSON.parse(await readFile(join(dataDir, AGE_IDENTITY_FILE), 'utf8'));
  if (stored.secretKey.protection !== 'none') throw new Error('the age key is wrapped by a key store');
  const path = join(await tempDir(), 'identity.txt');
  await writeFile(path, `${Buffer.from(stored.secretKey.base64, 'base64').toString('utf8')}\n`);
  return path;
}

/** Decrypts an encrypted pack with `age -d -i identity.txt` (as docs/board-packs.md says) and returns the zip. */
export async function ageDecrypted(name: string, encrypted: Buffer, dataDir: string): Promise<Buffer> {
  const dir = await tempDir();
  await writeFile(join(dir, name), encrypted);
  const identity = await ageIdentityFileOf(dataDir);
  execFileSync('age', ['-d', '-i', identity, '-o', join(dir, 'pack.zip'), join(dir, name)], { stdio: 'pipe' });
  return readFile(join(dir, 'pack.zip'));
}

/** Decrypts with `age`, unzips (Python's zipfile), and returns every file's text by its path in the pack. */
export async function ageDecryptedFiles(
  name: string,
  encrypted: Buffer,
  dataDir: string,
): Promise<Map<string, string>> {
  const dir = await tempDir();
  await writeFile(join(dir, 'pack.zip'), await ageDecrypted(name, encrypted, dataDir));
  execFileSync('python3', ['-m', 'zipfile', '-e', join(dir, 'pack.zip'), join(dir, 'files')], { stdio: 'pipe' });
  const files = new Map<string, string>();
  const walk = async (folder: string, prefix: string): Promise<void> => {
    for (const entry of await readdir(folder, { withFileTypes: true })) {
      if (entry.isDirectory()) await walk(join(folder, entry.name), `${prefix}${entry.name}/`);
      else files.set(`${prefix}${entry.name}`, await readFile(join(folder, entry.name), 'utf8'));
    }
  };
  await walk(join(dir, 'files'), '');
  return files;
}

/** The paths of the files whose text contains `phrase`. */
export function filesMentioning(files: ReadonlyMap<string, string>, phrase: string): string[] {
  return [...files].filter(([, text]) => text.includes(phrase)).map(([path]) => path);
}
