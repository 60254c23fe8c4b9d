/**
 * Windows notifications that still work from the Action Center. A toast clicked after its Notification
 * object is gone (timed out into the Action Center, garbage-collected, or from an earlier run) reaches
 * only `Notification.handleActivation`, with the `arguments` string of what was clicked: the toast's
 * `launch`, or a button's `arguments`. So Glance writes its own toast XML whose `launch` names the
 * message and whose buttons (Archive, Mark as read) name the message and the action, and the activation
 * handler opens it or applies the action (without showing the window).
 */
import {
  notificationActionLabel,
  NOTIFICATION_ACTIONS,
  type NotificationAction,
  type PlannedNotification,
} from './notifications.js';

/** A fixed Toast Activator CLSID, so activations reach Glance across restarts (Electron picks a random one per run otherwise). */
export const TOAST_ACTIVATOR_CLSID = '{6C1E4B5A-3F7D-4E0B-9A52-2D8F1C7B9E34}';

const LAUNCH_PREFIX = 'glance-open-message';
const ACTION_PREFIX = 'glance-message-action';

function escapeXml(text: string): string {
  return text.replace(
    /[<>&"']/g,
    (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c] ?? c,
  );
}

export function toastLaunchArgument(target: PlannedNotification['target']): string {
  const params = new URLSearchParams({ account: target.accountId, message: target.messageId });
  return `${LAUNCH_PREFIX}?${params.toString()}`;
}

export function toastActionArgument(target: PlannedNotification['target'], action: NotificationAction): string {
  const params = new URLSearchParams({ account: target.accountId, message: target.messageId, action });
  return `${ACTION_PREFIX}?${params.toString()}`;
}

export function toastXmlFor(
  notification: Pick<PlannedNotification, 'title' | 'body' | 'target'> & Partial<PlannedNotification>,
): string {
  const actions = notification.actions ?? [];
  return [
    `<toast launch="${escapeXml(toastLaunchArgument(notification.target))}" activationType="foreground">`,
    '<visual><binding template="ToastGeneric">',
    `<text>${escapeXml(notification.title)}</text>`,
    `<text>${escapeXml(notification.body)}</text>`,
    '</binding></visual>',
    ...(actions.length > 0
      ? [
          '<actions>',
          // Foreground activation reaches Electron's activator; Glance applies the action without a window.
          ...actions.map(
            (action) =>
              `<action content="${escapeXml(notificationActionLabel(action))}" arguments="${escapeXml(toastActionArgument(notification.target, action))}" activationType="foreground"/>`,
          ),
          '</actions>',
        ]
      : []),
    '</toast>',
  ].join('');
}

function targetOf(params: URLSearchParams): PlannedNotification['target'] | null {
  const accountId = params.get('account');
  const messageId = params.get('message');
  return accountId && messageId ? { accountId, messageId } : null;
}

/** What a toast activation asks for: a message to open, or (anything else) just the window. */
export function parseToastLaunch(launch: string | undefined): PlannedNotification['target'] | null {
  if (!launch?.startsWith(`${LAUNCH_PREFIX}?`)) return null;
  return targetOf(new URLSearchParams(launch.slice(LAUNCH_PREFIX.length + 1)));
}

/** A toast button's activation: the action and its message, or null when the string is not one. */
export function parseToastAction(
  argument: string | undefined,
): { target: PlannedNotification['target']; action: NotificationAction } | null {
  if (!argument?.startsWith(`${ACTION_PREFIX}?`)) return null;
  const params = new URLSearchParams(argument.slice(ACTION_PREFIX.length + 1));
  const target = targetOf(params);
  const action = NOTIFICATION_ACTIONS.find((known) => known === params.get('action'));
  return target && action ? { target, action } : null;
}
