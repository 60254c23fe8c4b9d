/**
 * AccountSync: the one owner of one account's mail. It holds the MailboxView, the body LRU, the label
 * changes Glance made while a sync runs, the poll and save timers, the cache handle, the unread count and
 * the sync state, and it is the only code that talks to Gmail for this account. Every change it makes is
 * published as one versioned MailboxChange (version + 1). Work that changes the view runs one at a time
 * on this account's own queue; nothing here is shared with another account.
 */
import type {
  Conversation,
  GmailLabel,
  MailboxChange,
  MailboxStatus,
  MessageAction,
  MessageSummary,
  ModifyResult,
  SyncState,
} from '../../shared/ipc-contract.js';
import type { StoredBody, StoredMessage } from '../cache/mail-cache.js';
import { NotFoundError, OfflineError, WORDING } from '../errors.js';
import type { AccountCache } from './account-cache.js';
import { AccountQueue, SingleTimer } from './account-queue.js';
import type { AccountSyncParts, ServedPage } from './account-sync-parts.js';
import { MailboxPublisher, type ChangeHints, type UnreadCounts } from './mailbox-changes.js';
import { MailboxView, type Cursor } from './mailbox-view.js';
import type { CompiledSearch, SearchScope } from '../search/local-search.js';
import { compareNewestFirst, isUnreadInbox, toStoredMessage, toSummary } from './summary.js';
import { ActionQueue, isUnreachable } from './action-queue.js';
import { applyLabelChange, changedMessageIds, replay, type LabelChange } from './message-actions.js';
import { failureOutcome } from './sync-failure.js';
import { UnreadCounter } from './unread-count.js';
import {
  fullSync,
  incrementalSync,
  listMore,
  search,
  type SearchArgs,
  type SearchResult,
  type StepContext,
} from './sync-steps.js';
import type { RawMessage } from '../message/message-content.js';
import type { BudgetWait } from './transport.js';
import { DEFAULT_FETCH_AHEAD, FetchAhead } from './fetch-ahead.js';

/**
 * Warm start: the first sync waits until a page has been served from the cache (or this long without one,
 * e.g. a start with no window), so the first paint never waits for Google or competes with it.
 */
const WARM_START_SYNC_DELAY_MS = 1500;

/**
 * A page the person scrolled to (the unread list's next page, a search's next page) waits at most this long
 * for the account's quota budget; a longer wait answers RATE_LIMITED with its retryAt at once, so the list
 * says why and for how long instead of sitting under "Loading more…". Background work waits inside.
 */
export const LOAD_MORE_BUDGET_WAIT: BudgetWait = { maxBudgetWaitMs: 2000 };

/** Fetching ahead never waits for the budget inside a request: it runs only when the page fits now. */
const FETCH_AHEAD_BUDGET_WAIT: BudgetWait = { maxBudgetWaitMs: 0 };

export class AccountSync {
  readonly accountId: string;
  private view: MailboxView;
  private readonly cache: AccountCache;
  /** What the renderer is told: versioned changes and the sync state. */
  private readonly out: MailboxPublisher;
  private started = false;
  private closed = false;
  /** Serialises work that changes the view (this account only). */
  private readonly queue = new AccountQueue();
  private readonly poll: SingleTimer;
  private failures = 0;
  /** Started from the cache: the first sync runs once a page has been served (see WARM_START_SYNC_DELAY_MS). */
  private firstSyncAfterFirstPage = false;
  /** Started before: a start after "sign in again" syncs at once (the deferral is for the app's start only). */
  private everStarted = false;
  /** Label changes Glance made while a sync or listing step runs (null when none does); see README. */
  private localChanges: LabelChange[] | null = null;
  /** The count shown: Google's as of the view's historyId, moved by Glance's own actions since. */
  private readonly counter = new UnreadCounter();
  /** The local store was set aside as unreadable: until a sync succeeds, the sync state says it is rebuilt. */
  private rebuilding: boolean;
  /** The person's actions on their way to Gmail: journaled first, queued while Google cannot be reached. */
  private readonly actions: ActionQueue;
  /** The next sync starts over from Google (the store was set aside after a save found it unreadable). */
  private resyncInFull = false;
  /** Counts those set-asides: a sync that was already running when one happened has not rebuilt anything. */
  private rebuildsAsked = 0;
  /**
   * Set while the view holds only the store's first page (parts.partialView): resolves once the rest is
   * loaded (first on the queue, so syncs and listing steps wait for it; readers that need more wait on it).
   */
  private restOfView: Promise<void> | null = null;
  /** While the view holds only the store's first page: its size, and how many the whole view holds. */
  private partial: AccountSyncParts['partialView'] | null;
  /** A sync succeeded since start: fetching ahead never runs before the first one. */
  private syncedThisRun = false;
  /** The oldest row the list has been served (null: none yet): fetching ahead is measured from it. */
  private furthestServed: Cursor | null = null;
  /** The unread list's next pages, fetched in the background within the budget (fetch-ahead.ts). */
  private readonly ahead: FetchAhead;

