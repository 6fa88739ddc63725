/**
 * The board's settings: read, and changed with a summary naming what changed
 * for the audit trail.
 */
import type { ParsedInputOf } from '../../../shared/contract/api.ts';
import {
  SettingsSchema,
  withRuleChangeTimes,
  type EditableSetting,
  type Settings,
} from '../../../shared/schema/settings.ts';
import type { ServiceContext } from './context.ts';

const SETTING_LABELS: { [K in EditableSetting]: string } = {
  boardName: 'board name',
  timeZone: 'time zone',
  localUserName: 'local user name',
  quorum: 'quorum',
  decisionReferencePattern: 'decision reference pattern',
  ocdsPrefix: 'OCDS ocid prefix',
  callInWorkingDays: 'call-in period',
  holidayRegion: 'bank holiday region',
  extraHolidays: 'extra holidays',
  removedHolidays: 'removed holidays',
  reminderLeadDays: 'reminder lead times (days)',
  reminderTime: 'reminder time',
  papersDueWorkingDays: 'papers due (working days before a meeting)',
  supplierAliases: 'names of the same supplier',
};

/** Changes settings; the audit trail names each setting changed and its new value. Answers the settings as saved. */
export async function updateSettings(ctx: ServiceContext, patch: ParsedInputOf<'settings:update'>): Promise<Settings> {
  const store = ctx.store();
  const current = store.state().settings;
  // The change times of the papers-due rule and the lead times follow the backend's clock, so
  // the deadlines they shape are known from now on (shared/rules/deadlines.ts `since`).
  const next = withRuleChangeTimes(current, SettingsSchema.parse({ ...current, ...patch }), ctx.clock().toISOString());
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
}
