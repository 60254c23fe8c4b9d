import type { Settings } from '../../../electron/shared/ipc-contract.js';
import { i18n } from '../i18n/i18n.js';

/** Each setting as the settings page names it, in the window's language (for the notice that says which were reset). */
export function settingLabel(field: keyof Settings): string {
  return i18n.t(`settings:settingNames.${field}`);
}

// Every field once: a setting added to the contract fails the typecheck here until it has a name.
const NAMED: Record<keyof Settings, true> = {
  markReadOnOpen: true,
  notifications: true,
  pollSeconds: true,
  launchAtLogin: true,
  remoteImages: true,
  remoteContentSenders: true,
  trustedLinkDomains: true,
  accountNotifications: true,
  quietHours: true,
  doNotDisturb: true,
  theme: true,
  listMode: true,
  language: true,
};
const SETTING_FIELDS = Object.keys(NAMED) as Array<keyof Settings>;

/**
 * The same names as a record, read in the window's language at the moment each is read (so a notice shown
 * after a language switch names them in the new language).
 */
export const SETTING_LABELS: Readonly<Record<keyof Settings, string>> = Object.defineProperties(
  {} as Record<keyof Settings, string>,
  Object.fromEntries(
    SETTING_FIELDS.map((field) => [field, { enumerable: true, get: () => settingLabel(field) }]),
  ) as PropertyDescriptorMap,
);

/** How often Glance checks, as offered (seconds); a value set some other way is offered too. */
export const POLL_CHOICES = [60, 120, 300, 600, 900, 1800, 3600] as const;

/** "5 minutes", "45 seconds": whole minutes as minutes, anything else as seconds (plural rules per language). */
export function pollLabel(seconds: number): string {
  if (seconds % 60 !== 0) return i18n.t('settings:poll.seconds', { seconds });
  return i18n.t('settings:poll.minutes', { minutes: seconds / 60 });
}

/** Until the settings arrive the reader asks, as DEFAULT_SETTINGS does (the renderer has the contract's types only). */
export const DEFAULT_REMOTE_IMAGES: Settings['remoteImages'] = 'ask';