  constructor(private readonly parts: AccountSyncParts) {
    this.accountId = parts.accountId;
    this.view = parts.view;
    this.partial = parts.partialView ?? null;
    this.rebuilding = parts.rebuilding ?? false;
    this.cache = parts.cache(
      () => this.view,
      () => this.actions.queuedChanges().flatMap((change) => changedMessageIds(this.view, change)),
      () => this.rebuildFromGoogle(),
    );
    this.poll = new SingleTimer((callback, ms) => parts.timers.schedule(callback, ms));
    this.actions = new ActionQueue(parts.journal, {
      send: (change) =>
        change.target === 'threads'
          ? parts.api.modifyThreads(change.ids, [...change.add], [...change.remove])
          : parts.api.modify([...change.ids], [...change.add], [...change.remove]),
      applyLocally: (change) => {
        this.localChanges?.push(change);
        return applyLabelChange(this.view, parts.bodies, change);
      },
      sentToGmail: (delta) => this.counter.moved(delta),
      messageIdsOf: (change) => changedMessageIds(this.view, change),
      changed: (gone) => {
        this.publish(gone.size > 0 ? { gone } : {});
        this.cache.scheduleSave();
      },
      now: () => parts.clock.now(),
      logger: parts.logger,
      accountId: parts.accountId,
    });
    // Actions still waiting from the last run: shown as done over the cached view, sent after the first sync.
    this.actions.applyJournal();
    this.out = new MailboxPublisher(this.accountId, this.view, this.counts(), () => ({
      pendingActions: this.actions.pendingCount,
      droppedActions: this.actions.droppedCount,
    }));
    const fetchAhead = parts.fetchAhead ?? DEFAULT_FETCH_AHEAD;
    this.ahead = new FetchAhead(fetchAhead, {
      ready: () => this.fetchAheadReady(),
      rowsAhead: () => this.rowsAhead(),
      budgetWaitMs: () => parts.transport.budgetWaitMs(this.pageCost(parts.pageSize) + this.fetchAheadReserve()),
      step: () => this.fetchAheadStep(fetchAhead.pages),
      pageSize: parts.pageSize,
      clock: parts.clock,
      timers: parts.timers,
      logger: parts.logger,
      accountId: parts.accountId,
    });
    if (parts.partialView) {
      const loading = this.queue.exclusive(() => this.loadRestOfView());
      this.restOfView = loading;
      void loading.finally(() => {
        if (this.restOfView === loading) this.restOfView = null;
      });
    }
  }

  /** Resolves once the whole view is loaded (at once when it already is). */
  whenLoaded(): Promise<void> {
    return this.restOfView ?? Promise.resolve();
  }

