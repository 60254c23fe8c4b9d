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

const APP_URL = 'glance://app/index.html';
const APP_ORIGIN = 'glance://app';
const mainFrame: FrameLike = { url: APP_URL, origin: APP_ORIGIN, parent: null, processId: 4, routingId: 1 };
const trustedEvent: InvokeEventLike = { senderFrame: mainFrame, sender: { id: 7 } };
/** Error messages go back to the page and may be shown: they never carry a huge piece of the input. */
const MAX_ERROR_MESSAGE = 400;

/** One valid call per channel, to mutate; a channel added later is fuzzed with random arguments only. */
const VALID_ARGS: Partial<Record<Channel, unknown[]>> = {
  'accounts:setActive': ['1234'],
  'auth:signIn': [{ loginHint: 'alex@example.com' }],
  'auth:signOut': ['1234'],
  'messages:list': [{ accountId: '1234', scope: 'unread', query: 'from:sam', pageToken: null, pageSize: 50 }],
  'messages:searchLocal': [{ accountId: '*', scope: 'all', query: 'invoice', pageSize: 20 }],
  'message:get': ['1234', '18c2f0a1b2c3d4e5', { whole: true }],
  'messages:modify': ['1234', ['18c2f0a1b2c3d4e5'], 'archive'],
  'conversation:get': ['1234', '18c2f0a1b2c3d4e5'],
  'conversations:modify': ['1234', ['18c2f0a1b2c3d4e5'], 'markRead'],
  'attachment:save': ['1234', '18c2f0a1b2c3d4e5', 0],
  'accounts:usePassphraseFile': ['correct horse battery staple'],
  'accounts:unlockPassphraseFile': ['correct horse battery staple'],
  'sync:now': ['1234'],
  'labels:list': ['1234'],
  'settings:update': [
    {
      markReadOnOpen: true,
      pollSeconds: 60,
      accountNotifications: { '1234': { enabled: true, which: 'labels', labelIds: ['Label_1'] } },
      quietHours: { enabled: false, startMinute: 0, endMinute: 1439 },
      doNotDisturb: { until: null },
      trustedLinkDomains: ['example.com'],
      listMode: 'messages',
    },
  ],
  'shell:openExternal': ['https://example.com/'],
  'shell:openInGmail': ['1234', '18c2f0a1b2c3d4e5'],
};

const POLLUTION_KEYS = ['__proto__', 'constructor', 'prototype'];
const HUGE = 'A'.repeat(200_000);

/** Values an attacker would try in any position. */
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(
    HUGE,
    `${HUGE}@example.com`,
    '',
    '*',
    '../../etc/passwd',
    'javascript:alert(1)',
    'file:///etc/passwd',
    '\u0000',
    '\u202e',
    NaN,
    Infinity,
    -Infinity,
    -0,
    2 ** 53,
    -1,
    1e308,
    null,
    undefined,
    true,
    [],
    {},
    new Date(0),
    new Uint8Array(4),
    new Map([['a', 1]]),
    BigInt(1),
  ),
  fc.constantFrom(...POLLUTION_KEYS).map((key) => JSON.parse(`{"${key}":{"polluted":true}}`) as unknown),
  fc.constantFrom(...POLLUTION_KEYS).map((key) => JSON.parse(`{"${key}":"x"}`) as unknown),
  fc.anything({ maxDepth: 3, withNullPrototype: true, withBigInt: true, withDate: true, withTypedArray: true }),
);

/** A copy of `value` with one hostile change somewhere inside it. */
function mutate(value: unknown): fc.Arbitrary<unknown> {
  if (Array.isArray(value) && value.length > 0) {
    return fc.oneof(
      fc
        .nat(value.length - 1)
        .chain((index) => mutate(value[index]).map((inner) => value.map((item, i) => (i === index ? inner : item)))),
      hostileValue.map((extra) => [...value, extra]),
      fc.constant(value.slice(1)),
    );
  }
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const entries = Object.entries(value);
    const keyChange = fc
      .tuple(fc.oneof(fc.constantFrom(...POLLUTION_KEYS, 'admin', HUGE), fc.string()), hostileValue)
      .map(([key, extra]) => {
        // JSON.parse makes `__proto__` an own key, as a structured clone from the page would.
        const copy = JSON.parse(JSON.stringify(value)) as Record<string, unknown>;
        Object.defineProperty(copy, key, { value: extra, enumerable: true, configurable: true, writable: true });
        return copy;
      });
    if (entries.length === 0) return keyChange;
    return fc.oneof(
      keyChange,
      fc
        .nat(entries.length - 1)
        .chain((index) => mutate(entries[index]![1]).map((inner) => ({ ...value, [entries[index]![0]]: inner }))),
    );
  }
  return hostileValue;
}

const channelArgs: fc.Arbitrary<{ channel: Channel; args: unknown[] }> = fc
  .constantFrom(...CHANNEL_NAMES)
  .chain((channel) => {
    const valid = VALID_ARGS[channel] ?? [];
    return (
      fc
        .oneof(
          { weight: 2, arbitrary: mutate(valid) as fc.Arbitrary<unknown[]> },
          { weight: 1, arbitrary: fc.array(hostileValue, { maxLength: 4 }) },
          { weight: 1, arbitrary: fc.constant(valid) },
        )
        // A renderer's call always arrives as an argument list.
        .map((args) => ({ channel, args: Array.isArray(args) ? args : [args] }))
    );
  });

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

/** What Electron's IPC delivers: a structured clone; what cannot be cloned never reaches the main process. */
function asDelivered(args: unknown[]): unknown[] | null {
  try {
    return structuredClone(args);
  } catch {
    return null;
  }
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
