/**
 * MailService: the registry of AccountSyncs (one per signed-in account; each owns its account's mail, see
 * account-sync.ts) and the unified view over all of them. It creates an AccountSync when an account is
 * first used (its cache is loaded, no network), removes it on sign-out, fans wake-ups and "sync all" out
 * to every account in parallel, and serves `messages:list` for one account or for ALL_ACCOUNTS.
 * Nothing here serialises one account behind another.
 */
import type { OAuth2Client } from 'google-auth-library';
import type { z } from 'zod';
import {
  ALL_ACCOUNTS,
  type Conversation,
  type GmailLabel,
  type MailboxChange,
  type MailboxStatus,
  type MessageAction,
  type LocalSearchResult,
  type MessagePage,
  type messagesListArgs,
  type ModifyResult,
  type messagesSearchLocalArgs,
} from '../../shared/ipc-contract.js';
import { InvalidArgumentError, NotFoundError, WORDING } from '../errors.js';
import { parseLocalQuery } from '../search/local-query.js';
import { compileLocalSearch } from '../search/local-search.js';
import type { Logger } from '../logging.js';
import { realTimers, type AppPaths, type Clock, type SecretStore, type Timers } from '../ports.js';
import { MailStore } from '../store/mail-store.js';
import { LOAD_MORE_BUDGET_WAIT, type AccountSync } from './account-sync.js';
import { DEFAULT_BACKOFF, type BackoffPolicy } from './failure.js';
import type { FetchAheadPolicy } from './fetch-ahead.js';
import { decodeCursor, encodeCursor } from './mailbox-view.js';
import { openAccountSync } from './open-account.js';
import type { QuotaRegime } from './quota.js';
import { compareNewestFirst, toSummary } from './summary.js';
import { listUnified, searchUnified } from './unified-list.js';
import type { RawMessage } from '../message/message-content.js';

/** The narrow slice of the auth service the mail layer needs. */
export interface MailAuth {
  /** google-auth-library client, already authorized (forceRefreshOnFailure: false; the transport refreshes on a 401). */
  getClient(accountId: string): OAuth2Client;
  /** Marks the account needs-sign-in; returns the NeedsSignInError to throw. */
  reportAuthFailure(accountId: string, error: unknown): Error;
  /** Every signed-in account's id: what the unified view covers. */
  accountIds(): string[];
}

export interface MailServiceOptions {
  auth: MailAuth;
  /** Origin with a trailing slash; the batch URL is `${gmailRootUrl}batch/gmail/v1`. */
  gmailRootUrl: string;
  paths: AppPaths;
  secretStore: SecretStore;
  clock: Clock;
  logger: Logger;
  /** Every account's every change, in version order per account. */
  onChange: (change: MailboxChange) => void;
  pollSeconds: () => number;
  timers?: Timers;
  /** Retry policy for Gmail calls (tests shorten the delays). */
  backoff?: Partial<BackoffPolicy>;
  /** Google's quota regime (limit and per-call costs) for the client-side budget; default QUOTA_2026. */
  quotaRegime?: QuotaRegime;
  /** Overrides the regime's units per minute per account (its costs stay), e.g. the benchmark lifts it. */
  unitsPerMinute?: number;
  requestTimeoutMs?: number;
  /** Unread page size when the renderer does not ask for one (default 50). */
  pageSize?: number;
  /**
   * Fetching the unread list ahead of the person within the quota budget (fetch-ahead.ts); default
   * DEFAULT_FETCH_AHEAD, `{ pages: 0, … }` turns it off (tests that count requests).
   */
  fetchAhead?: FetchAheadPolicy;
  bodyCache?: { maxEntries: number; maxBytes: number };
  /** onWake triggers are merged within this window (default 1 s). */
  wakeDebounceMs?: number;
  /** Opened bodies and modifications are saved to the cache after this delay (default 2 s). */
  saveDelayMs?: number;
  /** The local store's native module for this runtime (see GlanceCoreOptions.storeNativeBinding). */
  storeNativeBinding?: string;
  /** Test seam: runs before each write to an account's local store. */
  storeHooks?: { beforeWrite?: () => Promise<void> | void };
  random?: () => number;
}

export type ListArgs = z.infer<typeof messagesListArgs>;
export type SearchLocalArgs = z.infer<typeof messagesSearchLocalArgs>;

export class MailService {
  private readonly accounts = new Map<string, Promise<AccountSync>>();
  /** AccountSyncs that finished opening, for synchronous reads (statuses). */
  private readonly opened = new Map<string, AccountSync>();
  /** Accounts whose data was removed (sign-out), until they are started again. */
  private readonly signedOut = new Set<string>();
  private readonly store: MailStore;
  private readonly timers: Timers;
  private readonly policy: BackoffPolicy;
  private readonly pageSize: number;
  private cancelWake: (() => void) | null = null;
  private disposed = false;