  /**
   * The rest of the store, read in slices while the first page is already served. Nothing changed the
   * view meanwhile (everything that would waits for this), so the loaded view simply replaces it; what it
   * holds was there all along (not a change to publish). An unreadable file is set aside and rebuilt from
   * Google, like one found at open.
   */
  private async loadRestOfView(): Promise<void> {
    // Built slice by slice as the rows arrive, with the sync position of the first page (the same meta).
    const loaded = new MailboxView();
    loaded.listing = { ...this.view.listing };
    const rest = await this.cache.loadRest((slice) => {
      for (const message of slice) loaded.messages.set(message.id, message);
      this.out.adopt(loaded, slice);
    });
    this.partial = null;
    if (this.closed || rest.kind === 'closed') return;
    if (rest.kind === 'loaded' && rest.snapshot) {
      loaded.historyId = rest.snapshot.historyId;
      loaded.lastSyncedAt = rest.snapshot.lastSyncedAt;
      loaded.unreadCount = rest.snapshot.unreadCount;
      loaded.unreadConversationCount = rest.snapshot.unreadConversationCount ?? null;
      loaded.listing = { ...rest.snapshot.listing };
      this.view = loaded;
      // Waiting actions were applied to the first page only: apply them over the whole view (idempotent).
      replay(this.actions.queuedChanges(), this.view);
      this.parts.logger.info('store: loaded', { accountId: this.accountId, messages: loaded.messages.size });
      return;
    }
    // The first page alone cannot serve the rest: start again from Google, as after an unreadable open.
    this.view = new MailboxView();
    if (rest.kind === 'rebuilding') this.rebuilding = true;
    if (this.started) this.requestSync().catch(() => undefined);
  }

  /** A save found the store unreadable and set it aside: the next sync starts over from Google. */
  private rebuildFromGoogle(): void {
    if (this.closed) return;
    this.rebuilding = true;
    this.resyncInFull = true;
    this.rebuildsAsked += 1;
    this.requestSync().catch(() => undefined); // the sync state and the log carry the outcome
  }

  onChange(listener: (change: MailboxChange) => void): () => void {
    return this.out.onChange(listener);
  }

  /** Read synchronously: a page built now carries the version its items are consistent with. */
  status(): MailboxStatus {
    return this.out.status();
  }

  private publish(hints?: ChangeHints): void {
    if (!this.closed) this.out.publish(this.view, this.counts(), hints);
  }

  private setSync(state: Omit<SyncState, 'accountId'>, hints?: ChangeHints): void {
    if (!this.closed) this.out.setSync(this.view, this.counts(), state, hints);
  }

  // ------------------------------------------------------------------------------ lifecycle

  /** Syncs in the background and keeps polling. Again while started: retries now if Gmail access was missing. */
  start(): void {
    if (this.started && this.out.sync.status !== 'needs-sign-in') return;
    const firstStart = !this.everStarted;
    this.started = true;
    this.everStarted = true;
    if (firstStart && this.view.hasData) {
      this.firstSyncAfterFirstPage = true;
      this.schedulePoll(WARM_START_SYNC_DELAY_MS);
      return;
    }
    this.requestSync().catch(() => undefined); // the sync state and the log carry the outcome
  }

  async stop(): Promise<void> {
    this.started = false;
    this.poll.clear();
    this.ahead.stop(); // a restart fetches ahead again only once a list asks
    await this.cache.flush();
  }

  /** Sign-out: stops at once (requests in flight aborted), never writes again, deletes the cache and its key. */
  async remove(): Promise<void> {
    this.shutDown();
    await this.queue.drained();
    await this.actions.settled();
    this.parts.journal.close();
    await this.cache.remove();
  }

  /**
   * Settings → Data: forgets the local copy of this account's mail (memory and store) and fetches it again
   * with a full sync. Runs on the account's queue, so no sync or listing step sees it half done. The renderer
   * keeps what it shows until the new listing says otherwise (as after any full resync).
   */
  async clearLocalCopy(): Promise<void> {
    await this.queue.exclusive(async () => {
      if (this.closed) return;
      this.poll.clear();
      this.view = new MailboxView();
      this.furthestServed = null;
      this.parts.bodies.clear();
      await this.cache.clearSyncedMail();
      this.rebuilding = true;
    });
    // Not awaited: a full sync of a large mailbox takes a while; the sync state carries its progress and outcome.
    if (this.started) this.requestSync().catch(() => undefined);
  }

