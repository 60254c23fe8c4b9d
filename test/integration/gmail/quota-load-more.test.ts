/**
 * Quota waits are never silent: a next page the person scrolled to that would wait for the account's quota
 * budget (or Google's 429) longer than LOAD_MORE_BUDGET_WAIT answers RATE_LIMITED with the instant it may
 * go (the list counts down to it), and loads once that instant has passed; background sync still waits
 * inside. The unified list's next page says it too, without skipping the waiting account's rows.
 * The clock and the timers are fake: waits are read off them, never waited for.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RateLimitedError } from '../../../electron/core/errors.js';
import { LOAD_MORE_BUDGET_WAIT } from '../../../electron/core/gmail/account-sync.js';
import { DEFAULT_BACKOFF } from '../../../electron/core/gmail/failure.js';
import type { MailService } from '../../../electron/core/gmail/mail-service.js';
import { compareUnified } from '../../../electron/core/gmail/unified.js';
import { ALL_ACCOUNTS } from '../../../electron/shared/ipc-contract.js';
import { gmailCalls, ManualTimers, startHarness, unreadTruth, until, type Harness } from './helpers.js';

let h: Harness;
let timers: ManualTimers;
/** Glance's clock: moved only by the test. */
let now: number;
beforeEach(async () => {
  h = await startHarness();
  timers = new ManualTimers();
  now = Date.parse('2026-12-07T12:00:00Z');
});
afterEach(async () => {
  await h.close();
});

/**
 * A cold first page costs 1,007 units under 2026 costs (list 5 + profile 1 + labels 1 + 50 × 20); `units`
 * a minute decides what is left for the next one. Production's back-off (a budget wait up to 60 s is
 * waited out inside a request).
 */
async function afterFirstPage(units: number): Promise<{ mail: MailService; nextPageToken: string }> {
  const mail = h.service({ timers, clock: { now: () => now }, backoff: DEFAULT_BACKOFF, unitsPerMinute: units });
  await mail.startAccount(h.accountId);
  const first = await mail.list({ accountId: h.accountId, scope: 'unread' });
  expect(first.messages).toHaveLength(50);
  await until(() => mail.status(h.accountId).sync.status === 'idle', 'the first sync');
  return { mail, nextPageToken: first.nextPageToken! };
}

/** Settles `promise` without firing any timer: a silent wait inside the request fails the test here. */
async function answeredAtOnce<T>(promise: Promise<T>): Promise<T | unknown> {
  let settled = false;
  const outcome = promise.then(
    (value) => value,
    (error: unknown) => error,
  );
  void outcome.finally(() => (settled = true));
  await until(() => settled, 'an answer without waiting for the budget');
  return outcome;
}

/** Waits the fake timers hold that are shorter than the poll interval (saves are 0 ms, polls an hour). */
const budgetWaits = () => timers.delays().filter((ms) => ms > 0 && ms < 3_600_000);

