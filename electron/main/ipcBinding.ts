/**
 * Binds every channel of the contract to `ipcMain` with one generic handler,
 * and forwards the backend's events to the window. The handler table and the
 * validation are the same ones the web host uses (`dispatch`).
 */
import { type EventPayloads, type Handlers } from '../../shared/contract/api.ts';
import { CHANNELS, EVENTS, type EventName } from '../../shared/contract/channels.ts';
import { fail, type Result } from '../../shared/contract/result.ts';
import { dispatch, type ErrorLogger } from '../backend/dispatch.ts';
import { isAppUrl } from './appProtocol.ts';

/** The part of a `WebFrameMain` the sender check reads. */
export interface SenderFrame {
  readonly url: string;
  readonly parent: unknown;
}

/** The part of an `IpcMainInvokeEvent` the binding reads. */
export interface InvokeEvent {
  readonly senderFrame: SenderFrame | null;
}

/** The part of `ipcMain` the binding uses (the real one satisfies it). */
export interface IpcMainLike {
  handle(channel: string, listener: (event: InvokeEvent, ...args: unknown[]) => Promise<unknown>): void;
  removeHandler(channel: string): void;
}

/** Decides whether an IPC message comes from a frame allowed to use the contract. */
export type FrameCheck = (frame: SenderFrame | null | undefined) => boolean;

/**
 * Only the app's own page, in the window's top frame, may call the backend
 * (Electron security checklist item 17). A missing frame (navigated away or
 * destroyed mid-call) is not trusted.
 */
export const isTrustedFrame: FrameCheck = (frame) =>
  frame !== null && frame !== undefined && frame.parent === null && isAppUrl(frame.url);

/** Where the handlers come from; read on every call, so a reopened backend is seen. */
export interface HandlerSource {
  readonly handlers: Handlers;
}

/** The answer to a message from a frame that is not the app's page. */
export function forbiddenResult(): Result<never> {
  return fail({ code: 'forbidden', message: 'This page may not use the app.' });
}

/**
 * Registers one `ipcMain.handle` per channel of the contract. Each drops
 * (answers `forbidden` without touching the backend) a message whose sender
 * frame fails `isTrusted`, and otherwise validates the input and calls the
 * handler through `dispatch`. Returns a function that removes the handlers.
 */
export function bindContract(
  ipcMain: IpcMainLike,
  source: HandlerSource,
  isTrusted: FrameCheck = isTrustedFrame,
  logError?: ErrorLogger,
): () => void {
  for (const channel of CHANNELS) {
    ipcMain.handle(channel, async (event, input) => {
      if (!isTrusted(event.senderFrame)) return forbiddenResult();
      return dispatch(source.handlers, channel, input, logError);
    });
  }
  return () => {
    for (const channel of CHANNELS) ipcMain.removeHandler(channel);
  };
}

/** The part of the backend that publishes events. */
export interface EventSource {
  on<E extends EventName>(event: E, listener: (payload: EventPayloads[E]) => void): () => void;
}

/** Sends one event to the page; the caller decides which window, if any, is there. */
export type EventSink = <E extends EventName>(event: E, payload: EventPayloads[E]) => void;

/**
 * Forwards every event of the contract from the backend to `send`. Returns a
 * function that unsubscribes them all.
 */
export function forwardEvents(source: EventSource, send: EventSink): () => void {
  const unsubscribes = EVENTS.map((event) => source.on(event, (payload) => send(event, payload)));
  return () => {
    for (const unsubscribe of unsubscribes) unsubscribe();
  };
}
