/**
 * MailService: Gmail access, incremental sync and the local cache for every signed-in account.
 *
 * Request plan (see README.md in this folder):
 * - cold first page: `getProfile` ‖ `messages.list(INBOX ∩ UNREAD)`, then ONE batch of format=metadata gets
 *   → two sequential round trips;
 * - warm start: the encrypted cache is loaded and the first page is served from it with no network call;
 * - refresh: `history.list` from the stored historyId (one request, 2 units, when nothing changed), then at
 *   most one batch for messages that are new to Glance; 404 → full resync.
 * Every account has one queue: syncs and listing steps that change the local view run one at a time.
 */
import type { OAuth2Client } from 'google-auth-library';
import type { z } from 'zod';
import type {
  EventName,
  EventPayloads,
  MailboxSummary,
  MessageAction,
  MessageContent,
  MessagePage,
  MessageSummary,
  messagesListArgs,
  Settings,
  SyncState,
} from '../../shared/ipc-contract.js';
import { LruCache } from '../cache/lru.js';
import { MailCache, type StoredBody, type StoredMessage } from '../cache/mail-cache.js';
import type { AtomicWriteOptions } from '../storage/atomic-file.js';
import {
  GlanceError,
  GoogleApiError,
  InvalidArgumentError,
  NotFoundError,
  OfflineError,
  RateLimitedError,
} from '../errors.js';
import type { Logger } from '../logging.js';
import type { AppPaths, Clock, SecretStore } from '../ports.js';
import { backoffDelay, DEFAULT_BACKOFF, type BackoffPolicy } from './failure.js';
import { GmailApi, type ListResponse, type MetadataMessage } from './gmail-api.js';
import { decodeCursor, encodeCursor, MailboxView, type Cursor } from './mailbox-view.js';
import { DEFAULT_QUOTA_REGIME, QuotaBudget, type QuotaRegime } from './quota.js';
import { compareNewestFirst, toStoredMessage, toSummary } from './summary.js';
import { GmailTransport, realTimers, type Timers } from './transport.js';

/** The narrow slice of the auth service the mail layer needs. */
export interface MailAuth {
  /** google-auth-library client, already authorized (forceRefreshOnFailure: false; the transport refreshes on a 401). */
  getClient(accountId: string): OAuth2Client;
  /** Marks the account needs-sign-in; returns the NeedsSignInError to throw. */
  reportAuthFailure(accountId: string, error: unknown): Error;
  getEmail(accountId: string): string;
}

export interface MailServiceOptions {
  auth: MailAuth;
  /** Origin with a trailing slash; the batch URL is `${gmailRootUrl}batch/gmail/v1`. */
  gmailRootUrl: string;
  paths: AppPaths;
  secretStore: SecretStore;
  clock: Clock;
  logger: Logger;
  emit: <E extends EventName>(event: E, payload: EventPayloads[E]) => void;
  settings: () => Settings;
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
  bodyCache?: { maxEntries: number; maxBytes: number };
  /** onWake triggers are merged within this window (default 1 s). */
  wakeDebounceMs?: number;
  /** Opened bodies and modifications are saved to the cache after this delay (default 2 s). */
  saveDelayMs?: number;
  cacheWriteHooks?: AtomicWriteOptions;
  random?: () => number;
}

type ListArgs = z.infer<typeof messagesListArgs>;

interface AccountSession {
  accountId: string;
  view: MailboxView;
  bodies: LruCache<StoredBody>;
  api: GmailApi;
  transport: GmailTransport;
  /** Only ever goes from true to false (keychain refused, or the account was removed). */
  cacheAvailable: boolean;
  /** Signed out: its data is being deleted and nothing may write the cache file again. */
  removed: boolean;
  started: boolean;
  state: SyncState;
  /** Serialises work that changes the view. */
  queue: Promise<unknown>;
  /** A sync waiting in the queue (not yet running): later requests join it instead of queueing another. */
  queuedSync: Promise<void> | null;
  /** The sync running now, if any. */
  runningSync: Promise<void> | null;
  consecutiveFailures: number;
  /**
   * Label changes Glance made (modify) while a sync is running, or null when none is. A sync works from
   * data Google sent before those changes; they are re-applied to what it builds before it is used.
   */
  localChanges: LabelChange[] | null;
  pollHandle: unknown;
  /**
   * The view or the bodies changed since the last save. A sync that found nothing new (the usual poll)
   * leaves it clear, so the cache file is not rewritten every few minutes for nothing; its new
   * lastSyncedAt and historyId are then not saved either (replaying history from the older id is harmless).
   */
  dirty: boolean;
  saveHandle: unknown;
  saving: Promise<void>;
}

