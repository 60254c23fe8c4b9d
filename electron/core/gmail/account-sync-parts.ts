/**
 * What an AccountSync is made of (MailService builds them when the account is first used), and what it
 * serves for one page of the unread list.
 */
import type { MailboxStatus } from '../../shared/ipc-contract.js';
import type { StoredBody, StoredMessage } from '../cache/mail-cache.js';
import type { LruCache } from '../cache/lru.js';
import type { Logger } from '../logging.js';
import type { Clock, Timers } from '../ports.js';
import type { ActionJournal } from '../store/action-journal.js';
import type { AccountCache } from './account-cache.js';
import type { BackoffPolicy } from './failure.js';
import type { FetchAheadPolicy } from './fetch-ahead.js';
import type { GmailApi } from './gmail-api.js';
import type { MailboxView } from './mailbox-view.js';
import type { GmailTransport } from './transport.js';

export interface AccountSyncParts {
  accountId: string;
  api: GmailApi;
  transport: GmailTransport;
  view: MailboxView;
  bodies: LruCache<StoredBody>;
  /**
   * `view` holds only the store's first `headSize` serveable messages (and the sync position): the first
   * page is served from it while the rest is read from the store (AccountCache.loadRest);
   * `serveableCount`: how many the whole serveable view holds (the count shown meanwhile).
   */
  partialView?: { headSize: number; serveableCount: number };
  /** The local store was unreadable and set aside: the first sync rebuilds it (its sync state says so). */
  rebuilding?: boolean;
  /** The account's actions not yet accepted by Gmail (kept across a rebuilt mail copy and restarts). */
  journal: ActionJournal;
  /**
   * Built on the view getter, so it always writes the current view; `waitingIds`: messages with a queued
   * action; `onRebuild`: a save found the store unreadable (set aside), rebuild from Google.
   */
  cache: (view: () => MailboxView, waitingIds: () => Iterable<string>, onRebuild: () => void) => AccountCache;
  clock: Clock;
  timers: Timers;
  logger: Logger;
  pollSeconds: () => number;
  policy: BackoffPolicy;
  pageSize: number;
  /** Fetching the unread list ahead of the person (fetch-ahead.ts); absent: DEFAULT_FETCH_AHEAD. */
  fetchAhead?: FetchAheadPolicy;
}

export interface ServedPage {
  items: StoredMessage[];
  more: boolean;
  fromCache: boolean;
  /** Read in the same moment as `items`: the version those rows reflect (a later change is newer than both). */
  status: MailboxStatus;
}
