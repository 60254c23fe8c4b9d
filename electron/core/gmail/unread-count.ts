/**
 * The INBOX unread count after a history sync, without asking Google again (labels.get is fetched once per
 * full sync): the count moves by the messages that entered minus those that left the unread inbox in the
 * applied records. Before-states come from the view for known messages; for the others from the records
 * themselves (Gmail gives each history message's labels after that change) or, failing that, by undoing
 * the records' label deltas from the fetched state.
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

/** Was the message unread in the inbox before the records, judging from the records (and its state now)? */
function wasUnreadInbox(touches: readonly Touch[], labelsNow: readonly string[] | undefined): boolean | null {
  const first = touches[0]!;
  if (first.kind === 'added') return false;
  if (first.labelIds) {
    if (first.kind === 'deleted') return isUnreadInbox(first.labelIds);
    const labels = new Set(first.labelIds);
    for (const label of first.add) labels.delete(label);
    for (const label of first.remove) labels.add(label);
    return isUnreadInbox([...labels]);
  }
  if (labelsNow === undefined) return null;
  const labels = new Set(labelsNow);
  for (const touch of [...touches].reverse()) {
    if (touch.kind !== 'labels') return null;
    for (const label of touch.add) labels.delete(label);
    for (const label of touch.remove) labels.add(label);
  }
  return isUnreadInbox([...labels]);
}

/**
 * `labelsBefore`: the view's labels before the records were applied; `view`: after applying them and the
 * fetched messages (`fetched`, the ids asked for: those absent from the view are gone). A message whose
 * states cannot be told (no labels in the records, not fetched) does not move the count.
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
    const before = labelsBefore.get(id);
    const was = before !== undefined ? isUnreadInbox(before) : wasUnreadInbox(touches, labelsNow);
    const now = labelsNow !== undefined ? isUnreadInbox(labelsNow) : stateAfter(touches, fetched.has(id));
    if (was === null || now === null) continue;
    delta += Number(now) - Number(was);
  }
  return delta;
}

/** For a message the view does not hold after the sync: what the records say it ended as. */
function stateAfter(touches: readonly Touch[], fetched: boolean): boolean | null {
  const last = touches[touches.length - 1]!;
  if (last.kind === 'deleted' || fetched) return false; // deleted, or fetched and gone (404)
  return last.labelIds ? isUnreadInbox(last.labelIds) : null;
}
