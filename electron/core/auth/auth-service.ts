/**
 * Sign in with Google for a desktop app, and the lifecycle of the signed-in accounts. Composes the seed's
 * pieces (authorization URL, code exchange, userinfo, get_credentials) with the system browser, the
 * loopback listener, the keychain and accounts.json.
 *
 * Access tokens live only in memory (inside each account's OAuth2Client); refresh tokens only in the
 * keychain; accounts.json holds identity only.
 */
import type { Credentials, OAuth2Client } from 'google-auth-library';
import type {
  AccountStatus,
  AccountView,
  AccountsState,
  KeychainProblem,
  SignInProgress,
} from '../../shared/ipc-contract.js';
import { AccountStore, type StoredAccount } from '../accounts/account-store.js';
import type { OAuthClientConfig } from '../config/client-secrets.js';
import {
  type GlanceError,
  InvalidArgumentError,
  KeychainUnavailableError,
  NeedsSignInError,
  NoRefreshTokenError,
  NotFoundError,
  OfflineError,
  SignInCancelledError,
  toIpcError,
  WORDING,
} from '../errors.js';
import { DEFAULT_KEYCHAIN_TIMEOUT_MS, guardedSecretStore, KEYCHAIN_SERVICE } from '../keychain/secret-store.js';
import type { Logger } from '../logging.js';
import type { AppPaths, BrowserLauncher, Clock, HttpFetch, SecretStore, SystemClipboard, Timers } from '../ports.js';
import { withTimeout } from '../timeout.js';
import {
  assertGmailScope,
  exchangeCode,
  fetchUserInfo,
  type GoogleUser,
  grantedScopeOf,
  isAuthFailure,
  probeRefreshToken,
  resolveRefreshToken,
} from './google-identity.js';
import { DEFAULT_SIGN_IN_TIMEOUT_MS, startLoopbackListener, type LoopbackListener } from './loopback-listener.js';
import { buildAuthorizationRequest, createOAuthClient, GMAIL_SCOPE, randomState } from './oauth-client.js';

export { isAuthFailure } from './google-identity.js';

export interface AuthServiceOptions {
  client: OAuthClientConfig;
  secretStore: SecretStore;
  browser: BrowserLauncher;
  /** Where "Copy the sign-in link" puts the consent page's address; absent where there is no desktop. */
  clipboard?: SystemClipboard;
  paths: AppPaths;
  clock: Clock;
  logger: Logger;
  signInTimeoutMs?: number;
  keychainTimeoutMs?: number;
  /** Schedules the sign-in time-out; tests pass a manual one. Default: real timers. */
  timers?: Timers;
  /** How long each request to Google that finishes a sign-in or sign-out may take. */
  googleRequestDeadlineMs?: number;
  /**
   * The network port every request to Google goes through (ports.ts HttpFetch): token endpoint, userinfo,
   * revocation and, through each account's client, Gmail. Absent only in tests: gaxios' own fetch.
   */
  fetch?: HttpFetch;
  /** Where secrets are kept when not in the OS keychain (the passphrase-protected file), for AccountsState. */
  secretStorageState?: () => Pick<AccountsState, 'passphraseFile'>;
}

/** Written and deleted at start-up to tell a locked keyring from a missing entry. Never a Google user id (those are numeric). */
const KEYCHAIN_CHECK_ACCOUNT = 'glance-keychain-check';

interface AccountRuntime {
  status: AccountStatus;
  /** Null when the keychain had none or could not be read. */
  refreshToken: string | null;
  /** False after `invalid_grant`: re-authorizing needs a new refresh token (prompt=consent). */
  refreshTokenUsable: boolean;
  client: OAuth2Client | null;
}

