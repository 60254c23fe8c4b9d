/**
 * Gmail having trouble (5xx) is not the person being offline: the account's state says so within seconds of
 * back-off, and Glance recovers on its own when the outage ends. Every wait is read off fake timers and a fake
 * clock; nothing waits on the wall clock.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GmailUnavailableError } from '../../../electron/core/errors.js';
import { DEFAULT_BACKOFF } from '../../../electron/core/gmail/failure.js';
import type { MailService } from '../../../electron/core/gmail/mail-service.js';
import { ManualTimers, startHarness, until, type Harness } from './helpers.js';

const unavailable = {
  error: {
    code: 503,
    message: 'The service is currently unavailable.',
    errors: [{ message: 'Backend Error', domain: 'global', reason: 'backendError' }],
    status: 'UNAVAILABLE',
  },
};

let h: Harness;
let timers: ManualTimers;
/** Glance's clock: moved only by the timers this test fires. */
let now: number;
beforeEach(async () => {
  h = await startHarness({
    emulator: { users: [{ email: 'alex@example.com', name: 'Alex Rivera', unread: 30, read: 5 }] },
  });
  h.settings.pollSeconds = 300;
  timers = new ManualTimers();
  now = Date.parse('2026-12-07T12:00:00Z');
});
afterEach(async () => {
  await h.close();
});

/** Production's back-off (not the harness' 1 ms one), on fake timers and the fake clock. */
async function startedService(): Promise<MailService> {
  const mail = h.service({ timers, clock: { now: () => now }, backoff: DEFAULT_BACKOFF });
  await mail.startAccount(h.accountId);
  await mail.list({ accountId: h.accountId, scope: 'unread' });
  await until(() => mail.status(h.accountId).sync.status === 'idle', 'the first sync');
  return mail;
}

/** Waits shorter than the poll interval: back-off and retry timers (saves are 0 ms, polls 300 s). */
const waits = () => timers.delays().filter((ms) => ms > 0 && ms < 300_000);

/** Fires the next wait as soon as one is pending, moving the clock; returns how long it was. */
async function fireNextWait(settled: () => boolean): Promise<number> {
  await until(() => waits().length > 0 || settled(), 'a pending wait');
  if (settled()) return 0;
  const [ms] = waits();
  now += ms!;
  timers.fire(ms);
  return ms!;
}

describe('Gmail answering 5xx', () => {
  it('shows "Gmail is having trouble — retrying" (not offline) after at most 3 s of back-off', async () => {
    const mail = await startedService();
    h.emu.faults.inject({ match: { kind: 'gmail' }, fault: { type: 'status', status: 503, body: unavailable } });
    let settled = false;
    const sync = mail
      .syncNow(h.accountId)
      .catch((e: unknown) => e)
      .finally(() => (settled = true));
    let waited = 0;
    for (let i = 0; i < 20 && !settled; i++) waited += await fireNextWait(() => settled);
    expect(await sync).toBeInstanceOf(GmailUnavailableError);
    expect(waited).toBeLessThanOrEqual(DEFAULT_BACKOFF.maxTransientWaitMs);
    const state = mail.status(h.accountId).sync;
    expect(state.status).toBe('google-trouble');
    expect(state.message).toMatch(/Gmail is having trouble/);
    expect(state.retryAt! - now).toBeGreaterThan(0);
    expect(state.retryAt! - now).toBeLessThanOrEqual(300_000);
  });

  it('60 s of 503s: the account says so throughout and is back to normal on its own soon after', async () => {
    const mail = await startedService();
    const outageStart = now;
    const stop = h.emu.faults.inject({
      match: { kind: 'gmail' },
      fault: { type: 'status', status: 503, body: unavailable },
      times: 10_000,
    });
    void mail.syncNow(h.accountId).catch(() => undefined);
    const changesBefore = h.changes(h.accountId).length;
    let stopped = false;
    for (let i = 0; i < 200; i++) {
      const status = mail.status(h.accountId).sync.status;
      if (stopped && status === 'idle') break;
      if (!stopped && now - outageStart >= 60_000) {
        stop();
        stopped = true;
      }
      await fireNextWait(() => stopped && mail.status(h.accountId).sync.status === 'idle');
    }
    expect(mail.status(h.accountId).sync.status).toBe('idle');
    // What the person saw meanwhile: checking, then Gmail's trouble, until it was over — never "offline".
    const shown = new Set(
      h
        .changes(h.accountId)
        .slice(changesBefore)
        .map((change) => change.sync.status),
    );
    expect([...shown].sort()).toEqual(['google-trouble', 'idle', 'syncing']);
    // Retries while it lasts grow from 5 s, so the first one after the outage comes within ~a minute of its end.
    expect(now - outageStart).toBeLessThan(60_000 + 80_000);
    expect(h.authFailures).toHaveLength(0);
  });
});