interface LabelChange {
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

const UNREAD_LABELS = ['INBOX', 'UNREAD'];

export class MailService {
  private readonly sessions = new Map<string, Promise<AccountSession>>();
  /** Sessions that finished opening, for synchronous reads (syncState). */
  private readonly settled = new Map<string, AccountSession>();
  private readonly cache: MailCache;
  private readonly timers: Timers;
  private readonly policy: BackoffPolicy;
  private readonly pageSize: number;
  private wakeHandle: unknown = null;
  private disposed = false;

  constructor(private readonly options: MailServiceOptions) {
    this.timers = options.timers ?? realTimers;
    this.policy = { ...DEFAULT_BACKOFF, ...options.backoff };
    this.pageSize = options.pageSize ?? 50;
    this.cache = new MailCache({
      paths: options.paths,
      secretStore: options.secretStore,
      logger: options.logger,
      ...(options.cacheWriteHooks ? { writeHooks: options.cacheWriteHooks } : {}),
    });
  }

  // -------------------------------------------------------------------------------------------------
  // Account lifecycle
  // -------------------------------------------------------------------------------------------------

  /** Loads the cache (no network), then syncs in the background and keeps polling. */
  async startAccount(accountId: string): Promise<void> {
    const session = await this.session(accountId);
    if (session.started) {
      // Still polling after a missing Gmail permission: the person may just have granted it; try now.
      if (session.state.status === 'needs-sign-in') this.requestSync(session).catch(() => undefined);
      return;
    }
    session.started = true;
    this.requestSync(session).catch(() => undefined); // state and logs carry the outcome
  }

  stopAccount(accountId: string): void {
    const pending = this.sessions.get(accountId);
    if (!pending) return;
    void pending.then((session) => {
      session.started = false;
      this.clearPoll(session);
      return this.flush(session);
    });
  }

  async removeAccountData(accountId: string): Promise<void> {
    const pending = this.sessions.get(accountId);
    this.sessions.delete(accountId);
    this.settled.delete(accountId);
    if (pending) {
      const session = await pending;
      session.started = false;
      session.removed = true; // nothing may write the file again (an operation still in flight included)
      session.cacheAvailable = false;
      session.transport.cancel();
      this.clearPoll(session);
      if (session.saveHandle !== null) this.timers.clearTimeout(session.saveHandle);
      await session.queue.catch(() => undefined);
      await session.saving;
    }
    try {
      await this.cache.remove(accountId);
    } catch (error) {
      this.options.logger.warn('cache: could not delete the cache key from the keychain', {
        accountId,
        error: (error as Error).name,
      });
    }
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    if (this.wakeHandle !== null) this.timers.clearTimeout(this.wakeHandle);
    const sessions = await Promise.all([...this.sessions.values()]);
    for (const session of sessions) {
      session.started = false;
      session.transport.cancel();
      this.clearPoll(session);
    }
    await Promise.all(
      sessions.map(async (session) => {
        await session.queue.catch(() => undefined);
        await this.flush(session);
      }),
    );
  }

  private session(accountId: string): Promise<AccountSession> {
    let pending = this.sessions.get(accountId);
    if (!pending) {
      pending = this.openSession(accountId);
      this.sessions.set(accountId, pending);
      pending.then(
        (session) => this.settled.set(accountId, session),
        () => this.sessions.delete(accountId),
      );
    }
    return pending;
  }

