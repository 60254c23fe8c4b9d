/** What a view shows, read from the mail state: its rows, its unread count, whether it needs a reload. */
import type { MessageSummary } from '../../../electron/shared/ipc-contract.js';
import { isStale } from './account-mail.js';
import { UNIFIED, type MailState, type ViewId } from './mail-types.js';
import { compareNewestFirst, messageKey } from './message-order.js';

export function accountsOfView(state: MailState, view: ViewId): string[] {
  return view === UNIFIED ? Object.keys(state.accounts) : [view];
}

/** The rows a view shows, newest first, cut at its loaded boundary; hidden ones out, retained ones in. */
export function viewMessages(state: MailState, view: ViewId): MessageSummary[] {
  const range = state.views[view];
  if (!range || range.status === 'loading') return [];
  const rows: MessageSummary[] = [];
  const seen = new Set<string>();
  for (const accountId of accountsOfView(state, view)) {
    const account = state.accounts[accountId];
    if (!account) continue;
    for (const message of account.messages.values()) {
      const key = messageKey(message);
      if (state.hidden.has(key)) continue;
      seen.add(key);
      rows.push(message);
    }
  }
  const inView = new Set(accountsOfView(state, view));
  for (const [key, message] of state.retained) {
    if (!seen.has(key) && inView.has(message.accountId) && !state.hidden.has(key)) rows.push(message);
  }
  rows.sort(compareNewestFirst);
  if (range.complete || !range.boundary) return range.complete ? rows : [];
  const boundary = range.boundary;
  const end = rows.findIndex((message) => compareNewestFirst(message, boundary) > 0);
  return end < 0 ? rows : rows.slice(0, end);
}

/** The rows of the current search, without the ones archived here. */
export function searchMessages(state: MailState): MessageSummary[] {
  const { search } = state;
  if (!search) return [];
  if (search.query.scope !== 'unread' || state.hidden.size === 0) return [...search.items];
  return search.items.filter((message) => !state.hidden.has(messageKey(message)));
}

/** Unread count of a view: one account's, or the sum of every account's that is known. */
export function unreadCountOf(state: MailState, view: ViewId): number | null {
  let total: number | null = null;
  for (const accountId of accountsOfView(state, view)) {
    const count = state.accounts[accountId]?.status?.unreadCount;
    if (count === null || count === undefined) continue;
    total = (total ?? 0) + count;
  }
  return total;
}

/** Accounts of a view that missed a change and whose loaded range needs one reload. */
export function viewIsStale(state: MailState, view: ViewId): boolean {
  if (state.views[view]?.unverified) return true;
  return accountsOfView(state, view).some((accountId) => isStale(state.accounts[accountId]));
}

/** A message as the state knows it now (list, retained or search row). */
export function findMessage(state: MailState, accountId: string, id: string): MessageSummary | null {
  const key = messageKey({ accountId, id });
  return (
    state.retained.get(key) ??
    state.accounts[accountId]?.messages.get(id) ??
    state.search?.items.find((row) => row.accountId === accountId && row.id === id) ??
    null
  );
}
