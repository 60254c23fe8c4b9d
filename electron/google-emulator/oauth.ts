/**
 * Google's OAuth 2.0 endpoints as a desktop client meets them: the authorization page (account chooser,
 * granular consent, error pages), /token (authorization_code + refresh_token grants with Google's exact
 * error bodies), /revoke, /tokeninfo and both userinfo flavours. Tokens carry Google's prefixes:
 * codes `4/…`, access tokens `ya29.…`, refresh tokens `1//…`.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { apiErrors } from './api-errors.js';
import {
  bearerToken,
  htmlResult,
  jsonResult,
  oauthJson,
  redirectResult,
  type HandlerResult,
  type InternalRequest,
} from './http-util.js';
import { BrowserSessions } from './browser-sessions.js';
import { chooserPage, consentPage, errorPageHtml, signedInPage, signInPage, type PageUser } from './oauth-pages.js';
import { randomToken } from './random.js';
import type { OAuthClientSpec } from './types.js';

export { BANNER } from './oauth-pages.js';

export interface OAuthUser {
  id: string;
  email: string;
  name: string;
  picture: string;
}

export const SCOPE = {
  openid: 'openid',
  email: 'https://www.googleapis.com/auth/userinfo.email',
  profile: 'https://www.googleapis.com/auth/userinfo.profile',
  mailFull: 'https://mail.google.com/',
  gmailModify: 'https://www.googleapis.com/auth/gmail.modify',
  gmailReadonly: 'https://www.googleapis.com/auth/gmail.readonly',
  gmailMetadata: 'https://www.googleapis.com/auth/gmail.metadata',
  gmailLabels: 'https://www.googleapis.com/auth/gmail.labels',
  gmailCompose: 'https://www.googleapis.com/auth/gmail.compose',
} as const;

const SIGN_IN_SCOPES = new Set<string>([SCOPE.openid, SCOPE.email, SCOPE.profile]);

const SCOPE_DESCRIPTIONS: Record<string, string> = {
  [SCOPE.openid]: 'Associate you with your personal info on Google',
  [SCOPE.email]: 'See your primary Google Account email address',
  [SCOPE.profile]: 'See your personal info, including any personal info you’ve made publicly available',
  [SCOPE.mailFull]: 'Read, compose, send and permanently delete all your email from Gmail',
  [SCOPE.gmailModify]: 'Read, compose and send emails from your Gmail account',
  [SCOPE.gmailReadonly]: 'View your email messages and settings',
  [SCOPE.gmailMetadata]: 'View your email message metadata such as labels and headers, but not the email body',
  [SCOPE.gmailLabels]: 'See and edit your email labels',
};

const CODE_LIFETIME_MS = 10 * 60_000;
const MAX_REFRESH_TOKENS_PER_GRANT = 100;
const TESTING_REFRESH_LIFETIME_MS = 7 * 86_400_000;

interface PendingAuthorization {
  id: string;
  client: OAuthClientSpec;
  redirectUri: string;
  state: string | undefined;
  scopes: string[];
  codeChallenge: string | undefined;
  codeChallengeMethod: 'S256' | 'plain';
  accessType: 'online' | 'offline';
  prompt: string[];
  loginHint: string | undefined;
  includeGrantedScopes: boolean;
  /** The account picked in the chooser (or named by a login_hint signed in in this browser). */
  userId?: string;
}

interface AuthorizationCode {
  clientId: string;
  redirectUri: string;
  userId: string;
  scopes: string[];
  codeChallenge: string | undefined;
  codeChallengeMethod: 'S256' | 'plain';
  issueRefreshToken: boolean;
  expiresAt: number;
  used: boolean;
}

interface RefreshTokenRecord {
  token: string;
  userId: string;
  clientId: string;
  scopes: string[];
  createdAt: number;
  revoked: boolean;
}

interface AccessTokenRecord {
  token: string;
  userId: string;
  clientId: string;
  scopes: string[];
  expiresAt: number;
  revoked: boolean;
  offline: boolean;
}

interface Grant {
  scopes: Set<string>;
}

export interface OAuthOptions {
  clients: OAuthClientSpec[];
  users: OAuthUser[];
  clock: { now(): number };
  accessTokenLifetimeSec: number;
  refreshTokenOnReconsent: 'only-with-prompt-consent' | 'always';
  consentForGrantedScopes: 'skip' | 'always';
  grantScopes: ((requested: string[]) => string[]) | undefined;
  loopbackRedirectPaths: 'any' | 'root-only';
}

export type AccessCheck =
  { ok: true; user: OAuthUser; scopes: string[]; clientId: string } | { ok: false; reason: 'missing' | 'invalid' };