interface SignInAttempt {
  listener: LoopbackListener | null;
  /**
   * The consent page the browser was sent to, while its listener waits for the browser's answer; null before
   * and after. It holds the state and the PKCE challenge, never the verifier, but stays out of the logs.
   */
  authorizationUrl: string | null;
  /**
   * The consent page addresses "Copy the sign-in link" put on the clipboard. They hold the person's email
   * (login_hint), so they come off the clipboard when the attempt ends, unless something else was copied since.
   */
  copiedLinks: string[];
  /** Set as the attempt winds down: a link whose copying finishes later comes off the clipboard at once. */
  ended: boolean;
  cancelled: GlanceError | null;
  /** Rejects when the attempt is cancelled, so every await after the callback can be abandoned. */
  cancellation: Promise<never>;
  rejectCancellation: (reason: GlanceError) => void;
}

/** How long Google may take over each request that finishes a sign-in or a sign-out. */
export const GOOGLE_REQUEST_DEADLINE_MS = 30_000;

function newAttempt(): SignInAttempt {
  let rejectCancellation: (reason: GlanceError) => void = () => undefined;
  const cancellation = new Promise<never>((_resolve, reject) => {
    rejectCancellation = reject;
  });
  cancellation.catch(() => undefined); // Only observed while a step is racing it.
  return {
    listener: null,
    authorizationUrl: null,
    copiedLinks: [],
    ended: false,
    cancelled: null,
    cancellation,
    rejectCancellation,
  };
}

/** How long the end of a sign-in waits for the clipboard to say what it holds. */
const CLIPBOARD_TIMEOUT_MS = 2_000;

export class AuthService {
  private readonly options: AuthServiceOptions;
  private readonly secretStore: SecretStore;
  private readonly store: AccountStore;
  private readonly logger: Logger;
  private readonly runtimes = new Map<string, AccountRuntime>();
  private readonly accountsListeners = new Set<(state: AccountsState) => void>();
  private readonly progressListeners = new Set<(progress: SignInProgress) => void>();
  private readonly removalHooks: Array<(accountId: string) => Promise<void>> = [];
  /** Emails for which Google returned no refresh token and none was stored: next time, force consent. */
  private readonly consentRequired = new Set<string>();
  /** Emails whose last consent left the Gmail box unticked: the next sign-in for them asks for just that scope. */
  private readonly gmailScopeMissing = new Set<string>();
  private keychainUnavailable = false;
  private keychainProblem: KeychainProblem | undefined;
  private attempt: SignInAttempt | null = null;
  private disposed = false;

  constructor(options: AuthServiceOptions) {
    this.options = options;
    this.logger = options.logger;
    this.secretStore = guardedSecretStore(
      options.secretStore,
      options.keychainTimeoutMs ?? DEFAULT_KEYCHAIN_TIMEOUT_MS,
    );
    this.store = new AccountStore(options.paths.dataDir, options.logger);
  }

  // -------------------------------------------------------------------------------------------------
  // Start-up and state
  // -------------------------------------------------------------------------------------------------

  /** Silent restore: accounts from accounts.json, refresh tokens from the keychain. Never throws or hangs. */
  async start(): Promise<void> {
    try {
      await this.store.load();
      await this.loadRefreshTokens();
      // No account yet: still find out now whether the keychain works, so a machine without one shows the
      // keychain screen before the person goes through Google's pages for nothing.
      if (this.store.list().length === 0) await this.probeKeychain();
    } catch (error) {
      this.logger.error('Restoring accounts failed', { error });
    }
    this.emitAccounts();
  }

  getAccountsState(): AccountsState {
    return {
      accounts: this.store.list().map((account) => this.view(account)),
      activeAccountId: this.store.activeAccountId,
      keychainUnavailable: this.keychainUnavailable,
      ...(this.keychainUnavailable && this.keychainProblem ? { keychainProblem: this.keychainProblem } : {}),
      ...(this.options.secretStorageState?.() ?? {}),
    };
  }

  setActive(accountId: string): AccountsState {
    if (!this.store.setActive(accountId)) throw new NotFoundError(WORDING.accountNotSignedIn);
    this.emitAccounts();
    return this.getAccountsState();
  }

