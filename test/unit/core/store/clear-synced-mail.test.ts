/**
 * Settings → Data → "Clear local copy of mail" at the store: the synced mail goes (messages, bodies, the sync
 * position, and the freed pages), everything else in the file stays — a queue of actions not yet sent to Gmail
 * lives beside the mail and must survive — and the file, its key and later saves keep working.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { memoryLogger } from '../../../../electron/core/logging.js';
import { openDatabase } from '../../../../electron/core/store/account-database.js';
import { MailStore, STORE_KEYCHAIN_SERVICE } from '../../../../electron/core/store/mail-store.js';
import { testSecretStore } from '../cache/helpers.js';
import { ACCOUNT, message, snapshot } from './helpers.js';

let dataDir: string;
beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'glance-clear-'));
});
afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

describe('AccountDatabase.clearSyncedMail', () => {
  it('drops messages, bodies and the sync position; keeps other tables and meta keys, the file and its key', async () => {
    const secretStore = testSecretStore();
    const store = new MailStore({ paths: { dataDir }, secretStore, logger: memoryLogger('test') });
    const first = await store.open(ACCOUNT);
    if (first.status === 'unavailable') throw new Error('expected a database');
    first.db.save(snapshot());
    first.db.close();
    const keyBefore = secretStore.entries.get(`${STORE_KEYCHAIN_SERVICE}/${ACCOUNT}`);

    // What another part of Glance keeps in the same file (the durable action queue): a table and a meta key.
    const key = Buffer.from(keyBefore!, 'base64');
    const raw = openDatabase(store.pathFor(ACCOUNT), key, ACCOUNT);
    raw.exec(
      "CREATE TABLE pending_actions (id INTEGER PRIMARY KEY, action TEXT NOT NULL); INSERT INTO pending_actions (action) VALUES ('archive m1');",
    );
    raw.prepare("INSERT INTO meta (key, value) VALUES ('actionQueueVersion', '3')").run();
    raw.close();

    const second = await store.open(ACCOUNT);
    if (second.status !== 'loaded') throw new Error('expected the saved mail');
    expect(second.snapshot.messages).toHaveLength(1);
    second.db.clearSyncedMail();
    // Saves after the clear still write what differs (the in-memory picture was cleared too).
    second.db.save(snapshot({ historyId: '5000', messages: [message('a1'), message('a2')], bodies: [] }));
    second.db.clearSyncedMail();
    second.db.close();

    const check = openDatabase(store.pathFor(ACCOUNT), key, ACCOUNT);
    expect(check.prepare('SELECT count(*) AS n FROM messages').get()).toEqual({ n: 0 });
    expect(check.prepare('SELECT count(*) AS n FROM bodies').get()).toEqual({ n: 0 });
    // The file's owner stays too (a store is only ever opened for its own account).
    expect(check.prepare('SELECT key, value FROM meta ORDER BY key').all()).toEqual([
      { key: 'accountId', value: JSON.stringify(ACCOUNT) },
      { key: 'actionQueueVersion', value: '3' },
    ]);
    expect(check.prepare('SELECT action FROM pending_actions').all()).toEqual([{ action: 'archive m1' }]);
    check.close();
    expect(secretStore.entries.get(`${STORE_KEYCHAIN_SERVICE}/${ACCOUNT}`)).toBe(keyBefore);

    const third = await store.open(ACCOUNT);
    expect(third).toMatchObject({ status: 'empty', rebuilding: false });
    if (third.status !== 'unavailable') third.db.close();
  });
});
