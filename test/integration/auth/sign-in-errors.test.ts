/**
 * Every error Google can send back during a sign-in — on the loopback redirect or from the token endpoint —
 * produced by the emulator's fault knobs and run through the real AuthService: each reaches the person as
 * its own error code (the one its screen is chosen by), and the sign-in screen's next step works.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AuthService, type AuthServiceOptions } from '../../../electron/core/auth/auth-service.js';
import { clientConfigForServer, type OAuthClientConfig } from '../../../electron/core/config/client-secrets.js';
import { toIpcError } from '../../../electron/core/errors.js';
import { memoryLogger } from '../../../electron/core/logging.js';
import { KEYCHAIN_SERVICE, memorySecretStore } from '../../../electron/core/keychain/secret-store.js';
import {
  startGoogleEmulator,
  type ConsentChoice,
  type EmulatorOptions,
  type GoogleEmulator,
} from '../../../electron/google-emulator/index.js';
import type { SignInProgress } from '../../../electron/shared/ipc-contract.js';
import { httpGet } from '../../unit/core/auth/http-helpers.js';

const GMAIL = 'https://www.googleapis.com/auth/gmail.modify';
const IDENTITY_SCOPES = [
  'openid',
  'https://www.googleapis.com/auth/userinfo.email',
  'https://www.googleapis.com/auth/userinfo.profile',
];

let emu: GoogleEmulator;
let config: OAuthClientConfig;
let dataDir: string;
const services: AuthService[] = [];
let now = Date.now();

async function startEmulator(options: EmulatorOptions = {}) {
  emu = await startGoogleEmulator({ clock: { now: () => now }, ...options });
  config = clientConfigForServer(emu);
}

beforeEach(async () => {
  now = Date.now();
  dataDir = await mkdtemp(join(tmpdir(), 'glance-signin-errors-'));
});
afterEach(async () => {
  for (const service of services.splice(0)) await service.dispose();
  await emu?.close();
  await rm(dataDir, { recursive: true, force: true });
});

/** A system browser that goes through Google's pages as `choices` say (one per trip), then to the listener. */
function setUp(overrides: Partial<AuthServiceOptions> = {}) {
  const google = emu.browser();
  const authUrls: string[] = [];
  const choices: ConsentChoice[] = [];
  const trips: Promise<void>[] = [];
  /** Runs once the person is through Google's pages, before the browser follows the redirect to Glance. */
  const hooks: { beforeRedirect?: () => void } = {};
  const secretStore = memorySecretStore();
  const service = new AuthService({
    client: config,
    secretStore,
    browser: {
      open: async (authUrl) => {
        authUrls.push(authUrl);
        const trip = (async () => {
          const location = await google.authorize(authUrl, choices.shift() ?? {});
          hooks.beforeRedirect?.();
          await httpGet(location);
        })();
        trip.catch(() => undefined);
        trips.push(trip);
      },
    },
    paths: { dataDir },
    clock: { now: () => now },
    logger: memoryLogger(),
    ...overrides,
  });
  services.push(service);
  const progress: SignInProgress[] = [];
  service.onSignInProgress((p) => progress.push(p));
  return { service, google, authUrls, choices, trips, hooks, secretStore, progress };
}

/** The IPC error the renderer gets for a failed sign-in (and the progress event says the same). */
async function failedSignIn(setup: ReturnType<typeof setUp>, options: { loginHint?: string } = {}) {
  const thrown = await setup.service.signIn(options).then(
    () => null,
    (error: unknown) => error,
  );
  expect(thrown).not.toBeNull();
  const ipc = toIpcError(thrown);
  expect(setup.progress.at(-1)).toMatchObject({ phase: 'failed', error: { code: ipc.code } });
  expect(setup.service.getAccountsState().accounts).toEqual([]);
  return ipc;
}

function tokenFault(status: number, error: string, description = 'Bad Request') {
  emu.faults.inject({
    match: { path: '/token' },
    fault: { type: 'status', status, body: { error, error_description: description } },
    times: 1,
  });
}

describe('sign-in errors from the redirect → their own error codes', () => {
  beforeEach(() => startEmulator());

  it('access_denied (Deny) → CONSENT_DENIED', async () => {
    const setup = setUp();
    await setup.service.start();
    emu.failAuthorizations('access_denied');
    expect(await failedSignIn(setup)).toMatchObject({ code: 'CONSENT_DENIED' });
  });

  it('admin_policy_enforced → ADMIN_POLICY_BLOCKED naming the client id an admin must trust', async () => {
    const setup = setUp();
    await setup.service.start();
    emu.failAuthorizations('admin_policy_enforced');
    expect(await failedSignIn(setup)).toMatchObject({ code: 'ADMIN_POLICY_BLOCKED', clientId: config.clientId });
  });

  it('org_internal → ORG_INTERNAL naming the client id', async () => {
    const setup = setUp();
    await setup.service.start();
    emu.failAuthorizations('org_internal');
    expect(await failedSignIn(setup)).toMatchObject({ code: 'ORG_INTERNAL', clientId: config.clientId });
  });

  it('an error Google has no screen for stays GOOGLE_ERROR with its code in the message', async () => {
    const setup = setUp();
    await setup.service.start();
    emu.failAuthorizations('server_error');
    const error = await failedSignIn(setup);
    expect(error.code).toBe('GOOGLE_ERROR');
    expect(error.message).toContain('server_error');
    // The window words it from these, in the person's language.
    expect(error).toMatchObject({ reason: 'sign-in-refused', googleCode: 'server_error' });
  });
});

