// Fidelity checklist §10 items 1–9 (authorization endpoint) against the real google-auth-library URL builder.
import { CodeChallengeMethod } from 'google-auth-library';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { startGoogleEmulator, type GoogleEmulator } from '../../../electron/google-emulator/index.js';
import { GMAIL_MODIFY, GMAIL_READONLY, oauthClient, signIn } from './helpers.js';

describe('OAuth authorize endpoint', () => {
  let emulator: GoogleEmulator;
  beforeAll(async () => {
    emulator = await startGoogleEmulator({
      clients: [
        { clientId: 'desktop.apps.googleusercontent.com', clientSecret: 'GOCSPX-desktop', type: 'installed' },
        {
          clientId: 'web.apps.googleusercontent.com',
          clientSecret: 'GOCSPX-web',
          type: 'web',
          redirectUris: ['https://app.example/callback'],
        },
      ],
    });
  });
  afterAll(() => emulator.close());

  function authUrl(params: Record<string, string>): string {
    const url = new URL(emulator.endpoints.authorize);
    const defaults = {
      client_id: 'desktop.apps.googleusercontent.com',
      redirect_uri: 'http://127.0.0.1:50123',
      response_type: 'code',
      scope: `openid email ${GMAIL_MODIFY}`,
      state: 's1',
    };
    for (const [name, value] of Object.entries({ ...defaults, ...params }))
      if (value !== '') url.searchParams.set(name, value);
    return url.toString();
  }

  async function page(url: string): Promise<{ status: number; text: string; location: string | null }> {
    const response = await fetch(url, { redirect: 'manual' });
    return { status: response.status, text: await response.text(), location: response.headers.get('location') };
  }

  it('#1/#8: redirects to the loopback URI with a 4/… code (percent-encoded), state and granted scope', async () => {
    const client = oauthClient(emulator, {
      clientId: 'desktop.apps.googleusercontent.com',
      clientSecret: 'GOCSPX-desktop',
      redirectUri: 'http://127.0.0.1:61234',
    });
    const { codeChallenge } = await client.generateCodeVerifierAsync();
    const url = client.generateAuthUrl({
      scope: ['openid', 'email', GMAIL_MODIFY],
      state: 'st@te/1',
      code_challenge: codeChallenge,
      code_challenge_method: CodeChallengeMethod.S256,
    });
    const location = await emulator.consent(url);
    expect(location.startsWith('http://127.0.0.1:61234/?')).toBe(true);
    expect(location).toMatch(/[?&]code=4%2F/);
    const redirect = new URL(location);
    expect(redirect.searchParams.get('code')).toMatch(/^4\/.+/);
    expect(redirect.searchParams.get('state')).toBe('st@te/1');
    expect(redirect.searchParams.get('scope')?.split(' ').sort()).toEqual(
      ['https://www.googleapis.com/auth/userinfo.email', GMAIL_MODIFY, 'openid'].sort(),
    );
    expect(redirect.searchParams.get('authuser')).toBe('0');
  });

  it('#2: accepts [::1] and localhost loopback redirects on any port', async () => {
    for (const redirect of ['http://[::1]:1', 'http://localhost:65535/callback', 'http://127.0.0.1:8080/any/path']) {
      const location = await emulator.consent(authUrl({ redirect_uri: redirect }));
      expect(location.startsWith(redirect)).toBe(true);
    }
  });

  it('#3: a non-loopback redirect for a desktop client (or an unregistered one for a web client) gets the redirect_uri_mismatch page', async () => {
    for (const [clientId, redirect] of [
      ['desktop.apps.googleusercontent.com', 'https://evil.example/cb'],
      ['desktop.apps.googleusercontent.com', 'https://127.0.0.1:5000'],
      ['web.apps.googleusercontent.com', 'http://127.0.0.1:5000'],
    ] as const) {
      const result = await page(authUrl({ client_id: clientId, redirect_uri: redirect }));
      expect(result.status).toBe(400);
      expect(result.location).toBeNull();
      expect(result.text).toContain('Error 400: redirect_uri_mismatch');
    }
    const web = await emulator.consent(
      authUrl({ client_id: 'web.apps.googleusercontent.com', redirect_uri: 'https://app.example/callback' }),
    );
    expect(web.startsWith('https://app.example/callback?')).toBe(true);
  });

  it('#4: unknown client_id → Error 401: invalid_client page, no redirect', async () => {
    const result = await page(authUrl({ client_id: 'nope.apps.googleusercontent.com' }));
    expect(result.status).toBe(401);
    expect(result.location).toBeNull();
    expect(result.text).toContain('Error 401: invalid_client');
    expect(result.text).toContain('The OAuth client was not found.');
    await expect(emulator.consent(authUrl({ client_id: 'nope' }))).rejects.toThrow(/invalid_client/);
  });

  it('#5: the OOB redirect is blocked with Error 400: invalid_request', async () => {
    const result = await page(authUrl({ redirect_uri: 'urn:ietf:wg:oauth:2.0:oob' }));
    expect(result.status).toBe(400);
    expect(result.text).toContain('Error 400: invalid_request');
    expect(result.text).not.toContain('code=');
  });

  it('rejects a missing response_type and a missing scope with Google’s wording', async () => {
    expect((await page(authUrl({ response_type: '' }))).text).toContain('Required parameter is missing: response_type');
    expect((await page(authUrl({ scope: '' }))).text).toContain('Missing required parameter: scope');
  });

  it('#6: Deny → access_denied with state, no code', async () => {
    // Alex granted these scopes in #1; prompt=consent brings the consent page (and its Deny button) back.
    const redirect = new URL(await emulator.consent(authUrl({ prompt: 'consent' }), { action: 'deny' }));
    expect(redirect.searchParams.get('error')).toBe('access_denied');
    expect(redirect.searchParams.get('state')).toBe('s1');
    expect(redirect.searchParams.has('code')).toBe(false);
  });

  it('#7: prompt=none without prior consent → interaction_required; after consent it returns a code silently', async () => {
    const fresh = await startGoogleEmulator();
    try {
      const url = new URL(fresh.endpoints.authorize);
      const params = {
        client_id: fresh.defaultClient.clientId,
        redirect_uri: 'http://127.0.0.1:4000',
        response_type: 'code',
        scope: GMAIL_READONLY,
        state: 'quiet',
        prompt: 'none',
      };
      for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
      const denied = new URL(await fresh.consent(url.toString()));
      expect(denied.searchParams.get('error')).toBe('interaction_required');
      expect(denied.searchParams.get('error_subtype')).toBe('access_denied');
      expect(denied.searchParams.get('state')).toBe('quiet');
      url.searchParams.delete('prompt');
      await fresh.consent(url.toString());
      url.searchParams.set('prompt', 'none');
      const silent = new URL(await fresh.consent(url.toString()));
      expect(silent.searchParams.get('code')).toMatch(/^4\//);
      expect(silent.searchParams.get('prompt')).toBe('none');
    } finally {
      await fresh.close();
    }
  });

  it('#9: unticking gmail.modify drops it from the token scope and Gmail answers 403 insufficientPermissions', async () => {
    const fresh = await startGoogleEmulator();
    onTestFinished(() => fresh.close());
    const signedIn = await signIn(fresh, { scopes: ['openid', 'email', GMAIL_MODIFY], grantScopes: [] });
    expect(signedIn.tokens.scope?.split(' ')).not.toContain(GMAIL_MODIFY);
    expect(signedIn.redirect.searchParams.get('scope')).not.toContain('gmail.modify');
    const failure = await signedIn.gmail.users.messages.list({ userId: 'me' }).catch((error: unknown) => error);
    expect((failure as { status?: number }).status).toBe(403);
    const data = (
      failure as {
        response: {
          data: { error: { errors: Array<{ reason: string }>; status: string; details: Array<{ reason: string }> } };
        };
      }
    ).response.data;
    expect(data.error.errors[0]?.reason).toBe('insufficientPermissions');
    expect(data.error.status).toBe('PERMISSION_DENIED');
    expect(data.error.details[0]?.reason).toBe('ACCESS_TOKEN_SCOPE_INSUFFICIENT');
    expect((failure as { response: { headers: Headers } }).response.headers.get('www-authenticate')).toContain(
      'error="insufficient_scope"',
    );
  });

  it('a browser nobody is signed in to gets the sign-in page: a radio per user (login_hint preselected), Next, the banner', async () => {
    const result = await page(authUrl({ login_hint: 'sam@example.com' }));
    expect(result.status).toBe(200);
    expect(result.text).toContain('Glance test Google — not the real Google');
    expect(result.text).toContain('<main data-google-step="signin">');
    expect(result.text).toMatch(
      /<input type="radio" name="account" value="sam@example.com" checked>sam@example.com<\/label>/,
    );
    expect(result.text).toMatch(
      /<input type="radio" name="account" value="alex@example.com">alex@example.com<\/label>/,
    );
    expect(result.text).toMatch(/<button type="submit">Next<\/button>/);
    expect(result.text).not.toContain('name="action"');
  });

  it('after the account, the consent page: who is signing in, a checkbox per Gmail scope, Allow and Deny', async () => {
    const fresh = await startGoogleEmulator();
    onTestFinished(() => fresh.close());
    const url = new URL(fresh.endpoints.authorize);
    for (const [name, value] of Object.entries({
      client_id: fresh.defaultClient.clientId,
      redirect_uri: 'http://127.0.0.1:50123',
      response_type: 'code',
      scope: `openid email ${GMAIL_MODIFY}`,
    }))
      url.searchParams.set(name, value);
    const signInPage = await (await fetch(url)).text();
    const requestId = /name="request_id" value="([^"]+)"/.exec(signInPage)?.[1] ?? '';
    const response = await fetch(`${fresh.origin}/o/oauth2/v2/account`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ request_id: requestId, sign_in: '1', account: 'sam@example.com' }).toString(),
    });
    const consentPage = await response.text();
    expect(response.status).toBe(200);
    expect(response.headers.get('set-cookie')).toMatch(/^EMU_SID=[^;]+; Path=\/; HttpOnly; SameSite=Lax$/);
    expect(consentPage).toContain('<main data-google-step="consent">');
    expect(consentPage).toContain('Signed in as <strong data-account="sam@example.com">sam@example.com</strong>');
    expect(consentPage).toMatch(/<button type="submit" name="action" value="allow">Allow<\/button>/);
    expect(consentPage).toMatch(/<button type="submit" name="action" value="deny">Deny<\/button>/);
    expect(consentPage).toContain(`value="${GMAIL_MODIFY}" checked`);
    expect(consentPage).not.toContain('name="account"');
  });

  it('consent() signs in as the chosen account (login_hint honoured)', async () => {
    const sam = await signIn(emulator, { email: 'sam@example.com' });
    const profile = await sam.gmail.users.getProfile({ userId: 'me' });
    expect(profile.data.emailAddress).toBe('sam@example.com');
  });

  it('include_granted_scopes=true adds earlier grants to the new code; login_hint may be the numeric user id', async () => {
    const fresh = await startGoogleEmulator();
    onTestFinished(() => fresh.close());
    const url = (params: Record<string, string>) => {
      const built = new URL(fresh.endpoints.authorize);
      for (const [name, value] of Object.entries({
        client_id: fresh.defaultClient.clientId,
        redirect_uri: 'http://127.0.0.1:4000',
        response_type: 'code',
        ...params,
      }))
        built.searchParams.set(name, value);
      return built.toString();
    };
    const sam = fresh.users().find((user) => user.email === 'sam@example.com');
    const first = new URL(await fresh.consent(url({ scope: GMAIL_READONLY, login_hint: sam?.id ?? '' })));
    expect(first.searchParams.get('scope')).toBe(GMAIL_READONLY);
    const page = await (await fetch(url({ scope: 'openid', login_hint: sam?.id ?? '' }))).text();
    expect(page).toContain('value="sam@example.com" checked');
    const incremental = new URL(
      await fresh.consent(url({ scope: 'openid', include_granted_scopes: 'true', login_hint: 'sam@example.com' })),
    );
    expect(incremental.searchParams.get('scope')?.split(' ').sort()).toEqual([GMAIL_READONLY, 'openid'].sort());
    const plain = new URL(await fresh.consent(url({ scope: 'openid', login_hint: 'sam@example.com' })));
    expect(plain.searchParams.get('scope')).toBe('openid');
  });
});
