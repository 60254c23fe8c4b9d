/**
 * The Electron glue of the network (electron/main/network.ts) with fakes: Electron's net.fetch cannot run
 * here (no Electron binary), so the glue is kept to these functions, driven with a fake ClientRequest; the bundled main process runs them
 * against a fake Electron in test/integration/packaging/main-bundle.test.ts.
 */
import { EventEmitter } from 'node:events';
import { Readable } from 'node:stream';
import { describe, expect, it, vi } from 'vitest';
import { exchangeCode } from '../../../electron/core/auth/google-identity.js';
import { createOAuthClient } from '../../../electron/core/auth/oauth-client.js';
import { OfflineError, ProxyFailedError } from '../../../electron/core/errors.js';
import { memoryLogger } from '../../../electron/core/logging.js';
import { NetworkActivityRecorder } from '../../../electron/core/net/network-activity.js';
import {
  firstProxyOf,
  googleFetch,
  recordWindowRequests,
  WINDOW_REQUEST_FILTER,
} from '../../../electron/main/network.js';
import { ProxySignIn } from '../../../electron/main/proxy-sign-in.js';
import type { ProxySignInRequest } from '../../../electron/shared/ipc-contract.js';

/** A fake of Electron's ClientRequest: records what was set and sent; the test plays Chromium's part. */
class FakeRequest extends EventEmitter {
  headers: Record<string, string> = {};
  body: Buffer | undefined;
  ended = false;
  aborted = false;
  constructor(readonly options: Record<string, unknown>) {
    super();
  }
  setHeader(name: string, value: string) {
    this.headers[name] = value;
  }
  end(body?: Buffer) {
    this.body = body;
    this.ended = true;
  }
  abort() {
    this.aborted = true;
  }
  /** Chromium's answer: a status, headers and a body. */
  respond(statusCode: number, text: string, headers: Record<string, string | string[]> = {}) {
    const response = Object.assign(Readable.from([Buffer.from(text)]), { statusCode, statusMessage: 'OK', headers });
    this.emit('response', response);
  }
}

const PROXY_CHALLENGE = { isProxy: true, scheme: 'basic', host: 'proxy.corp', port: 3128, realm: 'corp' };

function harness(options: { ask?: (request: ProxySignInRequest) => Promise<boolean>; pac?: string } = {}) {
  const requests: FakeRequest[] = [];
  const session = { resolveProxy: vi.fn(async () => options.pac ?? 'PROXY proxy.corp:3128; DIRECT') };
  const proxySignIn = new ProxySignIn({
    ask: options.ask ?? (async () => false),
    withdrawn: () => {},
    logger: memoryLogger(),
  });
  const fetch = googleFetch({
    session: session as never,
    request: (requestOptions) => {
      const request = new FakeRequest(requestOptions as Record<string, unknown>);
      requests.push(request);
      return request as never;
    },
    proxySignIn,
  });
  return { fetch, requests, session, proxySignIn };
}

