// Fidelity checklist §10 items 10–25 (token, revoke, tokeninfo, userinfo) with google-auth-library and raw HTTP.
import { CodeChallengeMethod } from 'google-auth-library';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGoogleEmulator, type GoogleEmulator } from '../../../electron/google-emulator/index.js';
import { dataOf, GMAIL_MODIFY, GMAIL_READONLY, oauthClient, REDIRECT_URI, signIn, statusOf } from './helpers.js';

let clockNow = Date.UTC(2026, 10, 1, 9, 0, 0);
const clock = { now: () => clockNow };

describe('OAuth token, revoke, tokeninfo and userinfo endpoints', () => {
  let emulator: GoogleEmulator;
  beforeAll(async () => {
    emulator = await startGoogleEmulator({
      clock,
      clients: [
        { clientId: 'main.apps.googleusercontent.com', clientSecret: 'GOCSPX-main', type: 'installed' },
        { clientId: 'other.apps.googleusercontent.com', clientSecret: 'GOCSPX-other', type: 'installed' },
        {
          clientId: 'testing.apps.googleusercontent.com',
          clientSecret: 'GOCSPX-testing',
          type: 'installed',
          status: 'testing',
        },
      ],
    });
  });
  afterAll(() => emulator.close());

  /** Gets a fresh code (with or without PKCE) via the consent page. */
  async function freshCode(
    options: {
      challenge?: string;
      method?: 'S256' | 'plain';
      scope?: string;
      clientId?: string;
      prompt?: string;
      email?: string;
    } = {},
  ): Promise<string> {
    const url = new URL(emulator.endpoints.authorize);
    url.searchParams.set('client_id', options.clientId ?? 'main.apps.googleusercontent.com');
    url.searchParams.set('redirect_uri', REDIRECT_URI);
    url.searchParams.set('response_type', 'code');
    url.searchParams.set('scope', options.scope ?? `openid email ${GMAIL_MODIFY}`);
    url.searchParams.set('access_type', 'offline');
    if (options.prompt) url.searchParams.set('prompt', options.prompt);
    if (options.challenge) url.searchParams.set('code_challenge', options.challenge);
    if (options.method) url.searchParams.set('code_challenge_method', options.method);
    const redirect = new URL(await emulator.consent(url.toString(), options.email ? { email: options.email } : {}));
    return redirect.searchParams.get('code') ?? '';
  }

  async function tokenPost(
    fields: Record<string, string>,
    headers: Record<string, string> = {},
  ): Promise<{ status: number; body: Record<string, unknown>; headers: Headers }> {
    const response = await fetch(emulator.endpoints.token, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded;charset=UTF-8', ...headers },
      body: new URLSearchParams(fields).toString(),
    });
    return {
      status: response.status,
      body: (await response.json()) as Record<string, unknown>,
      headers: response.headers,
    };
  }

  const main = { client_id: 'main.apps.googleusercontent.com', client_secret: 'GOCSPX-main' };

  it('#10/#11: code exchange → Bearer token, numeric expires_in 3599, space-delimited scope, id_token, ya29./1// prefixes, no-cache', async () => {
    const code = await freshCode();
    const { status, body, headers } = await tokenPost({
      ...main,
      code,
      grant_type: 'authorization_code',
      redirect_uri: REDIRECT_URI,
    });
    expect(status).toBe(200);
    expect(body.token_type).toBe('Bearer');
    expect(body.expires_in).toBe(3599);
    expect(body.access_token).toMatch(/^ya29\./);
    expect(body.refresh_token).toMatch(/^1\/\//);
    expect(String(body.scope).split(' ')).toEqual(
      expect.arrayContaining(['openid', 'https://www.googleapis.com/auth/userinfo.email', GMAIL_MODIFY]),
    );
    expect(String(body.id_token).split('.')).toHaveLength(3);
    const claims = JSON.parse(Buffer.from(String(body.id_token).split('.')[1] ?? '', 'base64url').toString()) as Record<
      string,
      unknown
    >;
    expect(claims).toMatchObject({
      iss: 'https://accounts.google.com',
      aud: 'main.apps.googleusercontent.com',
      email: 'alex@example.com',
      email_verified: true,
    });
    expect(headers.get('cache-control')).toBe('no-cache, no-store, max-age=0, must-revalidate');
    expect(headers.get('pragma')).toBe('no-cache');
    expect(emulator.issuedSecrets()).toEqual(
      expect.arrayContaining([code, body.access_token, body.refresh_token, body.id_token]),
    );
  });

  it('#11: no id_token without openid/email/profile', async () => {
    const code = await freshCode({ scope: GMAIL_READONLY });
    const { body } = await tokenPost({ ...main, code, grant_type: 'authorization_code', redirect_uri: REDIRECT_URI });
    expect(body.id_token).toBeUndefined();
    expect(body.scope).toBe(GMAIL_READONLY);
  });

  it('accepts HTTP Basic client authentication and rejects a wrong secret with 401 invalid_client Unauthorized', async () => {
    const code = await freshCode();
    const basic = `Basic ${Buffer.from('main.apps.googleusercontent.com:GOCSPX-main').toString('base64')}`;
    const ok = await tokenPost(
      { code, grant_type: 'authorization_code', redirect_uri: REDIRECT_URI },
      { Authorization: basic },
    );
    expect(ok.status).toBe(200);
    const wrong = await tokenPost({
      client_id: main.client_id,
      client_secret: 'nope',
      code: await freshCode(),
      grant_type: 'authorization_code',
      redirect_uri: REDIRECT_URI,
    });
    expect(wrong).toMatchObject({ status: 401, body: { error: 'invalid_client', error_description: 'Unauthorized' } });
  });

  it('#12: a refresh_token grant response has no refresh_token; google-auth-library keeps the old one', async () => {
    const signedIn = await signIn(emulator, { scopes: ['openid', 'email', GMAIL_MODIFY], prompt: 'consent' });
    const refreshToken = signedIn.tokens.refresh_token ?? '';
    const raw = await tokenPost({
      client_id: emulator.defaultClient.clientId,
      client_secret: emulator.defaultClient.clientSecret,
      refresh_token: refreshToken,
      grant_type: 'refresh_token',
    });
    expect(raw.status).toBe(200);
    expect(raw.body.refresh_token).toBeUndefined();
    expect(raw.body.access_token).toMatch(/^ya29\./);
    const refreshed = await signedIn.client.refreshAccessToken();
    expect(refreshed.credentials.refresh_token).toBe(refreshToken);
  });

  it('#13: reusing a code → 400 invalid_grant', async () => {
    const code = await freshCode();
    expect(
      (await tokenPost({ ...main, code, grant_type: 'authorization_code', redirect_uri: REDIRECT_URI })).status,
    ).toBe(200);
    const again = await tokenPost({ ...main, code, grant_type: 'authorization_code', redirect_uri: REDIRECT_URI });
    expect(again.status).toBe(400);
    expect(again.body.error).toBe('invalid_grant');
  });

  it('#14: a still-URL-encoded or mangled code → Malformed auth code.', async () => {
    const code = await freshCode();
    for (const bad of [encodeURIComponent(code), 'placeholder', `${code}!`]) {
      const result = await tokenPost({
        ...main,
        code: bad,
        grant_type: 'authorization_code',
        redirect_uri: REDIRECT_URI,
      });
      expect(result).toMatchObject({
        status: 400,
        body: { error: 'invalid_grant', error_description: 'Malformed auth code.' },
      });
    }
  });

  it('#15: PKCE verifier mismatch, missing verifier, and verifier without challenge', async () => {
    const client = oauthClient(emulator);
    const { codeVerifier, codeChallenge } = await client.generateCodeVerifierAsync();
    const code = await freshCode({ challenge: codeChallenge, method: 'S256' });
    const wrong = await tokenPost({
      ...main,
      code,
      code_verifier: `${codeVerifier.slice(0, -1)}x`,
      grant_type: 'authorization_code',
      redirect_uri: REDIRECT_URI,
    });
    expect(wrong).toMatchObject({
      status: 400,
      body: { error: 'invalid_grant', error_description: 'Invalid code verifier.' },
    });
    const missing = await tokenPost({ ...main, code, grant_type: 'authorization_code', redirect_uri: REDIRECT_URI });
    expect(missing).toMatchObject({
      status: 400,
      body: { error: 'invalid_grant', error_description: 'Missing code verifier.' },
    });
    const right = await tokenPost({
      ...main,
      code,
      code_verifier: codeVerifier,
      grant_type: 'authorization_code',
      redirect_uri: REDIRECT_URI,
    });
    expect(right.status).toBe(200);
    const unneeded = await tokenPost({
      ...main,
      code: await freshCode(),
      code_verifier: codeVerifier,
      grant_type: 'authorization_code',
      redirect_uri: REDIRECT_URI,
    });
    expect(unneeded).toMatchObject({
      status: 400,
      body: { error: 'invalid_grant', error_description: 'code_verifier or verifier is not needed.' },
    });
  });

  it('#15: PKCE through google-auth-library: a wrong verifier rejects with GaxiosError invalid_grant', async () => {
    const client = oauthClient(emulator);
    const { codeChallenge } = await client.generateCodeVerifierAsync();
    const url = client.generateAuthUrl({
      scope: [GMAIL_MODIFY],
      code_challenge: codeChallenge,
      code_challenge_method: CodeChallengeMethod.S256,
    });
    const code = new URL(await emulator.consent(url)).searchParams.get('code') ?? '';
    const error = await client.getToken({ code, codeVerifier: 'x'.repeat(64) }).catch((caught: unknown) => caught);
    expect(statusOf(error)).toBe(400);
    expect(dataOf(error)).toEqual({ error: 'invalid_grant', error_description: 'Invalid code verifier.' });
  });

  it('plain PKCE is the default method when only a challenge is sent', async () => {
    const verifier = 'v'.repeat(50);
    const code = await freshCode({ challenge: verifier });
    expect(
      (
        await tokenPost({
          ...main,
          code,
          code_verifier: verifier,
          grant_type: 'authorization_code',
          redirect_uri: REDIRECT_URI,
        })
      ).status,
    ).toBe(200);
  });

  it('redirect_uri at /token must equal the authorize one', async () => {
    const result = await tokenPost({
      ...main,
      code: await freshCode(),
      grant_type: 'authorization_code',
      redirect_uri: 'http://127.0.0.1:1/other',
    });
    expect(result.status).toBe(400);
    expect(result.body.error).toBe('redirect_uri_mismatch');
  });

  it('codes expire after 10 minutes', async () => {
    const code = await freshCode();
    clockNow += 10 * 60_000 + 1;
    const result = await tokenPost({ ...main, code, grant_type: 'authorization_code', redirect_uri: REDIRECT_URI });
    expect(result).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
  });

  it('#16/#21: revoking the access token kills the paired refresh token (invalid_grant "Token has been expired or revoked.")', async () => {
    const signedIn = await signIn(emulator, { prompt: 'consent' });
    await signedIn.client.revokeToken(signedIn.tokens.access_token ?? '');
    const error = await signedIn.client.refreshAccessToken().catch((caught: unknown) => caught);
    expect(statusOf(error)).toBe(400);
    expect(dataOf(error)).toEqual({ error: 'invalid_grant', error_description: 'Token has been expired or revoked.' });
    const gmailError = await signedIn.gmail.users.getProfile({ userId: 'me' }).catch((caught: unknown) => caught);
    expect(statusOf(gmailError)).toBe(401);
  });

  it('#22: revoking an already revoked token → 400 invalid_token "Token expired or revoked"', async () => {
    const signedIn = await signIn(emulator, { prompt: 'consent' });
    const token = signedIn.tokens.refresh_token ?? '';
    const first = await fetch(`${emulator.endpoints.revoke}?token=${encodeURIComponent(token)}`, { method: 'POST' });
    expect(first.status).toBe(200);
    const second = await fetch(`${emulator.endpoints.revoke}?token=${encodeURIComponent(token)}`, { method: 'POST' });
    expect(second.status).toBe(400);
    expect(await second.json()).toEqual({ error: 'invalid_token', error_description: 'Token expired or revoked' });
  });

  it('#17: unknown client at /token → 401 invalid_client "The OAuth client was not found."', async () => {
    const result = await tokenPost({
      client_id: 'ghost.apps.googleusercontent.com',
      client_secret: 'x',
      code: '4/abc',
      grant_type: 'authorization_code',
      redirect_uri: REDIRECT_URI,
    });
    expect(result).toMatchObject({
      status: 401,
      body: { error: 'invalid_client', error_description: 'The OAuth client was not found.' },
    });
  });

  it('#18: a refresh token presented by another client → 401 unauthorized_client', async () => {
    const code = await freshCode();
    const { body } = await tokenPost({ ...main, code, grant_type: 'authorization_code', redirect_uri: REDIRECT_URI });
    const result = await tokenPost({
      client_id: 'other.apps.googleusercontent.com',
      client_secret: 'GOCSPX-other',
      refresh_token: String(body.refresh_token),
      grant_type: 'refresh_token',
    });
    expect(result).toMatchObject({
      status: 401,
      body: { error: 'unauthorized_client', error_description: 'Unauthorized' },
    });
  });

  it('#19: missing code and unsupported grant types', async () => {
    expect(await tokenPost({ ...main, grant_type: 'authorization_code', redirect_uri: REDIRECT_URI })).toMatchObject({
      status: 400,
      body: { error: 'invalid_request', error_description: 'Missing required parameter: code' },
    });
    expect(await tokenPost({ ...main, grant_type: 'password' })).toMatchObject({
      status: 400,
      body: { error: 'unsupported_grant_type', error_description: 'Invalid grant_type: password' },
    });
    expect(await tokenPost({ ...main })).toMatchObject({
      status: 400,
      body: { error: 'unsupported_grant_type', error_description: 'Invalid grant_type: ' },
    });
  });

  it('refresh tokens: first consent yes, re-consent without prompt=consent no, with prompt=consent yes', async () => {
    const fresh = await startGoogleEmulator({
      clients: [{ clientId: main.client_id, clientSecret: main.client_secret, type: 'installed' }],
    });
    try {
      const codeFor = async (prompt?: string) => {
        const url = new URL(fresh.endpoints.authorize);
        for (const [name, value] of Object.entries({
          client_id: main.client_id,
          redirect_uri: REDIRECT_URI,
          response_type: 'code',
          scope: GMAIL_MODIFY,
          ...(prompt ? { prompt } : {}),
        }))
          url.searchParams.set(name, value);
        return new URL(await fresh.consent(url.toString())).searchParams.get('code') ?? '';
      };
      const post = async (code: string) => {
        const response = await fetch(fresh.endpoints.token, {
          method: 'POST',
          headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ ...main, code, grant_type: 'authorization_code', redirect_uri: REDIRECT_URI }),
        });
        return (await response.json()) as Record<string, unknown>;
      };
      expect((await post(await codeFor())).refresh_token).toMatch(/^1\/\//);
      expect((await post(await codeFor())).refresh_token).toBeUndefined();
      expect((await post(await codeFor('consent'))).refresh_token).toMatch(/^1\/\//);
    } finally {
      await fresh.close();
    }
  });

  it("refreshTokenOnReconsent: 'always' issues one on every consent", async () => {
    const fresh = await startGoogleEmulator({ refreshTokenOnReconsent: 'always' });
    try {
      for (let round = 0; round < 2; round++) expect((await signIn(fresh)).tokens.refresh_token).toMatch(/^1\/\//);
    } finally {
      await fresh.close();
    }
  });

  it('#20: the 101st refresh token for a user+client invalidates the oldest', async () => {
    const tokens: string[] = [];
    for (let index = 0; index < 101; index++) {
      const { body } = await tokenPost({
        ...main,
        code: await freshCode({ prompt: 'consent', email: 'sam@example.com' }),
        grant_type: 'authorization_code',
        redirect_uri: REDIRECT_URI,
      });
      tokens.push(String(body.refresh_token));
    }
    const oldest = await tokenPost({ ...main, refresh_token: tokens[0] ?? '', grant_type: 'refresh_token' });
    expect(oldest).toMatchObject({
      status: 400,
      body: { error: 'invalid_grant', error_description: 'Token has been expired or revoked.' },
    });
    expect((await tokenPost({ ...main, refresh_token: tokens[1] ?? '', grant_type: 'refresh_token' })).status).toBe(
      200,
    );
  });

  it('#20: Testing-status clients lose refresh tokens 7 days after consent', async () => {
    const code = await freshCode({ clientId: 'testing.apps.googleusercontent.com' });
    const testing = { client_id: 'testing.apps.googleusercontent.com', client_secret: 'GOCSPX-testing' };
    const { body } = await tokenPost({
      ...testing,
      code,
      grant_type: 'authorization_code',
      redirect_uri: REDIRECT_URI,
    });
    expect(
      (await tokenPost({ ...testing, refresh_token: String(body.refresh_token), grant_type: 'refresh_token' })).status,
    ).toBe(200);
    clockNow += 7 * 86_400_000 + 1;
    expect(
      await tokenPost({ ...testing, refresh_token: String(body.refresh_token), grant_type: 'refresh_token' }),
    ).toMatchObject({
      status: 400,
      body: { error: 'invalid_grant', error_description: 'Token has been expired or revoked.' },
    });
  });

  it('#23: tokeninfo via google-auth-library (strings for numbers) and 400 Invalid Value for a bad token', async () => {
    const signedIn = await signIn(emulator, { prompt: 'consent' });
    const raw = await fetch(emulator.endpoints.tokeninfo, {
      method: 'POST',
      headers: { Authorization: `Bearer ${signedIn.tokens.access_token ?? ''}` },
    });
    const body = (await raw.json()) as Record<string, unknown>;
    expect(typeof body.exp).toBe('string');
    expect(typeof body.expires_in).toBe('string');
    expect(typeof body.scope).toBe('string');
    const info = await signedIn.client.getTokenInfo(signedIn.tokens.access_token ?? '');
    expect(info.scopes).toContain(GMAIL_MODIFY);
    expect(info.email).toBe('alex@example.com');
    const bad = await fetch(emulator.endpoints.tokeninfo, {
      method: 'POST',
      headers: { Authorization: 'Bearer ya29.nope' },
    });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ error: 'invalid_token', error_description: 'Invalid Value' });
  });

  it('#24/#25: v2 userinfo (id, verified_email) and OIDC userinfo (sub, email_verified; OAuth-style 401)', async () => {
    const signedIn = await signIn(emulator, { prompt: 'consent' });
    const v2 = await signedIn.client.request<Record<string, unknown>>({ url: emulator.endpoints.userinfo });
    expect(v2.data).toMatchObject({
      id: emulator.users()[0]?.id,
      email: 'alex@example.com',
      verified_email: true,
      name: 'Alex Rivera',
    });
    expect(String(v2.data.id)).toMatch(/^\d{21}$/);
    const oidc = await signedIn.client.request<Record<string, unknown>>({ url: `${emulator.origin}/v1/userinfo` });
    expect(oidc.data).toMatchObject({ sub: v2.data.id, email_verified: true });
    emulator.expireAccessTokens('alex@example.com');
    const expired = await fetch(`${emulator.origin}/v1/userinfo`, {
      headers: { Authorization: `Bearer ${signedIn.tokens.access_token ?? ''}` },
    });
    expect(expired.status).toBe(401);
    expect(await expired.json()).toEqual({ error: 'invalid_request', error_description: 'Invalid Credentials' });
    const v2Expired = await fetch(emulator.endpoints.userinfo, {
      headers: { Authorization: `Bearer ${signedIn.tokens.access_token ?? ''}` },
    });
    expect(v2Expired.status).toBe(401);
    expect(((await v2Expired.json()) as { error: { status: string } }).error.status).toBe('UNAUTHENTICATED');
  });
});