  /** Quit: stops, lets running work end (aborted; unsent actions stay in the journal), saves what is pending. */
  async close(): Promise<void> {
    this.shutDown();
    await this.queue.drained();
    await this.actions.settled();
    this.parts.journal.close();
    await this.cache.close();
  }

  private shutDown(): void {
    this.ahead.stop();
    this.closed = true;
    this.started = false;
    this.out.close();
    this.parts.transport.cancel();
    this.poll.clear();
  }

  // ------------------------------------------------------------------------------ sync

  syncNow(): Promise<void> {
    return this.requestSync();
  }

  wake(): void {
    if (this.started) this.requestSync().catch(() => undefined);
  }

  private requestSync(): Promise<void> {
    return this.queue.requestSync(() => this.syncOnce());
  }

  private context(budgetWait?: BudgetWait): StepContext {
    return {
      ...this.parts,
      ...(budgetWait ? { budgetWait } : {}),
      replayLocalChanges: (view) => {
        replay(this.localChanges, view);
        // Google does not have these yet: what it sent must not undo them here.
        replay(this.actions.queuedChanges(), view);
      },
    };
  }

  private unreadCount(): number | null {
    // A complete listing counts the view itself, which holds only its first page until the rest is loaded.
    if (this.partial && this.view.listing.complete) return this.partial.serveableCount;
    return this.counter.shown(this.view, this.actions.queuedDelta().messages);
  }

  private unreadConversationCount(): number | null {
    // The store counted the whole view's distinct threads when it read the first page (loadHead).
    if (this.partial && this.view.listing.complete) return this.view.unreadConversationCount;
    return this.counter.shownConversations(this.view, this.actions.queuedDelta().conversations);
  }

  private counts(): UnreadCounts {
    return { unreadCount: this.unreadCount(), unreadConversationCount: this.unreadConversationCount() };
  }

  private async syncOnce(): Promise<void> {
    if (this.closed) return;
    this.firstSyncAfterFirstPage = false; // this is that sync (the fallback timer, a wake or Check Now came first)
    this.poll.clear();
    this.setSync({
      status: 'syncing',
      lastSyncedAt: this.view.lastSyncedAt,
      ...(this.rebuilding ? { message: WORDING.rebuildingLocalCopy } : {}),
    });
    const rebuildsBefore = this.rebuildsAsked;
    this.localChanges = [];
    // Glance's actions before this sync's history.list: that history covers them.
    const covered = this.counter.mark();
    try {
      let hints: ChangeHints = {};
      if (!this.view.hasData || this.resyncInFull) {
        this.resyncInFull = false;
        this.view = await fullSync(this.context(), this.view);
        this.cache.markDirty();
      } else {
        const outcome = await incrementalSync(this.context(), this.view);
        if (outcome.kind === 'resynced') this.view = outcome.view;
        if (outcome.kind === 'applied') hints = { arrived: outcome.arrived };
        if (outcome.kind !== 'unchanged') this.cache.markDirty();
      }
      this.localChanges = null;
      this.counter.settled(covered);
      this.failures = 0;
      if (this.rebuildsAsked === rebuildsBefore) this.rebuilding = false;
      this.view.lastSyncedAt = this.parts.clock.now();
      this.setSync({ status: 'idle', lastSyncedAt: this.view.lastSyncedAt }, hints);
      this.syncedThisRun = true;
      this.ahead.kick(); // its step queues behind this sync
      await this.cache.persist();
      this.schedulePoll(this.parts.pollSeconds() * 1000);
      // Google answers again: the actions waiting for it go now, in order.
      await this.actions.flush();
    } catch (error) {
      this.localChanges = null;
      this.failures += 1;
      this.recordFailure(error);
      throw error;
    }
  }

  private recordFailure(error: unknown): void {
    const now = this.parts.clock.now();
    const outcome = failureOutcome(error, {
      now,
      lastSyncedAt: this.view.lastSyncedAt,
      pollMs: this.parts.pollSeconds() * 1000,
      failures: this.failures,
      policy: this.parts.policy,
    });
    this.parts.logger.warn('sync: failed', { accountId: this.accountId, status: outcome.state.status });
    if (outcome.retryAt === null) this.started = false; // until the person signs in again
    this.setSync(outcome.state);
    if (outcome.retryAt !== null) this.schedulePoll(outcome.retryAt - now);
  }

