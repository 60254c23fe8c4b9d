// The switchable behaviours where Google's real behaviour is unsourced (GOOGLE-BEHAVIOUR.md §11), both ways.
import { afterEach, describe, expect, it } from 'vitest';
import {
  startGoogleEmulator,
  type EmulatorOptions,
  type GoogleEmulator,
} from '../../../electron/google-emulator/index.js';
import { authedFetch, GMAIL_METADATA, GMAIL_MODIFY, REDIRECT_URI, signIn, statusOf } from './helpers.js';

const running: GoogleEmulator[] = [];
async function start(options: EmulatorOptions = {}): Promise<GoogleEmulator> {
  const emulator = await startGoogleEmulator({
    users: [{ email: 'alex@example.com', name: 'Alex Rivera', unread: 5, read: 5 }],
    ...options,
  });
  running.push(emulator);
  return emulator;
}
afterEach(async () => {
  await Promise.all(running.splice(0).map((emulator) => emulator.close()));
});

describe('emulator options for unsourced behaviour', () => {
  it('batchModifyStatus: 204 by default, 200 with an empty body when asked', async () => {
    for (const [option, expected] of [
      [undefined, 204],
      [200, 200],
    ] as const) {
      const emulator = await start(option ? { batchModifyStatus: option } : {});
      const alex = await signIn(emulator);
      const id = emulator.mailbox('alex@example.com').list()[0]?.id ?? '';
      const response = await authedFetch(
        `${emulator.endpoints.gmailRootUrl}gmail/v1/users/me/messages/batchModify`,
        alex.tokens.access_token ?? '',
        {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ ids: [id], addLabelIds: ['STARRED'] }),
        },
      );
      expect(response.status).toBe(expected);
      expect(await response.text()).toBe('');
    }
  });

  it("maxResultsOver500: 'clamp' (default) vs 'error' → 400", async () => {
    const strict = await start({ maxResultsOver500: 'error' });
    const alex = await signIn(strict);
    const error = await alex.gmail.users.messages
      .list({ userId: 'me', maxResults: 501 })
      .catch((caught: unknown) => caught);
    expect(statusOf(error)).toBe(400);
    expect((await alex.gmail.users.messages.list({ userId: 'me', maxResults: 500 })).data.messages).toHaveLength(10);
  });

  it('retryAfterHeader and rateLimitStatus: 403 with a Retry-After header when asked', async () => {
    let now = Date.UTC(2026, 0, 1);
    const emulator = await start({
      quota: { unitsPerUserPerMinute: 5 },
      retryAfterHeader: true,
      rateLimitStatus: 403,
      clock: { now: () => now },
    });
    const alex = await signIn(emulator);
    const url = `${emulator.endpoints.gmailRootUrl}gmail/v1/users/me/messages`;
    expect((await authedFetch(url, alex.tokens.access_token ?? '')).status).toBe(200);
    now += 20_000;
    const limited = await authedFetch(url, alex.tokens.access_token ?? '');
    expect(limited.status).toBe(403);
    expect(limited.headers.get('retry-after')).toBe('40');
    const body = (await limited.json()) as { error: { message: string; status: string } };
    expect(body.error.message).toBe(
      `User-rate limit exceeded.  Retry after ${new Date(Date.UTC(2026, 0, 1) + 60_000).toISOString()}`,
    );
    expect(body.error.status).toBe('PERMISSION_DENIED');
    now += 40_001;
    expect((await authedFetch(url, alex.tokens.access_token ?? '')).status).toBe(200);
  });

  it('quota: false never throttles', async () => {
    const emulator = await start({ quota: false });
    const alex = await signIn(emulator);
    for (let index = 0; index < 5; index++) {
      await alex.gmail.users.messages.batchModify({
        userId: 'me',
        requestBody: { ids: [emulator.mailbox('alex@example.com').list()[0]?.id ?? ''], addLabelIds: ['STARRED'] },
      });
    }
    emulator.setQuota({ unitsPerUserPerMinute: 1 });
    const error = await alex.gmail.users.messages
      .batchModify({ userId: 'me', requestBody: { ids: ['1'], addLabelIds: ['STARRED'] } })
      .catch((caught: unknown) => caught);
    expect(statusOf(error)).toBe(429);
  });

  it("loopbackRedirectPaths: 'root-only' refuses a loopback redirect with a path", async () => {
    const emulator = await start({ loopbackRedirectPaths: 'root-only' });
    const url = new URL(emulator.endpoints.authorize);
    for (const [name, value] of Object.entries({
      client_id: emulator.defaultClient.clientId,
      response_type: 'code',
      scope: GMAIL_MODIFY,
      redirect_uri: REDIRECT_URI,
    }))
      url.searchParams.set(name, value);
    await expect(emulator.consent(url.toString())).rejects.toThrow(/redirect_uri_mismatch/);
    url.searchParams.set('redirect_uri', 'http://127.0.0.1:49152');
    expect(await emulator.consent(url.toString())).toMatch(/^http:\/\/127\.0\.0\.1:49152\/\?code=/);
  });

  it('grantScopes: the default ticks on the consent page', async () => {
    const emulator = await start({
      grantScopes: (requested) => requested.filter((scope) => !scope.endsWith('gmail.modify')),
    });
    const alex = await signIn(emulator, { scopes: ['openid', 'email', GMAIL_MODIFY] });
    expect(alex.tokens.scope?.split(' ').sort()).toEqual(['https://www.googleapis.com/auth/userinfo.email', 'openid']);
  });

  it('web clients get a refresh token only with access_type=offline; metadata-only tokens may not read full bodies', async () => {
    const emulator = await start({
      clients: [
        {
          clientId: 'web.apps.googleusercontent.com',
          clientSecret: 's',
          type: 'web',
          redirectUris: ['https://app.example/cb'],
        },
      ],
    });
    const codeFor = async (accessType: string) => {
      const url = new URL(emulator.endpoints.authorize);
      for (const [name, value] of Object.entries({
        client_id: 'web.apps.googleusercontent.com',
        response_type: 'code',
        scope: GMAIL_METADATA,
        redirect_uri: 'https://app.example/cb',
        access_type: accessType,
        prompt: 'consent',
      }))
        url.searchParams.set(name, value);
      return new URL(await emulator.consent(url.toString())).searchParams.get('code') ?? '';
    };
    const exchange = async (code: string) =>
      (await (
        await fetch(emulator.endpoints.token, {
          method: 'POST',
          headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({
            client_id: 'web.apps.googleusercontent.com',
            client_secret: 's',
            code,
            grant_type: 'authorization_code',
            redirect_uri: 'https://app.example/cb',
          }),
        })
      ).json()) as Record<string, string>;
    expect((await exchange(await codeFor('online'))).refresh_token).toBeUndefined();
    const offline = await exchange(await codeFor('offline'));
    expect(offline.refresh_token).toMatch(/^1\/\//);
    const id = emulator.mailbox('alex@example.com').list()[0]?.id ?? '';
    const full = await authedFetch(
      `${emulator.endpoints.gmailRootUrl}gmail/v1/users/me/messages/${id}`,
      offline.access_token ?? '',
    );
    expect(full.status).toBe(403);
    const metadata = await authedFetch(
      `${emulator.endpoints.gmailRootUrl}gmail/v1/users/me/messages/${id}?format=metadata`,
      offline.access_token ?? '',
    );
    expect(metadata.status).toBe(200);
    expect(() => emulator.clientSecretsJson('installed')).toThrow(/No installed OAuth client/);
    expect(emulator.clientSecretsJson('web')).toMatchObject({
      web: {
        client_id: 'web.apps.googleusercontent.com',
        redirect_uris: ['https://app.example/cb'],
        token_uri: emulator.endpoints.token,
      },
    });
  });

  it('refuses bad options with a message naming the option', async () => {
    await expect(startGoogleEmulator({ users: [] })).rejects.toThrow(/option users: give at least one user/);
    await expect(startGoogleEmulator({ users: [{ email: 'not-an-email', name: 'X' }] })).rejects.toThrow(
      /option users\.0\.email/,
    );
    await expect(startGoogleEmulator({ users: [{ email: 'a@example.com', name: 'A', unread: -1 }] })).rejects.toThrow(
      /users\.0\.unread/,
    );
    await expect(startGoogleEmulator({ clients: [{ clientId: 'w', clientSecret: 's', type: 'web' }] })).rejects.toThrow(
      /web clients need redirectUris/,
    );
    await expect(startGoogleEmulator({ latencyMs: -5 })).rejects.toThrow(/option latencyMs/);
    // A typo in a behaviour switch must not silently fall back to the default.
    await expect(startGoogleEmulator({ consentForGrantedScopes: 'never' as unknown as 'skip' })).rejects.toThrow(
      /option consentForGrantedScopes: .*"skip"\|"always"/,
    );
    await expect(startGoogleEmulator({ refreshTokenOnReconsent: 'sometimes' as unknown as 'always' })).rejects.toThrow(
      /option refreshTokenOnReconsent/,
    );
  });

  it('answers a bad modify body with 400 invalidArgument naming the field', async () => {
    const emulator = await start();
    const alex = await signIn(emulator);
    const id = emulator.mailbox('alex@example.com').list()[0]?.id ?? '';
    const post = (path: string, body: string) =>
      authedFetch(
        `${emulator.endpoints.gmailRootUrl}gmail/v1/users/me/messages/${path}`,
        alex.tokens.access_token ?? '',
        { method: 'POST', headers: { 'Content-Type': 'application/json' }, body },
      );
    const notJson = await post(`${id}/modify`, '{oops');
    expect(notJson.status).toBe(400);
    expect(((await notJson.json()) as { error: { message: string } }).error.message).toBe(
      'Invalid JSON payload received.',
    );
    const wrongType = await post(`${id}/modify`, JSON.stringify({ addLabelIds: 'STARRED' }));
    expect(((await wrongType.json()) as { error: { message: string } }).error.message).toMatch(
      /^Invalid value at 'addLabelIds'/,
    );
    const empty = await post('batchModify', JSON.stringify({ ids: [] }));
    expect(((await empty.json()) as { error: { message: string } }).error.message).toBe(
      "Invalid value at 'ids': give at least one id",
    );
  });
});
