/**
 * The reducers the property test holds against the core: a simple reference reducer written from the
 * design's rules (per account: version, status, messages, touchedAt), and an adapter over the renderer's own
 * reducer (renderer/src/mail/mail-state.ts), the one that ships.
 */
import type {
  MailboxChange,
  MailboxStatus,
  MessagePage,
  MessageSummary,
} from '../../../electron/shared/ipc-contract.js';
import {
  compareNewestFirst,
  initialMailState,
  isStale,
  mailReducer,
  UNIFIED,
  type MailState,
  type SortKey,
} from '../../../renderer/src/mail/mail-state.js';

export interface AccountState {
  version: number;
  status: MailboxStatus | null;
  messages: Map<string, MessageSummary>;
  /** The version of the last change that decided each message (added, updated or removed it). */
  touchedAt: Map<string, number>;
  /** A version gap was seen: the UI would reload once. */
  stale: boolean;
}

export type ReducerState = Map<string, AccountState>;

/** Which list a page belongs to: one account's or the unified one, from the top or the next page. */
export interface PageOf {
  view: string;
  first: boolean;
}

export interface MailboxReducer<S> {
  name: string;
  initial(): S;
  applyPage(state: S, page: MessagePage, list: PageOf): S;
  applyChange(state: S, change: MailboxChange): S;
  /** What the reducer holds for one account, newest first. */
  messages(state: S, accountId: string): MessageSummary[];
  stale(state: S, accountId: string): boolean;
  status(state: S, accountId: string): MailboxStatus | null;
  /**
   * How far down the reducer claims to know the account's rows: 'all', the oldest loaded position of a list
   * showing the account (rows at or above it are shown), or null when no list showing it has loaded.
   */
  knownTo(state: S, accountId: string): SortKey | 'all' | null;
}

function account(state: ReducerState, accountId: string): AccountState {
  let entry = state.get(accountId);
  if (!entry) {
    entry = { version: 0, status: null, messages: new Map(), touchedAt: new Map(), stale: false };
    state.set(accountId, entry);
  }
  return entry;
}

const newestFirst = (a: MessageSummary, b: MessageSummary) =>
  b.date - a.date || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);

export const referenceReducer: MailboxReducer<ReducerState> = {
  name: 'the reference reducer (design rules)',
  initial: () => new Map(),
  applyPage(state, page) {
    const versions = new Map(page.mailboxes.map((status) => [status.accountId, status.version]));
    for (const status of page.mailboxes) {
      const entry = account(state, status.accountId);
      if (entry.version < status.version) {
        entry.version = status.version;
        entry.status = status;
      }
    }
    for (const message of page.messages) {
      const entry = account(state, message.accountId);
      const pageVersion = versions.get(message.accountId) ?? 0;
      if ((entry.touchedAt.get(message.id) ?? -1) > pageVersion) continue;
      entry.messages.set(message.id, message);
    }
    return state;
  },
  applyChange(state, change) {
    const entry = account(state, change.accountId);
    if (change.version <= entry.version) return state;
    if (change.version > entry.version + 1) {
      entry.stale = true;
      return state;
    }
    for (const message of [...change.added, ...change.updated]) {
      entry.messages.set(message.id, message);
      entry.touchedAt.set(message.id, change.version);
    }
    for (const id of change.removedIds) {
      entry.messages.delete(id);
      entry.touchedAt.set(id, change.version);
    }
    const { added: _a, updated: _u, removedIds: _r, arrivedIds: _n, ...status } = change;
    entry.version = change.version;
    entry.status = status;
    return state;
  },
  messages: (state, accountId) => [...(state.get(accountId)?.messages.values() ?? [])].sort(newestFirst),
  stale: (state, accountId) => state.get(accountId)?.stale ?? false,
  status: (state, accountId) => state.get(accountId)?.status ?? null,
  knownTo: () => 'all', // it applies every change from the start
};

let requests = 0;

/** The renderer's reducer, driven the way renderer/src/mail/useMail.ts drives it. */
export const rendererReducer: MailboxReducer<MailState> = {
  name: 'the renderer’s reducer',
  initial: () => initialMailState,
  applyPage(state, page, { view, first }) {
    if (first) {
      const request = ++requests;
      const started = mailReducer(state, { type: 'listStarted', view, request, mode: 'first' });
      return mailReducer(started, { type: 'pageLoaded', view, request, mode: 'first', after: null, page });
    }
    const started = mailReducer(state, { type: 'moreStarted', view });
    const list = started.views[view]!;
    return mailReducer(started, {
      type: 'pageLoaded',
      view,
      request: list.request,
      mode: 'more',
      after: list.boundary,
      page,
    });
  },
  applyChange: (state, change) => mailReducer(state, { type: 'changed', change }),
  messages: (state, accountId) => [...(state.accounts[accountId]?.messages.values() ?? [])].sort(newestFirst),
  stale: (state, accountId) => isStale(state.accounts[accountId]),
  status: (state, accountId) => state.accounts[accountId]?.status ?? null,
  knownTo(state, accountId) {
    let oldest: SortKey | null = null;
    for (const [view, list] of Object.entries(state.views)) {
      if ((view !== accountId && view !== UNIFIED) || list.status !== 'ready') continue;
      if (list.complete) return 'all';
      if (list.boundary && (oldest === null || compareNewestFirst(list.boundary, oldest) > 0)) oldest = list.boundary;
    }
    return oldest;
  },
};
