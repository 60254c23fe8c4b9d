import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  assertGmailScope,
  exchangeCode,
  fetchUserInfo,
  grantedScopeOf,
  isAuthFailure,
  probeRefreshToken,
  resolveRefreshToken,
} from '../../../../electron/core/auth/google-identity.js';
import { GMAIL_SCOPE, createOAuthClient } from '../../../../electron/core/auth/oauth-client.js';
import {
  CodeExchangeError,
  NeedsSignInError,
  NoRefreshTokenError,
  NoUserIdError,
  OfflineError,
  ScopeMissingError,
} from '../../../../electron/core/errors.js';
import { memoryLogger } from '../../../../electron/core/logging.js';
import { nodeFetch } from '../../../../electron/core/net/node-fetch.js';
import { KEYCHAIN_SERVICE, memorySecretStore } from '../../../../electron/core/keychain/secret-store.js';
import { tryConnect } from './http-helpers.js';

// A scripted token/userinfo server: each test sets the next answer. (The full Google behaviour is in the
// emulator and covered by test/integration/auth.)
let server: Server;
let origin: string;
let next: { status: number; body: unknown } = { status: 200, body: {} };
const seen: Array<{ path: string; body: string; authorization: string | undefined }> = [];
/** Glance's fetch port in Node (no proxy in the environment). */
const port = nodeFetch({});

beforeAll(async () => {
  server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      seen.push({ path: req.url ?? '', body, authorization: req.headers.authorization });
      res.writeHead(next.status, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(next.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await port.close();
});

function client() {
  return createOAuthClient({
    clientId: 'cid',
    clientSecret: 'csecret',
    endpoints: {
      authorize: `${origin}/auth`,
      token: `${origin}/token`,
      revoke: `${origin}/revoke`,
      userinfo: `${origin}/userinfo`,
      tokeninfo: `${origin}/tokeninfo`,
    },
  });
}

const input = { code: '4/0secret-code', codeVerifier: 'v'.repeat(64), redirectUri: 'http://127.0.0.1:1/cb' };

describe('exchangeCode (seed: exchange_code)', () => {
  it('sends the code, the PKCE verifier and the redirect URI, and returns the tokens', async () => {
    next = {
      status: 200,
      body: {
        access_token: 'ya29.a',
        expires_in: 3599,
        token_type: 'Bearer',
        scope: GMAIL_SCOPE,
        refresh_token: '1//r',
      },
    };
    seen.length = 0;
    const tokens = await exchangeCode(client(), input, memoryLogger());
    expect(tokens.access_token).toBe('ya29.a');
    expect(tokens.refresh_token).toBe('1//r');
    const form = new URLSearchParams(seen[0]?.body);
    expect(form.get('code')).toBe(input.code);
    expect(form.get('code_verifier')).toBe(input.codeVerifier);
    expect(form.get('redirect_uri')).toBe(input.redirectUri);
    expect(form.get('grant_type')).toBe('authorization_code');
  });

  it('turns Google’s refusal into CodeExchangeError without the code in message or log', async () => {
    next = { status: 400, body: { error: 'invalid_grant', error_description: 'Invalid code verifier.' } };
    const logger = memoryLogger();
    const error = await exchangeCode(client(), input, logger).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CodeExchangeError);
    expect((error as Error).message).not.toContain('0secret-code');
    expect(logger.lines.join('\n')).toContain('invalid_grant');
    expect(logger.lines.join('\n')).not.toContain('secret-code');
  });

  it('treats a 200 without an access token as a failed exchange', async () => {
    next = { status: 200, body: { token_type: 'Bearer' } };
    await expect(exchangeCode(client(), input, memoryLogger())).rejects.toBeInstanceOf(CodeExchangeError);
  });

  it.each([
    ['the library’s own fetch', () => undefined],
    ['Glance’s Node fetch port (its error: TypeError "fetch failed" with the socket’s as its cause)', () => port.fetch],
  ])('reports an unreachable token endpoint as offline, through %s', async (_through, fetchPort) => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const closedPort = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    expect(await tryConnect(closedPort)).toBe('ECONNREFUSED');
    const unreachable = createOAuthClient(
      {
        clientId: 'c',
        endpoints: {
          authorize: '',
          token: `http://127.0.0.1:${closedPort}/token`,
          revoke: '',
          userinfo: '',
          tokeninfo: '',
        },
      },
      undefined,
      fetchPort(),
    );
    // google-auth-library retries token POSTs on network errors; the outcome is still Offline.
    await expect(exchangeCode(unreachable, input, memoryLogger())).rejects.toBeInstanceOf(OfflineError);
  });
});