  private schedulePoll(delayMs: number): void {
    if (!this.started || this.closed) return this.poll.clear();
    this.poll.set(() => this.requestSync().catch(() => undefined), delayMs);
  }

  // ------------------------------------------------------------------------------ reading

  /**
   * Unread messages after the position `isAfter` marks (null: from the top), at most `size`. Cold: waits
   * for the first sync; past the listing boundary: lists further (and publishes what entered).
   */
  async unreadPage(
    isAfter: ((m: StoredMessage) => boolean) | null,
    size: number,
    budgetWait?: BudgetWait,
  ): Promise<ServedPage> {
    // The store's first page answers a first page no longer than it (one more row than asked tells `more`).
    const headSize = this.partial?.headSize ?? 0;
    const headServes = isAfter === null && (size < headSize || this.view.messages.size < headSize);
    if (this.restOfView && !headServes) await this.restOfView;
    let fromCache = true;
    if (!this.view.hasData) {
      // Cold: wait for the first sync (already running if start() was called) rather than queue another.
      fromCache = false;
      await (this.queue.pendingSync() ?? this.requestSync());
    }
    let page = this.view.pageWhere(isAfter, size);
    while (page.exhausted) {
      fromCache = false;
      try {
        // A page fetched ahead may have reached the view while this one waited on the queue: never list twice.
        const grew = await this.queue.exclusive(() =>
          this.view.pageWhere(isAfter, size).exhausted ? this.listStep(size, budgetWait) : Promise.resolve(true),
        );
        page = this.view.pageWhere(isAfter, size);
        if (!grew) break;
      } catch (error) {
        // Keep what can be shown; only fail when there is nothing at all.
        if (page.items.length > 0) break;
        throw error;
      }
    }
    const served = { items: page.items, more: page.more, fromCache, status: this.status() };
    const last = page.items[page.items.length - 1];
    if (last && (this.furthestServed === null || compareNewestFirst(last, this.furthestServed) > 0))
      this.furthestServed = { date: last.date, id: last.id };
    if (this.firstSyncAfterFirstPage) {
      this.firstSyncAfterFirstPage = false;
      this.schedulePoll(0); // after this page is on its way
    }
    return served;
  }

  /**
   * `budgetWait`: checked first against the page's worst-case cost (ids past the listing boundary are
   * rarely known here), so a scrolled page is never stopped between its list call and its batch.
   */
  private async listStep(size: number, budgetWait?: BudgetWait): Promise<boolean> {
    if (budgetWait && !this.view.listing.complete)
      this.parts.transport.requireBudgetWithin(this.pageCost(size), budgetWait);
    this.localChanges = [];
    try {
      const grew = await listMore(this.context(budgetWait), this.view, size);
      this.cache.scheduleSave();
      this.publish();
      return grew;
    } finally {
      this.localChanges = null;
    }
  }

  // ------------------------------------------------------------------------------ fetching ahead

  /** The person's list shows this account (alone or in Unified): keep its next pages ready. */
  fetchAheadOfList(): void {
    if (!this.closed) this.ahead.watch();
  }

  /** The person searched or went to another account's list. */
  stopFetchingAhead(): void {
    this.ahead.stop();
  }

  /** A fetch-ahead step is in flight or queued (tests wait for it to end). */
  get fetchingAhead(): boolean {
    return this.ahead.busy;
  }

  private fetchAheadReady(): boolean {
    return this.started && !this.closed && this.syncedThisRun && this.restOfView === null && !this.knownUnreachable();
  }

  /** Units of the minute fetching ahead leaves free for sync, history, actions and opening mail. */
  private fetchAheadReserve(): number {
    const share = (this.parts.fetchAhead ?? DEFAULT_FETCH_AHEAD).reserveShare;
    return Math.round(share * this.parts.transport.unitsPerMinute);
  }

