/**
 * The local view of one account's mailbox: the messages Glance knows (metadata + labels), the sync
 * position (historyId) and how far the unread listing has reached. The unread list served to the
 * renderer is every known message labelled INBOX and UNREAD, newest first — but only down to the
 * listing's boundary until the listing is complete, because below it there may be messages Glance has not
 * listed yet.
 *
 * History records are applied as label deltas on known messages. Replaying records that are already
 * reflected is harmless (last change per label wins), so starting from an older historyId is safe.
 */
import type { CacheSnapshot, StoredMessage } from '../cache/mail-cache.js';
import type { HistoryRecord } from './gmail-api.js';
import { compareNewestFirst, isUnreadInbox } from './summary.js';

export interface Cursor {
  date: number;
  id: string;
}

const TOKEN_PREFIX = 'v1.';

export function encodeCursor(cursor: Cursor): string {
  return TOKEN_PREFIX + Buffer.from(JSON.stringify([cursor.date, cursor.id])).toString('base64url');
}

/** Null when the token is not one of ours (the caller then reports an invalid argument). */
export function decodeCursor(token: string): Cursor | null {
  if (!token.startsWith(TOKEN_PREFIX)) return null;
  try {
    const value: unknown = JSON.parse(Buffer.from(token.slice(TOKEN_PREFIX.length), 'base64url').toString('utf8'));
    if (Array.isArray(value) && typeof value[0] === 'number' && typeof value[1] === 'string')
      return { date: value[0], id: value[1] };
  } catch {
    /* not ours */
  }
  return null;
}

export interface HistoryPlan {
  /** Messages whose current state must be fetched (new, or unknown but possibly now unread in the inbox). */
  toFetch: string[];
  /** Messages that arrived (messageAdded) in these records: candidates for a new-mail notification. */
  arrived: Set<string>;
}

export class MailboxView {
  readonly messages = new Map<string, StoredMessage>();
  historyId: string | null = null;
  lastSyncedAt: number | null = null;
  unreadCount: number | null = null;
  /** Unread inbox conversations as of historyId (labels.get threadsUnread, moved by history); null until known. */
  unreadConversationCount: number | null = null;
  listing: CacheSnapshot['listing'] = { complete: false, nextPageToken: null, boundary: null };

  static fromSnapshot(snapshot: CacheSnapshot): MailboxView {
    const view = new MailboxView();
    for (const message of snapshot.messages) view.messages.set(message.id, message);
    view.historyId = snapshot.historyId;
    view.lastSyncedAt = snapshot.lastSyncedAt;
    view.unreadCount = snapshot.unreadCount;
    view.unreadConversationCount = snapshot.unreadConversationCount ?? null;
    view.listing = { ...snapshot.listing };
    return view;
  }

  /** True once the view holds a synced state (from Google or from the cache). */
  get hasData(): boolean {
    return this.historyId !== null;
  }

  /** Every known unread inbox message, newest first. */
  unreadOrdered(): StoredMessage[] {
    return [...this.messages.values()].filter((m) => isUnreadInbox(m.labelIds)).sort(compareNewestFirst);
  }

  /** The unread messages that may be shown: all when the listing is complete, else down to its boundary. */
  serveable(): StoredMessage[] {
    const all = this.unreadOrdered();
    const boundary = this.listing.boundary;
    if (this.listing.complete) return all;
    if (!boundary) return [];
    return all.filter((m) => compareNewestFirst(m, boundary) <= 0);
  }

  /**
   * The same messages as serveable(), in no particular order: no sort, for counts and comparisons (a
   * large mailbox is counted on every published change).
   */
  serveableUnordered(): StoredMessage[] {
    const found: StoredMessage[] = [];
    for (const message of this.messages.values()) if (this.isServeable(message)) found.push(message);
    return found;
  }

  /** How many conversations serveable() holds messages of (distinct threads): the count once fully listed. */
  serveableThreadCount(): number {
    const threads = new Set<string>();
    for (const message of this.messages.values()) if (this.isServeable(message)) threads.add(message.threadId);
    return threads.size;
  }

  /** Every message of these threads the view holds. */
  messagesOfThreads(threadIds: Iterable<string>): StoredMessage[] {
    const wanted = new Set(threadIds);
    const found: StoredMessage[] = [];
    for (const message of this.messages.values()) if (wanted.has(message.threadId)) found.push(message);
    return found;
  }

  /** Whether serveable() holds this message (unread in the inbox, and listed down to it). */
  isServeable(message: StoredMessage): boolean {
    const { complete, boundary } = this.listing;
    if (!isUnreadInbox(message.labelIds)) return false;
    return complete || (boundary !== null && compareNewestFirst(message, boundary) <= 0);
  }

