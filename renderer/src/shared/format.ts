/** Dates and sizes the way a mail list shows them: short, in the window's language, exact on hover. */
import { currentLocale, i18n } from '../i18n/i18n.js';

const DAY = 24 * 60 * 60 * 1000;

export function shortDate(epochMs: number, now: number = Date.now()): string {
  const date = new Date(epochMs);
  const today = new Date(now);
  if (sameDay(date, today)) {
    return date.toLocaleTimeString(currentLocale(), { hour: 'numeric', minute: '2-digit' });
  }
  const yesterday = new Date(now - DAY);
  if (sameDay(date, yesterday)) return i18n.t('common:yesterday');
  if (now - epochMs < 6 * DAY && epochMs < now) {
    return date.toLocaleDateString(currentLocale(), { weekday: 'short' });
  }
  if (date.getFullYear() === today.getFullYear()) {
    return date.toLocaleDateString(currentLocale(), { month: 'short', day: 'numeric' });
  }
  return date.toLocaleDateString(currentLocale(), { year: 'numeric', month: 'short', day: 'numeric' });
}

export function exactDate(epochMs: number): string {
  return new Date(epochMs).toLocaleString(currentLocale(), { dateStyle: 'full', timeStyle: 'short' });
}

export function relativeTime(epochMs: number, now: number = Date.now()): string {
  const seconds = Math.round((epochMs - now) / 1000);
  const format = new Intl.RelativeTimeFormat(currentLocale(), { numeric: 'auto' });
  const abs = Math.abs(seconds);
  if (abs < 45) return i18n.t('common:justNow');
  if (abs < 45 * 60) return format.format(Math.round(seconds / 60), 'minute');
  if (abs < 22 * 3600) return format.format(Math.round(seconds / 3600), 'hour');
  return format.format(Math.round(seconds / 86400), 'day');
}

function sameDay(a: Date, b: Date): boolean {
  return a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() && a.getDate() === b.getDate();
}

const SIZE_UNITS = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const;

/** An attachment's size in binary steps (1 KB = 1024 bytes), one decimal below 10: "1.5 MB", German "1,5 MB". */
export function fileSize(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < SIZE_UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const decimals = unit > 0 && value < 10 ? 1 : 0;
  return new Intl.NumberFormat(currentLocale(), {
    style: 'unit',
    unit: SIZE_UNITS[unit],
    unitDisplay: 'short',
    minimumFractionDigits: decimals,
    maximumFractionDigits: decimals,
  }).format(value);
}

export function initialOf(nameOrEmail: string): string {
  const first = nameOrEmail.trim().match(/[\p{L}\p{N}]/u);
  return first ? first[0].toUpperCase() : '?';
}
