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

export function createDispatch(handlers: Handlers, logger: Logger): Dispatch {
  return async (channel, args) => {
    try {
      if (!isChannel(channel)) throw new InvalidArgumentError(WORDING.unknownRequest(String(channel).slice(0, 64)));
      const parsed = channels[channel].args.safeParse(args);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        const where = issue && issue.path.length > 0 ? ` (argument ${issue.path.join('.')})` : '';
        throw new InvalidArgumentError(WORDING.badRequest(where, issue?.message ?? 'invalid'));
      }
      const handler = handlers[channel] as (...a: unknown[]) => unknown;
      const value = await handler(...(parsed.data as unknown[]));
      // Only plain JSON crosses the boundary; undefined becomes null so both sides agree.
      return { ok: true, value: value === undefined ? null : value };
    } catch (error) {
      const ipcError = toIpcError(error);
      if (ipcError.code === 'INTERNAL') logger.error(`IPC ${String(channel)} failed`, { error });
      else logger.info(`IPC ${String(channel)} → ${ipcError.code}`);
      return { ok: false, error: ipcError };
    }
  };
}