  private rowsAhead(): { rows: number; moreToList: boolean } {
    const furthest = this.furthestServed;
    let rows = 0;
    for (const message of this.view.messages.values())
      if (this.view.isServeable(message) && (furthest === null || compareNewestFirst(message, furthest) > 0)) rows++;
    return { rows, moreToList: !this.view.listing.complete };
  }

  /**
   * One page fetched ahead, on the queue like a scrolled page (published as `added`; the renderer shows it
   * once its list asks). Checked again there: the person's own page or a sync may have run meanwhile.
   */
  private fetchAheadStep(pages: number): Promise<boolean> {
    return this.queue.exclusive(async () => {
      if (!this.fetchAheadReady()) return false;
      const { rows, moreToList } = this.rowsAhead();
      if (!moreToList || rows >= pages * this.parts.pageSize) return false;
      const size = this.parts.pageSize;
      this.parts.transport.requireBudgetWithin(this.pageCost(size) + this.fetchAheadReserve(), FETCH_AHEAD_BUDGET_WAIT);
      return this.listStep(size, FETCH_AHEAD_BUDGET_WAIT);
    });
  }

  /**
   * The unread view the renderer should hold now, as a list (newest first), and how far it is known to be
   * complete (below `boundary` the account has not listed yet). What a reducer of the changes must equal.
   */
  serveable(): { messages: MessageSummary[]; complete: boolean; boundary: Cursor | null } {
    return {
      messages: this.view.serveable().map((m) => toSummary(m, this.accountId)),
      complete: this.view.listing.complete,
      boundary: this.view.listing.boundary,
    };
  }

  /** How many unread messages the list may hold (for the page's resultSizeEstimate). */
  estimate(): number {
    return Math.max(this.view.serveableUnordered().length, this.unreadCount() ?? 0);
  }

