/** Polling and wake-ups, driven by fake timers (no test waits on the clock). */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OfflineError } from '../../../electron/core/errors.js';
import { gmailCalls, ManualTimers, startHarness, type Harness } from './helpers.js';

let h: Harness;
let timers: ManualTimers;
beforeEach(async () => {
  h = await startHarness({
    emulator: { users: [{ email: 'alex@example.com', name: 'Alex Rivera', unread: 30, read: 5 }] },
  });
  timers = new ManualTimers();
});
afterEach(async () => {
  await h.close();
});

/** Waits for a state (real HTTP to the emulator is in between), bounded so a bug fails instead of hanging. */
async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 2000 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 2));
  if (!condition()) throw new Error('condition never became true');
}

describe('polling', () => {
  it('after a sync, the next poll is scheduled at settings.pollSeconds and runs one history.list', async () => {
    h.settings.pollSeconds = 90;
    const mail = h.service({ timers, saveDelayMs: 10 });
    await mail.startAccount(h.accountId);
    await mail.list({ accountId: h.accountId, scope: 'unread' });
    await until(() => timers.delays().includes(90_000));
    h.emu.resetLog();
    timers.fire(90_000);
    await until(() => gmailCalls(h.emu).history === 1 && mail.status(h.accountId).sync.status === 'idle');
    await until(() => timers.delays().includes(90_000));
    expect(gmailCalls(h.emu)).toMatchObject({ history: 1, list: 0, batch: 0 });
  });

  it('onWake bursts (focus, resume, online) are merged into one sync', async () => {
    const mail = h.service({ timers, wakeDebounceMs: 1000 });
    await mail.startAccount(h.accountId);
    await mail.list({ accountId: h.accountId, scope: 'unread' });
    await until(() => mail.status(h.accountId).sync.status === 'idle');
    h.emu.resetLog();
    mail.onWake('focus');
    mail.onWake('resume');
    mail.onWake('online');
    expect(timers.fire(1000)).toBe(1);
    await until(() => gmailCalls(h.emu).history === 1 && mail.status(h.accountId).sync.status === 'idle');
    expect(gmailCalls(h.emu).history).toBe(1);
  });

  it('after a failure the next attempt comes sooner than the poll interval and the state says when', async () => {
    h.settings.pollSeconds = 600;
    const mail = h.service({ timers });
    await mail.startAccount(h.accountId);
    await mail.list({ accountId: h.accountId, scope: 'unread' });
    await until(() => mail.status(h.accountId).sync.status === 'idle');
    h.emu.faults.inject({ match: { kind: 'gmail' }, fault: { type: 'reset' }, times: 100 });
    let settled = false;
    const failing = mail
      .syncNow(h.accountId)
      .catch((e: unknown) => e)
      .finally(() => (settled = true));
    // Back-off sleeps go through the same timers: let them run until the sync gives up.
    for (let i = 0; i < 20 && !settled; i++) {
      await until(() => timers.pending.size > 0 || settled);
      if (mail.status(h.accountId).sync.status === 'syncing') timers.fire(60_000);
    }
    expect(await failing).toBeInstanceOf(OfflineError);
    const state = mail.status(h.accountId).sync;
    expect(state.status).toBe('offline');
    const retryIn = Math.min(...timers.delays());
    expect(retryIn).toBeLessThan(600_000);
    expect(state.retryAt).toBeGreaterThan(Date.now() - 1000);
  });
});
