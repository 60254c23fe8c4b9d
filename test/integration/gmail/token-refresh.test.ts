/**
 * The client is built with forceRefreshOnFailure off; the transport refreshes the access token on a 401
 * only (once, then replays once). A 403 rate limit must not cost a token refresh.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ClientRejectedError, GmailUnavailableError, NeedsSignInError } from '../../../electron/core/errors.js';
import { gmailCalls, startHarness, unreadTruth, type Harness } from './helpers.js';

let h: Harness;
beforeEach(async () => {
  h = await startHarness({
    emulator: { users: [{ email: 'alex@example.com', name: 'Alex Rivera', unread: 60, read: 10 }] },
  });
});
afterEach(async () => {
  await h.close();
});

const tokenPosts = () =>
  h.emu.requestLog.filter(
    (e) => e.kind === 'oauth' && e.method === 'POST' && e.path === new URL(h.emu.endpoints.token).pathname,
  ).length;
const usageLimit403 = {
  error: {
    code: 403,
    message: `User-rate limit exceeded.  Retry after ${new Date(Date.now() + 20).toISOString()}`,
    errors: [{ message: 'User-rate limit exceeded.', domain: 'usageLimits', reason: 'userRateLimitExceeded' }],
  },
};
const unauthorized = {
  error: {
    code: 401,
    message: 'Request had invalid authentication credentials.',
    errors: [{ reason: 'authError', domain: 'global' }],
    status: 'UNAUTHENTICATED',
  },
};

describe('access token refresh', () => {
  it('a 403 usageLimits rate limit is waited out with no token refresh', async () => {
    const mail = h.service();
    await mail.startAccount(h.accountId);
    await mail.list({ accountId: h.accountId, scope: 'unread' });
    h.emu.faults.inject({
      match: { kind: 'gmail', path: /\/history$/ },
      fault: { type: 'status', status: 403, body: usageLimit403 },
      times: 2,
    });
    h.emu.resetLog();
    await mail.syncNow(h.accountId);
    expect(h.emu.requestLog.filter((e) => e.path.endsWith('/history')).map((e) => e.status)).toEqual([403, 403, 200]);
    expect(tokenPosts()).toBe(0);
  });

  it('a 401 on a token Glance still thinks valid → exactly one refresh and one replay', async () => {
    const mail = h.service();
    await mail.startAccount(h.accountId);
    await mail.list({ accountId: h.accountId, scope: 'unread' });
    expect(h.client.credentials.expiry_date).toBeGreaterThan(Date.now()); // the client would not refresh on its own
    h.emu.expireAccessTokens(h.email);
    h.emu.resetLog();
    await mail.syncNow(h.accountId);
    expect(h.emu.requestLog.filter((e) => e.path.endsWith('/history')).map((e) => e.status)).toEqual([401, 200]);
    expect(tokenPosts()).toBe(1);
    expect(h.authFailures).toHaveLength(0);
  });

  it('a cold start whose concurrent requests all get 401 shares one refresh, and the batch is replayed after it', async () => {
    h.emu.expireAccessTokens(h.email);
    const mail = h.service();
    h.emu.resetLog();
    const page = await mail.list({ accountId: h.accountId, scope: 'unread' });
    expect(page.messages.map((m) => m.id)).toEqual(unreadTruth(h.emu, h.email).slice(0, 50));
    expect(tokenPosts()).toBe(1);
    expect(gmailCalls(h.emu)).toMatchObject({ list: 2, profile: 2, batch: 1 });
  });

  it('a 401 on one batch part refreshes once and sends again only the parts not yet answered', async () => {
    const mail = h.service();
    h.emu.faults.inject({
      match: { kind: 'batch-part' },
      fault: { type: 'status', status: 401, body: unauthorized },
      times: 1,
    });
    h.emu.resetLog();
    const page = await mail.list({ accountId: h.accountId, scope: 'unread' });
    expect(page.messages.map((m) => m.id)).toEqual(unreadTruth(h.emu, h.email).slice(0, 50));
    expect(tokenPosts()).toBe(1);
    const calls = gmailCalls(h.emu);
    expect(calls.batch).toBe(2);
    expect(calls.batchParts).toBeLessThan(100); // not the whole batch twice
    expect(h.authFailures).toHaveLength(0);
  });

  it('a second 401 after the refresh means the person must sign in again', async () => {
    const mail = h.service();
    await mail.startAccount(h.accountId);
    await mail.list({ accountId: h.accountId, scope: 'unread' });
    h.emu.faults.inject({
      match: { kind: 'gmail', path: /\/history$/ },
      fault: { type: 'status', status: 401, body: unauthorized },
      times: 2,
    });
    h.emu.resetLog();
    await expect(mail.syncNow(h.accountId)).rejects.toBeInstanceOf(NeedsSignInError);
    expect(tokenPosts()).toBe(1);
    expect(h.emu.requestLog.filter((e) => e.path.endsWith('/history'))).toHaveLength(2);
    expect(h.authFailures).toHaveLength(1);
  });

  it('a 401, then the token endpoint failing for a moment (503, a reset): never "sign in again"', async () => {
    const mail = h.service();
    await mail.startAccount(h.accountId);
    await mail.list({ accountId: h.accountId, scope: 'unread' });
    h.emu.expireAccessTokens(h.email); // Google refuses the token before its expiry
    const tokenPath = new URL(h.emu.endpoints.token).pathname;
    h.emu.faults.inject({
      match: { kind: 'oauth', path: tokenPath },
      fault: { type: 'status', status: 503 },
      times: 1,
    });
    h.emu.faults.inject({ match: { kind: 'oauth', path: tokenPath }, fault: { type: 'reset' }, times: 1 });
    h.emu.resetLog();
    await mail.syncNow(h.accountId);
    expect(h.emu.requestLog.filter((e) => e.path.endsWith('/history')).map((e) => e.status)).toEqual([
      401, 401, 401, 200,
    ]);
    expect(tokenPosts()).toBe(3);
    expect(h.authFailures).toHaveLength(0);
    expect(mail.status(h.accountId).sync.status).toBe('idle');
  });

  it('a 401 while the token endpoint stays down ends as an outage, not as "sign in again"', async () => {
    const mail = h.service();
    await mail.startAccount(h.accountId);
    await mail.list({ accountId: h.accountId, scope: 'unread' });
    h.emu.expireAccessTokens(h.email);
    const tokenPath = new URL(h.emu.endpoints.token).pathname;
    h.emu.faults.inject({ match: { kind: 'oauth', path: tokenPath }, fault: { type: 'status', status: 503 } });
    const error = await mail.syncNow(h.accountId).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GmailUnavailableError);
    expect(h.authFailures).toHaveLength(0);
    expect(mail.status(h.accountId).sync.status).toBe('google-trouble');
  });

  it('a client deleted in Cloud Console, found by a refresh: the client is rejected, the account keeps its mail', async () => {
    const mail = h.service();
    await mail.startAccount(h.accountId);
    const before = await mail.list({ accountId: h.accountId, scope: 'unread' });
    h.emu.deleteClient(h.emu.defaultClient.clientId);
    h.emu.expireAccessTokens(h.email);
    h.emu.resetLog();
    const error = await mail.syncNow(h.accountId).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ClientRejectedError);
    expect(error).toMatchObject({
      code: 'CLIENT_REJECTED',
      reason: 'deleted_client',
      clientId: h.emu.defaultClient.clientId,
    });
    // Not "sign in again": the account was never reported as signed out, and one refresh was enough to know.
    expect(h.authFailures).toHaveLength(0);
    expect(tokenPosts()).toBe(1);
    const status = mail.status(h.accountId).sync;
    expect(status.status).toBe('error');
    expect(status.message).toMatch(/client file/);
    expect(status.message).not.toMatch(/sign in again/i);
    // The window words it from the code, in the person's language.
    expect(status.error).toMatchObject({
      code: 'CLIENT_REJECTED',
      reason: 'deleted-client',
      clientId: h.emu.defaultClient.clientId,
    });
    // The mail already here is still served.
    const after = await mail.list({ accountId: h.accountId, scope: 'unread' });
    expect(after.messages.map((m) => m.id)).toEqual(before.messages.map((m) => m.id));
  });
});
