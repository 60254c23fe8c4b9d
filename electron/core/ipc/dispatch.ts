/**
 * Turns the IPC contract into one dispatch function: look up the channel, parse its arguments with the
 * channel's zod schema, run the handler, and wrap the outcome as `{ ok, value }` or `{ ok, error }`.
 * Electron's `ipcMain.handle` (after the sender-frame check) and the end-to-end test bridge both call it.
 */
import {
  channels,
  type Channel,
  type ChannelArgs,
  type ChannelResult,
  type IpcResult,
} from '../../shared/ipc-contract.js';
import { InvalidArgumentError, toIpcError, WORDING } from '../errors.js';
import type { Logger } from '../logging.js';

export type Handlers = {
  [C in Channel]: (...args: ChannelArgs<C>) => Promise<ChannelResult<C>> | ChannelResult<C>;
};

export type Dispatch = (channel: string, args: unknown) => Promise<IpcResult<unknown>>;

export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && Object.hasOwn(channels, name);
}

/** A piece of the caller's input quoted in an answer or a log line: never more than `max` characters. */
function quoted(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/** With only some channels' handlers (the main process's own), the others are answered as unknown requests. */
export function createDispatch(handlers: Handlers | Partial<Handlers>, logger: Logger): Dispatch {
  return async (channel, args) => {
    // The page chose the name: only its first characters are repeated back or logged.
    const channelLabel = quoted(String(channel), 64);
    try {
      if (!isChannel(channel) || !handlers[channel])
        throw new InvalidArgumentError(WORDING.unknownRequest(channelLabel));
      const parsed = channels[channel].args.safeParse(args);
      if (!parsed.success) {
        // zod quotes the page's keys in paths and messages ("Unrecognized key: …"); a key can be megabytes.
        const issue = parsed.error.issues[0];
        const path = issue?.path.map((part) => quoted(String(part), 40)).join('.') ?? '';
        const where = path ? ` (argument ${quoted(path, 120)})` : '';
        throw new InvalidArgumentError(WORDING.badRequest(where, quoted(issue?.message ?? 'invalid', 160)));
      }
      const handler = handlers[channel] as (...a: unknown[]) => unknown;
      const value = await handler(...(parsed.data as unknown[]));
      // Only plain JSON crosses the boundary; undefined becomes null so both sides agree.
      return { ok: true, value: value === undefined ? null : value };
    } catch (error) {
      const ipcError = toIpcError(error);
      if (ipcError.code === 'INTERNAL') logger.error(`IPC ${channelLabel} failed`, { error });
      else logger.info(`IPC ${channelLabel} → ${ipcError.code}`);
      return { ok: false, error: ipcError };
    }
  };
}
