/**
 * Gmail's word rules, shared by the Google emulator's `q` (google-emulator/text-match.ts) and Glance's own
 * offline search (core/search/), so both agree on what a word is.
 *
 * How text matches a message, as Gmail does it: by words, never by substrings. A word is a run of
 * letters and digits (anything else separates words: spaces, punctuation, `@`, `.`, `-`); each Chinese or
 * Japanese character is a word of its own, since those scripts have no spaces. Words compare
 * case-insensitively and, by default, accent-insensitively (`cafe` finds `café`, `zazolc` finds `zażółć`).
 * A search value of several words (a quoted phrase, or `foo-bar`, `alex@example.com`) matches those
 * words consecutively, inside one field (subject, one name, one address, the body); a value with no
 * word at all (`!!!`) matches everything, like Gmail ignoring punctuation.
 *
 * What Gmail does at the edges is not documented, so those are options (see google-emulator/README.md):
 * `words` (a query word matches only an equal word, or any word it begins), `addresses` (an address is
 * words like any text, or one unit matched whole / by local part / by domain), `accents` (folded or not).
 */

export interface TextMatchOptions {
  /** 'whole' (default): `meet` finds `meet` but not `meeting`. 'prefix': every query word may be a word's beginning. */
  words: 'whole' | 'prefix';
  /**
   * 'words' (default): `priya.shah@northwind.example` is the words priya shah northwind example, so `from:shah`,
   * `from:northwind` and `from:northwind.example` all match. 'whole': an address matches only as the whole
   * address, its local part, its domain or a parent domain (`from:priya.shah`, `from:northwind.example`,
   * `from:example`); display names are still words.
   */
  addresses: 'words' | 'whole';
  /** 'fold' (default): accents and case are ignored. 'exact': only case is. */
  accents: 'fold' | 'exact';
}

export const DEFAULT_TEXT_MATCH: TextMatchOptions = { words: 'whole', addresses: 'words', accents: 'fold' };

/** Letters NFKD does not decompose into a base letter plus a mark. */
const EXTRA_FOLDS: Record<string, string> = {
  ł: 'l',
  ø: 'o',
  đ: 'd',
  ħ: 'h',
  ı: 'i',
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  þ: 'th',
};

const CJK_CHARACTER = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/gu;
const WORD = /[\p{L}\p{N}]+/gu;

/** The words of a text, lower-cased (and accent-folded unless `accents: 'exact'`). */
export function wordsOf(text: string, options: TextMatchOptions = DEFAULT_TEXT_MATCH): string[] {
  let normalized = text.toLowerCase();
  if (options.accents === 'fold') {
    normalized = normalized
      .normalize('NFKD')
      .replace(/\p{M}+/gu, '')
      // Compatibility forms decompose to capitals (ℌ → H, Ⅳ → IV): lower-case once more.
      .toLowerCase()
      .replace(/[łøđħıßæœþ]/g, (letter) => EXTRA_FOLDS[letter] ?? letter);
  }
  return normalized.replace(CJK_CHARACTER, ' $& ').match(WORD) ?? [];
}

/** True when `query` occurs as consecutive words of `words` (an empty query matches everything). */
export function matchesWords(words: readonly string[], query: readonly string[], options: TextMatchOptions): boolean {
  if (query.length === 0) return true;
  const same =
    options.words === 'prefix'
      ? (word: string, wanted: string) => word.startsWith(wanted)
      : (word: string, wanted: string) => word === wanted;
  for (let start = 0; start + query.length <= words.length; start++) {
    let all = true;
    for (let offset = 0; offset < query.length; offset++) {
      if (!same(words[start + offset] ?? '', query[offset] ?? '')) {
        all = false;
        break;
      }
    }
    if (all) return true;
  }
  return false;
}

export interface AddressSegment {
  kind: 'name' | 'address';
  text: string;
}

/**
 * Splits a From/To header value into display names and addresses (`"Shah, Priya" <p@x>, bob@y` →
 * name `Shah, Priya`, address `p@x`, address `bob@y`), so a phrase never runs from one into the next.
 */
export function addressSegments(header: string): AddressSegment[] {
  const segments: AddressSegment[] = [];
  const entries = header.match(/(?:"(?:[^"\\]|\\.)*"|[^,"])+/g) ?? [];
  for (const entry of entries) {
    const bracketed = /<([^<>]*)>/.exec(entry);
    if (bracketed) {
      const name = entry.slice(0, bracketed.index).trim().replace(/^"|"$/g, '').replace(/\\(.)/g, '$1');
      if (name) segments.push({ kind: 'name', text: name });
      if (bracketed[1]?.trim()) segments.push({ kind: 'address', text: bracketed[1].trim() });
    } else if (entry.includes('@')) {
      segments.push({ kind: 'address', text: entry.trim() });
    } else if (entry.trim()) {
      segments.push({ kind: 'name', text: entry.trim().replace(/^"|"$/g, '') });
    }
  }
  return segments;
}
