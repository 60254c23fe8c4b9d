import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { describe, expect, it } from 'vitest';
import { cataloguesFor, ENGLISH, GERMAN, NAMESPACES } from '../../../electron/shared/i18n/catalogues.js';
import { createI18n } from '../../../electron/shared/i18n/create-i18n.js';
import { directionOf, localeForChoice, resolveLocale } from '../../../electron/shared/i18n/locales.js';
import type { Catalogue } from '../../../electron/shared/i18n/pseudo.js';
import { accentedPseudo, PSEUDO_CLOSE, PSEUDO_OPEN, rightToLeftPseudo } from '../../../electron/shared/i18n/pseudo.js';

function flatKeys(catalogue: Catalogue, prefix = ''): string[] {
  return Object.entries(catalogue).flatMap(([key, value]) =>
    typeof value === 'string' ? [`${prefix}${key}`] : flatKeys(value, `${prefix}${key}.`),
  );
}

describe('choosing the language', () => {
  it('takes the first preferred language Glance ships, by language and not region', () => {
    expect(resolveLocale(['fr-FR', 'de-AT', 'en-US'])).toBe('de');
    expect(resolveLocale(['en-GB', 'de'])).toBe('en');
    expect(resolveLocale(['ja', 'zh-Hans'])).toBe('en');
    expect(resolveLocale([])).toBe('en');
  });

  it('picks a pseudo-locale only by its exact tag', () => {
    expect(resolveLocale(['en-XA'])).toBe('en-XA');
    expect(resolveLocale(['ar-XB'])).toBe('ar-XB');
    expect(resolveLocale(['ar-EG', 'de'])).toBe('de');
  });

  it('follows the system unless the person chose a language', () => {
    expect(localeForChoice('system', ['de-CH'])).toBe('de');
    expect(localeForChoice('en', ['de-CH'])).toBe('en');
  });

  it('knows which languages are written right to left', () => {
    expect(directionOf('ar-XB')).toBe('rtl');
    expect(directionOf('he')).toBe('rtl');
    expect(directionOf('de')).toBe('ltr');
    expect(directionOf('en-XA')).toBe('ltr');
  });
});

describe('pseudo-locales', () => {
  it('accents and brackets the words but keeps ICU placeholders and plural branches working', () => {
    const message = '{count, plural, one {# unread message} other {# unread messages}} from {name}';
    const pseudo = accentedPseudo(message);
    expect(pseudo.startsWith(PSEUDO_OPEN) && pseudo.endsWith(PSEUDO_CLOSE)).toBe(true);
    expect(pseudo).not.toMatch(/unread/);
    const i18n = createI18n('en');
    i18n.addResource('en', 'common', 'probe', pseudo);
    expect(i18n.t('common:probe' as never, { count: 1, name: 'Alex' })).toBe('⟦1 ûñŕéåð ɱéššåĝé ƒŕöɱ Alex⟧');
    expect(i18n.t('common:probe' as never, { count: 3, name: 'Alex' })).toBe('⟦3 ûñŕéåð ɱéššåĝéš ƒŕöɱ Alex⟧');
  });

  it('writes right-to-left pseudo text in Arabic letters', () => {
    const pseudo = rightToLeftPseudo('Archive {count}');
    expect(pseudo).toMatch(/^[\u0600-\u06ff]+ \{count\}$/u);
  });

  it('generates every English key for both pseudo-locales', () => {
    for (const locale of ['en-XA', 'ar-XB'] as const) {
      const catalogues = cataloguesFor(locale);
      for (const namespace of NAMESPACES) {
        expect(flatKeys(catalogues[namespace])).toEqual(flatKeys(ENGLISH[namespace]));
      }
    }
  });
});

describe('German', () => {
  for (const namespace of NAMESPACES) {
    it(`translates every key of “${namespace}” and nothing else`, () => {
      expect(flatKeys(GERMAN[namespace]).sort()).toEqual(flatKeys(ENGLISH[namespace]).sort());
    });
  }

  it('keeps the same placeholders as English in every message', () => {
    // The ICU arguments and rich-text tags a message uses, wherever they sit (a select's or plural's branch
    // text such as `{Archived}` is words, not a placeholder).
    const placeholders = (message: string): string[] => {
      const found = new Set<string>();
      const walk = (elements: MessageFormatElement[]): void => {
        for (const element of elements) {
          if ('value' in element && element.type !== TYPE.literal)
            found.add(element.type === TYPE.tag ? `<${element.value}>` : element.value);
          if (element.type === TYPE.tag) walk(element.children);
          if (element.type === TYPE.select || element.type === TYPE.plural)
            for (const option of Object.values(element.options)) walk(option.value);
        }
      };
      walk(parse(message));
      return [...found].sort();
    };
    const get = (catalogue: Catalogue, key: string): string =>
      key
        .split('.')
        .reduce<Catalogue | string>((node, part) => (node as Catalogue)[part] as Catalogue, catalogue) as string;
    for (const namespace of NAMESPACES) {
      for (const key of flatKeys(ENGLISH[namespace])) {
        expect(placeholders(get(GERMAN[namespace], key)), `${namespace}:${key}`).toEqual(
          placeholders(get(ENGLISH[namespace], key)),
        );
      }
    }
  });
});