  constructor(private readonly options: MailServiceOptions) {
    this.timers = options.timers ?? realTimers;
    this.policy = { ...DEFAULT_BACKOFF, ...options.backoff };
    this.pageSize = options.pageSize ?? 50;
    this.store = new MailStore({
      paths: options.paths,
      secretStore: options.secretStore,
      logger: options.logger,
      ...(options.bodyCache ? { maxBodyBytes: options.bodyCache.maxBytes } : {}),
      ...(options.storeNativeBinding ? { nativeBinding: options.storeNativeBinding } : {}),
    });
  }

  /** The account's owner, opened (cache loaded, no network) on first use. */
  account(accountId: string): Promise<AccountSync> {
    let pending = this.accounts.get(accountId);
    if (!pending) {
      // A call arriving after sign-out (a reader still open) must not open the store again: that would make
      // a new key and an empty database that nothing deletes.
      if (this.signedOut.has(accountId) || !this.options.auth.accountIds().includes(accountId))
        return Promise.reject(new NotFoundError(WORDING.accountNotSignedIn));
      const opening = this.open(accountId);
      pending = opening;
      this.accounts.set(accountId, opening);
      // Signed out while opening: the owner is closed by removeAccountData, never kept.
      const stillWanted = () => this.accounts.get(accountId) === opening;
      opening.then(
        (sync) => stillWanted() && this.opened.set(accountId, sync),
        () => stillWanted() && this.accounts.delete(accountId),
      );
    }
    return pending;
  }

  private open(accountId: string): Promise<AccountSync> {
    return openAccountSync(accountId, {
      ...this.options,
      store: this.store,
      timers: this.timers,
      policy: this.policy,
      pageSize: this.pageSize,
    });
  }

  // ------------------------------------------------------------------------------ accounts

  /** Loads the cache (no network), then syncs in the background and keeps polling. */
  async startAccount(accountId: string): Promise<void> {
    this.signedOut.delete(accountId); // signed in (again)
    (await this.account(accountId)).start();
  }

  stopAccount(accountId: string): void {
    void this.accounts.get(accountId)?.then((sync) => sync.stop());
  }

  /** Sign-out of one account: only its owner, cache file and cache key go. */
  async removeAccountData(accountId: string): Promise<void> {
    this.signedOut.add(accountId);
    const pending = this.accounts.get(accountId);
    this.accounts.delete(accountId);
    this.opened.delete(accountId);
    if (pending) {
      await (await pending).remove();
      return;
    }
    try {
      await this.store.remove(accountId);
    } catch (error) {
      this.options.logger.warn('store: could not delete the store key from the keychain', {
        accountId,
        error: (error as Error).name,
      });
    }
  }

  /**
   * Settings → Data → "Clear local copy of mail": every signed-in account drops its local mail and syncs it
   * again. Sign-in, the store's key and anything else the store keeps (queued actions) stay. Resolves once
   * every copy is cleared; the syncs that fetch the mail again run in the background.
   */
  async clearLocalCopy(): Promise<void> {
    const syncs = await this.every();
    await Promise.all(syncs.map((sync) => sync.clearLocalCopy()));
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    this.cancelWake?.();
    const syncs = await Promise.all([...this.accounts.values()]);
    await Promise.all(syncs.map((sync) => sync.close()));
  }

  /** One account's status, from memory (idle and unknown before it was first used). */
  status(accountId: string): MailboxStatus {
    return (
      this.opened.get(accountId)?.status() ?? {
        accountId,
        version: 0,
        unreadCount: null,
        unreadConversationCount: null,
        sync: { accountId, status: 'idle', lastSyncedAt: null },
        pendingActions: 0,
        droppedActions: 0,
      }
    );
  }

  /** Every opened account's status, from memory (no request). */
  mailboxes(): MailboxStatus[] {
    return [...this.opened.values()].map((sync) => sync.status());
  }

  // ------------------------------------------------------------------------------ sync

  async syncNow(accountId: string): Promise<void> {
    await (await this.account(accountId)).syncNow();
  }

  /** `settings`: the check interval changed; checking now starts the new interval from here. */
  onWake(reason: 'focus' | 'resume' | 'online' | 'settings'): void {
    if (this.disposed) return;
    this.cancelWake?.();
    this.cancelWake = this.timers.schedule(() => {
      this.cancelWake = null;
      for (const sync of this.opened.values()) {
        this.options.logger.debug('sync: woken', { accountId: sync.accountId, reason });
        sync.wake();
      }
    }, this.options.wakeDebounceMs ?? 1000);
  }

