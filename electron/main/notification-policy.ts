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
import {
  DEFAULT_ACCOUNT_NOTIFICATIONS,
  type AccountNotificationSettings,
  type QuietHours,
  type Settings,
} from '../shared/ipc-contract.js';

/** Gmail's Primary tab: the category label Gmail puts on personal mail. */
export const PRIMARY_CATEGORY_LABEL = 'CATEGORY_PERSONAL';

/**
 * Only mail whose date (Gmail's internalDate: when Gmail received it) is at most this old is announced.
 * 15 minutes covers a poll interval of up to ten minutes plus a slow sync; longer polls get two intervals
 * (see recentWindowMs).
 */
export const RECENT_MAIL_WINDOW_MS = 15 * 60 * 1000;

/** "Until tomorrow" ends at this local hour (the next morning). */
export const DND_MORNING_HOUR = 8;
/** Before this local hour, "until tomorrow" means this morning at DND_MORNING_HOUR (it is still night). */
const NIGHT_ENDS_HOUR = 4;

export type NotificationSettings = Pick<
  Settings,
  'notifications' | 'accountNotifications' | 'quietHours' | 'doNotDisturb'
>;

/** The clock and the place: injected so the rules are testable at any instant in any time zone. */
export interface LocalClock {
  now: number;
  /** IANA time zone (e.g. `Europe/London`); the system's when omitted. */
  timeZone?: string;
}

/** How old new mail may be and still be announced: the fixed window, or two poll intervals if longer. */
export function recentWindowMs(pollSeconds: number): number {
  return Math.max(RECENT_MAIL_WINDOW_MS, 2 * pollSeconds * 1000);
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function partsFormatter(timeZone: string | undefined): Intl.DateTimeFormat {
  const key = timeZone ?? '';
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      ...(timeZone ? { timeZone } : {}),
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(key, formatter);
  }
  return formatter;
}

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function wallClock(at: number, timeZone: string | undefined): WallClock {
  const parts: Record<string, number> = {};
  for (const part of partsFormatter(timeZone).formatToParts(new Date(at))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return {
    year: parts.year ?? 1970,
    month: parts.month ?? 1,
    day: parts.day ?? 1,
    hour: (parts.hour ?? 0) % 24,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
  };
}

/** Minutes since local midnight at `at` (the wall clock, so daylight-saving changes are followed). */
export function localMinuteOfDay(at: number, timeZone?: string): number {
  const wall = wallClock(at, timeZone);
  return wall.hour * 60 + wall.minute;
}

/** The instant the local wall clock shows `wall` (the earlier one if it shows it twice, the next if never). */
function instantOf(wall: Omit<WallClock, 'second'>, timeZone: string | undefined): number {
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute);
  // The zone's offset at a guess, then again at the corrected guess (enough for any real offset change).
  let guess = asUtc;
  for (let i = 0; i < 2; i += 1) {
    const seen = wallClock(guess, timeZone);
    const seenAsUtc = Date.UTC(seen.year, seen.month - 1, seen.day, seen.hour, seen.minute, seen.second);
    guess = asUtc - (seenAsUtc - guess);
  }
  return guess;
}

/** Inside the quiet-hours schedule at `at`: start inclusive, end exclusive; `end < start` spans midnight. */
export function inQuietHours(quiet: QuietHours, at: number, timeZone?: string): boolean {
  if (!quiet.enabled || quiet.startMinute === quiet.endMinute) return false;
  const minute = localMinuteOfDay(at, timeZone);
  return quiet.startMinute < quiet.endMinute
    ? minute >= quiet.startMinute && minute < quiet.endMinute
    : minute >= quiet.startMinute || minute < quiet.endMinute;
}

/** Do not disturb is on at `now`: set, and either until turned off or not yet expired (it ends by itself). */
export function doNotDisturbActive(dnd: Settings['doNotDisturb'], now: number): boolean {
  return dnd !== null && (dnd.until === null || now < dnd.until);
}

export type DoNotDisturbChoice = 'hour' | 'tomorrow' | 'off-manually';

/**
 * The setting for a "do not disturb" choice made at `now`. `tomorrow` ends at DND_MORNING_HOUR local time
 * on the next morning: today's if it is still night (before 04:00), otherwise the next calendar day's.
 */
export function doNotDisturbFor(choice: DoNotDisturbChoice, clock: LocalClock): NonNullable<Settings['doNotDisturb']> {
  if (choice === 'hour') return { until: clock.now + 60 * 60 * 1000 };
  if (choice === 'off-manually') return { until: null };
  const wall = wallClock(clock.now, clock.timeZone);
  const day = new Date(Date.UTC(wall.year, wall.month - 1, wall.day + (wall.hour < NIGHT_ENDS_HOUR ? 0 : 1)));
  return {
    until: instantOf(
      {
        year: day.getUTCFullYear(),
        month: day.getUTCMonth() + 1,
        day: day.getUTCDate(),
        hour: DND_MORNING_HOUR,
        minute: 0,
      },
      clock.timeZone,
    ),
  };
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

/** "Do not disturb" as words for the tray and the settings page, e.g. `until 08:00` or `for 42 more minutes`. */
export function describeDoNotDisturb(dnd: Settings['doNotDisturb'], clock: LocalClock): string | null {
  if (!doNotDisturbActive(dnd, clock.now) || dnd === null) return null;
  if (dnd.until === null) return 'until you turn it off';
  const minutes = Math.max(1, Math.ceil((dnd.until - clock.now) / 60_000));
  if (minutes <= 90) return minutes === 1 ? 'for 1 more minute' : `for ${minutes} more minutes`;
  const wall = wallClock(dnd.until, clock.timeZone);
  const time = `${String(wall.hour).padStart(2, '0')}:${String(wall.minute).padStart(2, '0')}`;
  const today = wallClock(clock.now, clock.timeZone);
  const sameDay = today.year === wall.year && today.month === wall.month && today.day === wall.day;
  return sameDay ? `until ${time}` : `until ${time} tomorrow`;
}
