/**
 * One account's mail as versioned changes build it: a change that follows on applies, an older one is already
 * reflected, a later one waits (`pending`) and marks the account stale until a page closes the gap.
 */
import type { MailboxChange, MailboxStatus } from '../../../electron/shared/ipc-contract.js';
import type { AccountMail, FlagPatch } from './mail-types.js';

export const emptyAccount: AccountMail = {
  version: null,
  status: null,
  messages: new Map(),
  touchedAt: new Map(),
  pending: [],
  floor: null,
};
/** Changes kept while waiting for a gap to close; beyond this the reload brings the state anyway. */
const MAX_PENDING = 200;

function statusOf(change: MailboxStatus): MailboxStatus {
  return {
    accountId: change.accountId,
    version: change.version,
    unreadCount: change.unreadCount,
    unreadConversationCount: change.unreadConversationCount,
    sync: change.sync,
    pendingActions: change.pendingActions,
    droppedActions: change.droppedActions,
  };
}

/** Applies one change that follows the account's version directly (or sets the first version seen). */
function applyChangeNow(account: AccountMail, change: MailboxChange): AccountMail {
  const messages = new Map(account.messages);
  const touchedAt = new Map(account.touchedAt);
  for (const message of [...change.added, ...change.updated]) {
    messages.set(message.id, message);
    touchedAt.set(message.id, change.version);
  }
  for (const id of change.removedIds) {
    messages.delete(id);
    touchedAt.set(id, change.version);
  }
  return { ...account, version: change.version, status: statusOf(change), messages, touchedAt };
}

/** Applies the waiting changes that now follow on; drops the ones the version already covers. */
export function drainPending(account: AccountMail): AccountMail {
  if (account.version === null) return account;
  let current = account;
  let pending = current.pending.filter((change) => change.version > (current.version ?? -Infinity));
  while (pending[0] && current.version !== null && pending[0].version === current.version + 1) {
    current = applyChangeNow(current, pending[0]);
    pending = pending.slice(1);
  }
  return pending.length === current.pending.length && current === account ? account : { ...current, pending };
}

export function applyChange(account: AccountMail, change: MailboxChange): AccountMail {
  // Before the first page or status there is nothing to apply it to: it waits for the version they bring.
  if (account.version !== null && change.version <= account.version) return account;
  if (account.version !== null && change.version === account.version + 1)
    return drainPending(applyChangeNow(account, change));
  // A gap: one change (or more) never arrived. Wait for a reload to close it.
  if (account.pending.some((waiting) => waiting.version === change.version)) return account;
  const pending = [...account.pending, change].sort((a, b) => a.version - b.version).slice(-MAX_PENDING);
  // The count and sync state can show already when nothing else is known yet.
  return { ...account, pending, ...(account.version === null ? { status: statusOf(change) } : {}) };
}

export function isStale(account: AccountMail | undefined): boolean {
  return account !== undefined && account.version !== null && account.pending.length > 0;
}

/** A local (optimistic) edit of one message's flags. */
export function patchAccount(account: AccountMail, id: string, patch: FlagPatch): AccountMail {
  const message = account.messages.get(id);
  if (!message) return account;
  return { ...account, messages: new Map(account.messages).set(id, { ...message, ...patch }) };
}