describe('scopes', () => {
  it('uses the token response’s scope, or asks tokeninfo when it is absent', async () => {
    expect(await grantedScopeOf(client(), { access_token: 'ya29.a', scope: 'openid' })).toBe('openid');
    next = { status: 200, body: { scope: `openid ${GMAIL_SCOPE}`, expires_in: '3500', aud: 'cid' } };
    seen.length = 0;
    expect(await grantedScopeOf(client(), { access_token: 'ya29.b' })).toBe(`openid ${GMAIL_SCOPE}`);
    expect(seen[0]?.path).toBe('/tokeninfo');
    expect(seen[0]?.authorization).toBe('Bearer ya29.b');
  });

  it('throws ScopeMissingError with the wording the UI shows', () => {
    expect(() => assertGmailScope(`openid ${GMAIL_SCOPE}`)).not.toThrow();
    expect(() => assertGmailScope('openid email')).toThrow(ScopeMissingError);
    expect(() => assertGmailScope('openid email')).toThrow(
      'Glance needs permission to read your mail — sign in again and tick the Gmail box.',
    );
  });
});

describe('fetchUserInfo (seed: get_user_info)', () => {
  it('reads id, email, name and picture with the bearer token', async () => {
    next = {
      status: 200,
      body: {
        id: '1234',
        email: 'a@example.com',
        verified_email: true,
        name: 'A B',
        picture: 'https://example.com/p.png',
      },
    };
    seen.length = 0;
    expect(await fetchUserInfo(client(), `${origin}/userinfo`, 'ya29.u', memoryLogger())).toEqual({
      id: '1234',
      email: 'a@example.com',
      name: 'A B',
      pictureUrl: 'https://example.com/p.png',
    });
    expect(seen[0]?.authorization).toBe('Bearer ya29.u');
  });

  it('throws NoUserIdError without an id, or when userinfo fails', async () => {
    next = { status: 200, body: { email: 'a@example.com' } };
    await expect(fetchUserInfo(client(), `${origin}/userinfo`, 'ya29.u', memoryLogger())).rejects.toBeInstanceOf(
      NoUserIdError,
    );
    next = {
      status: 401,
      body: {
        error: { code: 401, message: 'Request had invalid authentication credentials.', status: 'UNAUTHENTICATED' },
      },
    };
    await expect(fetchUserInfo(client(), `${origin}/userinfo`, 'ya29.u', memoryLogger())).rejects.toBeInstanceOf(
      NoUserIdError,
    );
  });

  it('falls back to the email for a missing name and drops a non-http picture', async () => {
    next = { status: 200, body: { id: '9', email: 'z@example.com', picture: 'javascript:alert(1)' } };
    expect(await fetchUserInfo(client(), `${origin}/userinfo`, 'ya29.u', memoryLogger())).toEqual({
      id: '9',
      email: 'z@example.com',
      name: 'z@example.com',
      pictureUrl: null,
    });
  });
});

