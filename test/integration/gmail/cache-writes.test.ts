/** The local store is written when something changed, not after every poll. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './helpers.js';

let h: Harness;
beforeEach(async () => {
  h = await startHarness({
    emulator: { users: [{ email: 'alex@example.com', name: 'Alex Rivera', unread: 30, read: 5 }] },
  });
});
afterEach(async () => {
  await h.close();
});

describe('store writes', () => {
  it('a sync that finds nothing new does not write the store; one that finds new mail does', async () => {
    let writes = 0;
    const mail = h.service({ storeHooks: { beforeWrite: () => void (writes += 1) } });
    await mail.startAccount(h.accountId);
    await mail.list({ accountId: h.accountId, scope: 'unread' });
    expect(writes).toBe(1); // the first sync
    await mail.syncNow(h.accountId);
    await mail.syncNow(h.accountId);
    await mail.dispose();
    expect(writes).toBe(1);

    const restarted = h.service({ storeHooks: { beforeWrite: () => void (writes += 1) } });
    await restarted.startAccount(h.accountId);
    const newId = h.emu.mailbox(h.email).add({ subject: 'Worth saving' });
    await restarted.syncNow(h.accountId);
    expect(writes).toBe(2);
    await restarted.dispose();
    expect(writes).toBe(2);
    expect((await h.service().list({ accountId: h.accountId, scope: 'unread' })).messages[0]?.id).toBe(newId);
  });
});
