/**
 * Sign in with Google end to end over real HTTP: AuthService ↔ the Google emulator, the loopback listener
 * on 127.0.0.1, and a stand-in for the system browser (one `emu.browser()`, so it stays signed in to
 * Google between sign-ins) that goes through Google's pages and then follows the redirect to the
 * loopback listener, like a browser would.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { OAuth2Client } from 'google-auth-library';
import {
  startGoogleEmulator,
  type ConsentChoice,
  type GoogleBrowser,
  type GoogleEmulator,
} from '../../../electron/google-emulator/index.js';
import { AuthService, isAuthFailure, type AuthServiceOptions } from '../../../electron/core/auth/auth-service.js';
import { exchangeCode } from '../../../electron/core/auth/google-identity.js';
import { buildAuthorizationRequest, createOAuthClient } from '../../../electron/core/auth/oauth-client.js';
import { ACCOUNTS_FILE_NAME } from '../../../electron/core/accounts/account-store.js';
import { clientConfigForServer, type OAuthClientConfig } from '../../../electron/core/config/client-secrets.js';
import {
  CodeExchangeError,
  ConsentDeniedError,
  KeychainUnavailableError,
  NeedsSignInError,
  NoRefreshTokenError,
  NoUserIdError,
  ScopeMissingError,
  SignInCancelledError,
} from '../../../electron/core/errors.js';
import { memoryLogger } from '../../../electron/core/logging.js';
import { KEYCHAIN_SERVICE, memorySecretStore } from '../../../electron/core/keychain/secret-store.js';
import type { AccountsState, SignInProgress } from '../../../electron/shared/ipc-contract.js';
import { httpGet, tryConnect, type PlainResponse } from '../../unit/core/auth/http-helpers.js';
import { memoryClipboard } from '../../unit/core/auth/memory-clipboard.js';

interface BrowserVisit {
  authUrl: string;
  callbackUrl?: string;
  /** Google's pages this visit showed: no 'consent' when Google skipped it. */
  steps?: readonly string[];
  page?: PlainResponse;
  done: Promise<void>;
}

/**
 * Plays the system browser: Google's pages, then the redirect to Glance's loopback listener. Pass the
 * same `google` browser to several of these to keep the person signed in to Google across app installs.
 */
function playingBrowser(emu: GoogleEmulator, google: GoogleBrowser = emu.browser()) {
  const visits: BrowserVisit[] = [];
  let choice: ConsentChoice = {};
  /** What the person does on the next visits, in order; after them, `choice`. */
  const queued: ConsentChoice[] = [];
  return {
    google,
    visits,
    choose(next: ConsentChoice) {
      choice = next;
    },
    chooseOnNextVisits(...next: ConsentChoice[]) {
      queued.push(...next);
    },
    /** Resolves once every visit so far has reached Glance's listener (or failed). */
    settled: () => Promise.all(visits.map((visit) => visit.done)),
    launcher: {
      open: async (authUrl: string) => {
        const visit: BrowserVisit = { authUrl, done: Promise.resolve() };
        const visitChoice = queued.shift() ?? choice;
        visit.done = (async () => {
          visit.callbackUrl = await google.authorize(authUrl, visitChoice);
          visit.steps = [...google.lastSteps];
          visit.page = await httpGet(visit.callbackUrl);
        })();
        visit.done.catch(() => undefined);
        visits.push(visit);
      },
    },
  };
}

let emu: GoogleEmulator;
let config: OAuthClientConfig;
let dataDir: string;
const services: AuthService[] = [];

beforeEach(async () => {
  emu = await startGoogleEmulator();
  config = clientConfigForServer(emu);
  dataDir = await mkdtemp(join(tmpdir(), 'glance-signin-'));
});
afterEach(async () => {
  for (const service of services.splice(0)) await service.dispose();
  await emu.close();
  await rm(dataDir, { recursive: true, force: true });
});

function setUp(overrides: Partial<AuthServiceOptions> = {}, google?: GoogleBrowser) {
  const browser = playingBrowser(emu, google);
  const logger = memoryLogger();
  const secretStore = memorySecretStore();
  const service = new AuthService({
    client: config,
    secretStore,
    browser: browser.launcher,
    paths: { dataDir },
    clock: { now: () => Date.now() },
    logger,
    ...overrides,
  });
  services.push(service);
  const states: AccountsState[] = [];
  const progress: SignInProgress[] = [];
  service.onAccountsChanged((state) => states.push(state));
  service.onSignInProgress((p) => progress.push(p));
  return { service, browser, logger, secretStore, states, progress };
}

/**
 * A first install signs in, then Glance is reinstalled: new data folder, empty keychain, grant still at
 * Google. Returns the system browser, still signed in to Google as the person.
 */
