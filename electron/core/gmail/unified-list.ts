/**
 * `messages:list` over every account (ALL_ACCOUNTS). Unread: each account serves its rows after the unified
 * cursor exactly like its own list (cold accounts are waited for in parallel); an account that fails is
 * left out of that page and shows its own error state, never failing the whole list. Search: every account
 * searches in parallel and the first pages are merged.
 */
import type { MessagePage } from '../../shared/ipc-contract.js';
import { InvalidArgumentError, WORDING } from '../errors.js';
import type { Logger } from '../logging.js';
import type { AccountSync } from './account-sync.js';
import { toSummary } from './summary.js';
import {
  afterUnified,
  decodeSearchToken,
  decodeUnifiedCursor,
  encodeSearchToken,
  encodeUnifiedCursor,
  mergeRows,
  type AccountRow,
  type SearchTokens,
} from './unified.js';

function failedAccount(logger: Logger, accountId: string, error: unknown): null {
  logger.info('unified list: an account is left out of this page', {
    accountId,
    error: (error as Error)?.name ?? 'error',
  });
  return null;
}

export async function listUnified(
  syncs: readonly AccountSync[],
  pageToken: string | null,
  size: number,
  logger: Logger,
): Promise<MessagePage> {
  const cursor = pageToken === null ? null : decodeUnifiedCursor(pageToken);
  if (pageToken !== null && !cursor) throw new InvalidArgumentError(WORDING.pageOutOfDate);
  const served = await Promise.all(
    syncs.map((sync) =>
      sync.unreadPage(cursor ? afterUnified(cursor, sync.accountId) : null, size).then(
        (page) => ({ sync, page }),
        (error: unknown) => failedAccount(logger, sync.accountId, error),
      ),
    ),
  );
  const pages = served.filter((entry) => entry !== null);
  const merged = mergeRows(
    pages.map(({ sync, page }) => page.items.map((message): AccountRow => ({ accountId: sync.accountId, message }))),
  );
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

export async function searchUnified(
  syncs: readonly AccountSync[],
  args: { scope: 'unread' | 'all'; query: string; pageToken: string | null; size: number },
  logger: Logger,
): Promise<MessagePage> {
  const tokens = args.pageToken === null ? null : decodeSearchToken(args.pageToken);
  if (args.pageToken !== null && !tokens) throw new InvalidArgumentError(WORDING.pageOutOfDate);
  // A next page asks only the accounts whose search has more.
  const asked = tokens === null ? syncs : syncs.filter((sync) => tokens[sync.accountId] !== undefined);
  let firstError: unknown = null;
  const results = await Promise.all(
    asked.map((sync) =>
      sync.search({ ...args, pageToken: tokens?.[sync.accountId] ?? null }).then(
        (found) => ({ sync, found }),
        (error: unknown) => {
          firstError ??= error;
          return failedAccount(logger, sync.accountId, error);
        },
      ),
    ),
  );
  const found = results.filter((entry) => entry !== null);
  // Every account failed (offline, say): that is the answer, not an empty search. The renderer then keeps
  // what this computer found and says why.
  if (asked.length > 0 && found.length === 0) throw firstError;
  const next: SearchTokens = {};
  for (const { sync, found: result } of found) if (result.nextPageToken) next[sync.accountId] = result.nextPageToken;
  const merged = mergeRows(
    found.map(({ sync, found: result }) =>
      result.messages.map((message): AccountRow => ({ accountId: sync.accountId, message })),
    ),
  );
  return {
    messages: merged.map((row) => ({ ...toSummary(row.message, row.accountId), origin: 'gmail' as const })),
    nextPageToken: encodeSearchToken(next),
    resultSizeEstimate: found.reduce((sum, { found: result }) => sum + result.resultSizeEstimate, 0),
    fromCache: false,
    mailboxes: [],
  };
}
