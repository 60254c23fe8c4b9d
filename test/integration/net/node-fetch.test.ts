/**
 * Node's fetch port (electron/core/net/node-fetch.ts) with a real CONNECT proxy and a real server: the
 * proxy variables decide, per host, whether a request goes through the proxy or straight to the host.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { nodeFetch, type NodeFetch } from '../../../electron/core/net/node-fetch.js';
import { startConnectProxy, type ConnectProxy } from './connect-proxy.js';

let proxy: ConnectProxy;
let target: Server;
let targetOrigin = '';
let network: NodeFetch | null = null;

async function startTarget(): Promise<void> {
  target = createServer((request, response) => {
    response.writeHead(200, { 'Content-Type': 'application/json', Date: 'Mon, 07 Dec 2026 15:00:00 GMT' });
    response.end(JSON.stringify({ path: request.url, method: request.method }));
  });
  await new Promise<void>((resolve) => target.listen(0, '127.0.0.1', resolve));
  targetOrigin = `http://127.0.0.1:${(target.address() as AddressInfo).port}`;
}

afterEach(async () => {
  await network?.close();
  network = null;
  await proxy?.close();
  target?.closeAllConnections();
  await new Promise<void>((resolve) => (target ? target.close(() => resolve()) : resolve()));
});

async function post(env: Record<string, string>): Promise<{ status: number; body: unknown; date: string | null }> {
  proxy = await startConnectProxy();
  await startTarget();
  network = nodeFetch(Object.fromEntries(Object.entries(env).map(([k, v]) => [k, v.replace('PROXY', proxy.url)])));
  const response = await network.fetch(`${targetOrigin}/token?x=1`, { method: 'POST', body: 'a=b' });
  return { status: response.status, body: await response.json(), date: response.headers.get('date') };
}

describe("Node's fetch port", () => {
  it('sends through the HTTP_PROXY with CONNECT, and hands back a standard Response', async () => {
    const answer = await post({ HTTP_PROXY: 'PROXY' });
    expect(answer).toEqual({
      status: 200,
      body: { path: '/token?x=1', method: 'POST' },
      date: 'Mon, 07 Dec 2026 15:00:00 GMT',
    });
    expect(proxy.tunnels).toEqual([new URL(targetOrigin).host]);
    expect(proxy.requests).toEqual([{ target: new URL(targetOrigin).host, method: 'POST', path: '/token' }]);
  });

  it('reads the lower-case names too', async () => {
    await post({ http_proxy: 'PROXY' });
    expect(proxy.requests).toHaveLength(1);
  });

  it('goes straight to a host NO_PROXY names, and through the proxy for the others', async () => {
    await post({ HTTP_PROXY: 'PROXY', NO_PROXY: 'intranet.example, 127.0.0.1' });
    expect(proxy.tunnels).toEqual([]);
    await network!.close();
    network = nodeFetch({ HTTP_PROXY: proxy.url, NO_PROXY: 'intranet.example' });
    await (await network.fetch(`${targetOrigin}/other`, { method: 'GET' })).text();
    expect(proxy.requests.map((request) => request.path)).toEqual(['/other']);
  });

  it('goes straight to the host when no proxy is set', async () => {
    await post({});
    expect(proxy.tunnels).toEqual([]);
  });
});
