/**
 * Which new mail may be announced, as pure functions of the settings, the clock and the time zone:
 * the master switch, each account's own switch and rule (all inbox mail, Gmail's Primary category only,
 * or chosen labels), a daily quiet-hours schedule in local time (it may span midnight), and "do not
 * disturb" (for an hour, until the next morning, or until turned off; it ends by itself).
 *
 * Mail is never announced late: a message dated inside quiet hours or do not disturb is not announced
 * when they end, and a message older than RECENT_MAIL_WINDOW_MS is not announced at all. That second rule
 * is what keeps start-up, waking from sleep and coming back online quiet: the core reports as "arrived"
 * everything Gmail's history lists since the last successful sync, which after a night away can be
 * hundreds of messages that were already there when the person last looked.
 */
import { doNotDisturbActive, localMinuteOfDay, type LocalClock } from '../shared/do-not-disturb.js';
import {
  DEFAULT_ACCOUNT_NOTIFICATIONS,
  type AccountNotificationSettings,
  type QuietHours,
  type Settings,
} from '../shared/ipc-contract.js';

// Do not disturb and the local clock are shared with the settings page (electron/shared/do-not-disturb.ts).
export {
  describeDoNotDisturb,
  DND_MORNING_HOUR,
  doNotDisturbActive,
  doNotDisturbFor,
  localMinuteOfDay,
  type DoNotDisturbChoice,
  type LocalClock,
} from '../shared/do-not-disturb.js';

/** Gmail's Primary tab: the category label Gmail puts on personal mail. */
export const PRIMARY_CATEGORY_LABEL = 'CATEGORY_PERSONAL';

/**
 * Only mail whose date (Gmail's internalDate: when Gmail received it) is at most this old is announced.
 * 15 minutes covers a poll interval of up to ten minutes plus a slow sync; longer polls get two intervals
 * (see recentWindowMs).
 */
export const RECENT_MAIL_WINDOW_MS = 15 * 60 * 1000;

export type NotificationSettings = Pick<
  Settings,
  'notifications' | 'accountNotifications' | 'quietHours' | 'doNotDisturb'
>;

/** How old new mail may be and still be announced: the fixed window, or two poll intervals if longer. */
export function recentWindowMs(pollSeconds: number): number {
  return Math.max(RECENT_MAIL_WINDOW_MS, 2 * pollSeconds * 1000);
}

/** Inside the quiet-hours schedule at `at`: start inclusive, end exclusive; `end < start` spans midnight. */
export function inQuietHours(quiet: QuietHours, at: number, timeZone?: string): boolean {
  if (!quiet.enabled || quiet.startMinute === quiet.endMinute) return false;
  const minute = localMinuteOfDay(at, timeZone);
  return quiet.startMinute < quiet.endMinute
    ? minute >= quiet.startMinute && minute < quiet.endMinute
    : minute >= quiet.startMinute || minute < quiet.endMinute;
}

/** Why nothing of an account is announced now (null: announcements are allowed). */
export type Muted = 'off' | 'quiet-hours' | 'do-not-disturb' | null;

/** Whether notifications are muted for everything at `clock.now`. */
export function mutedNow(settings: NotificationSettings, clock: LocalClock): Muted {
  if (!settings.notifications) return 'off';
  if (doNotDisturbActive(settings.doNotDisturb, clock.now)) return 'do-not-disturb';
  if (inQuietHours(settings.quietHours, clock.now, clock.timeZone)) return 'quiet-hours';
  return null;
}

export function accountRule(settings: NotificationSettings, accountId: string): AccountNotificationSettings {
  return settings.accountNotifications[accountId] ?? DEFAULT_ACCOUNT_NOTIFICATIONS;
}

/**
 * The account's "which mail" rule for one message. `labelIds` undefined means unknown (an older core):
 * only the all-inbox rule can then match, because the person asked for less.
 */
export function matchesAccountRule(
  rule: AccountNotificationSettings,
  labelIds: readonly string[] | undefined,
): boolean {
  if (!rule.enabled) return false;
  if (rule.which === 'inbox') return true;
  if (!labelIds) return false;
  if (rule.which === 'primary') return labelIds.includes(PRIMARY_CATEGORY_LABEL);
  return rule.labelIds.some((label) => labelIds.includes(label));
}

export interface Candidate {
  accountId: string;
  /** Epoch ms (Gmail internalDate). */
  date: number;
  labelIds: readonly string[] | undefined;
}

export interface AnnounceContext {
  settings: NotificationSettings;
  clock: LocalClock;
  /** How old mail may be (recentWindowMs of the poll interval). */
  recentMs: number;
  /**
   * Mail dated before this is never announced: the moment do not disturb was last turned off by hand
   * (its end is then no longer in the settings), so what came in during it stays unannounced.
   */
  notBefore?: number;
}

/**
 * May this one new message be announced now? Every rule above: the switch, do not disturb and quiet hours
 * now *and* at the message's own date, the account's rule, and recency.
 */
export function mayAnnounce(message: Candidate, context: AnnounceContext): boolean {
  const { settings, clock } = context;
  if (mutedNow(settings, clock) !== null) return false;
  if (!matchesAccountRule(accountRule(settings, message.accountId), message.labelIds)) return false;
  if (clock.now - message.date > context.recentMs) return false;
  if (context.notBefore !== undefined && message.date < context.notBefore) return false;
  // Arrived while muted, synced after (a sleeping laptop, a slow sync): still not announced.
  const dnd = settings.doNotDisturb;
  if (dnd?.until !== null && dnd?.until !== undefined && message.date < dnd.until) return false;
  if (inQuietHours(settings.quietHours, Math.min(message.date, clock.now), clock.timeZone)) return false;
  return true;
}
