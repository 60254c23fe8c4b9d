/**
 * Gmail permission missing during a sync (403 insufficientPermissions): the account stays started and
 * keeps trying with a back-off, and the sync state says what to do; startAccount retries at once.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ScopeMissingError } from '../../../electron/core/errors.js';
import { realTimers, type Timers } from '../../../electron/core/ports.js';
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

const insufficientPermissions = {
  error: {
    code: 403,
    message: 'Request had insufficient authentication scopes.',
    errors: [{ message: 'Insufficient Permission', domain: 'global', reason: 'insufficientPermissions' }],
    status: 'PERMISSION_DENIED',
  },
};

/** Real timers that also remember the long ones (polls), so the test can fire a poll without waiting for it. */
function recordingTimers(): Timers & { polls: Array<{ ms: number; fire: () => void; cleared: boolean }> } {
  const polls: Array<{ ms: number; fire: () => void; cleared: boolean }> = [];
  return {
    polls,
    schedule(callback, ms) {
      const cancel = realTimers.schedule(callback, ms);
      const poll = { ms, fire: callback, cleared: false };
      if (ms >= 1000) polls.push(poll);
      return () => {
        poll.cleared = true;
        cancel();
      };
    },
  };
}

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
}

describe('missing Gmail permission during a sync', () => {
  it('keeps the account polling with a back-off and recovers once permission is back', async () => {
    const timers = recordingTimers();
    const mail = h.service({ timers });
    await mail.startAccount(h.accountId);
    await mail.list({ accountId: h.accountId, scope: 'unread' });
    h.emu.faults.inject({
      match: { kind: 'gmail', path: /\/history$/ },
      fault: { type: 'status', status: 403, body: insufficientPermissions },
      times: 2,
    });
    await expect(mail.syncNow(h.accountId)).rejects.toBeInstanceOf(ScopeMissingError);
    const state = mail.status(h.accountId).sync;
    expect(state).toMatchObject({ status: 'needs-sign-in', message: expect.stringContaining('tick the Gmail box') });
    expect(state.retryAt).toBeGreaterThan(Date.now());
    // A poll is scheduled (not stopped for good): fire it, still no permission, and the next one waits.
    const pending = () => timers.polls.filter((p) => !p.cleared);
    expect(pending()).toHaveLength(1);
    const firstPoll = pending()[0]!;
    firstPoll.cleared = true;
    firstPoll.fire();
    await until(() => pending().length === 1);
    expect(mail.status(h.accountId).sync.status).toBe('needs-sign-in');
    // Permission granted again (a new consent calls startAccount): it syncs at once.
    const newId = h.emu.mailbox(h.email).add({ subject: 'Allowed again' });
    await mail.startAccount(h.accountId);
    await until(() => mail.status(h.accountId).sync.status === 'idle');
    expect((await mail.list({ accountId: h.accountId, scope: 'unread' })).messages[0]?.id).toBe(newId);
  });
});