  async retryKeychain(): Promise<AccountsState> {
    await this.loadRefreshTokens();
    if (this.store.list().length === 0) await this.probeKeychain();
    this.emitAccounts();
    return this.getAccountsState();
  }

  /** A read of an entry that never exists: fails fast without D-Bus, a Secret Service or keytar's module. */
  private async probeKeychain(): Promise<void> {
    try {
      await this.secretStore.get(KEYCHAIN_SERVICE, KEYCHAIN_CHECK_ACCOUNT);
      this.keychainUnavailable = false;
      this.keychainProblem = undefined;
    } catch (error) {
      this.markKeychainUnavailable(error);
    }
  }

  private async loadRefreshTokens(): Promise<void> {
    this.keychainUnavailable = false;
    this.keychainProblem = undefined;
    const missing: string[] = [];
    for (const account of this.store.list()) {
      const existing = this.runtimes.get(account.id);
      if (existing?.refreshToken && existing.status === 'ready') continue;
      try {
        const refreshToken = await this.secretStore.get(KEYCHAIN_SERVICE, account.id);
        // The same token Google already refused stays refused: the account keeps needing sign-in.
        if (
          existing &&
          !existing.refreshTokenUsable &&
          existing.refreshToken !== null &&
          existing.refreshToken === refreshToken
        )
          continue;
        this.runtimes.set(account.id, {
          status: refreshToken ? 'ready' : 'needs-sign-in',
          refreshToken,
          refreshTokenUsable: refreshToken !== null,
          client: null,
        });
        if (!refreshToken) missing.push(account.id);
      } catch (error) {
        // One failure is enough: the keychain is locked or gone; don't wait a time-out per account.
        this.markKeychainUnavailable(error);
        return;
      }
    }
    // A locked keyring can read as "no entry" (libsecret does not unlock for a lookup), so a missing
    // token is only believed once a write goes through.
    if (missing.length > 0) {
      try {
        await this.secretStore.set(KEYCHAIN_SERVICE, KEYCHAIN_CHECK_ACCOUNT, 'ok');
        await this.secretStore.delete(KEYCHAIN_SERVICE, KEYCHAIN_CHECK_ACCOUNT);
      } catch (error) {
        this.markKeychainUnavailable(error);
      }
    }
  }

  private markKeychainUnavailable(error: unknown): void {
    this.keychainUnavailable = true;
    this.keychainProblem = error instanceof KeychainUnavailableError ? error.problem : 'refused';
    this.logger.warn('Keychain unavailable while restoring accounts', { error });
    for (const account of this.store.list()) {
      const runtime = this.runtimes.get(account.id);
      if (!runtime?.refreshToken)
        this.runtimes.set(account.id, {
          status: 'keychain-unavailable',
          refreshToken: null,
          refreshTokenUsable: false,
          client: null,
        });
    }
  }

  private view(account: StoredAccount): AccountView {
    const status =
      this.runtimes.get(account.id)?.status ?? (this.keychainUnavailable ? 'keychain-unavailable' : 'needs-sign-in');
    return { id: account.id, email: account.email, name: account.name, pictureUrl: account.pictureUrl, status };
  }

  onAccountsChanged(listener: (state: AccountsState) => void): () => void {
    this.accountsListeners.add(listener);
    return () => this.accountsListeners.delete(listener);
  }

  onSignInProgress(listener: (progress: SignInProgress) => void): () => void {
    this.progressListeners.add(listener);
    return () => this.progressListeners.delete(listener);
  }

  onAccountRemoved(hook: (accountId: string) => Promise<void>): void {
    this.removalHooks.push(hook);
  }

  private emitAccounts(): void {
    const state = this.getAccountsState();
    for (const listener of this.accountsListeners) {
      try {
        listener(state);
      } catch (error) {
        this.logger.error('accounts listener failed', { error });
      }
    }
  }

