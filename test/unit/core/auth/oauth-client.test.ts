import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  GMAIL_SCOPE,
  SIGN_IN_SCOPES,
  buildAuthorizationRequest,
  createOAuthClient,
  grantsGmailAccess,
} from '../../../../electron/core/auth/oauth-client.js';
import { GOOGLE_ENDPOINTS } from '../../../../electron/core/config/client-secrets.js';

const config = {
  clientId: 'cid.apps.googleusercontent.com',
  clientSecret: 'GOCSPX-x',
  endpoints: { ...GOOGLE_ENDPOINTS },
};
const redirectUri = 'http://127.0.0.1:49152/abc';

async function request(options: { loginHint?: string; forceConsent: boolean; state?: string }) {
  const client = createOAuthClient(config);
  const built = await buildAuthorizationRequest(client, { redirectUri, ...options });
  return { ...built, params: new URL(built.url).searchParams, url: new URL(built.url) };
}

describe('authorization URL (seed: get_authorization_url)', () => {
  it('asks for offline access, the four scopes, PKCE S256 and incremental scopes', async () => {
    const { params, url, codeVerifier } = await request({ forceConsent: false });
    expect(`${url.origin}${url.pathname}`).toBe(GOOGLE_ENDPOINTS.authorize);
    expect(params.get('client_id')).toBe(config.clientId);
    expect(params.get('redirect_uri')).toBe(redirectUri);
    expect(params.get('response_type')).toBe('code');
    expect(params.get('access_type')).toBe('offline');
    expect(params.get('scope')).toBe(`openid email profile ${GMAIL_SCOPE}`);
    expect(params.get('include_granted_scopes')).toBe('true');
    expect(params.get('code_challenge_method')).toBe('S256');
    const challenge = createHash('sha256').update(codeVerifier).digest('base64url');
    expect(params.get('code_challenge')).toBe(challenge);
    expect(codeVerifier).toMatch(/^[A-Za-z0-9._~-]{43,128}$/);
    expect(params.has('prompt')).toBe(false);
    expect(params.has('login_hint')).toBe(false);
  });

  it('uses a fresh random state of at least 128 bits each time', async () => {
    const states = new Set<string>();
    for (let i = 0; i < 20; i++) {
      const { state, params } = await request({ forceConsent: false });
      expect(params.get('state')).toBe(state);
      expect(Buffer.from(state, 'base64url').length).toBeGreaterThanOrEqual(16);
      states.add(state);
    }
    expect(states.size).toBe(20);
  });

  it('adds login_hint and prompt=consent only when asked', async () => {
    const { params } = await request({ loginHint: 'alex@example.com', forceConsent: true, state: 'given' });
    expect(params.get('login_hint')).toBe('alex@example.com');
    expect(params.get('prompt')).toBe('consent');
    expect(params.get('state')).toBe('given');
  });

  it('requests exactly the documented scopes', () => {
    expect(SIGN_IN_SCOPES).toEqual(['openid', 'email', 'profile', 'https://www.googleapis.com/auth/gmail.modify']);
  });
});

describe('grantsGmailAccess', () => {
  it('needs gmail.modify (or full mail access) in the granted scopes', () => {
    expect(grantsGmailAccess(`openid https://www.googleapis.com/auth/userinfo.email ${GMAIL_SCOPE}`)).toBe(true);
    expect(grantsGmailAccess('openid https://mail.google.com/')).toBe(true);
    expect(grantsGmailAccess('openid https://www.googleapis.com/auth/userinfo.email')).toBe(false);
    expect(grantsGmailAccess('https://www.googleapis.com/auth/gmail.readonly')).toBe(false);
    expect(grantsGmailAccess(undefined)).toBe(false);
    expect(grantsGmailAccess('')).toBe(false);
  });
});
