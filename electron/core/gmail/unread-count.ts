/**
 * The INBOX unread counts after a history sync, without asking Google again (labels.get is fetched once per
 * full sync): the message count moves by the messages that entered minus those that left the unread inbox in
 * the applied records; the conversation count by the conversations that did. The states before and after
 * come from the records themselves where they can: the view may already know a newer state (a page listed
 * since, or Glance's own action, which moved the shown counts at once and is accounted for separately by
 * the AccountSync).
 *
 * A conversation is unread in the inbox while at least one of its messages is. While the listing is
 * incomplete the view holds every unread inbox message newer than the listing boundary and none older, so:
 * a conversation **enters** when one of its messages enters and no other message of it the view holds was
 * unread in the inbox; it **leaves** when one of its messages leaves and no other message of it the view
 * holds still is. An unread message of the same conversation older than the boundary is unknown here, so such
 * a conversation can be counted once too often when a reply arrives (and once too few when its last known
 * unread message is read); entering and leaving by the same message cancel out, and the count is Google's
 * again at the next full sync, or the view's own once the listing is complete.
 */
import type { StoredMessage } from '../cache/mail-cache.js';
import type { HistoryRecord } from './gmail-api.js';
import type { MailboxView } from './mailbox-view.js';
import { isUnreadInbox } from './summary.js';

/** How far something moved the two unread counts: messages, and conversations (threads). */
export interface CountDelta {
  messages: number;
  conversations: number;
}

export const NO_DELTA: CountDelta = { messages: 0, conversations: 0 };

export function addDeltas(a: CountDelta, b: CountDelta): CountDelta {
  return { messages: a.messages + b.messages, conversations: a.conversations + b.conversations };
}

type Touch = (
  | { kind: 'added'; labelIds?: readonly string[] }
  | { kind: 'deleted'; labelIds?: readonly string[] }
  | { kind: 'labels'; add: readonly string[]; remove: readonly string[]; labelIds?: readonly string[] }
) & { threadId?: string };

/** Every record's touches, per message id, in order. */
function touchesById(records: readonly HistoryRecord[]): Map<string, Touch[]> {
  const byId = new Map<string, Touch[]>();
  const push = (id: string, touch: Touch) => {
    const list = byId.get(id) ?? [];
    list.push(touch);
    byId.set(id, list);
  };
  const labelsOf = (m: { labelIds?: string[] | undefined; threadId?: string | undefined }) => ({
    ...(m.labelIds ? { labelIds: m.labelIds } : {}),
    ...(m.threadId ? { threadId: m.threadId } : {}),
  });
  for (const record of records) {
    for (const { message } of record.messagesAdded ?? []) push(message.id, { kind: 'added', ...labelsOf(message) });
    for (const { message, labelIds } of record.labelsAdded ?? [])
      push(message.id, { kind: 'labels', add: labelIds, remove: [], ...labelsOf(message) });
    for (const { message, labelIds } of record.labelsRemoved ?? [])
      push(message.id, { kind: 'labels', add: [], remove: labelIds, ...labelsOf(message) });
    for (const { message } of record.messagesDeleted ?? []) push(message.id, { kind: 'deleted', ...labelsOf(message) });
  }
  return byId;
}

/**
 * Was the message unread in the inbox before the records? The records themselves say so when they carry
 * the message's labels (Gmail gives each history message's labels after that change); otherwise the
 * view's labels from before, or the state now with the records' deltas undone.
 */
function wasUnreadInbox(
  touches: readonly Touch[],
  before: readonly string[] | undefined,
  labelsNow: readonly string[] | undefined,
): boolean | null {
  const first = touches[0]!;
  if (first.kind === 'added') return false;
  if (first.labelIds) {
    if (first.kind === 'deleted') return isUnreadInbox(first.labelIds);
    const labels = new Set(first.labelIds);
    for (const label of first.add) labels.delete(label);
    for (const label of first.remove) labels.add(label);
    return isUnreadInbox([...labels]);
  }
  if (before !== undefined) return isUnreadInbox(before);
  if (labelsNow === undefined) return null;
  const labels = new Set(labelsNow);
  for (const touch of [...touches].reverse()) {
    if (touch.kind !== 'labels') return null;
    for (const label of touch.add) labels.delete(label);
    for (const label of touch.remove) labels.add(label);
  }
  return isUnreadInbox([...labels]);
}

