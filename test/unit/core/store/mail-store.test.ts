import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Sqlite from 'better-sqlite3-multiple-ciphers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sealSnapshot } from '../../../../electron/core/cache/mail-cache.js';
import { memoryLogger } from '../../../../electron/core/logging.js';
import { openDatabase } from '../../../../electron/core/store/account-database.js';
import { MailStore, STORE_KEYCHAIN_SERVICE, type StoreOpen } from '../../../../electron/core/store/mail-store.js';
import { migrate, MIGRATIONS, SCHEMA_VERSION } from '../../../../electron/core/store/schema.js';
import { testSecretStore } from '../cache/helpers.js';
import { ACCOUNT, body, message, snapshot } from './helpers.js';

let dataDir: string;
const opened: StoreOpen[] = [];
beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'glance-store-'));
});
afterEach(async () => {
  for (const o of opened.splice(0)) if (o.status !== 'unavailable') o.db.close();
  await rm(dataDir, { recursive: true, force: true });
});

function setup(
  options: { failing?: boolean; maxBodyBytes?: number; secretStore?: ReturnType<typeof testSecretStore> } = {},
) {
  const secretStore = options.secretStore ?? testSecretStore(options);
  const logger = memoryLogger('test');
  const store = new MailStore({
    paths: { dataDir },
    secretStore,
    logger,
    now: () => Date.UTC(2026, 11, 7, 10, 0, 0),
    ...(options.maxBodyBytes ? { maxBodyBytes: options.maxBodyBytes } : {}),
  });
  const open = async (accountId = ACCOUNT) => {
    const result = await store.open(accountId);
    opened.push(result);
    return result;
  };
  return { store, secretStore, logger, open };
}

function dbOf(result: StoreOpen) {
  if (result.status === 'unavailable') throw new Error('expected a database');
  return result.db;
}

/** Opens the account's file directly with the key from the keychain (what a restart reads). */
function rawDatabase(store: MailStore, secretStore: ReturnType<typeof testSecretStore>) {
  const key = Buffer.from(secretStore.entries.get(`${STORE_KEYCHAIN_SERVICE}/${ACCOUNT}`)!, 'base64');
  return openDatabase(store.pathFor(ACCOUNT), key, ACCOUNT);
}

