import { useEffect, useRef } from 'react';
import type { EventPayloads, MessageAction } from '../../../electron/shared/ipc-contract.js';
import { i18n } from '../i18n/i18n.js';
import { asIpcError, unwrap } from '../shared/errors.js';
import type { ToastApi } from './useToasts.js';

const UNDO: Partial<Record<MessageAction, MessageAction>> = { archive: 'unarchive', markRead: 'markUnread' };

/** What the window says after a notification's button changed mail. */
export function notificationActionNotice(change: EventPayloads['action:fromNotification']): string {
  return change.outcome === 'queued'
    ? i18n.t('inbox:actions.fromNotificationQueued', { action: change.action })
    : i18n.t('inbox:actions.fromNotification', { action: change.action });
}

/**
 * A notification's Archive or Mark as read shows here with Undo, like the same action taken in the window.
 * The list itself follows from the core's mailbox changes; Undo is the opposite action through the same
 * journaled call.
 */
export function useNotificationActions(toasts: Pick<ToastApi, 'pushToast' | 'showError'>): void {
  const toastsRef = useRef(toasts);
  useEffect(() => {
    toastsRef.current = toasts;
  });
  useEffect(
    () =>
      window.glance.on('action:fromNotification', (change) => {
        const opposite = UNDO[change.action];
        const undo = () => {
          if (!opposite) return;
          unwrap(window.glance.messages.modify(change.accountId, change.messageIds, opposite)).catch(
            (thrown: unknown) => toastsRef.current.showError(i18n.t('inbox:actions.undoFailed'), asIpcError(thrown)),
          );
        };
        toastsRef.current.pushToast(
          {
            kind: 'info',
            text: notificationActionNotice(change),
            ...(opposite ? { action: { label: i18n.t('inbox:toasts.undo'), run: undo, undo: true } } : {}),
          },
          10_000,
        );
      }),
    [],
  );
}
