/**
 * The loopback redirect of RFC 8252 §7.3, after VS Code's github-authentication `authServer.ts`: an HTTP
 * listener on 127.0.0.1, port 0, on an unguessable path, alive only while one sign-in is in progress.
 * It accepts exactly one callback with the expected `state` and a `code`, answers with a small static
 * page and closes. Anything else (foreign path, wrong or missing state) gets a 400 and the listener keeps
 * waiting. It also closes on denial, time-out and cancel.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { signInErrorFor } from './oauth-errors.js';
import {
  ConsentDeniedError,
  type GlanceError,
  GoogleApiError,
  SignInCancelledError,
  SignInListenerError,
  SignInTimeoutError,
  WORDING,
} from '../errors.js';
import type { Logger } from '../logging.js';
import { detachedTimers, type Timers } from '../ports.js';

export const DEFAULT_SIGN_IN_TIMEOUT_MS = 5 * 60 * 1000;

export interface AuthorizationCallback {
  code: string;
  /** The `scope` Google appended to the redirect (granted scopes), if any. */
  scope: string | null;
}

export interface LoopbackListenerOptions {
  expectedState: string;
  timeoutMs?: number;
  /** Web clients must use a registered URI (fixed port and path); desktop clients leave it unset. */
  fixedRedirectUri?: string | undefined;
  timers?: Timers;
  logger: Logger;
  /** Named in the errors whose fix is about the OAuth client (admin policy, deleted client…). */
  clientId?: string;
}

export interface LoopbackListener {
  /** The `redirect_uri` to put in the authorization URL and the code exchange. */
  readonly redirectUri: string;
  readonly port: number;
  /** The address the socket is bound to (always 127.0.0.1). */
  readonly boundAddress: string;
  /** Settles once: the code, or ConsentDeniedError / SignInTimeoutError / SignInCancelledError / GoogleApiError. */
  readonly callback: Promise<AuthorizationCallback>;
  /** Resolves when the socket is closed and the port refuses connections. */
  readonly closed: Promise<void>;
  cancel(reason?: GlanceError): void;
}

const PAGE_HEADERS = {
  'Content-Type': 'text/html; charset=utf-8',
  'Cache-Control': 'no-store',
  Pragma: 'no-cache',
  'Referrer-Policy': 'no-referrer',
  'X-Content-Type-Options': 'nosniff',
  'Content-Security-Policy':
    "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
} as const;

