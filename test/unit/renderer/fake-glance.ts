/**
 * A fake `window.glance` for renderer component tests: the real contract's `buildGlanceApi` over an
 * in-test handler map. Every call's arguments are checked against the contract's zod schema, so a
 * renderer that sends something the main process would refuse fails the test.
 */
import { buildGlanceApi, channels } from '../../../electron/shared/ipc-contract.js';
import type {
  AccountView,
  AccountsState,
  AppInfo,
  Channel,
  ChannelArgs,
  ChannelResult,
  EventName,
  EventPayloads,
  IpcError,
  IpcResult,
  MessageSummary,
  Settings,
} from '../../../electron/shared/ipc-contract.js';

export type Handler<C extends Channel> = (
  ...args: ChannelArgs<C>
) => IpcResult<ChannelResult<C>> | Promise<IpcResult<ChannelResult<C>>>;
export type Handlers = { [C in Channel]?: Handler<C> };

export interface FakeGlance {
  calls: Array<{ channel: Channel; args: unknown[] }>;
  /** Calls whose arguments the contract refuses; should stay empty. */
  violations: string[];
  callsOf<C extends Channel>(channel: C): Array<ChannelArgs<C>>;
  emit<E extends EventName>(event: E, payload: EventPayloads[E]): void;
  listenerCount(event: EventName): number;
  setHandler<C extends Channel>(channel: C, handler: Handler<C>): void;
}

export const ok = <T>(value: T): IpcResult<T> => ({ ok: true, value });
export const fail = (code: IpcError['code'], message = 'Test failure.', retryAt?: number): IpcResult<never> => ({
  ok: false,
  error: { code, message, ...(retryAt !== undefined ? { retryAt } : {}) },
});

export const testAccount: AccountView = {
  id: 'acct-1',
  email: 'alex@example.com',
  name: 'Alex Rivera',
  pictureUrl: null,
  status: 'ready',
};
export const signedInState: AccountsState = {
  accounts: [testAccount],
  activeAccountId: testAccount.id,
  keychainUnavailable: false,
};
export const signedOutState: AccountsState = { accounts: [], activeAccountId: null, keychainUnavailable: false };
export const googleAppInfo: AppInfo = {
  name: 'Glance',
  version: '0.1.0',
  platform: 'linux',
  mode: 'google',
  clientSource: 'env',
};
export const defaultSettings: Settings = {
  markReadOnOpen: true,
  notifications: true,
  pollSeconds: 60,
  launchAtLogin: false,
  remoteContentSenders: [],
};

export function summary(index: number, overrides: Partial<MessageSummary> = {}): MessageSummary {
  return {
    id: `m${index.toString(16).padStart(6, '0')}`,
    threadId: `t${index}`,
    from: { name: `Sender ${index}`, address: `sender${index}@example.com` },
    subject: `Subject number ${index}`,
    snippet: `Snippet of message ${index}`,
    date: Date.UTC(2026, 10, 26, 12, 0, 0) - index * 60_000,
    unread: true,
    starred: false,
    inInbox: true,
    hasAttachments: false,
    ...overrides,
  };
}

/** Handlers for a signed-in account whose unread inbox holds `messages`, paged by offset tokens. */
export function inboxHandlers(messages: MessageSummary[], unreadCount = messages.length): Handlers {
  return {
    'app:info': () => ok(googleAppInfo),
    'accounts:get': () => ok(signedInState),
    'settings:get': () => ok(defaultSettings),
    'settings:update': (patch) => ok({ ...defaultSettings, ...patch }),
    'mailbox:summary': (accountId) => ok({ accountId, email: testAccount.email, unreadCount }),
    'sync:state': (accountId) => ok({ accountId, status: 'idle', lastSyncedAt: Date.now() - 60_000 }),
    'sync:now': () => ok(null),
    'messages:list': (args) => {
      const start = args.pageToken ? Number(args.pageToken) : 0;
      const size = args.pageSize ?? 50;
      const page = messages.slice(start, start + size);
      const next = start + size < messages.length ? String(start + size) : null;
      return ok({ messages: page, nextPageToken: next, resultSizeEstimate: messages.length, fromCache: false });
    },
    'messages:modify': () => ok(null),
  };
}

export function installFakeGlance(initial: Handlers): FakeGlance {
  const handlers: Handlers = { ...initial };
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  const calls: FakeGlance['calls'] = [];
  const violations: string[] = [];

  const invoke = async (channel: Channel, args: unknown[]): Promise<IpcResult<unknown>> => {
    // The main process validates with the same schema; tests assert `violations` stays empty.
    const parsed = channels[channel].args.safeParse(args);
    if (!parsed.success) {
      violations.push(`${channel}: ${parsed.error.message}`);
      return { ok: false, error: { code: 'INVALID_ARGUMENT', message: 'Contract violation in test.' } };
    }
    calls.push({ channel, args });
    const handler = handlers[channel] as
      ((...a: unknown[]) => IpcResult<unknown> | Promise<IpcResult<unknown>>) | undefined;
    if (!handler) throw new Error(`fake glance: no handler for ${channel}`);
    return handler(...args);
  };
  const subscribe = (event: EventName, listener: (payload: unknown) => void) => {
    const set = listeners.get(event) ?? new Set();
    set.add(listener);
    listeners.set(event, set);
    return () => set.delete(listener);
  };
  Object.defineProperty(window, 'glance', { value: buildGlanceApi(invoke, subscribe), configurable: true });

  return {
    calls,
    violations,
    callsOf: <C extends Channel>(channel: C) =>
      calls.filter((call) => call.channel === channel).map((call) => call.args as ChannelArgs<C>),
    emit: (event, payload) => listeners.get(event)?.forEach((listener) => listener(payload)),
    listenerCount: (event) => listeners.get(event)?.size ?? 0,
    setHandler: (channel, handler) => {
      (handlers as Record<string, unknown>)[channel] = handler;
    },
  };
}

/** Builds a raw RFC 822 message as Gmail's base64url `raw`. */
export function rawMessage(source: string): string {
  return Buffer.from(source.replace(/\r?\n/g, '\r\n'), 'utf8').toString('base64url');
}
