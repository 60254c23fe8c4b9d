/**
 * A sync builds from what Google sent before an archive / mark-read Glance made while it ran; those local
 * changes must survive the sync (they are newer than anything it fetched).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listAllUnread, startHarness, unreadTruth, type Harness } from './helpers.js';

let h: Harness;
beforeEach(async () => {
  h = await startHarness({
    emulator: { users: [{ email: 'alex@example.com', name: 'Alex Rivera', unread: 80, read: 10 }] },
  });
});
afterEach(async () => {
  await h.close();
});

/** Resolves once the emulator has answered (and logged) a batch; its body is then held back by the slow fault. */
async function batchAnswered(): Promise<void> {
  while (!h.emu.requestLog.some((e) => e.kind === 'batch')) await new Promise((resolve) => setTimeout(resolve, 5));
}

describe('local changes made during a sync', () => {
  it('an archive and a mark-read during a 404 full resync are not undone by the resync', async () => {
    const mail = h.service();
    await mail.startAccount(h.accountId);
    const [archived, read] = (await mail.list({ accountId: h.accountId, scope: 'unread' })).messages.map((m) => m.id);
    const box = h.emu.mailbox(h.email);
    box.add({ subject: 'Before expiry' });
    box.expireHistory(); // Glance's historyId is now older than the oldest Google keeps
    // The resync's batch is answered from the mailbox as it is now, then held back on the wire.
    h.emu.faults.inject({ match: { kind: 'batch' }, fault: { type: 'slow', ms: 3000 }, times: 1 });
    h.emu.resetLog();
    const resync = mail.syncNow(h.accountId);
    await batchAnswered();
    await mail.modify(h.accountId, [archived!], 'archive');
    await mail.modify(h.accountId, [read!], 'markRead');
    expect(mail.status(h.accountId).sync.status).toBe('syncing'); // the changes really landed mid-resync
    await resync;
    expect(h.emu.requestLog.find((e) => e.path.endsWith('/history'))?.status).toBe(404);
    const ids = (await mail.list({ accountId: h.accountId, scope: 'unread' })).messages.map((m) => m.id);
    expect(ids).not.toContain(archived);
    expect(ids).not.toContain(read);
    expect(ids).toEqual(unreadTruth(h.emu, h.email).slice(0, 50));
  });

  it('an archive during the cold first sync is not undone when that sync finishes', async () => {
    const [archived] = unreadTruth(h.emu, h.email);
    h.emu.faults.inject({ match: { kind: 'batch' }, fault: { type: 'slow', ms: 3000 }, times: 1 });
    const mail = h.service();
    await mail.startAccount(h.accountId);
    await batchAnswered();
    await mail.modify(h.accountId, [archived!], 'archive');
    expect(mail.status(h.accountId).sync.status).toBe('syncing');
    const ids = (await mail.list({ accountId: h.accountId, scope: 'unread' })).messages.map((m) => m.id);
    expect(ids).not.toContain(archived);
    expect(ids).toEqual(unreadTruth(h.emu, h.email).slice(0, 50));
  });
});

describe('what a full resync reports as removed', () => {
  it('only messages gone within the range the new listing covers, not everything scrolled to beyond its first page', async () => {
    const mail = h.service();
    await mail.startAccount(h.accountId);
    const scrolled = await listAllUnread(mail, h.accountId, 20); // all 80 unread are in the view
    expect(scrolled).toHaveLength(80);
    const box = h.emu.mailbox(h.email);
    const goneNear = scrolled[3]!; // inside the resync's first page: known to be gone
    const goneFar = scrolled[75]!; // beyond it: the resync cannot tell
    box.modify(goneNear, [], ['INBOX']);
    box.modify(goneFar, [], ['UNREAD']);
    box.expireHistory();
    h.events.length = 0;
    await mail.syncNow(h.accountId);
    const withMail = () => h.changes().filter((c) => c.added.length + c.removedIds.length > 0);
    expect(withMail()).toHaveLength(1);
    expect(withMail()[0]!.removedIds).toEqual([goneNear]);
    expect(withMail()[0]!.added).toEqual([]); // the first page was already announced
    expect(await listAllUnread(mail, h.accountId, 20)).toEqual(unreadTruth(h.emu, h.email));
    // Once the listing reaches it again, the far one is known to be gone and is reported then.
    expect(withMail().flatMap((c) => c.removedIds)).toEqual([goneNear, goneFar]);
  });
});
