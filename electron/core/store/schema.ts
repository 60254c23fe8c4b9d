/**
 * The local store's schema and its migrations. `PRAGMA user_version` holds the schema version: migration i
 * takes a database from version i to i + 1, each in its own transaction. A database of a version newer than
 * this build knows (written by a later Glance) is not opened: it is moved aside and rebuilt from Google.
 */
import type Sqlite from 'better-sqlite3-multiple-ciphers';

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
