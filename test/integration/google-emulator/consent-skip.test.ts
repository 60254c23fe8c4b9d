// A second authorization whose scopes the grant already covers skips the consent page, like Google's
// "you will be prompted only the first time"; consentForGrantedScopes: 'always' keeps the page, and
// refreshTokenOnReconsent decides (UNSOURCED for installed apps) whether such a second exchange gets a refresh token.
import { CodeChallengeMethod } from 'google-auth-library';
import { afterEach, describe, expect, it } from 'vitest';
import {
  startGoogleEmulator,
  type EmulatorOptions,
  type GoogleBrowser,
  type GoogleEmulator,
} from '../../../electron/google-emulator/index.js';
import { GMAIL_MODIFY, GMAIL_READONLY, oauthClient } from './helpers.js';

const running: GoogleEmulator[] = [];
async function start(options: EmulatorOptions = {}): Promise<GoogleEmulator> {
  const emulator = await startGoogleEmulator(options);
  running.push(emulator);
  return emulator;
}
afterEach(async () => {
  await Promise.all(running.splice(0).map((emulator) => emulator.close()));
});

const SIGN_IN_AND_GMAIL = ['openid', 'email', GMAIL_MODIFY];

/** One authorization in `browser` + the code exchange, reporting what the person saw and what came back. */
async function authorize(
  emulator: GoogleEmulator,
  browser: GoogleBrowser,
  options: { scopes?: string[]; prompt?: string; email?: string; loginHint?: string } = {},
) {
  const client = oauthClient(emulator);
  const { codeVerifier, codeChallenge } = await client.generateCodeVerifierAsync();
  const url = client.generateAuthUrl({
    access_type: 'offline',
    scope: options.scopes ?? SIGN_IN_AND_GMAIL,
    state: 'st',
    code_challenge: codeChallenge,
    code_challenge_method: CodeChallengeMethod.S256,
    ...(options.prompt ? { prompt: options.prompt } : {}),
    ...(options.loginHint ? { login_hint: options.loginHint } : {}),
  });
  const redirect = new URL(await browser.authorize(url, options.email ? { email: options.email } : {}));
  const { tokens } = await client.getToken({ code: redirect.searchParams.get('code') ?? '', codeVerifier });
  const info = await client.getTokenInfo(tokens.access_token ?? '');
  return { steps: [...browser.lastSteps], redirect, tokens, email: info.email };
}