  // ------------------------------------------------------------------------------ reading and changing

  async list(args: ListArgs): Promise<MessagePage> {
    const size = args.pageSize ?? this.pageSize;
    const query = args.query?.trim() ?? '';
    const pageToken = args.pageToken ?? null;
    const searching = args.scope === 'all' || query !== '';
    // A next page (the person scrolled) never waits long for the quota budget in silence.
    const budgetWait = pageToken !== null ? LOAD_MORE_BUDGET_WAIT : undefined;
    if (args.accountId === ALL_ACCOUNTS) {
      const syncs = await this.every();
      if (searching) {
        this.fetchAheadOf([]);
        return searchUnified(syncs, { scope: args.scope, query, pageToken, size }, this.options.logger, budgetWait);
      }
      try {
        return await listUnified(syncs, pageToken, size, this.options.logger, budgetWait);
      } finally {
        this.fetchAheadOf(syncs);
      }
    }
    const sync = await this.account(args.accountId);
    if (searching) {
      this.fetchAheadOf([]);
      const found = await sync.search({ scope: args.scope, query, pageToken, size }, budgetWait);
      return {
        messages: found.messages.map((m) => ({ ...toSummary(m, sync.accountId), origin: 'gmail' as const })),
        nextPageToken: found.nextPageToken,
        resultSizeEstimate: found.resultSizeEstimate,
        fromCache: false,
        mailboxes: [],
      };
    }
    const cursor = pageToken === null ? null : decodeCursor(pageToken);
    if (pageToken !== null && !cursor) throw new InvalidArgumentError(WORDING.pageOutOfDate);
    let page: Awaited<ReturnType<AccountSync['unreadPage']>>;
    try {
      page = await sync.unreadPage(cursor ? (m) => compareNewestFirst(m, cursor) > 0 : null, size, budgetWait);
    } finally {
      this.fetchAheadOf([sync]);
    }
    const last = page.items[page.items.length - 1];
    return {
      messages: page.items.map((m) => toSummary(m, sync.accountId)),
      nextPageToken: page.more && last ? encodeCursor(last) : null,
      resultSizeEstimate: sync.estimate(),
      fromCache: page.fromCache,
      mailboxes: [page.status],
    };
  }

  /**
   * Offline search: the query answered from each account's local index (no network), newest first, or
   * `answerable: false` when it uses syntax the index cannot answer (Gmail answers it through list()).
   * An account whose store would not open is left out, as in the unified list.
   */
  async searchLocal(args: SearchLocalArgs): Promise<LocalSearchResult> {
    const parsed = parseLocalQuery(args.query, { now: this.options.clock.now() });
    if (!parsed.answerable) return { answerable: false, reason: parsed.reason };
    const compiled = compileLocalSearch(parsed.query, args.scope);
    const size = args.pageSize ?? this.pageSize;
    const syncs =
      args.accountId === ALL_ACCOUNTS
        ? (await Promise.allSettled(this.options.auth.accountIds().map((id) => this.account(id))))
            .filter((result) => result.status === 'fulfilled')
            .map((result) => result.value)
        : [await this.account(args.accountId)];
    const rows = syncs
      .flatMap((sync) =>
        sync
          .searchLocal(compiled, args.scope, size + 1)
          .map((m) => ({ ...toSummary(m, sync.accountId), origin: 'local' as const })),
      )
      .sort(compareNewestFirst);
    return { answerable: true, messages: rows.slice(0, size), more: rows.length > size };
  }

  /**
   * The person's list now shows these accounts (none: a search): they fetch their next pages ahead, every
   * other account stops (fetch-ahead.ts).
   */
  private fetchAheadOf(shown: readonly AccountSync[]): void {
    for (const sync of this.opened.values()) if (!shown.includes(sync)) sync.stopFetchingAhead();
    for (const sync of shown) sync.fetchAheadOfList();
  }

  private every(): Promise<AccountSync[]> {
    return Promise.all(this.options.auth.accountIds().map((id) => this.account(id)));
  }

  async get(accountId: string, messageId: string): Promise<RawMessage> {
    return (await this.account(accountId)).get(messageId);
  }

  async userLabels(accountId: string): Promise<GmailLabel[]> {
    return (await this.account(accountId)).userLabels();
  }

  async modify(accountId: string, ids: string[], action: MessageAction): Promise<ModifyResult> {
    return (await this.account(accountId)).modify(ids, action);
  }

  async conversation(accountId: string, threadId: string): Promise<Conversation> {
    return (await this.account(accountId)).conversation(threadId);
  }

  async modifyConversations(accountId: string, threadIds: string[], action: MessageAction): Promise<ModifyResult> {
    return (await this.account(accountId)).modifyConversations(threadIds, action);
  }
}