async function reinstallWithGrantKeptAtGoogle(): Promise<GoogleBrowser> {
  const first = setUp();
  await first.service.start();
  await first.service.signIn({});
  await first.service.dispose();
  await rm(dataDir, { recursive: true, force: true });
  dataDir = await mkdtemp(join(tmpdir(), 'glance-signin-'));
  return first.browser.google;
}

/**
 * The user signs Glance in `count` more times elsewhere (other machines, each with prompt=consent), so
 * Google's 100-refresh-tokens-per-client limit pushes out the oldest ones; the grant itself stays.
 */
async function pushOutOldRefreshTokens(email: string, count = 100): Promise<void> {
  const redirectUri = 'http://127.0.0.1:1/cb';
  const oauth = createOAuthClient(config, redirectUri);
  for (let i = 0; i < count; i++) {
    const request = await buildAuthorizationRequest(oauth, { redirectUri, loginHint: email, forceConsent: true });
    const code = new URL(await emu.consent(request.url, { email })).searchParams.get('code')!;
    const tokens = await exchangeCode(oauth, { code, codeVerifier: request.codeVerifier, redirectUri }, memoryLogger());
    if (!tokens.refresh_token) throw new Error('prompt=consent should have brought a refresh token');
  }
}

async function gmailProfile(client: OAuth2Client): Promise<{ emailAddress: string }> {
  const response = await client.request<{ emailAddress: string }>({
    url: `${emu.endpoints.gmailRootUrl}gmail/v1/users/me/profile`,
  });
  return response.data;
}

const alexEmail = () => emu.users()[0]!.email;
const alexId = () => emu.users()[0]!.id;

