import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ACCOUNTS_FILE_NAME, AccountStore } from '../../../../electron/core/accounts/account-store.js';
import { memoryLogger } from '../../../../electron/core/logging.js';

const alex = {
  id: '100000000000000000001',
  email: 'alex@example.com',
  name: 'Alex Rivera',
  pictureUrl: 'https://example.com/a.png',
};
const sam = { id: '100000000000000000002', email: 'sam@example.com', name: 'Sam Okafor', pictureUrl: null };

describe('AccountStore', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'glance-accounts-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('starts empty without a file', async () => {
    const store = new AccountStore(dir, memoryLogger());
    await store.load();
    expect(store.list()).toEqual([]);
    expect(store.activeAccountId).toBeNull();
  });

  it('persists accounts and the active one, and a new store reads them back', async () => {
    const store = new AccountStore(dir, memoryLogger());
    await store.load();
    await store.upsert(alex);
    await store.upsert(sam, { makeActive: true });
    expect(store.activeAccountId).toBe(sam.id);
    expect(store.setActive(alex.id)).toBe(true);
    expect(store.setActive('nobody')).toBe(false);
    await store.flush();

    const again = new AccountStore(dir, memoryLogger());
    await again.load();
    expect(again.list()).toEqual([alex, sam]);
    expect(again.activeAccountId).toBe(alex.id);
    expect(again.findByEmail('SAM@example.com')?.id).toBe(sam.id);
  });

  it('writes identity only, atomically, leaving no temp files', async () => {
    const store = new AccountStore(dir, memoryLogger());
    await store.load();
    // Extra properties (say, a token slipped in by a caller) are not written.
    await store.upsert({ ...alex, refreshToken: '1//secret' } as typeof alex);
    const text = await readFile(join(dir, ACCOUNTS_FILE_NAME), 'utf8');
    expect(text).not.toContain('1//secret');
    expect(JSON.parse(text)).toEqual({ version: 1, accounts: [alex], activeAccountId: alex.id });
    expect(await readdir(dir)).toEqual([ACCOUNTS_FILE_NAME]);
  });

  it('updates an existing account in place and picks a new active one on removal', async () => {
    const store = new AccountStore(dir, memoryLogger());
    await store.load();
    await store.upsert(alex);
    await store.upsert(sam);
    await store.upsert({ ...alex, name: 'Alex R.' });
    expect(store.list().map((a) => a.name)).toEqual(['Alex R.', 'Sam Okafor']);
    await store.remove(alex.id);
    expect(store.activeAccountId).toBe(sam.id);
    await store.remove(sam.id);
    expect(store.activeAccountId).toBeNull();
  });

  it('starts empty with a log line when the file is corrupt', async () => {
    await writeFile(join(dir, ACCOUNTS_FILE_NAME), '{"version":1,"accounts":[{"id":');
    const logger = memoryLogger();
    const store = new AccountStore(dir, logger);
    await store.load();
    expect(store.list()).toEqual([]);
    expect(logger.lines.some((line) => line.includes('accounts.json is corrupt'))).toBe(true);
  });

  it('keeps a corrupt file aside instead of overwriting it at the next save', async () => {
    const damaged = '{"version":1,"accounts":[{"id":';
    await writeFile(join(dir, ACCOUNTS_FILE_NAME), damaged);
    const store = new AccountStore(dir, memoryLogger());
    await store.load();
    const kept = (await readdir(dir)).filter((name) => name.startsWith(`${ACCOUNTS_FILE_NAME}.corrupt-`));
    expect(kept).toHaveLength(1);
    expect(await readFile(join(dir, kept[0]!), 'utf8')).toBe(damaged);
  });

  it('never overwrites an accounts file it could not read', async () => {
    // A folder where the file should be makes the read fail with something other than "missing".
    await mkdir(join(dir, ACCOUNTS_FILE_NAME));
    await writeFile(join(dir, ACCOUNTS_FILE_NAME, 'marker'), 'still here');
    const logger = memoryLogger();
    const store = new AccountStore(dir, logger);
    await store.load();
    await store.upsert(alex);
    expect(store.list()).toEqual([alex]);
    expect(await readFile(join(dir, ACCOUNTS_FILE_NAME, 'marker'), 'utf8')).toBe('still here');
    expect(logger.lines.some((line) => line.includes('not overwriting'))).toBe(true);
  });

  it('treats a well-formed file of the wrong shape as corrupt', async () => {
    await writeFile(join(dir, ACCOUNTS_FILE_NAME), JSON.stringify({ version: 2, accounts: 'x' }));
    const logger = memoryLogger();
    const store = new AccountStore(dir, logger);
    await store.load();
    expect(store.list()).toEqual([]);
    expect(logger.lines.length).toBe(1);
  });

  it('serialises concurrent writes so the last change wins on disk', async () => {
    const store = new AccountStore(dir, memoryLogger());
    await store.load();
    await Promise.all([store.upsert(alex), store.upsert(sam), store.remove(alex.id)]);
    const onDisk = JSON.parse(await readFile(join(dir, ACCOUNTS_FILE_NAME), 'utf8')) as { accounts: unknown[] };
    expect(onDisk.accounts).toEqual([sam]);
  });
});
