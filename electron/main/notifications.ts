/**
 * New-mail notifications from `mailbox:changed` events: only the change's `arrivedIds` (new mail, not mail
 * that entered the list by scrolling or a resync) that the person's rules allow (notification-policy.ts),
 * one per message (sender + subject, with Archive and Mark as read) when a few arrive, one grouped
 * notification when many do. Clicking opens the message in its account (`message:show`).
 */
import type { MailboxChange, MessageSummary } from '../shared/ipc-contract.js';
import { t } from './i18n.js';
import { mayAnnounce, type AnnounceContext } from './notification-policy.js';

/** What a button on a one-message notification does (the core's modify for that message's account). */
export const NOTIFICATION_ACTIONS = ['archive', 'markRead'] as const;
export type NotificationAction = (typeof NOTIFICATION_ACTIONS)[number];
/** A button's text, in the main process's language. */
export function notificationActionLabel(action: NotificationAction): string {
  return action === 'archive' ? t('notification.archive') : t('notification.markRead');
}

export interface PlannedNotification {
  title: string;
  body: string;
  /** What a click opens: the message, or for a group the newest message. */
  target: { accountId: string; messageId: string };
  /** Buttons, for one message only: a grouped notification is never archived blindly. */
  actions: readonly NotificationAction[];
}

/** Above this many new messages at once, one grouped notification instead of one each. */
export const MAX_SEPARATE_NOTIFICATIONS = 3;

const MAX_SUBJECT = 140;

function senderName(message: MessageSummary): string {
  return message.from.name.trim() || message.from.address.trim() || t('notification.unknownSender');
}

function shorten(text: string, max: number): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  return clean.length > max ? `${clean.slice(0, max - 1)}…` : clean;
}

export interface NotificationContext extends AnnounceContext {
  /** The person is looking at the Glance window: the list updates in front of them, no pop-up needed. */
  windowFocused: boolean;
}

export function planNotifications(
  change: Pick<MailboxChange, 'accountId' | 'added' | 'arrivedIds' | 'arrivedLabelIds'>,
  context: NotificationContext,
): PlannedNotification[] {
  if (context.windowFocused) return [];
  const { accountId } = change;
  const arrived = new Set(change.arrivedIds);
  const fresh = change.added
    .filter(
      (message) =>
        arrived.has(message.id) &&
        message.unread &&
        message.inInbox &&
        mayAnnounce(
          { accountId: message.accountId, date: message.date, labelIds: change.arrivedLabelIds?.[message.id] },
          context,
        ),
    )
    .sort((a, b) => b.date - a.date);
  const newest = fresh[0];
  if (!newest) return [];
  if (fresh.length <= MAX_SEPARATE_NOTIFICATIONS) {
    return fresh.map((message) => ({
      title: shorten(senderName(message), 80),
      body: shorten(message.subject, MAX_SUBJECT) || t('notification.noSubject'),
      target: { accountId: message.accountId, messageId: message.id },
      actions: NOTIFICATION_ACTIONS,
    }));
  }
  const senders = [...new Set(fresh.map(senderName))];
  const named = senders.slice(0, 2).join(', ');
  const others = senders.length - 2;
  return [
    {
      title: t('notification.groupTitle', { count: fresh.length }),
      body:
        others > 0
          ? t('notification.groupFromAndOthers', { names: named, others })
          : t('notification.groupFrom', { names: named }),
      target: { accountId, messageId: newest.id },
      actions: [],
    },
  ];
}

/**
 * Electron's `actions` for a notification on this platform. macOS shows them (on hover; always with the
 * "Alerts" style; only for a signed app). Windows gets its buttons from the toast XML (windows-toast.ts), so
 * that they work from the Action Center. Electron has no notification buttons on Linux: click only.
 */
export function platformButtons(
  platform: NodeJS.Platform,
  actions: readonly NotificationAction[],
): Array<{ type: 'button'; text: string }> {
  if (platform !== 'darwin') return [];
  return actions.map((action) => ({ type: 'button', text: notificationActionLabel(action) }));
}

/** The action of the button Electron reports pressed (`actionIndex`), or null for an index it does not know. */
export function pressedAction(actions: readonly NotificationAction[], actionIndex: number): NotificationAction | null {
  return actions[actionIndex] ?? null;
}
