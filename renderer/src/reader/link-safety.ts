/**
 * What a link in a message really points at, and whether Glance should ask before opening it. Mail is
 * hostile input: a link's visible text can name one site while it opens another, and a host can be
 * written in letters that look like a familiar name. Pure (its words in the window's language): the reader's
 * frame, the plain-text view and the tests all ask the same question here. The main process re-checks the scheme on its side
 * (electron/core/links.ts); this module decides what the person sees first.
 */
import { parse as parseHost } from 'tldts';
import { toUnicode } from 'punycode/punycode.es6.js';
import { currentLocale, i18n } from '../i18n/i18n.js';

/** Why Glance asks before opening a link. */
export type LinkConcern =
  /** The visible text names a site (`paypal.com`) whose registrable domain is not the link's. */
  | { kind: 'text-names-other-domain'; shownDomain: string }
  /** The host is a bare IP address: no name anyone could recognise. */
  | { kind: 'ip-host' }
  /** The host is an internationalised name (punycode), which can imitate a familiar one. */
  | { kind: 'punycode-host' }
  /** One host mixes writing systems (Latin `p` with Cyrillic `а`): the classic lookalike. */
  | { kind: 'mixed-scripts'; scripts: string[] }
  /** Not a web or email link. */
  | { kind: 'unusual-scheme'; scheme: string };

export interface LinkDestination {
  /** The URL as the browser parses it (what would open). */
  url: string;
  /** `https:`, `mailto:`… */
  scheme: string;
  /** The host as the network sees it (ASCII, punycode for IDN), with a non-default port; for mailto, the address's domain. */
  host: string;
  /** The same host in Unicode; equal to `host` unless it is an IDN. */
  unicodeHost: string;
  /**
   * What "don't ask again" remembers: the registrable domain (public-suffix list through tldts, so
   * `mail.example.co.uk` → `example.co.uk`), or the host itself for IP addresses and private names.
   */
  trustKey: string | null;
  /** One line for the status bar: `https://bücher.example (xn--bcher-kva.example)`. */
  label: string;
}

export type LinkDecision =
  | { action: 'open'; destination: LinkDestination }
  | { action: 'confirm'; destination: LinkDestination; concerns: LinkConcern[] }
  | { action: 'block'; reason: string; label: string };

const WEB_SCHEMES = new Set(['http:', 'https:']);
/** Never opened, whatever the person says: these run code or reach local files. */
const BLOCKED_SCHEMES = new Set(['javascript:', 'vbscript:', 'data:', 'file:', 'blob:', 'about:', 'filesystem:']);
/**
 * Writing systems a single host may combine without looking suspicious (Unicode UTS #39 "highly
 * restrictive"): one script, or Latin with the scripts Chinese, Japanese and Korean names mix with it.
 */
const ALLOWED_SCRIPT_MIXES: ReadonlyArray<ReadonlySet<string>> = [
  new Set(['Latin', 'Han', 'Hiragana', 'Katakana']),
  new Set(['Latin', 'Han', 'Bopomofo']),
  new Set(['Latin', 'Han', 'Hangul']),
];
const NAMED_SCRIPTS = [
  'Latin',
  'Cyrillic',
  'Greek',
  'Armenian',
  'Georgian',
  'Hebrew',
  'Arabic',
  'Han',
  'Hiragana',
  'Katakana',
  'Bopomofo',
  'Hangul',
  'Thai',
  'Devanagari',
  'Cherokee',
] as const;
/** ISO 15924 codes, so the dialog names a script in the window's language (Intl.DisplayNames). */
const SCRIPT_CODES: Record<(typeof NAMED_SCRIPTS)[number], string> = {
  Latin: 'Latn',
  Cyrillic: 'Cyrl',
  Greek: 'Grek',
  Armenian: 'Armn',
  Georgian: 'Geor',
  Hebrew: 'Hebr',
  Arabic: 'Arab',
  Han: 'Hani',
  Hiragana: 'Hira',
  Katakana: 'Kana',
  Bopomofo: 'Bopo',
  Hangul: 'Hang',
  Thai: 'Thai',
  Devanagari: 'Deva',
  Cherokee: 'Cher',
};
const SCRIPT_PATTERNS = NAMED_SCRIPTS.map((name) => [name, new RegExp(`\\p{Script=${name}}`, 'u')] as const);
/**
 * A host named in visible text: dot-separated labels ending in letters, optionally after a scheme or a
 * mailbox (`alex@`). Unicode letters count, so a lookalike written in the text is compared too.
 */