describe('MailStore', () => {
  it('round-trips a snapshot, encrypted at rest with a 32-byte key in the keychain; 0600 file in a 0700 folder', async () => {
    const { store, secretStore, open } = setup();
    const first = await open();
    expect(first).toMatchObject({ status: 'empty', rebuilding: false });
    dbOf(first).save(snapshot());
    dbOf(first).close();
    const key = secretStore.entries.get(`${STORE_KEYCHAIN_SERVICE}/${ACCOUNT}`);
    expect(Buffer.from(key!, 'base64')).toHaveLength(32);
    const file = await readFile(store.pathFor(ACCOUNT));
    expect(file.length).toBeGreaterThan(0);
    expect(file.includes(Buffer.from('Quarterly'))).toBe(false);
    expect(file.includes(Buffer.from('ann@example.com'))).toBe(false);
    expect(file.subarray(0, 16).toString('latin1')).not.toBe('SQLite format 3\0');
    if (process.platform !== 'win32') {
      expect((await stat(store.pathFor(ACCOUNT))).mode & 0o777).toBe(0o600);
      expect((await stat(store.folder)).mode & 0o777).toBe(0o700);
    }
    // A new instance (app restart) reads it back with the key from the keychain; bodies are read when asked.
    const { open: reopen } = setup({ secretStore });
    const again = await reopen();
    expect(again).toMatchObject({ status: 'loaded', snapshot: { ...snapshot(), bodies: [] } });
    expect(dbOf(again).readBody('a1')).toEqual(snapshot().bodies[0]);
    expect(dbOf(again).readBody('zz')).toBeNull();
  });

  it('creates the schema at the current user_version, in WAL mode', async () => {
    const { store, secretStore, open } = setup();
    dbOf(await open()).close();
    const db = rawDatabase(store, secretStore);
    try {
      expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      // The search index's FTS5 tables keep shadow tables of their own (message_words_data…): not listed.
      const tables = (
        db
          .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '%words\\_%' ESCAPE '\\'`)
          .all() as { name: string }[]
      )
        .map((t) => t.name)
        .sort();
      expect(tables).toEqual(['bodies', 'body_words', 'message_words', 'messages', 'meta']);
    } finally {
      db.close();
    }
  });

  it('migrates step by step from an older version and refuses a newer one', () => {
    const db = new Sqlite(':memory:');
    try {
      const seen: number[] = [];
      const last = SCHEMA_VERSION;
      const next = (d: Sqlite.Database) => {
        seen.push(d.pragma('user_version', { simple: true }) as number);
        d.exec('ALTER TABLE messages ADD COLUMN starred INTEGER NOT NULL DEFAULT 0');
      };
      expect(migrate(db)).toBe(last);
      expect(migrate(db, [...MIGRATIONS, next])).toBe(last + 1);
      expect(seen).toEqual([last]);
      expect(db.pragma('user_version', { simple: true })).toBe(last + 1);
      expect(migrate(db, [...MIGRATIONS, next])).toBe(last + 1); // nothing runs twice
      expect(seen).toEqual([last]);
      expect(() => migrate(db)).toThrow(`schema version ${last + 1}, this build knows up to ${last}`);
    } finally {
      db.close();
    }
  });

  it('a migration that fails leaves the database at its previous version', () => {
    const db = new Sqlite(':memory:');
    try {
      migrate(db);
      const broken = () => {
        throw new Error('half done');
      };
      expect(() => migrate(db, [...MIGRATIONS, (d) => (d.exec('CREATE TABLE extra (x)'), broken())])).toThrow(
        'half done',
      );
      expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
      expect(db.prepare(`SELECT count(*) AS n FROM sqlite_master WHERE name = 'extra'`).get()).toEqual({ n: 0 });
    } finally {
      db.close();
    }
  });

  it('saves only what changed: one label change is one row, a removed message one delete, an idle save nothing', async () => {
    const { open, secretStore } = setup();
    const db = dbOf(await open());
    const messages = Array.from({ length: 200 }, (_, i) => message(`m${i}`));
    expect(db.save(snapshot({ messages, bodies: [] }))).toMatchObject({ upserted: 200, deleted: 0 });
    expect(db.save(snapshot({ messages, bodies: [] }))).toEqual({
      upserted: 0,
      deleted: 0,
      bodiesWritten: 0,
      bodiesDeleted: 0,
      metaWritten: 0,
    });
    const changed = messages.slice(1).map((m, i) => (i === 0 ? { ...m, labelIds: ['INBOX'] } : m));
    // A full resync builds new objects with the same content: those are not written again.
    const rebuilt = changed.map((m) => ({ ...m, from: { ...m.from }, labelIds: [...m.labelIds] }));
    expect(db.save(snapshot({ messages: rebuilt, bodies: [], historyId: '5000' }))).toEqual({
      upserted: 1,
      deleted: 1,
      bodiesWritten: 0,
      bodiesDeleted: 0,
      metaWritten: 1,
    });
    db.close();
    const { open: reopen } = setup({ secretStore });
    const again = await reopen();
    expect(again.status).toBe('loaded');
    if (again.status !== 'loaded') return;
    expect(again.snapshot.historyId).toBe('5000');
    expect(new Map(again.snapshot.messages.map((m) => [m.id, m]))).toEqual(new Map(rebuilt.map((m) => [m.id, m])));
  });

  it('a save is one transaction: when it fails half-way nothing of it is kept, and the next save writes it all', async () => {
    const { open, store, secretStore } = setup();
    const db = dbOf(await open());
    db.save(snapshot({ messages: [message('a1')], historyId: '1' }));
    const broken = { ...message('b2'), from: undefined } as unknown as ReturnType<typeof message>;
    expect(() => db.save(snapshot({ messages: [message('a1'), message('c3'), broken], historyId: '2' }))).toThrow();
    const raw = rawDatabase(store, secretStore);
    try {
      expect(raw.prepare('SELECT id FROM messages ORDER BY id').all()).toEqual([{ id: 'a1' }]);
      expect(raw.prepare(`SELECT value FROM meta WHERE key = 'historyId'`).get()).toEqual({ value: '"1"' });
    } finally {
      raw.close();
    }
    expect(db.save(snapshot({ messages: [message('a1'), message('c3')], historyId: '2' }))).toMatchObject({
      upserted: 1,
      metaWritten: 1,
    });
  });

  it('keeps bodies least recently used first under the byte cap', async () => {
    const { open, secretStore } = setup({ maxBodyBytes: 1000 });
    const db = dbOf(await open());
    const [b1, b2, b3, b4] = ['b1', 'b2', 'b3', 'b4'].map((id) => body(id, 400));
    expect(db.save(snapshot({ bodies: [b1!, b2!, b3!, b4!] })).bodiesDeleted).toBe(2); // b1, b2 over the cap
    // b3 used again: now b4 is the oldest; a new body b5 pushes b4 out.
    const b5 = body('b5', 400);
    db.save(snapshot({ bodies: [b4!, b3!, b5] }));
    db.close();
    const { open: reopen } = setup({ secretStore, maxBodyBytes: 1000 });
    const again = dbOf(await reopen());
    expect(again.storedBodies().map((b) => b.id)).toEqual(['b3', 'b5']);
  });

  it('keeps bodies the in-memory LRU let go, older than those it holds, until the byte cap pushes them out', async () => {
    const { open, secretStore } = setup({ maxBodyBytes: 1000 });
    const db = dbOf(await open());
    const [b1, b2, b3] = ['b1', 'b2', 'b3'].map((id) => body(id, 300));
    db.save(snapshot({ bodies: [b1!, b2!] }));
    // After a restart the LRU starts empty: an idle save deletes nothing.
    db.close();
    const { open: reopen } = setup({ secretStore, maxBodyBytes: 1000 });
    const again = dbOf(await reopen());
    expect(again.save(snapshot({ bodies: [] })).bodiesDeleted).toBe(0);
    // b1 read again and a new b3: b2 is now the oldest, and over the cap only with a fourth body.
    const read = again.readBody('b1')!;
    expect(again.save(snapshot({ bodies: [read, b3!] }))).toMatchObject({ bodiesWritten: 1, bodiesDeleted: 0 });
    expect(again.storedBodies().map((b) => b.id)).toEqual(['b2', 'b1', 'b3']);
    expect(again.save(snapshot({ bodies: [read, b3!, body('b4', 300)] })).bodiesDeleted).toBe(1);
    expect(again.storedBodies().map((b) => b.id)).toEqual(['b1', 'b3', 'b4']);
  });

  it('sign-out deletes the database, its WAL, any copy set aside, the earlier cache file and the key', async () => {
    const { store, secretStore, open } = setup();
    const db = dbOf(await open());
    db.save(snapshot());
    await writeFile(`${store.pathFor(ACCOUNT)}.corrupt-2026-01-01T00-00-00-000Z`, 'old');
    await mkdir(join(dataDir, 'cache'), { recursive: true });
    await writeFile(store.legacyPathFor(ACCOUNT), 'old');
    const other = dbOf(await open('999'));
    other.save(snapshot({ accountId: '999' }));
    db.close();
    await store.remove(ACCOUNT);
    expect(secretStore.entries.has(`${STORE_KEYCHAIN_SERVICE}/${ACCOUNT}`)).toBe(false);
    expect(await readdir(store.folder)).toEqual(expect.not.arrayContaining([expect.stringMatching(ACCOUNT)]));
    expect((await readdir(store.folder)).some((name) => name.startsWith('999.db'))).toBe(true);
    expect(existsSync(store.legacyPathFor(ACCOUNT))).toBe(false);
  });

  it.each([
    ['sealed with another key', 'wrong key'],
    ['truncated', 'truncated'],
    ['garbage', 'garbage'],
    ['of a newer schema version', 'newer'],
    ['of another account', 'other account'],
  ])('a database %s is set aside and rebuilt, with a log line that holds no content', async (_name, damage) => {
    const { store, secretStore, open, logger } = setup();
    const db = dbOf(await open());
    db.save(snapshot({ messages: Array.from({ length: 300 }, (_, i) => message(`m${i}`)) }));
    db.close();
    const path = store.pathFor(ACCOUNT);
    const key = `${STORE_KEYCHAIN_SERVICE}/${ACCOUNT}`;
    if (damage === 'wrong key') secretStore.entries.set(key, Buffer.alloc(32, 7).toString('base64'));
    if (damage === 'truncated') await truncate(path, Math.floor((await stat(path)).size / 2));
    if (damage === 'garbage') await writeFile(path, Buffer.alloc(8192, 0x5a));
    if (damage === 'newer') {
      const raw = rawDatabase(store, secretStore);
      raw.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
      raw.close();
    }
    if (damage === 'other account') {
      const raw = rawDatabase(store, secretStore);
      raw.prepare(`UPDATE meta SET value = '"999"' WHERE key = 'accountId'`).run();
      raw.close();
    }
    const { open: reopen } = setup({ secretStore });
    const fresh = new MailStore({ paths: { dataDir }, secretStore, logger, now: () => Date.UTC(2026, 11, 7, 10) });
    const result = await fresh.open(ACCOUNT);
    opened.push(result);
    expect(result).toMatchObject({ status: 'empty', rebuilding: true });
    expect(logger.lines.some((line) => line.includes('setting an unreadable database aside'))).toBe(true);
    expect(logger.lines.join('\n')).not.toMatch(/Quarterly|ann@example|numbers/);
    const names = await readdir(store.folder);
    expect(names).toContain(`${ACCOUNT}.db.corrupt-2026-12-07T10-00-00-000Z`);
    // Rebuilding works: the new file takes a save and reads back.
    dbOf(result).save(snapshot({ historyId: '5000' }));
    dbOf(result).close();
    expect(await reopen()).toMatchObject({ status: 'loaded', snapshot: { historyId: '5000' } });
  });

  it('a store that cannot be opened for another reason than its content is kept, and the account runs without it', async () => {
    const { store, open, logger } = setup();
    await mkdir(store.pathFor(ACCOUNT), { recursive: true }); // not a file: SQLite cannot open it
    expect(await open()).toEqual({ status: 'unavailable' });
    expect(logger.lines.some((line) => line.includes('could not open the local store'))).toBe(true);
    expect(await readdir(store.folder)).toEqual([`${ACCOUNT}.db`]);
  });

  it('runs without a store when the keychain is unavailable, touching no file', async () => {
    const { open, logger } = setup({ failing: true });
    expect(await open()).toEqual({ status: 'unavailable' });
    expect(logger.lines.some((line) => line.includes('keychain unavailable'))).toBe(true);
    expect(await readdir(dataDir)).toEqual([]);
  });

  it('imports the earlier encrypted JSON cache once, then deletes it', async () => {
    const { store, secretStore, open, logger } = setup();
    const key = Buffer.alloc(32, 3);
    secretStore.entries.set(`${STORE_KEYCHAIN_SERVICE}/${ACCOUNT}`, key.toString('base64'));
    const old = snapshot({ messages: [message('a1'), message('a2', { labelIds: ['INBOX', 'UNREAD', 'STARRED'] })] });
    await mkdir(join(dataDir, 'cache'), { recursive: true });
    await writeFile(store.legacyPathFor(ACCOUNT), sealSnapshot(key, old));
    const first = await open();
    expect(first).toEqual({ status: 'loaded', snapshot: old, db: expect.anything() });
    expect(existsSync(store.legacyPathFor(ACCOUNT))).toBe(false);
    expect(logger.lines.some((line) => line.includes('imported the earlier cache file'))).toBe(true);
    dbOf(first).close();
    const { open: reopen } = setup({ secretStore });
    const again = await reopen();
    expect(again).toMatchObject({ status: 'loaded', snapshot: { ...old, bodies: [] } });
    expect(dbOf(again).storedBodies()).toEqual(old.bodies);
  });

  it('an earlier cache file that does not open is deleted and the account rebuilt', async () => {
    const { store, open } = setup();
    await mkdir(join(dataDir, 'cache'), { recursive: true });
    await writeFile(store.legacyPathFor(ACCOUNT), 'GLNC not really');
    expect(await open()).toMatchObject({ status: 'empty', rebuilding: true });
    expect(existsSync(store.legacyPathFor(ACCOUNT))).toBe(false);
  });
});