  private async openSession(accountId: string): Promise<AccountSession> {
    const { options } = this;
    const transport = new GmailTransport({
      client: () => options.auth.getClient(accountId),
      rootUrl: options.gmailRootUrl,
      budget: new QuotaBudget(
        options.clock,
        options.unitsPerMinute ?? options.quotaRegime ?? DEFAULT_QUOTA_REGIME,
        options.quotaRegime ?? DEFAULT_QUOTA_REGIME,
      ),
      policy: this.policy,
      clock: options.clock,
      timers: this.timers,
      logger: options.logger,
      requestTimeoutMs: options.requestTimeoutMs ?? 30_000,
      onAuthFailure: (error) => options.auth.reportAuthFailure(accountId, error),
      ...(options.random ? { random: options.random } : {}),
    });
    const bodies = new LruCache<StoredBody>(
      options.bodyCache?.maxEntries ?? 50,
      options.bodyCache?.maxBytes ?? 16 * 1024 * 1024,
      (body) => body.raw.length,
    );
    const loaded = await this.cache.load(accountId);
    let view = new MailboxView();
    if (loaded.status === 'loaded') {
      view = MailboxView.fromSnapshot(loaded.snapshot);
      for (const body of loaded.snapshot.bodies) bodies.set(body.id, body);
      options.logger.info('cache: loaded', { accountId, messages: view.messages.size, bodies: bodies.size });
    }
    return {
      accountId,
      view,
      bodies,
      api: new GmailApi(transport),
      transport,
      cacheAvailable: loaded.status !== 'unavailable',
      removed: false,
      started: false,
      state: { accountId, status: 'idle', lastSyncedAt: view.lastSyncedAt },
      queue: Promise.resolve(),
      queuedSync: null,
      runningSync: null,
      consecutiveFailures: 0,
      localChanges: null,
      pollHandle: null,
      dirty: false,
      saveHandle: null,
      saving: Promise.resolve(),
    };
  }

  private exclusive<T>(session: AccountSession, work: () => Promise<T>): Promise<T> {
    const run = session.queue.then(work, work);
    session.queue = run.catch(() => undefined);
    return run;
  }

  // -------------------------------------------------------------------------------------------------
  // Sync
  // -------------------------------------------------------------------------------------------------

  async syncNow(accountId: string): Promise<void> {
    await this.requestSync(await this.session(accountId));
  }

  syncState(accountId: string): SyncState {
    return this.settled.get(accountId)?.state ?? { accountId, status: 'idle', lastSyncedAt: null };
  }

  onWake(reason: 'focus' | 'resume' | 'online'): void {
    if (this.disposed) return;
    if (this.wakeHandle !== null) this.timers.clearTimeout(this.wakeHandle);
    this.wakeHandle = this.timers.setTimeout(() => {
      this.wakeHandle = null;
      void Promise.all([...this.sessions.values()]).then((sessions) => {
        for (const session of sessions) {
          if (!session.started) continue;
          this.options.logger.debug('sync: woken', { accountId: session.accountId, reason });
          this.requestSync(session).catch(() => undefined);
        }
      });
    }, this.options.wakeDebounceMs ?? 1000);
  }

  private requestSync(session: AccountSession): Promise<void> {
    if (session.queuedSync) return session.queuedSync;
    const sync = this.exclusive(session, async () => {
      session.queuedSync = null;
      session.runningSync = sync;
      try {
        await this.syncOnce(session);
      } finally {
        session.runningSync = null;
      }
    });
    session.queuedSync = sync;
    return sync;
  }

  private setState(session: AccountSession, state: Omit<SyncState, 'accountId'>): void {
    session.state = { accountId: session.accountId, ...state };
    this.options.emit('sync:state', session.state);
  }

  private async syncOnce(session: AccountSession): Promise<void> {
    if (this.disposed) return;
    this.clearPoll(session);
    this.setState(session, { status: 'syncing', lastSyncedAt: session.view.lastSyncedAt });
    session.localChanges = [];
    try {
      if (!session.view.hasData) {
        await this.fullSync(session);
        session.dirty = true;
      } else if (await this.incrementalSync(session)) {
        session.dirty = true;
      }
      session.localChanges = null;
      session.consecutiveFailures = 0;
      session.view.lastSyncedAt = this.options.clock.now();
      this.setState(session, { status: 'idle', lastSyncedAt: session.view.lastSyncedAt });
      await this.persist(session);
      this.schedulePoll(session, this.options.settings().pollSeconds * 1000);
    } catch (error) {
      session.localChanges = null;
      session.consecutiveFailures += 1;
      this.recordFailure(session, error);
      throw error;
    }
  }