const HOST_IN_TEXT = /(?:[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?\.)+\p{L}{2,63}(?![\p{L}\p{N}-])/gu;
const MAX_TEXT = 2000;

/** Reads a link's destination for the status line; null when the href is not a URL at all. */
export function describeLink(href: string): LinkDestination | null {
  let url: URL;
  try {
    url = new URL(href.trim());
  } catch {
    return null;
  }
  const scheme = url.protocol.toLowerCase();
  if (scheme === 'mailto:') {
    const domain = mailtoDomain(url);
    const host = domain === null ? '' : asciiHost(domain);
    const unicodeHost = host === null || host === '' ? '' : unicodeOf(host);
    const address = safeDecode(url.pathname).split(',')[0]?.trim() ?? '';
    return {
      url: url.href,
      scheme,
      host: host ?? '',
      unicodeHost,
      trustKey: host ? registrableDomain(host) : null,
      label: `mailto:${address}`,
    };
  }
  const host = url.host.toLowerCase();
  const unicodeHost = host === '' ? '' : unicodeOf(host);
  const shown = host === '' ? scheme : `${scheme}//${unicodeHost}`;
  return {
    url: url.href,
    scheme,
    host,
    unicodeHost,
    trustKey: url.hostname === '' ? null : registrableDomain(url.hostname.toLowerCase()),
    label: unicodeHost !== host ? `${shown} (${host})` : shown,
  };
}

/**
 * Decides what a click on a link does. `visibleText` is what the person read (the anchor's text and
 * image alt text); `trustedDomains` are registrable domains the person chose "don't ask again" for —
 * they silence the host and text concerns, never a blocked or unusual scheme.
 */
export function decideLink(href: string, visibleText: string, trustedDomains: readonly string[]): LinkDecision {
  const destination = describeLink(href);
  if (destination === null)
    return { action: 'block', reason: i18n.t('reader:links.invalidReason'), label: i18n.t('reader:links.invalid') };
  const { scheme } = destination;
  if (BLOCKED_SCHEMES.has(scheme)) {
    return {
      action: 'block',
      reason: i18n.t('reader:links.blockedSchemeReason', { scheme }),
      label: i18n.t('reader:links.blockedScheme', { scheme }),
    };
  }
  const url = new URL(destination.url);
  if (url.username !== '' || url.password !== '') {
    return {
      action: 'block',
      reason: i18n.t('reader:links.userInfoReason'),
      label: i18n.t('reader:links.blockedLabel', { link: destination.label }),
    };
  }
  if (WEB_SCHEMES.has(scheme) && url.hostname === '') {
    return { action: 'block', reason: i18n.t('reader:links.noAddressReason'), label: i18n.t('reader:links.invalid') };
  }

  const concerns: LinkConcern[] = [];
  if (!WEB_SCHEMES.has(scheme) && scheme !== 'mailto:') concerns.push({ kind: 'unusual-scheme', scheme });

  const trusted = destination.trustKey !== null && trustedDomains.includes(destination.trustKey);
  if (!trusted && destination.host !== '') {
    concerns.push(...hostConcerns(scheme === 'mailto:' ? destination.host : url.hostname.toLowerCase()));
    const shownDomain = otherDomainNamedIn(visibleText, destination.trustKey);
    if (shownDomain !== null) concerns.push({ kind: 'text-names-other-domain', shownDomain });
  }
  return concerns.length > 0 ? { action: 'confirm', destination, concerns } : { action: 'open', destination };
}

/** One sentence per concern, for the confirmation dialog. */
export function describeConcern(concern: LinkConcern, destination: LinkDestination): string {
  switch (concern.kind) {
    case 'text-names-other-domain':
      return i18n.t('reader:links.concernOtherDomain', { shown: concern.shownDomain, host: destination.unicodeHost });
    case 'ip-host':
      return i18n.t('reader:links.concernIp');
    case 'punycode-host':
      return i18n.t('reader:links.concernPunycode', { host: destination.host });
    case 'mixed-scripts':
      return i18n.t('reader:links.concernMixedScripts', { scripts: scriptList(concern.scripts) });
    case 'unusual-scheme':
      return i18n.t('reader:links.concernScheme', { scheme: concern.scheme });
  }
}

/** "Latin and Cyrillic", "Latein und Kyrillisch": script names and the list as the window's language says them. */
function scriptList(scripts: readonly string[]): string {
  const locale = currentLocale();
  const names = new Intl.DisplayNames(locale, { type: 'script' });
  const named = scripts.map((script) => {
    const code = SCRIPT_CODES[script as keyof typeof SCRIPT_CODES] as string | undefined;
    return code === undefined ? i18n.t('reader:links.otherScript') : (names.of(code) ?? script);
  });
  return new Intl.ListFormat(locale, { type: 'conjunction' }).format(named);
}

function hostConcerns(asciiHostname: string): LinkConcern[] {
  const concerns: LinkConcern[] = [];
  if (asciiHostname.startsWith('[') || parseHost(asciiHostname).isIp === true) {
    concerns.push({ kind: 'ip-host' });
    return concerns;
  }
  if (asciiHostname.split('.').some((label) => label.startsWith('xn--'))) concerns.push({ kind: 'punycode-host' });
  const scripts = scriptsOf(unicodeOf(asciiHostname));
  if (scripts.length > 1 && !ALLOWED_SCRIPT_MIXES.some((mix) => scripts.every((script) => mix.has(script)))) {
    concerns.push({ kind: 'mixed-scripts', scripts });
  }
  return concerns;
}

/** The writing systems of a host's letters (digits, `-` and `.` belong to none); `Other` for the rest. */
export function scriptsOf(host: string): string[] {
  const found = new Set<string>();
  for (const char of host) {
    if (!/\p{L}/u.test(char)) continue;
    found.add(SCRIPT_PATTERNS.find(([, pattern]) => pattern.test(char))?.[0] ?? 'Other');
  }
  return [...found];
}

/**
 * The first site named in the visible text whose registrable domain is not `linkDomain`, in Unicode, or
 * null. Only names under a real public suffix count (through tldts), so "report.pdf" or "v1.2" do not.
 * Invisible characters are removed and compatibility forms folded first (`ｐａｙｐａｌ.com` is paypal.com).
 */
export function otherDomainNamedIn(visibleText: string, linkDomain: string | null): string | null {
  const text = visibleText
    .slice(0, MAX_TEXT)
    .normalize('NFKC')
    .replace(/\p{Cf}/gu, '');
  for (const match of text.matchAll(HOST_IN_TEXT)) {
    const ascii = asciiHost(match[0].toLowerCase());
    if (ascii === null) continue;
    const parsed = parseHost(ascii);
    if (parsed.isIcann !== true || parsed.domain === null) continue;
    if (parsed.domain !== linkDomain) return unicodeOf(parsed.domain);
  }
  return null;
}

function registrableDomain(asciiHostname: string): string {
  const bare = asciiHostname.replace(/^\[|\]$/g, '');
  const parsed = parseHost(bare);
  return parsed.isIp === true ? bare : (parsed.domain ?? bare);
}

/** The host the way the URL parser writes it (IDNA to ASCII), or null when it is not a valid host. */
function asciiHost(host: string): string | null {
  try {
    const hostname = new URL(`http://${host}/`).hostname;
    return hostname === '' ? null : hostname;
  } catch {
    return null;
  }
}

function unicodeOf(asciiHost: string): string {
  try {
    return toUnicode(asciiHost);
  } catch {
    return asciiHost;
  }
}

function mailtoDomain(url: URL): string | null {
  const first = safeDecode(url.pathname).split(',')[0] ?? '';
  const at = first.lastIndexOf('@');
  return at === -1 ? null : first.slice(at + 1).trim() || null;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
