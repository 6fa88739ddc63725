/**
 * The handler table for every channel of the contract. `satisfies Handlers`
 * makes a missing or mistyped handler a compile error.
 */
import { integrityHandlers } from './integrityHandlers.ts';
import type { Handlers } from '../../shared/contract/api.ts';
import { SettingsSchema, withRuleChangeTimes, type EditableSetting } from '../../shared/schema/settings.ts';
import type { BackendContext } from './backend.ts';
import { conditionHandlers } from './services/conditions.ts';
import { contractHandlers } from './services/contracts.ts';
import { decisionHandlers } from './services/decisions.ts';
import { deadlineHandlers } from './services/deadlines.ts';
import { documentHandlers } from './services/documents.ts';
import { minutesHandlers } from './services/minutes.ts';
import { dashboardHandlers } from './services/dashboard.ts';
import { historyHandlers } from './services/history.ts';
import { sampleHandlers } from './services/sample.ts';
import { meetingHandlers } from './services/meetings.ts';
import { memberHandlers } from './services/members.ts';
import { paperHandlers } from './services/papers.ts';
import { listBackups } from './store/backups.ts';

const SETTING_LABELS: { [K in EditableSetting]: string } = {
  boardName: 'board name',
  timeZone: 'time zone',
  localUserName: 'local user name',
  quorum: 'quorum',
  decisionReferencePattern: 'decision reference pattern',
  callInWorkingDays: 'call-in period',
  holidayRegion: 'bank holiday region',
  extraHolidays: 'extra holidays',
  removedHolidays: 'removed holidays',
  reminderLeadDays: 'reminder lead times (days)',
  reminderTime: 'reminder time',
  papersDueWorkingDays: 'papers due (working days before a meeting)',
};

/** Builds the handlers over a backend context. */
export function createHandlers(ctx: BackendContext): Handlers {
  const contracts = contractHandlers(ctx);
  return {
    'settings:get': async () => ctx.store().state().settings,

    'settings:update': async (patch) => {
      const store = ctx.store();
      const current = store.state().settings;
      // The change times of the papers-due rule and the lead times follow the backend's clock, so
      // the deadlines they shape are known from now on (shared/rules/deadlines.ts `since`).
      const next = withRuleChangeTimes(
        current,
        SettingsSchema.parse({ ...current, ...patch }),
        ctx.clock().toISOString(),
      );
      const changed = (Object.keys(SETTING_LABELS) as EditableSetting[]).filter(
        (k) => JSON.stringify(next[k]) !== JSON.stringify(current[k]),
      );
      const summary =
        changed.length === 0
          ? 'Settings saved (no change)'
          : `Changed settings: ${changed.map((k) => `${SETTING_LABELS[k]} to “${Array.isArray(next[k]) ? next[k].join(', ') : next[k]}”`).join(', ')}`;
      await store.mutate(next.localUserName, summary, () => ({
        changes: [{ target: 'settings', id: 'settings', after: next }],
        value: undefined,
      }));
      return store.state().settings;
    },

    'store:status': async () => ctx.store().status(),

    'store:openDataFolder': async () => ({ path: ctx.dataDir, opened: await ctx.platform.openPath(ctx.dataDir) }),

    'app:quit': async () => {
      // Answer first, then quit: the caller should see its reply.
      setTimeout(() => ctx.platform.quit(), 10);
      return { quitting: true as const };
    },

    'backups:create': async () => ctx.store().backup('manual'),

    'backups:list': async () => listBackups(ctx.dataDir),

    'backups:restore': async ({ id }) => ctx.restore(id),

    'audit:list': async ({ page, pageSize }) => ctx.store().auditPage(page, pageSize),

    ...integrityHandlers(ctx),
    ...historyHandlers(ctx),
    ...memberHandlers(ctx),
    ...meetingHandlers(ctx),
    ...paperHandlers(ctx),
    ...decisionHandlers(ctx),
    ...conditionHandlers(ctx),
    ...contracts,
    ...sampleHandlers(ctx),
    ...dashboardHandlers(
      ctx,
      async () =>
        (await contracts['contracts:list']({ search: '', archived: 'active', sort: 'termEnd', page: 0, pageSize: 500 }))
          .rows,
    ),
    'search:query': async ({ q, perGroup }) => ctx.search().query(q, perGroup),
    ...deadlineHandlers(ctx),
    ...minutesHandlers(ctx),
    ...documentHandlers(ctx),
  } satisfies Handlers;
}
