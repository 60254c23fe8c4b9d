/**
 * The keychain against a real Secret Service (gnome-keyring). Run with:
 *   test/with-keyring.sh npx vitest run --project keychain
 * Elsewhere, without a reachable Secret Service, the file skips with the reason; under with-keyring it
 * always runs (a broken keyring there is a failure, not a skip).
 */
import { execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { AuthService } from '../../electron/core/auth/auth-service.js';
import { ACCOUNTS_FILE_NAME } from '../../electron/core/accounts/account-store.js';
import { KEYCHAIN_SERVICE, keytarSecretStore } from '../../electron/core/keychain/secret-store.js';
import { memoryLogger } from '../../electron/core/logging.js';
import { clientConfigForServer } from '../../electron/core/config/client-secrets.js';
import { startGoogleEmulator } from '../../electron/google-emulator/index.js';
import { httpGet } from '../unit/core/auth/http-helpers.js';

const underWithKeyring = process.env.GLANCE_KEYRING_INNER === '1';

async function secretServiceProblem(): Promise<string | null> {
  if (underWithKeyring) return null;
  if (!process.env.DBUS_SESSION_BUS_ADDRESS) return 'no D-Bus session; run under test/with-keyring.sh';
  try {
    await keytarSecretStore({ timeoutMs: 3_000 }).get(KEYCHAIN_SERVICE, `probe-${randomBytes(4).toString('hex')}`);
    return null;
  } catch (error) {
    return `Secret Service not reachable (${(error as Error).message}); run under test/with-keyring.sh`;
  }
}

const skipReason = await secretServiceProblem();
if (skipReason) console.warn(`[keychain tests skipped] ${skipReason}`);

/** Reads the entry with libsecret's own CLI, independently of keytar. */
function secretToolLookup(account: string): Promise<string | null> {
  return new Promise((resolve) => {
    execFile('secret-tool', ['lookup', 'service', KEYCHAIN_SERVICE, 'account', account], (error, stdout) =>
      resolve(error ? null : stdout),
    );
  });
}

const withKeyringScript = resolve(process.cwd(), 'test/with-keyring.sh');
const probeScript = join(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'keychain-probe.ts');
interface ProbeResult {
  ok: boolean;
  value?: string | null;
  name?: string;
  code?: string;
  message?: string;
  problem?: string;
  elapsedMs: number;
}

/** Runs a child process; resolves with the JSON lines it printed. */
function runChild(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0
        ? resolve(stdout.split('\n').filter((line) => line.startsWith('{')))
        : reject(new Error(`${command} exited ${code}: ${stderr.slice(-500)}`)),
    );
  });
}

const accountsToClean = new Set<string>();
const newAccount = () => {
  const id = `test-${randomBytes(6).toString('hex')}`;
  accountsToClean.add(id);
  return id;
};

