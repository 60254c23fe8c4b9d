/** Google misbehaving: 429s, 5xx, resets and garbled bodies, on whole requests and on single batch parts. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OfflineError, RateLimitedError } from '../../../electron/core/errors.js';
import { gmailCalls, listAllUnread, startHarness, unreadTruth, type Harness } from './helpers.js';

let h: Harness;
beforeEach(async () => {
  h = await startHarness({
    emulator: { users: [{ email: 'alex@example.com', name: 'Alex Rivera', unread: 130, read: 20 }] },
  });
});
afterEach(async () => {
  await h.close();
});

const rateLimited = (retryAt: Date) => ({
  error: {
    code: 429,
    message: `User-rate limit exceeded.  Retry after ${retryAt.toISOString()}`,
    errors: [{ message: 'User-rate limit exceeded.', domain: 'usageLimits', reason: 'rateLimitExceeded' }],
    status: 'RESOURCE_EXHAUSTED',
  },
});
const unavailable = {
  error: {
    code: 503,
    message: 'The service is currently unavailable.',
    errors: [{ message: 'Backend Error', domain: 'global', reason: 'backendError' }],
    status: 'UNAVAILABLE',
  },
};

describe('a full sync completes correctly while Google misbehaves', () => {
  it('with 429s, 5xx, resets and garbled answers on requests and on single batch parts', async () => {
    const { faults } = h.emu;
    faults.inject({
      match: { kind: 'gmail', path: /\/messages$/ },
      fault: { type: 'status', status: 503, body: unavailable },
      times: 2,
    });
    faults.inject({ match: { kind: 'gmail', path: /\/profile$/ }, fault: { type: 'reset' }, times: 1 });
    faults.inject({ match: { kind: 'batch' }, fault: { type: 'reset' }, times: 1 });
    faults.inject({ match: { kind: 'batch' }, fault: { type: 'malformed' }, times: 1 });
    faults.inject({
      match: { kind: 'batch-part' },
      fault: { type: 'status', status: 429, body: rateLimited(new Date(Date.now() + 20)) },
      times: 7,
    });
    faults.inject({
      match: { kind: 'batch-part' },
      fault: { type: 'status', status: 500, body: unavailable },
      times: 5,
    });
    faults.inject({ match: { kind: 'batch-part' }, fault: { type: 'malformed' }, times: 2 });
    const mail = h.service();
    await mail.startAccount(h.accountId);
    const ids = await listAllUnread(mail, h.accountId);
    expect(ids).toEqual(unreadTruth(h.emu, h.email));
    const page = await mail.list({ accountId: h.accountId, scope: 'unread' });
    expect(page.messages.every((m) => m.subject.length > 0)).toBe(true);
    // The faults really happened (so this test can fail): Glance saw and survived each kind.
    const statuses = (kind: string) => h.emu.requestLog.filter((e) => e.kind === kind).map((e) => e.status);
    expect(statuses('batch-part')).toEqual(expect.arrayContaining([429, 500]));
    expect(statuses('gmail')).toContain(503);
    // Only the failed parts were retried: far fewer than two whole batches' worth of extra parts.
    expect(gmailCalls(h.emu).batchParts).toBeLessThan(130 + 14 + 50 + 50 + 1);
  });

  it('a batch where only some parts get through each round (a concurrency cap) keeps going while it progresses', async () => {
    const firstPage = unreadTruth(h.emu, h.email).slice(0, 50);
    const tooMany = {
      error: {
        code: 429,
        message: 'Too many concurrent requests for user',
        errors: [
          { message: 'Too many concurrent requests for user', domain: 'usageLimits', reason: 'rateLimitExceeded' },
        ],
      },
    };
    // Message k of the first five fails k times in a row: every round answers at least one more part.
    firstPage.slice(0, 5).forEach((id, k) =>
      h.emu.faults.inject({
        match: { kind: 'batch-part', path: `/gmail/v1/users/me/messages/${id}` },
        fault: { type: 'status', status: 429, body: tooMany },
        times: k + 1,
      }),
    );
    const mail = h.service({ backoff: { baseDelayMs: 1, maxDelayMs: 4, maxAttempts: 2, maxRateLimitWaitMs: 5000 } });
    h.emu.resetLog();
    const page = await mail.list({ accountId: h.accountId, scope: 'unread' });
    expect(page.messages.map((m) => m.id)).toEqual(firstPage);
    expect(gmailCalls(h.emu).batch).toBe(6);
    expect(gmailCalls(h.emu).batchParts).toBe(50 + 5 + 4 + 3 + 2 + 1);
  });

  it('history.list failing with 5xx and a reset still syncs', async () => {
    const mail = h.service();
    await mail.startAccount(h.accountId);
    await mail.list({ accountId: h.accountId, scope: 'unread' });
    const newId = h.emu.mailbox(h.email).add({ subject: 'Through the storm' });
    h.emu.faults.inject({
      match: { kind: 'gmail', path: /\/history$/ },
      fault: { type: 'status', status: 502 },
      times: 1,
    });
    h.emu.faults.inject({ match: { kind: 'gmail', path: /\/history$/ }, fault: { type: 'reset' }, times: 1 });
    await mail.syncNow(h.accountId);
    expect((await mail.list({ accountId: h.accountId, scope: 'unread' })).messages[0]?.id).toBe(newId);
  });

  it('a request that hangs is timed out and retried', async () => {
    const mail = h.service({ requestTimeoutMs: 300 });
    await mail.startAccount(h.accountId);
    await mail.list({ accountId: h.accountId, scope: 'unread' });
    h.emu.faults.inject({ match: { kind: 'gmail', path: /\/history$/ }, fault: { type: 'slow', ms: 5000 }, times: 1 });
    h.emu.resetLog();
    const newId = h.emu.mailbox(h.email).add({ subject: 'Worth the wait' });
    await mail.syncNow(h.accountId);
    expect((await mail.list({ accountId: h.accountId, scope: 'unread' })).messages[0]?.id).toBe(newId);
    expect(h.logger.lines.some((l) => l.includes('history.list') && l.includes('transient'))).toBe(true);
  });

  it('a persistent outage ends in OfflineError and the state says offline; cached mail is still served', async () => {
    const mail = h.service();
    await mail.startAccount(h.accountId);
    const page = await mail.list({ accountId: h.accountId, scope: 'unread' });
    // No answer at all (Gmail's 5xx are google-trouble: outage.test.ts).
    h.emu.faults.inject({ match: { kind: 'gmail' }, fault: { type: 'reset' } });
    await expect(mail.syncNow(h.accountId)).rejects.toBeInstanceOf(OfflineError);
    const state = mail.status(h.accountId).sync;
    expect(state.status).toBe('offline');
    expect(state.retryAt).toBeGreaterThan(Date.now() - 1000);
    expect((await mail.list({ accountId: h.accountId, scope: 'unread' })).messages).toEqual(page.messages);
  });

  it('a rate limit far in the future is reported as RateLimitedError with retryAt, not waited out', async () => {
    const mail = h.service();
    await mail.startAccount(h.accountId);
    await mail.list({ accountId: h.accountId, scope: 'unread' });
    const retryAt = new Date(Date.now() + 15 * 60_000);
    h.emu.faults.inject({
      match: { kind: 'gmail' },
      fault: { type: 'status', status: 429, body: rateLimited(retryAt) },
    });
    const error = await mail.syncNow(h.accountId).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitedError);
    expect((error as RateLimitedError).retryAt).toBeGreaterThanOrEqual(retryAt.getTime());
    expect(mail.status(h.accountId).sync).toMatchObject({ status: 'rate-limited' });
    expect(gmailCalls(h.emu).history).toBeGreaterThanOrEqual(1);
  });

  it('the emulator’s own per-user quota (a real 429 "Retry after" a minute away) is reported, not retried in a loop', async () => {
    h.emu.setQuota({ unitsPerUserPerMinute: 120 });
    const mail = h.service();
    // 120 units a minute cannot serve 50 gets × 5 units.
    const outcome = await mail.list({ accountId: h.accountId, scope: 'unread' }).catch((e: unknown) => e);
    expect(outcome).toBeInstanceOf(RateLimitedError);
    expect((outcome as RateLimitedError).retryAt).toBeGreaterThan(Date.now());
    expect(gmailCalls(h.emu).batch).toBeLessThanOrEqual(2);
  });

  it('the client-side quota budget holds requests back before Google has to say no', async () => {
    const mail = h.service({ unitsPerMinute: 100 });
    h.emu.resetLog();
    const outcome = await mail.list({ accountId: h.accountId, scope: 'unread' }).catch((e: unknown) => e);
    expect(outcome).toBeInstanceOf(RateLimitedError);
    // The list, the profile and the inbox count fit in the budget; the batch of 50 gets was never sent.
    expect(gmailCalls(h.emu)).toMatchObject({ list: 1, profile: 1, batch: 0 });
  });
});
