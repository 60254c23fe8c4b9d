import { describe, expect, it } from 'vitest';
import {
  backoffDelay,
  classifyError,
  classifyResponse,
  clientRejectionOf,
  DEFAULT_BACKOFF,
  parseRetryAfterHeader,
  parseRetryAfterMessage,
} from '../../../../electron/core/gmail/failure.js';
import { localReading, MAX_SERVER_WAIT_MS } from '../../../../electron/core/gmail/server-time.js';
import { ProxyFailedError } from '../../../../electron/core/errors.js';

const now = Date.parse('2026-11-26T12:00:00.000Z');
/** The local clock taken as right (no answer from Google seen yet). */
const local = localReading(now);
const envelope = (code: number, message: string, reason: string, domain = 'global') => ({
  error: { code, message, errors: [{ message, domain, reason }] },
});

describe('classifyResponse', () => {
  it('reads Google’s "Retry after <ISO>" from a 429 message', () => {
    const failure = classifyResponse(
      429,
      envelope(
        429,
        'User-rate limit exceeded.  Retry after 2026-11-26T12:00:30.000Z',
        'rateLimitExceeded',
        'usageLimits',
      ),
      undefined,
      local,
    );
    expect(failure).toMatchObject({ kind: 'rate-limit', retryAt: now + 30_000 });
  });

  it('treats a 403 with a rate-limit reason as a rate limit, and honours a Retry-After header', () => {
    const failure = classifyResponse(
      403,
      envelope(403, 'User-rate limit exceeded.', 'userRateLimitExceeded', 'usageLimits'),
      '12',
      local,
    );
    expect(failure).toMatchObject({ kind: 'rate-limit', retryAt: now + 12_000 });
  });

  it('separates auth, scope, not-found, transient and fatal failures', () => {
    expect(classifyResponse(401, envelope(401, 'Invalid Credentials', 'authError'), undefined, local).kind).toBe(
      'auth',
    );
    expect(
      classifyResponse(
        400,
        { error: 'invalid_grant', error_description: 'Token has been expired or revoked.' },
        undefined,
        local,
      ).kind,
    ).toBe('auth');
    expect(
      classifyResponse(
        403,
        envelope(403, 'Request had insufficient authentication scopes.', 'insufficientPermissions'),
        undefined,
        local,
      ).kind,
    ).toBe('scope');
    expect(
      classifyResponse(404, envelope(404, 'Requested entity was not found.', 'notFound'), undefined, local).kind,
    ).toBe('not-found');
    expect(
      classifyResponse(503, envelope(503, 'The service is currently unavailable.', 'backendError'), undefined, local)
        .kind,
    ).toBe('transient');
    expect(classifyResponse(500, undefined, undefined, local).kind).toBe('transient');
    expect(classifyResponse(400, envelope(400, 'Invalid id value', 'invalidArgument'), undefined, local).kind).toBe(
      'fatal',
    );
    expect(
      classifyResponse(403, envelope(403, 'Delegation denied for x@example.com', 'forbidden'), undefined, local).kind,
    ).toBe('fatal');
  });
});

describe('classifyError', () => {
  it('uses the response of a GaxiosError-like error', () => {
    const error = Object.assign(new Error('Too many concurrent requests for user'), {
      response: {
        status: 429,
        data: envelope(429, 'Too many concurrent requests for user', 'rateLimitExceeded'),
        headers: new Headers(),
      },
    });
    expect(classifyError(error, local).kind).toBe('rate-limit');
  });

  it('treats resets, time-outs and aborted requests as transient', () => {
    expect(classifyError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }), local).kind).toBe(
      'transient',
    );
    expect(
      classifyError(Object.assign(new Error('The operation was aborted'), { name: 'AbortError' }), local).kind,
    ).toBe('transient');
    expect(
      classifyError(Object.assign(new Error('fetch failed'), { cause: { code: 'UND_ERR_SOCKET' } }), local).kind,
    ).toBe('transient');
  });

  it('treats every failure without an HTTP response as transient: unreachable network or host, undici time-outs, unknown codes', () => {
    for (const code of [
      'ENETUNREACH',
      'EHOSTUNREACH',
      'ENETDOWN',
      'EADDRNOTAVAIL',
      'UND_ERR_CONNECT_TIMEOUT',
      'UND_ERR_HEADERS_TIMEOUT',
      'UND_ERR_BODY_TIMEOUT',
      'ESOMETHINGNEW',
    ]) {
      expect(
        classifyError(Object.assign(new Error(`connect ${code} 142.250.0.1:443`), { code }), local).kind,
        code,
      ).toBe('transient');
      expect(
        classifyError(Object.assign(new TypeError('fetch failed'), { cause: { code } }), local).kind,
        `cause ${code}`,
      ).toBe('transient');
    }
    expect(classifyError(new Error('request to https://gmail.googleapis.com/ failed'), local).kind).toBe('transient');
  });

  it('treats a refresh that cannot happen (no refresh token) as an auth failure, not an outage', () => {
    expect(classifyError(new Error('No refresh token is set.'), local).kind).toBe('auth');
  });

  it('treats a failed token refresh with invalid_grant as an auth failure', () => {
    const error = Object.assign(new Error('invalid_grant'), {
      response: { status: 400, data: { error: 'invalid_grant' }, headers: {} },
    });
    expect(classifyError(error, local).kind).toBe('auth');
  });

  it('calls a bare programming error (no code, no cause) fatal: a retry would only repeat it', () => {
    expect(classifyError(new TypeError('x is not a function'), local).kind).toBe('fatal');
  });
});

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const retryAfterIn30s = envelope(
  429,
  'User-rate limit exceeded.  Retry after 2026-11-26T12:00:30.000Z',
  'rateLimitExceeded',
  'usageLimits',
);