  private emitProgress(progress: SignInProgress): void {
    for (const listener of this.progressListeners) {
      try {
        listener(progress);
      } catch (error) {
        this.logger.error('sign-in progress listener failed', { error });
      }
    }
  }

  // -------------------------------------------------------------------------------------------------
  // Sign in
  // -------------------------------------------------------------------------------------------------

  /**
   * Runs the whole flow: loopback listener → system browser → callback → code exchange → scope check →
   * userinfo → get_credentials → account saved and made active. A sign-in already in progress is cancelled.
   */
  async signIn(options: { loginHint?: string | undefined } = {}): Promise<AccountView> {
    if (this.disposed) throw new SignInCancelledError(WORDING.shuttingDown);
    this.cancelAttempt(new SignInCancelledError(WORDING.signInReplaced));
    const attempt = newAttempt();
    this.attempt = attempt;
    try {
      const account = await this.runSignIn(attempt, options.loginHint?.trim() || undefined);
      this.emitProgress({ phase: 'done' });
      return account;
    } catch (error) {
      const failure = attempt.cancelled ?? error;
      // Google's part worked but the token could not be kept: the keychain screen says why and what to do.
      if (failure instanceof KeychainUnavailableError) {
        this.markKeychainUnavailable(failure);
        this.emitAccounts();
      }
      // A superseded attempt stays quiet: the new one owns the progress display.
      if (this.attempt === attempt) this.emitProgress({ phase: 'failed', error: toIpcError(failure) });
      throw failure;
    } finally {
      attempt.ended = true;
      attempt.listener?.cancel();
      if (this.attempt === attempt) this.attempt = null;
      await this.takeCopiedLinksOffClipboard(attempt);
    }
  }

  cancelSignIn(): void {
    this.cancelAttempt(new SignInCancelledError());
  }

  private cancelAttempt(reason: GlanceError): void {
    const current = this.attempt;
    if (!current) return;
    current.cancelled ??= reason;
    current.listener?.cancel(reason);
    current.rejectCancellation(current.cancelled);
  }

  /**
   * "Open the browser again": the tab was closed, or opened in the wrong browser or profile. The same consent
   * page as before (same state, same PKCE challenge), answered by the listener that is still waiting.
   */
  async openBrowserAgain(): Promise<void> {
    const { attempt, url } = this.waitingForBrowser();
    this.logger.info('Sign-in: opening the browser again');
    await this.openInBrowser(attempt, url);
  }

  /** "Copy the sign-in link", to paste into the browser or profile the person uses Google in. */
  async copySignInLink(): Promise<void> {
    const { attempt, url } = this.waitingForBrowser();
    const clipboard = this.options.clipboard;
    if (!clipboard) throw new InvalidArgumentError(WORDING.noClipboard);
    await clipboard.writeText(url);
    attempt.copiedLinks.push(url);
    this.logger.info('Sign-in: copied the sign-in link');
    // The attempt ended while the link was being written, too early for it to be taken off then.
    if (attempt.ended) await this.takeCopiedLinksOffClipboard(attempt);
  }

  /**
   * Clears the clipboard only while it still holds a link this attempt put there: never what was copied since.
   * Never throws.
   */
  private async takeCopiedLinksOffClipboard(attempt: SignInAttempt): Promise<void> {
    const clipboard = this.options.clipboard;
    if (!clipboard || attempt.copiedLinks.length === 0) return;
    try {
      // Bounded: the sign-in's end (and quitting) waits for this, and a system clipboard may not answer.
      const text = await withTimeout(
        clipboard.readText(),
        CLIPBOARD_TIMEOUT_MS,
        () => new Error('The clipboard did not answer'),
        this.options.timers,
      );
      if (!attempt.copiedLinks.includes(text)) return;
      clipboard.clear();
      this.logger.info('Sign-in: took the sign-in link off the clipboard');
    } catch (error) {
      this.logger.warn('Could not take the sign-in link off the clipboard', {
        error: (error as Error)?.name ?? 'error',
      });
    }
  }

