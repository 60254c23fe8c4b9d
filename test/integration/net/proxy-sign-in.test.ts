/**
 * Behind a company proxy: the whole core signs in and reads the first page with HTTP(S)_PROXY set, and every
 * request Glance sends to Google (the emulator stands in) — token endpoint, userinfo, Gmail REST and batch —
 * arrives through the proxy's tunnels. The consent pages are the person's browser, not Glance: they go direct.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { GlanceCore } from '../../../electron/core/app-core.js';
import { nodeFetch, type NodeFetch } from '../../../electron/core/net/node-fetch.js';
import { startGoogleEmulator, type GoogleEmulator } from '../../../electron/google-emulator/index.js';
import { signInOnEmulator } from '../core/signed-in-core.js';
import { startConnectProxy, type ConnectProxy } from './connect-proxy.js';

let core: GlanceCore | null = null;
let emulator: GoogleEmulator | null = null;
let proxy: ConnectProxy | null = null;
let network: NodeFetch | null = null;
let dataDir = '';

afterEach(async () => {
  await core?.dispose();
  await network?.close();
  await proxy?.close();
  await emulator?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
  core = emulator = proxy = network = null;
});

/** The emulator's pages for the person's browser (chooser, sign-in, consent): not Glance's requests. */
const BROWSER_PAGE = /^\/(o\/oauth2\/(v2\/)?(auth|signin|account|consent)|AddSession|ListAccounts|Logout)$/;

async function signInAndReadFirstPage(env: Record<string, string>) {
  emulator = await startGoogleEmulator({ users: [{ email: 'alex@example.com', name: 'Alex', unread: 80 }] });
  proxy = await startConnectProxy();
  network = nodeFetch(
    Object.fromEntries(Object.entries(env).map(([name, value]) => [name, value.replace('PROXY', proxy!.url)])),
  );
  dataDir = await mkdtemp(join(tmpdir(), 'glance-proxy-'));
  const signedIn = await signInOnEmulator(emulator, ['alex@example.com'], { dataDir, fetch: network.fetch });
  core = signedIn.core;
  const page = await core.mail.list({ accountId: signedIn.accountIds[0]!, scope: 'unread' });
  expect(page.messages).toHaveLength(50);
  const glanceRequests = () =>
    emulator!.requestLog
      .filter((entry) => entry.kind !== 'batch-part' && !BROWSER_PAGE.test(entry.path))
      .map((entry) => `${entry.method} ${entry.path}`)
      .sort();
  const proxied = () => proxy!.requests.map((request) => `${request.method} ${request.path}`).sort();
  return { glanceRequests, proxied };
}

describe('behind a CONNECT proxy', () => {
  it('sign-in and the first page: every request to Google went through the proxy', async () => {
    const requests = await signInAndReadFirstPage({ HTTP_PROXY: 'PROXY', HTTPS_PROXY: 'PROXY' });
    // Compared once a request in flight (a sync going on in the background) has reached both ends.
    await vi.waitFor(() => expect(requests.proxied()).toEqual(requests.glanceRequests()));
    const proxied = requests.proxied();
    expect(proxied).toContain('POST /token');
    expect(proxied.some((request) => /^GET \/(oauth2\/v[123]\/|v1\/)userinfo$/.test(request))).toBe(true);
    expect(proxied.some((request) => /^GET \/gmail\/v1\/users\/me\/messages$/.test(request))).toBe(true);
    expect(proxied).toContain('POST /batch/gmail/v1');
    expect(new Set(proxy!.tunnels)).toEqual(new Set([new URL(emulator!.endpoints.token).host]));
    expect(proxy!.refused).toEqual([]);
    // Help → Network activity counts the same requests, under Google's (here the emulator's) host.
    const activity = core!.network.activity();
    expect(activity.hosts).toEqual([
      expect.objectContaining({
        host: new URL(emulator!.endpoints.token).host,
        via: 'glance',
        requests: proxied.length,
      }),
    ]);
  });

  it('NO_PROXY: a host it names is reached directly', async () => {
    const { glanceRequests, proxied } = await signInAndReadFirstPage({
      HTTP_PROXY: 'PROXY',
      NO_PROXY: 'localhost,127.0.0.1',
    });
    expect(glanceRequests().length).toBeGreaterThan(4);
    expect(proxied()).toEqual([]);
    expect(proxy!.tunnels).toEqual([]);
  });
});
