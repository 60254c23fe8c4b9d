/**
 * Finds the strings on screen that did not come from a message catalogue, for the pseudo-locale test
 * (pseudo-locale.spec.ts). Under `en-XA` every catalogue message is accented and wrapped in ⟦ ⟧, so a visible
 * string outside the brackets is untranslated — unless it is the person's own data (mail fields, addresses,
 * account emails: the caller passes them, taken from the test's fixtures), digits and punctuation, or a date,
 * time, number or size as `Intl` writes it in the page's locale.
 */
import type { Page } from '@playwright/test';

export interface ScreenCheck {
  screen: string;
  /** How many strings were looked at: visible text nodes, aria-label/title/placeholder/alt values, the title. */
  checked: number;
  /** Each string found outside the pseudo brackets, with where it was (`text in <p.muted>`, `title on <button>`). */
  untranslated: string[];
}

/**
 * The person's data that may appear on this screen. `strings` are removed wherever they occur (a sender list
 * joins names, a header joins name and address); `whole` must be the entire string (an avatar's initial).
 */
export interface PersonData {
  strings: string[];
  whole: string[];
}

/** Checks what the page shows now; never throws, the test collects every screen and then reports them all. */
export async function checkScreen(page: Page, screen: string, data: PersonData): Promise<ScreenCheck> {
  const found = await page.evaluate(({ strings, whole }) => {
    const OPEN = '⟦';
    const CLOSE = '⟧';
    const normalise = (text: string) => text.replace(/\s+/g, ' ').trim();
    const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

    // Words Intl writes for dates, times, relative times, numbers and sizes in the page's locale.
    const locale = document.documentElement.lang || navigator.language;
    const intlWords = new Set<string>();
    const keepWords = (parts: Array<{ type: string; value: string }>) => {
      for (const part of parts) {
        const value = part.value.trim();
        if (/\p{L}/u.test(value)) intlWords.add(value);
      }
    };
    const dateStyles: Intl.DateTimeFormatOptions[] = [
      { month: 'long' },
      { month: 'short' },
      { weekday: 'long' },
      { weekday: 'short' },
      { hour: 'numeric', minute: '2-digit' },
      { hour: 'numeric', minute: '2-digit', hour12: true },
      { month: 'short', day: 'numeric' },
      { year: 'numeric', month: 'short', day: 'numeric' },
      { dateStyle: 'full', timeStyle: 'short' },
      { dateStyle: 'long', timeStyle: 'short' },
      { dateStyle: 'medium', timeStyle: 'short' },
    ];
    for (let day = 0; day < 366; day += 1) {
      const date = new Date(2026, 0, 1 + day, day % 24, 30);
      for (const style of day < 7 || day % 27 === 0 ? dateStyles : []) {
        keepWords(new Intl.DateTimeFormat(locale, style).formatToParts(date));
      }
    }
    for (const numeric of ['auto', 'always'] as const) {
      for (const style of ['long', 'short', 'narrow'] as const) {
        const format = new Intl.RelativeTimeFormat(locale, { numeric, style });
        for (const unit of ['second', 'minute', 'hour', 'day', 'week', 'month', 'year'] as const) {
          for (const value of [-5, -2, -1, 0, 1, 2, 5]) keepWords(format.formatToParts(value, unit));
        }
      }
    }
    for (const unit of ['byte', 'kilobyte', 'megabyte', 'gigabyte']) {
      for (const unitDisplay of ['short', 'long', 'narrow'] as const) {
        for (const value of [1, 2.5, 700]) {
          keepWords(new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay }).formatToParts(value));
        }
      }
    }
    const intlPatterns = [...intlWords]
      .sort((a, b) => b.length - a.length)
      .map((word) => new RegExp(`(?<!\\p{L})${escape(word)}(?!\\p{L})`, 'gu'));
    const dataStrings = [...new Set(strings.map(normalise).filter((value) => value.length > 0))].sort(
      (a, b) => b.length - a.length,
    );
    const wholeData = new Set(whole.map(normalise));

    /** What is left once the person's data and Intl's words are taken out; empty or symbols means fine. */
    const leftover = (outside: string): string => {
      let rest = normalise(outside);
      if (rest === '' || wholeData.has(rest)) return '';
      for (const value of dataStrings) rest = rest.split(value).join(' ');
      for (const pattern of intlPatterns) rest = rest.replace(pattern, ' ');
      return /^[\p{N}\p{P}\p{S}\p{Z}\s]*$/u.test(rest) ? '' : normalise(rest);
    };
    /**
     * A key cap (`j`, `?`, `g u`, `⌘K`): single characters, after the Mac's modifier symbols, are keys, not words
     * (`Ctrl`, `Enter` are words and come from the catalogue).
     */
    const isKeyCap = (element: Element, text: string) =>
      element.closest('kbd') !== null &&
      text
        .replace(/⟦[^⟧]*⟧/gu, ' ') // a named key (`Ctrl`) from the catalogue
        .split(/[\s+]+/)
        .every((key) => [...key.replace(/[⌘⌥⇧⌃]/gu, '')].length <= 1);
    const describe = (element: Element) => {
      const classes = [...element.classList].slice(0, 2).join('.');
      return `<${element.tagName.toLowerCase()}${classes ? `.${classes}` : ''}>`;
    };

    let checked = 0;
    const untranslated: string[] = [];
    const report = (where: string, value: string, rest: string) =>
      untranslated.push(
        `${where}: "${normalise(value).slice(0, 160)}"${rest === normalise(value) ? '' : ` (left: "${rest}")`}`,
      );

    // Text nodes in document order; the bracket depth runs across nodes, since a message with markup inside
    // (a <strong> host, a <code> command) spans several.
    let depth = 0;
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      const text = node.textContent ?? '';
      let outside = '';
      for (const char of text) {
        if (char === OPEN) depth += 1;
        else if (char === CLOSE) depth = Math.max(0, depth - 1);
        else outside += depth === 0 ? char : ' ';
      }
      if (!parent || parent.closest('script, style, template, noscript') || normalise(text) === '') continue;
      // A closed <select> lays out none of its options, yet each is read when it opens.
      const shown = parent.closest('select') ?? parent;
      if (!shown.checkVisibility({ visibilityProperty: true })) continue;
      checked += 1;
      const rest = leftover(outside);
      if (rest && !isKeyCap(parent, normalise(text))) report(`text in ${describe(parent)}`, text, rest);
    }
    if (depth !== 0) untranslated.push(`the page's text leaves ${depth} pseudo bracket(s) open`);

    const bracketsRemoved = (value: string) => {
      let rest = value;
      for (let previous = ''; previous !== rest;) {
        previous = rest;
        rest = rest.replace(/⟦[^⟦⟧]*⟧/g, ' ');
      }
      return rest;
    };
    for (const element of document.body.querySelectorAll('[aria-label], [title], [placeholder], [alt]')) {
      if (!element.checkVisibility({ visibilityProperty: true })) continue;
      for (const name of ['aria-label', 'title', 'placeholder', 'alt']) {
        const value = element.getAttribute(name);
        if (value === null || normalise(value) === '') continue;
        checked += 1;
        const rest = leftover(bracketsRemoved(value));
        if (rest) report(`${name} on ${describe(element)}`, value, rest);
      }
    }
    checked += 1;
    const titleRest = leftover(bracketsRemoved(document.title));
    if (titleRest) report('window title', document.title, titleRest);
    return { checked, untranslated };
  }, data);
  return { screen, ...found };
}

/** Every untranslated string of every screen, one a line under its screen's name; '' when there is none. */
export function untranslatedReport(checks: ScreenCheck[]): string {
  return checks
    .filter((check) => check.untranslated.length > 0)
    .map((check) => `${check.screen} (${check.untranslated.length}):\n  ${check.untranslated.join('\n  ')}`)
    .join('\n');
}
