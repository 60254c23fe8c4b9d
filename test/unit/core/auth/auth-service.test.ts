import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AccountsState, SignInProgress } from '../../../../electron/shared/ipc-contract.js';
import { AuthService, type AuthServiceOptions } from '../../../../electron/core/auth/auth-service.js';
import { ACCOUNTS_FILE_NAME, type StoredAccount } from '../../../../electron/core/accounts/account-store.js';
import {
  InvalidArgumentError,
  KeychainUnavailableError,
  NeedsSignInError,
  NotFoundError,
  SignInCancelledError,
  SignInTimeoutError,
} from '../../../../electron/core/errors.js';
import { memoryLogger } from '../../../../electron/core/logging.js';
import { KEYCHAIN_SERVICE, memorySecretStore } from '../../../../electron/core/keychain/secret-store.js';
import type { SecretStore } from '../../../../electron/core/ports.js';
import { manualTimers, tryConnect } from './http-helpers.js';
import { memoryClipboard } from './memory-clipboard.js';

const alex: StoredAccount = { id: '111', email: 'alex@example.com', name: 'Alex Rivera', pictureUrl: null };
const sam: StoredAccount = {
  id: '222',
  email: 'sam@example.com',
  name: 'Sam Okafor',
  pictureUrl: 'https://example.com/s.png',
};

// A loopback port nobody listens on (bound, then closed), so revoke/token calls fail fast on this machine.
let client: AuthServiceOptions['client'];
beforeAll(async () => {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const unreachable = `http://127.0.0.1:${(probe.address() as AddressInfo).port}`;
  await new Promise((resolve) => probe.close(resolve));
  client = {
    clientId: 'cid',
    clientSecret: 'sec',
    endpoints: {
      authorize: `${unreachable}/auth`,
      token: `${unreachable}/token`,
      revoke: `${unreachable}/revoke`,
      userinfo: `${unreachable}/userinfo`,
      tokeninfo: `${unreachable}/tokeninfo`,
    },
  };
});

let dataDir: string;
const services: AuthService[] = [];

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'glance-auth-'));
});
afterEach(async () => {
  vi.useRealTimers();
  for (const service of services.splice(0)) await service.dispose();
  await rm(dataDir, { recursive: true, force: true });
});

async function seedAccounts(accounts: StoredAccount[], activeAccountId: string | null) {
  await writeFile(join(dataDir, ACCOUNTS_FILE_NAME), JSON.stringify({ version: 1, accounts, activeAccountId }));
}

function makeService(overrides: Partial<AuthServiceOptions> = {}) {
  const logger = memoryLogger();
  const opened: string[] = [];
  const service = new AuthService({
    client,
    secretStore: memorySecretStore(),
    browser: { open: async (url) => void opened.push(url) },
    paths: { dataDir },
    clock: { now: () => 0 },
    logger,
    ...overrides,
  });
  services.push(service);
  const states: AccountsState[] = [];
  const progress: SignInProgress[] = [];
  service.onAccountsChanged((state) => states.push(state));
  service.onSignInProgress((p) => progress.push(p));
  return { service, logger, opened, states, progress };
}

