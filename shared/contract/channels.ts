/**
 * The bare list of channel and event names of the contract, with no zod import,
 * so the preload bundle stays tiny. `shared/contract/api.ts` checks at compile time that
 * this list and the contract agree exactly.
 */
export const CHANNELS = [
  'settings:get',
  'identity:get',
  'identity:export',
  'packs:publish',
  'packs:list',
  'packs:import',
  'packs:offers',
  'packs:dismissOffer',
  'packs:watchedFolder',
  'packs:setWatchedFolder',
  'settings:update',
  'store:status',
  'store:openDataFolder',
  'app:quit',
  'backups:create',
  'backups:list',
  'backups:restore',
  'audit:list',
  'audit:verify',
  'history:undo',
  'members:list',
  'members:get',
  'members:create',
  'members:update',
  'members:archive',
  'members:unarchive',
  'meetings:list',
  'meetings:get',
  'meetings:create',
  'meetings:update',
  'meetings:archive',
  'meetings:unarchive',
  'papers:list',
  'papers:get',
  'papers:create',
  'papers:update',
  'papers:version',
  'papers:attachment',
  'papers:openAttachment',
  'papers:archive',
  'papers:unarchive',
  'papers:markRead',
  'papers:saveNote',
  'notes:list',
  'notes:addPassage',
  'notes:update',
  'notes:delete',
  'decisions:list',
  'decisions:get',
  'decisions:create',
  'decisions:update',
  'decisions:sign',
  'decisions:amend',
  'decisions:archive',
  'decisions:unarchive',
  'conditions:list',
  'conditions:get',
  'conditions:create',
  'conditions:update',
  'conditions:setStatus',
  'contracts:list',
  'contracts:get',
  'contracts:create',
  'contracts:update',
  'contracts:archive',
  'contracts:unarchive',
  'sample:load',
  'dashboard:get',
  'search:query',
  'deadlines:list',
  'deadlines:get',
  'deadlines:createManual',
  'deadlines:updateManual',
  'deadlines:closeManual',
  'deadlines:setReminders',
  'deadlines:snooze',
  'deadlines:dismiss',
  'deadlines:ics',
  'deadlines:chase',
  'reminders:list',
  'app:getStartAtLogin',
  'app:setStartAtLogin',
  'minutes:get',
  'minutes:saveDiscussion',
  'minutes:approve',
  'minutes:amend',
  'documents:minutes',
  'documents:notice',
  'documents:conditionsReport',
  'documents:register',
  'documents:save',
] as const;

/** Events pushed from the backend to the renderer. */
export const EVENTS = ['data:changed', 'store:status', 'reminder:due', 'app:navigate', 'packs:offered'] as const;

export type ChannelName = (typeof CHANNELS)[number];
export type EventName = (typeof EVENTS)[number];

/** True when `name` is a channel of the contract (used by preload and the web host). */
export function isChannel(name: unknown): name is ChannelName {
  return typeof name === 'string' && (CHANNELS as readonly string[]).includes(name);
}

/** True when `name` is an event of the contract. */
export function isEvent(name: unknown): name is EventName {
  return typeof name === 'string' && (EVENTS as readonly string[]).includes(name);
}
