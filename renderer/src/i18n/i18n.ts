/**
 * The window's language. The main process resolves it (Settings → Language, else the system's languages) and
 * puts it in the page address (`?lang=de&system=de-AT,en`); a page opened without one (tests) follows the
 * browser's languages. The page's `lang` and `dir` follow it, so a right-to-left language mirrors the layout.
 */
import { initReactI18next } from 'react-i18next';
import { createI18n, switchLocale } from '../../../electron/shared/i18n/create-i18n.js';
import {
  directionOf,
  isGlanceLocale,
  localeForChoice,
  resolveLocale,
  SHIPPED_LOCALES,
  type GlanceLocale,
  type LanguageChoice,
} from '../../../electron/shared/i18n/locales.js';

function localeFromPage(): { locale: GlanceLocale; systemLanguages: string[] } {
  const params = typeof location === 'undefined' ? new URLSearchParams() : new URLSearchParams(location.search);
  const systemLanguages =
    params
      .get('system')
      ?.split(',')
      .filter((tag) => tag.length > 0) ?? (typeof navigator === 'undefined' ? [] : [...navigator.languages]);
  const asked = params.get('lang');
  return { locale: asked && isGlanceLocale(asked) ? asked : resolveLocale(systemLanguages), systemLanguages };
}

const initial = localeFromPage();

export const i18n = createI18n(initial.locale, [initReactI18next]);
applyToDocument(initial.locale);

function applyToDocument(locale: GlanceLocale): void {
  if (typeof document === 'undefined') return;
  document.documentElement.lang = locale;
  document.documentElement.dir = directionOf(locale);
}

/** The locale every `Intl` formatter in the window uses (dates, numbers, sizes). */
export function currentLocale(): string {
  return i18n.language;
}

/** Follows Settings → Language while the window is open. */
export async function applyLanguageChoice(choice: LanguageChoice): Promise<void> {
  const locale = localeForChoice(choice, initial.systemLanguages);
  // A pseudo-locale from the address (tests) stays until the person picks a language.
  const next = choice === 'system' && !isShipped(initial.locale) ? initial.locale : locale;
  if (next === i18n.language) return;
  await switchLocale(i18n, next);
  applyToDocument(next);
}

function isShipped(locale: GlanceLocale): boolean {
  return (SHIPPED_LOCALES as readonly string[]).includes(locale);
}

/** The language "System language" stands for in Settings → Language (the system's first one Glance speaks). */
export function systemLocale(): GlanceLocale {
  return resolveLocale(initial.systemLanguages);
}
