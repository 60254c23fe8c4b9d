/**
 * Every message catalogue, by locale and namespace. A namespace is one part of the app (its own file per
 * language), so translators and reviewers see one screen's words together.
 */
import enAccounts from './locales/en/accounts.json';
import enApp from './locales/en/app.json';
import enCommon from './locales/en/common.json';
import enErrors from './locales/en/errors.json';
import enInbox from './locales/en/inbox.json';
import enKeyboard from './locales/en/keyboard.json';
import enMain from './locales/en/main.json';
import enNetwork from './locales/en/network.json';
import enReader from './locales/en/reader.json';
import enSettings from './locales/en/settings.json';
import enSignin from './locales/en/signin.json';
import deAccounts from './locales/de/accounts.json';
import deApp from './locales/de/app.json';
import deCommon from './locales/de/common.json';
import deErrors from './locales/de/errors.json';
import deInbox from './locales/de/inbox.json';
import deKeyboard from './locales/de/keyboard.json';
import deMain from './locales/de/main.json';
import deNetwork from './locales/de/network.json';
import deReader from './locales/de/reader.json';
import deSettings from './locales/de/settings.json';
import deSignin from './locales/de/signin.json';
import type { GlanceLocale } from './locales.js';
import { accentedPseudo, pseudoCatalogue, rightToLeftPseudo, type Catalogue } from './pseudo.js';

export const ENGLISH = {
  accounts: enAccounts,
  app: enApp,
  common: enCommon,
  errors: enErrors,
  inbox: enInbox,
  keyboard: enKeyboard,
  main: enMain,
  network: enNetwork,
  reader: enReader,
  settings: enSettings,
  signin: enSignin,
};

export type Namespace = keyof typeof ENGLISH;
export const NAMESPACES = Object.keys(ENGLISH) as Namespace[];

/** German: the same keys as English (a unit test compares them). */
export const GERMAN: Record<Namespace, Catalogue> = {
  accounts: deAccounts,
  app: deApp,
  common: deCommon,
  errors: deErrors,
  inbox: deInbox,
  keyboard: deKeyboard,
  main: deMain,
  network: deNetwork,
  reader: deReader,
  settings: deSettings,
  signin: deSignin,
};

function pseudoFromEnglish(transform: (message: string) => string): Record<Namespace, Catalogue> {
  const out = {} as Record<Namespace, Catalogue>;
  for (const namespace of NAMESPACES) out[namespace] = pseudoCatalogue(ENGLISH[namespace], transform);
  return out;
}

/** The catalogues of one locale (pseudo-locales are generated on first use). */
export function cataloguesFor(locale: GlanceLocale): Record<Namespace, Catalogue> {
  switch (locale) {
    case 'en':
      return ENGLISH;
    case 'de':
      return GERMAN;
    case 'en-XA':
      return pseudoFromEnglish(accentedPseudo);
    case 'ar-XB':
      return pseudoFromEnglish(rightToLeftPseudo);
  }
}
