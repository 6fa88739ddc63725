/**
 * What each read channel reads: the collections of the state whose change can
 * change its answer. The renderer keeps each answer until a `data:changed`
 * event names one of them (docs/architecture.md, "Renderer"), so a change
 * re-reads only the screens it touched, once. Every answer also depends on the
 * settings (the board's time zone makes "today"), and `*` (a restore, an
 * import) touches everything. Zod-free, like channels.ts.
 */
import type { ChannelName } from './channels.ts';

/** A collection of the state (shared/schema/state.ts COLLECTIONS), by name. */
export type CollectionTarget =
  | 'members'
  | 'meetings'
  | 'papers'
  | 'paperMarks'
  | 'decisions'
  | 'conditions'
  | 'contracts'
  | 'deadlines'
  | 'reminderLedger'
  | 'minutes'
  | 'paperNotes'
  | 'packLog'
  | 'publishers'
  | 'compiledPacks';

/**
 * What a read depends on: collections, or `journal` for an answer that
 * changes with every change whatever it touched (the audit trail).
 */
export type ReadTarget = CollectionTarget | 'journal';

/** Deadlines are derived from these records, with the ledger of reminders already given. */
const DEADLINE_SOURCES = [
  'conditions',
  'contracts',
  'deadlines',
  'decisions',
  'meetings',
  'members',
  'minutes',
  'reminderLedger',
] as const satisfies readonly CollectionTarget[];

/** Every read channel the screens keep an answer of, with the collections it reads. */
export const READS = {
  'settings:get': [],
  // Updated from the store:status event, not re-read per change.
  'store:status': [],
  // Backups are made on demand (backups:create refreshes it) and before the first change of a run.
  'backups:list': [],
  // The backup folder's settings live outside the store: backups:folderSet and backups:toFolder refresh them.
  'backups:folderGet': [],
  // The backups in that folder: listed again after a backup to it or a change of folder.
  'backups:folderList': [],
  'audit:list': ['journal'],
  // A record's entries in the journal, and whether the newest can be undone: any change can change that.
  'history:ofRecord': ['journal'],
  'app:getStartAtLogin': [],
  'members:list': ['members', 'meetings'],
  'members:get': ['members', 'meetings'],
  'meetings:list': ['meetings', 'members', 'papers', 'paperMarks'],
  'meetings:get': ['meetings', 'members', 'papers', 'paperMarks', 'decisions', 'minutes', 'contracts'],
  'papers:list': ['papers', 'paperMarks', 'meetings'],
  'papers:get': ['papers', 'paperMarks', 'paperNotes', 'meetings'],
  'papers:version': ['papers'],
  'decisions:list': ['decisions', 'conditions', 'contracts', 'meetings'],
  // The next free reference for a date: the decisions numbered so far (and the settings' pattern).
  'decisions:proposeReference': ['decisions'],
  // The journal entries that changed the decision: a change of it adds one.
  'decisions:seals': ['decisions'],
  'decisions:get': ['decisions', 'conditions', 'contracts', 'meetings', 'papers', 'minutes'],
  'conditions:list': ['conditions', 'decisions'],
  'conditions:get': ['conditions', 'decisions', 'papers'],
  'contracts:list': ['contracts', 'decisions'],
  'contracts:get': ['contracts', 'decisions', 'conditions', 'deadlines', 'meetings'],
  'contracts:forwardPlan': DEADLINE_SOURCES,
  'contracts:suppliers': ['contracts', 'decisions'],
  'dashboard:get': ['conditions', 'decisions', 'contracts', 'meetings', 'papers', 'paperMarks'],
  'search:query': ['members', 'meetings', 'papers', 'decisions', 'conditions', 'contracts'],
  'deadlines:list': DEADLINE_SOURCES,
  'deadlines:get': DEADLINE_SOURCES,
  'deadlines:chase': DEADLINE_SOURCES,
  'reminders:list': DEADLINE_SOURCES,
  'minutes:get': ['minutes', 'meetings', 'decisions', 'members', 'papers', 'conditions'],
  // This copy's identity lives outside the store (identity/ in the data folder).
  'identity:get': [],
  'packs:list': ['packLog', 'meetings', 'papers'],
  // Who gets what: members' keys and interests, the agenda's declarations, contracts linked through decisions.
  'packs:confidentialPlan': ['packLog', 'meetings', 'members', 'decisions', 'contracts'],
  'compiledPacks:list': ['compiledPacks', 'meetings', 'papers'],
  // Offers come from the system and a watched folder (the packs:offered event refreshes them).
  'packs:offers': [],
  'packs:watchedFolder': [],
  'notes:list': ['paperNotes', 'papers'],
} as const satisfies { readonly [C in ChannelName]?: readonly ReadTarget[] };

/** A channel whose answer a screen keeps (and re-reads when what it reads changes). */
export type ReadChannel = keyof typeof READS;

/**
 * Changes that are not journaled (no `data:changed` follows them), with the
 * reads whose answer they change: those are re-read after the change succeeds.
 */
export const REFRESHED_AFTER: { readonly [C in ChannelName]?: readonly ReadChannel[] } = {
  'backups:create': ['backups:list'],
  'backups:folderSet': ['backups:folderGet', 'backups:folderList'],
  'backups:toFolder': ['backups:folderGet', 'backups:folderList'],
  'backups:restore': ['backups:list', 'store:status'],
  'backups:restoreFromFolder': ['backups:list', 'store:status'],
  'app:setStartAtLogin': ['app:getStartAtLogin'],
  'audit:verify': ['store:status'],
  'packs:setWatchedFolder': ['packs:watchedFolder'],
  'packs:dismissOffer': ['packs:offers'],
  'packs:import': ['packs:offers'],
};

/**
 * True when a change of `targets` (a `data:changed` event's) can change the
 * answer of `channel`: it names a collection the channel reads, the settings,
 * `*`, or (for the audit trail) anything at all.
 */
export function changeTouches(channel: ReadChannel, targets: readonly string[]): boolean {
  const reads: readonly ReadTarget[] = READS[channel];
  if (targets.length === 0) return false;
  if (reads.includes('journal')) return true;
  return targets.some((t) => t === '*' || t === 'settings' || (reads as readonly string[]).includes(t));
}
