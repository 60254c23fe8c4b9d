/**
 * One way to make a translator, for the main process and the renderer alike: i18next with ICU messages
 * (`{count, plural, one {# message} other {# messages}}`), the catalogues bundled (no loading at run time),
 * English as the fallback for a key a translation lacks.
 */
import i18next, { type i18n as I18n, type Module } from 'i18next';
import ICU from 'i18next-icu';
import { cataloguesFor, NAMESPACES } from './catalogues.js';
import { FALLBACK_LOCALE, type GlanceLocale } from './locales.js';

export function createI18n(locale: GlanceLocale, plugins: Module[] = []): I18n {
  const instance = i18next.createInstance();
  instance.use(ICU);
  for (const plugin of plugins) instance.use(plugin);
  // Copies: i18next keeps and may change the objects it is given, and the catalogues are shared.
  const resources: Record<string, ReturnType<typeof cataloguesFor>> = {
    [locale]: structuredClone(cataloguesFor(locale)),
  };
  if (locale !== FALLBACK_LOCALE) resources[FALLBACK_LOCALE] = structuredClone(cataloguesFor(FALLBACK_LOCALE));
  void instance.init({
    lng: locale,
    fallbackLng: FALLBACK_LOCALE,
    // Pseudo-locale tags are not real languages: use the tag as given, no `en` lookup in between.
    load: 'currentOnly',
    resources,
    ns: NAMESPACES,
    defaultNS: 'common',
    initAsync: false,
    returnNull: false,
    interpolation: { escapeValue: false }, // React escapes; the main process shows plain text
  });
  return instance;
}

/** Adds a locale's catalogues to a translator and switches to it (Settings → Language, live). */
export async function switchLocale(instance: I18n, locale: GlanceLocale): Promise<void> {
  if (!instance.hasResourceBundle(locale, 'common')) {
    const catalogues = cataloguesFor(locale);
    for (const namespace of NAMESPACES)
      instance.addResourceBundle(locale, namespace, structuredClone(catalogues[namespace]));
  }
  await instance.changeLanguage(locale);
}
