/**
 * Which network stack Google's client libraries use: every OAuth2Client Glance makes sends through the fetch
 * port it is given (token endpoint, userinfo, revocation), and so does the Gmail client built on it.
 */
import { gmail } from '@googleapis/gmail';
import { describe, expect, it } from 'vitest';
import { createOAuthClient } from '../../../../electron/core/auth/oauth-client.js';
import { gaxiosFetchOver } from '../../../../electron/core/net/google-fetch.js';
import type { HttpFetch } from '../../../../electron/core/ports.js';

const CONFIG = {
  clientId: 'client-id.apps.googleusercontent.com',
  clientSecret: 'not-secret',
  endpoints: {
    authorize: 'https://accounts.example.test/o/oauth2/v2/auth',
    token: 'https://oauth2.example.test/token',
    revoke: 'https://oauth2.example.test/revoke',
    userinfo: 'https://openidconnect.example.test/v1/userinfo',
    tokeninfo: 'https://oauth2.example.test/tokeninfo',
  },
};

function fakePort() {
  const sent: Array<{ url: string; init: RequestInit }> = [];
  const port: HttpFetch = async (url, init) => {
    sent.push({ url, init });
    if (url.endsWith('/token'))
      return Response.json({ access_token: 'ya29.fake', expires_in: 3599, token_type: 'Bearer' });
    return Response.json({ messages: [], resultSizeEstimate: 0 });
  };
  return { port, sent };
}

describe('gaxiosFetchOver', () => {
  it('hands the port only the fields of a standard fetch, with the URL as a string', async () => {
    const { port, sent } = fakePort();
    const signal = new AbortController().signal;
    await gaxiosFetchOver(port)(new URL('https://gmail.example.test/x?y=1'), {
      method: 'POST',
      headers: { 'Content-Type': 'text/plain' },
      body: 'hello',
      signal,
      // What gaxios also puts in its options: none of it may reach Electron's fetch.
      ...({ retryConfig: { retry: 3 }, agent: {}, responseType: 'json', url: 'https://elsewhere.test/' } as object),
    });
    expect(sent).toHaveLength(1);
    const [{ url, init }] = sent as [{ url: string; init: RequestInit }];
    expect(url).toBe('https://gmail.example.test/x?y=1');
    expect(Object.keys(init).sort()).toEqual(['body', 'headers', 'method', 'signal']);
    expect(init.method).toBe('POST');
    expect(new Headers(init.headers).get('content-type')).toBe('text/plain');
    expect(init.signal).toBe(signal);
  });
});

describe('createOAuthClient with a fetch port', () => {
  it('sends the token refresh and Gmail calls through the port', async () => {
    const { port, sent } = fakePort();
    const client = createOAuthClient(CONFIG, undefined, port);
    client.setCredentials({ refresh_token: '1//refresh' });
    await client.refreshAccessToken();
    await gmail({ version: 'v1', auth: client, rootUrl: 'https://gmail.example.test/' }).users.messages.list({
      userId: 'me',
    });
    expect(sent.map(({ url, init }) => `${init.method} ${url.split('?')[0]}`)).toEqual([
      'POST https://oauth2.example.test/token',
      'GET https://gmail.example.test/gmail/v1/users/me/messages',
    ]);
    expect(new Headers(sent[1]?.init.headers).get('authorization')).toBe('Bearer ya29.fake');
  });

  it('without a port (tests that talk to the emulator directly) leaves gaxios its own fetch', () => {
    const client = createOAuthClient(CONFIG);
    expect(client.transporter.defaults.fetchImplementation).toBeUndefined();
  });
});
