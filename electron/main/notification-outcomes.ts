/**
 * What happens after `notification.show()`. macOS shows the Dock badge only once the person has allowed
 * notifications, and asks only when the first notification is shown: so the badge is re-applied when a
 * notification is shown, and Glance asks once, at first start. Unsigned macOS builds (and a person who
 * said no) get `failed` for every notification: logged once with what to do, not once per message.
 */
import type { Logger } from '../core/logging.js';

export interface NotificationOutcomes {
  /** A notification reached the screen: permission is granted, so the badge can show now. */
  shown(): void;
  failed(error: string): void;
  /** Failures so far (for the log and tests). */
  failures(): number;
}

export function trackNotificationOutcomes(options: {
  platform: NodeJS.Platform;
  reapplyBadge: () => void;
  logger: Pick<Logger, 'warn' | 'debug'>;
}): NotificationOutcomes {
  let failures = 0;
  return {
    shown: () => options.reapplyBadge(),
    failed(error) {
      failures += 1;
      if (failures > 1) {
        options.logger.debug('Notification not shown', { error });
        return;
      }
      options.logger.warn(
        options.platform === 'darwin'
          ? 'macOS did not show a notification: allow Glance in System Settings → Notifications (unsigned builds cannot notify; the Dock badge needs the same permission)'
          : 'The system did not show a notification: check that notifications are allowed for Glance',
        { error },
      );
    },
    failures: () => failures,
  };
}

/** macOS: ask for notification permission once, at first start, so the Dock badge can show. */
export function shouldAskNotificationPermission(options: {
  platform: NodeJS.Platform;
  notificationsEnabled: boolean;
  alreadyAsked: boolean;
}): boolean {
  return options.platform === 'darwin' && options.notificationsEnabled && !options.alreadyAsked;
}

export const PERMISSION_PRIMER = {
  title: 'Glance is ready',
  body: 'New mail will appear here, and your unread count on the Dock icon.',
} as const;
