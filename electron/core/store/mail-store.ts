/**
 * The local store: one encrypted SQLite database per account, `<dataDir>/mail/<accountId>.db` (0600, in a
 * 0700 folder), SQLCipher-compatible, keyed with a random 256-bit key kept in the OS keychain (service
 * "Glance Cache", account = the account id; the same entry the earlier JSON cache used), never on disk.
 *
 * A database that does not open — corrupt, truncated, the wrong key, another account's, or a schema version
 * newer than this build — is moved aside (`<name>.corrupt-<time>`, never deleted: a person may want it back)
 * and rebuilt from Google; the account's sync state says so. The earlier whole-file JSON cache
 * (`<dataDir>/cache/<accountId>.bin`) is imported once, then deleted.
 */
import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
} from 'node:fs';
import { join } from 'node:path';
import type { Logger } from '../logging.js';
import type { AppPaths, SecretStore } from '../ports.js';
import { openSnapshot, type CacheSnapshot } from '../cache/mail-cache.js';
import { AccountDatabase, openDatabase, UnreadableStoreError } from './account-database.js';
import { ActionJournal } from './action-journal.js';
import { MIGRATIONS, UnknownSchemaVersionError } from './schema.js';

export const STORE_KEYCHAIN_SERVICE = 'Glance Cache';
const DB_SIDE_FILES = ['-wal', '-shm'];

export interface MailStoreOptions {
  paths: AppPaths;
  secretStore: SecretStore;
  logger: Logger;
  /** Byte cap of the bodies table (default 16 MiB). */
  maxBodyBytes?: number;
  /** Time source for the name of a file moved aside. */
  now?: () => number;
  /** The native module's file when not node_modules' (an unpackaged Electron run; see GlanceCoreOptions). */
  nativeBinding?: string;
}

export type StoreOpen =
  | { status: 'loaded'; snapshot: CacheSnapshot; db: AccountDatabase }
  /** No synced state yet; `rebuilding` when an unreadable database (or old cache) was set aside. */
  | { status: 'empty'; db: AccountDatabase; rebuilding: boolean }
  /** Keychain unavailable: the account runs without a local store. */
  | { status: 'unavailable' };

/**
 * openHead's answer: like StoreOpen, or `head` — the sync position and the first serveable messages only
 * (AccountDatabase.loadHead); the rest is read with `db.loadInSlices()`, and nothing may be saved before.
 */
export type StoreOpenHead =
  | StoreOpen
  /** `serveableCount`: how many messages the whole serveable view holds (counted in SQL). */
  | { status: 'head'; head: CacheSnapshot; serveableCount: number; db: AccountDatabase };

function safeName(accountId: string): string {
  // Account ids are Google's numeric ids (the contract allows [A-Za-z0-9_.@-]); keep the file name tame anyway.
  return accountId.replace(/[^A-Za-z0-9_.@-]/g, '_');
}

function sqliteReason(error: unknown): string {
  // A code (SQLITE_…, EACCES, ENOSPC…) or the error's class, never its message: a file-system message names
  // the person's folders and a JSON parse error quotes the decrypted mail it choked on.
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string') return code;
  return error instanceof Error ? error.name : 'unknown';
}

/** The file itself is bad (wrong key, corrupt, truncated, another account's, a newer schema): set it aside. */
export function isUnreadableFile(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string')
    return code === 'SQLITE_NOTADB' || code === 'SQLITE_FORMAT' || code.startsWith('SQLITE_CORRUPT');
  return (
    error instanceof UnknownSchemaVersionError || error instanceof UnreadableStoreError || error instanceof SyntaxError
  );
}

export class MailStore {
  private readonly keys = new Map<string, Buffer>();

  constructor(private readonly options: MailStoreOptions) {}

  get folder(): string {
    return join(this.options.paths.dataDir, 'mail');
  }

  pathFor(accountId: string): string {
    return join(this.folder, `${safeName(accountId)}.db`);
  }

  /** The account's actions waiting to reach Gmail: a file of its own, so a rebuilt mail copy keeps them. */
  journalPathFor(accountId: string): string {
    return join(this.folder, `${safeName(accountId)}.actions.db`);
  }

  /** The earlier whole-file cache, imported once. */
  legacyPathFor(accountId: string): string {
    return join(this.options.paths.dataDir, 'cache', `${safeName(accountId)}.bin`);
  }

