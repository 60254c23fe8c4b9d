/**
 * How a failed Gmail call is classified, and how long to wait before the next try. Pure functions so the
 * policy can be tested without a server. Google's instants are read on Google's clock (server-time.ts).
 */
import { proxyFailureIn } from '../errors.js';
import { localRetryAfterSeconds, localRetryAt, type TimeReading } from './server-time.js';

export type FailureKind =
  | 'auth' // invalid_grant, or a 401 that survived the client's one refresh
  | 'scope' // 403 insufficientPermissions: the Gmail box was unticked at consent
  | 'rate-limit' // 429, or 403 with a usageLimits / rateLimitExceeded reason
  | 'transient' // 5xx, 408, no HTTP response at all (reset, unreachable, time-out), garbled body: retry with back-off
  | 'not-found' // 404
  | 'client' // the token endpoint refuses the OAuth client itself (invalid_client, deleted_client…): detail is the reason
  | 'proxy' // the proxy on the way refused or could not be reached (the fetch port threw ProxyFailedError)
  | 'fatal'; // any other 4xx: retrying will not help

export interface Failure {
  kind: FailureKind;
  status: number | undefined;
  /**
   * Local epoch ms Google asked Glance to wait until ("Retry after <ISO>" in its message or a Retry-After
   * header), measured on Google's clock and at most MAX_SERVER_WAIT_MS away; undefined when not given.
   */
  retryAt: number | undefined;
  /** Google's message (never contains a token; we still keep it out of user-facing text). */
  detail: string;
  /** The socket or library error code when Google never answered (ECONNRESET, UND_ERR_SOCKET…), for the log. */
  code?: string;
}

interface ErrorEnvelope {
  error?: string | { message?: string; errors?: Array<{ reason?: string; domain?: string; message?: string }> };
  error_description?: string;
}

const RATE_REASONS = new Set(['rateLimitExceeded', 'userRateLimitExceeded', 'quotaExceeded', 'dailyLimitExceeded']);

/** "User-rate limit exceeded.  Retry after 2026-09-11T20:00:00.000Z" → epoch ms on Google's clock. */
export function parseRetryAfterMessage(message: string | undefined): number | undefined {
  const match = /Retry after (\d{4}-\d{2}-\d{2}T[0-9:.]+Z)/i.exec(message ?? '');
  if (!match?.[1]) return undefined;
  const at = Date.parse(match[1]);
  return Number.isFinite(at) ? at : undefined;
}

/** A Retry-After header (delta seconds, or an HTTP date on Google's clock) → the local instant to retry, capped. */
export function parseRetryAfterHeader(value: string | null | undefined, time: TimeReading): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return localRetryAfterSeconds(Number(trimmed), time);
  const at = Date.parse(trimmed);
  return Number.isFinite(at) ? localRetryAt(at, time) : undefined;
}

/** Programming mistakes (no response, no socket code): retrying cannot help, so they stay fatal. */
const PROGRAMMING_ERRORS = new Set(['TypeError', 'ReferenceError', 'RangeError']);

function headerValue(headers: unknown, name: string): string | undefined {
  if (!headers) return undefined;
  if (typeof (headers as { get?: unknown }).get === 'function') return (headers as Headers).get(name) ?? undefined;
  const record = headers as Record<string, unknown>;
  const value = record[name] ?? record[name.toLowerCase()];
  return typeof value === 'string' ? value : undefined;
}

/** Classifies an HTTP status plus Google's error body (also used for individual batch parts). */
export function classifyResponse(
  status: number,
  body: unknown,
  retryAfterHeader: string | undefined,
  time: TimeReading,
): Failure {
  const envelope = (body && typeof body === 'object' ? body : {}) as ErrorEnvelope;
  const apiError = typeof envelope.error === 'object' ? envelope.error : undefined;
  const oauthError = typeof envelope.error === 'string' ? envelope.error : undefined;
  const detail = apiError?.message ?? envelope.error_description ?? oauthError ?? `HTTP ${status}`;
  const reasons = (apiError?.errors ?? []).map((e) => e.reason ?? '');
  const domains = (apiError?.errors ?? []).map((e) => e.domain ?? '');
  const serverRetryAt = parseRetryAfterMessage(apiError?.message);
  const retryAt =
    serverRetryAt !== undefined ? localRetryAt(serverRetryAt, time) : parseRetryAfterHeader(retryAfterHeader, time);
  const base = { status, retryAt, detail };
  // A refresh refused because of the client, not the account: signing in again cannot help, fixing the client can.
  const clientReason = clientRejectionOf(oauthError, envelope.error_description);
  if (clientReason) return { kind: 'client', status, retryAt: undefined, detail: clientReason };
  if (oauthError === 'invalid_grant' || status === 401) return { kind: 'auth', ...base };
  if (status === 429) return { kind: 'rate-limit', ...base };
  if (status === 403 && (reasons.some((r) => RATE_REASONS.has(r)) || domains.includes('usageLimits')))
    return { kind: 'rate-limit', ...base };
  if (status === 403 && reasons.includes('insufficientPermissions')) return { kind: 'scope', ...base };
  if (status === 404) return { kind: 'not-found', ...base };
  if (status === 408 || status >= 500) return { kind: 'transient', ...base };
  return { kind: 'fatal', ...base };
}