/** Expands Google's short scope names to the URL form Google reports back. */
export function normalizeScopes(raw: string): string[] {
  const scopes = new Set<string>();
  for (const scope of raw.split(/\s+/).filter(Boolean)) {
    if (scope === 'email') scopes.add(SCOPE.email);
    else if (scope === 'profile') scopes.add(SCOPE.profile);
    else scopes.add(scope);
  }
  // Observed: asking for `email` yields `… userinfo.email openid`.
  if (scopes.has(SCOPE.email) || scopes.has(SCOPE.profile)) scopes.add(SCOPE.openid);
  return [...scopes];
}

function isKnownScopeForm(scope: string): boolean {
  return (
    scope === SCOPE.openid ||
    scope === SCOPE.mailFull ||
    /^https:\/\/www\.googleapis\.com\/auth\/[a-z0-9._-]+$/i.test(scope)
  );
}

function isLoopbackRedirect(uri: string, pathRule: 'any' | 'root-only'): boolean {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return false;
  }
  if (url.protocol !== 'http:' || url.username || url.password || url.hash) return false;
  if (!['127.0.0.1', '[::1]', 'localhost'].includes(url.hostname)) return false;
  return pathRule === 'any' || url.pathname === '/';
}

function s256(verifier: string): string {
  return createHash('sha256').update(verifier, 'ascii').digest('base64url');
}

function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