describe('a next page under a spent quota budget', () => {
  it('answers RATE_LIMITED at once with the instant the budget allows the page, then loads after it', async () => {
    // Room for the next page's list call (5 units), not for its batch: the page is refused whole, before the list.
    const { mail, nextPageToken } = await afterFirstPage(1_012);
    const versionBefore = mail.status(h.accountId).version;
    h.emu.resetLog();
    const outcome = await answeredAtOnce(
      mail.list({ accountId: h.accountId, scope: 'unread', pageToken: nextPageToken }),
    );
    expect(outcome).toBeInstanceOf(RateLimitedError);
    const retryAt = (outcome as RateLimitedError).retryAt!;
    // The first page's units leave the minute 60 s after they were spent (all at `now`).
    expect(retryAt - now).toBeGreaterThan(LOAD_MORE_BUDGET_WAIT.maxBudgetWaitMs);
    expect(retryAt - now).toBeLessThanOrEqual(60_000);
    // Nothing half done: no request sent, nothing published, no wait left pending.
    expect(gmailCalls(h.emu)).toMatchObject({ list: 0, batch: 0 });
    expect(mail.status(h.accountId).version).toBe(versionBefore);
    expect(budgetWaits()).toEqual([]);

    now = retryAt;
    const next = await answeredAtOnce(mail.list({ accountId: h.accountId, scope: 'unread', pageToken: nextPageToken }));
    expect(next).not.toBeInstanceOf(Error);
    expect((next as Awaited<ReturnType<MailService['list']>>).messages).toHaveLength(50);
    expect(gmailCalls(h.emu)).toMatchObject({ list: 1, batch: 1 });
  });

  it('a search’s next page answers RATE_LIMITED at once too', async () => {
    const { mail } = await afterFirstPage(1_008);
    // A minute later the first page's units have left the window: room for a first search page, not a second.
    now += 60_000;
    const searchedAt = now;
    const first = await answeredAtOnce(mail.list({ accountId: h.accountId, scope: 'all' }));
    const token = (first as Awaited<ReturnType<MailService['list']>>).nextPageToken;
    expect(token).toEqual(expect.any(String));
    h.emu.resetLog();
    const outcome = await answeredAtOnce(mail.list({ accountId: h.accountId, scope: 'all', pageToken: token }));
    expect(outcome).toBeInstanceOf(RateLimitedError);
    const retryAt = (outcome as RateLimitedError).retryAt!;
    expect(retryAt - now).toBeGreaterThan(LOAD_MORE_BUDGET_WAIT.maxBudgetWaitMs);
    expect(retryAt).toBeLessThanOrEqual(searchedAt + 60_000);
    expect(gmailCalls(h.emu).batch).toBe(0);
    expect(budgetWaits()).toEqual([]);
  });

  it('background sync still waits for the budget inside, then completes', async () => {
    const { mail } = await afterFirstPage(1_008);
    h.emu.resetLog();
    let settled = false;
    const sync = mail.syncNow(h.accountId).finally(() => (settled = true));
    // history.list (2 units) does not fit beside the first page's 1,007: it waits for the minute to pass.
    await until(() => budgetWaits().length > 0, 'the sync waiting for the budget');
    expect(budgetWaits()).toEqual([60_000]);
    expect(settled).toBe(false);
    expect(gmailCalls(h.emu).history).toBe(0);
    now += 60_000;
    timers.fire(60_000);
    await sync;
    expect(mail.status(h.accountId).sync.status).toBe('idle');
    expect(gmailCalls(h.emu).history).toBe(1);
  });
});

const rateLimitedBody = (retryAt: Date) => ({
  error: {
    code: 429,
    message: `User-rate limit exceeded.  Retry after ${retryAt.toISOString()}`,
    errors: [{ message: 'User-rate limit exceeded.', domain: 'usageLimits', reason: 'rateLimitExceeded' }],
    status: 'RESOURCE_EXHAUSTED',
  },
});