describe('sign-in against the Google emulator', () => {
  it('signs in: loopback callback, PKCE exchange, userinfo, refresh token in the keychain, account saved', async () => {
    const { service, browser, secretStore, progress, states } = setUp();
    await service.start();
    const account = await service.signIn({});
    expect(account).toMatchObject({ id: alexId(), email: alexEmail(), name: emu.users()[0]!.name, status: 'ready' });
    expect(progress.map((p) => p.phase)).toEqual(['waiting-for-browser', 'exchanging', 'done']);
    expect(states.at(-1)).toMatchObject({ activeAccountId: alexId(), keychainUnavailable: false });

    const refreshToken = await secretStore.get(KEYCHAIN_SERVICE, alexId());
    expect(refreshToken).toMatch(/^1\/\//);
    const onDisk = await readFile(join(dataDir, ACCOUNTS_FILE_NAME), 'utf8');
    expect(JSON.parse(onDisk)).toMatchObject({
      accounts: [{ id: alexId(), email: alexEmail() }],
      activeAccountId: alexId(),
    });
    expect(onDisk).not.toContain(refreshToken);

    const visit = browser.visits[0]!;
    await visit.done;
    expect(visit.page?.status).toBe(200);
    expect(visit.page?.body).toContain('You can close this tab and return to Glance');
    const authParams = new URL(visit.authUrl).searchParams;
    expect(authParams.get('code_challenge_method')).toBe('S256');
    expect(authParams.get('access_type')).toBe('offline');
    // The listener is gone after success; replaying the callback is refused.
    const port = Number(new URL(visit.callbackUrl!).port);
    await vi.waitFor(async () => expect(await tryConnect(port)).toBe('ECONNREFUSED'));

    // The account's client works against Gmail.
    expect((await gmailProfile(service.getClient(alexId()))).emailAddress).toBe(alexEmail());
  });

  it('never puts a token, the code or the callback URL into a log line or an IPC payload', async () => {
    const { service, browser, logger, secretStore, states, progress } = setUp();
    await service.start();
    await service.signIn({});
    const client = service.getClient(alexId());
    await gmailProfile(client);
    const visit = browser.visits[0]!;
    await visit.done;
    const callback = new URL(visit.callbackUrl!);
    const secrets = [
      callback.searchParams.get('code')!,
      encodeURIComponent(callback.searchParams.get('code')!),
      visit.callbackUrl!,
      callback.searchParams.get('state')!,
      client.credentials.access_token!,
      (await secretStore.get(KEYCHAIN_SERVICE, alexId()))!,
    ];
    expect(secrets.every((s) => typeof s === 'string' && s.length > 8)).toBe(true);
    expect(secrets[0]).toMatch(/^4\//);
    // The log did describe the sign-in (so the check below searched real lines).
    const log = logger.lines.join('\n');
    for (const event of ['Sign-in started', 'received the authorization callback', 'Signed in'])
      expect(log).toContain(event);
    const haystacks = [
      logger.lines.join('\n'),
      JSON.stringify(states),
      JSON.stringify(progress),
      JSON.stringify(service.getAccountsState()),
    ];
    for (const haystack of haystacks) for (const secret of secrets) expect(haystack).not.toContain(secret);
  });

  it('Deny → ConsentDeniedError, a “you declined” page, no account, listener closed', async () => {
    const { service, browser, progress } = setUp();
    await service.start();
    browser.choose({ action: 'deny' });
    await expect(service.signIn({})).rejects.toBeInstanceOf(ConsentDeniedError);
    const visit = browser.visits[0]!;
    await visit.done;
    expect(visit.page?.body).toContain('You declined access');
    expect(progress.at(-1)).toMatchObject({ phase: 'failed', error: { code: 'CONSENT_DENIED' } });
    expect(service.getAccountsState().accounts).toEqual([]);
    await vi.waitFor(async () =>
      expect(await tryConnect(Number(new URL(visit.callbackUrl!).port))).toBe('ECONNREFUSED'),
    );
  });

  it('unticked Gmail box → ScopeMissingError with the wording the UI shows', async () => {
    const { service, browser, secretStore } = setUp();
    await service.start();
    browser.choose({
      grantScopes: [
        'openid',
        'https://www.googleapis.com/auth/userinfo.email',
        'https://www.googleapis.com/auth/userinfo.profile',
      ],
    });
    const error = await service.signIn({}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ScopeMissingError);
    expect((error as Error).message).toBe(
      'Glance needs permission to read your mail — sign in again and tick the Gmail box.',
    );
    expect(service.getAccountsState().accounts).toEqual([]);
    expect(secretStore.entries.size).toBe(0);
  });

  it('Google refusing the code → CodeExchangeError', async () => {
    const { service } = setUp();
    await service.start();
    emu.faults.inject({
      match: { path: '/token' },
      fault: { type: 'status', status: 400, body: { error: 'invalid_grant', error_description: 'Bad Request' } },
      times: 1,
    });
    await expect(service.signIn({})).rejects.toBeInstanceOf(CodeExchangeError);
  });

  it('userinfo without an id → NoUserIdError', async () => {
    const { service } = setUp();
    await service.start();
    emu.faults.inject({
      match: { path: '/oauth2/v2/userinfo' },
      fault: { type: 'status', status: 200, body: { email: 'alex@example.com' } },
      times: 1,
    });
    await expect(service.signIn({})).rejects.toBeInstanceOf(NoUserIdError);
  });

  it('re-authorizing a known account without prompt=consent uses the stored refresh token', async () => {
    const { service, browser, secretStore } = setUp();
    await service.start();
    await service.signIn({});
    const first = await secretStore.get(KEYCHAIN_SERVICE, alexId());
    const again = await service.signIn({ loginHint: alexEmail() });
    expect(again).toMatchObject({ id: alexId(), status: 'ready' });
    const params = new URL(browser.visits[1]!.authUrl).searchParams;
    expect(params.get('login_hint')).toBe(alexEmail());
    expect(params.has('prompt')).toBe(false);
    // Like Google: the hinted account is signed in in the browser and its grant covers the scopes, so no
    // page at all (no chooser, no consent) and no new refresh token.
    await browser.visits[1]!.done;
    expect(browser.visits[1]!.steps).toEqual([]);
    expect(new URL(browser.visits[1]!.callbackUrl!).searchParams.get('prompt')).toBe('none');
    expect(emu.issuedSecrets().filter((secret) => secret.startsWith('1//'))).toEqual([first]);
    expect(await secretStore.get(KEYCHAIN_SERVICE, alexId())).toBe(first);
    expect((await gmailProfile(service.getClient(alexId()))).emailAddress).toBe(alexEmail());
  });

  it('a re-sign-in that brings no refresh token keeps the good stored one and asks Google nothing more', async () => {
    const { service, browser, secretStore } = setUp();
    await service.start();
    await service.signIn({});
    const good = (await secretStore.get(KEYCHAIN_SERVICE, alexId()))!;
    // "Add another account", then Alex again in Google's chooser: consent skipped, no refresh token.
    const again = await service.signIn({});
    await browser.settled();
    expect(again).toMatchObject({ id: alexId(), status: 'ready' });
    expect(browser.visits).toHaveLength(2); // no consent retry while a good token is stored
    expect(new URL(browser.visits[1]!.authUrl).searchParams.has('prompt')).toBe(false);
    expect(browser.visits[1]!.steps).toEqual(['chooser']);
    expect(emu.issuedSecrets().filter((secret) => secret.startsWith('1//'))).toEqual([good]);
    expect(await secretStore.get(KEYCHAIN_SERVICE, alexId())).toBe(good);
    const client = service.getClient(alexId());
    await client.refreshAccessToken(); // the kept token really works at Google
    expect((await gmailProfile(client)).emailAddress).toBe(alexEmail());
  });

  it('reinstall (grant kept at Google, nothing stored): one browser trip — chooser, then consent (prompt=consent), then a stored refresh token', async () => {
    const google = await reinstallWithGrantKeptAtGoogle();
    const { service, browser, secretStore, progress } = setUp({}, google);
    await service.start();
    const account = await service.signIn({});
    expect(account).toMatchObject({ id: alexId(), email: alexEmail(), status: 'ready' });
    await browser.settled();
    // Glance holds no refresh token at all, and Google sends one only with consent (it would skip its
    // consent page for the grant it remembers): so the first trip asks for consent.
    expect(browser.visits.map((visit) => visit.steps)).toEqual([['chooser', 'consent']]);
    const first = new URL(browser.visits[0]!.authUrl).searchParams;
    expect(first.get('prompt')).toBe('consent');
    expect(first.has('login_hint')).toBe(false);
    expect(progress.map((p) => p.phase)).toEqual(['waiting-for-browser', 'exchanging', 'done']);
    const stored = await secretStore.get(KEYCHAIN_SERVICE, alexId());
    expect(stored).toMatch(/^1\/\//);
    const client = service.getClient(alexId());
    await client.refreshAccessToken();
    expect((await gmailProfile(client)).emailAddress).toBe(alexEmail());
    // With a fresh token stored, later sign-ins let Google decide again: chooser only, no retry.
    await service.signIn({});
    await browser.settled();
    expect(browser.visits).toHaveLength(2);
    expect(new URL(browser.visits[1]!.authUrl).searchParams.has('prompt')).toBe(false);
    expect(browser.visits[1]!.steps).toEqual(['chooser']);
  });

  it('a stored refresh token Google pushed out (100-per-client limit) is not brought back: signing in without a hint gets a new one in the same click', async () => {
    const { service, browser, secretStore, states } = setUp();
    await service.start();
    await service.signIn({});
    const dead = (await secretStore.get(KEYCHAIN_SERVICE, alexId()))!;
    await pushOutOldRefreshTokens(alexEmail());
    // Glance finds out on its next refresh: invalid_grant → needs-sign-in.
    const failure = await service
      .getClient(alexId())
      .refreshAccessToken()
      .catch((e: unknown) => e);
    expect(failure).toMatchObject({ response: { data: { error: 'invalid_grant' } } });
    service.reportAuthFailure(alexId(), failure);
    expect(states.at(-1)?.accounts[0]).toMatchObject({ id: alexId(), status: 'needs-sign-in' });
    const statesBefore = states.length;

    // "Add another account" (no hint); the person picks Alex in Google's chooser.
    browser.choose({ email: alexEmail() });
    const account = await service.signIn({});
    await browser.settled();
    expect(account).toMatchObject({ id: alexId(), status: 'ready' });
    // Glance knows its only token is dead, so the one trip asks for consent: chooser, then consent.
    expect(browser.visits.slice(1).map((visit) => visit.steps)).toEqual([['chooser', 'consent']]);
    expect(new URL(browser.visits[1]!.authUrl).searchParams.get('prompt')).toBe('consent');
    const fresh = await secretStore.get(KEYCHAIN_SERVICE, alexId());
    expect(fresh).toMatch(/^1\/\//);
    expect(fresh).not.toBe(dead);
    // No ready → needs-sign-in loop: the account's token works at Google, and it stays ready.
    const client = service.getClient(alexId());
    await client.refreshAccessToken();
    expect((await gmailProfile(client)).emailAddress).toBe(alexEmail());
    expect(states.slice(statesBefore).map((state) => state.accounts[0]?.status)).not.toContain('needs-sign-in');
    expect(service.getAccountsState().accounts).toEqual([expect.objectContaining({ id: alexId(), status: 'ready' })]);
  });

  it('after a restart, before Glance has noticed, a pushed-out stored token is checked at Google and not brought back', async () => {
    const first = setUp();
    await first.service.start();
    await first.service.signIn({});
    const dead = (await first.secretStore.get(KEYCHAIN_SERVICE, alexId()))!;
    await first.service.dispose();
    await pushOutOldRefreshTokens(alexEmail());

    // Glance starts again (same keychain, same browser) and the person signs in before any mail call failed.
    const { secretStore } = first;
    const { service, browser } = setUp({ secretStore }, first.browser.google);
    await service.start();
    expect(service.getAccountsState().accounts[0]).toMatchObject({ id: alexId(), status: 'ready' });
    const account = await service.signIn({});
    await browser.settled();
    expect(account).toMatchObject({ id: alexId(), status: 'ready' });
    expect(browser.visits.map((visit) => visit.steps)).toEqual([['chooser'], ['consent']]);
    expect(new URL(browser.visits[1]!.authUrl).searchParams.get('prompt')).toBe('consent');
    const fresh = await secretStore.get(KEYCHAIN_SERVICE, alexId());
    expect(fresh).toMatch(/^1\/\//);
    expect(fresh).not.toBe(dead);
    const client = service.getClient(alexId());
    await client.refreshAccessToken();
    expect((await gmailProfile(client)).emailAddress).toBe(alexEmail());
  });

  it('the consent page of the second trip in the same click is the one opened again', async () => {
    const first = setUp();
    await first.service.start();
    await first.service.signIn({});
    await first.service.dispose();
    await pushOutOldRefreshTokens(alexEmail());

    const playing = playingBrowser(emu, first.browser.google);
    const lost: string[] = [];
    let opens = 0;
    const { service, progress } = setUp({
      secretStore: first.secretStore,
      // The second trip's consent tab gets lost; the others go through Google's pages.
      browser: { open: async (url) => (++opens === 2 ? void lost.push(url) : playing.launcher.open(url)) },
    });
    await service.start();
    const signIn = service.signIn({});
    await vi.waitFor(() => expect(lost).toHaveLength(1));
    await vi.waitFor(() => expect(progress.at(-1)?.phase).toBe('waiting-for-browser'));
    await service.openBrowserAgain();
    expect(await signIn).toMatchObject({ id: alexId(), status: 'ready' });
    await playing.settled();
    expect(playing.visits.map((visit) => visit.steps)).toEqual([['chooser'], ['consent']]);
    expect(playing.visits[1]!.authUrl).toBe(lost[0]);
    expect(new URL(lost[0]!).searchParams.get('prompt')).toBe('consent');
    expect(playing.visits[0]!.authUrl).not.toBe(lost[0]);
  });

  it('the person declines the consent asked for → ConsentDeniedError that says what to do, nothing stored; the next click goes straight to consent', async () => {
    const google = await reinstallWithGrantKeptAtGoogle();
    const { service, browser, secretStore, progress } = setUp({}, google);
    await service.start();
    browser.chooseOnNextVisits({ action: 'deny' });
    const error = await service.signIn({}).catch((e: unknown) => e);
    await browser.settled();
    expect(error).toBeInstanceOf(ConsentDeniedError);
    expect((error as Error).message).toBe(
      'You declined access in your browser. Glance can’t show your mail without it — sign in again when you’re ready.',
    );
    expect(browser.visits.map((visit) => visit.steps)).toEqual([['chooser', 'consent']]);
    expect(browser.visits[0]!.page?.body).toContain('You declined access');
    expect(progress.at(-1)).toMatchObject({ phase: 'failed', error: { code: 'CONSENT_DENIED' } });
    expect(service.getAccountsState().accounts).toEqual([]);
    expect(secretStore.entries.size).toBe(0);

    // Signing in again (no hint) asks for consent on the first trip: no chooser-only detour.
    const account = await service.signIn({});
    await browser.settled();
    expect(browser.visits).toHaveLength(2);
    expect(new URL(browser.visits[1]!.authUrl).searchParams.get('prompt')).toBe('consent');
    expect(browser.visits[1]!.steps).toEqual(['chooser', 'consent']);
    expect(account).toMatchObject({ id: alexId(), status: 'ready' });
    expect(await secretStore.get(KEYCHAIN_SERVICE, alexId())).toMatch(/^1\/\//);
  });

  it('no refresh token even though consent was asked → NoRefreshTokenError naming the account, and no second trip', async () => {
    const google = await reinstallWithGrantKeptAtGoogle();
    // An access token for Alex that Google would accept, to answer the code exchange without a refresh token.
    const redirectUri = 'http://127.0.0.1:1/cb';
    const oauth = createOAuthClient(config, redirectUri);
    const minted = await buildAuthorizationRequest(oauth, { redirectUri, forceConsent: false });
    const mintedCode = new URL(await emu.consent(minted.url)).searchParams.get('code')!;
    const { access_token, scope } = await exchangeCode(
      oauth,
      { code: mintedCode, codeVerifier: minted.codeVerifier, redirectUri },
      memoryLogger(),
    );

    const { service, browser, secretStore, progress } = setUp({}, google);
    const originalOpen = browser.launcher.open;
    browser.launcher.open = async (authUrl: string) => {
      if (browser.visits.length === 0)
        emu.faults.inject({
          match: { path: '/token' },
          fault: { type: 'status', status: 200, body: { access_token, expires_in: 3599, scope, token_type: 'Bearer' } },
          times: 1,
        });
      await originalOpen(authUrl);
    };
    await service.start();
    const error = await service.signIn({}).catch((e: unknown) => e);
    await browser.settled();
    expect(error).toBeInstanceOf(NoRefreshTokenError);
    expect((error as NoRefreshTokenError).loginHint).toBe(alexEmail());
    expect(browser.visits).toHaveLength(1);
    expect(new URL(browser.visits[0]!.authUrl).searchParams.get('prompt')).toBe('consent');
    expect(progress.at(-1)).toMatchObject({ phase: 'failed', error: { code: 'NO_REFRESH_TOKEN' } });
    expect(service.getAccountsState().accounts).toEqual([]);
    expect(secretStore.entries.size).toBe(0);
  });

  it('Cancel works while Google is finishing the sign-in, and a stalled token endpoint ends in OFFLINE, not a hang', async () => {
    const stall = emu.faults.inject({ match: { path: '/token' }, fault: { type: 'slow', ms: 3_000 } });
    const cancelled = setUp();
    await cancelled.service.start();
    const pending = cancelled.service.signIn({});
    await vi.waitFor(() => expect(cancelled.progress.at(-1)?.phase).toBe('exchanging'));
    // The browser has answered: its consent page can't be opened again.
    await expect(cancelled.service.openBrowserAgain()).rejects.toBeInstanceOf(SignInCancelledError);
    expect(cancelled.browser.visits).toHaveLength(1);
    cancelled.service.cancelSignIn();
    await expect(pending).rejects.toBeInstanceOf(SignInCancelledError);

    const deadline = setUp({ googleRequestDeadlineMs: 200 });
    await deadline.service.start();
    await expect(deadline.service.signIn({})).rejects.toMatchObject({ code: 'OFFLINE' });
    stall();
  });

  it('a wrong PKCE verifier fails the exchange (the verifier really is checked), the right one succeeds', async () => {
    const redirectUri = 'http://127.0.0.1:1/cb';
    const oauth = createOAuthClient(config, redirectUri);
    const request = await buildAuthorizationRequest(oauth, { redirectUri, forceConsent: false });
    const code = new URL(await emu.consent(request.url)).searchParams.get('code')!;
    const wrong = await exchangeCode(oauth, { code, codeVerifier: 'x'.repeat(64), redirectUri }, memoryLogger()).catch(
      (e: unknown) => e,
    );
    expect(wrong).toBeInstanceOf(CodeExchangeError);
    expect(((wrong as Error).cause as { response?: { data?: unknown } }).response?.data).toEqual({
      error: 'invalid_grant',
      error_description: 'Invalid code verifier.',
    });

    const request2 = await buildAuthorizationRequest(oauth, { redirectUri, forceConsent: false });
    const code2 = new URL(await emu.consent(request2.url)).searchParams.get('code')!;
    const tokens = await exchangeCode(
      oauth,
      { code: code2, codeVerifier: request2.codeVerifier, redirectUri },
      memoryLogger(),
    );
    expect(tokens.access_token).toMatch(/^ya29\./);
    // Single use: the same code again is refused.
    await expect(
      exchangeCode(oauth, { code: code2, codeVerifier: request2.codeVerifier, redirectUri }, memoryLogger()),
    ).rejects.toBeInstanceOf(CodeExchangeError);
  });

  it('a keychain that refuses the new refresh token fails the sign-in clearly and adds no account', async () => {
    const refusing = memorySecretStore();
    refusing.set = async () => {
      throw new Error('Cannot create an item in a locked collection');
    };
    const { service, progress } = setUp({ secretStore: refusing });
    await service.start();
    await expect(service.signIn({})).rejects.toBeInstanceOf(KeychainUnavailableError);
    expect(progress.at(-1)).toMatchObject({ phase: 'failed', error: { code: 'KEYCHAIN_UNAVAILABLE' } });
    expect(service.getAccountsState().accounts).toEqual([]);
  });

  it('a callback replayed from an earlier sign-in gets 400 while the new sign-in keeps waiting', async () => {
    const { service, browser } = setUp();
    await service.start();
    await service.signIn({});
    await browser.visits[0]!.done;
    const oldCallback = new URL(browser.visits[0]!.callbackUrl!);

    // The next "browser" stalls, as if the person had not clicked yet.
    let resumeBrowser!: () => void;
    const stalled = new Promise<void>((resolve) => (resumeBrowser = resolve));
    const pendingAuthUrls: string[] = [];
    const second = setUp({
      browser: {
        open: async (url) => {
          pendingAuthUrls.push(url);
          void stalled.then(async () => httpGet(await emu.consent(url))).catch(() => undefined);
        },
      },
    });
    await second.service.start();
    const signIn = second.service.signIn({ loginHint: alexEmail() });
    await vi.waitFor(() => expect(pendingAuthUrls).toHaveLength(1));
    const listening = new URL(new URL(pendingAuthUrls[0]!).searchParams.get('redirect_uri')!);
    const replay = new URL(listening.toString());
    replay.search = oldCallback.search; // old state + old code, on the new listener's own path
    expect((await httpGet(replay.toString())).status).toBe(400);
    expect(await tryConnect(Number(listening.port))).toBe('connected');

    resumeBrowser();
    await expect(signIn).resolves.toMatchObject({ id: alexId(), status: 'ready' });
  });

  it('the browser tab got closed: “Open the browser again” opens the same consent page, and finishing it signs in once', async () => {
    const browser = playingBrowser(emu);
    const closedTab: string[] = [];
    const { service, progress, states } = setUp({
      browser: {
        // The first tab is closed before the person gets to it; the next one goes through Google's pages.
        open: async (url) => (closedTab.length === 0 ? void closedTab.push(url) : browser.launcher.open(url)),
      },
    });
    await service.start();
    const signIn = service.signIn({});
    await vi.waitFor(() => expect(closedTab).toHaveLength(1));
    await service.openBrowserAgain();
    const account = await signIn;
    expect(account).toMatchObject({ id: alexId(), status: 'ready' });
    expect(browser.visits.map((visit) => visit.authUrl)).toEqual(closedTab);
    expect(progress.map((p) => p.phase)).toEqual(['waiting-for-browser', 'exchanging', 'done']);
    expect(states.at(-1)?.accounts.map((a) => a.id)).toEqual([alexId()]);
    // Once the browser has answered, there is nothing to open again.
    await expect(service.openBrowserAgain()).rejects.toBeInstanceOf(SignInCancelledError);
    expect(browser.visits).toHaveLength(1);
  });

  it('“Copy the sign-in link”, pasted into another browser profile, signs in; the link stays out of the log and comes off the clipboard', async () => {
    const clipboard = memoryClipboard();
    const copied = clipboard.writes;
    const { service, browser, logger } = setUp({ clipboard });
    browser.launcher.open = async () => undefined; // opened in the profile the person doesn't use Google in
    await service.start();
    const signIn = service.signIn({});
    await vi.waitFor(() => expect(logger.lines.join('\n')).toContain('Sign-in started'));
    await service.copySignInLink();
    expect(copied).toHaveLength(1);
    const otherProfile = emu.browser();
    const callbackUrl = await otherProfile.authorize(copied[0]!, {});
    expect((await httpGet(callbackUrl)).status).toBe(200);
    expect(await signIn).toMatchObject({ id: alexId(), status: 'ready' });
    const state = new URL(copied[0]!).searchParams.get('state')!;
    const log = logger.lines.join('\n');
    expect(log).toContain('copied the sign-in link');
    expect(log).not.toContain(copied[0]!);
    expect(log).not.toContain(state);
    await expect(service.copySignInLink()).rejects.toBeInstanceOf(SignInCancelledError);
    // Signed in: the link (with the person's email when Glance sends a hint) is not left on the clipboard.
    expect(clipboard.text).toBe('');
  });

  it('a copied link declined in the other browser profile comes off the clipboard too', async () => {
    const clipboard = memoryClipboard();
    const { service, browser, logger } = setUp({ clipboard });
    browser.launcher.open = async () => undefined;
    await service.start();
    // Caught at once: the sign-in may fail before the browser has read the listener's answer.
    const outcome = service.signIn({ loginHint: 'alex@example.com' }).catch((e: unknown) => e);
    await vi.waitFor(() => expect(logger.lines.join('\n')).toContain('Sign-in started'));
    await service.copySignInLink();
    expect(new URL(clipboard.text).searchParams.get('login_hint')).toBe('alex@example.com');
    const callbackUrl = await emu.browser().authorize(clipboard.text, { action: 'deny' });
    await httpGet(callbackUrl);
    expect(await outcome).toBeInstanceOf(ConsentDeniedError);
    expect(clipboard.text).toBe('');
  });

  it('adds a second account and makes it active', async () => {
    const { service, browser } = setUp();
    await service.start();
    await service.signIn({});
    const sam = emu.users()[1]!;
    browser.choose({ email: sam.email });
    await service.signIn({});
    // The browser's chooser offered Alex; Sam came in through "Use another account", then consent.
    await browser.visits[1]!.done;
    expect(browser.visits[1]!.steps).toEqual(['chooser', 'signin', 'consent']);
    const state = service.getAccountsState();
    expect(state.accounts.map((a) => a.email)).toEqual([alexEmail(), sam.email]);
    expect(state.activeAccountId).toBe(sam.id);
    expect((await gmailProfile(service.getClient(sam.id))).emailAddress).toBe(sam.email);
  });
});

describe('after sign-in', () => {
  it('a restart (new AuthService, same data folder and keychain) restores the account silently', async () => {
    const { service, secretStore } = setUp();
    await service.start();
    await service.signIn({});
    await service.dispose();

    const restarted = setUp({ secretStore });
    await restarted.service.start();
    expect(restarted.service.getAccountsState()).toMatchObject({
      accounts: [{ id: alexId(), status: 'ready' }],
      activeAccountId: alexId(),
    });
    expect(restarted.browser.visits).toHaveLength(0);
    // No access token in memory after a restart: the first call refreshes with the stored refresh token.
    expect((await gmailProfile(restarted.service.getClient(alexId()))).emailAddress).toBe(alexEmail());
  });

  it('an expired access token surfaces as a 401 (the Gmail transport owns refresh-and-replay), and one refresh fixes it', async () => {
    // The client never refreshes on its own after a 401/403: that would also refresh on every rate limit.
    // The seed's "401 → refresh" lives in the Gmail transport (test/integration/gmail/token-refresh.test.ts).
    const { service } = setUp();
    await service.start();
    await service.signIn({});
    const client = service.getClient(alexId());
    await gmailProfile(client);
    emu.expireAccessTokens(alexEmail());
    const before = emu.counters().tokenRequests;
    await expect(gmailProfile(client)).rejects.toMatchObject({ response: { status: 401 } });
    expect(emu.counters().tokenRequests).toBe(before);
    await client.refreshAccessToken();
    expect((await gmailProfile(client)).emailAddress).toBe(alexEmail());
    expect(emu.counters().tokenRequests).toBe(before + 1);
  });

  it('revoked at Google → isAuthFailure → needs-sign-in → signIn with login_hint works, same account, nothing lost', async () => {
    const { service, browser, states } = setUp();
    await service.start();
    await service.signIn({});
    const client = service.getClient(alexId());
    emu.revokeUser(alexEmail());
    emu.expireAccessTokens(alexEmail());
    const failure = await gmailProfile(client).catch((e: unknown) => e);
    expect(isAuthFailure(failure)).toBe(true);
    const needsSignIn = service.reportAuthFailure(alexId(), failure);
    expect(needsSignIn.code).toBe('NEEDS_SIGN_IN');
    expect(states.at(-1)?.accounts[0]).toMatchObject({ id: alexId(), status: 'needs-sign-in' });
    expect(() => service.getClient(alexId())).toThrow(NeedsSignInError);

    const account = await service.signIn({ loginHint: alexEmail() });
    const params = new URL(browser.visits[1]!.authUrl).searchParams;
    expect(params.get('login_hint')).toBe(alexEmail());
    expect(params.get('prompt')).toBe('consent'); // the old refresh token is dead: a new one is needed
    // The browser is still signed in to Google as Alex: straight to the consent page (the grant was revoked).
    await browser.visits[1]!.done;
    expect(browser.visits[1]!.steps).toEqual(['consent']);
    expect(account).toMatchObject({ id: alexId(), status: 'ready' });
    expect(service.getAccountsState().accounts).toHaveLength(1);
    expect((await gmailProfile(service.getClient(alexId()))).emailAddress).toBe(alexEmail());
  });

  it('sign-out revokes at Google, deletes the keychain entry, runs the removal hooks and forgets the account', async () => {
    const { service, secretStore } = setUp();
    await service.start();
    await service.signIn({});
    const refreshToken = (await secretStore.get(KEYCHAIN_SERVICE, alexId()))!;
    const removed: string[] = [];
    service.onAccountRemoved(async (id) => void removed.push(id));
    expect(await service.signOut(alexId())).toEqual({ revoked: true });
    expect(await secretStore.get(KEYCHAIN_SERVICE, alexId())).toBeNull();
    expect(removed).toEqual([alexId()]);
    expect(service.getAccountsState()).toEqual({ accounts: [], activeAccountId: null, keychainUnavailable: false });
    // The grant is really gone at Google.
    const stale = createOAuthClient(config);
    stale.setCredentials({ refresh_token: refreshToken });
    await expect(stale.getAccessToken()).rejects.toMatchObject({ response: { data: { error: 'invalid_grant' } } });
  });

  it('sign-out still completes when Google cannot be told (revoked: false)', async () => {
    const { service, secretStore } = setUp();
    await service.start();
    await service.signIn({});
    emu.faults.inject({
      match: { path: '/revoke' },
      fault: { type: 'status', status: 503, body: { error: 'backend_error' } },
    });
    expect(await service.signOut(alexId())).toEqual({ revoked: false });
    expect(await secretStore.get(KEYCHAIN_SERVICE, alexId())).toBeNull();
    expect(service.getAccountsState().accounts).toEqual([]);
  });
});
