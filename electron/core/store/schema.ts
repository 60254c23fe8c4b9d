/**
 * The local store's schema and its migrations. `PRAGMA user_version` holds the schema version: migration i
 * takes a database from version i to i + 1, each in its own transaction. A database of a version newer than
 * this build knows (written by a later Glance) is not opened: it is moved aside and rebuilt from Google.
 */
import type Sqlite from 'better-sqlite3-multiple-ciphers';
import { FTS_TOKENIZER, messageSearchColumns } from '../search/search-text.js';

type Database = Sqlite.Database;

export type Migration = (db: Database) => void;

export const MIGRATIONS: readonly Migration[] = [
  // 0 → 1: messages (metadata + labels), the sync position, opened bodies in an LRU. No secondary index:
  // the core orders in memory, and loading reads every page there is (so a damaged page shows at once).
  (db) => {
    db.exec(`
      CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
      CREATE TABLE messages (
        id TEXT PRIMARY KEY,
        thread_id TEXT NOT NULL,
        label_ids TEXT NOT NULL,
        from_name TEXT NOT NULL,
        from_address TEXT NOT NULL,
        subject TEXT NOT NULL,
        snippet TEXT NOT NULL,
        date INTEGER NOT NULL,
        has_attachments INTEGER NOT NULL
      );
      CREATE TABLE bodies (
        id TEXT PRIMARY KEY,
        thread_id TEXT NOT NULL,
        label_ids TEXT NOT NULL,
        -- Before raw: reading them (the LRU trim) then never walks a large body's overflow pages.
        bytes INTEGER NOT NULL,
        used INTEGER NOT NULL,
        raw TEXT NOT NULL
      );
    `);
  },
  // 1 → 2: messages.unread_inbox and a partial index on it, newest first: the first unread page is read
  // straight from SQL at start, before the rest of the view is loaded (see AccountDatabase.loadHead).
  (db) => {
    db.exec(`
      ALTER TABLE messages ADD COLUMN unread_inbox INTEGER NOT NULL DEFAULT 0;
      -- The same rule as summary.ts isUnreadInbox: INBOX and UNREAD, never SPAM or TRASH.
      UPDATE messages SET unread_inbox = 1
        WHERE EXISTS (SELECT 1 FROM json_each(label_ids) WHERE value = 'INBOX')
          AND EXISTS (SELECT 1 FROM json_each(label_ids) WHERE value = 'UNREAD')
          AND NOT EXISTS (SELECT 1 FROM json_each(label_ids) WHERE value IN ('SPAM', 'TRASH'));
      CREATE INDEX messages_unread_inbox_newest ON messages (date DESC, id DESC) WHERE unread_inbox = 1;
    `);
  },
  // 2 → 3: offline search: messages.recipients (the To header), and two FTS5 indexes of words normalised in
  // JavaScript (core/search/search-text.ts): message_words over the metadata (its rowid is the message's
  // rowid) and body_words over the text of cached bodies (its rowid is the body's). Contentless: the text
  // is in the tables already. Rowids are stable: the only VACUUM (clearing the local copy) runs once both tables are empty.
  (db) => {
    db.exec(`
      ALTER TABLE messages ADD COLUMN recipients TEXT NOT NULL DEFAULT '';
      CREATE VIRTUAL TABLE message_words USING fts5(
        subject, sender, recipients, snippet, content = '', contentless_delete = 1, tokenize = "${FTS_TOKENIZER}"
      );
      -- Newest first with what the filters read: a search walks this (stopping at a page of rows) rather
      -- than fetching and sorting every message a common word matches.
      CREATE INDEX messages_search_order ON messages (date DESC, id DESC, label_ids, has_attachments);
      CREATE VIRTUAL TABLE body_words USING fts5(
        body, content = '', contentless_delete = 1, tokenize = "${FTS_TOKENIZER}"
      );
    `);
    // Messages already stored are indexed now; bodies already stored, when they are next written.
    const rows = db
      .prepare('SELECT rowid, from_name, from_address, subject, snippet FROM messages')
      .raw(true)
      .all() as [number, string, string, string, string][];
    const insert = db.prepare(
      'INSERT INTO message_words (rowid, subject, sender, recipients, snippet) VALUES (?, ?, ?, ?, ?)',
    );
    for (const [rowid, name, address, subject, snippet] of rows) {
      const columns = messageSearchColumns({ subject, snippet, from: { name, address } });
      insert.run(rowid, columns.subject, columns.sender, columns.recipients, columns.snippet);
    }
  },
];

export const SCHEMA_VERSION = MIGRATIONS.length;

export class UnknownSchemaVersionError extends Error {
  constructor(found: number, known: number) {
    super(`schema version ${found}, this build knows up to ${known}`);
    this.name = 'UnknownSchemaVersionError';
  }
}

/** Brings the database to the last version of `migrations`; throws UnknownSchemaVersionError for a newer one. */
export function migrate(db: Database, migrations: readonly Migration[] = MIGRATIONS): number {
  const found = db.pragma('user_version', { simple: true }) as number;
  if (found > migrations.length) throw new UnknownSchemaVersionError(found, migrations.length);
  for (let version = found; version < migrations.length; version++) {
    db.transaction(() => {
      migrations[version]!(db);
      db.pragma(`user_version = ${version + 1}`);
    })();
  }
  return migrations.length;
}