  /** Sent with every waiting-for-browser progress, so the window offers "Copy the sign-in link" only where it works. */
  private get canCopyLink(): boolean {
    return this.options.clipboard !== undefined;
  }

  /** The attempt whose consent page is open in the browser; SignInCancelledError when none is. */
  private waitingForBrowser(): { attempt: SignInAttempt; url: string } {
    const attempt = this.attempt;
    const url = attempt && !attempt.cancelled ? attempt.authorizationUrl : null;
    if (!attempt || !url) throw new SignInCancelledError(WORDING.noSignInWaiting);
    return { attempt, url };
  }

  /** Never rejects: without a browser, the person gets the address to copy, and the listener keeps waiting. */
  private openInBrowser(attempt: SignInAttempt, url: string): Promise<void> {
    // `open` may also throw synchronously; either way the person gets the URL to copy.
    return Promise.resolve()
      .then(() => this.options.browser.open(url))
      .catch((error: unknown) => {
        this.logger.warn('Could not open the system browser; showing the sign-in address instead', {
          error: (error as Error)?.name ?? 'error',
        });
        if (this.attempt === attempt && !attempt.cancelled && attempt.authorizationUrl === url)
          this.emitProgress({ phase: 'waiting-for-browser', canCopyLink: this.canCopyLink, manualUrl: url });
      });
  }

  private throwIfCancelled(attempt: SignInAttempt): void {
    if (attempt.cancelled) throw attempt.cancelled;
  }

  private needsConsent(loginHint: string | undefined): boolean {
    // Without a hint we can't know the account. When Glance holds no usable refresh token at all (a new
    // machine, a reinstall), whoever signs in needs one, and Google sends one only with consent: ask for it
    // on the first trip. Otherwise let Google decide — unless a recent sign-in found a grant Google
    // remembers but no refresh token Glance can use, and did not finish: only consent fixes that.
    if (!loginHint) return this.consentRequired.size > 0 || !this.holdsAnyUsableRefreshToken();
    if (this.consentRequired.has(loginHint.toLowerCase())) return true;
    const known = this.store.findByEmail(loginHint);
    const runtime = known ? this.runtimes.get(known.id) : undefined;
    return !(runtime?.refreshToken && runtime.refreshTokenUsable);
  }

  private holdsAnyUsableRefreshToken(): boolean {
    return this.store.list().some((account) => {
      const runtime = this.runtimes.get(account.id);
      return Boolean(runtime?.refreshToken && runtime.refreshTokenUsable);
    });
  }

  /** The refresh token Google already refused for this account (invalid_grant), if Glance still holds it. */
  private refusedRefreshTokenOf(accountId: string): string | null {
    const runtime = this.runtimes.get(accountId);
    return runtime && !runtime.refreshTokenUsable ? runtime.refreshToken : null;
  }

