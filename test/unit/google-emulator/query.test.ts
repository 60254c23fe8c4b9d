import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { matchQuery, parseQuery, type Searchable } from '../../../electron/google-emulator/query.js';
import { DEFAULT_TEXT_MATCH, type TextMatchOptions } from '../../../electron/google-emulator/text-match.js';

const NOW = Date.UTC(2026, 5, 1);
const context = {
  now: NOW,
  resolveLabel: (value: string) => ({ receipts: 'Label_1', unread: 'UNREAD', inbox: 'INBOX' })[value.toLowerCase()],
};

function message(overrides: Partial<Searchable> = {}): Searchable {
  return {
    labelIds: ['INBOX', 'UNREAD'],
    from: 'Priya Shah <priya@northwind.example>',
    to: 'Alex Rivera <alex@example.com>',
    subject: 'Quarterly report draft',
    hasAttachment: false,
    internalDate: NOW - 2 * 86_400_000,
    text: () => 'Please review the attached numbers before Friday.',
    ...overrides,
  };
}

const matches = (query: string, overrides?: Partial<Searchable>) =>
  matchQuery(parseQuery(query), message(overrides), context);

describe('Gmail q parser and matcher', () => {
  it('handles is:, in:, label: and has:', () => {
    expect(matches('is:unread')).toBe(true);
    expect(matches('is:read')).toBe(false);
    expect(matches('is:starred', { labelIds: ['STARRED'] })).toBe(true);
    expect(matches('in:inbox')).toBe(true);
    expect(matches('label:UNREAD')).toBe(true);
    expect(matches('label:receipts', { labelIds: ['Label_1'] })).toBe(true);
    expect(matches('label:nosuchlabel')).toBe(false);
    expect(matches('has:attachment')).toBe(false);
    expect(matches('has:attachment', { hasAttachment: true })).toBe(true);
  });

  it('handles from:, to:, subject:, quoted phrases and free words (body included)', () => {
    expect(matches('from:priya')).toBe(true);
    expect(matches('from:northwind.example')).toBe(true);
    expect(matches('to:alex@example.com')).toBe(true);
    expect(matches('subject:report')).toBe(true);
    expect(matches('subject:"report draft"')).toBe(true);
    expect(matches('"draft report"')).toBe(false);
    expect(matches('friday')).toBe(true);
    expect(matches('quarterly friday')).toBe(true);
    expect(matches('quarterly saturday')).toBe(false);
  });

  it('handles newer_than/older_than and after/before', () => {
    expect(matches('newer_than:3d')).toBe(true);
    expect(matches('newer_than:1d')).toBe(false);
    expect(matches('older_than:1d')).toBe(true);
    expect(matches('older_than:1y')).toBe(false);
    expect(matches('after:2026/05/01 before:2026/06/01')).toBe(true);
    expect(matches('newer_than:soon')).toBe(false);
  });

  it('handles negation, OR and parentheses', () => {
    expect(matches('-is:unread')).toBe(false);
    expect(matches('-from:bob')).toBe(true);
    expect(matches('from:bob OR from:priya')).toBe(true);
    expect(matches('is:unread (from:bob OR subject:nothing)')).toBe(false);
    expect(matches('-(from:bob OR from:carol) is:unread')).toBe(true);
  });

  it('treats unknown operators as text and never throws on odd input', () => {
    expect(matches('foo:bar')).toBe(false);
    fc.assert(
      fc.property(fc.string(), (query) => {
        const result = matchQuery(parseQuery(query), message(), context);
        expect(typeof result).toBe('boolean');
      }),
    );
  });

  it('-X matches exactly the messages X does not (for any simple term)', () => {
    const terms = [
      'is:unread',
      'is:starred',
      'from:priya',
      'subject:report',
      'friday',
      'has:attachment',
      'newer_than:1d',
    ];
    fc.assert(
      fc.property(fc.constantFrom(...terms), fc.boolean(), fc.boolean(), (term, unread, starred) => {
        const labels = [...(unread ? ['UNREAD'] : []), ...(starred ? ['STARRED'] : [])];
        expect(matches(`-${term}`, { labelIds: labels })).toBe(!matches(term, { labelIds: labels }));
      }),
    );
  });
});