function base64UrlJson(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

export class OAuthServer {
  private readonly pending = new Map<string, PendingAuthorization>();
  private readonly codes = new Map<string, AuthorizationCode>();
  private readonly refreshTokens = new Map<string, RefreshTokenRecord>();
  private readonly accessTokens = new Map<string, AccessTokenRecord>();
  private readonly grants = new Map<string, Grant>();
  /** Who is signed in in which browser (cookie sessions), for the account chooser. */
  private readonly sessions = new BrowserSessions();
  /** Every code and token handed out, so tests can assert none of them leaks into logs or the UI. */
  readonly issued: string[] = [];
  /** Errors Google sends on the redirect instead of a code, for the next authorizations (failAuthorizations). */
  private readonly redirectErrors: Array<{ error: string; remaining: number }> = [];

  constructor(private readonly options: OAuthOptions) {}

  private grantKey(userId: string, clientId: string): string {
    return `${userId} ${clientId}`;
  }

  private findClient(clientId: string | null | undefined): OAuthClientSpec | undefined {
    return this.options.clients.find((client) => client.clientId === clientId);
  }

  /**
   * The next `times` authorizations end, after the account step, in a redirect with `error=<code>` instead
   * of a code — what Google does for `access_denied` and, as the app sees it, for an account whose
   * Workspace admin blocks the client (`admin_policy_enforced`) or outside an Internal app's organisation
   * (`org_internal`). Returns a function that takes the rule back.
   */
  failAuthorizations(error: string, times = 1): () => void {
    const rule = { error, remaining: times };
    this.redirectErrors.push(rule);
    return () => {
      const index = this.redirectErrors.indexOf(rule);
      if (index >= 0) this.redirectErrors.splice(index, 1);
    };
  }

  /** The client was deleted in Cloud Console: Google's `deleted_client` page and token answers from now on. */
  deleteClient(clientId: string): void {
    const client = this.findClient(clientId);
    if (!client) throw new Error(`deleteClient: no client ${clientId}.`);
    client.status = 'deleted';
  }

  private takeRedirectError(): string | undefined {
    const rule = this.redirectErrors[0];
    if (!rule) return undefined;
    rule.remaining -= 1;
    if (rule.remaining <= 0) this.redirectErrors.shift();
    return rule.error;
  }

  private findUserByHint(hint: string | undefined): OAuthUser | undefined {
    if (!hint) return undefined;
    const lowered = hint.toLowerCase();
    return this.options.users.find((user) => user.email.toLowerCase() === lowered || user.id === hint);
  }

  userByEmail(email: string): OAuthUser | undefined {
    return this.findUserByHint(email);
  }

  // ----- authorization page --------------------------------------------------------------------------

  private errorPage(status: number, code: string, detail: string): HandlerResult {
    return htmlResult(status, errorPageHtml(status, code, detail));
  }

  authorize(request: InternalRequest): HandlerResult {
    const query = request.query;
    const clientId = query.get('client_id');
    if (!clientId) return this.errorPage(400, 'invalid_request', 'Missing required parameter: client_id');
    const client = this.findClient(clientId);
    if (!client) return this.errorPage(401, 'invalid_client', 'The OAuth client was not found.');
    if (client.status === 'deleted') return this.errorPage(401, 'deleted_client', 'The OAuth client was deleted.');
    const redirectUri = query.get('redirect_uri');
    if (!redirectUri) return this.errorPage(400, 'invalid_request', 'Missing required parameter: redirect_uri');
    if (/^urn:ietf:wg:oauth:2\.0:oob/.test(redirectUri) || redirectUri === 'oob') {
      return this.errorPage(
        400,
        'invalid_request',
        'The out-of-band (OOB) flow has been blocked in order to keep users secure.',
      );
    }
    const redirectAllowed =
      client.type === 'installed'
        ? isLoopbackRedirect(redirectUri, this.options.loopbackRedirectPaths)
        : (client.redirectUris ?? []).includes(redirectUri);
    if (!redirectAllowed) {
      return this.errorPage(
        400,
        'redirect_uri_mismatch',
        `The redirect URI in the request, ${redirectUri}, does not match the ones authorized for the OAuth client.`,
      );
    }
    if (query.get('response_type') !== 'code')
      return this.errorPage(400, 'invalid_request', 'Required parameter is missing: response_type');
    const rawScope = query.get('scope');
    if (!rawScope || !rawScope.trim())
      return this.errorPage(400, 'invalid_request', 'Missing required parameter: scope');
    const scopes = normalizeScopes(rawScope);
    const invalid = scopes.filter((scope) => !isKnownScopeForm(scope));
    if (invalid.length)
      return this.errorPage(
        400,
        'invalid_scope',
        `Some requested scopes were invalid. {invalid=[${invalid.join(', ')}]}`,
      );
    const codeChallenge = query.get('code_challenge') ?? undefined;
    const method = query.get('code_challenge_method');
    if (method && !codeChallenge)
      return this.errorPage(
        400,
        'invalid_request',
        'Missing code_challenge: code_challenge_method was sent without a code_challenge.',
      );
    if (method && method !== 'S256' && method !== 'plain')
      return this.errorPage(400, 'invalid_request', `Invalid code_challenge_method: ${method}`);
    if (codeChallenge && !/^[A-Za-z0-9\-._~]{43,128}$/.test(codeChallenge))
      return this.errorPage(400, 'invalid_request', 'Invalid code_challenge.');
    const prompt = (query.get('prompt') ?? '').split(' ').filter(Boolean);
    if (prompt.includes('none') && prompt.length > 1)
      return this.errorPage(400, 'invalid_request', 'Invalid prompt: none must not be combined with other values.');
    const pending: PendingAuthorization = {
      id: randomToken(18),
      client,
      redirectUri,
      state: query.get('state') ?? undefined,
      scopes,
      codeChallenge,
      codeChallengeMethod: method === 'S256' ? 'S256' : 'plain',
      accessType: query.get('access_type') === 'offline' ? 'offline' : 'online',
      prompt,
      loginHint: query.get('login_hint') ?? undefined,
      includeGrantedScopes: query.get('include_granted_scopes') === 'true',
    };
    const session = this.sessions.sessionOf(request.headers);
    if (prompt.includes('none')) return this.silentAuthorization(pending, session);
    this.pending.set(pending.id, pending);
    return this.accountStep(pending, session);
  }

  private signedInUsers(session: string | undefined): OAuthUser[] {
    return this.sessions
      .userIds(session)
      .map((id) => this.options.users.find((user) => user.id === id))
      .filter((user): user is OAuthUser => user !== undefined);
  }

  /**
   * Step 1, the account. Like Google: a `login_hint` naming a user signed in in this browser picks that
   * user without a page (unless `prompt=select_account`); otherwise the chooser lists the browser's users,
   * and a browser nobody is signed in to goes straight to "Use another account".
   */
  private accountStep(pending: PendingAuthorization, session: string | undefined): HandlerResult {
    const signedIn = this.signedInUsers(session);
    const hinted = this.findUserByHint(pending.loginHint);
    if (hinted && signedIn.includes(hinted) && !pending.prompt.includes('select_account'))
      return this.continueAs(pending, hinted, session);
    if (signedIn.length === 0) return htmlResult(200, this.signInPageFor(pending));
    return htmlResult(
      200,
      chooserPage({
        requestId: pending.id,
        clientId: pending.client.clientId,
        signedIn,
        hintedEmail: hinted?.email,
      }),
    );
  }

  private signInPageFor(pending: PendingAuthorization): string {
    return signInPage({
      requestId: pending.id,
      clientId: pending.client.clientId,
      users: this.options.users,
      preselected: this.findUserByHint(pending.loginHint) ?? this.options.users[0],
    });
  }

  private expiredRequest(): HandlerResult {
    return this.errorPage(
      400,
      'invalid_request',
      'This sign-in request was already used or has expired. Start signing in again from the app.',
    );
  }

  /** GET /o/oauth2/v2/signin?request_id=…: "Use another account". */
  useAnotherAccount(request: InternalRequest): HandlerResult {
    const pending = this.pending.get(request.query.get('request_id') ?? '');
    if (!pending) return this.expiredRequest();
    return htmlResult(200, this.signInPageFor(pending));
  }

  /** POST /o/oauth2/v2/account: a user picked in the chooser, or signed in through "Use another account". */
  chooseAccount(request: InternalRequest): HandlerResult {
    const form = new URLSearchParams(request.body.toString('utf8'));
    const pending = this.pending.get(form.get('request_id') ?? '');
    if (!pending) return this.expiredRequest();
    const user = this.findUserByHint(form.get('account') ?? undefined);
    if (!user) return this.errorPage(400, 'invalid_request', 'Choose one of the listed accounts.');
    let session = this.sessions.sessionOf(request.headers);
    let setCookie: string | undefined;
    if (form.get('sign_in') === '1') {
      ({ session, setCookie } = this.sessions.signIn(session, user.id));
    } else if (!this.sessions.userIds(session).includes(user.id)) {
      return this.errorPage(
        400,
        'invalid_request',
        `${user.email} is not signed in in this browser: choose “Use another account” to sign in.`,
      );
    }
    const result = this.continueAs(pending, user, session);
    return setCookie ? { ...result, headers: { ...result.headers, 'Set-Cookie': setCookie } } : result;
  }

  /**
   * Step 2, consent — skipped (`consentForGrantedScopes: 'skip'`, Google's behaviour) when this user's
   * grant to the client already covers every requested scope and the app did not send `prompt=consent`.
   */
  private continueAs(pending: PendingAuthorization, user: OAuthUser, session: string | undefined): HandlerResult {
    pending.userId = user.id;
    const redirectError = this.takeRedirectError();
    if (redirectError !== undefined) {
      this.pending.delete(pending.id);
      return this.redirectWith(pending, [
        ['error', redirectError],
        ...(pending.state !== undefined ? ([['state', pending.state]] as Array<[string, string]>) : []),
      ]);
    }
    const grant = this.grants.get(this.grantKey(user.id, pending.client.clientId));
    const covered = grant !== undefined && pending.scopes.every((scope) => grant.scopes.has(scope));
    if (covered && !pending.prompt.includes('consent') && this.options.consentForGrantedScopes === 'skip') {
      this.pending.delete(pending.id);
      return this.issueCodeRedirect(pending, user, pending.scopes, 'none', session);
    }
    const defaults = this.defaultGranted(pending.scopes);
    return htmlResult(
      200,
      consentPage({
        requestId: pending.id,
        clientId: pending.client.clientId,
        user,
        scopes: pending.scopes.map((scope) => ({
          scope,
          description: SCOPE_DESCRIPTIONS[scope] ?? scope,
          required: SIGN_IN_SCOPES.has(scope),
          ticked: defaults.has(scope),
        })),
      }),
    );
  }

  /** GET/POST /AddSession: sign a user into this browser without any app (accounts.google.com "Add account"). */
  addSession(request: InternalRequest): HandlerResult {
    if (request.method === 'GET')
      return htmlResult(
        200,
        signInPage({ requestId: undefined, clientId: undefined, users: this.options.users, preselected: undefined }),
      );
    const form = new URLSearchParams(request.body.toString('utf8'));
    const user = this.findUserByHint(form.get('account') ?? undefined);
    if (!user) return this.errorPage(400, 'invalid_request', `Choose one of this emulator's users (account=<email>).`);
    const { session, setCookie } = this.sessions.signIn(this.sessions.sessionOf(request.headers), user.id);
    const result = htmlResult(200, signedInPage(this.signedInUsers(session).map(pageUser)));
    return setCookie ? { ...result, headers: { ...result.headers, 'Set-Cookie': setCookie } } : result;
  }

  /** GET /ListAccounts: the users signed in in this browser, in chooser (`authuser`) order. */
  listAccounts(request: InternalRequest): HandlerResult {
    const users = this.signedInUsers(this.sessions.sessionOf(request.headers));
    return jsonResult(200, { accounts: users.map((user, authuser) => ({ ...pageUser(user), authuser })) });
  }

  /** GET /Logout: signs every user out of this browser (app grants stay). */
  logout(request: InternalRequest): HandlerResult {
    this.sessions.signOut(this.sessions.sessionOf(request.headers));
    return htmlResult(200, signedInPage([]));
  }

  private redirectWith(pending: PendingAuthorization, params: Array<[string, string]>): HandlerResult {
    const url = new URL(pending.redirectUri);
    for (const [name, value] of params) url.searchParams.append(name, value);
    return redirectResult(url.toString());
  }

  private silentAuthorization(pending: PendingAuthorization, session: string | undefined): HandlerResult {
    // Without a hint: the browser's first signed-in user, else (a bare HTTP client) the first seeded user.
    const user = this.findUserByHint(pending.loginHint) ?? this.signedInUsers(session)[0] ?? this.options.users[0];
    const grant = user ? this.grants.get(this.grantKey(user.id, pending.client.clientId)) : undefined;
    const state: Array<[string, string]> = pending.state !== undefined ? [['state', pending.state]] : [];
    if (!user || !grant || !pending.scopes.every((scope) => grant.scopes.has(scope))) {
      return this.redirectWith(pending, [
        ...state,
        ['error_subtype', 'access_denied'],
        ['error', 'interaction_required'],
      ]);
    }
    return this.issueCodeRedirect(pending, user, pending.scopes, 'none', session);
  }

  /** The checkbox default for each non-sign-in scope (the `grantScopes` option). */
  private defaultGranted(requested: string[]): Set<string> {
    return new Set(this.options.grantScopes ? this.options.grantScopes(requested) : requested);
  }

  consent(request: InternalRequest): HandlerResult {
    const form = new URLSearchParams(request.body.toString('utf8'));
    const pending = this.pending.get(form.get('request_id') ?? '');
    if (!pending) return this.expiredRequest();
    const user = this.options.users.find((candidate) => candidate.id === pending.userId);
    if (!user)
      return this.errorPage(400, 'invalid_request', 'Choose an account first: start signing in again from the app.');
    this.pending.delete(pending.id);
    if (form.get('action') !== 'allow') {
      return this.redirectWith(pending, [
        ['error', 'access_denied'],
        ...(pending.state !== undefined ? ([['state', pending.state]] as Array<[string, string]>) : []),
      ]);
    }
    const ticked = new Set(form.getAll('granted_scope'));
    const granted = pending.scopes.filter(
      (scope) => SIGN_IN_SCOPES.has(scope) || form.get('granular') !== '1' || ticked.has(scope),
    );
    return this.issueCodeRedirect(pending, user, granted, 'consent', this.sessions.sessionOf(request.headers));
  }

  private issueCodeRedirect(
    pending: PendingAuthorization,
    user: OAuthUser,
    granted: string[],
    shownPrompt: 'consent' | 'none',
    session: string | undefined,
  ): HandlerResult {
    const key = this.grantKey(user.id, pending.client.clientId);
    const existing = this.grants.get(key);
    const firstConsent = !existing;
    const grant = existing ?? { scopes: new Set<string>() };
    const codeScopes = pending.includeGrantedScopes ? [...new Set([...grant.scopes, ...granted])] : granted;
    for (const scope of granted) grant.scopes.add(scope);
    this.grants.set(key, grant);
    const eligible = pending.client.type === 'installed' || pending.accessType === 'offline';
    const issueRefreshToken =
      eligible &&
      (firstConsent || pending.prompt.includes('consent') || this.options.refreshTokenOnReconsent === 'always');
    const code = `4/0A${randomToken(54)}`;
    this.issued.push(code);
    this.codes.set(code, {
      clientId: pending.client.clientId,
      redirectUri: pending.redirectUri,
      userId: user.id,
      scopes: codeScopes,
      codeChallenge: pending.codeChallenge,
      codeChallengeMethod: pending.codeChallengeMethod,
      issueRefreshToken,
      expiresAt: this.options.clock.now() + CODE_LIFETIME_MS,
      used: false,
    });
    return this.redirectWith(pending, [
      ...(pending.state !== undefined ? ([['state', pending.state]] as Array<[string, string]>) : []),
      ['code', code],
      ['scope', codeScopes.join(' ')],
      // Google's `authuser`: the account's position among the browser's signed-in users.
      ['authuser', String(Math.max(0, this.sessions.userIds(session).indexOf(user.id)))],
      ['prompt', shownPrompt],
    ]);
  }

  // ----- token endpoint ------------------------------------------------------------------------------

  token(request: InternalRequest): HandlerResult {
    const contentType = (request.headers['content-type'] ?? '').toLowerCase();
    const form = new URLSearchParams(contentType.includes('application/json') ? '' : request.body.toString('utf8'));
    if (contentType.includes('application/json')) {
      try {
        for (const [name, value] of Object.entries(
          JSON.parse(request.body.toString('utf8')) as Record<string, unknown>,
        )) {
          if (typeof value === 'string') form.set(name, value);
        }
      } catch {
        return oauthJson(400, { error: 'invalid_request', error_description: 'Invalid JSON payload received.' });
      }
    }
    let clientId = form.get('client_id') ?? undefined;
    let clientSecret = form.get('client_secret') ?? undefined;
    const basic = /^Basic\s+(\S+)$/i.exec(request.headers.authorization ?? '');
    if (basic?.[1]) {
      const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      if (colon > 0) {
        clientId = decodeURIComponent(decoded.slice(0, colon));
        clientSecret = decodeURIComponent(decoded.slice(colon + 1));
      }
    }
    if (!clientId)
      return oauthJson(400, {
        error: 'invalid_request',
        error_description: 'Could not determine client ID from request.',
      });
    const client = this.findClient(clientId);
    if (!client)
      return oauthJson(401, { error: 'invalid_client', error_description: 'The OAuth client was not found.' });
    if (client.status === 'deleted')
      return oauthJson(401, { error: 'deleted_client', error_description: 'The OAuth client was deleted.' });
    if (clientSecret === undefined)
      return oauthJson(400, { error: 'invalid_request', error_description: 'client_secret is missing.' });
    if (!safeEqual(clientSecret, client.clientSecret))
      return oauthJson(401, { error: 'invalid_client', error_description: 'Unauthorized' });
    const grantType = form.get('grant_type') ?? '';
    if (grantType === 'authorization_code') return this.exchangeCode(form, client);
    if (grantType === 'refresh_token') return this.refresh(form, client);
    return oauthJson(400, { error: 'unsupported_grant_type', error_description: `Invalid grant_type: ${grantType}` });
  }

  private exchangeCode(form: URLSearchParams, client: OAuthClientSpec): HandlerResult {
    const codeValue = form.get('code');
    if (!codeValue)
      return oauthJson(400, { error: 'invalid_request', error_description: 'Missing required parameter: code' });
    if (!/^4\/[A-Za-z0-9_-]+$/.test(codeValue))
      return oauthJson(400, { error: 'invalid_grant', error_description: 'Malformed auth code.' });
    const code = this.codes.get(codeValue);
    const now = this.options.clock.now();
    if (!code || code.clientId !== client.clientId || code.used || code.expiresAt <= now) {
      return oauthJson(400, { error: 'invalid_grant', error_description: 'Bad Request' });
    }
    if (form.get('redirect_uri') !== code.redirectUri)
      return oauthJson(400, { error: 'redirect_uri_mismatch', error_description: 'Bad Request' });
    const verifier = form.get('code_verifier') ?? undefined;
    if (code.codeChallenge) {
      if (!verifier) return oauthJson(400, { error: 'invalid_grant', error_description: 'Missing code verifier.' });
      const computed = code.codeChallengeMethod === 'S256' ? s256(verifier) : verifier;
      if (!safeEqual(computed, code.codeChallenge))
        return oauthJson(400, { error: 'invalid_grant', error_description: 'Invalid code verifier.' });
    } else if (verifier) {
      return oauthJson(400, { error: 'invalid_grant', error_description: 'code_verifier or verifier is not needed.' });
    }
    code.used = true;
    const user = this.options.users.find((candidate) => candidate.id === code.userId);
    if (!user) return oauthJson(400, { error: 'invalid_grant', error_description: 'Bad Request' });
    const refreshToken = code.issueRefreshToken ? this.newRefreshToken(user, client, code.scopes, now) : undefined;
    return oauthJson(200, this.tokenResponse(user, client, code.scopes, refreshToken !== undefined, now, refreshToken));
  }

  private newRefreshToken(user: OAuthUser, client: OAuthClientSpec, scopes: string[], now: number): string {
    const token = `1//0${randomToken(75)}`;
    this.issued.push(token);
    this.refreshTokens.set(token, {
      token,
      userId: user.id,
      clientId: client.clientId,
      scopes,
      createdAt: now,
      revoked: false,
    });
    // "a limit of 100 refresh tokens per Google Account per OAuth 2.0 client ID … invalidates the oldest".
    const live = [...this.refreshTokens.values()].filter(
      (record) => record.userId === user.id && record.clientId === client.clientId && !record.revoked,
    );
    for (const record of live.slice(0, Math.max(0, live.length - MAX_REFRESH_TOKENS_PER_GRANT))) record.revoked = true;
    return token;
  }

  private tokenResponse(
    user: OAuthUser,
    client: OAuthClientSpec,
    scopes: string[],
    offline: boolean,
    now: number,
    refreshToken?: string,
  ): Record<string, unknown> {
    const accessToken = `ya29.a0${randomToken(120)}`;
    this.issued.push(accessToken);
    this.accessTokens.set(accessToken, {
      token: accessToken,
      userId: user.id,
      clientId: client.clientId,
      scopes,
      expiresAt: now + this.options.accessTokenLifetimeSec * 1000,
      revoked: false,
      offline,
    });
    const wantsIdToken = scopes.some((scope) => SIGN_IN_SCOPES.has(scope));
    const idToken = wantsIdToken ? this.idToken(user, client, scopes, accessToken, now) : undefined;
    if (idToken) this.issued.push(idToken);
    return {
      access_token: accessToken,
      expires_in: this.options.accessTokenLifetimeSec,
      ...(refreshToken ? { refresh_token: refreshToken } : {}),
      scope: scopes.join(' '),
      token_type: 'Bearer',
      ...(idToken ? { id_token: idToken } : {}),
    };
  }

  /** JWT-shaped id_token signed HS256 with the client secret (Google signs RS256; decode, don't verify). */
  private idToken(
    user: OAuthUser,
    client: OAuthClientSpec,
    scopes: string[],
    accessToken: string,
    now: number,
  ): string {
    const issuedAt = Math.floor(now / 1000);
    const header = { alg: 'HS256', kid: 'glance-emulator', typ: 'JWT' };
    const atHash = createHash('sha256').update(accessToken).digest().subarray(0, 16).toString('base64url');
    const payload: Record<string, unknown> = {
      iss: 'https://accounts.google.com',
      azp: client.clientId,
      aud: client.clientId,
      sub: user.id,
      at_hash: atHash,
      iat: issuedAt,
      exp: issuedAt + 3600,
    };
    if (scopes.includes(SCOPE.email)) Object.assign(payload, { email: user.email, email_verified: true });
    if (scopes.includes(SCOPE.profile))
      Object.assign(payload, {
        name: user.name,
        picture: user.picture,
        given_name: user.name.split(' ')[0],
        family_name: user.name.split(' ').slice(1).join(' '),
      });
    const signingInput = `${base64UrlJson(header)}.${base64UrlJson(payload)}`;
    return `${signingInput}.${createHmac('sha256', client.clientSecret).update(signingInput).digest('base64url')}`;
  }

  private refreshTokenExpired(record: RefreshTokenRecord, now: number): boolean {
    if (record.revoked) return true;
    const client = this.findClient(record.clientId);
    return client?.status === 'testing' && now - record.createdAt > TESTING_REFRESH_LIFETIME_MS;
  }

  private refresh(form: URLSearchParams, client: OAuthClientSpec): HandlerResult {
    const token = form.get('refresh_token');
    if (!token)
      return oauthJson(400, {
        error: 'invalid_request',
        error_description: 'Missing required parameter: refresh_token',
      });
    const record = this.refreshTokens.get(token);
    if (!record) return oauthJson(400, { error: 'invalid_grant', error_description: 'Bad Request' });
    if (record.clientId !== client.clientId)
      return oauthJson(401, { error: 'unauthorized_client', error_description: 'Unauthorized' });
    const now = this.options.clock.now();
    if (this.refreshTokenExpired(record, now))
      return oauthJson(400, { error: 'invalid_grant', error_description: 'Token has been expired or revoked.' });
    const user = this.options.users.find((candidate) => candidate.id === record.userId);
    if (!user)
      return oauthJson(400, { error: 'invalid_grant', error_description: 'Token has been expired or revoked.' });
    return oauthJson(200, this.tokenResponse(user, client, record.scopes, true, now));
  }

  // ----- revoke / tokeninfo / userinfo ---------------------------------------------------------------

  revoke(request: InternalRequest): HandlerResult {
    const token = request.query.get('token') ?? new URLSearchParams(request.body.toString('utf8')).get('token');
    const now = this.options.clock.now();
    const access = token ? this.accessTokens.get(token) : undefined;
    const refresh = token ? this.refreshTokens.get(token) : undefined;
    const live =
      (access && !access.revoked && access.expiresAt > now) || (refresh && !this.refreshTokenExpired(refresh, now));
    const owner = access ?? refresh;
    if (!live || !owner)
      return oauthJson(400, { error: 'invalid_token', error_description: 'Token expired or revoked' });
    // "Revocation removes all OAuth 2.0 scopes previously granted to a project": the whole grant goes.
    this.revokeGrant(owner.userId, owner.clientId);
    return oauthJson(200, {});
  }

  private revokeGrant(userId: string, clientId: string | undefined): void {
    for (const record of [...this.accessTokens.values(), ...this.refreshTokens.values()]) {
      if (record.userId === userId && (clientId === undefined || record.clientId === clientId)) record.revoked = true;
    }
    for (const key of [...this.grants.keys()]) {
      const [grantUser, grantClient] = key.split(' ');
      if (grantUser === userId && (clientId === undefined || grantClient === clientId)) this.grants.delete(key);
    }
  }

  revokeUser(email: string): void {
    const user = this.userByEmail(email);
    if (!user) throw new Error(`revokeUser: no seeded user ${email}.`);
    this.revokeGrant(user.id, undefined);
  }

  expireAccessTokens(email?: string): void {
    const user = email === undefined ? undefined : this.userByEmail(email);
    if (email !== undefined && !user) throw new Error(`expireAccessTokens: no seeded user ${email}.`);
    const now = this.options.clock.now();
    for (const record of this.accessTokens.values()) {
      if (!user || record.userId === user.id) record.expiresAt = Math.min(record.expiresAt, now);
    }
  }

  /** Checks a bearer token for the Gmail and userinfo endpoints. */
  checkAccess(headers: Record<string, string>): AccessCheck {
    const token = bearerToken(headers);
    if (!token) return { ok: false, reason: 'missing' };
    const record = this.accessTokens.get(token);
    if (!record || record.revoked || record.expiresAt <= this.options.clock.now())
      return { ok: false, reason: 'invalid' };
    const user = this.options.users.find((candidate) => candidate.id === record.userId);
    if (!user) return { ok: false, reason: 'invalid' };
    return { ok: true, user, scopes: record.scopes, clientId: record.clientId };
  }

  tokeninfo(request: InternalRequest): HandlerResult {
    const token =
      bearerToken(request.headers) ??
      request.query.get('access_token') ??
      new URLSearchParams(request.body.toString('utf8')).get('access_token') ??
      undefined;
    const record = token ? this.accessTokens.get(token) : undefined;
    const now = this.options.clock.now();
    if (!record || record.revoked || record.expiresAt <= now)
      return oauthJson(400, { error: 'invalid_token', error_description: 'Invalid Value' });
    const user = this.options.users.find((candidate) => candidate.id === record.userId);
    return oauthJson(200, {
      azp: record.clientId,
      aud: record.clientId,
      sub: record.userId,
      scope: record.scopes.join(' '),
      exp: String(Math.floor(record.expiresAt / 1000)),
      expires_in: String(Math.max(0, Math.floor((record.expiresAt - now) / 1000))),
      ...(user && record.scopes.includes(SCOPE.email) ? { email: user.email, email_verified: 'true' } : {}),
      access_type: record.offline ? 'offline' : 'online',
    });
  }

  userinfoV2(request: InternalRequest): HandlerResult {
    const access = this.checkAccess(request.headers);
    if (!access.ok) {
      const error = access.reason === 'missing' ? apiErrors.loginRequired() : apiErrors.invalidCredentials();
      return { ...jsonResult(401, error.body, error.headers) };
    }
    const { user, scopes } = access;
    return {
      ...jsonResult(200, {
        id: user.id,
        ...(scopes.includes(SCOPE.email) ? { email: user.email, verified_email: true } : {}),
        ...(scopes.includes(SCOPE.profile)
          ? {
              name: user.name,
              given_name: user.name.split(' ')[0],
              family_name: user.name.split(' ').slice(1).join(' '),
              picture: user.picture,
            }
          : {}),
      }),
      user: user.email,
    };
  }

  userinfoOidc(request: InternalRequest): HandlerResult {
    const access = this.checkAccess(request.headers);
    if (!access.ok) {
      return oauthJson(
        401,
        { error: 'invalid_request', error_description: 'Invalid Credentials' },
        { 'WWW-Authenticate': 'Bearer realm="https://accounts.google.com/", error="invalid_token"' },
      );
    }
    const { user, scopes } = access;
    return {
      ...jsonResult(200, {
        sub: user.id,
        ...(scopes.includes(SCOPE.profile)
          ? {
              name: user.name,
              given_name: user.name.split(' ')[0],
              family_name: user.name.split(' ').slice(1).join(' '),
              picture: user.picture,
            }
          : {}),
        ...(scopes.includes(SCOPE.email) ? { email: user.email, email_verified: true } : {}),
      }),
      user: user.email,
    };
  }
}

function pageUser(user: OAuthUser): PageUser {
  return { email: user.email, name: user.name };
}