  private async runSignIn(attempt: SignInAttempt, loginHint: string | undefined): Promise<AccountView> {
    const forceConsent = this.needsConsent(loginHint);
    let authorized = await this.authorizeInBrowser(attempt, { loginHint, forceConsent });
    let resolved = await this.usableRefreshToken(attempt, authorized.user, authorized.tokens.refresh_token);
    if (!resolved && !forceConsent) {
      // Google skipped its consent page for a grant it remembers, so it sent no refresh token, and Glance
      // has none it can use (a new machine, or the stored one was pushed out by Google's 100-per-client
      // limit or expired). Only consent brings a new one: ask for it now, for the same account — the
      // browser is still signed in, so the person sees just the consent page, in the same click.
      const email = authorized.user.email;
      if (email) this.consentRequired.add(email.toLowerCase()); // if this retry fails, the next click goes straight to consent
      this.logger.info('Sign-in: Google sent no refresh token and none usable is stored; asking for consent again', {
        accountId: authorized.user.id,
      });
      authorized = await this.authorizeInBrowser(attempt, { loginHint: email || undefined, forceConsent: true });
      resolved = await this.usableRefreshToken(attempt, authorized.user, authorized.tokens.refresh_token);
    }
    const { user, tokens } = authorized;
    if (!resolved) {
      if (user.email) this.consentRequired.add(user.email.toLowerCase());
      throw new NoRefreshTokenError(user.email || undefined);
    }
    if (user.email) this.consentRequired.delete(user.email.toLowerCase());
    if (resolved.source === 'new') this.consentRequired.clear();
    this.logger.info('Signed in', { accountId: user.id, refreshToken: resolved.source });

    const runtime: AccountRuntime = {
      status: 'ready',
      refreshToken: resolved.refreshToken,
      refreshTokenUsable: true,
      client: null,
    };
    runtime.client = this.createAccountClient(user.id, runtime, {
      refresh_token: resolved.refreshToken,
      access_token: tokens.access_token ?? null,
      expiry_date: tokens.expiry_date ?? null,
    });
    this.runtimes.set(user.id, runtime);
    // A successful sign-in proves the keychain answers again.
    if (this.keychainUnavailable) await this.loadRefreshTokens();
    await this.store.upsert(
      { id: user.id, email: user.email, name: user.name, pictureUrl: user.pictureUrl },
      { makeActive: true },
    );
    this.emitAccounts();
    return this.view({ id: user.id, email: user.email, name: user.name, pictureUrl: user.pictureUrl });
  }

  /**
   * One trip through Google: loopback listener → system browser → callback → code exchange → scope check
   * → userinfo.
   */
  private async authorizeInBrowser(
    attempt: SignInAttempt,
    options: { loginHint: string | undefined; forceConsent: boolean },
  ): Promise<{ tokens: Credentials; user: GoogleUser }> {
    const config = this.options.client;
    const { loginHint, forceConsent } = options;
    // Granular consent: the Gmail box was unticked last time, so ask for just that scope, on top of the grant.
    const onlyGmail = loginHint !== undefined && this.gmailScopeMissing.has(loginHint.toLowerCase());
    // A web client's listener reuses its one registered port: the previous trip's must be gone first.
    const previous = attempt.listener;
    if (previous) await Promise.race([previous.closed, attempt.cancellation]);
    this.throwIfCancelled(attempt);
    const state = randomState();

    const listener = await startLoopbackListener({
      expectedState: state,
      timeoutMs: this.options.signInTimeoutMs ?? DEFAULT_SIGN_IN_TIMEOUT_MS,
      fixedRedirectUri: config.fixedRedirectUri,
      ...(this.options.timers ? { timers: this.options.timers } : {}),
      logger: this.logger,
      clientId: config.clientId,
    });
    attempt.listener = listener;
    this.throwIfCancelled(attempt);

    const oauth = createOAuthClient(config, listener.redirectUri, this.options.fetch);
    const request = await buildAuthorizationRequest(oauth, {
      redirectUri: listener.redirectUri,
      loginHint,
      forceConsent,
      state,
      ...(onlyGmail ? { scopes: [GMAIL_SCOPE] } : {}),
    });
    this.throwIfCancelled(attempt);
    this.logger.info('Sign-in started', { forceConsent, loginHint: loginHint !== undefined, onlyGmail });

    attempt.authorizationUrl = request.url;
    this.emitProgress({ phase: 'waiting-for-browser', canCopyLink: this.canCopyLink });
    void this.openInBrowser(attempt, request.url);

    let code: string;
    try {
      ({ code } = await listener.callback);
    } finally {
      // The browser has answered (or the attempt ended): this consent page can't be opened again.
      attempt.authorizationUrl = null;
    }
    this.throwIfCancelled(attempt);
    this.emitProgress({ phase: 'exchanging' });

    // From here on Google must answer: each request races Cancel and a deadline, so a stalled
    // connection can't leave the person on "Finishing sign-in…" with a Cancel button that does nothing.
    const step = <T>(work: Promise<T>) => Promise.race([this.withDeadline(work), attempt.cancellation]);
    const tokens = await step(
      exchangeCode(oauth, { code, codeVerifier: request.codeVerifier, redirectUri: listener.redirectUri }, this.logger),
    );
    this.throwIfCancelled(attempt);
    const grantedScope = await step(grantedScopeOf(oauth, tokens));
    // Who signed in first, so that "Gmail box unticked" can ask that account again for just that box.
    const user = await step(fetchUserInfo(oauth, config.endpoints.userinfo, tokens.access_token ?? '', this.logger));
    this.throwIfCancelled(attempt);
    const email = user.email.toLowerCase();
    try {
      assertGmailScope(grantedScope, user.email || undefined);
    } catch (error) {
      if (email) this.gmailScopeMissing.add(email);
      throw error;
    }
    if (email) this.gmailScopeMissing.delete(email);
    return { tokens, user };
  }