  private recordFailure(session: AccountSession, error: unknown): void {
    const now = this.options.clock.now();
    const lastSyncedAt = session.view.lastSyncedAt;
    const pollMs = this.options.settings().pollSeconds * 1000;
    const code = error instanceof GlanceError ? error.code : 'INTERNAL';
    this.options.logger.warn('sync: failed', {
      accountId: session.accountId,
      code,
      failures: session.consecutiveFailures,
    });
    if (code === 'NEEDS_SIGN_IN') {
      // No polling until the person signs in again (the app calls startAccount then).
      session.started = false;
      this.setState(session, { status: 'needs-sign-in', lastSyncedAt, message: (error as Error).message });
      return;
    }
    let retryAt: number;
    if (code === 'SCOPE_MISSING') {
      // The account stays signed in ('ready' to the auth layer) but Gmail access was not granted. Keep the
      // account started and keep trying with a back-off (from one poll interval up to an hour), so access
      // granted later — by a new consent, which also calls startAccount and retries at once, or by the
      // admin — is picked up; the state tells the person what to do meanwhile.
      const delay = backoffDelay(session.consecutiveFailures, {
        ...this.policy,
        baseDelayMs: pollMs,
        maxDelayMs: Math.max(pollMs, 3_600_000),
      });
      retryAt = now + delay;
      this.setState(session, { status: 'needs-sign-in', lastSyncedAt, retryAt, message: (error as Error).message });
    } else if (error instanceof RateLimitedError) {
      retryAt = Math.max(error.retryAt ?? now, now + 1000);
      this.setState(session, { status: 'rate-limited', lastSyncedAt, retryAt, message: error.message });
    } else {
      const delay = Math.min(
        pollMs,
        backoffDelay(session.consecutiveFailures, { ...this.policy, baseDelayMs: 5000, maxDelayMs: pollMs }),
      );
      retryAt = now + delay;
      const offline = error instanceof OfflineError;
      this.setState(session, {
        status: offline ? 'offline' : 'error',
        lastSyncedAt,
        retryAt,
        message:
          error instanceof GlanceError ? error.message : 'Glance could not refresh your mail; it will try again.',
      });
    }
    this.schedulePoll(session, retryAt - now);
  }

  private schedulePoll(session: AccountSession, delayMs: number): void {
    this.clearPoll(session);
    if (!session.started || this.disposed) return;
    session.pollHandle = this.timers.setTimeout(
      () => {
        session.pollHandle = null;
        this.requestSync(session).catch(() => undefined);
      },
      Math.max(0, delayMs),
    );
  }

  private clearPoll(session: AccountSession): void {
    if (session.pollHandle !== null) this.timers.clearTimeout(session.pollHandle);
    session.pollHandle = null;
  }

  /** Cold start or history expired: the sync position and the first unread page, fresh from Google. */
  private async fullSync(session: AccountSession): Promise<void> {
    const { api } = session;
    const before = session.view.hasData ? session.view.serveable() : [];
    // The profile and the inbox count are asked for together with the list, so a cold start costs two
    // round trips, not three. The count is labels.get's exact one (the listing's resultSizeEstimate is
    // only an estimate); if it fails, the last known count is kept.
    const [profile, listing, inbox] = await Promise.all([
      api.profile(),
      api.listMessages({ labelIds: UNREAD_LABELS, maxResults: this.pageSize }),
      api.inboxLabel().catch(() => null),
    ]);
    const ids = (listing.messages ?? []).map((m) => m.id);
    const metadata = await api.getMetadata(ids);
    const view = new MailboxView();
    const listed: StoredMessage[] = [];
    for (const id of ids) {
      const message = metadata.get(id);
      if (!message) continue;
      const stored = toStoredMessage(message);
      view.upsert(stored);
      listed.push(stored);
    }
    view.extendListing(listed, listing.nextPageToken ?? null);
    view.historyId = profile.historyId;
    view.lastSyncedAt = session.view.lastSyncedAt;
    // What Google sent predates any archive/read Glance did meanwhile: re-apply those before the swap.
    this.replayLocalChanges(session, view);
    view.unreadCount = view.listing.complete
      ? view.serveable().length
      : (inbox?.messagesUnread ?? session.view.unreadCount ?? listing.resultSizeEstimate ?? view.serveable().length);
    session.view = view;
    this.options.logger.info('sync: full', {
      accountId: session.accountId,
      listed: ids.length,
      complete: view.listing.complete,
    });
    // The new view covers only its first page: a message scrolled to earlier and older than that page is
    // not known to be gone, so it is not reported as removed (the renderer keeps it until it knows more).
    const covered = view.listing.complete ? 'all' : view.listing.boundary;
    if (before.length > 0 || view.serveable().length > 0) this.emitChanged(session, before, new Set(), covered);
  }

