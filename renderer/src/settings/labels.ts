import type { Settings } from '../../../electron/shared/ipc-contract.js';

/** Each setting as the settings page names it, for the notice that says which were reset. */
export const SETTING_LABELS: Record<keyof Settings, string> = {
  markReadOnOpen: 'Mark as read when opened',
  notifications: 'Notifications',
  pollSeconds: 'Check for new mail',
  launchAtLogin: 'Launch at login',
  remoteImages: 'Remote images',
  remoteContentSenders: 'Trusted senders',
  trustedLinkDomains: 'Links opened without asking',
  accountNotifications: 'Notifications per account',
  quietHours: 'Quiet hours',
  doNotDisturb: 'Do not disturb',
  theme: 'Theme',
  listMode: 'Show each message separately',
  language: 'Language',
};

/** How often Glance checks, as offered (seconds); a value set some other way is offered too. */
export const POLL_CHOICES = [60, 120, 300, 600, 900, 1800, 3600] as const;

export function pollLabel(seconds: number): string {
  if (seconds % 60 !== 0) return `${seconds} seconds`;
  const minutes = seconds / 60;
  return minutes === 1 ? '1 minute' : `${minutes} minutes`;
}

/** Until the settings arrive the reader asks, as DEFAULT_SETTINGS does (the renderer has the contract's types only). */
export const DEFAULT_REMOTE_IMAGES: Settings['remoteImages'] = 'ask';
