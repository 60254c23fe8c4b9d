/**
 * A fake `window.glance` for renderer component tests: the real contract's `buildGlanceApi` over an
 * in-test handler map. Every call's arguments are checked against the contract's zod schema, so a
 * renderer that sends something the main process would refuse fails the test.
 */
import { messageContent } from '../../../electron/core/message/message-content.js';
import { buildGlanceApi, channels, DEFAULT_SETTINGS } from '../../../electron/shared/ipc-contract.js';
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
  MailboxChange,
  MailboxStatus,
  MessageAction,
  MessageContent,
  MessagePage,
  MessageSummary,
  Settings,
  SyncState,
} from '../../../electron/shared/ipc-contract.js';
import { compareNewestFirst, messageKey } from '../../../renderer/src/mail/mail-state.js';

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
/** Tests written for message rows keep them; conversation tests ask for `listMode: 'conversations'`. */
export const defaultSettings: Settings = { ...DEFAULT_SETTINGS, listMode: 'messages' };

export function summary(index: number, overrides: Partial<MessageSummary> = {}): MessageSummary {
  return {
    accountId: testAccount.id,
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

export const idleSync = (accountId: string): SyncState => ({
  accountId,
  status: 'idle',
  lastSyncedAt: Date.now() - 60_000,
});

export type ChangeParts = Partial<
  Pick<MailboxChange, 'added' | 'updated' | 'removedIds' | 'arrivedIds' | 'pendingActions' | 'droppedActions'>
> & {
  unreadCount?: number | null;
  /** By default the number of distinct threads in the view after the change. */
  unreadConversationCount?: number | null;
  sync?: Partial<SyncState>;
};

/**
 * A fake core: each account's unread view (newest first) with its version, served as pages (offset tokens)
 * and changed by `publish`, which emits the versioned `mailbox:changed` exactly as the core does.
 */
export interface FakeCore {
  handlers: Handlers;
  messages(accountId: string): MessageSummary[];
  status(accountId: string): MailboxStatus;
  /** Applies a change to the account's view, bumps its version and emits it (unless `silently`: a lost event). */
  publish(glance: FakeGlance, accountId: string, parts: ChangeParts, silently?: boolean): MailboxChange;
  /**
   * From now on `messages.modify` and `conversations.modify` change the view and publish the change before
   * they answer, as the core does (archive and read remove, unarchive and unread add back, star updates; the
   * counts follow). A conversation action applies to every message of the thread, read ones included.
   */
  connect(glance: FakeGlance): void;
}

/** Unread inbox conversations of a view: its distinct threads. */
const threadCount = (messages: readonly MessageSummary[]) => new Set(messages.map((message) => message.threadId)).size;

/**
 * `others` are messages the unread view does not list (read, or archived) but that belong to its threads:
 * `conversation:get` serves them with the listed ones, oldest first.
 */
export function fakeCore(
  views: Record<string, MessageSummary[]>,
  counts: Record<string, number | null> = {},
  others: readonly MessageSummary[] = [],
): FakeCore {
  const state = new Map(
    Object.entries(views).map(([accountId, messages]) => [
      accountId,
      {
        messages: [...messages].sort(compareNewestFirst),
        version: 1,
        unreadCount: counts[accountId] === undefined ? messages.length : counts[accountId],
        unreadConversationCount: threadCount(messages) as number | null,
        sync: idleSync(accountId),
        pendingActions: 0,
        droppedActions: 0,
      },
    ]),
  );
  const of = (accountId: string) => {
    const found = state.get(accountId);
    if (!found) throw new Error(`fake core: no account ${accountId}`);
    return found;
  };
  const status = (accountId: string): MailboxStatus => {
    const entry = of(accountId);
    return {
      accountId,
      version: entry.version,
      unreadCount: entry.unreadCount,
      unreadConversationCount: entry.unreadConversationCount,
      sync: entry.sync,
      pendingActions: entry.pendingActions,
      droppedActions: entry.droppedActions,
    };
  };
  const page = (accountId: string, pageToken: string | null | undefined, pageSize = 50): MessagePage => {
    const covered = accountId === '*' ? [...state.keys()] : [accountId];
    const all = covered.flatMap((id) => of(id).messages).sort(compareNewestFirst);
    const start = pageToken ? Number(pageToken) : 0;
    return {
      messages: all.slice(start, start + pageSize),
      nextPageToken: start + pageSize < all.length ? String(start + pageSize) : null,
      resultSizeEstimate: all.length,
      fromCache: false,
      mailboxes: covered.map(status),
    };
  };
  const handlers: Handlers = {
    'app:info': () => ok(googleAppInfo),
    'accounts:get': () => ok(signedInState),
    'settings:get': () => ok(defaultSettings),
    'settings:update': (patch) => ok({ ...defaultSettings, ...patch }),
    'mailboxes:get': () => ok([...state.keys()].map(status)),
    'sync:now': () => ok(null),
    'messages:list': (args) =>
      args.query || args.scope === 'all'
        ? ok({ ...page(args.accountId, args.pageToken, args.pageSize), mailboxes: [] })
        : ok(page(args.accountId, args.pageToken, args.pageSize)),
    'messages:modify': () => ok({ outcome: 'sent' }),
    // No local index unless a test gives one: every search goes to "Gmail" (messages:list) only.
    'messages:searchLocal': () => ok({ answerable: false, reason: 'the fake core has no local index' }),
  };
  let connected: FakeGlance | null = null;
  const known = new Map<string, MessageSummary>();
  for (const entry of state.values()) for (const message of entry.messages) known.set(messageKey(message), message);
  for (const message of others) known.set(messageKey(message), message);
  const modify = (accountId: string, ids: readonly string[], action: MessageAction) => {
    if (!connected) return;
    const entry = of(accountId);
    for (const id of ids) {
      const message = known.get(messageKey({ accountId, id }));
      if (!message) continue;
      const inView = entry.messages.some((listed) => listed.id === id);
      const patch: Partial<MessageSummary> =
        action === 'markRead'
          ? { unread: false }
          : action === 'markUnread'
            ? { unread: true }
            : action === 'archive'
              ? { inInbox: false }
              : action === 'unarchive'
                ? { inInbox: true }
                : { starred: action === 'star' };
      const next = { ...message, ...patch };
      known.set(messageKey(next), next);
      const belongs = next.unread && next.inInbox;
      const count = entry.unreadCount ?? 0;
      if (inView && !belongs) core.publish(connected, accountId, { removedIds: [id], unreadCount: count - 1 });
      else if (!inView && belongs) core.publish(connected, accountId, { added: [next], unreadCount: count + 1 });
      else if (inView) {
        const delta = next.inInbox ? Number(next.unread) - Number(message.unread) : 0;
        core.publish(connected, accountId, { updated: [next], ...(delta ? { unreadCount: count + delta } : {}) });
      }
    }
  };
  const threadMessages = (accountId: string, threadId: string) =>
    [...known.values()]
      .filter((message) => message.accountId === accountId && message.threadId === threadId)
      .sort((a, b) => a.date - b.date || (a.id < b.id ? -1 : 1));
  handlers['messages:modify'] = (accountId, ids, action) => {
    modify(accountId, ids, action);
    return ok({ outcome: 'sent' as const });
  };
  handlers['conversation:get'] = (accountId, threadId) =>
    ok({ accountId, threadId, messages: threadMessages(accountId, threadId) });
  handlers['conversations:modify'] = (accountId, threadIds, action) => {
    // As the core does: star and mark unread reach the newest message, the rest every message of the thread.
    const newestOnly = action === 'star' || action === 'markUnread';
    const ids = threadIds.flatMap((threadId) => {
      const messages = threadMessages(accountId, threadId);
      return (newestOnly ? messages.slice(-1) : messages).map((message) => message.id);
    });
    modify(accountId, ids, action);
    return ok({ outcome: 'sent' as const });
  };
  const core: FakeCore = {
    handlers,
    messages: (accountId) => of(accountId).messages,
    status,
    connect(glance) {
      connected = glance;
    },
    publish(glance, accountId, parts, silently = false) {
      const entry = of(accountId);
      const added = parts.added ?? [];
      const updated = parts.updated ?? [];
      const removedIds = parts.removedIds ?? [];
      const replaced = new Set([...added, ...updated].map((message) => message.id));
      const gone = new Set(removedIds);
      entry.messages = [
        ...entry.messages.filter((message) => !replaced.has(message.id) && !gone.has(message.id)),
        ...added,
        ...updated,
      ].sort(compareNewestFirst);
      entry.version += 1;
      if (parts.unreadCount !== undefined) entry.unreadCount = parts.unreadCount;
      entry.unreadConversationCount =
        parts.unreadConversationCount !== undefined ? parts.unreadConversationCount : threadCount(entry.messages);
      if (parts.sync) entry.sync = { ...entry.sync, ...parts.sync };
      if (parts.pendingActions !== undefined) entry.pendingActions = parts.pendingActions;
      if (parts.droppedActions !== undefined) entry.droppedActions = parts.droppedActions;
      const change: MailboxChange = {
        ...status(accountId),
        added,
        updated,
        removedIds,
        arrivedIds: parts.arrivedIds ?? [],
      };
      if (!silently) glance.emit('mailbox:changed', change);
      return change;
    },
  };
  return core;
}

/** Handlers for a signed-in account whose unread inbox holds `messages`, paged by offset tokens. */
export function inboxHandlers(messages: MessageSummary[], unreadCount = messages.length): Handlers {
  return fakeCore({ [testAccount.id]: messages }, { [testAccount.id]: unreadCount }).handlers;
}

/** Signed-in accounts (ready unless said otherwise), the first one active. */
export function accountsState(accounts: AccountView[], activeAccountId = accounts[0]?.id ?? null): AccountsState {
  return { accounts, activeAccountId, keychainUnavailable: false };
}

export function account(index: number, overrides: Partial<AccountView> = {}): AccountView {
  const email = ['alex@example.com', 'work@acme.test', 'sam@home.test', 'jo@club.test', 'kim@uni.test'][index - 1];
  return {
    id: `acct-${index}`,
    email: email ?? `user${index}@example.com`,
    name: '',
    pictureUrl: null,
    status: 'ready',
    ...overrides,
  };
}

export function installFakeGlance(initial: Handlers): FakeGlance {
  // Every window asks for open proxy sign-in questions when it starts, and its inbox for a clicked notification's
  // message waiting in the main process; by default there are none.
  const handlers: Handlers = {
    'proxy:openQuestions': () => ok([]),
    'message:takePendingShow': () => ok(null),
    ...initial,
  };
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

/**
 * A short plain-text message from a sender to Alex, for tests that open "a message". Built when called: this
 * module also runs in the e2e page (support/fake-bridge-entry.ts), which has no Buffer.
 */
export const helloRaw = () =>
  rawMessage(`From: Sender <sender@example.com>
To: alex@example.com
Subject: Hello
Date: Wed, 25 Nov 2026 10:00:00 +0000
Content-Type: text/plain; charset=utf-8

Hello.
`);

/** The message ids of the list's rows, top to bottom. */
export const listedMessageIds = () =>
  [...document.querySelectorAll<HTMLElement>('[role="option"][data-message-id]')].map(
    (element) => element.dataset.messageId,
  );

/**
 * `message:get`'s answer for a raw message, parsed as the main process parses it (the renderer never sees
 * `raw`): a handler for fake windows, `(_accountId, id) => messageContentOf({ id, threadId, labelIds, raw })`.
 */
export async function messageContentOf(
  message: { id: string; threadId: string; labelIds: string[]; raw: string },
  options: { whole?: boolean } = {},
): Promise<IpcResult<MessageContent>> {
  return ok(await messageContent(message, options));
}
