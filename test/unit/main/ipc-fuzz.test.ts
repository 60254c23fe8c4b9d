/**
 * IPC fuzzing: every channel of the contract, called through the path a renderer's call takes in the
 * main process — `registerIpc`'s handler (sender check) → `createDispatch` (zod contract) → the handler —
 * with random and hostile arguments: wrong types and counts, huge strings, prototype-pollution keys,
 * extra fields on valid objects, numbers at their edges. Arguments are structured-cloned first, as
 * Electron's IPC does. Each call must answer `{ ok: true }` only when the contract accepts the arguments
 * and a typed, short INVALID_ARGUMENT otherwise; nothing may throw past the boundary, no handler may run
 * with arguments the contract refuses, and no prototype may change.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createDispatch, type Handlers } from '../../../electron/core/ipc/dispatch.js';
import { memoryLogger } from '../../../electron/core/logging.js';
import { registerIpc, type FrameLike, type InvokeEventLike, type IpcMainLike } from '../../../electron/main/ipc.js';
import { CHANNEL_NAMES, channels, type Channel } from '../../../electron/shared/ipc-contract.js';
import { asDelivered, channelArgs, HUGE, POLLUTION_KEYS, VALID_ARGS } from './ipc-arbitraries.js';

const APP_URL = 'glance://app/index.html';
const APP_ORIGIN = 'glance://app';
const mainFrame: FrameLike = { url: APP_URL, origin: APP_ORIGIN, parent: null, processId: 4, routingId: 1 };
const trustedEvent: InvokeEventLike = { senderFrame: mainFrame, sender: { id: 7 } };
/** Error messages go back to the page and may be shown: they never carry a huge piece of the input. */
const MAX_ERROR_MESSAGE = 400;

function harness() {
  const calls: Array<{ channel: Channel; args: unknown[] }> = [];
  const handlers = Object.fromEntries(
    CHANNEL_NAMES.map((channel) => [
      channel,
      (...args: unknown[]) => {
        calls.push({ channel, args });
        return null;
      },
    ]),
  ) as unknown as Handlers;
  const dispatch = createDispatch(handlers, memoryLogger());
  const registered = new Map<string, (event: InvokeEventLike, ...args: unknown[]) => Promise<unknown>>();
  const ipcMain: IpcMainLike = {
    handle: (channel, listener) => void registered.set(channel, listener),
    removeHandler: (channel) => void registered.delete(channel),
  };
  registerIpc({
    ipcMain,
    dispatch: (channel, args) => dispatch(channel, args),
    trustedContents: () => ({ id: 7, mainFrame }),
    isAppPage: (url) => url === APP_URL,
    appOrigin: APP_ORIGIN,
    logger: memoryLogger(),
  });
  return { calls, registered };
}

describe('IPC fuzzing through registerIpc → dispatch → handler', () => {
  it('the valid examples are valid, so mutating them fuzzes near the contract', () => {
    for (const [channel, args] of Object.entries(VALID_ARGS)) {
      expect(channels[channel as Channel].args.safeParse(args).success, channel).toBe(true);
    }
  });

  it('answers ok only for arguments the contract accepts, a short INVALID_ARGUMENT otherwise, and never throws', async () => {
    const { calls, registered } = harness();
    const prototypeKeys = Object.getOwnPropertyNames(Object.prototype).sort();
    let valid = 0;
    let invalid = 0;
    await fc.assert(
      fc.asyncProperty(channelArgs, async ({ channel, args }) => {
        const delivered = asDelivered(args);
        if (delivered === null) return;
        const listener = registered.get(channel);
        expect(listener, channel).toBeDefined();
        const callsBefore = calls.length;
        const accepted = channels[channel].args.safeParse(structuredClone(delivered)).success;
        const result = (await listener!(trustedEvent, ...delivered)) as
          { ok: true; value: unknown } | { ok: false; error: { code: string; message: string } };
        if (accepted) {
          valid++;
          expect(result).toEqual({ ok: true, value: null });
          expect(calls.length).toBe(callsBefore + 1);
        } else {
          invalid++;
          expect(result.ok).toBe(false);
          if (result.ok) return;
          expect(result.error.code).toBe('INVALID_ARGUMENT');
          expect(typeof result.error.message).toBe('string');
          expect(result.error.message.length).toBeLessThanOrEqual(MAX_ERROR_MESSAGE);
          expect(calls.length, 'no handler runs for arguments the contract refuses').toBe(callsBefore);
        }
      }),
      { numRuns: 3_000 },
    );
    // Every argument a handler received passes the contract, and nothing reached Object.prototype.
    for (const call of calls) expect(channels[call.channel].args.safeParse(call.args).success).toBe(true);
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeKeys);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    // Both sides of the property were exercised.
    expect(valid).toBeGreaterThan(100);
    expect(invalid).toBeGreaterThan(1_000);
  }, 120_000);

  it('refuses an unknown channel name, however long, without echoing it', async () => {
    const dispatch = createDispatch({} as Handlers, memoryLogger());
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.string(), fc.constantFrom(HUGE, '__proto__', 'constructor', 'toString')),
        async (name) => {
          fc.pre(!CHANNEL_NAMES.includes(name as Channel));
          const result = await dispatch(name, []);
          expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
          if (!result.ok) expect(result.error.message.length).toBeLessThanOrEqual(MAX_ERROR_MESSAGE);
        },
      ),
      { numRuns: 300 },
    );
  });

  it.each(POLLUTION_KEYS)('refuses %s as an account id; as a settings key it never reaches a handler', async (key) => {
    const { calls, registered } = harness();
    for (const [channel, args] of [
      ['accounts:setActive', [key]],
      ['message:get', [key, '18c2f0a1b2c3d4e5']],
      ['sync:now', [key]],
    ] as const) {
      const result = await registered.get(channel)!(trustedEvent, ...args);
      expect(result, `${channel} ${key}`).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    }
    expect(calls).toEqual([]);
    // A record keyed by account: the key is refused, or dropped before the handler sees it.
    const patch = JSON.parse(
      `{"accountNotifications":{"${key}":{"enabled":true,"which":"inbox","labelIds":[]}}}`,
    ) as unknown;
    await registered.get('settings:update')!(trustedEvent, patch);
    for (const call of calls) {
      const received = (call.args[0] as { accountNotifications: object }).accountNotifications;
      expect(Object.keys(received)).not.toContain(key);
      expect([Object.prototype, null]).toContain(Object.getPrototypeOf(received));
    }
  });
});
