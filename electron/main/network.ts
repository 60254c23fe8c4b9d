/**
 * Glance's network in the app. Every request to Google goes through Chromium's network stack (Electron's
 * net module on Glance's own session), so the system proxy, PAC files, Kerberos/NTLM proxy sign-in and the OS
 * certificate store apply as in the person's browser. Kept thin: Electron's network cannot run outside
 * Electron, so this is the only code here the tests reach through a fake (test/unit/main/network.test.ts).
 */
import { Readable } from 'node:stream';
import type { ClientRequest, ClientRequestConstructorOptions, IncomingMessage, Session } from 'electron';
import { ProxyFailedError } from '../core/errors.js';
import type { NetworkActivityRecorder } from '../core/net/network-activity.js';
import type { HttpFetch } from '../core/ports.js';
import type { ProxySignIn } from './proxy-sign-in.js';

/**
 * The session of Glance's own requests to Google: in memory (no cookies or cache on disk) and apart from
 * the window's, so the window's request log (recordWindowRequests) counts only what the window loads.
 */
export const GOOGLE_SESSION_PARTITION = 'glance-google';

/**
 * Chromium's errors that mean the proxy, not Google or the connection: it refused the tunnel, could not be
 * reached, wanted a sign-in that was cancelled or an authentication Chromium cannot do, or showed a bad
 * certificate; or no proxy could be found (PAC script, mandatory configuration).
 */
const PROXY_NET_ERROR =
  /^net::(ERR_PROXY_[A-Z_0-9]+|ERR_TUNNEL_CONNECTION_FAILED|ERR_MANDATORY_PROXY_CONFIGURATION_FAILED|ERR_NO_SUPPORTED_PROXIES|ERR_SOCKS_CONNECTION_FAILED|ERR_PAC_[A-Z_]+)$/;

/** The first proxy of a PAC-style answer (`PROXY proxy.corp:3128; DIRECT`), as host:port; null for DIRECT. */
export function firstProxyOf(pacAnswer: string): string | null {
  for (const entry of pacAnswer.split(';')) {
    const match = /^\s*(?:PROXY|HTTPS|HTTP|SOCKS[45]?|QUIC)\s+(\S+)\s*$/i.exec(entry);
    if (match?.[1]) return match[1];
  }
  return null;
}

/** The parts of Electron's ClientRequest the fetch uses. */
export type ClientRequestLike = Pick<ClientRequest, 'setHeader' | 'end' | 'abort'> & {
  on(event: 'response', listener: (response: IncomingMessage) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  on(
    event: 'login',
    listener: (authInfo: Electron.AuthInfo, callback: (username?: string, password?: string) => void) => void,
  ): unknown;
};

export interface GoogleFetchDeps {
  /** Glance's own session (GOOGLE_SESSION_PARTITION): it answers which proxy a URL goes through. */
  session: Pick<Session, 'resolveProxy'>;
  /** Electron's net.request. */
  request: (options: ClientRequestConstructorOptions) => ClientRequestLike;
  proxySignIn: Pick<ProxySignIn, 'forRequest'>;
}

const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);

/**
 * The core's fetch port on Glance's session, over Electron's net.request rather than net.fetch: net.fetch
 * cancels every sign-in a proxy asks for (it listens to no `login` event, and Electron's app `login` event
 * does not fire for the main process's own requests), so a password proxy could never be answered. Each
 * request's `login` goes to ProxySignIn; a proxy that refuses, cannot be reached or still answers 407
 * becomes ProxyFailedError naming the proxy.
 */