  private async key(accountId: string): Promise<{ key: Buffer; created: boolean }> {
    const known = this.keys.get(accountId);
    if (known) return { key: known, created: false };
    const stored = await this.options.secretStore.get(STORE_KEYCHAIN_SERVICE, accountId);
    if (stored) {
      const key = Buffer.from(stored, 'base64');
      if (key.length === 32) {
        this.keys.set(accountId, key);
        return { key, created: false };
      }
      this.options.logger.warn('store: the keychain holds a store key of the wrong size; making a new one', {
        accountId,
      });
    }
    const key = randomBytes(32);
    await this.options.secretStore.set(STORE_KEYCHAIN_SERVICE, accountId, key.toString('base64'));
    this.keys.set(accountId, key);
    return { key, created: true };
  }

  /** Opens (or creates) the account's database and reads it. Never throws for a bad file: it is set aside. */
  async open(accountId: string): Promise<StoreOpen> {
    return (await this.openReading(accountId, null)) as StoreOpen;
  }

  /**
   * Like open(), but reads only the sync position and the first `headSize` serveable messages when the
   * database holds a synced state (`head`): the first page is served before the rest is loaded.
   */
  openHead(accountId: string, headSize: number): Promise<StoreOpenHead> {
    return this.openReading(accountId, headSize);
  }

  private async openReading(accountId: string, headSize: number | null): Promise<StoreOpenHead> {
    let key: Buffer;
    try {
      ({ key } = await this.key(accountId));
    } catch (error) {
      this.options.logger.warn('store: keychain unavailable; running without a local store', {
        accountId,
        error: (error as Error).name,
      });
      return { status: 'unavailable' };
    }
    try {
      mkdirSync(this.folder, { recursive: true, mode: 0o700 });
      chmodSync(this.folder, 0o700);
    } catch (error) {
      // An unwritable data folder: the account still works, from Google, without a local copy.
      this.options.logger.warn('store: no folder for the local store; running without it', {
        accountId,
        reason: sqliteReason(error),
      });
      return { status: 'unavailable' };
    }
    const path = this.pathFor(accountId);
    let rebuilding = false;
    let opened: { db: AccountDatabase; snapshot: CacheSnapshot | null; serveableCount: number | null } | null = null;
    try {
      opened = this.openAndLoad(path, key, accountId, headSize);
    } catch (error) {
      if (!isUnreadableFile(error)) {
        // Not the file's fault (disk full, permissions, a native module built for another runtime): keep it.
        this.options.logger.warn('store: could not open the local store; running without it', {
          accountId,
          reason: sqliteReason(error),
        });
        return { status: 'unavailable' };
      }
      this.options.logger.warn('store: setting an unreadable database aside and rebuilding from Google', {
        accountId,
        reason: sqliteReason(error),
      });
      this.moveAside(path);
      rebuilding = true;
    }
    try {
      opened ??= this.openAndLoad(path, key, accountId, headSize);
    } catch (error) {
      // Even a fresh file would not open (disk full, permissions): run without a store this time.
      this.options.logger.warn('store: could not create the local store; running without it', {
        accountId,
        reason: sqliteReason(error),
      });
      return { status: 'unavailable' };
    }
    const { db } = opened;
    let snapshot = opened.snapshot;
    const imported = this.importLegacy(accountId, key, db, snapshot === null);
    if (imported === 'unreadable') rebuilding = true;
    else if (imported) snapshot = imported;
    if (snapshot && opened.serveableCount !== null && !imported)
      return { status: 'head', head: snapshot, serveableCount: opened.serveableCount, db };
    if (snapshot) return { status: 'loaded', snapshot, db };
    return { status: 'empty', db, rebuilding };
  }

  /**
   * A database found unreadable after it opened (loading the rest of it, or during a save): closed, set
   * aside like one found at open, and a new empty one opened in its place. Null when no new one opens (the
   * account then runs without a store).
   */
  async replaceUnreadable(accountId: string, db: AccountDatabase, error: unknown): Promise<AccountDatabase | null> {
    db.close();
    this.options.logger.warn('store: setting an unreadable database aside and rebuilding from Google', {
      accountId,
      reason: sqliteReason(error),
    });
    try {
      const { key } = await this.key(accountId);
      const path = this.pathFor(accountId);
      this.moveAside(path);
      return this.openAndLoad(path, key, accountId, null).db;
    } catch (failure) {
      this.options.logger.warn('store: could not create the local store; running without it', {
        accountId,
        reason: sqliteReason(failure),
      });
      return null;
    }
  }