describe.skipIf(skipReason !== null)(
  `OS keychain (gnome-keyring)${skipReason ? ` — skipped: ${skipReason}` : ''}`,
  () => {
    const store = keytarSecretStore({ timeoutMs: 10_000 });

    afterAll(async () => {
      for (const account of accountsToClean) await store.delete(KEYCHAIN_SERVICE, account).catch(() => undefined);
    });

    it('round-trips a refresh token under service “Glance”, account = user id', async () => {
      const account = newAccount();
      expect(await store.get(KEYCHAIN_SERVICE, account)).toBeNull();
      await store.set(KEYCHAIN_SERVICE, account, '1//round-trip-token');
      expect(await store.get(KEYCHAIN_SERVICE, account)).toBe('1//round-trip-token');
      expect(await secretToolLookup(account)).toBe('1//round-trip-token');
    });

    it('replaces a rotated token in place', async () => {
      const account = newAccount();
      await store.set(KEYCHAIN_SERVICE, account, '1//first');
      await store.set(KEYCHAIN_SERVICE, account, '1//rotated');
      expect(await store.get(KEYCHAIN_SERVICE, account)).toBe('1//rotated');
      expect(await secretToolLookup(account)).toBe('1//rotated');
    });

    it('deletes an entry (and says whether there was one)', async () => {
      const account = newAccount();
      await store.set(KEYCHAIN_SERVICE, account, '1//to-delete');
      expect(await store.delete(KEYCHAIN_SERVICE, account)).toBe(true);
      expect(await store.get(KEYCHAIN_SERVICE, account)).toBeNull();
      expect(await secretToolLookup(account)).toBeNull();
      expect(await store.delete(KEYCHAIN_SERVICE, account)).toBe(false);
    });

    it('a new AuthService with the same data folder and keychain restores the account silently', async () => {
      const dataDir = await mkdtemp(join(tmpdir(), 'glance-keychain-'));
      try {
        const id = newAccount();
        await writeFile(
          join(dataDir, ACCOUNTS_FILE_NAME),
          JSON.stringify({
            version: 1,
            accounts: [{ id, email: 'alex@example.com', name: 'Alex', pictureUrl: null }],
            activeAccountId: id,
          }),
        );
        await store.set(KEYCHAIN_SERVICE, id, '1//restored');
        const service = new AuthService({
          client: { clientId: 'c', endpoints: { authorize: '', token: '', revoke: '', userinfo: '', tokeninfo: '' } },
          secretStore: keytarSecretStore(),
          browser: { open: async () => undefined },
          paths: { dataDir },
          clock: { now: () => Date.now() },
          logger: memoryLogger(),
        });
        await service.start();
        expect(service.getAccountsState()).toEqual({
          accounts: [{ id, email: 'alex@example.com', name: 'Alex', pictureUrl: null, status: 'ready' }],
          activeAccountId: id,
          keychainUnavailable: false,
        });
        expect(service.getClient(id).credentials.refresh_token).toBe('1//restored');
        await service.dispose();
      } finally {
        await rm(dataDir, { recursive: true, force: true });
      }
    });

    it('a real sign-in (emulator) keeps the refresh token in gnome-keyring; restart restores; sign-out deletes it', async () => {
      const emu = await startGoogleEmulator();
      const dataDir = await mkdtemp(join(tmpdir(), 'glance-keychain-signin-'));
      const make = () =>
        new AuthService({
          client: clientConfigForServer(emu),
          secretStore: keytarSecretStore(),
          browser: {
            open: async (url) => {
              void emu
                .consent(url)
                .then((callback) => httpGet(callback))
                .catch(() => undefined);
            },
          },
          paths: { dataDir },
          clock: { now: () => Date.now() },
          logger: memoryLogger(),
        });
      try {
        const first = make();
        await first.start();
        const account = await first.signIn({});
        accountsToClean.add(account.id);
        const stored = await secretToolLookup(account.id);
        expect(stored).toMatch(/^1\/\//);
        await first.dispose();

        const restarted = make();
        await restarted.start();
        expect(restarted.getAccountsState().accounts).toEqual([{ ...account, status: 'ready' }]);
        expect(restarted.getClient(account.id).credentials.refresh_token).toBe(stored);
        expect(await restarted.signOut(account.id)).toEqual({ revoked: true });
        expect(await secretToolLookup(account.id)).toBeNull();
        await restarted.dispose();
      } finally {
        await emu.close();
        await rm(dataDir, { recursive: true, force: true });
      }
    });

    it.skipIf(process.platform !== 'linux' || !existsSync(withKeyringScript))(
      'a locked keyring: saving fails fast (“it is locked”), reading finds nothing, start-up reports keychain unavailable',
      async () => {
        // A nested private session so locking does not disturb the other tests' keyring.
        const withKeyring = withKeyringScript;
        const lockAndProbe = [
          'dbus-send --session --print-reply --dest=org.freedesktop.secrets /org/freedesktop/secrets',
          'org.freedesktop.Secret.Service.Lock array:objpath:/org/freedesktop/secrets/collection/login >/dev/null &&',
          `PROBE_OPERATION=set "${process.execPath}" --import tsx "${probeScript}" &&`,
          `PROBE_OPERATION=get "${process.execPath}" --import tsx "${probeScript}" &&`,
          `PROBE_OPERATION=restore "${process.execPath}" --import tsx "${probeScript}"`,
        ].join(' ');
        const env: NodeJS.ProcessEnv = { ...process.env, PROBE_TIMEOUT_MS: '3000' };
        delete env.GLANCE_KEYRING_INNER;
        delete env.DISPLAY;
        const [saveResult, readResult, restoreResult] = (
          await runChild(withKeyring, ['sh', '-c', lockAndProbe], env)
        ).map((line) => JSON.parse(line) as ProbeResult);
        expect(saveResult).toMatchObject({ ok: false, name: 'KeychainUnavailableError', code: 'KEYCHAIN_UNAVAILABLE' });
        expect(saveResult?.message).toContain('it is locked');
        expect(saveResult?.problem).toBe('locked');
        expect(saveResult?.elapsedMs).toBeLessThan(3_000 + 1_000);
        // libsecret does not unlock for a lookup: a locked keyring reads as "no entry".
        expect(readResult).toMatchObject({ ok: true, value: null });
        // So AuthService start-up checks with a write: the account shows “keychain unavailable”, not “sign in again”.
        expect(restoreResult).toMatchObject({
          ok: true,
          value: {
            keychainUnavailable: true,
            keychainProblem: 'locked',
            accounts: [{ id: '123', status: 'keychain-unavailable' }],
          },
        });
      },
    );

    it('an unreachable keychain gives KeychainUnavailableError within the time-out (child process, D-Bus pointing nowhere)', async () => {
      const env: NodeJS.ProcessEnv = {
        ...process.env,
        DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/glance-no-bus',
        PROBE_TIMEOUT_MS: '3000',
      };
      delete env.DISPLAY;
      const [line] = await runChild(process.execPath, ['--import', 'tsx', probeScript], env);
      const result = JSON.parse(line ?? '{}') as ProbeResult;
      expect(result.ok).toBe(false);
      expect(result.name).toBe('KeychainUnavailableError');
      expect(result.code).toBe('KEYCHAIN_UNAVAILABLE');
      expect(result.message).toContain('Retry');
      // The screen names the problem: no Secret Service (keytar answered at once), or no answer in time.
      expect(['no-secret-service', 'no-answer']).toContain(result.problem);
      // Either keytar rejected at once or our time-out fired: never longer than the time-out (plus start-up slack).
      expect(result.elapsedMs).toBeLessThan(3_000 + 1_000);
    });
  },
);