describe('AuthService start-up', () => {
  it('starts empty without accounts.json', async () => {
    const { service, states } = makeService();
    await service.start();
    expect(service.getAccountsState()).toEqual({ accounts: [], activeAccountId: null, keychainUnavailable: false });
    expect(states).toHaveLength(1);
  });

  it('restores accounts silently: ready with a stored refresh token, needs-sign-in without', async () => {
    await seedAccounts([alex, sam], sam.id);
    const { service } = makeService({ secretStore: memorySecretStore({ [alex.id]: '1//alex' }) });
    await service.start();
    const state = service.getAccountsState();
    expect(state.activeAccountId).toBe(sam.id);
    expect(state.accounts).toEqual([
      { ...alex, status: 'ready' },
      { ...sam, status: 'needs-sign-in' },
    ]);
    const oauth = service.getClient(alex.id);
    expect(oauth.credentials.refresh_token).toBe('1//alex');
    expect(oauth.credentials.access_token).toBeUndefined();
    expect(oauth.forceRefreshOnFailure).toBe(false);
    expect(service.getClient(alex.id)).toBe(oauth);
    expect(() => service.getClient(sam.id)).toThrow(NeedsSignInError);
    expect(() => service.getClient('333')).toThrow(NotFoundError);
  });

  it('gives the keychain-unavailable state (never a throw) when the keychain refuses, and Retry recovers', async () => {
    await seedAccounts([alex], alex.id);
    let locked = true;
    const real = memorySecretStore({ [alex.id]: '1//alex' });
    const flaky: SecretStore = {
      get: async (s, a) => {
        if (locked) throw new Error('Cannot create an item in a locked collection');
        return real.get(s, a);
      },
      set: real.set,
      delete: real.delete,
    };
    const { service, states } = makeService({ secretStore: flaky });
    await service.start();
    expect(service.getAccountsState()).toEqual({
      accounts: [{ ...alex, status: 'keychain-unavailable' }],
      activeAccountId: alex.id,
      keychainUnavailable: true,
      keychainProblem: 'locked',
    });
    expect(() => service.getClient(alex.id)).toThrow(KeychainUnavailableError);
    locked = false;
    const after = await service.retryKeychain();
    expect(after.keychainUnavailable).toBe(false);
    expect(after.accounts[0]?.status).toBe('ready');
    expect(states.at(-1)).toEqual(after);
  });

  it('tells a locked keyring (lookups read as empty, writes fail) from a missing entry', async () => {
    await seedAccounts([alex, sam], alex.id);
    const real = memorySecretStore({ [alex.id]: '1//alex' });
    const lockedForWrites: SecretStore = {
      get: real.get,
      set: async () => {
        throw new Error('Cannot create an item in a locked collection');
      },
      delete: real.delete,
    };
    const { service } = makeService({ secretStore: lockedForWrites });
    await service.start();
    expect(service.getAccountsState()).toMatchObject({
      keychainUnavailable: true,
      accounts: [
        { id: alex.id, status: 'ready' },
        { id: sam.id, status: 'keychain-unavailable' },
      ],
    });

    // With a working keychain the missing entry is believed, and the check leaves nothing behind.
    const writable = memorySecretStore({ [alex.id]: '1//alex' });
    const second = makeService({ secretStore: writable });
    await second.service.start();
    expect(second.service.getAccountsState()).toMatchObject({
      keychainUnavailable: false,
      accounts: [{ status: 'ready' }, { status: 'needs-sign-in' }],
    });
    expect([...writable.entries.keys()]).toEqual([`Glance\u0000${alex.id}`]);
  });

  it('does not hang on a keychain that never answers: unavailable within the time-out', async () => {
    await seedAccounts([alex, sam], alex.id);
    const get = vi.fn(() => new Promise<string | null>(() => undefined));
    const { service } = makeService({
      secretStore: { get, set: async () => undefined, delete: async () => true },
      keychainTimeoutMs: 2_000,
    });
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const started = service.start();
    await vi.waitFor(() => expect(get).toHaveBeenCalled());
    await vi.advanceTimersByTimeAsync(2_000);
    await started;
    expect(service.getAccountsState().keychainUnavailable).toBe(true);
    // One time-out is enough: the second account is not asked (no 2× wait).
    expect(get).toHaveBeenCalledTimes(1);
    expect(service.getAccountsState().accounts.map((a) => a.status)).toEqual([
      'keychain-unavailable',
      'keychain-unavailable',
    ]);
  });

  it('starts empty from a corrupt accounts.json, with a log line', async () => {
    await writeFile(join(dataDir, ACCOUNTS_FILE_NAME), 'garbage');
    const { service, logger } = makeService();
    await service.start();
    expect(service.getAccountsState().accounts).toEqual([]);
    expect(logger.lines.some((line) => line.includes('corrupt'))).toBe(true);
  });
});

