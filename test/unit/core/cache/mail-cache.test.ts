import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CACHE_KEYCHAIN_SERVICE, MailCache, type CacheSnapshot } from '../../../../electron/core/cache/mail-cache.js';
import { memoryLogger } from '../../../../electron/core/logging.js';
import { testSecretStore } from './helpers.js';

const ACCOUNT = '104857600000000000001';
const SECRET_SUBJECT = 'Quarterly numbers — confidential';

function snapshot(overrides: Partial<CacheSnapshot> = {}): CacheSnapshot {
  return {
    schemaVersion: 1,
    accountId: ACCOUNT,
    historyId: '4242',
    lastSyncedAt: 1_700_000_000_000,
    unreadCount: 1,
    listing: { complete: true, nextPageToken: null, boundary: { date: 1, id: 'a1' } },
    messages: [
      {
        id: 'a1',
        threadId: 'a1',
        labelIds: ['INBOX', 'UNREAD'],
        from: { name: 'Ann', address: 'ann@example.com' },
        subject: SECRET_SUBJECT,
        snippet: 'numbers',
        date: 1,
        hasAttachments: false,
      },
    ],
    bodies: [
      {
        id: 'a1',
        threadId: 'a1',
        labelIds: ['INBOX', 'UNREAD'],
        raw: Buffer.from(`Subject: ${SECRET_SUBJECT}\r\n\r\nbody`).toString('base64url'),
      },
    ],
    ...overrides,
  };
}

let dataDir: string;
beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'glance-cache-'));
});
afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

function setup(options: { failing?: boolean } = {}) {
  const secretStore = testSecretStore(options);
  const logger = memoryLogger('test');
  const cache = new MailCache({ paths: { dataDir }, secretStore, logger });
  return { cache, secretStore, logger };
}

describe('MailCache', () => {
  it('round-trips a snapshot, encrypted at rest with a 32-byte key kept in the keychain', async () => {
    const { cache, secretStore } = setup();
    expect(await cache.save(snapshot())).toBe(true);
    const key = secretStore.entries.get(`${CACHE_KEYCHAIN_SERVICE}/${ACCOUNT}`);
    expect(Buffer.from(key!, 'base64')).toHaveLength(32);
    const file = await readFile(cache.pathFor(ACCOUNT));
    expect(file.subarray(0, 4).toString()).toBe('GLNC');
    expect(file.includes(Buffer.from('Quarterly'))).toBe(false);
    expect(file.includes(Buffer.from('ann@example.com'))).toBe(false);
    // A new instance (app restart) reads it back with the key from the keychain.
    const reopened = new MailCache({ paths: { dataDir }, secretStore, logger: memoryLogger() });
    expect(await reopened.load(ACCOUNT)).toEqual({ status: 'loaded', snapshot: snapshot() });
  });

  it.each([
    [
      'corrupted',
      (file: Buffer) => {
        file[file.length - 5]! ^= 0xff;
        return file;
      },
    ],
    ['truncated', (file: Buffer) => file.subarray(0, Math.floor(file.length / 2))],
    ['truncated inside the header', (file: Buffer) => file.subarray(0, 10)],
    [
      'of another format version',
      (file: Buffer) => {
        file[4] = 9;
        return file;
      },
    ],
    ['not a cache file at all', () => Buffer.from('{"hello":"world"}')],
  ])('discards a %s file with a log line that holds no content, then starts empty', async (_name, damage) => {
    const { cache, logger } = setup();
    await cache.save(snapshot());
    const path = cache.pathFor(ACCOUNT);
    await writeFile(path, damage(await readFile(path)));
    expect(await cache.load(ACCOUNT)).toEqual({ status: 'empty' });
    expect(logger.lines.some((line) => line.includes('discarding an unreadable cache file'))).toBe(true);
    expect(logger.lines.join('\n')).not.toMatch(/Quarterly|ann@example|numbers/);
    await expect(readFile(path)).rejects.toMatchObject({ code: 'ENOENT' });
    // Rebuilding works: the next save writes a readable file again.
    await cache.save(snapshot({ historyId: '5000' }));
    expect(await cache.load(ACCOUNT)).toMatchObject({ status: 'loaded', snapshot: { historyId: '5000' } });
  });

  it('discards a file sealed with another key (keychain entry replaced)', async () => {
    const { cache, secretStore } = setup();
    await cache.save(snapshot());
    secretStore.entries.set(`${CACHE_KEYCHAIN_SERVICE}/${ACCOUNT}`, Buffer.alloc(32, 7).toString('base64'));
    const fresh = new MailCache({ paths: { dataDir }, secretStore, logger: memoryLogger() });
    expect(await fresh.load(ACCOUNT)).toEqual({ status: 'empty' });
  });

  it('refuses a file copied from another account (the account id is authenticated)', async () => {
    const { cache, secretStore } = setup();
    await cache.save(snapshot());
    const other = '999';
    secretStore.entries.set(
      `${CACHE_KEYCHAIN_SERVICE}/${other}`,
      secretStore.entries.get(`${CACHE_KEYCHAIN_SERVICE}/${ACCOUNT}`)!,
    );
    await writeFile(cache.pathFor(other), await readFile(cache.pathFor(ACCOUNT)));
    expect(await cache.load(other)).toEqual({ status: 'empty' });
  });

  it('keeps the previous file when a write is interrupted between the temp file and the rename', async () => {
    const secretStore = testSecretStore();
    const good = new MailCache({ paths: { dataDir }, secretStore, logger: memoryLogger() });
    await good.save(snapshot({ historyId: '1' }));
    const crashing = new MailCache({
      paths: { dataDir },
      secretStore,
      logger: memoryLogger(),
      writeHooks: {
        beforeRename: () => {
          throw new Error('power cut');
        },
      },
    });
    await expect(crashing.save(snapshot({ historyId: '2' }))).rejects.toThrow('power cut');
    expect(await good.load(ACCOUNT)).toMatchObject({ status: 'loaded', snapshot: { historyId: '1' } });
  });

  it('cleans up a temp file left by a crash before the rename', async () => {
    const { cache } = setup();
    await cache.save(snapshot());
    const stale = `${cache.pathFor(ACCOUNT)}.tmp-deadbeef`;
    await writeFile(stale, 'half-written');
    expect((await cache.load(ACCOUNT)).status).toBe('loaded');
    expect(await readdir(join(dataDir, 'cache'))).toEqual([`${ACCOUNT}.bin`]);
  });

  it('runs without a cache when the keychain is unavailable', async () => {
    const { cache: writer } = setup();
    await writer.save(snapshot());
    const { cache, logger } = setup({ failing: true });
    expect(await cache.load(ACCOUNT)).toEqual({ status: 'unavailable' });
    expect(await cache.save(snapshot())).toBe(false);
    expect(logger.lines.some((line) => line.includes('keychain unavailable'))).toBe(true);
  });

  it('discards the file when its key is gone from the keychain', async () => {
    const { cache, secretStore } = setup();
    await cache.save(snapshot());
    secretStore.entries.clear();
    const fresh = new MailCache({ paths: { dataDir }, secretStore, logger: memoryLogger() });
    expect(await fresh.load(ACCOUNT)).toEqual({ status: 'empty' });
  });

  it('remove() deletes the file and the key', async () => {
    const { cache, secretStore } = setup();
    await cache.save(snapshot());
    await cache.remove(ACCOUNT);
    expect(secretStore.entries.size).toBe(0);
    await expect(readFile(cache.pathFor(ACCOUNT))).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
