/**
 * A wrong local clock (an hour or a day either way) against Google's: Google's waits are measured on Google's
 * clock (its `Date` header) and capped at 15 minutes, and the access token's expiry follows Google's clock when
 * the local one is set. Waits are read off fake timers, never waited for.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { RateLimitedError } from '../../../electron/core/errors.js';
import { MAX_SERVER_WAIT_MS } from '../../../electron/core/gmail/server-time.js';
import { ManualTimers, startHarness, until, type Harness } from './helpers.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const SKEWS = [
  ['an hour slow', -HOUR],
  ['an hour fast', HOUR],
  ['a day slow', -DAY],
  ['a day fast', DAY],
] as const;
const USERS = [{ email: 'alex@example.com', name: 'Alex Rivera', unread: 30, read: 5 }];

let h: Harness | undefined;
afterEach(async () => {
  vi.useRealTimers();
  await h?.close();
  h = undefined;
});

const rateLimited = (retryAt: number) => ({
  error: {
    code: 429,
    message: `User-rate limit exceeded.  Retry after ${new Date(retryAt).toISOString()}`,
    errors: [{ message: 'User-rate limit exceeded.', domain: 'usageLimits', reason: 'rateLimitExceeded' }],
    status: 'RESOURCE_EXHAUSTED',
  },
});
const historyStatuses = (harness: Harness) =>
  harness.emu.requestLog.filter((e) => e.path.endsWith('/history')).map((e) => e.status);
const tokenPosts = (harness: Harness) =>
  harness.emu.requestLog.filter((e) => e.kind === 'oauth' && e.path === new URL(harness.emu.endpoints.token).pathname)
    .length;

describe('Google’s "Retry after <time>" with a wrong local clock', () => {
  for (const [name, skew] of SKEWS) {
    it(`is a 3-second wait with the local clock ${name}`, async () => {
      h = await startHarness({ emulator: { users: USERS } });
      const timers = new ManualTimers();
      const mail = h.service({ clock: { now: () => Date.now() + skew }, timers });
      await mail.startAccount(h.accountId);
      await mail.list({ accountId: h.accountId, scope: 'unread' });
      const injectedAt = Date.now();
      h.emu.faults.inject({
        match: { kind: 'gmail', path: /\/history$/ },
        fault: { type: 'status', status: 429, body: rateLimited(injectedAt + 3000) },
        times: 1,
      });
      const backOff = () => timers.delays().filter((ms) => ms > 0 && ms < HOUR);
      const sync = mail.syncNow(h.accountId).then(
        () => 'synced',
        (error: unknown) => error,
      );
      await until(() => backOff().length > 0, 'a wait for the rate limit');
      const answerTookAtMost = Date.now() - injectedAt;
      const [wait] = backOff();
      // Google's 3 s, less the time its answer took (Google's clock has moved on by then), read to the second
      // from its Date header (so up to ~1 s longer), plus ≤ 250 ms of jitter.
      expect(wait).toBeGreaterThanOrEqual(3000 - answerTookAtMost);
      expect(wait).toBeLessThanOrEqual(4400);
      timers.fire(wait);
      expect(await sync).toBe('synced');
      expect(historyStatuses(h)).toEqual([200, 429, 200].slice(-historyStatuses(h).length));
      expect(mail.status(h.accountId).sync.status).toBe('idle');
    });
  }

  it('a wait a day away (or a clock a day slow before Google was heard) pauses the account 15 minutes at most', async () => {
    h = await startHarness({ emulator: { users: USERS } });
    const skewed = { now: () => Date.now() - DAY };
    const mail = h.service({ clock: skewed });
    await mail.startAccount(h.accountId);
    await mail.list({ accountId: h.accountId, scope: 'unread' });
    h.emu.faults.inject({
      match: { kind: 'gmail', path: /\/history$/ },
      fault: { type: 'status', status: 429, body: rateLimited(Date.now() + DAY) },
    });
    const error = await mail.syncNow(h.accountId).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitedError);
    const pause = (error as RateLimitedError).retryAt! - skewed.now();
    expect(pause).toBeGreaterThan(MAX_SERVER_WAIT_MS - 5000);
    expect(pause).toBeLessThanOrEqual(MAX_SERVER_WAIT_MS + 1000);
    const state = mail.status(h.accountId).sync;
    expect(state.status).toBe('rate-limited');
    expect(state.retryAt! - skewed.now()).toBeLessThanOrEqual(MAX_SERVER_WAIT_MS + 1000);
  });
});

describe('the access token’s expiry on Google’s clock', () => {
  /**
   * Google's clock and the monotonic clock are moved by hand; the local clock (Date, which google-auth-library
   * reads) is faked. Google's access tokens live an hour.
   */
  async function signedInWithLocalClockAt(skew: number) {
    let googleNow = Date.now();
    let monotonic = 0;
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(googleNow + skew);
    h = await startHarness({ emulator: { users: USERS, clock: { now: () => googleNow } } });
    const mail = h.service({ clock: { now: () => Date.now(), monotonic: () => monotonic } });
    await mail.startAccount(h.accountId);
    await mail.list({ accountId: h.accountId, scope: 'unread' });
    return {
      mail,
      harness: h,
      /** Time passes on every clock; the local clock is then `skew` from Google's. */
      pass(ms: number, newSkew = skew) {
        googleNow += ms;
        monotonic += ms;
        vi.setSystemTime(googleNow + newSkew);
      },
    };
  }

  for (const [name, skew] of SKEWS) {
    it(`with the local clock ${name}, an expired token is renewed before the request, not after a 401`, async () => {
      const { mail, harness, pass } = await signedInWithLocalClockAt(skew);
      pass(HOUR);
      harness.emu.resetLog();
      await mail.syncNow(harness.accountId);
      expect(historyStatuses(harness)).toEqual([200]);
      expect(tokenPosts(harness)).toBe(1);
    });
  }

  it('the local clock set back by a day while Glance runs: the token is still renewed on time', async () => {
    const { mail, harness, pass } = await signedInWithLocalClockAt(DAY);
    pass(HOUR, 0); // an hour later, and the clock has been corrected
    harness.emu.resetLog();
    await mail.syncNow(harness.accountId);
    expect(historyStatuses(harness)).toEqual([200]);
    expect(tokenPosts(harness)).toBe(1);
    expect(harness.authFailures).toHaveLength(0);
  });

  it('a token that is not yet expiring on Google’s clock is not renewed when the local clock jumps a day ahead', async () => {
    const { mail, harness, pass } = await signedInWithLocalClockAt(0);
    pass(10 * 60_000, DAY);
    harness.emu.resetLog();
    await mail.syncNow(harness.accountId);
    expect(historyStatuses(harness)).toEqual([200]);
    expect(tokenPosts(harness)).toBe(0);
  });
});
