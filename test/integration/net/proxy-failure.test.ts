/**
 * A proxy that refuses (407 without a sign-in Glance can give, 403) or cannot be reached is not "You are
 * offline": Node's fetch port throws ProxyFailedError naming the proxy, and the core's answer to the window is
 * PROXY_FAILED with that proxy, while a host reached directly (NO_PROXY) that is down stays an ordinary failure.
 */
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { GlanceCore } from '../../../electron/core/app-core.js';
import { ProxyFailedError } from '../../../electron/core/errors.js';
import { nodeFetch, proxyFor, type NodeFetch } from '../../../electron/core/net/node-fetch.js';
import type { HttpFetch } from '../../../electron/core/ports.js';
import { startGoogleEmulator, type GoogleEmulator } from '../../../electron/google-emulator/index.js';
import { signInOnEmulator } from '../core/signed-in-core.js';
import { startConnectProxy, type ConnectProxy } from './connect-proxy.js';

let proxy: ConnectProxy | null = null;
let networks: NodeFetch[] = [];
let emulator: GoogleEmulator | null = null;
let core: GlanceCore | null = null;
let dataDir = '';

afterEach(async () => {
  await core?.dispose();
  for (const network of networks) await network.close();
  await proxy?.close();
  await emulator?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
  core = emulator = proxy = null;
  networks = [];
  dataDir = '';
});

/** A port nothing listens on: bound, then closed again. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function network(env: Record<string, string>): NodeFetch {
  const made = nodeFetch(env);
  networks.push(made);
  return made;
}

describe('a proxy that refuses or cannot be reached (Node)', () => {
  it('a proxy nobody answers at: ProxyFailedError naming it', async () => {
    const port = await closedPort();
    const error = await network({ HTTPS_PROXY: `http://127.0.0.1:${port}` })
      .fetch('https://oauth2.googleapis.com/token', { method: 'POST', body: 'a=b' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProxyFailedError);
    expect(error).toMatchObject({ code: 'PROXY_FAILED', proxy: `127.0.0.1:${port}`, reason: 'ECONNREFUSED' });
    expect((error as Error).message).toContain(`127.0.0.1:${port}`);
    expect((error as Error).message).toMatch(/proxy settings.*IT department/);
  });

  it.each([407, 403])('a proxy that answers CONNECT with %i: ProxyFailedError naming it', async (status) => {
    proxy = await startConnectProxy({ refuseTunnelsWith: status });
    const error = await network({ HTTP_PROXY: proxy.url })
      .fetch('http://gmail.googleapis.com/gmail/v1/users/me/profile', { method: 'GET' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProxyFailedError);
    expect(error).toMatchObject({ proxy: new URL(proxy.url).host, reason: `HTTP ${status}` });
    expect(proxy.tunnels).toEqual(['gmail.googleapis.com:80']);
  });

  it('a host NO_PROXY sends direct that is down: an ordinary failure, not the proxy’s', async () => {
    const port = await closedPort();
    const error = await network({ HTTP_PROXY: 'http://proxy.invalid:3128', NO_PROXY: '127.0.0.1' })
      .fetch(`http://127.0.0.1:${port}/token`, { method: 'GET' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(ProxyFailedError);
  });

  it('names the proxy undici uses for a URL, with NO_PROXY as undici reads it', () => {
    const settings = {
      httpProxy: 'http://proxy.corp:3128',
      httpsProxy: 'https://secure.corp',
      noProxy: '.intra, db:5432',
    };
    expect(proxyFor('https://gmail.googleapis.com/x', settings)).toBe('secure.corp:443');
    expect(proxyFor('http://gmail.googleapis.com/x', settings)).toBe('proxy.corp:3128');
    expect(proxyFor('http://mail.intra/x', settings)).toBeNull();
    expect(proxyFor('http://db:5432/x', settings)).toBeNull();
    expect(proxyFor('http://db:80/x', settings)).toBe('proxy.corp:3128');
    expect(proxyFor('http://a/x', { ...settings, noProxy: '*' })).toBeNull();
    expect(proxyFor('http://a/x', { httpProxy: '', httpsProxy: '', noProxy: '' })).toBeNull();
  });

  it("the core: the list's answer is PROXY_FAILED naming the proxy, and the account's state says so (not offline)", async () => {
    emulator = await startGoogleEmulator({ users: [{ email: 'alex@example.com', name: 'Alex', unread: 5 }] });
    dataDir = await mkdtemp(join(tmpdir(), 'glance-proxy-failure-'));
    // Signed in directly; then the network changes to one whose proxy refuses every tunnel.
    const direct = network({});
    proxy = await startConnectProxy({ refuseTunnelsWith: 403 });
    const refusing = network({ HTTP_PROXY: proxy.url, HTTPS_PROXY: proxy.url });
    let current: HttpFetch = direct.fetch;
    const switchable: HttpFetch = (url, init) => current(url, init);
    const signedIn = await signInOnEmulator(emulator, ['alex@example.com'], { dataDir, fetch: switchable });
    core = signedIn.core;
    const accountId = signedIn.accountIds[0]!;
    current = refusing.fetch;
    emulator.expireAccessTokens('alex@example.com');
    const answer = await core.dispatch('messages:list', [{ accountId, scope: 'all', query: 'from:sam' }]);
    expect(answer).toEqual({
      ok: false,
      error: expect.objectContaining({ code: 'PROXY_FAILED', proxy: new URL(proxy.url).host }),
    });
    await core.mail.syncNow(accountId).catch(() => undefined);
    const sync = core.mail.mailboxes().find((mailbox) => mailbox.accountId === accountId)?.sync;
    expect(sync?.status).toBe('error');
    expect(sync?.message).toContain(new URL(proxy.url).host);
    expect(proxy.tunnels.length).toBeGreaterThan(0);
  });
});
