/**
 * The steps an AccountSync runs against Gmail, one function each: a full sync, an incremental (history)
 * sync, one more page of the unread listing, a search. They change or build a MailboxView and never publish
 * anything: the owner decides what the renderer is told. Request plan: see README.md in this folder.
 */
import type { StoredMessage } from '../cache/mail-cache.js';
import { GoogleApiError, NotFoundError } from '../errors.js';
import type { Logger } from '../logging.js';
import type { GmailApi, HistoryRecord, ListResponse, MetadataMessage } from './gmail-api.js';
import { MailboxView } from './mailbox-view.js';
import type { BudgetWait } from './transport.js';
import { toStoredMessage } from './summary.js';
import { unreadCountDelta } from './unread-count.js';

export const UNREAD_LABELS = ['INBOX', 'UNREAD'];

export interface StepContext {
  accountId: string;
  api: GmailApi;
  logger: Logger;
  pageSize: number;
  /**
   * How long this step's requests may wait for the quota budget (unset: the transport's policy). A page
   * the person scrolled to asks for a short one (see AccountSync.LOAD_MORE_BUDGET_WAIT).
   */
  budgetWait?: BudgetWait;
  /** Re-applies the label changes Glance made since the step began (idempotent: they are the newest truth). */
  replayLocalChanges(view: MailboxView): void;
}

function applyFetched(view: MailboxView, metadata: Map<string, MetadataMessage | null>): void {
  for (const [id, message] of metadata) {
    if (message) view.upsert(toStoredMessage(message));
    else view.remove(id);
  }
}

/**
 * Cold start or history expired: the sync position and the first unread page, fresh from Google, as a new
 * view (the caller swaps it in). The INBOX count is fetched here, and only here.
 */
