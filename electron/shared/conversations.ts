/**
 * Conversation rows, the way Gmail lists mail by default: one row per thread that has unread inbox mail,
 * built from the message summaries Glance already holds (each carries its `threadId`), so grouping costs
 * no Gmail request.
 *
 * What follows Gmail and what is guessed:
 * - one row per conversation, placed by its newest message ("the most recent conversation" rises to the
 *   top), and "the number of messages in a conversation appears to the right of senders' names" — Google's
 *   help page "About conversations", as relayed by university help pages; the number appears only for more
 *   than one message;
 * - guessed from Gmail's web UI (no written source): the senders are listed oldest first, each once; a lone
 *   sender by full name, several by first name ("Alex, Sam (4)"), more than three as the first, "..", and the
 *   last two ("Alex .. Kim, Sam (7)"), a nameless sender by the part of the address before the "@".
 *
 * A conversation's size is what the summaries show of it: messages Glance does not hold (your own replies,
 * mail read long ago) are not counted until the caller passes them in.
 */
import type { Correspondent, MessageSummary } from './ipc-contract.js';

export interface ConversationRow {
  accountId: string;
  threadId: string;
  /** The sender column in Gmail's punctuation, e.g. "Alex, Sam (4)" (the window lists names in its own language). */
  sendersText: string;
  /** Senders of the unread messages, oldest first, each address once. */
  unreadSenders: Correspondent[];
  /** Subject and snippet of the newest unread message. */
  subject: string;
  snippet: string;
  /** The newest unread message: what opening the row starts from and what selection follows. */
  newestUnreadId: string;
  /** Epoch ms of the conversation's newest message: the row's place in the list. */
  date: number;
  messageCount: number;
  unreadCount: number;
  /** Every message of the conversation Glance holds, oldest first: what a conversation action applies to. */
  messageIds: string[];
  hasAttachments: boolean;
  starred: boolean;
}

/** Oldest first; the same instant by id, so the order never depends on the input's. */
function compareOldestFirst(a: MessageSummary, b: MessageSummary): number {
  if (a.date !== b.date) return a.date - b.date;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** The unified order of rows: newest first; the same date by account id, then by thread id (descending). */
export function compareConversations(a: ConversationRow, b: ConversationRow): number {
  if (a.date !== b.date) return b.date - a.date;
  if (a.accountId !== b.accountId) return a.accountId < b.accountId ? -1 : 1;
  return a.threadId < b.threadId ? 1 : a.threadId > b.threadId ? -1 : 0;
}

function fullName(sender: Correspondent): string {
  return sender.name.trim() || sender.address;
}

function firstName(sender: Correspondent): string {
  const name = sender.name.trim();
  if (name) return name.split(/\s+/)[0] ?? name;
  const at = sender.address.indexOf('@');
  return at > 0 ? sender.address.slice(0, at) : sender.address;
}

/**
 * How the sender column joins names and adds the count, in the reader's language. The renderer passes its
 * translated forms (Intl.ListFormat in the window's locale, its message catalogue); this module stays free of
 * any translator, and `PLAIN_SENDER_WORDS` is Gmail's own punctuation.
 */
export interface SenderWords {
  /** Two or three names: "Alex, Sam". */
  list: (names: readonly string[]) => string;
  /** More than three: the first, then the last two (already listed): "Alex .. Kim, Sam". */
  elided: (first: string, rest: string) => string;
  /** The conversation's size after the names: "Alex, Sam (4)". */
  withCount: (senders: string, count: number) => string;
}

export const PLAIN_SENDER_WORDS: SenderWords = {
  list: (names) => names.join(', '),
  elided: (first, rest) => `${first} .. ${rest}`,
  withCount: (senders, count) => `${senders} (${count})`,
};

/** The sender column: "Alex Rivera", "Alex Rivera (3)", "Alex, Sam (4)", "Alex .. Kim, Sam (7)". */
export function formatSenders(
  senders: readonly Correspondent[],
  messageCount: number,
  words: SenderWords = PLAIN_SENDER_WORDS,
): string {
  const [only] = senders;
  let names: string;
  if (senders.length === 0) names = '';
  else if (senders.length === 1 && only) names = fullName(only);
  else if (senders.length <= 3) names = words.list(senders.map(firstName));
  else names = words.elided(firstName(senders[0]!), words.list(senders.slice(-2).map(firstName)));
  return messageCount > 1 ? words.withCount(names, messageCount) : names;
}

function key(accountId: string, threadId: string): string {
  return JSON.stringify([accountId, threadId]);
}

/**
 * One row per conversation with at least one unread message in the inbox, newest first. A summary given
 * twice (same account and id) counts once; the later one wins.
 */
export function groupConversations(summaries: readonly MessageSummary[]): ConversationRow[] {
  const byMessage = new Map<string, MessageSummary>();
  for (const summary of summaries) byMessage.set(key(summary.accountId, summary.id), summary);
  const byThread = new Map<string, MessageSummary[]>();
  for (const summary of byMessage.values()) {
    const threadKey = key(summary.accountId, summary.threadId);
    const messages = byThread.get(threadKey);
    if (messages) messages.push(summary);
    else byThread.set(threadKey, [summary]);
  }
  const rows: ConversationRow[] = [];
  for (const messages of byThread.values()) {
    if (!messages.some((message) => message.unread && message.inInbox)) continue;
    messages.sort(compareOldestFirst);
    const unread = messages.filter((message) => message.unread);
    const newestUnread = unread[unread.length - 1]!;
    const newest = messages[messages.length - 1]!;
    const senders = new Map<string, Correspondent>();
    for (const message of unread) {
      const address = message.from.address.toLowerCase();
      if (!senders.has(address)) senders.set(address, message.from);
    }
    const unreadSenders = [...senders.values()];
    rows.push({
      accountId: newest.accountId,
      threadId: newest.threadId,
      sendersText: formatSenders(unreadSenders, messages.length),
      unreadSenders,
      subject: newestUnread.subject,
      snippet: newestUnread.snippet,
      newestUnreadId: newestUnread.id,
      date: newest.date,
      messageCount: messages.length,
      unreadCount: unread.length,
      messageIds: messages.map((message) => message.id),
      hasAttachments: messages.some((message) => message.hasAttachments),
      starred: messages.some((message) => message.starred),
    });
  }
  return rows.sort(compareConversations);
}