describe('resolveRefreshToken (seed: get_credentials)', () => {
  const user = { id: '42', email: 'a@example.com', name: 'A', pictureUrl: null };

  it('stores a new refresh token under the Google user id', async () => {
    const secretStore = memorySecretStore();
    expect(await resolveRefreshToken({ newRefreshToken: '1//new', user, secretStore })).toEqual({
      refreshToken: '1//new',
      source: 'new',
    });
    expect(await secretStore.get(KEYCHAIN_SERVICE, '42')).toBe('1//new');
  });

  it('uses the stored one when Google returns none', async () => {
    const secretStore = memorySecretStore({ '42': '1//old' });
    expect(await resolveRefreshToken({ newRefreshToken: undefined, user, secretStore })).toEqual({
      refreshToken: '1//old',
      source: 'stored',
    });
  });

  it('never brings back the stored token Google already refused: NoRefreshTokenError, and the keychain is left alone', async () => {
    const secretStore = memorySecretStore({ '42': '1//dead' });
    const error = await resolveRefreshToken({
      newRefreshToken: undefined,
      user,
      secretStore,
      refusedRefreshToken: '1//dead',
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NoRefreshTokenError);
    expect((error as NoRefreshTokenError).loginHint).toBe('a@example.com');
    expect(await secretStore.get(KEYCHAIN_SERVICE, '42')).toBe('1//dead');
    // A different stored token (saved since Google refused the old one) is still used.
    await secretStore.set(KEYCHAIN_SERVICE, '42', '1//newer');
    expect(
      await resolveRefreshToken({ newRefreshToken: '', user, secretStore, refusedRefreshToken: '1//dead' }),
    ).toEqual({ refreshToken: '1//newer', source: 'stored' });
    expect(await secretStore.get(KEYCHAIN_SERVICE, '42')).toBe('1//newer');
  });

  it('throws NoRefreshTokenError carrying the email as login hint when none is stored', async () => {
    const error = await resolveRefreshToken({ newRefreshToken: null, user, secretStore: memorySecretStore() }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(NoRefreshTokenError);
    expect((error as NoRefreshTokenError).loginHint).toBe('a@example.com');
    expect((error as NoRefreshTokenError).code).toBe('NO_REFRESH_TOKEN');
  });
});

describe('probeRefreshToken', () => {
  it('refreshes once with the stored token: alive on 200, refused only on invalid_grant, unknown otherwise', async () => {
    seen.length = 0;
    next = { status: 200, body: { access_token: 'ya29.p', expires_in: 3599, token_type: 'Bearer' } };
    expect(await probeRefreshToken(client(), '1//stored')).toBe('alive');
    expect(seen).toHaveLength(1);
    expect(new URLSearchParams(seen[0]!.body).get('grant_type')).toBe('refresh_token');
    expect(new URLSearchParams(seen[0]!.body).get('refresh_token')).toBe('1//stored');

    next = { status: 400, body: { error: 'invalid_grant', error_description: 'Token has been expired or revoked.' } };
    expect(await probeRefreshToken(client(), '1//stored')).toBe('refused');

    // A Google outage says nothing about the token: the caller keeps it.
    next = { status: 503, body: { error: 'backend_error' } };
    expect(await probeRefreshToken(client(), '1//stored')).toBe('unknown');
    next = { status: 401, body: { error: 'invalid_client', error_description: 'Unauthorized' } };
    expect(await probeRefreshToken(client(), '1//stored')).toBe('unknown');
  });
});

describe('isAuthFailure', () => {
  it('recognises invalid_grant, a 401 and NeedsSignInError — nothing else', () => {
    expect(
      isAuthFailure({
        message: 'invalid_grant',
        status: 400,
        response: {
          status: 400,
          data: { error: 'invalid_grant', error_description: 'Token has been expired or revoked.' },
        },
      }),
    ).toBe(true);
    expect(isAuthFailure({ status: 401, response: { status: 401, data: { error: { code: 401 } } } })).toBe(true);
    expect(isAuthFailure(new NeedsSignInError('1'))).toBe(true);
    expect(isAuthFailure({ status: 403, response: { status: 403, data: { error: { code: 403 } } } })).toBe(false);
    expect(isAuthFailure({ status: 400, response: { status: 400, data: { error: 'invalid_request' } } })).toBe(false);
    expect(isAuthFailure(new Error('socket hang up'))).toBe(false);
    expect(isAuthFailure(null)).toBe(false);
  });
});
