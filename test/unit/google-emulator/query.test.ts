import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { matchQuery, parseQuery, type Searchable } from '../../../electron/google-emulator/query.js';

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
