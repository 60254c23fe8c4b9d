import { describe, expect, it } from 'vitest';
import { parseLocalQuery, type LocalQuery } from '../../../../electron/core/search/local-query.js';

const NOW = Date.UTC(2026, 11, 7, 12, 0, 0);
const DAY = 86_400_000;
const options = { now: NOW, startOfDay: (y: number, m: number, d: number) => Date.UTC(y, m - 1, d) };

function parsed(text: string): LocalQuery {
  const result = parseLocalQuery(text, options);
  if (!result.answerable) throw new Error(`expected "${text}" to be answerable: ${result.reason}`);
  return result.query;
}

const any = (...words: string[]): LocalQuery => ({ kind: 'text', field: 'any', words });

describe('parseLocalQuery: the operator subset answered on this computer', () => {
  it('plain words are separate terms, each a whole word in Gmail’s word rules (case and accents folded)', () => {
    expect(parsed('Café Report')).toEqual({ kind: 'and', items: [any('cafe'), any('report')] });
    expect(parsed('zażółć')).toEqual(any('zazolc'));
    expect(parsed('Straße')).toEqual(any('strasse'));
    // One token of several words (an address, a hyphenated word) is a phrase, as Gmail reads it.
    expect(parsed('alex@example.com')).toEqual(any('alex', 'example', 'com'));
    expect(parsed('東京')).toEqual(any('東', '京'));
  });

  it('quoted phrases keep their words together; an unterminated quote runs to the end', () => {
    expect(parsed('"quarterly numbers" q3')).toEqual({
      kind: 'and',
      items: [any('quarterly', 'numbers'), any('q3')],
    });
    expect(parsed('"quarterly numb')).toEqual(any('quarterly', 'numb'));
  });

  it('from:, to:, subject: take a word or a quoted phrase; operator names ignore case', () => {
    expect(parsed('from:ann')).toEqual({ kind: 'text', field: 'from', words: ['ann'] });
    expect(parsed('FROM:"Ann Lee"')).toEqual({ kind: 'text', field: 'from', words: ['ann', 'lee'] });
    expect(parsed('to:bob@example.com')).toEqual({ kind: 'text', field: 'to', words: ['bob', 'example', 'com'] });
    expect(parsed('subject:"Re: plans"')).toEqual({ kind: 'text', field: 'subject', words: ['re', 'plans'] });
  });

  it('has:attachment, is:unread and is:starred are flags', () => {
    expect(parsed('has:attachment is:unread IS:Starred')).toEqual({
      kind: 'and',
      items: [
        { kind: 'flag', flag: 'attachment' },
        { kind: 'flag', flag: 'unread' },
        { kind: 'flag', flag: 'starred' },
      ],
    });
  });

  it('before:/after: take YYYY/MM/DD (or YYYY-MM-DD) at the start of that day', () => {
    expect(parsed('after:2026/11/30')).toEqual({ kind: 'date', op: 'after', at: Date.UTC(2026, 10, 30) });
    expect(parsed('before:2026-1-5')).toEqual({ kind: 'date', op: 'before', at: Date.UTC(2026, 0, 5) });
  });

  it('older_than:/newer_than: count days, months (30 days) and years (365 days) back from now', () => {
    expect(parsed('newer_than:2d')).toEqual({ kind: 'date', op: 'after', at: NOW - 2 * DAY + 1 });
    expect(parsed('older_than:1m')).toEqual({ kind: 'date', op: 'before', at: NOW - 30 * DAY + 1 });
    expect(parsed('older_than:1Y')).toEqual({ kind: 'date', op: 'before', at: NOW - 365 * DAY + 1 });
  });

  it('- negates the next term; OR joins neighbours; AND means what a space means; stray ORs are ignored', () => {
    expect(parsed('-from:ann')).toEqual({ kind: 'not', item: { kind: 'text', field: 'from', words: ['ann'] } });
    expect(parsed('a OR b c')).toEqual({ kind: 'and', items: [{ kind: 'or', items: [any('a'), any('b')] }, any('c')] });
    expect(parsed('a OR -b OR is:starred')).toEqual({
      kind: 'or',
      items: [any('a'), { kind: 'not', item: any('b') }, { kind: 'flag', flag: 'starred' }],
    });
    expect(parsed('a AND b')).toEqual({ kind: 'and', items: [any('a'), any('b')] });
    expect(parsed('OR a OR')).toEqual(any('a'));
    expect(parsed('a OR OR b')).toEqual({ kind: 'or', items: [any('a'), any('b')] });
    // Lower-case "or", a quoted "OR" and a lone "-" are words (or nothing), not syntax.
    expect(parsed('a or b')).toEqual({ kind: 'and', items: [any('a'), any('or'), any('b')] });
    expect(parsed('"OR"')).toEqual(any('or'));
    expect(parsed('a - b')).toEqual({ kind: 'and', items: [any('a'), any(), any('b')] });
  });

  it('punctuation alone is a term with no words (it matches everything, as Gmail ignores it)', () => {
    expect(parsed('!!!')).toEqual(any());
  });

  it.each([
    ['label:work', /label/],
    ['in:inbox', /in:/],
    ['cc:ann', /cc/],
    ['is:important', /is:important/],
    ['is:read', /is:read/],
    ['has:drive', /has:drive/],
    ['from:', /no value/],
    ['before:yesterday', /before/],
    ['before:2026/13/01', /before/],
    ['newer_than:3h', /newer_than/],
    ['(a OR b) c', /grouping/],
    ['a -(b c)', /grouping/],
    ['from:(ann bob)', /from: has no value/],
    ['{a b}', /grouping/],
    ['https://example.com', /https/],
    ['', /nothing/],
    ['   OR  ', /nothing/],
  ])('%s is not answerable locally (Gmail only)', (text, reason) => {
    const result = parseLocalQuery(text, options);
    expect(result.answerable).toBe(false);
    if (!result.answerable) expect(result.reason).toMatch(reason);
  });

  it('dates default to local midnight, the day the person means', () => {
    const result = parseLocalQuery('after:2026/03/04', { now: NOW });
    expect(result).toEqual({
      answerable: true,
      query: { kind: 'date', op: 'after', at: new Date(2026, 2, 4).getTime() },
    });
  });
});