describe('sign-in errors from the token endpoint → their own error codes', () => {
  beforeEach(() => startEmulator());

  it.each([
    [401, 'invalid_client', 'CLIENT_REJECTED', 'invalid-client'],
    [401, 'unauthorized_client', 'CLIENT_REJECTED', 'unauthorized-client'],
    [401, 'deleted_client', 'CLIENT_REJECTED', 'deleted-client'],
    [400, 'redirect_uri_mismatch', 'REDIRECT_URI_MISMATCH', undefined],
    [400, 'admin_policy_enforced', 'ADMIN_POLICY_BLOCKED', undefined],
    [400, 'invalid_grant', 'CODE_EXCHANGE_FAILED', undefined],
  ] as const)('HTTP %i %s → %s (%s)', async (status, oauthError, code, reason) => {
    const setup = setUp();
    await setup.service.start();
    tokenFault(status, oauthError);
    const error = await failedSignIn(setup);
    expect(error.code).toBe(code);
    expect(error.reason).toBe(reason);
    if (code !== 'CODE_EXCHANGE_FAILED') expect(error.clientId).toBe(config.clientId);
    expect(setup.secretStore.entries.size).toBe(0);
  });

  it('a client deleted in Cloud Console: the token endpoint says deleted_client → CLIENT_REJECTED saying it was deleted', async () => {
    const setup = setUp();
    await setup.service.start();
    // Deleted while the person is on Google's pages: the code comes back, its exchange is refused.
    setup.hooks.beforeRedirect = () => emu.deleteClient(config.clientId);
    const error = await failedSignIn(setup);
    expect(error).toMatchObject({ code: 'CLIENT_REJECTED', reason: 'deleted-client', clientId: config.clientId });
    expect(error.message).toMatch(/deleted/);
  });
});

describe('Gmail box unticked → ask again for just that permission', () => {
  beforeEach(() => startEmulator());

  it('SCOPE_MISSING names the account; signing in again for it asks Google for gmail.modify only, on top of the grant', async () => {
    const setup = setUp();
    await setup.service.start();
    setup.choices.push({ grantScopes: IDENTITY_SCOPES });
    const error = await failedSignIn(setup);
    const alex = emu.users()[0]!;
    expect(error).toMatchObject({ code: 'SCOPE_MISSING', loginHint: alex.email });

    // The screen's "Ask again for Gmail access" signs in with that hint.
    const account = await setup.service.signIn({ loginHint: error.loginHint! });
    expect(account).toMatchObject({ id: alex.id, status: 'ready' });
    const again = new URL(setup.authUrls[1]!).searchParams;
    expect(again.get('scope')).toBe(GMAIL);
    expect(again.get('include_granted_scopes')).toBe('true');
    expect(again.get('login_hint')).toBe(alex.email);
    expect(again.get('prompt')).toBe('consent');
    expect(await setup.secretStore.get(KEYCHAIN_SERVICE, alex.id)).toMatch(/^1\/\//);

    // Once granted, a later sign-in asks for every scope again (nothing left to ask for on its own).
    await setup.service.signIn({ loginHint: alex.email });
    expect(new URL(setup.authUrls[2]!).searchParams.get('scope')?.split(' ')).toContain('openid');
  });
});

describe('one browser trip on a new machine', () => {
  beforeEach(() => startEmulator());

  it('nothing stored, grant kept at Google (a reinstall): the first trip asks for consent, so one trip brings a refresh token', async () => {
    // An earlier install granted Glance; Google remembers it and would skip its consent page.
    const earlier = setUp();
    await earlier.service.start();
    await earlier.service.signIn({});
    await earlier.service.dispose();
    await rm(dataDir, { recursive: true, force: true });
    dataDir = await mkdtemp(join(tmpdir(), 'glance-signin-errors-'));

    // Without prompt=consent the emulator (like Google) sends no refresh token for a remembered grant.
    const bare = setUp();
    await bare.service.start();
    const account = await bare.service.signIn({});
    await Promise.all(bare.trips);
    expect(account.status).toBe('ready');
    expect(bare.authUrls).toHaveLength(1);
    expect(new URL(bare.authUrls[0]!).searchParams.get('prompt')).toBe('consent');
    expect(await bare.secretStore.get(KEYCHAIN_SERVICE, account.id)).toMatch(/^1\/\//);
  });
});

describe('invalid_grant on refresh: the 7-day limit of apps in Testing', () => {
  it('a Testing client’s refresh token stops working after 7 days → isAuthFailure → the account needs sign-in', async () => {
    await startEmulator({
      clients: [
        {
          clientId: 'testing.apps.googleusercontent.com',
          clientSecret: 'GOCSPX-t',
          type: 'installed',
          status: 'testing',
        },
      ],
    });
    const setup = setUp();
    await setup.service.start();
    const account = await setup.service.signIn({});
    const client = setup.service.getClient(account.id);
    await client.refreshAccessToken();
    now += 7 * 86_400_000 + 60_000;
    const failure = await client.refreshAccessToken().catch((error: unknown) => error);
    expect(failure).toMatchObject({ response: { data: { error: 'invalid_grant' } } });
    expect(toIpcError(setup.service.reportAuthFailure(account.id, failure)).code).toBe('NEEDS_SIGN_IN');
    expect(setup.service.getAccountsState().accounts[0]).toMatchObject({ status: 'needs-sign-in' });
  });
});