/** Is it unread in the inbox after the records? The last record's labels, else the view, else unknown. */
function isUnreadInboxAfter(
  touches: readonly Touch[],
  labelsNow: readonly string[] | undefined,
  fetched: boolean,
): boolean | null {
  const last = touches[touches.length - 1]!;
  if (last.kind === 'deleted') return false;
  if (last.labelIds) return isUnreadInbox(last.labelIds);
  if (labelsNow !== undefined) return isUnreadInbox(labelsNow);
  return fetched ? false : null; // fetched and absent: gone
}

/**
 * How the INBOX unread counts moved over `records`, as of the state Google had at their start (the counts
 * the last full sync read, moved by every sync since). `before`: the view's messages before the records
 * were applied; `view`: after applying them and the fetched messages (`fetched`: the ids asked for). A
 * message whose states cannot be told does not move the message count, nor its conversation's (see the
 * conversation rule at the top of this file).
 */
export function unreadCountDelta(
  records: readonly HistoryRecord[],
  before: ReadonlyMap<string, StoredMessage>,
  view: MailboxView,
  fetched: ReadonlySet<string>,
): CountDelta {
  let messages = 0;
  const threads = new Map<string, { was: boolean; now: boolean; unknown: boolean }>();
  const touched = touchesById(records);
  for (const [id, touches] of touched) {
    const labelsNow = view.messages.get(id)?.labelIds;
    const was = wasUnreadInbox(touches, before.get(id)?.labelIds, labelsNow);
    const now = isUnreadInboxAfter(touches, labelsNow, fetched.has(id));
    if (was !== null && now !== null) messages += Number(now) - Number(was);
    const threadId =
      touches.find((touch) => touch.threadId)?.threadId ?? view.messages.get(id)?.threadId ?? before.get(id)?.threadId;
    // No record and no copy says which conversation it belongs to: it cannot move the conversation count.
    if (threadId === undefined) continue;
    const thread = threads.get(threadId) ?? { was: false, now: false, unknown: false };
    if (was === null || now === null) thread.unknown = true;
    else {
      thread.was ||= was;
      thread.now ||= now;
    }
    threads.set(threadId, thread);
  }
  if (threads.size === 0) return { messages, conversations: 0 };
  // Messages the records did not touch kept their state: one of them unread in the inbox keeps its
  // conversation counted before and after.
  const keptUnread = new Set<string>();
  for (const message of view.messages.values())
    if (!touched.has(message.id) && threads.has(message.threadId) && isUnreadInbox(message.labelIds))
      keptUnread.add(message.threadId);
  let conversations = 0;
  for (const [threadId, thread] of threads) {
    if (thread.unknown || keptUnread.has(threadId)) continue;
    conversations += Number(thread.now) - Number(thread.was);
  }
  return { messages, conversations };
}

/**
 * The unread counts an account shows: the listed view's own once the listing is complete; before that,
 * Google's counts as of the view's historyId (full sync, then history) moved by Glance's own actions since
 * the last sync (entered − left, one entry each). The next sync reads those actions from history.
 */
export class UnreadCounter {
  private adjustments: CountDelta[] = [];

  /** `queuedDelta`: how far actions still waiting to reach Gmail move it (no history will ever carry them until sent). */
  shown(view: MailboxView, queuedDelta = 0): number | null {
    if (view.listing.complete) return view.serveableUnordered().length;
    if (view.unreadCount === null) return null;
    return Math.max(0, view.unreadCount + queuedDelta + this.adjustments.reduce((sum, n) => sum + n.messages, 0));
  }

  /** The conversation count, by the same rule (the view's distinct threads once fully listed). */
  shownConversations(view: MailboxView, queuedDelta = 0): number | null {
    if (view.listing.complete) return view.serveableThreadCount();
    if (view.unreadConversationCount === null) return null;
    const moved = this.adjustments.reduce((sum, n) => sum + n.conversations, 0);
    return Math.max(0, view.unreadConversationCount + queuedDelta + moved);
  }

  moved(delta: CountDelta): void {
    this.adjustments.push(delta);
  }

  /** Marks the actions a sync starting now will read from history. */
  mark(): number {
    return this.adjustments.length;
  }

  /** That sync succeeded: its history holds the actions marked, the count now includes them. */
  settled(mark: number): void {
    this.adjustments = this.adjustments.slice(mark);
  }
}