describe('Gmail q matches words, not substrings', () => {
  const withOptions = (query: string, textMatch: Partial<TextMatchOptions>, overrides?: Partial<Searchable>) =>
    matchQuery(parseQuery(query), message(overrides), {
      ...context,
      textMatch: { ...DEFAULT_TEXT_MATCH, ...textMatch },
    });

  it('a word matches a whole word only, in subject, names, addresses and body', () => {
    expect(matches('subject:report')).toBe(true);
    expect(matches('subject:repo')).toBe(false);
    expect(matches('subject:port')).toBe(false);
    expect(matches('quarter')).toBe(false);
    expect(matches('numbers')).toBe(true);
    expect(matches('number')).toBe(false);
    expect(matches('from:pri')).toBe(false);
    expect(matches('from:shah')).toBe(true);
    expect(matches('to:rivera')).toBe(true);
  });

  it('case and accents are ignored by default; accents count with searchAccents exact', () => {
    const polish = { subject: 'Zażółć gęślą jaźń — Café Łódź' };
    expect(matches('ZAZOLC', polish)).toBe(true);
    expect(matches('cafe lodz', polish)).toBe(true);
    expect(matches('zażółć', polish)).toBe(true);
    expect(withOptions('zazolc', { accents: 'exact' }, polish)).toBe(false);
    expect(withOptions('ZAŻÓŁĆ', { accents: 'exact' }, polish)).toBe(true);
  });

  it('a quoted phrase (or a value with punctuation) matches consecutive words, within one field', () => {
    expect(matches('"report draft"')).toBe(true);
    expect(matches('"quarterly draft"')).toBe(false);
    expect(matches('"review the attached"')).toBe(true);
    expect(matches('"review attached"')).toBe(false);
    expect(matches('subject:INV-2026-0042', { subject: 'Receipt INV-2026-0042 from Zoe' })).toBe(true);
    expect(matches('subject:INV-2026', { subject: 'Receipt INV-2026-0042 from Zoe' })).toBe(true);
    expect(matches('subject:2026-INV', { subject: 'Receipt INV-2026-0042 from Zoe' })).toBe(false);
    // The display name and the address are separate fields: a phrase does not run from one into the other.
    expect(matches('from:"priya shah"')).toBe(true);
    expect(matches('from:"shah priya"')).toBe(false);
    expect(matches('"draft please"')).toBe(false);
  });

  it('addresses are words by default; whole units with searchAddresses whole', () => {
    expect(matches('from:northwind')).toBe(true);
    expect(matches('from:northwind.example')).toBe(true);
    expect(matches('to:alex@example.com')).toBe(true);
    expect(matches('alex@example.com')).toBe(true);
    expect(withOptions('from:northwind', { addresses: 'whole' })).toBe(false);
    expect(withOptions('from:northwind.example', { addresses: 'whole' })).toBe(true);
    expect(withOptions('from:example', { addresses: 'whole' })).toBe(true);
    expect(withOptions('from:priya', { addresses: 'whole' })).toBe(true);
    expect(withOptions('to:alex@example.com', { addresses: 'whole' })).toBe(true);
    expect(withOptions('to:alex@example', { addresses: 'whole' })).toBe(false);
    // Names stay words in both modes.
    expect(withOptions('to:rivera', { addresses: 'whole' })).toBe(true);
  });

  it('prefix matching only with searchWords prefix', () => {
    expect(matches('subject:quart')).toBe(false);
    expect(withOptions('subject:quart', { words: 'prefix' })).toBe(true);
    expect(withOptions('"quart rep"', { words: 'prefix' })).toBe(true);
    expect(withOptions('subject:uarterly', { words: 'prefix' })).toBe(false);
  });

  it('splits recipient lists, quoted names with commas, and Japanese text into words', () => {
    const to = '"Rivera, Alex" <alex@example.com>, sam@example.com';
    expect(matches('to:sam', { to })).toBe(true);
    expect(matches('to:"rivera alex"', { to })).toBe(true);
    expect(matches('to:"alex alex"', { to })).toBe(false);
    const japanese = { subject: 'お知らせ：会議の時間' };
    expect(matches('会議', japanese)).toBe(true);
    expect(matches('"会議の時間"', japanese)).toBe(true);
    expect(matches('"時間会議"', japanese)).toBe(false);
  });

  it('AND means a space; a quoted "OR" or "AND" is a word', () => {
    expect(matches('quarterly AND friday')).toBe(true);
    expect(matches('quarterly AND saturday')).toBe(false);
    expect(matches('"OR"')).toBe(false);
    expect(matches('"or"', { subject: 'this or that' })).toBe(true);
    expect(matches('subject:nothing OR friday')).toBe(true);
  });

  it('a query that is a run of consecutive words of a field matches; a strict inner part of a word does not', () => {
    const word = fc.stringMatching(/^[a-z0-9]{1,8}$/);
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 8 }), fc.nat(), fc.nat(), (words, from, length) => {
        const start = from % words.length;
        const run = words.slice(start, start + 1 + (length % (words.length - start)));
        const subject = words.join(' ');
        expect(matches(`subject:"${run.join(' ')}"`, { subject })).toBe(true);
        const longest = words.reduce((a, b) => (b.length > a.length ? b : a));
        if (longest.length > 1) {
          const inner = longest.slice(1);
          expect(matches(`subject:${inner}`, { subject })).toBe(words.includes(inner));
        }
      }),
    );
  });
});
