/**
 * Random and hostile arguments for every channel of the IPC contract (fast-check), shared by the fuzz of the
 * main process's IPC boundary (ipc-fuzz.test.ts) and the fuzz of the real core (test/integration/core).
 */
import fc from 'fast-check';
import { CHANNEL_NAMES, type Channel } from '../../../electron/shared/ipc-contract.js';

/** One valid call per channel, to mutate; a channel added later is fuzzed with random arguments only. */
export const VALID_ARGS: Partial<Record<Channel, unknown[]>> = {
  'accounts:setActive': ['1234'],
  'auth:signIn': [{ loginHint: 'alex@example.com' }],
  'auth:signOut': ['1234'],
  // No arguments: anything sent along is refused.
  'auth:openBrowserAgain': [],
  'auth:copySignInLink': [],
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
  'proxy:answerSignIn': [
    { requestId: '0b6c1e2a-4f7d-4c1b-9a53-1f0e2d3c4b5a', credentials: { username: 'sam', password: 'pw' } },
  ],
  'proxy:openQuestions': [],
  'message:takePendingShow': [],
};

export const POLLUTION_KEYS = ['__proto__', 'constructor', 'prototype'];
export const HUGE = 'A'.repeat(200_000);

/** Values an attacker would try in any position. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
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

export const channelArgs: fc.Arbitrary<{ channel: Channel; args: unknown[] }> = fc
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

/** What Electron's IPC delivers: a structured clone; what cannot be cloned never reaches the main process. */
export function asDelivered(args: unknown[]): unknown[] | null {
  try {
    return structuredClone(args);
  } catch {
    return null;
  }
}
