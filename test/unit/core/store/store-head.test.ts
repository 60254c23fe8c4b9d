import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Sqlite from 'better-sqlite3-multiple-ciphers';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StoredMessage } from '../../../../electron/core/cache/mail-cache.js';
import { MailboxView } from '../../../../electron/core/gmail/mailbox-view.js';
import { isUnreadInbox } from '../../../../electron/core/gmail/summary.js';
import { memoryLogger } from '../../../../electron/core/logging.js';
import { AccountDatabase, openDatabase } from '../../../../electron/core/store/account-database.js';
import { MailStore, STORE_KEYCHAIN_SERVICE } from '../../../../electron/core/store/mail-store.js';
import { migrate, MIGRATIONS } from '../../../../electron/core/store/schema.js';
import { testSecretStore } from '../cache/helpers.js';
import { ACCOUNT, body, message, snapshot } from './helpers.js';

let dataDir: string;
const toClose: AccountDatabase[] = [];
beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'glance-store-head-'));
});
afterEach(async () => {
  for (const db of toClose.splice(0)) db.close();
  await rm(dataDir, { recursive: true, force: true });
});

function store(secretStore = testSecretStore()) {
  return { secretStore, store: new MailStore({ paths: { dataDir }, secretStore, logger: memoryLogger('test') }) };
}

/** A database in memory at the current schema (same code paths as a file, faster for properties). */
function memoryDatabase(): AccountDatabase {
  const raw = new Sqlite(':memory:');
  migrate(raw);
  raw.prepare(`INSERT INTO meta (key, value) VALUES ('accountId', ?)`).run(JSON.stringify(ACCOUNT));
  const db = new AccountDatabase(raw, ACCOUNT, 1 << 20);
  db.load(); // an empty database is loaded at once
  return db;
}

const labels = fc.subarray(['INBOX', 'UNREAD', 'SPAM', 'TRASH', 'STARRED', 'Label_7']);
const messagesArb = fc.uniqueArray(
  fc.record({
    id: fc.stringMatching(/^[0-9a-f]{1,4}$/),
    labelIds: labels,
    // Few distinct dates: ties are ordered by id.
    date: fc.integer({ min: 1, max: 6 }),
    // Few conversations: several messages share one.
    threadId: fc.constantFrom('t1', 't2', 't3', 't4'),
  }),
  { selector: (m) => m.id, maxLength: 40 },
);

