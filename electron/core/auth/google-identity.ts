/**
 * The seed's `exchange_code`, `get_user_info` and `get_credentials`, on google-auth-library.
 * Errors are typed (CodeExchangeError, NoUserIdError, ScopeMissingError, NoRefreshTokenError) and their
 * messages never carry the code, a token or a URL.
 */
import type { Credentials, OAuth2Client } from 'google-auth-library';
import {
  causeChain,
  CodeExchangeError,
  NoRefreshTokenError,
  NoUserIdError,
  OfflineError,
  proxyFailureIn,
  ScopeMissingError,
  WORDING,
} from '../errors.js';
import type { Logger } from '../logging.js';
import type { SecretStore } from '../ports.js';
import { KEYCHAIN_SERVICE } from '../keychain/secret-store.js';
import { grantsGmailAccess } from './oauth-client.js';
import { signInErrorFor } from './oauth-errors.js';

interface HttpErrorShape {
  status?: number;
  code?: string | number;
  response?: { status?: number; data?: unknown };
}

function oauthErrorOf(error: unknown): string | undefined {
  const data = (error as HttpErrorShape | null)?.response?.data;
  if (data && typeof data === 'object' && typeof (data as { error?: unknown }).error === 'string') {
    return (data as { error: string }).error;
  }
  return undefined;
}

function httpStatusOf(error: unknown): number | undefined {
  const shaped = error as HttpErrorShape | null;
  return shaped?.response?.status ?? (typeof shaped?.status === 'number' ? shaped.status : undefined);
}

/** Node's and undici's names for a request that got no answer: refused, reset, DNS, time-out. */
const NODE_NETWORK_FAILURE =
  /^(ECONNREFUSED|ECONNRESET|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|ENETUNREACH|EHOSTUNREACH|UND_ERR_\w+)$/;
/** Chromium's (the app's fetch port, through Electron's net): DNS, connection, network and time-out errors. */
const CHROMIUM_NETWORK_FAILURE =
  /^ERR_(NAME_NOT_RESOLVED|NAME_RESOLUTION_FAILED|INTERNET_DISCONNECTED|ADDRESS_UNREACHABLE|TIMED_OUT|EMPTY_RESPONSE|CONNECTION_[A-Z_]+|NETWORK_[A-Z_]+|DNS_[A-Z_]+|SOCKET_[A-Z_]+)$/;

/** No HTTP response at all: refused, reset, DNS, time-out (named anywhere in the cause chain). */
export function isNetworkFailure(error: unknown): boolean {
  if (httpStatusOf(error) !== undefined) return false;
  for (const { code } of causeChain(error))
    if (typeof code === 'string' && (NODE_NETWORK_FAILURE.test(code) || CHROMIUM_NETWORK_FAILURE.test(code)))
      return true;
  return false;
}

/**
 * For the Gmail layer: true when the account's grant is gone (`invalid_grant` from the token endpoint)
 * or Google still answers 401 after google-auth-library's one forced refresh.
 */
export function isAuthFailure(error: unknown): boolean {
  if (error === null || typeof error !== 'object') return false;
  if ((error as { code?: unknown }).code === 'NEEDS_SIGN_IN') return true;
  if (oauthErrorOf(error) === 'invalid_grant') return true;
  if ((error as { message?: unknown }).message === 'invalid_grant') return true;
  return httpStatusOf(error) === 401;
}

export interface CodeExchangeInput {
  code: string;
  codeVerifier: string;
  redirectUri: string;
  /** Named in errors about the client (deleted, wrong type, blocked by an admin); default: the client's own. */
  clientId?: string;
}

/** Seed: exchange_code. */
export async function exchangeCode(
  client: OAuth2Client,
  input: CodeExchangeInput,
  logger: Logger,
): Promise<Credentials> {
  try {
    const { tokens } = await client.getToken({
      code: input.code,
      codeVerifier: input.codeVerifier,
      redirect_uri: input.redirectUri,
    });
    if (!tokens.access_token) throw new CodeExchangeError(WORDING.noAccessToken);
    return tokens;
  } catch (error) {
    if (error instanceof CodeExchangeError) throw error;
    const proxy = proxyFailureIn(error);
    if (proxy) throw proxy;
    if (isNetworkFailure(error)) throw new OfflineError(WORDING.signInUnreachable, error);
    const reason = oauthErrorOf(error) ?? `HTTP ${httpStatusOf(error) ?? '?'}`;
    logger.warn('Sign-in: the code exchange failed', { reason });
    const explained = signInErrorFor(oauthErrorOf(error) ?? '', input.clientId ?? client._clientId ?? '');
    // access_denied is the person's answer on the consent page, never a token endpoint verdict.
    if (explained && explained.code !== 'CONSENT_DENIED') throw explained;
    throw new CodeExchangeError(undefined, error);
  }
}

