/** Quitting or signing out aborts requests in flight instead of waiting for Google (up to the 30 s time-out). */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OfflineError } from '../../../electron/core/errors.js';
import { startHarness, type Harness } from './helpers.js';

let h: Harness;
beforeEach(async () => {
  h = await startHarness({
    emulator: { users: [{ email: 'alex@example.com', name: 'Alex Rivera', unread: 10, read: 2 }] },
  });
});
afterEach(async () => {
  await h.close();
});

async function historyRequested(): Promise<void> {
  while (!h.emu.requestLog.some((e) => e.path.endsWith('/history')))
    await new Promise((resolve) => setTimeout(resolve, 5));
}

describe('cancel', () => {
  it('dispose() aborts a request Google is slow to answer; the sync ends offline, not after the time-out', async () => {
    const mail = h.service(); // default 30 s request time-out
    await mail.startAccount(h.accountId);
    await mail.list({ accountId: h.accountId, scope: 'unread' });
    // Held far longer than this test's own time-out: without the abort, neither promise settles in time.
    h.emu.faults.inject({
      match: { kind: 'gmail', path: /\/history$/ },
      fault: { type: 'slow', ms: 120_000 },
      times: 1,
    });
    h.emu.resetLog();
    const sync = mail.syncNow(h.accountId).catch((error: unknown) => error);
    await historyRequested();
    await mail.dispose();
    expect(await sync).toBeInstanceOf(OfflineError);
    expect(h.emu.requestLog.filter((e) => e.path.endsWith('/history'))).toHaveLength(1); // not retried
  });

  it('removeAccountData() aborts a slow request too', async () => {
    const mail = h.service();
    await mail.startAccount(h.accountId);
    await mail.list({ accountId: h.accountId, scope: 'unread' });
    h.emu.faults.inject({
      match: { kind: 'gmail', path: /\/history$/ },
      fault: { type: 'slow', ms: 120_000 },
      times: 1,
    });
    h.emu.resetLog();
    const sync = mail.syncNow(h.accountId).catch((error: unknown) => error);
    await historyRequested();
    await mail.removeAccountData(h.accountId);
    expect(await sync).toBeInstanceOf(OfflineError);
  });
});
