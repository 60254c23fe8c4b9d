import { useEffect, useRef } from 'react';
import type { MailboxStatus } from '../../../electron/shared/ipc-contract.js';
import { i18n } from '../i18n/i18n.js';
import type { ToastApi } from './useToasts.js';

/** What the person reads when actions that waited for Google were dropped: their messages were deleted in Gmail. */
export function droppedNotice(count: number, email: string | null): { text: string; detail: string } {
  return {
    text: email
      ? i18n.t('inbox:actions.droppedForAccount', { count, email })
      : i18n.t('inbox:actions.dropped', { count }),
    detail: i18n.t('inbox:actions.droppedDetail', { count }),
  };
}

/**
 * Tells the person once when an account's waiting actions were dropped (the core's `droppedActions` only
 * grows; each increase is one note).
 */
export function useDroppedActionNotes(
  statuses: ReadonlyArray<MailboxStatus | null>,
  toasts: Pick<ToastApi, 'pushToast'>,
  emailOf: (accountId: string) => string | undefined,
  severalAccounts: boolean,
): void {
  const told = useRef(new Map<string, number>());
  const { pushToast } = toasts;
  useEffect(() => {
    for (const status of statuses) {
      if (!status) continue;
      const dropped = status.droppedActions;
      const before = told.current.get(status.accountId) ?? 0;
      if (dropped <= before) continue;
      told.current.set(status.accountId, dropped);
      const notice = droppedNotice(dropped - before, severalAccounts ? (emailOf(status.accountId) ?? null) : null);
      pushToast({ kind: 'info', ...notice });
    }
  }, [statuses, pushToast, emailOf, severalAccounts]);
}
