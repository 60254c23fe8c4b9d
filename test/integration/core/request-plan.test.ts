/**
 * The request plan through the whole core (GlanceCore's typed API, as the IPC adapters call it) against
 * the emulator with 100 ms latency: sign-in → first page, and one new message. Round trips are counted as
 * waves of Gmail requests that arrive together.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createGlanceCore, type GlanceCore, type GlanceCoreOptions } from '../../../electron/core/app-core.js';
import { startGoogleEmulator, type GoogleEmulator } from '../../../electron/google-emulator/index.js';
import { signInOnEmulator } from './signed-in-core.js';
import { ALL_ACCOUNTS, type MailboxChange } from '../../../electron/shared/ipc-contract.js';

// Long enough that a loaded machine does not spread one round trip over more than half of it.
const LATENCY_MS = 250;
let core: GlanceCore | null = null;
let emulator: GoogleEmulator | null = null;
afterEach(async () => {
  await core?.dispose();
  await emulator?.close();
});

function gmailRequests(emu: GoogleEmulator) {
  return emu.requestLog.filter((e) => e.kind === 'gmail' || e.kind === 'batch');
}

/** Requests arriving within half the latency of the previous one belong to the same round trip. */
function roundTrips(emu: GoogleEmulator): number {
  const times = gmailRequests(emu)
    .map((e) => e.at)
    .sort((a, b) => a - b);
  return times.filter((at, i) => i === 0 || at - times[i - 1]! > LATENCY_MS / 2).length;
}

async function signedInCore(emails: string[]) {
  emulator = await startGoogleEmulator({
    latencyMs: LATENCY_MS,
    users: emails.map((email, i) => ({ email, name: `User ${i}`, unread: 120, read: 10 })),
  });
  const dataDir = await mkdtemp(join(tmpdir(), 'glance-plan-'));
  const signedIn = await signInOnEmulator(emulator, emails, { dataDir });
  core = signedIn.core;
  return { core, emulator, ids: signedIn.accountIds, options: signedIn.options };
}

/** Quits and starts again on the same data folder and keychain (an app restart). */
async function restart(options: GlanceCoreOptions): Promise<GlanceCore> {
  await core?.dispose();
  core = await createGlanceCore(options);
  return core;
}

describe('request plan through GlanceCore', () => {
  it('sign-in → first page: 4 Gmail requests in 2 round trips, one INBOX count, and the page carries it', async () => {
    const { core: glance, emulator: emu, ids } = await signedInCore(['alex@example.com']);
    const page = await glance.mail.list({ accountId: ids[0]!, scope: 'unread' });
    expect(page.messages).toHaveLength(50);
    const requests = gmailRequests(emu);
    expect(requests.map((e) => e.path.replace(/^.*\/users\/me\//, '')).sort()).toEqual(
      ['/batch/gmail/v1', 'labels/INBOX', 'messages', 'profile'].sort(),
    );
    expect(roundTrips(emu)).toBe(2);
    expect(page.mailboxes[0]?.unreadCount).toBe(emu.mailbox('alex@example.com').unreadCount());
    expect(glance.mail.mailboxes()).toEqual(page.mailboxes);
    expect(gmailRequests(emu)).toHaveLength(4); // reading the statuses cost nothing
  });

  it('one new message: history.list and one batch, no count fetch; the change carries it and the count', async () => {
    const { core: glance, emulator: emu, ids } = await signedInCore(['alex@example.com']);
    await glance.mail.list({ accountId: ids[0]!, scope: 'unread' });
    const changes: Array<{ arrivedIds: string[]; unreadCount: number | null }> = [];
    glance.onEvent((event, payload) => {
      if (event === 'mailbox:changed') changes.push(payload as { arrivedIds: string[]; unreadCount: number | null });
    });
    const box = emu.mailbox('alex@example.com');
    const id = box.add({ subject: 'Hello' });
    emu.resetLog();
    await glance.mail.syncNow(ids[0]!);
    expect(gmailRequests(emu).map((e) => e.path.replace(/^.*\/users\/me\//, ''))).toEqual([
      'history',
      '/batch/gmail/v1',
    ]);
    expect(changes.find((c) => c.arrivedIds.length > 0)).toEqual(
      expect.objectContaining({ arrivedIds: [id], unreadCount: box.unreadCount() }),
    );
  });

  it('three accounts: a warm start serves the unified first page with no Gmail request; a cold one takes 2 round trips', async () => {
    const emails = ['alex@example.com', 'sam@example.com', 'kim@example.com'];
    const { core: glance, emulator: emu, options } = await signedInCore(emails);
    await glance.mail.list({ accountId: ALL_ACCOUNTS, scope: 'unread' });
    await glance.mail.syncAll(); // every account's store written

    emu.resetLog();
    const warmCore = await restart(options);
    const synced = new Set<string>();
    const seenBeforePage: string[] = [];
    let pageServed = false;
    warmCore.onEvent((event, payload) => {
      if (event !== 'mailbox:changed') return;
      const change = payload as MailboxChange;
      if (!pageServed) seenBeforePage.push(change.sync.status);
      if (change.sync.status === 'idle') synced.add(change.accountId);
    });
    const warm = await warmCore.mail.list({ accountId: ALL_ACCOUNTS, scope: 'unread' });
    pageServed = true;
    // Started from their caches, the accounts wait for the first page before syncing: nothing races the paint.
    expect(seenBeforePage).not.toContain('syncing');
    expect(warm.fromCache).toBe(true);
    expect(warm.mailboxes).toHaveLength(3);
    expect(gmailRequests(emu)).toHaveLength(0);
    // …and then every account syncs (one history.list each: nothing new).
    await vi.waitFor(() => expect(synced.size).toBe(3));
    expect(gmailRequests(emu).map((e) => e.path.split('/').pop())).toEqual(['history', 'history', 'history']);

    await core!.dispose();
    core = null;
    await rm(join(options.paths.dataDir, 'mail'), { recursive: true, force: true });
    emu.resetLog();
    const cold = await (await restart(options)).mail.list({ accountId: ALL_ACCOUNTS, scope: 'unread' });
    expect(cold.messages).toHaveLength(50);
    expect(new Set(cold.messages.map((m) => m.accountId)).size).toBeGreaterThan(1);
    expect(gmailRequests(emu)).toHaveLength(12); // 4 per account
    expect(roundTrips(emu)).toBe(2);
  });
});
