/**
 * The INBOX unread count after a history sync, without asking Google again (labels.get is fetched once per
 * full sync): the count moves by the messages that entered minus those that left the unread inbox in the
 * applied records. The states before and after come from the records themselves where they can: the view
 * may already know a newer state (a page listed since, or Glance's own action, which moved the shown
 * count at once and is accounted for separately by the AccountSync).
 */
import type { HistoryRecord } from './gmail-api.js';
import type { MailboxView } from './mailbox-view.js';
import { isUnreadInbox } from './summary.js';

type Touch =
  | { kind: 'added'; labelIds?: readonly string[] }
  | { kind: 'deleted'; labelIds?: readonly string[] }
  | { kind: 'labels'; add: readonly string[]; remove: readonly string[]; labelIds?: readonly string[] };

/** Every record's touches, per message id, in order. */
function touchesById(records: readonly HistoryRecord[]): Map<string, Touch[]> {
  const byId = new Map<string, Touch[]>();
  const push = (id: string, touch: Touch) => {
    const list = byId.get(id) ?? [];
    list.push(touch);
    byId.set(id, list);
  };
  const labelsOf = (m: { labelIds?: string[] | undefined }) => (m.labelIds ? { labelIds: m.labelIds } : {});
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
 * How the INBOX unread count moved over `records`, as of the state Google had at their start (the count
 * the last full sync read, moved by every sync since). `labelsBefore`: the view's labels before the
 * records were applied; `view`: after applying them and the fetched messages (`fetched`: the ids asked
 * for). A message whose states cannot be told does not move the count.
 */
export function unreadCountDelta(
  records: readonly HistoryRecord[],
  labelsBefore: ReadonlyMap<string, readonly string[]>,
  view: MailboxView,
  fetched: ReadonlySet<string>,
): number {
  let delta = 0;
  for (const [id, touches] of touchesById(records)) {
    const labelsNow = view.messages.get(id)?.labelIds;
    const was = wasUnreadInbox(touches, labelsBefore.get(id), labelsNow);
    const now = isUnreadInboxAfter(touches, labelsNow, fetched.has(id));
    if (was === null || now === null) continue;
    delta += Number(now) - Number(was);
  }
  return delta;
}

/**
 * The unread count an account shows: the listed view's own once the listing is complete; before that,
 * Google's count as of the view's historyId (full sync, then history) moved by Glance's own actions since
 * the last sync (entered − left, one entry each). The next sync reads those actions from history.
 */
export class UnreadCounter {
  private adjustments: number[] = [];

  /** `queuedDelta`: how far actions still waiting to reach Gmail move it (no history will ever carry them until sent). */
  shown(view: MailboxView, queuedDelta = 0): number | null {
    if (view.listing.complete) return view.serveableUnordered().length;
    if (view.unreadCount === null) return null;
    return Math.max(0, view.unreadCount + queuedDelta + this.adjustments.reduce((sum, n) => sum + n, 0));
  }

  moved(delta: number): void {
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