  /** Resolves true when the view changed. */
  private async incrementalSync(session: AccountSession): Promise<boolean> {
    const { api, view } = session;
    const records = [];
    let pageToken: string | undefined;
    let historyId: string;
    try {
      do {
        const page = await api.history(view.historyId!, pageToken);
        records.push(...(page.history ?? []));
        historyId = page.historyId;
        pageToken = page.nextPageToken;
      } while (pageToken);
    } catch (error) {
      if (error instanceof NotFoundError) {
        this.options.logger.info('sync: history expired; resyncing in full', { accountId: session.accountId });
        await this.fullSync(session);
        return true;
      }
      throw error;
    }
    if (records.length === 0) {
      view.historyId = historyId;
      return false;
    }
    const before = view.serveable();
    const plan = view.applyHistory(records);
    const needCount = !view.listing.complete;
    const [metadata, inbox] = await Promise.all([
      api.getMetadata(plan.toFetch),
      needCount ? api.inboxLabel().catch(() => null) : Promise.resolve(null),
    ]);
    this.applyFetched(view, metadata);
    this.replayLocalChanges(session, view);
    view.historyId = historyId;
    if (view.listing.complete) view.unreadCount = view.serveable().length;
    else if (inbox?.messagesUnread !== undefined) view.unreadCount = inbox.messagesUnread;
    this.emitChanged(session, before, plan.arrived);
    return true;
  }

  /** Re-applies the label changes made since this sync started (idempotent: they are the newest truth). */
  private replayLocalChanges(session: AccountSession, view: MailboxView): void {
    for (const change of session.localChanges ?? []) {
      for (const id of change.ids) view.applyLabels(id, change.add, change.remove);
    }
  }

  private applyFetched(view: MailboxView, metadata: Map<string, MetadataMessage | null>): void {
    for (const [id, message] of metadata) {
      if (message) view.upsert(toStoredMessage(message));
      else view.remove(id);
    }
  }

  /**
   * Emits mailbox:changed when what the renderer shows changed. `arrived`: ids new to the mailbox.
   * `covered`: how far the current view knows the truth (removals are reported only up to there).
   */
  private emitChanged(
    session: AccountSession,
    before: StoredMessage[],
    arrived: ReadonlySet<string>,
    covered: Cursor | null | 'all' = 'all',
  ): void {
    const after = session.view.serveable();
    const fingerprint = (list: StoredMessage[]) =>
      list.map((m) => `${m.id}:${m.labelIds.includes('STARRED') ? 1 : 0}`).join(',');
    if (fingerprint(before) === fingerprint(after)) return;
    const beforeIds = new Set(before.map((m) => m.id));
    const afterIds = new Set(after.map((m) => m.id));
    const added: MessageSummary[] = after.filter((m) => !beforeIds.has(m.id) && arrived.has(m.id)).map(toSummary);
    const knownGone = (m: StoredMessage) =>
      covered === 'all' || (covered !== null && compareNewestFirst(m, covered) <= 0);
    const removedIds = before.filter((m) => !afterIds.has(m.id) && knownGone(m)).map((m) => m.id);
    this.options.emit('mailbox:changed', {
      accountId: session.accountId,
      unreadCount: session.view.unreadCount ?? after.length,
      added,
      removedIds,
    });
  }

  // -------------------------------------------------------------------------------------------------
  // Reading
  // -------------------------------------------------------------------------------------------------

  async summary(accountId: string): Promise<MailboxSummary> {
    const session = await this.session(accountId);
    const email = this.options.auth.getEmail(accountId);
    try {
      const inbox = await session.api.inboxLabel();
      session.view.unreadCount = inbox.messagesUnread ?? 0;
      return { accountId, email, unreadCount: session.view.unreadCount };
    } catch (error) {
      // Offline or slowed down: the last known count is better than nothing.
      if ((error instanceof OfflineError || error instanceof RateLimitedError) && session.view.unreadCount !== null) {
        return { accountId, email, unreadCount: session.view.unreadCount };
      }
      throw error;
    }
  }

