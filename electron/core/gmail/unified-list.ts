/**
 * `messages:list` over every account (ALL_ACCOUNTS). Unread: each account serves its rows after the unified
 * cursor exactly like its own list (cold accounts are waited for in parallel); an account that fails is
 * left out of that page and shows its own error state, never failing the whole list. Search: every account
 * searches in parallel and the first pages are merged.
 */
import type { MessagePage } from '../../shared/ipc-contract.js';
import { InvalidArgumentError, RateLimitedError, WORDING } from '../errors.js';
import type { Logger } from '../logging.js';
import type { AccountSync } from './account-sync.js';
import type { BudgetWait } from './transport.js';
import { toSummary } from './summary.js';
import {
  afterUnified,
  compareUnified,
  decodeSearchToken,
  decodeUnifiedCursor,
  encodeSearchToken,
  encodeUnifiedCursor,
  mergeRows,
  type AccountRow,
  type SearchTokens,
  type UnifiedCursor,
} from './unified.js';

function failedAccount(logger: Logger, accountId: string, error: unknown): null {
  logger.info('unified list: an account is left out of this page', {
    accountId,
    error: (error as Error)?.name ?? 'error',
  });
  return null;
}

/**
 * `budgetWait` (a next page the person scrolled to): an account that would wait longer for its quota (its
 * budget, or Google's 429) is not left out, which would skip its rows: the page stops where that account's
 * known rows stop (every row above is in its place), and when no row can be placed yet the page answers
 * RATE_LIMITED with the earliest instant one of the waiting accounts can list again (the list counts down,
 * asks again then, and hears the next instant if another account still waits).
 */
export async function listUnified(
  syncs: readonly AccountSync[],
  pageToken: string | null,
  size: number,
  logger: Logger,
  budgetWait?: BudgetWait,
): Promise<MessagePage> {
  const cursor = pageToken === null ? null : decodeUnifiedCursor(pageToken);
  if (pageToken !== null && !cursor) throw new InvalidArgumentError(WORDING.pageOutOfDate);
  const waiting: RateLimitedError[] = [];
  const served = await Promise.all(
    syncs.map((sync) =>
      sync.unreadPage(cursor ? afterUnified(cursor, sync.accountId) : null, size, budgetWait).then(
        (page) => ({ sync, page }),
        (error: unknown) => {
          if (budgetWait && error instanceof RateLimitedError && error.retryAt !== undefined) waiting.push(error);
          return failedAccount(logger, sync.accountId, error);
        },
      ),
    ),
  );
  // A waiting account holds no row after the cursor (it serves what it has before it fails), and its next
  // one may come right after it: no row can be placed yet.
  if (waiting.length > 0) throw new RateLimitedError(Math.min(...waiting.map((e) => e.retryAt!)), WORDING.quotaPause);
  const pages = served.filter((entry) => entry !== null);
  // A page short of `size` while its account has more: it could not list further now, so its rows are known
  // only down to its last one, and the page stops at the newest such row (below it, one of its may belong).
  const knownTo = pages
    .filter(({ page }) => page.more && page.items.length < size && page.items.length > 0)
    .map(({ sync, page }) => unifiedKey({ accountId: sync.accountId, message: page.items[page.items.length - 1]! }))
    .sort(compareUnified)[0];
  const merged = mergeRows(
    pages.map(({ sync, page }) => page.items.map((message): AccountRow => ({ accountId: sync.accountId, message }))),
  ).filter((row) => knownTo === undefined || compareUnified(unifiedKey(row), knownTo) <= 0);
  const items = merged.slice(0, size);
  const last = items[items.length - 1];
  // An account left out of this page may have rows further down: the list is not complete without it.
  const more = merged.length > size || pages.some(({ page }) => page.more) || pages.length < served.length;
  return {
    messages: items.map((row) => toSummary(row.message, row.accountId)),
    nextPageToken:
      more && last
        ? encodeUnifiedCursor({ date: last.message.date, accountId: last.accountId, id: last.message.id })
        : null,
    resultSizeEstimate: syncs.reduce((sum, sync) => sum + sync.estimate(), 0),
    fromCache: pages.every(({ page }) => page.fromCache),
    // Each status as read with its own rows; an account left out of this page says nothing here.
    mailboxes: pages.map(({ page }) => page.status),
  };
}

function unifiedKey(row: AccountRow): UnifiedCursor {
  return { date: row.message.date, accountId: row.accountId, id: row.message.id };
}

export async function searchUnified(
  syncs: readonly AccountSync[],
  args: { scope: 'unread' | 'all'; query: string; pageToken: string | null; size: number },
  logger: Logger,
  budgetWait?: BudgetWait,
): Promise<MessagePage> {
  const tokens = args.pageToken === null ? null : decodeSearchToken(args.pageToken);
  if (args.pageToken !== null && !tokens) throw new InvalidArgumentError(WORDING.pageOutOfDate);
  // A next page asks only the accounts whose search has more.
  const asked = tokens === null ? syncs : syncs.filter((sync) => tokens[sync.accountId] !== undefined);
  let firstError: unknown = null;
  // An account whose next page waits for its quota keeps its place (its token) for the page after.
  const waiting = new Map<string, RateLimitedError>();
  const results = await Promise.all(
    asked.map((sync) =>
      sync.search({ ...args, pageToken: tokens?.[sync.accountId] ?? null }, budgetWait).then(
        (found) => ({ sync, found }),
        (error: unknown) => {
          if (budgetWait && error instanceof RateLimitedError && error.retryAt !== undefined)
            waiting.set(sync.accountId, error);
          firstError ??= error;
          return failedAccount(logger, sync.accountId, error);
        },
      ),
    ),
  );
  const found = results.filter((entry) => entry !== null);
  // Every account failed (offline, say): that is the answer, not an empty search. The renderer then keeps
  // what this computer found and says why.
  if (asked.length > 0 && found.length === 0 && waiting.size === 0) throw firstError;
  const next: SearchTokens = {};
  for (const { sync, found: result } of found) if (result.nextPageToken) next[sync.accountId] = result.nextPageToken;
  for (const accountId of waiting.keys()) {
    const token = tokens?.[accountId];
    if (token !== undefined) next[accountId] = token;
  }
  const merged = mergeRows(
    found.map(({ sync, found: result }) =>
      result.messages.map((message): AccountRow => ({ accountId: sync.accountId, message })),
    ),
  );
  // Nothing to show yet but accounts that wait: say how long (the earliest), as a one-account page does.
  if (merged.length === 0 && waiting.size > 0)
    throw new RateLimitedError(Math.min(...[...waiting.values()].map((e) => e.retryAt!)), WORDING.quotaPause);
  return {
    messages: merged.map((row) => ({ ...toSummary(row.message, row.accountId), origin: 'gmail' as const })),
    nextPageToken: encodeSearchToken(next),
    resultSizeEstimate: found.reduce((sum, { found: result }) => sum + result.resultSizeEstimate, 0),
    fromCache: false,
    mailboxes: [],
  };
}
