/**
 * The offline search property: for random messages (random words from a vocabulary with accents, CJK,
 * ß/ł/ø and compatibility letters, random separators, several recipients, some with cached bodies) saved
 * in two steps into one store, and random queries of the local subset, the store's SQL + FTS5 search returns
 * exactly the ids, in exactly the order, that the plain reference matcher returns.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import type { StoredBody, StoredMessage } from '../../../../electron/core/cache/mail-cache.js';
import { parseLocalQuery } from '../../../../electron/core/search/local-query.js';
import { compileLocalSearch, type SearchScope } from '../../../../electron/core/search/local-search.js';
import { AccountDatabase, openDatabase } from '../../../../electron/core/store/account-database.js';
import { ACCOUNT, snapshot } from '../store/helpers.js';
import { referenceSearch, type ReferenceMessage } from './reference-matcher.js';

const NOW = Date.UTC(2026, 11, 10, 12, 0, 0);
const DAY = 86_400_000;
const startOfDay = (y: number, m: number, d: number) => Date.UTC(y, m - 1, d);

const WORDS = ['ann', 'Ann', 'lee', 'bob', 'café', 'cafe', 'zażółć', 'zazolc', 'Straße', 'strasse', '東京', '京'];
const MORE_WORDS = ['report', 'Q3', 'q3', 'meet', 'meeting', 'ŁÓDŹ', 'lodz', 'ø', 'o', 'ℌ', 'h', '2026', 'ex'];
const VOCABULARY = [...WORDS, ...MORE_WORDS];
const SEPARATORS = [' ', ' ', ' ', ', ', '-', '.', '@', '_', ': ', '!'];

const word = fc.constantFrom(...VOCABULARY);
const text = (max: number, min = 0) =>
  fc
    .array(fc.tuple(word, fc.constantFrom(...SEPARATORS)), { minLength: min, maxLength: max })
    .map((parts) => parts.map(([w, separator]) => w + separator).join(''));
const address = fc
  .tuple(fc.constantFrom('ann', 'bob', 'lee', 'ex', 'q3'), fc.constantFrom('example.com', 'ex.org', 'lee.example'))
  .map(([local, domain]) => `${local}@${domain}`);
const recipient = fc.oneof(
  address,
  fc.tuple(text(2), address).map(([name, addr]) => `${name.replace(/[,"<>]/g, ' ').trim()} <${addr}>`),
);
const LABELS = ['INBOX', 'UNREAD', 'STARRED', 'SPAM', 'TRASH'];

const IDS = Array.from({ length: 24 }, (_, i) => `m${i.toString().padStart(2, '0')}`);

const messageFor = (id: string) =>
  fc.record({
    id: fc.constant(id),
    subject: text(5),
    name: text(2),
    address,
    to: fc.array(recipient, { maxLength: 3 }).map((list) => list.join(', ')),
    snippet: text(6),
    labels: fc.subarray(LABELS),
    day: fc.integer({ min: 0, max: 9 }),
    hour: fc.integer({ min: 0, max: 2 }),
    attachments: fc.boolean(),
    body: fc.option(text(8), { nil: null }),
  });

type Generated = {
  id: string;
  subject: string;
  name: string;
  address: string;
  to: string;
  snippet: string;
  labels: string[];
  day: number;
  hour: number;
  attachments: boolean;
  body: string | null;
};

const mailbox = fc.subarray(IDS).chain((ids) => fc.tuple(...ids.map(messageFor)) as fc.Arbitrary<Generated[]>);

function stored(m: Generated): StoredMessage {
  return {
    id: m.id,
    threadId: m.id,
    labelIds: m.labels,
    from: { name: m.name, address: m.address },
    ...(m.to ? { to: m.to } : {}),
    subject: m.subject,
    snippet: m.snippet,
    // Few distinct dates, so ties (broken by id) happen.
    date: NOW - m.day * DAY - m.hour * 3_600_000,
    hasAttachments: m.attachments,
  };
}

function bodyOf(m: Generated & { body: string }): StoredBody {
  // The "raw" carries the text itself, so bodyText can give it back (MIME parsing is tested elsewhere).
  return { id: m.id, threadId: m.id, labelIds: m.labels, raw: Buffer.from(m.body).toString('base64url') };
}
const textOf = (body: StoredBody) => Buffer.from(body.raw, 'base64url').toString();

const quotedText = text(3, 1).map((t) => `"${t.replace(/"/g, '')}"`);
const value = fc.oneof(word, quotedText);
const term = fc.oneof(
  { weight: 4, arbitrary: word },
  { weight: 2, arbitrary: quotedText },
  { weight: 2, arbitrary: fc.tuple(fc.constantFrom('from:', 'to:', 'subject:'), value).map(([op, v]) => op + v) },
  { weight: 1, arbitrary: fc.constantFrom('has:attachment', 'is:unread', 'is:starred', '!!!') },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom('before:', 'after:'), fc.integer({ min: 0, max: 10 }))
      .map(([op, back]) => `${op}${new Date(NOW - back * DAY).toISOString().slice(0, 10).replace(/-/g, '/')}`),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom('older_than:', 'newer_than:'), fc.integer({ min: 0, max: 10 }))
      .map(([op, n]) => `${op}${n}d`),
  },
);
const query = fc
  .array(fc.tuple(fc.boolean(), term, fc.constantFrom(' ', ' ', ' OR ')), { minLength: 1, maxLength: 4 })
  .map((parts) => parts.map(([negate, t, joiner]) => (negate ? '-' : '') + t + joiner).join(''));

const dir = mkdtempSync(join(tmpdir(), 'glance-search-property-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('offline search: the store’s FTS5 search equals the reference matcher', () => {
  it('for random mailboxes saved in two steps and random queries of the local subset', () => {
    const db = new AccountDatabase(openDatabase(join(dir, 'property.db'), Buffer.alloc(32, 7), ACCOUNT), ACCOUNT, 1e9);
    db.load(); // a store saves only once it has read what it holds
    let checked = 0;
    const bodies = new Map<string, string>();
    try {
      fc.assert(
        fc.property(
          mailbox,
          mailbox,
          fc.array(query, { minLength: 1, maxLength: 6 }),
          fc.constantFrom<SearchScope>('all', 'unread'),
          (before, after, queries, scope) => {
            const withBody = (list: Generated[]) =>
              list.filter((m): m is Generated & { body: string } => m.body !== null).map(bodyOf);
            // The first step replaces whatever the previous run left; the second is an incremental save.
            db.save(snapshot({ messages: before.map(stored), bodies: withBody(before) }), textOf);
            db.save(snapshot({ messages: after.map(stored), bodies: withBody(after) }), textOf);
            // Bodies stay in the table when the snapshot no longer holds them (until the byte cap pushes them
            // out), across runs too: the reference knows every body the store was given.
            for (const list of [before, after]) for (const m of list) if (m.body !== null) bodies.set(m.id, m.body);
            const entries: ReferenceMessage[] = after.map((m) => ({
              message: stored(m),
              body: bodies.get(m.id) ?? null,
            }));
            for (const typed of queries) {
              const parsed = parseLocalQuery(typed, { now: NOW, startOfDay });
              if (!parsed.answerable) throw new Error(`generated an unanswerable query: ${typed} (${parsed.reason})`);
              const found = db.search(compileLocalSearch(parsed.query, scope), 1000).map((m) => m.id);
              expect({ typed, found }).toEqual({ typed, found: referenceSearch(entries, parsed.query, scope, 1000) });
              checked++;
            }
          },
        ),
        { numRuns: 150 },
      );
    } finally {
      db.close();
    }
    expect(checked).toBeGreaterThan(150);
  });
});
