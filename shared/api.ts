/**
 * The contract between the renderer and the backend: every channel with its
 * input schema (zod) and output type, and every event with its payload. The
 * IPC binding, the web host, `window.board` and the renderer client are all
 * derived from this one map.
 */
import { z } from 'zod';
import { CHANNELS, EVENTS, type ChannelName, type EventName } from './channels.ts';
import type { Result } from './result.ts';
import { SettingsPatchSchema, type Settings } from './schema/settings.ts';
import type { AuditPage, BackupInfo, StoreStatus, VerifyReport } from './storeTypes.ts';

/** Carries an output type through the contract without a runtime value. */
interface Out<T> {
  readonly __output?: T;
}
function out<T>(): Out<T> {
  return {};
}

const Empty = z.object({}).strict();

/** Every channel: `entity:verb` -> input schema and output type. */
export const contract = {
  'settings:get': { input: Empty, output: out<Settings>() },
  'settings:update': { input: SettingsPatchSchema, output: out<Settings>() },
  'store:status': { input: Empty, output: out<StoreStatus>() },
  'store:openDataFolder': { input: Empty, output: out<{ path: string; opened: boolean }>() },
  'app:quit': { input: Empty, output: out<{ quitting: true }>() },
  'backups:create': { input: Empty, output: out<BackupInfo>() },
  'backups:list': { input: Empty, output: out<BackupInfo[]>() },
  'backups:restore': {
    input: z
      .object({
        id: z.union([z.literal('newest'), z.string().regex(/^[0-9A-Za-z-]+$/, { message: 'is not a backup id' })]),
      })
      .strict(),
    output: out<StoreStatus>(),
  },
  'audit:list': {
    input: z
      .object({
        page: z.number().int().min(0, { message: 'must be 0 or more' }).default(0),
        pageSize: z.number().int().min(1).max(200, { message: 'must be at most 200' }).default(50),
      })
      .strict(),
    output: out<AuditPage>(),
  },
  'audit:verify': { input: Empty, output: out<VerifyReport>() },
} as const satisfies { [C in ChannelName]: { input: z.ZodType; output: Out<unknown> } };

/** Payloads of the events pushed to the renderer. */
export interface EventPayloads {
  'data:changed': { readonly seq: number; readonly targets: readonly string[] };
  'store:status': StoreStatus;
  'reminder:due': { readonly count: number; readonly titles: readonly string[] };
}

export type Channel = keyof typeof contract;
/** What a caller passes (defaults may be left out). */
export type InputOf<C extends Channel> = z.input<(typeof contract)[C]['input']>;
/** What a handler receives, after validation and defaults. */
export type ParsedInputOf<C extends Channel> = z.output<(typeof contract)[C]['input']>;
export type OutputOf<C extends Channel> = (typeof contract)[C]['output'] extends Out<infer T> ? T : never;

/** A handler for every channel: a missing one is a compile error where the table is built. */
export type Handlers = { [C in Channel]: (input: ParsedInputOf<C>) => Promise<OutputOf<C>> };

/** The shape of `window.board`, as preload exposes it. */
export interface BoardBridge {
  invoke<C extends Channel>(channel: C, input: InputOf<C>): Promise<Result<OutputOf<C>>>;
  on<E extends EventName>(event: E, callback: (payload: EventPayloads[E]) => void): () => void;
}

// Compile-time proof that the zod-free name lists and the contract agree.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const channelsAgree: Same<Channel, (typeof CHANNELS)[number]> = true;
const eventsAgree: Same<keyof EventPayloads, (typeof EVENTS)[number]> = true;
void channelsAgree;
void eventsAgree;