describe('Google’s own 429 during a next page', () => {
  it('a short one (20 s) answers RATE_LIMITED at once with Google’s instant, then the page loads', async () => {
    const { mail, nextPageToken } = await afterFirstPage(6_000);
    now += 60_000; // the budget has room: only Google says wait
    const versionBefore = mail.status(h.accountId).version;
    // Google's instant is on Google's clock (the emulator's, real time): 20 s from its now.
    const injectedAt = Date.now();
    h.emu.faults.inject({
      match: { kind: 'gmail', path: /\/messages$/ },
      fault: { type: 'status', status: 429, body: rateLimitedBody(new Date(injectedAt + 20_000)) },
      times: 1,
    });
    h.emu.resetLog();
    const outcome = await answeredAtOnce(
      mail.list({ accountId: h.accountId, scope: 'unread', pageToken: nextPageToken }),
    );
    expect(outcome).toBeInstanceOf(RateLimitedError);
    const wait = (outcome as RateLimitedError).retryAt! - now;
    // Less the time Google's answer took: its clock has moved on by then.
    expect(wait).toBeGreaterThanOrEqual(20_000 - (Date.now() - injectedAt));
    // Google's Date header counts whole seconds, so the skew correction may move its instant by up to a second.
    expect(wait).toBeLessThanOrEqual(22_000);
    expect(budgetWaits()).toEqual([]);
    expect(mail.status(h.accountId).version).toBe(versionBefore);
    expect(gmailCalls(h.emu)).toMatchObject({ list: 1, batch: 0 });

    now = (outcome as RateLimitedError).retryAt!;
    const next = await answeredAtOnce(mail.list({ accountId: h.accountId, scope: 'unread', pageToken: nextPageToken }));
    expect((next as Awaited<ReturnType<MailService['list']>>).messages).toHaveLength(50);
  });

  it('background work still waits a short one out inside', async () => {
    const { mail } = await afterFirstPage(6_000);
    now += 60_000;
    const injectedAt = Date.now();
    h.emu.faults.inject({
      match: { kind: 'gmail', path: /\/history$/ },
      fault: { type: 'status', status: 429, body: rateLimitedBody(new Date(injectedAt + 20_000)) },
      times: 1,
    });
    const sync = mail.syncNow(h.accountId);
    await until(() => budgetWaits().length > 0, 'the sync waiting out Google’s 429');
    // Google's 20 s, less the time its answer took (its clock has moved on by then).
    expect(budgetWaits()[0]).toBeGreaterThanOrEqual(20_000 - (Date.now() - injectedAt));
    now += 21_000;
    timers.fire(30_000);
    await sync;
    expect(mail.status(h.accountId).sync.status).toBe('idle');
  });
});

describe('the unified list’s next page under a spent budget', () => {
  it('never skips a waiting account’s rows: the page stops where its rows stop, then RATE_LIMITED at once', async () => {
    await h.close();
    const users = [
      // Alex's few unread spread among many read ones, so they reach far below Sam's first pages.
      { email: 'alex@example.com', name: 'Alex Rivera', unread: 30, read: 400 },
      { email: 'sam@example.com', name: 'Sam Okafor', unread: 120, read: 0 },
    ];
    h = await startHarness({ emulator: { users }, emails: users.map((u) => u.email) });
    // Each account's budget: its cold first page (607 and 1,007 units) fits, a next page of Sam's does not.
    const mail = h.service({ timers, clock: { now: () => now }, backoff: DEFAULT_BACKOFF, unitsPerMinute: 1_012 });
    for (const { accountId } of h.accounts) await mail.startAccount(accountId);
    const truth = h.accounts
      .flatMap(({ email, accountId }) =>
        unreadTruth(h.emu, email).map((id) => ({
          accountId,
          id,
          date: Number(h.emu.mailbox(email).get(id)!.internalDate),
        })),
      )
      .sort(compareUnified)
      .map(({ accountId, id }) => `${accountId}/${id}`);

    const rows: string[] = [];
    let pageToken: string | null = null;
    let refusals = 0;
    let shortPages = 0;
    for (let guard = 0; guard < 50; guard++) {
      const answered = await answeredAtOnce(
        mail.list({ accountId: ALL_ACCOUNTS, scope: 'unread', pageToken, pageSize: 50 }),
      );
      if (answered instanceof RateLimitedError) {
        refusals += 1;
        expect(answered.retryAt! - now).toBeGreaterThan(LOAD_MORE_BUDGET_WAIT.maxBudgetWaitMs);
        expect(budgetWaits()).toEqual([]);
        now = answered.retryAt!;
        continue;
      }
      const page = answered as Awaited<ReturnType<MailService['list']>>;
      if (page.nextPageToken !== null && page.messages.length < 50) shortPages += 1;
      rows.push(...page.messages.map((m) => `${m.accountId}/${m.id}`));
      pageToken = page.nextPageToken;
      if (pageToken === null) break;
    }
    // Every row of both accounts, in the unified order, each once.
    expect(rows).toEqual(truth);
    expect(refusals).toBeGreaterThan(0);
    expect(shortPages).toBeGreaterThan(0);
  });
});