describe('googleFetch', () => {
  it("sends on Glance's session with the request's method, headers and body, and hands back a standard Response", async () => {
    const { fetch, requests, session } = harness();
    const answer = fetch('https://oauth2.googleapis.com/token', {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'a=b',
    });
    await vi.waitFor(() => expect(requests[0]?.ended).toBe(true));
    const request = requests[0]!;
    expect(request.options).toMatchObject({ method: 'POST', url: 'https://oauth2.googleapis.com/token', session });
    expect(request.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(request.body?.toString()).toBe('a=b');
    request.respond(200, '{"ok":true}', { 'content-type': 'application/json', 'set-cookie': ['a', 'b'] });
    const response = await answer;
    expect(response).toBeInstanceOf(Response);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true });
  });

  it("answers a proxy's login with what the person typed, and the request goes on", async () => {
    let asked: ProxySignInRequest | undefined;
    const { fetch, requests, proxySignIn } = harness({
      ask: async (request) => {
        asked = request;
        return true;
      },
    });
    const answer = fetch('https://gmail.googleapis.com/gmail/v1/users/me/profile', { method: 'GET' });
    await vi.waitFor(() => expect(requests[0]?.ended).toBe(true));
    const callback = vi.fn();
    requests[0]!.emit('login', PROXY_CHALLENGE, callback);
    await vi.waitFor(() => expect(asked).toBeDefined());
    expect(asked).toMatchObject({ proxy: 'proxy.corp:3128', attempt: 1, rejected: false });
    proxySignIn.answer({ requestId: asked!.requestId, credentials: { username: 'sam', password: 'pw' } });
    await vi.waitFor(() => expect(callback).toHaveBeenCalledWith('sam', 'pw'));
    requests[0]!.respond(200, '{}');
    expect((await answer).status).toBe(200);
  });

  it('a 407 (the sign-in cancelled) is PROXY_FAILED naming the proxy that asked', async () => {
    const { fetch, requests } = harness();
    const answer = fetch('http://gmail.googleapis.com/x', { method: 'GET' });
    await vi.waitFor(() => expect(requests[0]?.ended).toBe(true));
    const callback = vi.fn();
    requests[0]!.emit('login', { ...PROXY_CHALLENGE, host: 'other.corp', port: 8080 }, callback);
    await vi.waitFor(() => expect(callback).toHaveBeenCalledWith());
    requests[0]!.respond(407, 'Proxy Authentication Required');
    const error = await answer.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProxyFailedError);
    expect(error).toMatchObject({ code: 'PROXY_FAILED', proxy: 'other.corp:8080', reason: 'HTTP 407' });
  });

  it.each([
    'net::ERR_PROXY_CONNECTION_FAILED',
    'net::ERR_TUNNEL_CONNECTION_FAILED',
    'net::ERR_PROXY_AUTH_UNSUPPORTED',
    'net::ERR_PROXY_CERTIFICATE_INVALID',
    'net::ERR_MANDATORY_PROXY_CONFIGURATION_FAILED',
  ])('%s is PROXY_FAILED naming the proxy the session uses for that URL', async (netError) => {
    const { fetch, requests, session } = harness({ pac: 'PROXY proxy.corp:3128; DIRECT' });
    const answer = fetch('https://gmail.googleapis.com/x', { method: 'GET' });
    await vi.waitFor(() => expect(requests[0]?.ended).toBe(true));
    requests[0]!.emit('error', new Error(netError));
    const error = await answer.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProxyFailedError);
    expect(error).toMatchObject({ proxy: 'proxy.corp:3128', reason: netError.slice(5) });
    expect(session.resolveProxy).toHaveBeenCalledWith('https://gmail.googleapis.com/x');
  });

  it('no answer fails as Node’s fetch fails (TypeError "fetch failed", Chromium’s name as its cause’s code)', async () => {
    const { fetch, requests } = harness();
    const answer = fetch('https://gmail.googleapis.com/x', { method: 'GET' });
    await vi.waitFor(() => expect(requests[0]?.ended).toBe(true));
    requests[0]!.emit('error', new Error('net::ERR_INTERNET_DISCONNECTED'));
    const error = await answer.catch((e: unknown) => e);
    expect(error).not.toBeInstanceOf(ProxyFailedError);
    expect(error).toBeInstanceOf(TypeError);
    expect(error).toMatchObject({
      message: 'fetch failed',
      cause: { message: 'net::ERR_INTERNET_DISCONNECTED', code: 'ERR_INTERNET_DISCONNECTED' },
    });

    const other = fetch('https://gmail.googleapis.com/y', { method: 'GET' });
    await vi.waitFor(() => expect(requests[1]?.ended).toBe(true));
    const strange = new Error('not a network error name');
    requests[1]!.emit('error', strange);
    await expect(other).rejects.toBe(strange);
  });

  it('a sign-in whose token request gets no answer says offline, not that Google refused it', async () => {
    const { fetch, requests } = harness({ pac: 'DIRECT' });
    const redirectUri = 'http://127.0.0.1:1/callback';
    const oauth = createOAuthClient(
      {
        clientId: 'client',
        endpoints: {
          authorize: 'https://accounts.google.com/o/oauth2/v2/auth',
          token: 'https://oauth2.googleapis.com/token',
          revoke: 'https://oauth2.googleapis.com/revoke',
          userinfo: 'https://openidconnect.googleapis.com/v1/userinfo',
          tokeninfo: 'https://oauth2.googleapis.com/tokeninfo',
        },
      },
      redirectUri,
      fetch,
    );
    let outcome: unknown = 'pending';
    void exchangeCode(oauth, { code: 'code', codeVerifier: 'v'.repeat(43), redirectUri }, memoryLogger()).then(
      () => (outcome = 'signed in'),
      (error: unknown) => (outcome = error),
    );
    // google-auth-library tries a token request that got no answer again: each try meets the same dead DNS.
    for (let tried = 0; outcome === 'pending'; tried++) {
      await vi.waitFor(() => expect(outcome !== 'pending' || requests[tried]?.ended === true).toBe(true), {
        timeout: 10_000,
      });
      if (outcome === 'pending') requests[tried]!.emit('error', new Error('net::ERR_NAME_NOT_RESOLVED'));
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
    expect(outcome).toBeInstanceOf(OfflineError);
  });

  it('an abort from the caller aborts the request', async () => {
    const { fetch, requests } = harness();
    const controller = new AbortController();
    const answer = fetch('https://gmail.googleapis.com/x', { method: 'GET', signal: controller.signal });
    await vi.waitFor(() => expect(requests[0]?.ended).toBe(true));
    controller.abort();
    await expect(answer).rejects.toMatchObject({ name: 'AbortError' });
    expect(requests[0]!.aborted).toBe(true);
  });

  it('an abort while the body is still coming stops the request and the body (sign-out mid-download)', async () => {
    const { fetch, requests } = harness();
    const controller = new AbortController();
    const answer = fetch('https://gmail.googleapis.com/x', { method: 'GET', signal: controller.signal });
    await vi.waitFor(() => expect(requests[0]?.ended).toBe(true));
    // Headers came; the body never ends on its own.
    const body = new Readable({ read() {} });
    body.push(Buffer.from('{"raw":"'));
    requests[0]!.emit('response', Object.assign(body, { statusCode: 200, statusMessage: 'OK', headers: {} }));
    const response = await answer;
    const reading = response.text();
    controller.abort();
    await expect(reading).rejects.toMatchObject({ name: 'AbortError' });
    expect(requests[0]!.aborted).toBe(true);
    expect(body.destroyed).toBe(true);
  });

  it('reads the first proxy of a PAC answer', () => {
    expect(firstProxyOf('PROXY proxy.corp:3128; DIRECT')).toBe('proxy.corp:3128');
    expect(firstProxyOf('DIRECT')).toBeNull();
    expect(firstProxyOf('HTTPS secure.corp:443')).toBe('secure.corp:443');
    expect(firstProxyOf('SOCKS5 socks.corp:1080; PROXY b:1')).toBe('socks.corp:1080');
  });
});

describe('recordWindowRequests', () => {
  it("counts the window's web requests, but not the app's own page", () => {
    let listener: ((details: { url: string }) => void) | undefined;
    const onSendHeaders = vi.fn((filter: unknown, callback: (details: { url: string }) => void) => {
      expect(filter).toEqual(WINDOW_REQUEST_FILTER);
      listener = callback;
    });
    const activity = new NetworkActivityRecorder({ now: () => 5 });
    const devServer = 'http://localhost:5173';
    recordWindowRequests({ webRequest: { onSendHeaders } } as never, activity, (url) => url.startsWith(devServer));
    listener?.({ url: `${devServer}/src/main.tsx` });
    listener?.({ url: 'https://images.example.net/a.png' });
    listener?.({ url: 'https://images.example.net/b.png' });
    expect(activity.report().hosts).toEqual([{ host: 'images.example.net', via: 'window', requests: 2, lastAt: 5 }]);
  });
});