export type ClientRejection = 'invalid_client' | 'unauthorized_client' | 'deleted_client';

/**
 * The token endpoint's verdict on the client: Google answers a deleted client with `deleted_client`, or with
 * `invalid_client` and "The OAuth client was deleted." — both read as deleted_client.
 */
export function clientRejectionOf(
  oauthError: string | undefined,
  description: string | undefined,
): ClientRejection | null {
  if (oauthError === 'deleted_client') return 'deleted_client';
  if (oauthError === 'invalid_client') return /deleted/i.test(description ?? '') ? 'deleted_client' : 'invalid_client';
  if (oauthError === 'unauthorized_client') return 'unauthorized_client';
  return null;
}

/** Classifies whatever `client.request()` threw (a GaxiosError, a refresh failure, a socket error…). */
export function classifyError(error: unknown, time: TimeReading): Failure {
  const err = error as {
    response?: { status?: number; data?: unknown; headers?: unknown };
    status?: number;
    code?: string | number;
    name?: string;
    message?: string;
    cause?: { code?: string; name?: string };
  };
  const proxy = proxyFailureIn(error);
  if (proxy) return { kind: 'proxy', status: undefined, retryAt: undefined, detail: proxy.reason };
  if (err?.response && typeof err.response.status === 'number') {
    return classifyResponse(
      err.response.status,
      err.response.data,
      headerValue(err.response.headers, 'retry-after'),
      time,
    );
  }
  const message = err?.message ?? '';
  if (/invalid_grant/.test(message)) return { kind: 'auth', status: 400, retryAt: undefined, detail: 'invalid_grant' };
  if (/No refresh token is set/i.test(message))
    return { kind: 'auth', status: undefined, retryAt: undefined, detail: 'no refresh token' };
  // No HTTP response at all: reset, refused, unreachable network or host (ENETUNREACH, EHOSTUNREACH,
  // ENETDOWN, EADDRNOTAVAIL…), undici time-outs (UND_ERR_*), aborted by our time-out, a body that would not
  // parse. Google never answered, so nothing says the account is wrong: retry, and end in OfflineError.
  // The one exception is a bare programming error (TypeError without a code or cause, …), which a retry
  // would only repeat. undici's "fetch failed" is a TypeError too, but carries its cause.
  const code = typeof err?.code === 'string' ? err.code : err?.cause?.code;
  const programming =
    PROGRAMMING_ERRORS.has(err?.name ?? '') &&
    code === undefined &&
    err?.cause === undefined &&
    !/fetch failed|network|socket/i.test(message);
  return {
    kind: programming ? 'fatal' : 'transient',
    status: undefined,
    retryAt: undefined,
    detail: message.slice(0, 200),
    ...(code === undefined ? {} : { code }),
  };
}

export interface BackoffPolicy {
  /** Attempts in total (first try included). */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** A rate limit asking us to wait longer than this is reported (RateLimitedError) instead of waited out. */
  maxRateLimitWaitMs: number;
  /**
   * The most one request may spend in back-off waits for transient failures (5xx, no answer) before the
   * person is told: the account's state, or an action's error, shows the outage within seconds while the
   * sync's own schedule keeps retrying.
   */
  maxTransientWaitMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = {
  maxAttempts: 5,
  baseDelayMs: 1000,
  maxDelayMs: 32_000,
  maxRateLimitWaitMs: 60_000,
  maxTransientWaitMs: 3_000,
};

/** Exponential back-off with full jitter: attempt 1 → [0.5, 1]·base, 2 → [0.5, 1]·2·base, … capped. */
export function backoffDelay(attempt: number, policy: BackoffPolicy, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

/** A failure with no usable answer (garbled body, missing or unreadable batch part): retried like a 5xx. */
export function transientFailure(detail: string, status?: number): Failure {
  return { kind: 'transient', status, retryAt: undefined, detail };
}

/** Worth sending again: a back-off, a rate limit's wait, or a 401 (after one token refresh). */
export function isRetriable(failure: Failure): boolean {
  return failure.kind === 'transient' || failure.kind === 'rate-limit' || failure.status === 401;
}
