/**
 * Windows notifications that still work from the Action Center. A toast clicked after its Notification
 * object is gone (timed out into the Action Center, garbage-collected, or from an earlier run) reaches
 * only `Notification.handleActivation`, with the toast's `launch` string. So Glance writes its own toast
 * XML whose `launch` names the message, and the activation handler opens it.
 */
import type { PlannedNotification } from './notifications.js';

/** A fixed Toast Activator CLSID, so activations reach Glance across restarts (Electron picks a random one per run otherwise). */
export const TOAST_ACTIVATOR_CLSID = '{6C1E4B5A-3F7D-4E0B-9A52-2D8F1C7B9E34}';

const LAUNCH_PREFIX = 'glance-open-message';

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

export function toastXmlFor(notification: PlannedNotification): string {
  return [
    `<toast launch="${escapeXml(toastLaunchArgument(notification.target))}" activationType="foreground">`,
    '<visual><binding template="ToastGeneric">',
    `<text>${escapeXml(notification.title)}</text>`,
    `<text>${escapeXml(notification.body)}</text>`,
    '</binding></visual>',
    '</toast>',
  ].join('');
}

/** What a toast activation asks for: a message to open, or (anything else) just the window. */
export function parseToastLaunch(launch: string | undefined): PlannedNotification['target'] | null {
  if (!launch?.startsWith(`${LAUNCH_PREFIX}?`)) return null;
  const params = new URLSearchParams(launch.slice(LAUNCH_PREFIX.length + 1));
  const accountId = params.get('account');
  const messageId = params.get('message');
  return accountId && messageId ? { accountId, messageId } : null;
}
