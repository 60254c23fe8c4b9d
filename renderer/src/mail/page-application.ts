/** What a list page and a status snapshot, each served at some version, change in the accounts' mail. */
import type { MailboxStatus, MessagePage } from '../../../electron/shared/ipc-contract.js';
import { drainPending, emptyAccount } from './account-mail.js';
import type { AccountMail } from './mail-types.js';
import { compareNewestFirst, type SortKey } from './message-order.js';

/** Is `key` inside the range a page covers: after `after` (exclusive) up to `last` (inclusive, or the end)? */
function inRange(key: SortKey, after: SortKey | null, last: SortKey | null, toEnd: boolean): boolean {
  if (after && compareNewestFirst(key, after) <= 0) return false;
  if (toEnd) return true;
  return last !== null && compareNewestFirst(key, last) <= 0;
}

/** Applies a page of the unread view, served when each covered account was at the version it names. */
export function applyPage(
  accounts: Readonly<Record<string, AccountMail>>,
  page: MessagePage,
  after: SortKey | null,
): Record<string, AccountMail> {
  const next: Record<string, AccountMail> = { ...accounts };
  const last = page.messages.at(-1) ?? null;
  const toEnd = page.nextPageToken === null;
  const covered = new Map(page.mailboxes.map((status) => [status.accountId, status]));
  for (const [accountId, status] of covered) {
    const account = next[accountId] ?? emptyAccount;
    const p = status.version;
    if (account.floor !== null && p < account.floor) continue;
    const messages = new Map(account.messages);
    const touchedAt = new Map(account.touchedAt);
    const listed = new Set<string>();
    for (const message of page.messages) {
      if (message.accountId !== accountId) continue;
      listed.add(message.id);
      if ((touchedAt.get(message.id) ?? -Infinity) > p) continue;
      messages.set(message.id, message);
    }
    // What the range covers but the page does not list had left the view at p, unless a newer event says otherwise.
    if (last !== null || toEnd) {
      for (const [id, message] of account.messages) {
        if (listed.has(id) || !inRange(message, after, last, toEnd)) continue;
        if ((touchedAt.get(id) ?? -Infinity) > p) continue;
        messages.delete(id);
        touchedAt.delete(id);
      }
    }
    // The page's version is taken when nothing is known yet, or to close a gap (the reload it asked for).
    // Otherwise the changes up to p are on their way (sent before this answer) and apply in turn; if one was
    // lost, the next change shows the gap.
    const firstWaiting = account.pending[0]?.version;
    // Only a page from the top closes a gap: the view is cut at its last row, so everything shown is verified.
    const takes =
      account.version === null ||
      (after === null && firstWaiting !== undefined && account.version < p && p >= firstWaiting - 1);
    next[accountId] = drainPending({
      ...account,
      messages,
      touchedAt,
      ...(takes ? { version: p, status, floor: p } : {}),
    });
  }
  // Rows of accounts the page does not name (it should name them all): only ones no event has decided.
  for (const message of page.messages) {
    if (covered.has(message.accountId)) continue;
    const account = next[message.accountId] ?? emptyAccount;
    if (account.touchedAt.has(message.id)) continue;
    next[message.accountId] = { ...account, messages: new Map(account.messages).set(message.id, message) };
  }
  return next;
}

export function applyStatuses(
  accounts: Readonly<Record<string, AccountMail>>,
  statuses: readonly MailboxStatus[],
): Record<string, AccountMail> {
  const next: Record<string, AccountMail> = { ...accounts };
  for (const status of statuses) {
    const account = next[status.accountId] ?? emptyAccount;
    if (account.version !== null && status.version <= account.version) continue;
    if (account.version === null || account.messages.size === 0) {
      next[status.accountId] = drainPending({ ...account, version: status.version, status, floor: status.version });
    } else {
      // Newer than what was applied while messages are loaded: show its count and state now; the next change
      // will not follow on, so it reloads once.
      next[status.accountId] = { ...account, status: { ...status, version: account.version } };
    }
  }
  return next;
}
