/**
 * "Do not disturb" and the local wall clock it is read on, as pure functions (Intl only: no Node, no zod), so
 * the main process (notification rules, tray) and the settings page give the same answer: when "until
 * tomorrow" ends, and how the time left is said.
 */
import type { Settings } from './ipc-contract.js';

/** "Until tomorrow" ends at this local hour (the next morning). */
export const DND_MORNING_HOUR = 8;
/** Before this local hour, "until tomorrow" means this morning at DND_MORNING_HOUR (it is still night). */
const NIGHT_ENDS_HOUR = 4;

/** The clock and the place: injected so the rules are testable at any instant in any time zone. */
export interface LocalClock {
  now: number;
  /** IANA time zone (e.g. `Europe/London`); the system's when omitted. */
  timeZone?: string;
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

/**
 * How long "do not disturb" still lasts, for saying it in any language: until turned off, a number of
 * minutes (up to 90), or until a local time (`HH:MM`) today or tomorrow. Null when it is off.
 */
export type DoNotDisturbRemaining =
  | { kind: 'until-turned-off' }
  | { kind: 'minutes'; minutes: number }
  | { kind: 'until'; time: string; tomorrow: boolean };

export function doNotDisturbRemaining(dnd: Settings['doNotDisturb'], clock: LocalClock): DoNotDisturbRemaining | null {
  if (!doNotDisturbActive(dnd, clock.now) || dnd === null) return null;
  if (dnd.until === null) return { kind: 'until-turned-off' };
  const minutes = Math.max(1, Math.ceil((dnd.until - clock.now) / 60_000));
  if (minutes <= 90) return { kind: 'minutes', minutes };
  const wall = wallClock(dnd.until, clock.timeZone);
  const time = `${String(wall.hour).padStart(2, '0')}:${String(wall.minute).padStart(2, '0')}`;
  const today = wallClock(clock.now, clock.timeZone);
  const sameDay = today.year === wall.year && today.month === wall.month && today.day === wall.day;
  return { kind: 'until', time, tomorrow: !sameDay };
}

/** "Do not disturb" as English words (logs and tests), e.g. `until 08:00` or `for 42 more minutes`. */
export function describeDoNotDisturb(dnd: Settings['doNotDisturb'], clock: LocalClock): string | null {
  const remaining = doNotDisturbRemaining(dnd, clock);
  if (remaining === null) return null;
  switch (remaining.kind) {
    case 'until-turned-off':
      return 'until you turn it off';
    case 'minutes':
      return remaining.minutes === 1 ? 'for 1 more minute' : `for ${remaining.minutes} more minutes`;
    case 'until':
      return remaining.tomorrow ? `until ${remaining.time} tomorrow` : `until ${remaining.time}`;
  }
}
