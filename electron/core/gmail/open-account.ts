/**
 * Opens one account's AccountSync: its own transport (quota budget, AbortController), Gmail client, body
 * LRU and store handle, with the view from its local store (no network). Only the sync position and the
 * first page are read before the AccountSync exists (so the first page is served at once, even from a large
 * mailbox); the AccountSync then loads the rest in slices. Nothing is shared with another account except
 * the store folder and the logger.
 */
import { LruCache } from '../cache/lru.js';
import type { StoredBody } from '../cache/mail-cache.js';
import type { Timers } from '../ports.js';
import type { MailStore } from '../store/mail-store.js';
import { AccountCache } from './account-cache.js';
import { AccountSync } from './account-sync.js';
import type { BackoffPolicy } from './failure.js';
import { GmailApi } from './gmail-api.js';
import type { MailServiceOptions } from './mail-service.js';
import { MailboxView } from './mailbox-view.js';
import { DEFAULT_QUOTA_REGIME, QuotaBudget } from './quota.js';
import { followServerTime, ServerTime } from './server-time.js';
import { withoutLibraryRetries } from './token-refresh.js';
import { GmailTransport } from './transport.js';

export type OpenOptions = MailServiceOptions & {
  store: MailStore;
  timers: Timers;
  policy: BackoffPolicy;
  pageSize: number;
};

export async function openAccountSync(accountId: string, options: OpenOptions): Promise<AccountSync> {
  const regime = options.quotaRegime ?? DEFAULT_QUOTA_REGIME;
  // One view of Google's clock per account: its Gmail answers, batch answers and token refreshes all feed it.
  const serverTime = new ServerTime(options.clock);
  const client = () => withoutLibraryRetries(followServerTime(options.auth.getClient(accountId), serverTime));
  const transport = new GmailTransport({
    serverTime,
    client,
    rootUrl: options.gmailRootUrl,
    budget: new QuotaBudget(options.clock, options.unitsPerMinute ?? regime, regime),
    policy: options.policy,
    clock: options.clock,
    timers: options.timers,
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
  // One row more than a page: whether more follow is then known without the rest.
  const headSize = options.pageSize + 1;
  const opened = await options.store.openHead(accountId, headSize);
  let view = new MailboxView();
  if (opened.status === 'head') view = MailboxView.fromSnapshot(opened.head);
  if (opened.status === 'loaded') {
    view = MailboxView.fromSnapshot(opened.snapshot);
    for (const body of opened.snapshot.bodies) bodies.set(body.id, body);
    options.logger.info('store: loaded', { accountId, messages: view.messages.size, bodies: bodies.size });
  }
  const journal = await options.store.openJournal(accountId);
  const sync = new AccountSync({
    accountId,
    journal,
    api: new GmailApi(transport, client, options.gmailRootUrl),
    transport,
    view,
    bodies,
    rebuilding: opened.status === 'empty' && opened.rebuilding,
    ...(opened.status === 'head' ? { partialView: { headSize, serveableCount: opened.serveableCount } } : {}),
    cache: (current, waitingIds, onRebuild) =>
      new AccountCache({
        accountId,
        store: options.store,
        db: opened.status === 'unavailable' ? null : opened.db,
        ...(options.storeHooks?.beforeWrite ? { beforeWrite: options.storeHooks.beforeWrite } : {}),
        timers: options.timers,
        logger: options.logger,
        saveDelayMs: options.saveDelayMs ?? 2000,
        view: current,
        bodies,
        waitingIds,
        onRebuild,
      }),
    clock: options.clock,
    timers: options.timers,
    logger: options.logger,
    pollSeconds: options.pollSeconds,
    policy: options.policy,
    pageSize: options.pageSize,
    ...(options.fetchAhead ? { fetchAhead: options.fetchAhead } : {}),
  });
  sync.onChange(options.onChange);
  return sync;
}