  async list(args: ListArgs): Promise<MessagePage> {
    const session = await this.session(args.accountId);
    const size = args.pageSize ?? this.pageSize;
    const query = args.query?.trim() ?? '';
    if (args.scope === 'all' || query !== '')
      return this.search(session, args.scope, query, args.pageToken ?? null, size);

    let cursor = null;
    if (args.pageToken) {
      cursor = decodeCursor(args.pageToken);
      if (!cursor) throw new InvalidArgumentError('That page of the list is out of date. Reload the list.');
    }
    let fromCache = true;
    if (!session.view.hasData) {
      // Cold: wait for the first sync (already running if startAccount was called) rather than queue another.
      fromCache = false;
      await (session.runningSync ?? session.queuedSync ?? this.requestSync(session));
    }
    let page = session.view.page(cursor, size);
    while (page.exhausted) {
      fromCache = false;
      try {
        const grew = await this.exclusive(session, () => this.listMore(session, size));
        page = session.view.page(cursor, size);
        if (!grew) break;
      } catch (error) {
        // Keep what can be shown; only fail when there is nothing at all.
        if (page.items.length > 0) break;
        throw error;
      }
    }
    const last = page.items[page.items.length - 1];
    const serveable = session.view.serveable().length;
    return {
      messages: page.items.map(toSummary),
      nextPageToken: page.more && last ? encodeCursor(last) : null,
      resultSizeEstimate: session.view.listing.complete
        ? serveable
        : Math.max(serveable, session.view.unreadCount ?? 0),
      fromCache,
    };
  }

  /** Fetches the next page of the Gmail unread listing into the view. Resolves false when nothing more exists. */
  private async listMore(session: AccountSession, size: number): Promise<boolean> {
    const { view, api } = session;
    if (view.listing.complete) return false;
    session.localChanges = [];
    try {
      const listing = await this.listUnreadFrom(session, size);
      const ids = (listing.messages ?? []).map((m) => m.id);
      this.applyFetched(view, await api.getMetadata(ids.filter((id) => !view.messages.has(id))));
      this.replayLocalChanges(session, view);
      const listed = ids.map((id) => view.messages.get(id)).filter((m): m is StoredMessage => m !== undefined);
      view.extendListing(listed, listing.nextPageToken ?? null);
      this.scheduleSave(session);
      return ids.length > 0 || view.listing.complete;
    } finally {
      session.localChanges = null;
    }
  }

  /**
   * The next page of Gmail's unread listing. Its page token is kept in the cache, and Google may stop
   * accepting it (400 "Invalid pageToken": expired, or the listing changed shape): then the listing
   * starts again from the top. Pages of already-known ids cost one list call each and no batch, and the
   * boundary is kept, so scrolling carries on where it was.
   */
  private async listUnreadFrom(session: AccountSession, size: number): Promise<ListResponse> {
    const { view, api } = session;
    const pageToken = view.listing.nextPageToken;
    try {
      return await api.listMessages({ labelIds: UNREAD_LABELS, maxResults: size, pageToken });
    } catch (error) {
      if (!(error instanceof GoogleApiError) || pageToken === null || error.status !== 400) throw error;
      this.options.logger.info('sync: Gmail refused the stored listing page token; listing again from the top', {
        accountId: session.accountId,
      });
      view.listing = { ...view.listing, nextPageToken: null };
      return api.listMessages({ labelIds: UNREAD_LABELS, maxResults: size });
    }
  }