  /**
   * The new refresh token (now stored), else a stored one Google has not refused; null when neither. A
   * stored token is tried at Google first: after a restart Glance may not know yet that Google dropped it.
   */
  private async usableRefreshToken(
    attempt: SignInAttempt,
    user: GoogleUser,
    newRefreshToken: string | null | undefined,
  ): Promise<{ refreshToken: string; source: 'new' | 'stored' } | null> {
    let resolved: { refreshToken: string; source: 'new' | 'stored' };
    try {
      resolved = await resolveRefreshToken({
        newRefreshToken,
        user,
        secretStore: this.secretStore,
        refusedRefreshToken: this.refusedRefreshTokenOf(user.id),
      });
    } catch (error) {
      if (error instanceof NoRefreshTokenError) return null;
      throw error;
    }
    if (resolved.source === 'new') return resolved;
    const verdict = await Promise.race([
      this.withDeadline(
        probeRefreshToken(createOAuthClient(this.options.client, undefined, this.options.fetch), resolved.refreshToken),
      ).catch(
        () => 'unknown' as const, // Google too slow to say: keep the token, as before the check existed.
      ),
      attempt.cancellation,
    ]);
    this.throwIfCancelled(attempt);
    if (verdict !== 'refused') return resolved;
    this.logger.warn('Sign-in: Google refused the stored refresh token', { accountId: user.id });
    const runtime = this.runtimes.get(user.id);
    if (runtime?.refreshToken === resolved.refreshToken) this.reportAuthFailure(user.id, { message: 'invalid_grant' });
    return null;
  }

  // -------------------------------------------------------------------------------------------------
  // Clients, failures, sign-out
  // -------------------------------------------------------------------------------------------------

  getClient(accountId: string): OAuth2Client {
    const account = this.store.get(accountId);
    if (!account) throw new NotFoundError(WORDING.accountNotSignedIn);
    const runtime = this.runtimes.get(accountId);
    if (!runtime || runtime.status === 'keychain-unavailable') {
      if (this.keychainUnavailable) throw new KeychainUnavailableError();
      throw new NeedsSignInError(accountId);
    }
    if (runtime.status === 'needs-sign-in' || !runtime.refreshToken) throw new NeedsSignInError(accountId);
    runtime.client ??= this.createAccountClient(accountId, runtime, { refresh_token: runtime.refreshToken });
    return runtime.client;
  }

