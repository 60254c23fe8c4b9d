/**
 * What the person did here before Google confirmed it: flags changed, the count moved, rows archived (hidden)
 * or kept in sight after they left the unread view (retained).
 */
import { patchAccount } from './account-mail.js';
import type { MailAction, MailState } from './mail-types.js';
import { messageKey } from './message-order.js';
import { patchSearchRow } from './search-list.js';

export type LocalEdit = Extract<
  MailAction,
  { type: 'patched' | 'countAdjusted' | 'hidden' | 'unhidden' | 'retained' | 'released' | 'retainedCleared' }
>;

export function applyLocalEdit(state: MailState, action: LocalEdit): MailState {
  switch (action.type) {
    case 'patched': {
      const account = state.accounts[action.accountId];
      const key = messageKey(action);
      const kept = state.retained.get(key);
      return {
        ...state,
        accounts: account
          ? { ...state.accounts, [action.accountId]: patchAccount(account, action.id, action.patch) }
          : state.accounts,
        retained: kept ? new Map(state.retained).set(key, { ...kept, ...action.patch }) : state.retained,
        search: patchSearchRow(state.search, action.accountId, action.id, action.patch),
      };
    }
    case 'countAdjusted': {
      const account = state.accounts[action.accountId];
      const status = account?.status;
      if (!account || !status) return state;
      const moved = (count: number | null, delta: number) => (count === null ? null : Math.max(0, count + delta));
      const unreadCount = moved(status.unreadCount, action.delta);
      const unreadConversationCount = moved(status.unreadConversationCount, action.conversationDelta ?? 0);
      if (unreadCount === status.unreadCount && unreadConversationCount === status.unreadConversationCount)
        return state;
      return {
        ...state,
        accounts: {
          ...state.accounts,
          [action.accountId]: { ...account, status: { ...status, unreadCount, unreadConversationCount } },
        },
      };
    }
    case 'hidden':
      return { ...state, hidden: new Set(state.hidden).add(messageKey(action)) };
    case 'unhidden': {
      const hidden = new Set(state.hidden);
      hidden.delete(messageKey(action));
      return { ...state, hidden };
    }
    case 'retained':
      return { ...state, retained: new Map(state.retained).set(messageKey(action.message), action.message) };
    case 'released': {
      const retained = new Map(state.retained);
      retained.delete(messageKey(action));
      return { ...state, retained };
    }
    case 'retainedCleared':
      return state.retained.size === 0 ? state : { ...state, retained: new Map() };
    default: {
      const unreachable: never = action;
      return unreachable;
    }
  }
}
