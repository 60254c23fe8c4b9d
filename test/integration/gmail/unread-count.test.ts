/** After a full sync the unread count is labels.get(INBOX)'s exact figure, not the listing's estimate. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startHarness, unreadTruth, type Harness } from './helpers.js';

let h: Harness;
beforeEach(async () => {
  h = await startHarness({
    emulator: { users: [{ email: 'alex@example.com', name: 'Alex Rivera', unread: 120, read: 10 }] },
  });
});
afterEach(async () => {
  await h.close();
});

describe('unread count after a full sync', () => {
  it('comes from labels.get(INBOX), even when the listing’s resultSizeEstimate is far off', async () => {
    const box = h.emu.mailbox(h.email);
    const firstPage = unreadTruth(h.emu, h.email)
      .slice(0, 50)
      .map((id) => ({ id, threadId: box.get(id)!.threadId }));
    // Google's estimate is only an estimate: answer the first listing with a wrong one.
    h.emu.faults.inject({
      match: { kind: 'gmail', path: /\/messages$/ },
      fault: {
        type: 'status',
        status: 200,
        body: { messages: firstPage, nextPageToken: 'more', resultSizeEstimate: 4000 },
      },
      times: 1,
    });
    const mail = h.service();
    await mail.startAccount(h.accountId);
    const page = await mail.list({ accountId: h.accountId, scope: 'unread' });
    expect(page.messages.map((m) => m.id)).toEqual(firstPage.map((m) => m.id));
    expect(page.resultSizeEstimate).toBe(box.unreadCount());
    expect(box.unreadCount()).toBe(120);
  });
});