export function googleFetch(deps: GoogleFetchDeps): HttpFetch {
  return async (url, init) => {
    // The standard Request reads every body and header form gaxios and googleapis pass.
    const standard = new Request(url, init);
    const body = standard.body ? Buffer.from(await standard.arrayBuffer()) : null;
    const signal = init.signal ?? null;
    signal?.throwIfAborted();
    const challenges = deps.proxySignIn.forRequest();
    const proxyFailure = async (reason: string, cause?: unknown) =>
      new ProxyFailedError(challenges.proxy ?? (await proxyFor(deps.session, url)), reason, cause);
    return new Promise<Response>((resolve, reject) => {
      const request = deps.request({
        method: standard.method,
        url,
        // The session object itself: Electron checks it is a Session; the fake Electron in tests reads it.
        session: deps.session as Session,
        redirect: init.redirect ?? 'follow',
      });
      for (const [name, value] of standard.headers) request.setHeader(name, value);
      // Aborting (a time-out, sign-out, quit) stops the request until its body has been read, not only until
      // its headers came: a large message or attachment must not keep downloading after sign-out.
      let responseBody: Readable | null = null;
      const onAbort = () => {
        request.abort();
        const reason = signal?.reason ?? new DOMException('The operation was aborted.', 'AbortError');
        if (responseBody) responseBody.destroy(reason);
        else reject(reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      const settle = () => signal?.removeEventListener('abort', onAbort);
      request.on('login', (authInfo, callback) => challenges.onLogin(authInfo, callback));
      request.on('response', (response) => {
        // Google never asks for proxy credentials: a 407 is the proxy's, its sign-in cancelled or refused.
        if (response.statusCode === 407) {
          settle();
          (response as unknown as Readable).resume();
          void proxyFailure('HTTP 407').then(reject);
          return;
        }
        challenges.onResponse();
        const headers = new Headers();
        for (const [name, value] of Object.entries(response.headers))
          headers.set(name, Array.isArray(value) ? value.join(', ') : value);
        const empty = NULL_BODY_STATUSES.has(response.statusCode) || standard.method === 'HEAD';
        const stream = response as unknown as Readable;
        if (empty) {
          settle();
          stream.resume();
        } else {
          responseBody = stream;
          stream.once('close', settle);
        }
        resolve(
          new Response(empty ? null : (Readable.toWeb(stream) as ReadableStream), {
            status: response.statusCode,
            statusText: response.statusMessage,
            headers,
          }),
        );
      });
      request.on('error', (error) => {
        settle();
        if (PROXY_NET_ERROR.test(error.message)) void proxyFailure(error.message.slice(5), error).then(reject);
        else reject(asFetchFailure(error));
      });
      if (body) request.end(body);
      else request.end();
    });
  };
}

/**
 * No answer from Google, shaped as Node's fetch shapes it (TypeError "fetch failed" whose cause has a `code`), so
 * google-auth-library and the Gmail layer read Chromium's name for it (ERR_NAME_NOT_RESOLVED) as they read
 * ENOTFOUND: the person is told "offline", not that Google refused the sign-in.
 */
function asFetchFailure(error: Error): Error {
  const chromiumName = /^net::(ERR_[A-Z_0-9]+)$/.exec(error.message)?.[1];
  if (!chromiumName) return error;
  return new TypeError('fetch failed', { cause: Object.assign(error, { code: chromiumName }) });
}

/** The proxy Chromium uses for a URL on this session, as host:port; null when direct or unknown. */
async function proxyFor(session: Pick<Session, 'resolveProxy'>, url: string): Promise<string | null> {
  try {
    return firstProxyOf(await session.resolveProxy(url));
  } catch {
    return null;
  }
}

/** Only web requests reach a host; the app's own page (glance://app/, or the dev server) is not counted. */
export const WINDOW_REQUEST_FILTER = { urls: ['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*'] };

/**
 * Counts every request the window's session sends (a sender's remote images and styles, once the person
 * chose to show them) in Help → Network activity. `isAppPage` leaves out the development server's files.
 */
export function recordWindowRequests(
  target: { webRequest: { onSendHeaders: Session['webRequest']['onSendHeaders'] } },
  recorder: Pick<NetworkActivityRecorder, 'record'>,
  isAppPage: (url: string) => boolean,
): void {
  target.webRequest.onSendHeaders(WINDOW_REQUEST_FILTER, (details) => {
    if (!isAppPage(details.url)) recorder.record(details.url, 'window');
  });
}

/**
 * A sender's remote images and styles (shown after the person chose Show) carry no cookies either way: a
 * tracker can neither read one set by an earlier message nor set one (the `onHeadersReceived` half is
 * `withoutCookiesSet`). Glance itself signs in to nothing in the window, so no cookie is ever needed there.
 */
export function stripWindowCookies(target: {
  webRequest: { onBeforeSendHeaders: Session['webRequest']['onBeforeSendHeaders'] };
}): void {
  target.webRequest.onBeforeSendHeaders(WINDOW_REQUEST_FILTER, (details, callback) => {
    const requestHeaders = Object.fromEntries(
      Object.entries(details.requestHeaders).filter(([name]) => name.toLowerCase() !== 'cookie'),
    );
    callback({ requestHeaders });
  });
}

/** The response-header half of stripWindowCookies: a web response's Set-Cookie is dropped; others untouched. */
export function withoutCookiesSet(
  details: { url: string; responseHeaders?: Record<string, string[]> },
  isAppPage: (url: string) => boolean,
): { responseHeaders?: Record<string, string[]> } {
  if (!/^https?:/i.test(details.url) || isAppPage(details.url) || !details.responseHeaders) return {};
  const names = Object.keys(details.responseHeaders);
  if (!names.some((name) => name.toLowerCase() === 'set-cookie')) return {};
  return {
    responseHeaders: Object.fromEntries(
      Object.entries(details.responseHeaders).filter(([name]) => name.toLowerCase() !== 'set-cookie'),
    ),
  };
}
