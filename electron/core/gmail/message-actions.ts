/**
 * The person's actions as Gmail label changes, applied to what Glance holds locally (the view and the
 * cached bodies) once Gmail accepted them. A change targets messages, or whole conversations (threads):
 * then it applies to every message of those threads Glance holds, as threads.modify does at Gmail to
 * every message the thread has.
 */
import type { MessageAction } from '../../shared/ipc-contract.js';
import type { LruCache } from '../cache/lru.js';
import type { StoredBody } from '../cache/mail-cache.js';
import type { MailboxView } from './mailbox-view.js';
import { isUnreadInbox } from './summary.js';
import type { CountDelta } from './unread-count.js';

/** What an action's ids are: message ids (messages.modify / batchModify) or thread ids (threads.modify). */
export type ActionTarget = 'messages' | 'threads';

export interface LabelChange {
  ids: readonly string[];
  add: readonly string[];
  remove: readonly string[];
  /** Absent: messages. */
  target?: ActionTarget;
}

const ACTION_LABELS: Record<MessageAction, { add: string[]; remove: string[] }> = {
  markRead: { add: [], remove: ['UNREAD'] },
  markUnread: { add: ['UNREAD'], remove: [] },
  archive: { add: [], remove: ['INBOX'] },
  unarchive: { add: ['INBOX'], remove: [] },
  star: { add: ['STARRED'], remove: [] },
  unstar: { add: [], remove: ['STARRED'] },
};

export function labelChange(
  ids: readonly string[],
  action: MessageAction,
  target: ActionTarget = 'messages',
): LabelChange {
  return { ids: [...ids], ...ACTION_LABELS[action], ...(target === 'threads' ? { target } : {}) };
}

/** True when the change can take messages out of the unread inbox. */
export function leavesUnreadInbox(change: LabelChange): boolean {
  return change.remove.includes('UNREAD') || change.remove.includes('INBOX');
}

/** The message ids the change applies to in this view (a thread change: every message of it the view holds). */
export function changedMessageIds(view: MailboxView, change: LabelChange): string[] {
  if (change.target !== 'threads') return [...change.ids];
  return view.messagesOfThreads(change.ids).map((message) => message.id);
}

/** Unread inbox messages, and the conversations they belong to, among `ids`' threads. */
function unreadAmong(view: MailboxView, threadIds: ReadonlySet<string>): { messages: number; threads: number } {
  let messages = 0;
  const threads = new Set<string>();
  for (const message of view.messages.values()) {
    if (!isUnreadInbox(message.labelIds)) continue;
    messages += 1;
    if (threadIds.has(message.threadId)) threads.add(message.threadId);
  }
  return { messages, threads: threads.size };
}

/**
 * Applies the change to the view and the bodies. Returns how many known messages, and conversations, entered
 * minus left the unread inbox: the shown counts move by that until the next sync reads the change from
 * history.
 */
export function applyLabelChange(view: MailboxView, bodies: LruCache<StoredBody>, change: LabelChange): CountDelta {
  const ids = changedMessageIds(view, change);
  const threadIds = new Set<string>(change.target === 'threads' ? change.ids : []);
  for (const id of ids) {
    const threadId = view.messages.get(id)?.threadId;
    if (threadId !== undefined) threadIds.add(threadId);
  }
  const before = unreadAmong(view, threadIds);
  for (const id of ids) {
    view.applyLabels(id, change.add, change.remove);
    const body = bodies.get(id);
    if (body) {
      const labels = new Set(body.labelIds);
      for (const label of change.add) labels.add(label);
      for (const label of change.remove) labels.delete(label);
      bodies.set(id, { ...body, labelIds: [...labels] });
    }
  }
  const after = unreadAmong(view, threadIds);
  return { messages: after.messages - before.messages, conversations: after.threads - before.threads };
}

/** Re-applies the label changes Glance made while a sync ran to what that sync built (idempotent). */
export function replay(changes: readonly LabelChange[] | null, view: MailboxView): void {
  for (const change of changes ?? []) {
    for (const id of changedMessageIds(view, change)) view.applyLabels(id, change.add, change.remove);
  }
}