/** The granted scopes: the token response's `scope`, or tokeninfo when Google left it out. */
export async function grantedScopeOf(client: OAuth2Client, tokens: Credentials): Promise<string> {
  if (typeof tokens.scope === 'string' && tokens.scope.trim() !== '') return tokens.scope;
  const info = await client.getTokenInfo(tokens.access_token ?? '');
  return info.scopes.join(' ');
}

/** People can untick the Gmail box on Google's consent screen; Glance is useless without it. */
export function assertGmailScope(grantedScope: string, loginHint?: string): void {
  if (!grantsGmailAccess(grantedScope)) throw new ScopeMissingError(loginHint);
}

export interface GoogleUser {
  id: string;
  email: string;
  name: string;
  pictureUrl: string | null;
}

/** Seed: get_user_info — the oauth2 v2 userinfo endpoint; NoUserIdError without an id. */
export async function fetchUserInfo(
  client: OAuth2Client,
  userinfoUrl: string,
  accessToken: string,
  logger: Logger,
): Promise<GoogleUser> {
  let data: unknown;
  try {
    const response = await client.transporter.request<unknown>({
      url: userinfoUrl,
      method: 'GET',
      headers: { Authorization: `Bearer ${accessToken}` },
      responseType: 'json',
    });
    data = response.data;
  } catch (error) {
    const proxy = proxyFailureIn(error);
    if (proxy) throw proxy;
    if (isNetworkFailure(error)) throw new OfflineError(WORDING.signInUnreachable, error);
    logger.warn('Sign-in: userinfo failed', { status: httpStatusOf(error) ?? 'no response' });
    throw new NoUserIdError(undefined, error);
  }
  const record = (data && typeof data === 'object' ? data : {}) as Record<string, unknown>;
  const id = typeof record.id === 'string' ? record.id.trim() : typeof record.id === 'number' ? String(record.id) : '';
  if (!id) throw new NoUserIdError();
  const email = typeof record.email === 'string' ? record.email : '';
  const name = typeof record.name === 'string' && record.name.trim() !== '' ? record.name : email;
  const pictureUrl = typeof record.picture === 'string' && /^https?:\/\//.test(record.picture) ? record.picture : null;
  return { id, email, name, pictureUrl };
}

/**
 * Asks Google (one refresh) whether a stored refresh token still works, before a sign-in that brought no new
 * one relies on it. 'refused' only on `invalid_grant` (revoked, expired, or pushed out by the
 * 100-tokens-per-client limit); a network failure or a 5xx can't tell, so 'unknown'.
 */
export async function probeRefreshToken(
  client: OAuth2Client,
  refreshToken: string,
): Promise<'alive' | 'refused' | 'unknown'> {
  client.setCredentials({ refresh_token: refreshToken });
  try {
    await client.refreshAccessToken();
    return 'alive';
  } catch (error) {
    return oauthErrorOf(error) === 'invalid_grant' ? 'refused' : 'unknown';
  }
}

/**
 * Seed: get_credentials / store_credentials / get_stored_credentials. A new refresh token is stored
 * (keyed by the Google user id); without one the stored token is used — unless it is the one Google
 * already refused (`refusedRefreshToken`: pushed out by the 100-tokens-per-client limit, expired, …), which
 * must not come back to life. With neither the caller must run consent again (NoRefreshTokenError carrying
 * the email as login hint). A missing new token never overwrites the stored one.
 */
export async function resolveRefreshToken(input: {
  newRefreshToken: string | null | undefined;
  user: GoogleUser;
  secretStore: SecretStore;
  refusedRefreshToken?: string | null | undefined;
}): Promise<{ refreshToken: string; source: 'new' | 'stored' }> {
  const { newRefreshToken, user, secretStore, refusedRefreshToken } = input;
  if (newRefreshToken) {
    await secretStore.set(KEYCHAIN_SERVICE, user.id, newRefreshToken);
    return { refreshToken: newRefreshToken, source: 'new' };
  }
  const stored = await secretStore.get(KEYCHAIN_SERVICE, user.id);
  if (stored && stored !== refusedRefreshToken) return { refreshToken: stored, source: 'stored' };
  throw new NoRefreshTokenError(user.email || undefined);
}
