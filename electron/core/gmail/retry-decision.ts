/**
 * What follows a failed Gmail attempt: the wait before the next try (exponential back-off with jitter;
 * Google's "Retry after <ISO>" honoured), or the typed error the caller sees.
 */
import {
  GmailUnavailableError,
  GoogleApiError,
  NotFoundError,
  OfflineError,
  proxyFailureIn,
  RateLimitedError,
  ScopeMissingError,
  WORDING,
} from '../errors.js';
import type { Logger } from '../logging.js';
import type { Clock } from '../ports.js';
import { backoffDelay, type BackoffPolicy, type ClientRejection, type Failure } from './failure.js';

export interface RetryContext {
  policy: BackoffPolicy;
  clock: Clock;
  logger: Logger;
  random: () => number;
  /** Called on invalid_grant / a 401 after the one refresh; returns the error to throw (NeedsSignInError). */
  onAuthFailure: (error: unknown) => Error;
  /** The token endpoint refused the OAuth client (deleted, unknown): the error to throw (CLIENT_REJECTED). */
  onClientRejected: (reason: ClientRejection) => Error;
}

/**
 * Returns the delay before the next try, or throws the typed error the caller sees. `transientWaitedMs`: the
 * back-off this request has already waited for transient failures (bounded by `maxTransientWaitMs`).
 * `maxRateLimitWaitMs`: the longest rate-limit wait waited out here (a page the person scrolled to asks
 * for a short one, so Google's 429 is said with its instant instead of waited out in silence).
 */
export function nextDelayOrThrow(
  context: RetryContext,
  failure: Failure,
  attempt: number,
  cause: unknown,
  what: string,
  transientWaitedMs = 0,
  maxRateLimitWaitMs = context.policy.maxRateLimitWaitMs,
): number {
  const { policy, clock, logger, random } = context;
  const now = clock.now();
  logger.warn('gmail: request failed', {
    what,
    kind: failure.kind,
    status: failure.status ?? 'none',
    ...(failure.code === undefined ? {} : { code: failure.code }),
    attempt,
  });
  switch (failure.kind) {
    case 'auth':
      throw context.onAuthFailure(cause);
    case 'client':
      throw context.onClientRejected(failure.detail as ClientRejection);
    case 'proxy':
      // Not retried at once: a proxy that refused will refuse again in a second; the sync's schedule retries.
      throw proxyFailureIn(cause) ?? new OfflineError(undefined, cause);
    case 'scope':
      throw new ScopeMissingError();
    case 'not-found':
      throw new NotFoundError(WORDING.messageGone);
    case 'fatal':
      throw new GoogleApiError(WORDING.gmailRefused(failure.status), { status: failure.status }, cause);
    case 'rate-limit': {
      const fallback = backoffDelay(attempt, policy, random);
      const delay =
        failure.retryAt !== undefined ? Math.max(0, failure.retryAt - now) + Math.round(random() * 250) : fallback;
      if (delay > maxRateLimitWaitMs || attempt >= policy.maxAttempts) {
        throw new RateLimitedError(now + delay);
      }
      return delay;
    }
    case 'transient': {
      const delay = backoffDelay(attempt, policy, random);
      if (attempt >= policy.maxAttempts || transientWaitedMs + delay > policy.maxTransientWaitMs) {
        // Gmail answered, with server errors: its trouble, not the person's connection.
        if (failure.status !== undefined && failure.status >= 500)
          throw new GmailUnavailableError(failure.status, cause);
        throw new OfflineError(undefined, cause);
      }
      return delay;
    }
    default: {
      const unreachable: never = failure.kind;
      throw new Error(`unknown failure kind ${String(unreachable)}`);
    }
  }
}
