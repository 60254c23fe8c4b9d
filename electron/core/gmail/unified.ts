/**
 * The unified view (`accountId: ALL_ACCOUNTS`): every account's unread view merged newest first by
 * (date desc, accountId asc, id desc). One opaque cursor (`u1.` + date/account/id) carries the position;
 * each account serves the rows after it exactly like its own list, and the first `size` of the merge are
 * the page. Searches over every account merge each one's first page; the compound page token carries each
 * account's Gmail page token.
 */
import type { StoredMessage } from '../cache/mail-cache.js';
import { compareNewestFirst } from './summary.js';

export interface UnifiedCursor {
  date: number;
  accountId: string;
  id: string;
}

export interface AccountRow {
  accountId: string;
  message: StoredMessage;
}

const UNIFIED_PREFIX = 'u1.';
const SEARCH_PREFIX = 's1.';

/** The unified order: newest first; the same date by account id, then by message id (descending). */
export function compareUnified(a: UnifiedCursor, b: UnifiedCursor): number {
  if (a.date !== b.date) return b.date - a.date;
  if (a.accountId !== b.accountId) return a.accountId < b.accountId ? -1 : 1;
  return compareNewestFirst(a, b);
}

function encode(prefix: string, value: unknown): string {
  return prefix + Buffer.from(JSON.stringify(value)).toString('base64url');
}

function decode(prefix: string, token: string): unknown {
  if (!token.startsWith(prefix)) return undefined;
  try {
    return JSON.parse(Buffer.from(token.slice(prefix.length), 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
}

export function encodeUnifiedCursor(cursor: UnifiedCursor): string {
  return encode(UNIFIED_PREFIX, [cursor.date, cursor.accountId, cursor.id]);
}

/** Null when the token is not a unified cursor (the caller reports an invalid argument). */
export function decodeUnifiedCursor(token: string): UnifiedCursor | null {
  const value = decode(UNIFIED_PREFIX, token);
  if (
    Array.isArray(value) &&
    typeof value[0] === 'number' &&
    typeof value[1] === 'string' &&
    typeof value[2] === 'string'
  )
    return { date: value[0], accountId: value[1], id: value[2] };
  return null;
}

/** The position predicate one account's view is paged with: true for its rows after the cursor. */
export function afterUnified(cursor: UnifiedCursor, accountId: string): (m: StoredMessage) => boolean {
  return (m) => compareUnified({ date: m.date, accountId, id: m.id }, cursor) > 0;
}

/** Merges every account's rows in the unified order. */
export function mergeRows(perAccount: ReadonlyArray<readonly AccountRow[]>): AccountRow[] {
  return perAccount
    .flat()
    .sort((a, b) =>
      compareUnified(
        { date: a.message.date, accountId: a.accountId, id: a.message.id },
        { date: b.message.date, accountId: b.accountId, id: b.message.id },
      ),
    );
}

/** Each account's Gmail page token for the next page of a search over every account (absent: that one ended). */
export type SearchTokens = Record<string, string>;

export function encodeSearchToken(tokens: SearchTokens): string | null {
  return Object.keys(tokens).length === 0 ? null : encode(SEARCH_PREFIX, tokens);
}

export function decodeSearchToken(token: string): SearchTokens | null {
  const value = decode(SEARCH_PREFIX, token);
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return null;
  const entries = Object.entries(value as Record<string, unknown>);
  if (!entries.every(([, v]) => typeof v === 'string')) return null;
  return Object.fromEntries(entries) as SearchTokens;
}
