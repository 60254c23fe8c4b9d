/**
 * The fetch port in Node (tests, the bench, `npm run emulator` clients): undici's fetch with its
 * EnvHttpProxyAgent, so HTTPS_PROXY / HTTP_PROXY / NO_PROXY are honoured the way curl and most tools read
 * them (Node's own fetch ignores them). The packaged app never loads this file: it gives the core
 * Electron's net.fetch (electron/main/network.ts).
 */
import { EnvHttpProxyAgent, fetch as undiciFetch } from 'undici';
import { causeChain, ProxyFailedError } from '../errors.js';
import type { HttpFetch } from '../ports.js';

/** The proxy variables, read from the environment given (never process.env directly: the core reads no environment). */
export interface ProxySettings {
  /** For http:// URLs; '' for none. */
  httpProxy: string;
  /** For https:// URLs; the http proxy when unset; '' for none. */
  httpsProxy: string;
  /** Hosts (and host:port, .domain, *) reached directly; '' for none. */
  noProxy: string;
}

/** Lower-case names win over upper-case ones, as in curl and undici. */
export function proxySettingsFrom(env: Readonly<Record<string, string | undefined>>): ProxySettings {
  const read = (name: string) => (env[name.toLowerCase()] ?? env[name] ?? '').trim();
  const httpProxy = read('HTTP_PROXY');
  return { httpProxy, httpsProxy: read('HTTPS_PROXY') || httpProxy, noProxy: read('NO_PROXY') };
}

/**
 * The proxy a URL goes through under these settings, as `host:port`, or null when it goes direct. The
 * NO_PROXY rules are undici's EnvHttpProxyAgent's (exact host, subdomains of an entry, an entry's port,
 * `*` for none), so the answer names the proxy undici really used.
 */
export function proxyFor(url: string, settings: ProxySettings): string | null {
  const target = new URL(url);
  const proxyUrl = target.protocol === 'https:' ? settings.httpsProxy : settings.httpProxy;
  if (!proxyUrl) return null;
  const noProxy = settings.noProxy.trim();
  if (noProxy === '*') return null;
  const hostname = target.host.replace(/:\d*$/, '').toLowerCase();
  const port = Number.parseInt(target.port, 10) || (target.protocol === 'https:' ? 443 : 80);
  for (const entry of noProxy.split(/[,\s]/)) {
    if (!entry) continue;
    const parsed = /^(.+):(\d+)$/.exec(entry);
    const host = (parsed?.[1] ?? entry).replace(/^\*?\./, '').toLowerCase();
    if (parsed && Number.parseInt(parsed[2] ?? '', 10) !== port) continue;
    if (hostname === host || hostname.endsWith(`.${host}`)) return null;
  }
  try {
    const proxy = new URL(proxyUrl.includes('://') ? proxyUrl : `http://${proxyUrl}`);
    return `${proxy.hostname}:${proxy.port || (proxy.protocol === 'https:' ? '443' : '80')}`;
  } catch {
    return proxyUrl;
  }
}

/**
 * Through a proxy, undici only ever connects to the proxy itself (the proxy opens the tunnel to Google):
 * a refused, unresolvable or timed-out connection is the proxy's, and a CONNECT answered with anything but
 * 200 ("Proxy response (407) !== 200 when HTTP Tunneling") is the proxy refusing.
 */
const PROXY_CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
]);

function proxyRefusal(error: unknown): string | null {
  for (const { code, message } of causeChain(error)) {
    if (typeof message === 'string') {
      const refused = /Proxy response \((\d{3})\) !== 200/.exec(message);
      if (refused) return `HTTP ${refused[1]}`;
    }
    if (typeof code === 'string' && PROXY_CONNECTION_CODES.has(code)) return code;
  }
  return null;
}

export interface NodeFetch {
  fetch: HttpFetch;
  /** Closes the pooled connections (a test's or the bench's end). */
  close(): Promise<void>;
}

/** Statuses whose response may not carry a body (the standard Response constructor refuses one). */
const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);

export function nodeFetch(env: Readonly<Record<string, string | undefined>>): NodeFetch {
  const settings = proxySettingsFrom(env);
  const dispatcher = new EnvHttpProxyAgent(settings);
  return {
    async fetch(url, init) {
      const proxy = proxyFor(url, settings);
      let response: Awaited<ReturnType<typeof undiciFetch>>;
      try {
        response = await undiciFetch(url, {
          ...(init as Parameters<typeof undiciFetch>[1]),
          headers: [...new Headers(init.headers)],
          dispatcher,
        });
      } catch (error) {
        const refusal = proxy === null ? null : proxyRefusal(error);
        if (refusal !== null) throw new ProxyFailedError(proxy, refusal, error);
        throw error;
      }
      // Google never asks for proxy credentials: a 407 is the proxy's (a plain-http request it forwards).
      if (response.status === 407) {
        await response.body?.cancel();
        throw new ProxyFailedError(proxy, 'HTTP 407');
      }
      // Handed on as the platform's own Response (gaxios and googleapis check `instanceof Headers`).
      return new Response(NULL_BODY_STATUSES.has(response.status) ? null : (response.body as ReadableStream | null), {
        status: response.status,
        statusText: response.statusText,
        headers: [...response.headers],
      });
    },
    close: () => dispatcher.close(),
  };
}
