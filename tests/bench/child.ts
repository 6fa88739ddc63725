/**
 * Runs one measure in this (fresh) process and sends its rows to the runner
 * over IPC: a clean heap for each measure, and a crash in one cannot take
 * the others with it.
 *
 *   node --expose-gc (tsx loader) child.ts <measure id> <body folder> <size name> <scratch folder>
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { generatorFingerprint, type BodyManifest } from './generate.ts';
import { SIZES } from './history.ts';
import type { Row } from './measure.ts';
import { MEASURES } from './measures/index.ts';

/** What the child sends back. */
export type ChildMessage = { readonly ok: true; readonly rows: Row[] } | { readonly ok: false; readonly error: string };

async function main(): Promise<ChildMessage> {
  const [id, bodyFolder, sizeName, scratch] = process.argv.slice(2);
  if (!id || !bodyFolder || !scratch || (sizeName !== 'full' && sizeName !== 'quick')) {
    throw new Error('usage: child.ts <measure id> <body folder> <full|quick> <scratch folder>');
  }
  const entry = MEASURES.find((m) => m.id === id);
  if (!entry) throw new Error(`no measure ${id}`);
  const manifest = JSON.parse(await readFile(join(bodyFolder, 'manifest.json'), 'utf8')) as BodyManifest;
  // The code being measured must be the code the body was made for: a schema change since would have the
  // store migrate (or refuse) the body, and the figures would be of something else.
  const fingerprint = await generatorFingerprint();
  if (fingerprint !== manifest.fingerprint) {
    throw new Error(
      `the schemas, the store's file formats or the generator changed after the body was generated (fingerprint ${manifest.fingerprint}, now ${fingerprint}): run the benchmark again, it will make a fresh body`,
    );
  }
  const measure = await entry.load();
  const rows = await measure.run({
    body: { dataDir: join(bodyFolder, 'data'), manifest },
    size: SIZES[sizeName],
    scratch,
    log: (line) => console.log(line),
  });
  return { ok: true, rows };
}

function send(message: ChildMessage): Promise<void> {
  return new Promise((resolve) => {
    if (!process.send) {
      console.log(JSON.stringify(message, null, 2));
      resolve();
      return;
    }
    process.send(message, () => resolve());
  });
}

main()
  .catch((error: unknown): ChildMessage => ({
    ok: false,
    error: error instanceof Error ? (error.stack ?? error.message) : String(error),
  }))
  .then(send)
  .then(() => process.exit(0))
  .catch(() => process.exit(1));
