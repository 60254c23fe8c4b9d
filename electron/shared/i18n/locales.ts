/**
 * Which languages Glance speaks and how one is chosen. Pure: the main process (menus, tray, notifications,
 * dialogs) and the renderer resolve the same locale from the same inputs.
 */

/** Languages shipped complete: every key of every namespace is translated (a unit test checks it). */
export const SHIPPED_LOCALES = ['en', 'de'] as const;
/**
 * Test languages, generated from English at start (never shipped to people as a choice):
 * `en-XA` accents and brackets every catalogue string, so a visible string without brackets did not come from
 * a catalogue; `ar-XB` writes every catalogue string in Arabic letters, right to left, to check the mirrored
 * layout. The names follow Chromium's pseudo-locales.
 */
export const PSEUDO_LOCALES = ['en-XA', 'ar-XB'] as const;

export type ShippedLocale = (typeof SHIPPED_LOCALES)[number];
export type PseudoLocale = (typeof PSEUDO_LOCALES)[number];
export type GlanceLocale = ShippedLocale | PseudoLocale;

/** The person's choice in Settings: follow the system, or one shipped language. */
export type LanguageChoice = 'system' | ShippedLocale;

export const FALLBACK_LOCALE: ShippedLocale = 'en';

const RIGHT_TO_LEFT_LANGUAGES = new Set(['ar', 'he', 'fa', 'ur', 'ps', 'sd', 'ug', 'yi', 'dv', 'ku', 'ckb']);

export function isGlanceLocale(value: string): value is GlanceLocale {
  return (
    (SHIPPED_LOCALES as readonly string[]).includes(value) || (PSEUDO_LOCALES as readonly string[]).includes(value)
  );
}

/**
 * The first of the person's preferred languages (most preferred first, BCP 47 tags such as `de-AT`) that
 * Glance speaks; English when none. A pseudo-locale is chosen only by its exact tag.
 */
export function resolveLocale(preferred: readonly string[]): GlanceLocale {
  for (const tag of preferred) {
    const exact = PSEUDO_LOCALES.find((pseudo) => pseudo.toLowerCase() === tag.toLowerCase());
    if (exact) return exact;
    const language = tag.split(/[-_]/)[0]?.toLowerCase() ?? '';
    const shipped = SHIPPED_LOCALES.find((locale) => locale === language);
    if (shipped) return shipped;
  }
  return FALLBACK_LOCALE;
}

/** The locale for a choice in Settings: the system's languages unless the person picked one. */
export function localeForChoice(choice: LanguageChoice, systemLanguages: readonly string[]): GlanceLocale {
  return choice === 'system' ? resolveLocale(systemLanguages) : choice;
}

/** Writing direction of a locale (for `dir` on the page and mirrored layout). */
export function directionOf(locale: string): 'ltr' | 'rtl' {
  const language = locale.split(/[-_]/)[0]?.toLowerCase() ?? '';
  return RIGHT_TO_LEFT_LANGUAGES.has(language) ? 'rtl' : 'ltr';
}
