/** Gmail's listing page token is kept in the cache; when Google stops accepting it, the listing starts again. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { gmailCalls, listAllUnread, startHarness, unreadTruth, type Harness } from './helpers.js';

let h: Harness;
beforeEach(async () => {
  h = await startHarness({
    emulator: { users: [{ email: 'alex@example.com', name: 'Alex Rivera', unread: 130, read: 10 }] },
  });
});
afterEach(async () => {
  await h.close();
});

const invalidPageToken = {
  error: {
    code: 400,
    message: 'Invalid pageToken',
    errors: [{ message: 'Invalid pageToken', domain: 'global', reason: 'invalidArgument' }],
    status: 'INVALID_ARGUMENT',
  },
};

describe('a stored listing page token Google no longer accepts', () => {
  it('after a restart, scrolling past the cached page lists again from the top and carries on, without re-fetching known mail', async () => {
    const first = h.service();
    await first.startAccount(h.accountId);
    await first.list({ accountId: h.accountId, scope: 'unread' });
    await first.dispose();

    const restarted = h.service();
    const cached = await restarted.list({ accountId: h.accountId, scope: 'unread' });
    expect(cached.fromCache).toBe(true);
    h.emu.faults.inject({
      match: { kind: 'gmail', path: /\/messages$/ },
      fault: { type: 'status', status: 400, body: invalidPageToken },
      times: 1,
    });
    h.emu.resetLog();
    const next = await restarted.list({ accountId: h.accountId, scope: 'unread', pageToken: cached.nextPageToken });
    expect(next.messages.map((m) => m.id)).toEqual(unreadTruth(h.emu, h.email).slice(50, 100));
    expect(h.emu.requestLog.filter((e) => e.path.endsWith('/messages')).map((e) => e.status)).toEqual([400, 200, 200]);
    expect(gmailCalls(h.emu).batchParts).toBe(50); // the top page was known: only the new page was fetched
    expect(await listAllUnread(restarted, h.accountId)).toEqual(unreadTruth(h.emu, h.email));
  });
});
