/**
 * Gmail's per-user rate limit as Google words it, with the instant it names. The instant matters to a test:
 * a 429 with no instant is retried with back-off (four waits of 0.5–8 s) before the account shows it, which
 * races an expectation's time-out; with an instant minutes away the core says "rate-limited" at once.
 */
export function userRateLimitExceeded(retryAfterMs = 5 * 60_000): { type: 'status'; status: 429; body: unknown } {
  const message = `User-rate limit exceeded.  Retry after ${new Date(Date.now() + retryAfterMs).toISOString()}`;
  return {
    type: 'status',
    status: 429,
    body: {
      error: {
        code: 429,
        message,
        errors: [{ message, domain: 'usageLimits', reason: 'rateLimitExceeded' }],
        status: 'RESOURCE_EXHAUSTED',
      },
    },
  };
}