describe("consentForGrantedScopes: 'skip' (default)", () => {
  it('first authorization: sign-in + consent and a refresh token; the second: account only, a code, prompt=none, no refresh token', async () => {
    const emulator = await start();
    const browser = emulator.browser();
    const first = await authorize(emulator, browser);
    expect(first.steps).toEqual(['signin', 'consent']);
    expect(first.redirect.searchParams.get('prompt')).toBe('consent');
    expect(first.tokens.refresh_token).toMatch(/^1\/\//);

    const second = await authorize(emulator, browser);
    expect(second.steps).toEqual(['chooser']);
    expect(second.redirect.searchParams.get('prompt')).toBe('none');
    expect(second.redirect.searchParams.get('state')).toBe('st');
    expect(second.redirect.searchParams.get('scope')?.split(' ').sort()).toEqual(
      [GMAIL_MODIFY, 'openid', 'https://www.googleapis.com/auth/userinfo.email'].sort(),
    );
    expect(second.email).toBe('alex@example.com');
    expect(second.tokens.access_token).toMatch(/^ya29\./);
    expect(second.tokens.refresh_token).toBeUndefined();
    // The first refresh token still works: a second sign-in must keep it.
    const client = oauthClient(emulator);
    client.setCredentials({ refresh_token: first.tokens.refresh_token ?? '' });
    expect((await client.getAccessToken()).token).toMatch(/^ya29\./);
  });

  it('a fresh browser (consent()) shows the sign-in page and still skips consent for the same user', async () => {
    const emulator = await start();
    await authorize(emulator, emulator.browser());
    const again = await authorize(emulator, emulator.browser(), { email: 'alex@example.com' });
    expect(again.steps).toEqual(['signin']);
    expect(again.redirect.searchParams.get('prompt')).toBe('none');
  });

  it('a login_hint naming a user signed in in this browser: no page at all', async () => {
    const emulator = await start();
    const browser = emulator.browser();
    await authorize(emulator, browser, { email: 'sam@example.com' });
    const again = await authorize(emulator, browser, { loginHint: 'sam@example.com' });
    expect(again.steps).toEqual([]);
    expect(again.email).toBe('sam@example.com');
  });

  it('consent comes back for prompt=consent (with a refresh token), a scope not granted yet, another user, and after revocation', async () => {
    const emulator = await start();
    const browser = emulator.browser();
    await authorize(emulator, browser, { scopes: ['openid', 'email', GMAIL_READONLY] });

    const forced = await authorize(emulator, browser, {
      scopes: ['openid', 'email', GMAIL_READONLY],
      prompt: 'consent',
    });
    expect(forced.steps).toEqual(['chooser', 'consent']);
    expect(forced.tokens.refresh_token).toMatch(/^1\/\//);

    const wider = await authorize(emulator, browser, { scopes: SIGN_IN_AND_GMAIL });
    expect(wider.steps).toEqual(['chooser', 'consent']);
    // The grant now covers the wider set too.
    expect((await authorize(emulator, browser, { scopes: SIGN_IN_AND_GMAIL })).steps).toEqual(['chooser']);

    const sam = await authorize(emulator, browser, { email: 'sam@example.com' });
    expect(sam.steps).toEqual(['chooser', 'signin', 'consent']);

    emulator.revokeUser('alex@example.com');
    const afterRevoke = await authorize(emulator, browser, { email: 'alex@example.com' });
    expect(afterRevoke.steps).toEqual(['chooser', 'consent']);
    expect(afterRevoke.tokens.refresh_token).toMatch(/^1\/\//);
  });

  it('a Gmail scope unticked last time is asked for again', async () => {
    const emulator = await start();
    const url = () =>
      oauthClient(emulator).generateAuthUrl({ scope: SIGN_IN_AND_GMAIL, state: 's', access_type: 'offline' });
    await emulator.consent(url(), { grantScopes: [] });
    const browser = emulator.browser();
    await browser.authorize(url());
    expect(browser.lastSteps).toEqual(['signin', 'consent']);
  });

  it('the helpers refuse to "deny" or untick on a consent page that was skipped, and say what to do', async () => {
    const emulator = await start();
    const url = oauthClient(emulator).generateAuthUrl({ scope: SIGN_IN_AND_GMAIL });
    await emulator.consent(url);
    await expect(emulator.consent(url, { action: 'deny' })).rejects.toThrow(
      /consent page was skipped.*prompt=consent.*consentForGrantedScopes: 'always'/,
    );
    await expect(emulator.consent(url, { grantScopes: [] })).rejects.toThrow(/nothing to untick/);
  });
});

describe("consentForGrantedScopes: 'always'", () => {
  it('shows the consent page on every authorization (the emulator’s earlier behaviour); Deny still works', async () => {
    const emulator = await start({ consentForGrantedScopes: 'always' });
    const browser = emulator.browser();
    await authorize(emulator, browser);
    const second = await authorize(emulator, browser);
    expect(second.steps).toEqual(['chooser', 'consent']);
    expect(second.redirect.searchParams.get('prompt')).toBe('consent');
    expect(second.tokens.refresh_token).toBeUndefined();
    const url = oauthClient(emulator).generateAuthUrl({ scope: SIGN_IN_AND_GMAIL, state: 'd' });
    expect(new URL(await emulator.consent(url, { action: 'deny' })).searchParams.get('error')).toBe('access_denied');
  });
});

describe('refreshTokenOnReconsent on a second authorization without prompt=consent', () => {
  for (const consent of ['skip', 'always'] as const) {
    it(`'always' (installed-app doc) gives a new refresh token, consent ${consent === 'skip' ? 'skipped' : 'shown'}`, async () => {
      const emulator = await start({ refreshTokenOnReconsent: 'always', consentForGrantedScopes: consent });
      const browser = emulator.browser();
      const first = await authorize(emulator, browser);
      const second = await authorize(emulator, browser);
      expect(second.steps).toEqual(consent === 'skip' ? ['chooser'] : ['chooser', 'consent']);
      expect(second.tokens.refresh_token).toMatch(/^1\/\//);
      expect(second.tokens.refresh_token).not.toBe(first.tokens.refresh_token);
    });
  }

  it("'only-with-prompt-consent' (default, web-server doc) gives none for a web client either, even with access_type=offline", async () => {
    const emulator = await start({
      clients: [
        {
          clientId: 'web.apps.googleusercontent.com',
          clientSecret: 'GOCSPX-web',
          type: 'web',
          redirectUris: ['http://127.0.0.1:49152/oauth2callback'],
        },
      ],
    });
    const browser = emulator.browser();
    expect((await authorize(emulator, browser)).tokens.refresh_token).toMatch(/^1\/\//);
    const second = await authorize(emulator, browser);
    expect(second.steps).toEqual(['chooser']);
    expect(second.tokens.refresh_token).toBeUndefined();
  });
});
