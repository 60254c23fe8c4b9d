/**
 * The person's actions as Gmail label changes, applied to what Glance holds locally (the view and the
 * cached bodies) once Gmail accepted them.
 */
import type { MessageAction } from '../../shared/ipc-contract.js';
import type { LruCache } from '../cache/lru.js';
import type { StoredBody } from '../cache/mail-cache.js';
import type { MailboxView } from './mailbox-view.js';

export interface LabelChange {
  ids: readonly string[];
  add: readonly string[];
  remove: readonly string[];
}

const ACTION_LABELS: Record<MessageAction, { add: string[]; remove: string[] }> = {
  markRead: { add: [], remove: ['UNREAD'] },
  markUnread: { add: ['UNREAD'], remove: [] },
  archive: { add: [], remove: ['INBOX'] },
  unarchive: { add: ['INBOX'], remove: [] },
  star: { add: ['STARRED'], remove: [] },
  unstar: { add: [], remove: ['STARRED'] },
};

export function labelChange(ids: readonly string[], action: MessageAction): LabelChange {
  return { ids: [...ids], ...ACTION_LABELS[action] };
}

/** True when the change can take messages out of the unread inbox. */
export function leavesUnreadInbox(change: LabelChange): boolean {
  return change.remove.includes('UNREAD') || change.remove.includes('INBOX');
}

/**
 * Applies the change to the view and the bodies. Returns how many known messages entered minus left the
 * unread inbox: the shown count moves by that until the next sync reads the change from history.
 */
export function applyLabelChange(view: MailboxView, bodies: LruCache<StoredBody>, change: LabelChange): number {
  const unreadBefore = view.unreadOrdered().length;
  for (const id of change.ids) {
    view.applyLabels(id, change.add, change.remove);
    const body = bodies.get(id);
    if (body) {
      const labels = new Set(body.labelIds);
      for (const label of change.add) labels.add(label);
      for (const label of change.remove) labels.delete(label);
      bodies.set(id, { ...body, labelIds: [...labels] });
    }
  }
  return view.unreadOrdered().length - unreadBefore;
}

/** Re-applies the label changes Glance made while a sync ran to what that sync built (idempotent). */
export function replay(changes: readonly LabelChange[] | null, view: MailboxView): void {
  for (const change of changes ?? []) {
    for (const id of change.ids) view.applyLabels(id, change.add, change.remove);
  }
}
