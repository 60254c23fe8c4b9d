import { useEffect, useRef } from 'react';
import type { EventPayloads, MessageAction } from '../../../electron/shared/ipc-contract.js';
import { asIpcError, unwrap } from '../shared/errors.js';
import type { ToastApi } from './useToasts.js';

const UNDO: Partial<Record<MessageAction, MessageAction>> = { archive: 'unarchive', markRead: 'markUnread' };
const DONE: Partial<Record<MessageAction, string>> = { archive: 'Archived', markRead: 'Marked as read' };

/** What the window says after a notification's button changed mail. */
export function notificationActionNotice(change: EventPayloads['action:fromNotification']): string {
  const done = DONE[change.action] ?? 'Done';
  return change.outcome === 'queued'
    ? `${done} from a notification — it will reach Gmail when you’re back online`
    : `${done} from a notification`;
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
            (thrown: unknown) => toastsRef.current.showError('Couldn’t undo', asIpcError(thrown)),
          );
        };
        toastsRef.current.pushToast(
          {
            kind: 'info',
            text: notificationActionNotice(change),
            ...(opposite ? { action: { label: 'Undo', run: undo } } : {}),
          },
          10_000,
        );
      }),
    [],
  );
}
