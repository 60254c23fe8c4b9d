/**
 * Pseudo-translations generated from the English catalogues. Only the words of a message change: ICU
 * placeholders, plural and select branches keep their structure, so `{count, plural, …}` still works.
 */
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { printAST } from '@formatjs/icu-messageformat-parser/printer.js';

/** Brackets around every pseudo-translated message: a visible string without them was not translated. */
export const PSEUDO_OPEN = '⟦';
export const PSEUDO_CLOSE = '⟧';

const ACCENTED: Record<string, string> = {
  a: 'å',
  b: 'ƀ',
  c: 'ç',
  d: 'ð',
  e: 'é',
  f: 'ƒ',
  g: 'ĝ',
  h: 'ĥ',
  i: 'î',
  j: 'ĵ',
  k: 'ķ',
  l: 'ļ',
  m: 'ɱ',
  n: 'ñ',
  o: 'ö',
  p: 'þ',
  q: 'ǫ',
  r: 'ŕ',
  s: 'š',
  t: 'ţ',
  u: 'û',
  v: 'ṽ',
  w: 'ŵ',
  x: 'ẋ',
  y: 'ý',
  z: 'ž',
  A: 'Å',
  B: 'Ɓ',
  C: 'Ç',
  D: 'Ð',
  E: 'É',
  F: 'Ƒ',
  G: 'Ĝ',
  H: 'Ĥ',
  I: 'Î',
  J: 'Ĵ',
  K: 'Ķ',
  L: 'Ļ',
  M: 'Ṁ',
  N: 'Ñ',
  O: 'Ö',
  P: 'Þ',
  Q: 'Ǫ',
  R: 'Ŕ',
  S: 'Š',
  T: 'Ţ',
  U: 'Û',
  V: 'Ṽ',
  W: 'Ŵ',
  X: 'Ẋ',
  Y: 'Ý',
  Z: 'Ž',
};

/** Latin letters to Arabic letters, so the text is genuinely right-to-left (strong RTL characters). */
const ARABIC: Record<string, string> = {
  a: 'ا',
  b: 'ب',
  c: 'ك',
  d: 'د',
  e: 'ي',
  f: 'ف',
  g: 'غ',
  h: 'ه',
  i: 'ى',
  j: 'ج',
  k: 'ق',
  l: 'ل',
  m: 'م',
  n: 'ن',
  o: 'و',
  p: 'پ',
  q: 'ق',
  r: 'ر',
  s: 'س',
  t: 'ت',
  u: 'ۇ',
  v: 'ڤ',
  w: 'و',
  x: 'خ',
  y: 'ي',
  z: 'ز',
};

function mapLetters(text: string, table: Record<string, string>): string {
  let out = '';
  for (const ch of text) out += table[ch] ?? table[ch.toLowerCase()] ?? ch;
  return out;
}

/** Tags (`<0>…</0>`, `<strong>`, rendered by <Trans>) keep their names: only the words around them change. */
const TAG = /<\/?[A-Za-z0-9_-]+\s*\/?>/g;
/** Stand-ins for tags while the words change: private-use characters and digits, which no table maps. */
const TAG_STAND_IN = /\uE000(\d+)\uE001/g;

function transformElements(elements: MessageFormatElement[], words: (text: string) => string): MessageFormatElement[] {
  return elements.map((element) => {
    switch (element.type) {
      case TYPE.literal:
        return { ...element, value: words(element.value) };
      case TYPE.select:
      case TYPE.plural: {
        const options: typeof element.options = {};
        for (const [key, option] of Object.entries(element.options)) {
          options[key] = { ...option, value: transformElements(option.value, words) };
        }
        return { ...element, options };
      }
      default:
        return element;
    }
  });
}

function transformMessage(message: string, words: (text: string) => string): string {
  const tags: string[] = [];
  const withStandIns = message.replace(TAG, (tag) => `\uE000${tags.push(tag) - 1}\uE001`);
  // As i18next-icu reads messages: tags are text, which <Trans> turns into elements afterwards.
  const ast = parse(withStandIns, { ignoreTag: true });
  return printAST(transformElements(ast, words)).replace(TAG_STAND_IN, (_, index: string) => tags[Number(index)] ?? '');
}

/** `Archive` → `⟦Årçĥîṽé⟧`: accented and bracketed, still readable, about as long as German. */
export function accentedPseudo(message: string): string {
  return `${PSEUDO_OPEN}${transformMessage(message, (text) => mapLetters(text, ACCENTED))}${PSEUDO_CLOSE}`;
}

/** `Archive` → Arabic letters: right-to-left text for checking the mirrored layout. */
export function rightToLeftPseudo(message: string): string {
  return transformMessage(message, (text) => mapLetters(text, ARABIC));
}

export type Catalogue = { [key: string]: string | Catalogue };

/** A whole catalogue (nested keys) with each message transformed. */
export function pseudoCatalogue(catalogue: Catalogue, transform: (message: string) => string): Catalogue {
  const out: Catalogue = {};
  for (const [key, value] of Object.entries(catalogue)) {
    out[key] = typeof value === 'string' ? transform(value) : pseudoCatalogue(value, transform);
  }
  return out;
}