  private async search(
    session: AccountSession,
    scope: 'unread' | 'all',
    query: string,
    pageToken: string | null,
    size: number,
  ): Promise<MessagePage> {
    const listing = await session.api.listMessages({
      ...(scope === 'unread' ? { labelIds: UNREAD_LABELS } : {}),
      q: query,
      maxResults: size,
      pageToken,
    });
    const ids = (listing.messages ?? []).map((m) => m.id);
    // Known messages are current (history keeps them so); fetch only the others.
    const known = new Map(
      ids.flatMap((id) => {
        const stored = session.view.messages.get(id);
        return stored ? [[id, stored] as const] : [];
      }),
    );
    const fetched = await session.api.getMetadata(ids.filter((id) => !known.has(id)));
    const messages: MessageSummary[] = [];
    for (const id of ids) {
      const stored = known.get(id) ?? (fetched.get(id) ? toStoredMessage(fetched.get(id)!) : undefined);
      if (stored) messages.push(toSummary(stored));
    }
    return {
      messages,
      nextPageToken: listing.nextPageToken ?? null,
      resultSizeEstimate: listing.resultSizeEstimate ?? messages.length,
      fromCache: false,
    };
  }

  async get(accountId: string, messageId: string): Promise<MessageContent> {
    const session = await this.session(accountId);
    const cached = session.bodies.get(messageId);
    const currentLabels = session.view.messages.get(messageId)?.labelIds;
    if (cached)
      return { id: cached.id, threadId: cached.threadId, labelIds: currentLabels ?? cached.labelIds, raw: cached.raw };
    const message = await session.api.getRaw(messageId);
    const body: StoredBody = {
      id: message.id,
      threadId: message.threadId,
      labelIds: message.labelIds ?? [],
      raw: message.raw,
    };
    session.bodies.set(messageId, body);
    this.scheduleSave(session);
    return { ...body };
  }

  // -------------------------------------------------------------------------------------------------
  // Changing
  // -------------------------------------------------------------------------------------------------

  async modify(accountId: string, ids: string[], action: MessageAction): Promise<void> {
    const session = await this.session(accountId);
    const { add, remove } = ACTION_LABELS[action];
    await session.api.modify(ids, add, remove);
    session.localChanges?.push({ ids: [...ids], add, remove });
    const view = session.view;
    const before = view.serveable();
    const unreadBefore = view.unreadOrdered().length;
    for (const id of ids) {
      view.applyLabels(id, add, remove);
      const body = session.bodies.get(id);
      if (body) {
        const labels = new Set(body.labelIds);
        for (const label of add) labels.add(label);
        for (const label of remove) labels.delete(label);
        session.bodies.set(id, { ...body, labelIds: [...labels] });
      }
    }
    if (view.unreadCount !== null)
      view.unreadCount = Math.max(0, view.unreadCount + view.unreadOrdered().length - unreadBefore);
    this.emitChanged(session, before, new Set());
    this.scheduleSave(session);
  }

  // -------------------------------------------------------------------------------------------------
  // Cache persistence
  // -------------------------------------------------------------------------------------------------

  private scheduleSave(session: AccountSession): void {
    session.dirty = true;
    if (session.removed || !session.cacheAvailable || session.saveHandle !== null || this.disposed) return;
    session.saveHandle = this.timers.setTimeout(() => {
      session.saveHandle = null;
      void this.persist(session);
    }, this.options.saveDelayMs ?? 2000);
  }

  private async flush(session: AccountSession): Promise<void> {
    if (session.saveHandle !== null) {
      this.timers.clearTimeout(session.saveHandle);
      session.saveHandle = null;
    }
    await this.persist(session);
  }

  /** Writes the cache (one write at a time per account). Failures are logged: the cache is an optimisation. */
  private persist(session: AccountSession): Promise<void> {
    const write = async () => {
      if (session.removed || !session.cacheAvailable || !session.view.hasData || !session.dirty) return;
      session.dirty = false; // a change made while this write runs sets it again
      const bodies = session.bodies.values();
      // Read or archived messages are of no further use to the unread view (history brings them back
      // if they become unread again); keep only those whose body is cached.
      session.view.prune(new Set(bodies.map((b) => b.id)));
      const snapshot = session.view.toSnapshot(session.accountId, bodies);
      try {
        // Never from false back to true: a sign-out may have switched it off while this write ran.
        if (!(await this.cache.save(snapshot))) session.cacheAvailable = false;
      } catch (error) {
        session.dirty = true;
        this.options.logger.warn('cache: could not write the cache file', {
          accountId: session.accountId,
          code: (error as NodeJS.ErrnoException).code ?? (error as Error).name,
        });
      }
    };
    session.saving = session.saving.then(write, write);
    return session.saving;
  }
}
