/**
 * The passphrase-protected sign-in file with real crypto (scrypt + AES-256-GCM from node:crypto): a round
 * trip, a wrong passphrase, a file changed on disk, and the switch of the core's SecretStorage to it.
 */
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  KeychainUnavailableError,
  SecretsFileDamagedError,
  WrongPassphraseError,
} from '../../../../electron/core/errors.js';
import {
  PASSPHRASE_FILE_NAME,
  PassphraseFileStore,
  type ScryptParams,
} from '../../../../electron/core/keychain/passphrase-store.js';
import { KEYCHAIN_SERVICE, memorySecretStore } from '../../../../electron/core/keychain/secret-store.js';
import { SecretStorage } from '../../../../electron/core/keychain/secret-storage.js';
import { memoryLogger } from '../../../../electron/core/logging.js';

// Cheap enough for a unit test; the real cost is DEFAULT_SCRYPT (asserted below to be the stronger one).
const FAST: ScryptParams = { N: 2 ** 10, r: 8, p: 1 };
const PASSPHRASE = 'correct horse battery staple';
const TOKEN = '1//0-refresh-token-for-the-test';

let dir: string;
let path: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'glance-passphrase-'));
  path = join(dir, PASSPHRASE_FILE_NAME);
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('PassphraseFileStore', () => {
  it('round trip: what is set comes back after reopening with the passphrase; the file holds no secret in the clear', async () => {
    const store = await PassphraseFileStore.create(path, PASSPHRASE, FAST);
    await store.set(KEYCHAIN_SERVICE, '111', TOKEN);
    await store.set('Glance store', '111', 'a'.repeat(64));
    await store.set(KEYCHAIN_SERVICE, '222', 'second');
    expect(await store.delete(KEYCHAIN_SERVICE, '222')).toBe(true);
    expect(await store.delete(KEYCHAIN_SERVICE, '222')).toBe(false);

    const reopened = await PassphraseFileStore.open(path, PASSPHRASE);
    expect(await reopened.get(KEYCHAIN_SERVICE, '111')).toBe(TOKEN);
    expect(await reopened.get('Glance store', '111')).toBe('a'.repeat(64));
    expect(await reopened.get(KEYCHAIN_SERVICE, '222')).toBeNull();

    const text = await readFile(path, 'utf8');
    expect(text).not.toContain(TOKEN);
    expect(text).not.toContain(PASSPHRASE);
    expect(text).not.toContain('Glance store');
    if (process.platform !== 'win32') expect((await stat(path)).mode & 0o777).toBe(0o600);
  });

  it('a wrong passphrase says so (WrongPassphraseError), and the file stays usable with the right one', async () => {
    const store = await PassphraseFileStore.create(path, PASSPHRASE, FAST);
    await store.set(KEYCHAIN_SERVICE, '111', TOKEN);
    await expect(PassphraseFileStore.open(path, 'correct horse battery stapler')).rejects.toBeInstanceOf(
      WrongPassphraseError,
    );
    expect(await (await PassphraseFileStore.open(path, PASSPHRASE)).get(KEYCHAIN_SERVICE, '111')).toBe(TOKEN);
  });

  it('a tampered file is refused as damaged — one flipped bit in the secrets, or in the authenticated header', async () => {
    const store = await PassphraseFileStore.create(path, PASSPHRASE, FAST);
    await store.set(KEYCHAIN_SERVICE, '111', TOKEN);
    const original = JSON.parse(await readFile(path, 'utf8')) as {
      secrets: { data: string };
      kdf: { N: number };
    };

    const flipped = Buffer.from(original.secrets.data, 'base64');
    flipped[0]! ^= 0x01;
    await writeFile(
      path,
      JSON.stringify({ ...original, secrets: { ...original.secrets, data: flipped.toString('base64') } }),
    );
    await expect(PassphraseFileStore.open(path, PASSPHRASE)).rejects.toBeInstanceOf(SecretsFileDamagedError);

    // The secrets box moved from another file with the same passphrase: its IV/tag don't match → damaged.
    await writeFile(
      path,
      JSON.stringify({ ...original, secrets: { ...original.secrets, iv: Buffer.alloc(12).toString('base64') } }),
    );
    await expect(PassphraseFileStore.open(path, PASSPHRASE)).rejects.toBeInstanceOf(SecretsFileDamagedError);

    // Not JSON / not ours / absurd scrypt cost: refused before any key is derived.
    await writeFile(path, 'not json');
    await expect(PassphraseFileStore.open(path, PASSPHRASE)).rejects.toBeInstanceOf(SecretsFileDamagedError);
    await writeFile(path, JSON.stringify({ ...original, kdf: { ...original.kdf, N: 2 ** 30 } }));
    await expect(PassphraseFileStore.open(path, PASSPHRASE)).rejects.toBeInstanceOf(SecretsFileDamagedError);
  });

  it('a lowered scrypt cost in the header fails authentication instead of weakening the file', async () => {
    await PassphraseFileStore.create(path, PASSPHRASE, { N: 2 ** 11, r: 8, p: 1 });
    const original = JSON.parse(await readFile(path, 'utf8')) as { kdf: { N: number } };
    await writeFile(path, JSON.stringify({ ...original, kdf: { ...original.kdf, N: 2 ** 10 } }));
    // A different key: the check value fails, which reads as a wrong passphrase.
    await expect(PassphraseFileStore.open(path, PASSPHRASE)).rejects.toBeInstanceOf(WrongPassphraseError);
  });
});

describe('SecretStorage (the core’s one SecretStore)', () => {
  it('uses the keychain until the person opts in; then the file, which is the persisted choice and asks for its passphrase at the next start', async () => {
    const keychain = memorySecretStore();
    const storage = await SecretStorage.open(keychain, dir, memoryLogger(), FAST);
    expect(storage.state()).toEqual({});
    await storage.set(KEYCHAIN_SERVICE, 'k', 'in-keychain');
    expect(keychain.entries.size).toBe(1);

    await storage.usePassphraseFile(PASSPHRASE);
    expect(storage.state()).toEqual({ passphraseFile: { unlocked: true } });
    await storage.set(KEYCHAIN_SERVICE, '111', TOKEN);
    expect(keychain.entries.size).toBe(1); // nothing more went to the keychain

    // Next start: the file's presence is the choice; locked until the passphrase is given.
    const next = await SecretStorage.open(memorySecretStore(), dir, memoryLogger(), FAST);
    expect(next.state()).toEqual({ passphraseFile: { unlocked: false } });
    await expect(next.get(KEYCHAIN_SERVICE, '111')).rejects.toMatchObject({ problem: 'passphrase-needed' });
    await expect(next.get(KEYCHAIN_SERVICE, '111')).rejects.toBeInstanceOf(KeychainUnavailableError);
    await expect(next.unlock('wrong passphrase')).rejects.toBeInstanceOf(WrongPassphraseError);
    expect(next.state()).toEqual({ passphraseFile: { unlocked: false } });
    await next.unlock(PASSPHRASE);
    expect(await next.get(KEYCHAIN_SERVICE, '111')).toBe(TOKEN);
  });
});