export async function fullSync(ctx: StepContext, current: MailboxView): Promise<MailboxView> {
  const { api } = ctx;
  // The profile and the inbox count are asked for together with the list, so a cold start costs two
  // round trips, not three. The count is labels.get's exact one (the listing's resultSizeEstimate is
  // only an estimate); if it fails, the last known count is kept.
  const [profile, listing, inbox] = await Promise.all([
    api.profile(),
    api.listMessages({ labelIds: UNREAD_LABELS, maxResults: ctx.pageSize }),
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
  view.lastSyncedAt = current.lastSyncedAt;
  // What Google sent predates any archive/read Glance did meanwhile: re-apply those before the swap.
  ctx.replayLocalChanges(view);
  view.unreadCount = view.listing.complete
    ? view.serveable().length
    : (inbox?.messagesUnread ?? current.unreadCount ?? listing.resultSizeEstimate ?? view.serveable().length);
  // The number Gmail shows next to Inbox; without labels.get, the last known one, else what is listed.
  view.unreadConversationCount = view.listing.complete
    ? view.serveableThreadCount()
    : (inbox?.threadsUnread ?? current.unreadConversationCount ?? view.serveableThreadCount());
  ctx.logger.info('sync: full', { accountId: ctx.accountId, listed: ids.length, complete: view.listing.complete });
  return view;
}

export type IncrementalOutcome =
  { kind: 'unchanged' } | { kind: 'applied'; arrived: ReadonlySet<string> } | { kind: 'resynced'; view: MailboxView };

/** history.list from the view's historyId, then one batch for what is new to Glance; 404 → full resync. */
export async function incrementalSync(ctx: StepContext, view: MailboxView): Promise<IncrementalOutcome> {
  const records: HistoryRecord[] = [];
  let pageToken: string | undefined;
  let historyId: string;
  try {
    do {
      const page = await ctx.api.history(view.historyId!, pageToken);
      records.push(...(page.history ?? []));
      historyId = page.historyId;
      pageToken = page.nextPageToken;
    } while (pageToken);
  } catch (error) {
    if (!(error instanceof NotFoundError)) throw error;
    ctx.logger.info('sync: history expired; resyncing in full', { accountId: ctx.accountId });
    return { kind: 'resynced', view: await fullSync(ctx, view) };
  }
  if (records.length === 0) {
    view.historyId = historyId;
    return { kind: 'unchanged' };
  }
  // The view replaces a message's object on every change: these are the states before the records.
  const before = new Map(view.messages);
  const plan = view.applyHistory(records);
  applyFetched(view, await ctx.api.getMetadata(plan.toFetch));
  ctx.replayLocalChanges(view);
  view.historyId = historyId;
  if (view.listing.complete) {
    view.unreadCount = view.serveable().length;
    view.unreadConversationCount = view.serveableThreadCount();
  } else {
    // No labels.get: the counts (as of the view's historyId) follow what entered and left the unread
    // inbox in these records (the conversation rule: unread-count.ts).
    const delta = unreadCountDelta(records, before, view, new Set(plan.toFetch));
    if (view.unreadCount !== null) view.unreadCount = Math.max(0, view.unreadCount + delta.messages);
    if (view.unreadConversationCount !== null)
      view.unreadConversationCount = Math.max(0, view.unreadConversationCount + delta.conversations);
  }
  return { kind: 'applied', arrived: plan.arrived };
}

/** Fetches the next page of the Gmail unread listing into the view. Resolves false when nothing more exists. */
export async function listMore(ctx: StepContext, view: MailboxView, size: number): Promise<boolean> {
  if (view.listing.complete) return false;
  const listing = await listUnreadFrom(ctx, view, size);
  const ids = (listing.messages ?? []).map((m) => m.id);
  applyFetched(
    view,
    await ctx.api.getMetadata(
      ids.filter((id) => !view.messages.has(id)),
      ctx.budgetWait,
    ),
  );
  ctx.replayLocalChanges(view);
  const listed = ids.map((id) => view.messages.get(id)).filter((m): m is StoredMessage => m !== undefined);
  view.extendListing(listed, listing.nextPageToken ?? null);
  if (view.listing.complete) {
    view.unreadCount = view.serveable().length;
    view.unreadConversationCount = view.serveableThreadCount();
  }
  return ids.length > 0 || view.listing.complete;
}

/**
 * The next page of Gmail's unread listing. Its page token is kept in the cache, and Google may stop
 * accepting it (400 "Invalid pageToken": expired, or the listing changed shape): then the listing
 * starts again from the top. Pages of already-known ids cost one list call each and no batch, and the
 * boundary is kept, so scrolling carries on where it was.
 */
async function listUnreadFrom(ctx: StepContext, view: MailboxView, size: number): Promise<ListResponse> {
  const pageToken = view.listing.nextPageToken;
  try {
    return await ctx.api.listMessages({ labelIds: UNREAD_LABELS, maxResults: size, pageToken }, ctx.budgetWait);
  } catch (error) {
    if (!(error instanceof GoogleApiError) || pageToken === null || error.status !== 400) throw error;
    ctx.logger.info('sync: Gmail refused the stored listing page token; listing again from the top', {
      accountId: ctx.accountId,
    });
    view.listing = { ...view.listing, nextPageToken: null };
    return ctx.api.listMessages({ labelIds: UNREAD_LABELS, maxResults: size }, ctx.budgetWait);
  }
}

export interface SearchResult {
  messages: StoredMessage[];
  nextPageToken: string | null;
  resultSizeEstimate: number;
}

export interface SearchArgs {
  scope: 'unread' | 'all';
  query: string;
  pageToken: string | null;
  size: number;
}

/** Gmail search (`q`, within the unread inbox for scope 'unread'); one batch for ids the view does not know. */
export async function search(ctx: StepContext, view: MailboxView, args: SearchArgs): Promise<SearchResult> {
  const listing = await ctx.api.listMessages(
    {
      ...(args.scope === 'unread' ? { labelIds: UNREAD_LABELS } : {}),
      q: args.query,
      maxResults: args.size,
      pageToken: args.pageToken,
    },
    ctx.budgetWait,
  );
  const ids = (listing.messages ?? []).map((m) => m.id);
  // Known messages are current (history keeps them so); fetch only the others.
  const fetched = await ctx.api.getMetadata(
    ids.filter((id) => !view.messages.has(id)),
    ctx.budgetWait,
  );
  const messages: StoredMessage[] = [];
  for (const id of ids) {
    const metadata = fetched.get(id);
    const stored = view.messages.get(id) ?? (metadata ? toStoredMessage(metadata) : undefined);
    if (stored) messages.push(stored);
  }
  return {
    messages,
    nextPageToken: listing.nextPageToken ?? null,
    resultSizeEstimate: listing.resultSizeEstimate ?? messages.length,
  };
}
