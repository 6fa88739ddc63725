/**
 * The store as the measures open it on a working copy: no checkpoint while
 * they run (an hour's quiet), no backup of the body on the first change, and
 * a refusal to go on unless the store opened ready.
 */
import { openStore, type Store, type StoreOptions } from '../../electron/backend/store/store.ts';

/** Opens the store on `dataDir` with the measures' defaults, then `options`; throws unless it is ready. */
export async function openReadyStore(dataDir: string, options: Omit<StoreOptions, 'dataDir'> = {}): Promise<Store> {
  const store = await openStore({ dataDir, checkpointQuietMs: 3_600_000, backupOnFirstChange: false, ...options });
  if (store.status().status !== 'ready') throw new Error(store.status().problem?.message ?? 'store not ready');
  return store;
}