  private createAccountClient(
    accountId: string,
    runtime: AccountRuntime,
    credentials: { refresh_token: string; access_token?: string | null; expiry_date?: number | null },
  ): OAuth2Client {
    const client = createOAuthClient(this.options.client, undefined, this.options.fetch);
    client.setCredentials(credentials);
    client.on('tokens', (tokens) => {
      // Google may rotate the refresh token; the old one then stops working, so keep the new one.
      const rotated = tokens.refresh_token;
      if (!rotated || rotated === runtime.refreshToken) return;
      // A client from before a re-sign-in must not overwrite the newer token.
      if (this.runtimes.get(accountId) !== runtime) return;
      runtime.refreshToken = rotated;
      runtime.refreshTokenUsable = true;
      // google-auth-library puts the old refresh token back into `credentials` right after this event;
      // the old token no longer works, so the client must carry the new one from then on.
      setImmediate(() => {
        if (client.credentials.refresh_token !== rotated)
          client.credentials = { ...client.credentials, refresh_token: rotated };
      });
      this.secretStore.set(KEYCHAIN_SERVICE, accountId, rotated).then(
        () => this.logger.info('Saved a rotated refresh token', { accountId }),
        (error: unknown) => this.logger.warn('Could not save a rotated refresh token', { accountId, error }),
      );
    });
    return client;
  }

  reportAuthFailure(accountId: string, error: unknown): NeedsSignInError {
    const runtime = this.runtimes.get(accountId);
    if (runtime && this.store.get(accountId)) {
      const wasReady = runtime.status === 'ready';
      runtime.status = 'needs-sign-in';
      runtime.client = null; // Drop the in-memory access token too.
      if (isAuthFailure(error)) runtime.refreshTokenUsable = false;
      this.logger.warn('Google session ended; the account needs sign-in', { accountId });
      if (wasReady) this.emitAccounts();
    }
    return new NeedsSignInError(accountId);
  }

  async signOut(accountId: string): Promise<{ revoked: boolean }> {
    const account = this.store.get(accountId);
    if (!account) throw new NotFoundError(WORDING.accountNotSignedIn);
    const runtime = this.runtimes.get(accountId);
    let refreshToken = runtime?.refreshToken ?? null;
    if (!refreshToken) {
      refreshToken = await this.secretStore.get(KEYCHAIN_SERVICE, accountId).catch(() => null);
    }

    // Forget the runtime first, so a token rotation finishing now can't write the entry back.
    this.runtimes.delete(accountId);
    let revoked = false;
    if (refreshToken) revoked = await this.revoke(refreshToken);

    try {
      await this.secretStore.delete(KEYCHAIN_SERVICE, accountId);
    } catch (error) {
      this.logger.warn('Could not delete the keychain entry while signing out', { accountId, error });
    }
    for (const hook of this.removalHooks) {
      try {
        await hook(accountId);
      } catch (error) {
        this.logger.error('An account-removal hook failed', { accountId, error });
      }
    }
    await this.store.remove(accountId);
    this.emitAccounts();
    return { revoked };
  }

  /** Revokes at Google. A token Google already considers revoked counts as revoked. */
  private async revoke(token: string): Promise<boolean> {
    try {
      await this.withDeadline(createOAuthClient(this.options.client, undefined, this.options.fetch).revokeToken(token));
      return true;
    } catch (error) {
      const data = (error as { response?: { data?: { error?: unknown } } }).response?.data;
      if (data?.error === 'invalid_token') return true;
      this.logger.warn('Could not revoke the token at Google', {
        status: (error as { status?: unknown }).status ?? 'no response',
      });
      return false;
    }
  }

  /** Rejects with OfflineError when Google takes longer than GOOGLE_REQUEST_DEADLINE_MS. */
  private withDeadline<T>(work: Promise<T>): Promise<T> {
    return withTimeout(
      work,
      this.options.googleRequestDeadlineMs ?? GOOGLE_REQUEST_DEADLINE_MS,
      () => new OfflineError(WORDING.googleDidNotAnswer),
      this.options.timers,
    );
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    const attempt = this.attempt;
    this.cancelAttempt(new SignInCancelledError(WORDING.shuttingDown));
    // Before quitting goes on, not whenever the cancelled attempt winds down.
    if (attempt) await this.takeCopiedLinksOffClipboard(attempt);
    this.accountsListeners.clear();
    this.progressListeners.clear();
    await this.store.flush();
  }
}
