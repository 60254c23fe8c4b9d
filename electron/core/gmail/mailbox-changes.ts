/**
 * What one account has told the renderer, and the next versioned change. The tracker remembers every
 * message it announced as being in the unread view (`shown`), so a change is the difference between that
 * and the view now: `added` (entered the serveable view, whatever the reason: new mail, listed further,
 * marked unread, back from a full resync), `updated` (still there, summary changed), `removedIds` (left, when
 * the view knows it left). The renderer applies the change to what it holds and never lists again.
 */
import type { MailboxChange, MailboxStatus, SyncState } from '../../shared/ipc-contract.js';
import type { StoredMessage } from '../cache/mail-cache.js';
import type { MailboxView } from './mailbox-view.js';
import { compareNewestFirst, isUnreadInbox, sameMetadata, toSummary } from './summary.js';

export interface ChangeHints {
  /** Ids that arrived as new mail (history messageAdded): announced in `arrivedIds`. */
  arrived?: ReadonlySet<string>;
  /** Ids known to have left the view even below the listing boundary (Glance read or archived them). */
  gone?: ReadonlySet<string>;
}

function sameSummary(a: StoredMessage, b: StoredMessage): boolean {
  const starred = (m: StoredMessage) => m.labelIds.includes('STARRED');
  return a === b || (starred(a) === starred(b) && sameMetadata(a, b));
}

export class MailboxChanges {
  private versionNow = 0;
  private readonly shown = new Map<string, StoredMessage>();
  private lastStatus: Omit<MailboxStatus, 'version'>;

  constructor(
    private readonly accountId: string,
    view: MailboxView,
    status: Omit<MailboxStatus, 'version'>,
  ) {
    for (const message of view.serveableUnordered()) this.shown.set(message.id, message);
    this.lastStatus = status;
  }

  get version(): number {
    return this.versionNow;
  }

  /**
   * More of the view was loaded from the store (the tracker began with its first page): `messages` were
   * there all along, to be paged through, not a change. Those `view` serves count as announced; no version
   * bump.
   */
  adopt(view: MailboxView, messages: Iterable<StoredMessage>): void {
    for (const message of messages)
      if (!this.shown.has(message.id) && view.isServeable(message)) this.shown.set(message.id, message);
  }

  status(): MailboxStatus {
    return { ...this.lastStatus, version: this.versionNow };
  }

  /**
   * The change from what was announced to `view` with `status`, with the version bumped; null when
   * neither a message nor the status changed (nothing to publish).
   */
  next(view: MailboxView, status: Omit<MailboxStatus, 'version'>, hints: ChangeHints = {}): MailboxChange | null {
    // The view in its own order (no sort of a large mailbox on every change); what is announced is sorted
    // below. A message object unchanged since it was announced needs no comparison.
    const added: StoredMessage[] = [];
    const updated: StoredMessage[] = [];
    const removedIds: string[] = [];
    for (const message of view.messages.values()) {
      const before = this.shown.get(message.id);
      if (before === message || !view.isServeable(message)) continue;
      if (!before) added.push(message);
      else if (!sameSummary(before, message)) updated.push(message);
      this.shown.set(message.id, message);
    }
    const boundary = view.listing.boundary;
    for (const [id, message] of this.shown) {
      const known = view.messages.get(id);
      if (known !== undefined && view.isServeable(known)) continue;
      // Below the listing boundary (after a full resync) the view does not know whether it is still unread:
      // it stays announced until the listing reaches it again, unless something says it left.
      const knownGone =
        view.listing.complete ||
        (boundary !== null && compareNewestFirst(message, boundary) <= 0) ||
        (known !== undefined && !isUnreadInbox(known.labelIds)) ||
        hints.gone?.has(id) === true;
      if (!knownGone) continue;
      removedIds.push(id);
      this.shown.delete(id);
    }
    const statusChanged = JSON.stringify(status) !== JSON.stringify(this.lastStatus);
    if (added.length === 0 && updated.length === 0 && removedIds.length === 0 && !statusChanged) return null;
    this.lastStatus = status;
    this.versionNow += 1;
    added.sort(compareNewestFirst);
    updated.sort(compareNewestFirst);
    const arrived = hints.arrived;
    const arrivedMessages = arrived ? added.filter((m) => arrived.has(m.id)) : [];
    return {
      ...status,
      version: this.versionNow,
      added: added.map((m) => toSummary(m, this.accountId)),
      updated: updated.map((m) => toSummary(m, this.accountId)),
      removedIds,
      arrivedIds: arrivedMessages.map((m) => m.id),
      arrivedLabelIds: Object.fromEntries(arrivedMessages.map((m) => [m.id, [...m.labelIds]])),
    };
  }
}

/** The account's actions that have not reached Gmail, as the status reports them. */
export interface ActionCounts {
  pendingActions: number;
  droppedActions: number;
}

const NO_ACTIONS = (): ActionCounts => ({ pendingActions: 0, droppedActions: 0 });

/** The two unread counts the status carries (null until known). */
export interface UnreadCounts {
  unreadCount: number | null;
  unreadConversationCount: number | null;
}

/** Publishes one account's changes to its listeners: the sync state it reports, and the tracker above. */
export class MailboxPublisher {
  private readonly changes: MailboxChanges;
  private readonly listeners = new Set<(change: MailboxChange) => void>();
  private state: SyncState;

  constructor(
    private readonly accountId: string,
    view: MailboxView,
    counts: UnreadCounts,
    private readonly actions: () => ActionCounts = NO_ACTIONS,
  ) {
    this.state = { accountId, status: 'idle', lastSyncedAt: view.lastSyncedAt };
    this.changes = new MailboxChanges(accountId, view, { accountId, ...counts, sync: this.state, ...actions() });
  }

  get sync(): SyncState {
    return this.state;
  }

  onChange(listener: (change: MailboxChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  status(): MailboxStatus {
    return this.changes.status();
  }

  /** See MailboxChanges.adopt. */
  adopt(view: MailboxView, messages: Iterable<StoredMessage>): void {
    this.changes.adopt(view, messages);
  }

  /** Publishes what changed in `view` (and the sync state), if anything did, as the next version. */
  publish(view: MailboxView, counts: UnreadCounts, hints?: ChangeHints): void {
    const status = { accountId: this.accountId, ...counts, sync: this.state, ...this.actions() };
    const change = this.changes.next(view, status, hints);
    if (change) for (const listener of this.listeners) listener(change);
  }

  setSync(view: MailboxView, counts: UnreadCounts, state: Omit<SyncState, 'accountId'>, hints?: ChangeHints): void {
    this.state = { accountId: this.accountId, ...state };
    this.publish(view, counts, hints);
  }

  /** Nothing is published any more (signed out, or quitting). */
  close(): void {
    this.listeners.clear();
  }
}