describe('AuthService account lifecycle', () => {
  it('switches the active account, persists it and says so', async () => {
    await seedAccounts([alex, sam], alex.id);
    const { service, states } = makeService();
    await service.start();
    expect(service.setActive(sam.id).activeAccountId).toBe(sam.id);
    expect(states.at(-1)?.activeAccountId).toBe(sam.id);
    expect(() => service.setActive('999')).toThrow(NotFoundError);
    await service.dispose();
    expect(JSON.parse(await readFile(join(dataDir, ACCOUNTS_FILE_NAME), 'utf8')).activeAccountId).toBe(sam.id);
  });

  it('reportAuthFailure moves the account to needs-sign-in and returns the error to throw', async () => {
    await seedAccounts([alex], alex.id);
    const { service, states } = makeService({ secretStore: memorySecretStore({ [alex.id]: '1//alex' }) });
    await service.start();
    service.getClient(alex.id);
    const invalidGrant = {
      message: 'invalid_grant',
      status: 400,
      response: { status: 400, data: { error: 'invalid_grant' } },
    };
    const error = service.reportAuthFailure(alex.id, invalidGrant);
    expect(error).toBeInstanceOf(NeedsSignInError);
    expect(error.accountId).toBe(alex.id);
    expect(error.message).toContain('sign in again');
    expect(states.at(-1)?.accounts[0]?.status).toBe('needs-sign-in');
    expect(() => service.getClient(alex.id)).toThrow(NeedsSignInError);
    // Retry does not resurrect the refused token.
    expect((await service.retryKeychain()).accounts[0]?.status).toBe('needs-sign-in');
    // The account and its identity stay: nothing is lost.
    expect(service.getAccountsState().accounts[0]).toMatchObject({ id: alex.id, email: alex.email });
  });

  it('saves a rotated refresh token to the keychain', async () => {
    await seedAccounts([alex], alex.id);
    const secretStore = memorySecretStore({ [alex.id]: '1//old' });
    const { service } = makeService({ secretStore });
    await service.start();
    const oauth = service.getClient(alex.id);
    oauth.emit('tokens', { access_token: 'ya29.x', refresh_token: '1//rotated' });
    await vi.waitFor(async () => expect(await secretStore.get(KEYCHAIN_SERVICE, alex.id)).toBe('1//rotated'));
    oauth.emit('tokens', { access_token: 'ya29.y' }); // refresh responses carry no refresh token
    expect(await secretStore.get(KEYCHAIN_SERVICE, alex.id)).toBe('1//rotated');
    // The live client uses the new token for its next refresh (the library would put the old one back).
    oauth.credentials = { ...oauth.credentials, refresh_token: '1//old' };
    await new Promise((resolve) => setImmediate(resolve));
    oauth.emit('tokens', { access_token: 'ya29.z', refresh_token: '1//rotated-again' });
    oauth.credentials = { ...oauth.credentials, refresh_token: '1//rotated' };
    await new Promise((resolve) => setImmediate(resolve));
    expect(oauth.credentials.refresh_token).toBe('1//rotated-again');
  });

  it('ignores a rotation from a client replaced by a later restore', async () => {
    await seedAccounts([alex], alex.id);
    const secretStore = memorySecretStore({ [alex.id]: '1//old' });
    const { service } = makeService({ secretStore });
    await service.start();
    const stale = service.getClient(alex.id);
    service.reportAuthFailure(alex.id, { status: 401 });
    await secretStore.set(KEYCHAIN_SERVICE, alex.id, '1//newer');
    await service.retryKeychain();
    const fresh = service.getClient(alex.id);
    expect(fresh).not.toBe(stale);
    const saved = vi.spyOn(secretStore, 'set');
    fresh.emit('tokens', { refresh_token: '1//fresh-rotation' });
    stale.emit('tokens', { refresh_token: '1//stale-rotation' });
    await vi.waitFor(() => expect(saved).toHaveBeenCalled());
    expect(saved.mock.calls.map((call) => call[2])).toEqual(['1//fresh-rotation']);
    expect(await secretStore.get(KEYCHAIN_SERVICE, alex.id)).toBe('1//fresh-rotation');
  });

  it('shows the URL to copy when the launcher throws synchronously', async () => {
    const { service, progress } = makeService({
      browser: {
        open: () => {
          throw new Error('no shell');
        },
      },
    });
    await service.start();
    const signIn = service.signIn({});
    await vi.waitFor(() => expect(progress.some((p) => p.manualUrl)).toBe(true));
    service.cancelSignIn();
    await expect(signIn).rejects.toBeInstanceOf(SignInCancelledError);
  });

  it('signs out even when Google cannot be reached: keychain entry, local data and the account go', async () => {
    await seedAccounts([alex, sam], alex.id);
    const secretStore = memorySecretStore({ [alex.id]: '1//alex', [sam.id]: '1//sam' });
    const { service, states, logger } = makeService({ secretStore });
    await service.start();
    const removed: string[] = [];
    service.onAccountRemoved(async (id) => void removed.push(id));
    service.onAccountRemoved(async () => {
      throw new Error('cache folder busy');
    });
    expect(await service.signOut(alex.id)).toEqual({ revoked: false });
    expect(await secretStore.get(KEYCHAIN_SERVICE, alex.id)).toBeNull();
    expect(await secretStore.get(KEYCHAIN_SERVICE, sam.id)).toBe('1//sam');
    expect(removed).toEqual([alex.id]);
    expect(states.at(-1)).toEqual({
      accounts: [{ ...sam, status: 'ready' }],
      activeAccountId: sam.id,
      keychainUnavailable: false,
    });
    const onDisk = JSON.parse(await readFile(join(dataDir, ACCOUNTS_FILE_NAME), 'utf8')) as {
      accounts: Array<{ id: string }>;
    };
    expect(onDisk.accounts.map((a) => a.id)).toEqual([sam.id]);
    expect(logger.lines.join('\n')).toContain('account-removal hook failed');
    expect(logger.lines.join('\n')).not.toContain('1//alex');
    await expect(service.signOut(alex.id)).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe('AuthService sign-in plumbing', () => {
  function redirectPortOf(url: string): number {
    return Number(new URL(new URL(url).searchParams.get('redirect_uri') ?? '').port);
  }

  it('opens the system browser and, on cancel, rejects and closes the listener', async () => {
    const { service, opened, progress } = makeService();
    await service.start();
    const signIn = service.signIn({});
    await vi.waitFor(() => expect(opened).toHaveLength(1));
    expect(progress[0]).toEqual({ phase: 'waiting-for-browser', canCopyLink: false });
    const port = redirectPortOf(opened[0] ?? '');
    expect(await tryConnect(port)).toBe('connected');
    service.cancelSignIn();
    await expect(signIn).rejects.toBeInstanceOf(SignInCancelledError);
    expect(progress.at(-1)).toMatchObject({ phase: 'failed', error: { code: 'SIGN_IN_CANCELLED' } });
    await vi.waitFor(async () => expect(await tryConnect(port)).toBe('ECONNREFUSED'));
  });

  it('shows the URL to copy when the browser cannot be opened, and keeps waiting', async () => {
    const { service, progress } = makeService({
      browser: { open: async () => Promise.reject(new Error('no browser')) },
    });
    await service.start();
    const signIn = service.signIn({});
    await vi.waitFor(() => expect(progress.some((p) => p.manualUrl)).toBe(true));
    const manual = progress.find((p) => p.manualUrl);
    expect(manual?.phase).toBe('waiting-for-browser');
    const port = redirectPortOf(manual?.manualUrl ?? '');
    expect(await tryConnect(port)).toBe('connected');
    service.cancelSignIn();
    await expect(signIn).rejects.toBeInstanceOf(SignInCancelledError);
  });

  it('a new sign-in cancels the one in progress', async () => {
    const { service, opened } = makeService();
    await service.start();
    const first = service.signIn({});
    await vi.waitFor(() => expect(opened).toHaveLength(1));
    const second = service.signIn({ loginHint: 'alex@example.com' });
    const error = await first.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SignInCancelledError);
    expect((error as Error).message).toContain('another sign-in started');
    await vi.waitFor(async () => expect(await tryConnect(redirectPortOf(opened[0] ?? ''))).toBe('ECONNREFUSED'));
    await vi.waitFor(() => expect(opened).toHaveLength(2));
    // An unknown account being hinted needs a refresh token: consent is forced.
    const params = new URL(opened[1] ?? '').searchParams;
    expect(params.get('login_hint')).toBe('alex@example.com');
    expect(params.get('prompt')).toBe('consent');
    service.cancelSignIn();
    await expect(second).rejects.toBeInstanceOf(SignInCancelledError);
  });

  it('does not force consent when re-authorizing a known account whose refresh token is stored', async () => {
    await seedAccounts([alex], alex.id);
    const { service, opened } = makeService({ secretStore: memorySecretStore({ [alex.id]: '1//alex' }) });
    await service.start();
    const signIn = service.signIn({ loginHint: alex.email });
    await vi.waitFor(() => expect(opened).toHaveLength(1));
    const params = new URL(opened[0] ?? '').searchParams;
    expect(params.get('login_hint')).toBe(alex.email);
    expect(params.has('prompt')).toBe(false);
    service.cancelSignIn();
    await expect(signIn).rejects.toBeInstanceOf(SignInCancelledError);
  });

  it('opens the same consent page again while the sign-in waits: same state, same challenge, same listener', async () => {
    const { service, opened } = makeService();
    await service.start();
    const signIn = service.signIn({});
    await vi.waitFor(() => expect(opened).toHaveLength(1));
    await service.openBrowserAgain();
    expect(opened).toHaveLength(2);
    expect(opened[1]).toBe(opened[0]);
    const params = new URL(opened[1] ?? '').searchParams;
    expect(params.get('state')).toBeTruthy();
    expect(params.get('code_challenge')).toBeTruthy();
    expect(await tryConnect(redirectPortOf(opened[0] ?? ''))).toBe('connected');
    service.cancelSignIn();
    await expect(signIn).rejects.toBeInstanceOf(SignInCancelledError);
  });

  it('refuses to open the browser again or copy the link when no sign-in is waiting', async () => {
    const timers = manualTimers();
    const clipboard = memoryClipboard();
    const { service, opened } = makeService({ timers, clipboard });
    await service.start();
    const refusals = async () => {
      await expect(service.openBrowserAgain()).rejects.toMatchObject({ code: 'SIGN_IN_CANCELLED' });
      await expect(service.copySignInLink()).rejects.toBeInstanceOf(SignInCancelledError);
    };
    await refusals(); // none started

    const cancelled = service.signIn({});
    await vi.waitFor(() => expect(opened).toHaveLength(1));
    service.cancelSignIn();
    await refusals(); // cancelled, before the attempt has wound down
    await expect(cancelled).rejects.toBeInstanceOf(SignInCancelledError);
    await refusals();

    const timedOut = service.signIn({});
    await vi.waitFor(() => expect(opened).toHaveLength(2));
    timers.fireAll();
    await expect(timedOut).rejects.toBeInstanceOf(SignInTimeoutError);
    await refusals();

    expect(opened).toHaveLength(2);
    expect(clipboard.writes).toEqual([]);
  });

  it('copies the consent page address through the clipboard port and never writes it to the log', async () => {
    const clipboard = memoryClipboard();
    const { service, opened, logger } = makeService({ clipboard });
    await service.start();
    const signIn = service.signIn({});
    await vi.waitFor(() => expect(opened).toHaveLength(1));
    await service.copySignInLink();
    expect(clipboard.writes).toEqual([opened[0]]);
    const state = new URL(opened[0] ?? '').searchParams.get('state') ?? '';
    const challenge = new URL(opened[0] ?? '').searchParams.get('code_challenge') ?? '';
    expect(logger.lines.join('\n')).toContain('copied the sign-in link');
    for (const secretish of [opened[0] ?? '', state, challenge])
      expect(logger.lines.join('\n')).not.toContain(secretish);
    service.cancelSignIn();
    await expect(signIn).rejects.toBeInstanceOf(SignInCancelledError);
  });

  it('takes the copied link (it holds the email address) off the clipboard when the sign-in is cancelled or times out', async () => {
    const timers = manualTimers();
    const clipboard = memoryClipboard();
    const { service, opened } = makeService({ timers, clipboard });
    await service.start();

    const cancelled = service.signIn({ loginHint: alex.email });
    await vi.waitFor(() => expect(opened).toHaveLength(1));
    await service.copySignInLink();
    expect(clipboard.text).toContain('login_hint=alex%40example.com');
    service.cancelSignIn();
    await expect(cancelled).rejects.toBeInstanceOf(SignInCancelledError);
    expect(clipboard.text).toBe('');

    const timedOut = service.signIn({ loginHint: alex.email });
    await vi.waitFor(() => expect(opened).toHaveLength(2));
    await service.copySignInLink();
    await service.copySignInLink(); // copied twice: still one link to take off
    timers.fireAll();
    await expect(timedOut).rejects.toBeInstanceOf(SignInTimeoutError);
    expect(clipboard.text).toBe('');
    expect(clipboard.writes).toEqual([opened[0], opened[1], opened[1]]);
  });

  it('leaves on the clipboard what the person copied after the link', async () => {
    const clipboard = memoryClipboard();
    const { service, opened } = makeService({ clipboard });
    await service.start();
    const signIn = service.signIn({});
    await vi.waitFor(() => expect(opened).toHaveLength(1));
    await service.copySignInLink();
    clipboard.writeText('a note the person copied since');
    service.cancelSignIn();
    await expect(signIn).rejects.toBeInstanceOf(SignInCancelledError);
    expect(clipboard.text).toBe('a note the person copied since');
  });

  it('takes the copied link off the clipboard while quitting, before the sign-in winds down', async () => {
    const clipboard = memoryClipboard();
    const { service, opened } = makeService({ clipboard });
    await service.start();
    const signIn = service.signIn({});
    await vi.waitFor(() => expect(opened).toHaveLength(1));
    await service.copySignInLink();
    await service.dispose();
    expect(clipboard.text).toBe('');
    await expect(signIn).rejects.toBeInstanceOf(SignInCancelledError);
  });

  it('takes the link off the clipboard when the sign-in ended while it was being copied', async () => {
    const clipboard = memoryClipboard();
    let finishWriting: () => void = () => undefined;
    const slowClipboard = {
      ...clipboard,
      writeText: async (text: string) => {
        await new Promise<void>((resolve) => (finishWriting = resolve));
        await clipboard.writeText(text);
      },
    };
    const { service, opened } = makeService({ clipboard: slowClipboard });
    await service.start();
    const signIn = service.signIn({});
    await vi.waitFor(() => expect(opened).toHaveLength(1));
    const copying = service.copySignInLink();
    service.cancelSignIn();
    await expect(signIn).rejects.toBeInstanceOf(SignInCancelledError);
    finishWriting();
    await copying;
    expect(clipboard.writes).toEqual([opened[0]]);
    expect(clipboard.text).toBe('');
  });

  it('a clipboard that never says what it holds does not hold up the end of the sign-in', async () => {
    const timers = manualTimers();
    const clipboard = { ...memoryClipboard(), readText: () => new Promise<string>(() => undefined) };
    const { service, opened, logger } = makeService({ timers, clipboard });
    await service.start();
    const signIn = service.signIn({});
    await vi.waitFor(() => expect(opened).toHaveLength(1));
    await service.copySignInLink();
    service.cancelSignIn();
    let settled = false;
    void signIn.catch(() => (settled = true));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(settled).toBe(false); // still asking the clipboard
    timers.fireAll(); // its time-out
    await expect(signIn).rejects.toBeInstanceOf(SignInCancelledError);
    expect(logger.lines.join('\n')).toContain('Could not take the sign-in link off the clipboard');
  });

  it('tells the window whether it can copy the link: not where there is no clipboard, which refuses', async () => {
    const withClipboard = makeService({ clipboard: memoryClipboard() });
    await withClipboard.service.start();
    const copying = withClipboard.service.signIn({});
    await vi.waitFor(() => expect(withClipboard.opened).toHaveLength(1));
    expect(withClipboard.progress).toEqual([{ phase: 'waiting-for-browser', canCopyLink: true }]);
    withClipboard.service.cancelSignIn();
    await expect(copying).rejects.toBeInstanceOf(SignInCancelledError);

    const { service, opened, progress } = makeService();
    await service.start();
    const signIn = service.signIn({});
    await vi.waitFor(() => expect(opened).toHaveLength(1));
    expect(progress).toEqual([{ phase: 'waiting-for-browser', canCopyLink: false }]);
    await expect(service.copySignInLink()).rejects.toBeInstanceOf(InvalidArgumentError);
    service.cancelSignIn();
    await expect(signIn).rejects.toBeInstanceOf(SignInCancelledError);
  });

  it('times out (injected timer) with SignInTimeoutError and closes the listener', async () => {
    const timers = manualTimers();
    const { service, opened, progress } = makeService({ timers, signInTimeoutMs: 1234 });
    await service.start();
    const signIn = service.signIn({});
    await vi.waitFor(() => expect(opened).toHaveLength(1));
    expect(timers.pending.map((t) => t.ms)).toEqual([1234]);
    timers.fireAll();
    await expect(signIn).rejects.toBeInstanceOf(SignInTimeoutError);
    expect(progress.at(-1)).toMatchObject({ phase: 'failed', error: { code: 'SIGN_IN_TIMEOUT' } });
    await vi.waitFor(async () => expect(await tryConnect(redirectPortOf(opened[0] ?? ''))).toBe('ECONNREFUSED'));
  });
});
