/**
 * The seed's `SCOPES` and `get_authorization_url`, for a desktop app (RFC 8252): PKCE S256, a random
 * `state`, offline access, and `prompt=consent` only when a new refresh token is needed.
 */
import { randomBytes } from 'node:crypto';
import { CodeChallengeMethod, OAuth2Client } from 'google-auth-library';
import type { OAuthClientConfig } from '../config/client-secrets.js';
import { gaxiosFetchOver } from '../net/google-fetch.js';
import type { HttpFetch } from '../ports.js';

export const GMAIL_SCOPE = 'https://www.googleapis.com/auth/gmail.modify';
/** Scopes that also allow reading and relabelling mail; `mail.google.com` is a superset of gmail.modify. */
const GMAIL_SCOPES_SUFFICIENT = new Set([GMAIL_SCOPE, 'https://mail.google.com/']);
export const SIGN_IN_SCOPES: readonly string[] = ['openid', 'email', 'profile', GMAIL_SCOPE];

/** True when a space-delimited granted-scope string (token `scope`) includes the Gmail permission. */
export function grantsGmailAccess(grantedScope: string | null | undefined): boolean {
  if (!grantedScope) return false;
  return grantedScope.split(/\s+/).some((scope) => GMAIL_SCOPES_SUFFICIENT.has(scope));
}

/**
 * A google-auth-library client pointed at the configured endpoints (Google, or the emulator).
 * `forceRefreshOnFailure` is off: the library would refresh and replay on every 403 too, rate limits
 * included, doubling traffic exactly when Google asks for less. The seed's "401 → refresh once" branch
 * lives in the Gmail transport (gmail/transport.ts), which refreshes on a 401 only.
 * `fetch`: the core's network port, used for every request this client (and the Gmail client built on it)
 * sends; without one (tests that talk to the emulator directly), gaxios' own fetch.
 */
export function createOAuthClient(config: OAuthClientConfig, redirectUri?: string, fetch?: HttpFetch): OAuth2Client {
  return new OAuth2Client({
    clientId: config.clientId,
    ...(config.clientSecret === undefined ? {} : { clientSecret: config.clientSecret }),
    ...(redirectUri === undefined ? {} : { redirectUri }),
    endpoints: {
      oauth2AuthBaseUrl: config.endpoints.authorize,
      oauth2TokenUrl: config.endpoints.token,
      oauth2RevokeUrl: config.endpoints.revoke,
      tokenInfoUrl: config.endpoints.tokeninfo,
    },
    forceRefreshOnFailure: false,
    ...(fetch ? { transporterOptions: { fetchImplementation: gaxiosFetchOver(fetch) } } : {}),
  });
}

export interface AuthorizationRequest {
  url: string;
  /** ≥128 bits of randomness; the loopback listener accepts only a callback carrying it. */
  state: string;
  /** PKCE verifier; sent with the code exchange, never logged. */
  codeVerifier: string;
}

export interface AuthorizationRequestOptions {
  redirectUri: string;
  /** The email of a known account being re-authorized. */
  loginHint?: string | undefined;
  /** Ask Google to show consent again so it issues a new refresh token. */
  forceConsent: boolean;
  /** The loopback listener is started first with this state; default: a fresh random one. */
  state?: string;
  /** Default SIGN_IN_SCOPES. Fewer to ask again for just a scope left unticked (with include_granted_scopes). */
  scopes?: readonly string[];
}

/** 32 random bytes, base64url: 256 bits. */
export function randomState(): string {
  return randomBytes(32).toString('base64url');
}

export async function buildAuthorizationRequest(
  client: OAuth2Client,
  options: AuthorizationRequestOptions,
): Promise<AuthorizationRequest> {
  const { codeVerifier, codeChallenge } = await client.generateCodeVerifierAsync();
  if (!codeChallenge) throw new Error('PKCE challenge could not be computed');
  const state = options.state ?? randomState();
  const url = client.generateAuthUrl({
    access_type: 'offline',
    scope: [...(options.scopes ?? SIGN_IN_SCOPES)],
    state,
    redirect_uri: options.redirectUri,
    code_challenge: codeChallenge,
    code_challenge_method: CodeChallengeMethod.S256,
    include_granted_scopes: true,
    ...(options.loginHint ? { login_hint: options.loginHint } : {}),
    ...(options.forceConsent ? { prompt: 'consent' } : {}),
  });
  return { url, state, codeVerifier };
}
