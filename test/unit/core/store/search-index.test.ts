/**
 * The offline search index inside each account's store: kept in step with every save (new, changed and
 * deleted messages, bodies written and pushed out by the byte cap), built for messages already stored when
 * an older database is migrated, kept across a restart, and gone with the account at sign-out.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Sqlite from 'better-sqlite3-multiple-ciphers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StoredBody } from '../../../../electron/core/cache/mail-cache.js';
import { memoryLogger } from '../../../../electron/core/logging.js';
import { BodyTexts, bodyText, htmlToText } from '../../../../electron/core/search/body-text.js';
import { parseLocalQuery } from '../../../../electron/core/search/local-query.js';
import { compileLocalSearch, type SearchScope } from '../../../../electron/core/search/local-search.js';
import type { AccountDatabase } from '../../../../electron/core/store/account-database.js';
import { MailStore, type StoreOpen } from '../../../../electron/core/store/mail-store.js';
import { migrate, MIGRATIONS } from '../../../../electron/core/store/schema.js';
import { testSecretStore } from '../cache/helpers.js';
import { ACCOUNT, message, snapshot } from './helpers.js';

let dataDir: string;
const opened: StoreOpen[] = [];
beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'glance-search-index-'));
});
afterEach(async () => {
  for (const o of opened.splice(0)) if (o.status !== 'unavailable') o.db.close();
  await rm(dataDir, { recursive: true, force: true });
});

function setup(options: { maxBodyBytes?: number; secretStore?: ReturnType<typeof testSecretStore> } = {}) {
  const secretStore = options.secretStore ?? testSecretStore();
  const store = new MailStore({
    paths: { dataDir },
    secretStore,
    logger: memoryLogger('test'),
    ...(options.maxBodyBytes ? { maxBodyBytes: options.maxBodyBytes } : {}),
  });
  const open = async () => {
    const result = await store.open(ACCOUNT);
    opened.push(result);
    if (result.status === 'unavailable') throw new Error('expected a database');
    return result.db;
  };
  return { store, secretStore, open };
}

function find(db: AccountDatabase, text: string, scope: SearchScope = 'all'): string[] {
  const parsed = parseLocalQuery(text, { now: Date.UTC(2026, 11, 7) });
  if (!parsed.answerable) throw new Error(`not answerable: ${text}`);
  return db.search(compileLocalSearch(parsed.query, scope), 100).map((m) => m.id);
}

const mime = (text: string, html?: string) =>
  Buffer.from(
    html
      ? [
          'Subject: x',
          'Content-Type: multipart/alternative; boundary="b"',
          '',
          '--b',
          'Content-Type: text/html; charset=utf-8',
          '',
          html,
          '--b--',
          '',
        ].join('\r\n')
      : `Subject: x\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n${text}\r\n`,
  ).toString('base64url');

const bodyWith = (id: string, raw: string): StoredBody => ({ id, threadId: id, labelIds: ['INBOX', 'UNREAD'], raw });

describe('the offline search index', () => {
  it('follows each save: new, changed (words and labels) and deleted messages', async () => {
    const { open } = setup();
    const db = await open();
    const a = message('a1', {
      subject: 'Quarterly numbers',
      from: { name: 'Ann Lee', address: 'ann@northwind.example' },
      to: '"Bob, Jr." <bob@example.com>, Cara <cara@example.com>',
      snippet: 'Draft attached',
    });
    const b = message('b2', { subject: 'Lunch', from: { name: 'Bob', address: 'bob@example.com' }, snippet: 'noon' });
    db.save(snapshot({ messages: [a, b], bodies: [] }));
    expect(find(db, 'quarterly')).toEqual(['a1']);
    expect(find(db, 'from:northwind')).toEqual(['a1']);
    expect(find(db, 'to:cara')).toEqual(['a1']);
    expect(find(db, 'to:"bob jr"')).toEqual(['a1']);
    // A phrase never runs from one recipient into the next.
    expect(find(db, 'to:"com cara"')).toEqual([]);
    expect(find(db, 'draft')).toEqual(['a1']);
    // Newest first (helpers.ts dates: a1 is newer than b2).
    expect(find(db, 'bob')).toEqual(['a1', 'b2']);

    // New words replace the old ones; a label change keeps the words and is seen by is:starred.
    db.save(
      snapshot({
        messages: [{ ...a, subject: 'Annual figures', labelIds: [...a.labelIds, 'STARRED'] }, b],
        bodies: [],
      }),
    );
    expect(find(db, 'quarterly')).toEqual([]);
    expect(find(db, 'annual figures is:starred')).toEqual(['a1']);
    expect(find(db, 'draft')).toEqual(['a1']);

    db.save(snapshot({ messages: [b], bodies: [] }));
    expect(find(db, 'annual')).toEqual([]);
    expect(find(db, 'to:cara')).toEqual([]);
    expect(find(db, 'lunch')).toEqual(['b2']);
  });

  it('indexes cached bodies (plain text, HTML reduced to text) and forgets those the byte cap pushes out', async () => {
    const { open } = setup({ maxBodyBytes: 3000 });
    const db = await open();
    const texts = new BodyTexts();
    const messages = [message('a1'), message('b2')];
    const plain = bodyWith('a1', mime('The password reset code is in the portal.'));
    const html = bodyWith(
      'b2',
      mime('', '<html><head><style>.x{}</style></head><p>Invoice&nbsp;<b>4711</b> is due</p>'),
    );
    await texts.prepare([plain, html]);
    db.save(snapshot({ messages, bodies: [plain, html] }), texts.textOf);
    expect(find(db, 'portal')).toEqual(['a1']);
    expect(find(db, '"invoice 4711"')).toEqual(['b2']);
    expect(find(db, 'style')).toEqual([]);
    // A body too large for the cap pushes both older ones out of the table, and out of the index.
    const big = bodyWith('a1', mime(`portal ${'x'.repeat(2000)}`));
    await texts.prepare([big]);
    db.save(snapshot({ messages, bodies: [plain, html, big].slice(2) }), texts.textOf);
    expect(db.storedBodies().map((stored) => stored.id)).toEqual(['a1']);
    expect(find(db, 'invoice')).toEqual([]);
    expect(find(db, 'portal')).toEqual(['a1']);
  });

  it('keeps the index across a restart, and loses it with the account at sign-out', async () => {
    const { store, secretStore, open } = setup();
    const db = await open();
    db.save(snapshot({ messages: [message('a1', { subject: 'Offsite agenda' })], bodies: [] }));
    db.close();
    const again = await setup({ secretStore }).open();
    expect(find(again, 'agenda')).toEqual(['a1']);
    again.close();
    await store.remove(ACCOUNT);
    const fresh = await setup({ secretStore }).open();
    expect(find(fresh, 'agenda')).toEqual([]);
  });

  it('a database from before the index gets one for the messages it holds when migrated', () => {
    const db = new Sqlite(':memory:');
    try {
      migrate(db, MIGRATIONS.slice(0, 1));
      db.prepare(
        `INSERT INTO messages (id, thread_id, label_ids, from_name, from_address, subject, snippet, date, has_attachments)
         VALUES ('a1', 'a1', '["INBOX","UNREAD"]', 'Zoë', 'zoe@example.com', 'Café menu', 'lunch', 1, 0)`,
      ).run();
      migrate(db);
      const hits = (match: string) =>
        db.prepare('SELECT rowid FROM message_words WHERE message_words MATCH ?').all(match).length;
      expect(hits('"cafe"')).toBe(1);
      expect(hits('sender : "zoe"')).toBe(1);
      expect(hits('"tea"')).toBe(0);
    } finally {
      db.close();
    }
  });
});

describe('body text', () => {
  it('prefers the plain part, reduces HTML to text, decodes entities and survives garbage', async () => {
    expect((await bodyText(mime('Hello Zoë'))).trim()).toBe('Hello Zoë');
    expect(htmlToText('<script>x()</script><p>a&amp;b &#233;&#x41;</p><!-- c -->')).toMatch(/^\s*a&b éA\s*$/);
    expect(await bodyText('%%% not base64 %%%')).toBeTypeOf('string');
  });
});