  /** Messages after `after` (exclusive) in serving order, at most `size`, and whether more may follow. */
  page(after: Cursor | null, size: number): { items: StoredMessage[]; more: boolean; exhausted: boolean } {
    return this.pageWhere(after ? (m) => compareNewestFirst(m, after) > 0 : null, size);
  }

  /**
   * Like page(), with the position given as a predicate that is false then true along the serving order
   * (the unified view's cursor compares date, account and id).
   */
  pageWhere(
    isAfter: ((m: StoredMessage) => boolean) | null,
    size: number,
  ): { items: StoredMessage[]; more: boolean; exhausted: boolean } {
    const list = this.serveable();
    const start = isAfter ? list.findIndex(isAfter) : 0;
    const rest = start === -1 ? [] : list.slice(start);
    const items = rest.slice(0, size);
    return {
      items,
      // `exhausted`: the view ran out before filling the page although Gmail has more to list.
      exhausted: items.length < size && !this.listing.complete,
      more: rest.length > size || !this.listing.complete,
    };
  }

  upsert(message: StoredMessage): void {
    this.messages.set(message.id, message);
  }

  remove(id: string): boolean {
    return this.messages.delete(id);
  }

  applyLabels(id: string, add: readonly string[], remove: readonly string[]): boolean {
    const message = this.messages.get(id);
    if (!message) return false;
    const labels = new Set(message.labelIds);
    for (const label of add) labels.add(label);
    for (const label of remove) labels.delete(label);
    this.messages.set(id, { ...message, labelIds: [...labels] });
    return true;
  }

  /**
   * Records one page of the Gmail unread listing: `listed` in Gmail's order (already upserted), and the
   * token to continue (null: the listing is complete).
   */
  extendListing(listed: readonly Cursor[], nextPageToken: string | null): void {
    const last = listed.reduce<Cursor | null>(
      (oldest, m) => (oldest === null || compareNewestFirst(m, oldest) > 0 ? { date: m.date, id: m.id } : oldest),
      this.listing.boundary,
    );
    this.listing = { complete: nextPageToken === null, nextPageToken, boundary: last };
  }

  /** Applies history records in order; returns what must be fetched. */
  applyHistory(records: readonly HistoryRecord[]): HistoryPlan {
    const toFetch = new Set<string>();
    const arrived = new Set<string>();
    const deleted = new Set<string>();
    const maybeRelevant = (labelIds: readonly string[] | undefined, delta: readonly string[]) =>
      labelIds === undefined ? delta.includes('INBOX') || delta.includes('UNREAD') : isUnreadInbox(labelIds);
    for (const record of records) {
      for (const { message } of record.messagesAdded ?? []) {
        deleted.delete(message.id);
        arrived.add(message.id);
        // Sent mail, spam, drafts…: Gmail says the labels it arrived with; only unread inbox mail is fetched
        // (a later labelsAdded INBOX/UNREAD record still brings it in).
        if (!this.messages.has(message.id)) {
          if (message.labelIds === undefined || isUnreadInbox(message.labelIds)) toFetch.add(message.id);
        } else if (message.labelIds) this.applyLabels(message.id, message.labelIds, []);
      }
      for (const { message, labelIds } of record.labelsAdded ?? []) {
        if (!this.applyLabels(message.id, labelIds, []) && maybeRelevant(message.labelIds, labelIds))
          toFetch.add(message.id);
      }
      for (const { message, labelIds } of record.labelsRemoved ?? []) {
        if (!this.applyLabels(message.id, [], labelIds) && maybeRelevant(message.labelIds, labelIds))
          toFetch.add(message.id);
      }
      for (const { message } of record.messagesDeleted ?? []) {
        this.remove(message.id);
        toFetch.delete(message.id);
        arrived.delete(message.id);
        deleted.add(message.id);
      }
    }
    return { toFetch: [...toFetch].filter((id) => !deleted.has(id)), arrived };
  }

  /** Forgets messages that are neither unread in the inbox nor in `keep` (e.g. opened bodies). */
  prune(keep: ReadonlySet<string>): void {
    for (const [id, message] of this.messages) {
      if (!isUnreadInbox(message.labelIds) && !keep.has(id)) this.messages.delete(id);
    }
  }

  toSnapshot(accountId: string, bodies: CacheSnapshot['bodies']): CacheSnapshot {
    return {
      schemaVersion: 1,
      accountId,
      historyId: this.historyId,
      lastSyncedAt: this.lastSyncedAt,
      unreadCount: this.unreadCount,
      ...(this.unreadConversationCount === null ? {} : { unreadConversationCount: this.unreadConversationCount }),
      listing: { ...this.listing },
      messages: [...this.messages.values()],
      bodies,
    };
  }
}
