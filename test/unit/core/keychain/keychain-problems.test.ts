/**
 * Which keychain problem the person is told about: keytar's own failures (as libsecret and Node word them)
 * through keytarSecretStore and AuthService's start-up → AccountsState.keychainProblem. Never a throw:
 * Glance keeps running without a keychain.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AuthService } from '../../../../electron/core/auth/auth-service.js';
import { ACCOUNTS_FILE_NAME } from '../../../../electron/core/accounts/account-store.js';
import { GOOGLE_ENDPOINTS } from '../../../../electron/core/config/client-secrets.js';
import { keytarSecretStore, type KeytarApi } from '../../../../electron/core/keychain/secret-store.js';
import { memoryLogger } from '../../../../electron/core/logging.js';
import type { KeychainProblem } from '../../../../electron/shared/ipc-contract.js';

let dataDir: string;
const services: AuthService[] = [];
beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'glance-keychain-problem-'));
});
afterEach(async () => {
  for (const service of services.splice(0)) await service.dispose();
  await rm(dataDir, { recursive: true, force: true });
});

function keytarFailing(on: 'get' | 'set', message: string): () => Promise<KeytarApi> {
  return async () => ({
    getPassword: async () => {
      if (on === 'get') throw new Error(message);
      return null;
    },
    setPassword: async () => {
      if (on === 'set') throw new Error(message);
    },
    deletePassword: async () => true,
  });
}

async function startWith(loadKeytar: () => Promise<KeytarApi>, options: { withAccount?: boolean } = {}) {
  if (options.withAccount)
    await writeFile(
      join(dataDir, ACCOUNTS_FILE_NAME),
      JSON.stringify({
        version: 1,
        activeAccountId: '111',
        accounts: [{ id: '111', email: 'alex@example.com', name: 'Alex', pictureUrl: null }],
      }),
    );
  const service = new AuthService({
    client: { clientId: 'c.apps.googleusercontent.com', clientSecret: 's', endpoints: GOOGLE_ENDPOINTS },
    secretStore: keytarSecretStore({ loadKeytar, timeoutMs: 200 }),
    browser: { open: async () => undefined },
    paths: { dataDir },
    clock: { now: () => 0 },
    logger: memoryLogger(),
    keychainTimeoutMs: 200,
  });
  services.push(service);
  await service.start();
  return service.getAccountsState();
}

describe('keychain problems at start-up, before any account exists', () => {
  it.each<[string, () => Promise<KeytarApi>, KeychainProblem]>([
    ['no D-Bus session', keytarFailing('get', 'Cannot autolaunch D-Bus without X11 $DISPLAY'), 'no-secret-service'],
    [
      'no Secret Service on the bus',
      keytarFailing('get', 'The name org.freedesktop.secrets was not provided by any .service files'),
      'no-secret-service',
    ],
    [
      'keytar.node missing',
      async () => {
        throw Object.assign(new Error("Cannot find module '../build/Release/keytar.node'"), {
          code: 'MODULE_NOT_FOUND',
        });
      },
      'module-failed',
    ],
    [
      'libsecret missing',
      async () => {
        throw Object.assign(new Error('libsecret-1.so.0: cannot open shared object file: No such file or directory'), {
          code: 'ERR_DLOPEN_FAILED',
        });
      },
      'module-failed',
    ],
    [
      'a keychain that never answers',
      async () => ({ ...(await keytarFailing('set', '')()), getPassword: () => new Promise<null>(() => undefined) }),
      'no-answer',
    ],
  ])('%s → keychainProblem %s', async (_name, loadKeytar, problem) => {
    expect(await startWith(loadKeytar)).toEqual({
      accounts: [],
      activeAccountId: null,
      keychainUnavailable: true,
      keychainProblem: problem,
    });
  });

  it('a working keychain → no problem', async () => {
    expect(await startWith(keytarFailing('set', 'never called'))).toEqual({
      accounts: [],
      activeAccountId: null,
      keychainUnavailable: false,
    });
  });
});

describe('a keyring that stays locked', () => {
  it('reads "no entry" but refuses the write check → keychainProblem locked, the account keychain-unavailable', async () => {
    const state = await startWith(keytarFailing('set', 'Cannot create an item in a locked collection'), {
      withAccount: true,
    });
    expect(state).toMatchObject({
      keychainUnavailable: true,
      keychainProblem: 'locked',
      accounts: [{ id: '111', status: 'keychain-unavailable' }],
    });
  });
});