  private openAndLoad(path: string, key: Buffer, accountId: string, headSize: number | null) {
    if (!existsSync(path)) closeSync(openSync(path, 'a', 0o600)); // SQLite gives its -wal/-shm files this mode too
    chmodSync(path, 0o600);
    const raw = openDatabase(path, key, accountId, MIGRATIONS, this.options.nativeBinding);
    const db = new AccountDatabase(raw, accountId, this.options.maxBodyBytes ?? 16 * 1024 * 1024);
    try {
      const head = headSize === null ? null : db.loadHead(headSize);
      if (head) return { db, ...head };
      return { db, snapshot: db.load(), serveableCount: null };
    } catch (error) {
      db.close();
      throw error;
    }
  }

  /** Moves the database (and its WAL) aside as `<name>.corrupt-<time>`. */
  private moveAside(path: string): void {
    const stamp = new Date(this.options.now?.() ?? Date.now()).toISOString().replace(/[:.]/g, '-');
    for (const suffix of ['', ...DB_SIDE_FILES]) {
      if (existsSync(path + suffix)) renameSync(path + suffix, `${path}.corrupt-${stamp}${suffix}`);
    }
  }

  /**
   * The earlier JSON cache, when it is still there: imported into an empty database in one transaction,
   * then deleted. Returns the imported snapshot, 'unreadable' (deleted), or null (nothing to import).
   */
  private importLegacy(
    accountId: string,
    key: Buffer,
    db: AccountDatabase,
    databaseEmpty: boolean,
  ): CacheSnapshot | 'unreadable' | null {
    const legacy = this.legacyPathFor(accountId);
    if (!existsSync(legacy)) return null;
    let result: CacheSnapshot | 'unreadable' | null = null;
    if (databaseEmpty) {
      try {
        const snapshot = openSnapshot(key, accountId, readFileSync(legacy));
        db.save(snapshot);
        this.options.logger.info('store: imported the earlier cache file', {
          accountId,
          messages: snapshot.messages.length,
        });
        result = snapshot;
      } catch (error) {
        this.options.logger.warn('store: the earlier cache file could not be imported; rebuilding from Google', {
          accountId,
          reason: sqliteReason(error),
        });
        result = 'unreadable';
      }
    }
    rmSync(legacy, { force: true });
    return result;
  }

  /**
   * The account's action journal (opened after `open`, with the same key). A journal that does not open is
   * set aside like the mail copy and started empty (its actions cannot be read back); without a key or a
   * folder the journal lives in memory for this run.
   */
  async openJournal(accountId: string): Promise<ActionJournal> {
    let key: Buffer;
    try {
      ({ key } = await this.key(accountId));
      mkdirSync(this.folder, { recursive: true, mode: 0o700 });
    } catch (error) {
      this.options.logger.warn('store: no action journal on disk; actions wait in memory only', {
        accountId,
        reason: sqliteReason(error),
      });
      return ActionJournal.inMemory();
    }
    const path = this.journalPathFor(accountId);
    const openHere = () => {
      if (!existsSync(path))
        return ActionJournal.createOnFirstAction(path, key, accountId, () => {
          closeSync(openSync(path, 'a', 0o600)); // SQLite gives its -wal/-shm files this mode too
        });
      chmodSync(path, 0o600);
      return ActionJournal.open(path, key, accountId);
    };
    try {
      return openHere();
    } catch (error) {
      if (isUnreadableFile(error)) {
        this.options.logger.warn('store: setting an unreadable action journal aside; its actions are lost', {
          accountId,
          reason: sqliteReason(error),
        });
        try {
          this.moveAside(path);
          return openHere(); // no file now: a new one is made at the next action
        } catch {
          // Could not move it (permissions): fall through to a journal in memory.
        }
      }
      this.options.logger.warn('store: could not open the action journal; actions wait in memory only', {
        accountId,
        reason: sqliteReason(error),
      });
      return ActionJournal.inMemory();
    }
  }

  /**
   * Sign-out: delete the database and the action journal (with their WALs and any copy set aside), the
   * earlier cache file and the key.
   */
  async remove(accountId: string): Promise<void> {
    this.keys.delete(accountId);
    for (const path of [this.pathFor(accountId), this.journalPathFor(accountId)])
      for (const suffix of ['', ...DB_SIDE_FILES]) rmSync(path + suffix, { force: true });
    const asidePrefixes = [`${safeName(accountId)}.db.corrupt-`, `${safeName(accountId)}.actions.db.corrupt-`];
    if (existsSync(this.folder))
      for (const name of readdirSync(this.folder))
        if (asidePrefixes.some((prefix) => name.startsWith(prefix))) rmSync(join(this.folder, name), { force: true });
    rmSync(this.legacyPathFor(accountId), { force: true });
    await this.options.secretStore.delete(STORE_KEYCHAIN_SERVICE, accountId);
  }
}
