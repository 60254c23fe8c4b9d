/**
 * What happens after `notification.show()`. macOS shows the Dock badge only once the person has allowed
 * notifications, and asks only when the first notification is shown: so the badge is re-applied when a
 * notification is shown, and Glance asks once, at first start. Unsigned macOS builds (and a person who
 * said no) get `failed` for every notification: logged once with what to do, not once per message.
 */
import type { Logger } from '../core/logging.js';
import type { TestNotificationResult } from '../shared/ipc-contract.js';
import { t } from './i18n.js';

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

/** What a notification says: its title and text. */
export interface NotificationContent {
  title: string;
  body: string;
}

/** macOS's first notification, which makes macOS ask for permission (in the main process's language). */
export function permissionPrimer(): NotificationContent {
  return { title: t('notification.primerTitle', { appName: 'Glance' }), body: t('notification.primerBody') };
}

/** The part of Electron's Notification a test notification needs. */
export interface NotificationLike {
  once(event: 'show', listener: () => void): unknown;
  once(event: 'failed', listener: (event: unknown, error: string) => void): unknown;
  show(): void;
}

export function testNotificationContent(): NotificationContent {
  return { title: t('notification.testTitle', { appName: 'Glance' }), body: t('notification.testBody') };
}

/** How long the system may take to say whether it showed the test notification. */
export const TEST_NOTIFICATION_TIMEOUT_MS = 5_000;

/** What to do when the system did not show the notification, per platform. */
export function permissionHelp(platform: NodeJS.Platform): string {
  if (platform === 'darwin') return t('notification.helpMac');
  if (platform === 'win32') return t('notification.helpWindows');
  return t('notification.helpLinux');
}

/**
 * "Send a test notification": shows one and reports what the system said — `show` (it was shown),
 * `failed` (refused: not allowed, or an unsigned macOS build), or nothing within the time-out.
 */
export function sendTestNotification(options: {
  platform: NodeJS.Platform;
  isSupported: () => boolean;
  create: (content: NotificationContent) => NotificationLike;
  /** Schedules the time-out; returns its cancel function. */
  schedule: (callback: () => void, ms: number) => () => void;
  timeoutMs?: number;
}): Promise<TestNotificationResult> {
  if (!options.isSupported()) {
    return Promise.resolve({
      outcome: 'unsupported',
      message: t('notification.testUnsupported', { help: permissionHelp(options.platform) }),
    });
  }
  return new Promise((resolve) => {
    let settled = false;
    let cancelTimeout: () => void = () => {};
    const settle = (result: TestNotificationResult) => {
      if (settled) return;
      settled = true;
      cancelTimeout();
      resolve(result);
    };
    const notification = options.create(testNotificationContent());
    notification.once('show', () => settle({ outcome: 'shown', message: t('notification.testShown') }));
    notification.once('failed', () =>
      settle({ outcome: 'failed', message: t('notification.testFailed', { help: permissionHelp(options.platform) }) }),
    );
    cancelTimeout = options.schedule(
      () =>
        settle({
          outcome: 'no-answer',
          message: t('notification.testNoAnswer', { help: permissionHelp(options.platform) }),
        }),
      options.timeoutMs ?? TEST_NOTIFICATION_TIMEOUT_MS,
    );
    try {
      notification.show();
    } catch {
      settle({ outcome: 'failed', message: t('notification.testFailed', { help: permissionHelp(options.platform) }) });
    }
  });
}
