/** What a view shows, read from the mail state: its rows, its unread count, whether it needs a reload. */
import type { MessageSummary, Settings } from '../../../electron/shared/ipc-contract.js';
import {
  compareConversations,
  groupConversations,
  type ConversationRow,
} from '../../../electron/shared/conversations.js';
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

export type ListMode = Settings['listMode'];

/**
 * Unread count of a view: one account's, or the sum of every account's that is known. Unread conversations
 * (Gmail's number) in conversation mode, unread messages when each message is shown separately.
 */
export function unreadCountOf(state: MailState, view: ViewId, mode: ListMode = 'messages'): number | null {
  let total: number | null = null;
  for (const accountId of accountsOfView(state, view)) {
    const status = state.accounts[accountId]?.status;
    const count = mode === 'conversations' ? status?.unreadConversationCount : status?.unreadCount;
    if (count === null || count === undefined) continue;
    total = (total ?? 0) + count;
  }
  return total;
}

/** One conversation across accounts: Gmail thread ids are unique only within an account. */
export function conversationKey(conversation: { accountId: string; threadId: string }): string {
  return `${conversation.accountId}/${conversation.threadId}`;
}

/**
 * The conversation rows a view shows, grouped from the rows it holds (no request of its own). `known` adds
 * messages of opened conversations (`conversation:get`) so a row counts the messages Glance does not list;
 * only the live view says what is unread, so a known message the view no longer lists counts as read. A
 * conversation read here stays as a read row while its messages are retained, like a message row.
 */
export function viewConversations(
  state: MailState,
  view: ViewId,
  known: ReadonlyMap<string, readonly MessageSummary[]> = new Map(),
): ConversationRow[] {
  const messages = viewMessages(state, view);
  const threads = new Map<string, MessageSummary[]>();
  for (const message of messages) {
    const key = conversationKey(message);
    const thread = threads.get(key);
    if (thread) thread.push(message);
    else threads.set(key, [message]);
  }
  const extra: MessageSummary[] = [];
  for (const [key, thread] of threads) {
    const listed = new Set(thread.map((message) => message.id));
    for (const message of known.get(key) ?? []) {
      if (listed.has(message.id) || state.hidden.has(messageKey(message))) continue;
      extra.push({ ...message, unread: false });
    }
  }
  // The view's own rows come last: the later summary of a message wins.
  const rows = groupConversations([...extra, ...messages]);
  const grouped = new Set(rows.map(conversationKey));
  const kept: ConversationRow[] = [];
  for (const [key, thread] of threads) {
    if (grouped.has(key) || !thread.some((message) => state.retained.has(messageKey(message)))) continue;
    const all = [...extra.filter((message) => conversationKey(message) === key), ...thread];
    // Grouped as if unread (a row needs unread mail), then shown as what it is now: read.
    const [row] = groupConversations(all.map((message) => ({ ...message, unread: true, inInbox: true })));
    if (row) kept.push({ ...row, unreadCount: 0 });
  }
  if (kept.length === 0) return rows;
  return [...rows, ...kept].sort(compareConversations);
}

/** The row of one conversation in `rows`, or null. */
export function findConversation(
  rows: readonly ConversationRow[],
  ref: { accountId: string; threadId: string } | null,
): ConversationRow | null {
  if (!ref) return null;
  return rows.find((row) => row.accountId === ref.accountId && row.threadId === ref.threadId) ?? null;
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