describe('Google’s waits on Google’s clock', () => {
  // Google's clock reads 12:00:00 in every case; the local clock is off by `skew`.
  for (const [name, skew] of [
    ['an hour slow', -HOUR],
    ['an hour fast', HOUR],
    ['a day slow', -DAY],
    ['a day fast', DAY],
  ] as const) {
    it(`a "Retry after" 30 s away is a 30 s wait with the local clock ${name}`, () => {
      const skewed = { now: now + skew, serverOffsetMs: -skew };
      const failure = classifyResponse(429, retryAfterIn30s, undefined, skewed);
      expect(failure.retryAt! - skewed.now).toBe(30_000);
      const dated = parseRetryAfterHeader('Thu, 26 Nov 2026 12:01:00 GMT', skewed);
      expect(dated! - skewed.now).toBe(60_000);
    });
  }

  it('never waits longer than 15 minutes, whatever Google (or a wrong offset) says', () => {
    expect(MAX_SERVER_WAIT_MS).toBe(15 * 60_000);
    const slowClock = { now: now - DAY, serverOffsetMs: 0 }; // the offset not known yet
    expect(classifyResponse(429, retryAfterIn30s, undefined, slowClock).retryAt! - slowClock.now).toBe(
      MAX_SERVER_WAIT_MS,
    );
    expect(parseRetryAfterHeader('86400', local)! - now).toBe(MAX_SERVER_WAIT_MS);
  });

  it('an instant already past on Google’s clock means retry now, not never', () => {
    const fastClock = { now: now + DAY, serverOffsetMs: 0 };
    expect(classifyResponse(429, retryAfterIn30s, undefined, fastClock).retryAt).toBe(fastClock.now);
  });
});

describe('retry timing', () => {
  it('parses both Retry-After forms and ignores junk', () => {
    expect(parseRetryAfterHeader('5', local)).toBe(now + 5000);
    expect(parseRetryAfterHeader('Thu, 26 Nov 2026 12:01:00 GMT', local)).toBe(now + 60_000);
    expect(parseRetryAfterHeader('soon', local)).toBeUndefined();
    expect(parseRetryAfterMessage('Rate Limit Exceeded')).toBeUndefined();
  });

  it('backs off exponentially with jitter inside [ceiling/2, ceiling], capped', () => {
    const policy = { ...DEFAULT_BACKOFF, baseDelayMs: 1000, maxDelayMs: 8000 };
    expect(backoffDelay(1, policy, () => 0)).toBe(500);
    expect(backoffDelay(1, policy, () => 1)).toBe(1000);
    expect(backoffDelay(3, policy, () => 1)).toBe(4000);
    expect(backoffDelay(10, policy, () => 1)).toBe(8000);
    expect(backoffDelay(10, policy, () => 0)).toBe(4000);
  });
});

describe('the client refused, and the proxy', () => {
  const time = localReading(1_000);
  it.each([
    [{ error: 'deleted_client', error_description: 'The OAuth client was deleted.' }, 'deleted_client'],
    [{ error: 'invalid_client', error_description: 'The OAuth client was deleted.' }, 'deleted_client'],
    [{ error: 'invalid_client', error_description: 'Unauthorized' }, 'invalid_client'],
    [{ error: 'unauthorized_client', error_description: 'Unauthorized client' }, 'unauthorized_client'],
  ])('a token endpoint answer %j is the client, %s, not "sign in again"', (body, reason) => {
    expect(classifyResponse(401, body, undefined, time)).toMatchObject({ kind: 'client', detail: reason });
    expect(clientRejectionOf(body.error, body.error_description)).toBe(reason);
  });

  it('invalid_grant is still the account', () => {
    expect(classifyResponse(400, { error: 'invalid_grant' }, undefined, time).kind).toBe('auth');
  });

  it('a ProxyFailedError the fetch port threw, wrapped by gaxios, is the proxy', () => {
    const wrapped = Object.assign(new Error('request failed'), {
      cause: new ProxyFailedError('proxy.corp:3128', 'ERR_TUNNEL_CONNECTION_FAILED'),
    });
    expect(classifyError(wrapped, time)).toMatchObject({ kind: 'proxy', detail: 'ERR_TUNNEL_CONNECTION_FAILED' });
  });
});
