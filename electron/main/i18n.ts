/**
 * The main process's language, for everything it shows itself: menus, the tray, notifications and dialogs.
 * Settings → Language picks it (`system`: the system's first language Glance speaks); GLANCE_LOCALE
 * overrides it for tests and screenshots (it may name a pseudo-locale, en-XA or ar-XB). It switches live
 * when the setting changes, and the window opens in the same language: its address carries it.
 */
import type { i18n as I18n, TFunction } from 'i18next';
import { createI18n } from '../shared/i18n/create-i18n.js';
import { FALLBACK_LOCALE, localeForChoice, type GlanceLocale, type LanguageChoice } from '../shared/i18n/locales.js';

export interface LocaleInputs {
  /** Settings → Language. */
  choice: LanguageChoice;
  /** `app.getPreferredSystemLanguages()`: most preferred first. */
  systemLanguages: readonly string[];
  /** GLANCE_LOCALE, when set. */
  forced?: GlanceLocale | undefined;
}

export function mainLocaleFor(inputs: LocaleInputs): GlanceLocale {
  return inputs.forced ?? localeForChoice(inputs.choice, inputs.systemLanguages);
}

let translator: I18n = createI18n(FALLBACK_LOCALE);
let fixed = translator.getFixedT(FALLBACK_LOCALE, 'main');

/** Switches the main process's language; true when it changed (menus and the tray are then rebuilt). */
export function setMainLocale(locale: GlanceLocale): boolean {
  if (locale === translator.language) return false;
  // A fresh translator is ready at once (catalogues are bundled), so a menu built next is in the new language.
  translator = createI18n(locale);
  fixed = translator.getFixedT(locale, 'main');
  return true;
}

export function mainLocale(): GlanceLocale {
  return translator.language as GlanceLocale;
}

/** Translates a key of the `main` catalogue in the main process's current language. */
export const t: TFunction<'main'> = ((...args: unknown[]) =>
  (fixed as unknown as (...rest: unknown[]) => string)(...args)) as unknown as TFunction<'main'>;

/**
 * The page address with its language: `?lang=de&system=de-AT,en` (renderer/src/i18n/i18n.ts reads both, and
 * "System language" in Settings resolves from `system`). With GLANCE_LOCALE, `system` is that locale too, so
 * the window stays in it while the setting says "System language".
 */
export function pageUrlWithLanguage(url: string, inputs: LocaleInputs): string {
  const page = new URL(url);
  page.searchParams.set('lang', mainLocaleFor(inputs));
  page.searchParams.set('system', (inputs.forced ? [inputs.forced] : inputs.systemLanguages).join(','));
  return page.href;
}