function page(title: string, text: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="referrer" content="no-referrer"><title>${title}</title>
<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:15vh auto;padding:0 1rem;color:#222}h1{font-size:1.4rem}</style></head>
<body><h1>${title}</h1><p>${text}</p></body></html>`;
}

export const SUCCESS_PAGE = page('Signed in to Glance', 'You can close this tab and return to Glance.');
export const DECLINED_PAGE = page(
  'You declined access',
  'Glance can’t show your mail without your permission. You can close this tab and return to Glance to try again.',
);
const FAILED_PAGE = page(
  'Sign-in didn’t finish',
  'Google reported a problem. You can close this tab and return to Glance to try again.',
);
const NOT_OURS_PAGE = page(
  'Not a Glance sign-in address',
  'This page does not belong to a sign-in in progress. Return to Glance and click “Sign in with Google”.',
);

function listenAddress(fixedRedirectUri: string | undefined): { port: number; path: string; host: string } {
  if (!fixedRedirectUri) return { port: 0, path: `/${randomBytes(16).toString('base64url')}`, host: '127.0.0.1' };
  const url = new URL(fixedRedirectUri);
  return { port: Number(url.port), path: url.pathname || '/', host: url.hostname };
}

export async function startLoopbackListener(options: LoopbackListenerOptions): Promise<LoopbackListener> {
  const { expectedState, logger } = options;
  const timers = options.timers ?? detachedTimers;
  const address = listenAddress(options.fixedRedirectUri);

  let settled = false;
  let resolveCallback!: (value: AuthorizationCallback) => void;
  let rejectCallback!: (error: GlanceError) => void;
  const callback = new Promise<AuthorizationCallback>((resolve, reject) => {
    resolveCallback = resolve;
    rejectCallback = reject;
  });
  // The owner may not be awaiting yet when a denial or cancel lands; don't report that as unhandled.
  callback.catch(() => undefined);

  let resolveClosed!: () => void;
  const closed = new Promise<void>((resolve) => (resolveClosed = resolve));

  const server: Server = createServer((request, response) => handle(request, response));
  /** The Host a browser sends when following the redirect URI: set once the port is known. */
  let expectedHosts = new Set<string>();
  let cancelTimeout: () => void = () => undefined;

  const shutDown = () => {
    cancelTimeout();
    server.close(() => resolveClosed());
    server.closeAllConnections();
  };

  const finish = (outcome: { ok: AuthorizationCallback } | { error: GlanceError }) => {
    if (settled) return;
    settled = true;
    if ('ok' in outcome) resolveCallback(outcome.ok);
    else rejectCallback(outcome.error);
  };

  /** Answers, then closes once the page has been written (so the browser gets it). */
  const answerAndClose = (response: ServerResponse, status: number, body: string) => {
    response.writeHead(status, { ...PAGE_HEADERS, Connection: 'close' });
    response.end(body, () => shutDown());
  };

  const reject400 = (response: ServerResponse, why: string) => {
    logger.info(`Sign-in listener ignored a request: ${why}`);
    response.writeHead(400, PAGE_HEADERS);
    response.end(NOT_OURS_PAGE);
  };

  function handle(request: IncomingMessage, response: ServerResponse): void {
    if (settled) {
      reject400(response, 'sign-in already finished');
      return;
    }
    // DNS rebinding: a web page whose own name resolves to 127.0.0.1 reaches this port with its name as Host.
    if (!expectedHosts.has(request.headers.host ?? '')) {
      reject400(response, 'a Host other than this listener');
      return;
    }
    let url: URL;
    try {
      url = new URL(request.url ?? '/', 'http://127.0.0.1');
    } catch {
      reject400(response, 'unreadable request line');
      return;
    }
    if (request.method !== 'GET' || url.pathname !== address.path) {
      reject400(response, 'not the sign-in path');
      return;
    }
    const state = url.searchParams.get('state');
    if (state !== expectedState) {
      reject400(response, state === null ? 'no state' : 'wrong state');
      return;
    }
    const error = url.searchParams.get('error');
    if (error !== null) {
      if (error === 'access_denied') {
        logger.info('Sign-in: the person declined consent');
        finish({ error: new ConsentDeniedError() });
        answerAndClose(response, 200, DECLINED_PAGE);
      } else {
        // Google's error codes are short identifiers; keep only that alphabet in the message.
        const safeCode = error.replace(/[^a-z_]/gi, '').slice(0, 64) || 'unknown';
        logger.warn('Sign-in: Google redirected with an error', { error: safeCode });
        finish({
          error:
            signInErrorFor(safeCode, options.clientId ?? '') ??
            new GoogleApiError(WORDING.signInRedirectError(safeCode), { googleCode: safeCode }),
        });
        answerAndClose(response, 200, FAILED_PAGE);
      }
      return;
    }
    const code = url.searchParams.get('code');
    if (!code) {
      reject400(response, 'no code');
      return;
    }
    logger.info('Sign-in: received the authorization callback');
    finish({ ok: { code, scope: url.searchParams.get('scope') } });
    answerAndClose(response, 200, SUCCESS_PAGE);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    // 127.0.0.1 only: never reachable from another machine.
    server.listen(address.port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  }).catch((error: NodeJS.ErrnoException) => {
    throw new SignInListenerError(address.port, error.code, error);
  });
  server.on('error', (error) => logger.warn('Sign-in listener error', { error }));

  const { port, address: boundAddress } = server.address() as AddressInfo;
  const redirectUri = options.fixedRedirectUri ?? `http://127.0.0.1:${port}${address.path}`;
  expectedHosts = new Set([`127.0.0.1:${port}`, new URL(redirectUri).host]);

  cancelTimeout = timers.schedule(() => {
    logger.info('Sign-in timed out waiting for the browser');
    finish({ error: new SignInTimeoutError() });
    shutDown();
  }, options.timeoutMs ?? DEFAULT_SIGN_IN_TIMEOUT_MS);

  return {
    redirectUri,
    port,
    boundAddress,
    callback,
    closed,
    cancel(reason = new SignInCancelledError()) {
      finish({ error: reason });
      shutDown();
    },
  };
}