describe('the first page from SQL (AccountDatabase.loadHead)', () => {
  it('is exactly the first rows of MailboxView.serveable(), with its count, for any labels, dates and listing', () => {
    fc.assert(
      fc.property(
        messagesArb,
        fc.boolean(),
        fc.option(fc.record({ date: fc.integer({ min: 0, max: 7 }), id: fc.stringMatching(/^[0-9a-f]{1,4}$/) })),
        fc.integer({ min: 1, max: 12 }),
        (specs, complete, boundary, limit) => {
          const db = memoryDatabase();
          try {
            const messages = specs.map((s) =>
              message(s.id, { labelIds: s.labelIds, date: s.date, threadId: s.threadId }),
            );
            const listing = { complete, nextPageToken: complete ? null : 'next', boundary };
            const full = snapshot({ messages, bodies: [], listing });
            db.save(full);
            const view = MailboxView.fromSnapshot(full);
            const head = db.loadHead(limit);
            expect(head?.snapshot.messages).toEqual(view.serveable().slice(0, limit));
            expect(head?.serveableCount).toBe(view.serveable().length);
            // Fully listed, the conversation count is the whole view's distinct threads; else as stored.
            expect(head?.snapshot.unreadConversationCount).toBe(complete ? view.serveableThreadCount() : undefined);
            // Sync position and listing as stored; no bodies read.
            expect({ ...head?.snapshot, messages: [], unreadConversationCount: null }).toEqual({
              ...full,
              messages: [],
              bodies: [],
              unreadConversationCount: null,
            });
          } finally {
            db.close();
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it('is null when the database holds no synced state', () => {
    const db = memoryDatabase();
    toClose.push(db);
    expect(db.loadHead(10)).toBeNull();
  });

  it('the migration marks the unread-inbox rows a database of the previous version already holds', () => {
    const raw = new Sqlite(':memory:');
    try {
      migrate(raw, MIGRATIONS.slice(0, 1));
      const rows: [string, string[]][] = [
        ['a', ['INBOX', 'UNREAD']],
        ['b', ['INBOX']],
        ['c', ['UNREAD', 'INBOX', 'SPAM']],
        ['d', ['TRASH', 'INBOX', 'UNREAD']],
        ['e', ['CATEGORY_UPDATES', 'UNREAD', 'STARRED', 'INBOX']],
        ['f', []],
      ];
      const insert = raw.prepare(
        `INSERT INTO messages (id, thread_id, label_ids, from_name, from_address, subject, snippet, date, has_attachments)
         VALUES (?, ?, ?, '', '', '', '', 1, 0)`,
      );
      for (const [id, labelIds] of rows) insert.run(id, id, JSON.stringify(labelIds));
      migrate(raw);
      const marked = raw.prepare('SELECT id FROM messages WHERE unread_inbox = 1 ORDER BY id').pluck(true).all();
      expect(marked).toEqual(rows.filter(([, l]) => isUnreadInbox(l)).map(([id]) => id));
      // The first page's query reads the index, not the table.
      const plan = raw
        .prepare(
          `EXPLAIN QUERY PLAN SELECT id FROM messages WHERE unread_inbox = 1 ORDER BY date DESC, id DESC LIMIT 5`,
        )
        .all() as { detail: string }[];
      expect(plan.map((p) => p.detail).join('\n')).toMatch(/messages_unread_inbox_newest/);
      expect(plan.map((p) => p.detail).join('\n')).not.toMatch(/TEMP B-TREE/);
    } finally {
      raw.close();
    }
  });
});

describe('loading the rest in slices', () => {
  const many = (count: number): StoredMessage[] =>
    Array.from({ length: count }, (_, i) =>
      message(`m${i}`, { labelIds: i % 3 === 0 ? ['INBOX'] : ['INBOX', 'UNREAD'] }),
    );

  it('openHead reads the first page only; the rest loads in slices with the event loop running between them', async () => {
    const { store: first, secretStore } = store();
    const opened = await first.open(ACCOUNT);
    if (opened.status === 'unavailable') throw new Error('expected a database');
    const all = many(3000);
    opened.db.save(snapshot({ messages: all, bodies: [body('m1', 200)], unreadCount: 2000 }));
    opened.db.close();

    const { store: restarted } = store(secretStore);
    const head = await restarted.openHead(ACCOUNT, 51);
    if (head.status !== 'head') throw new Error(`expected the first page, got ${head.status}`);
    toClose.push(head.db);
    const view = MailboxView.fromSnapshot(snapshot({ messages: all }));
    expect(head.head.messages).toEqual(view.serveable().slice(0, 51));
    expect(head.serveableCount).toBe(2000);
    // Nothing may be saved from a partial mirror (every unread row would look deleted).
    expect(() => head.db.save(snapshot({ messages: head.head.messages }))).toThrow('the store is still loading');
    // A body is readable before the load reached the bodies.
    expect(head.db.readBody('m1')).toEqual(body('m1', 200));

    let pauses = 0;
    let sliced = 0;
    const rest = await head.db.loadInSlices((slice) => (sliced += slice.length), {
      pause: async () => {
        pauses += 1;
        await new Promise((resolve) => setImmediate(resolve));
      },
      sliceMs: 0,
    });
    expect(sliced).toBe(3000);
    expect(pauses).toBeGreaterThan(3000 / 500); // at least one per read of rows
    expect(new Map(rest!.messages.map((m) => [m.id, m]))).toEqual(new Map(all.map((m) => [m.id, m])));
    // Loaded: a save now writes only what differs.
    expect(head.db.save(snapshot({ messages: all, bodies: [], unreadCount: 2000 }))).toMatchObject({
      upserted: 0,
      deleted: 0,
    });
  });

  it('a load stopped by closing the store ends with an error, not a partial snapshot', async () => {
    const { store: first, secretStore } = store();
    const opened = await first.open(ACCOUNT);
    if (opened.status === 'unavailable') throw new Error('expected a database');
    opened.db.save(snapshot({ messages: many(2000) }));
    opened.db.close();
    const head = await store(secretStore).store.openHead(ACCOUNT, 51);
    if (head.status !== 'head') throw new Error(`expected the first page, got ${head.status}`);
    const loading = head.db.loadInSlices(undefined, { pause: async () => head.db.close(), sliceMs: 0 });
    await expect(loading).rejects.toThrow('closed while loading');
  });

  it('openHead of an empty or new database loads it at once (nothing to defer)', async () => {
    const { store: s, secretStore } = store();
    const fresh = await s.openHead(ACCOUNT, 51);
    expect(fresh).toMatchObject({ status: 'empty', rebuilding: false });
    if (fresh.status !== 'empty') return;
    fresh.db.save(snapshot()); // loaded: saves are allowed
    fresh.db.close();
    const key = Buffer.from(secretStore.entries.get(`${STORE_KEYCHAIN_SERVICE}/${ACCOUNT}`)!, 'base64');
    const raw = openDatabase(s.pathFor(ACCOUNT), key, ACCOUNT);
    try {
      expect(raw.prepare('SELECT id, unread_inbox FROM messages').all()).toEqual([{ id: 'a1', unread_inbox: 1 }]);
    } finally {
      raw.close();
    }
  });
});