  /** The account's own labels (labels.list, user labels only), by name: asked of Gmail each time. */
  async userLabels(): Promise<GmailLabel[]> {
    const { labels = [] } = await this.parts.api.labels();
    return labels
      .filter((label) => label.type === 'user')
      .map((label) => ({ id: label.id, name: label.name }))
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  /** The most one listing page costs: the list call and a metadata get for each of its ids. */
  private pageCost(size: number): number {
    const { transport } = this.parts;
    return transport.cost('messages.list') + size * transport.cost('messages.get');
  }

  /**
   * `budgetWait` bounds each of its requests' budget waits. A search changes nothing here, so a page stopped
   * between its list and its batch leaves nothing half done (and its ids are often known, so the whole
   * page's worst-case cost would overstate the wait).
   */
  async search(args: SearchArgs, budgetWait?: BudgetWait): Promise<SearchResult> {
    await this.whenLoaded();
    return search(this.context(budgetWait), this.view, args);
  }

  /**
   * Offline search over the local store (what its last save committed, at most a save delay behind). Rows
   * come with the view's current labels; a row the view no longer holds (deleted, or pruned once read or
   * archived) is left out, and so is one that left the unread inbox when that is the scope.
   */
  searchLocal(compiled: CompiledSearch, scope: SearchScope, limit: number): StoredMessage[] {
    if (this.closed) return [];
    const rows = this.cache.search(compiled, limit);
    // While only the first page is loaded, the store's own labels stand (they are what the view will hold).
    if (!this.view.hasData || this.partial) return rows;
    return rows
      .map((row) => this.view.messages.get(row.id))
      .filter((m): m is StoredMessage => m !== undefined && (scope === 'all' || isUnreadInbox(m.labelIds)));
  }

  async get(messageId: string): Promise<RawMessage> {
    await this.whenLoaded(); // its current labels come from the whole view
    let cached = this.parts.bodies.get(messageId);
    if (!cached && !this.closed) {
      const stored = this.cache.readBody(messageId);
      if (stored) {
        cached = stored;
        this.parts.bodies.set(messageId, stored);
        this.cache.scheduleSave(); // its new recency
      }
    }
    const currentLabels = this.view.messages.get(messageId)?.labelIds;
    if (cached)
      return { id: cached.id, threadId: cached.threadId, labelIds: currentLabels ?? cached.labelIds, raw: cached.raw };
    const message = await this.parts.api.getRaw(messageId);
    const body: StoredBody = { ...message, labelIds: message.labelIds ?? [] };
    this.parts.bodies.set(messageId, body);
    this.cache.scheduleSave();
    return { ...body };
  }

  /**
   * Every message of one conversation, oldest first: one threads.get (format metadata), never for the list.
   * Gmail no longer having it → NotFoundError; Google out of reach → the messages of it this computer holds
   * (`fromCache`), or OfflineError when it holds none.
   */
  async conversation(threadId: string): Promise<Conversation> {
    await this.whenLoaded(); // what this computer holds of it comes from the whole view
    if (!this.knownUnreachable()) {
      try {
        const thread = await this.parts.api.getThread(threadId);
        const messages = (thread.messages ?? []).map(toStoredMessage);
        return this.conversationOf(threadId, messages, false);
      } catch (error) {
        if (error instanceof NotFoundError) throw new NotFoundError(WORDING.conversationGone);
        if (!isUnreachable(error)) throw error;
      }
    }
    const held = this.view.messagesOfThreads([threadId]);
    if (held.length === 0) throw new OfflineError(WORDING.conversationOffline);
    return this.conversationOf(threadId, held, true);
  }

  private conversationOf(threadId: string, messages: StoredMessage[], fromCache: boolean): Conversation {
    const oldestFirst = [...messages].sort((a, b) => compareNewestFirst(b, a));
    return {
      accountId: this.accountId,
      threadId,
      messages: oldestFirst.map((m) => toSummary(m, this.accountId)),
      ...(fromCache ? { fromCache } : {}),
    };
  }

  // ------------------------------------------------------------------------------ changing

  /**
   * Journals the action, then sends it (after any still waiting). Resolves `queued` when Google cannot be
   * reached: the action is applied here and sent later. Gmail refusing it (sign-in, permission, a message
   * it no longer has) throws, as without a journal.
   */
  async modify(ids: string[], action: MessageAction): Promise<ModifyResult> {
    await this.whenLoaded();
    return { outcome: await this.actions.submit(ids, action, !this.knownUnreachable()) };
  }

  /**
   * An action on whole conversations, journalled and sent like modify(). Archive, unarchive, mark read and
   * unstar go to every message of each thread (threads.modify); star and mark unread to the newest message
   * of each thread Glance holds, as Gmail's conversation list does (README.md, "Conversation actions").
   */
  async modifyConversations(threadIds: string[], action: MessageAction): Promise<ModifyResult> {
    await this.whenLoaded();
    const tryNow = !this.knownUnreachable();
    if (action !== 'star' && action !== 'markUnread')
      return { outcome: await this.actions.submit(threadIds, action, tryNow, 'threads') };
    const newest: string[] = [];
    const unknown: string[] = [];
    for (const threadId of new Set(threadIds)) {
      const [latest] = this.view.messagesOfThreads([threadId]).sort(compareNewestFirst);
      if (latest) newest.push(latest.id);
      else unknown.push(threadId);
    }
    // A conversation Glance holds no message of (not listed here): the whole thread, the only target known.
    const outcomes = await Promise.all([
      ...(newest.length > 0 ? [this.actions.submit(newest, action, tryNow)] : []),
      ...(unknown.length > 0 ? [this.actions.submit(unknown, action, tryNow, 'threads')] : []),
    ]);
    return { outcome: outcomes.includes('queued') ? 'queued' : 'sent' };
  }

  /** The last sync found Google unreachable and its retry is still ahead: queue without waiting on the network. */
  private knownUnreachable(): boolean {
    const sync = this.out.sync;
    return (
      (sync.status === 'offline' || sync.status === 'google-trouble' || sync.status === 'rate-limited') &&
      sync.retryAt !== undefined &&
      sync.retryAt > this.parts.clock.now()
    );
  }
}
