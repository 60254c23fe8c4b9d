/**
 * The fetch port in Node (tests, the bench, `npm run emulator` clients): undici's fetch with its
 * EnvHttpProxyAgent, so HTTPS_PROXY / HTTP_PROXY / NO_PROXY are honoured the way curl and most tools read
 * them (Node's own fetch ignores them). The packaged app never loads this file: it gives the core
 * Electron's net.fetch (electron/main/network.ts).
 */
import { EnvHttpProxyAgent, fetch as undiciFetch } from 'undici';
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

export interface NodeFetch {
  fetch: HttpFetch;
  /** Closes the pooled connections (a test's or the bench's end). */
  close(): Promise<void>;
}

/** Statuses whose response may not carry a body (the standard Response constructor refuses one). */
const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);

export function nodeFetch(env: Readonly<Record<string, string | undefined>>): NodeFetch {
  const dispatcher = new EnvHttpProxyAgent(proxySettingsFrom(env));
  return {
    async fetch(url, init) {
      const response = await undiciFetch(url, {
        ...(init as Parameters<typeof undiciFetch>[1]),
        headers: [...new Headers(init.headers)],
        dispatcher,
      });
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
