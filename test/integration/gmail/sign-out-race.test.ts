/** Signing out while a store write runs: nothing may write the removed account's store again. */
import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './helpers.js';

let h: Harness;
beforeEach(async () => {
  h = await startHarness({
    emulator: { users: [{ email: 'alex@example.com', name: 'Alex Rivera', unread: 20, read: 5 }] },
  });
});
afterEach(async () => {
  await h.close();
});

const until = async (condition: () => boolean, tries = 500) => {
  for (let i = 0; i < tries && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 5));
  return condition();
};

describe('sign-out racing a cache write', () => {
  it('a write that finishes after sign-out does not re-enable the cache for an operation still in flight', async () => {
    let writes = 0;
    let gate: Promise<void> | null = null;
    let release = () => {};
    const mail = h.service({
      storeHooks: {
        beforeWrite: async () => {
          writes += 1;
          if (gate) await gate;
        },
      },
    });
    await mail.startAccount(h.accountId);
    const [a, b] = (await mail.list({ accountId: h.accountId, scope: 'unread' })).messages.map((m) => m.id);
    gate = new Promise((resolve) => (release = resolve));
    await mail.modify(h.accountId, [a!], 'markRead'); // its save now waits at the gate
    expect(await until(() => writes === 2)).toBe(true);
    // A second change whose POST is still on the wire when the account is removed.
    h.emu.faults.inject({ match: { kind: 'gmail', path: /\/modify$/ }, fault: { type: 'slow', ms: 300 }, times: 1 });
    const late = mail.modify(h.accountId, [b!], 'markRead').catch((error: unknown) => error);
    expect(await until(() => h.emu.requestLog.filter((e) => e.path.endsWith('/modify')).length === 2)).toBe(true);
    const removal = mail.removeAccountData(h.accountId);
    release();
    await removal;
    await late;
    // Give a wrongly scheduled save every chance to land (it would create a new key and file).
    expect(await until(() => writes > 2 || h.secretStore.entries.size > 0, 60)).toBe(false);
    await expect(access(join(h.dataDir, 'mail', `${h.accountId}.db`))).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
