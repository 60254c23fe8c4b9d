/**
 * A simple reference reducer of MailboxChange events and list pages, written from the rules in the issue 10
 * design note (per account: version, status, messages, touchedAt). The renderer has its own reducer
 * (renderer/src/mail/); the property test uses whatever `mailboxReducer` below returns, so it can be pointed
 * at the renderer's one without touching the test.
 */
import type {
  MailboxChange,
  MailboxStatus,
  MessagePage,
  MessageSummary,
} from '../../../electron/shared/ipc-contract.js';

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

export interface MailboxReducer {
  initial(): ReducerState;
  applyPage(state: ReducerState, page: MessagePage): ReducerState;
  applyChange(state: ReducerState, change: MailboxChange): ReducerState;
  /** What the reducer holds for one account, newest first. */
  messages(state: ReducerState, accountId: string): MessageSummary[];
  stale(state: ReducerState, accountId: string): boolean;
  status(state: ReducerState, accountId: string): MailboxStatus | null;
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

export const referenceReducer: MailboxReducer = {
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
};

/** The reducer the property test checks. Swap in the renderer's (renderer/src/mail/) here after the merge. */
export function mailboxReducer(): MailboxReducer {
  return referenceReducer;
}
