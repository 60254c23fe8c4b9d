/**
 * Settings → Data → "Clear local copy of mail" against the emulator: every account's local mail goes and is
 * fetched again with a full sync; sign-in and the store's key stay, versions keep counting (the renderer
 * applies what follows), and the mail comes back complete.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { STORE_KEYCHAIN_SERVICE, MailStore } from '../../../electron/core/store/mail-store.js';
import { memoryLogger } from '../../../electron/core/logging.js';
import { gmailCalls, listAllUnread, startHarness, unreadTruth, type Harness } from './helpers.js';

let h: Harness;
beforeEach(async () => {
  h = await startHarness({
    emails: ['alex@example.com', 'sam@example.com'],
    emulator: {
      users: [
        { email: 'alex@example.com', name: 'Alex', unread: 40, read: 5 },
        { email: 'sam@example.com', name: 'Sam', unread: 25, read: 5 },
      ],
    },
  });
});
afterEach(async () => {
  await h.close();
});

describe('MailService.clearLocalCopy', () => {
  it('empties every account’s local copy and fetches it again; sign-in and the store key stay', async () => {
    const mail = h.service();
    for (const account of h.accounts) {
      await mail.startAccount(account.accountId);
      expect(await listAllUnread(mail, account.accountId)).toEqual(unreadTruth(h.emu, account.email));
    }
    const opened = (await listAllUnread(mail, h.accountId))[0]!;
    await mail.get(h.accountId, opened); // a body in the local copy
    const keys = h.accounts.map((a) => h.secretStore.entries.get(`${STORE_KEYCHAIN_SERVICE}/${a.accountId}`));
    const versionBefore = mail.status(h.accountId).version;
    const listsBefore = gmailCalls(h.emu).list;

    // Mail that arrives meanwhile is part of what comes back.
    const newId = h.emu.mailbox(h.email).add({ subject: 'After the clear' });
    await mail.clearLocalCopy();

    // A full sync runs for each account (the local copy had nothing to sync from), and says it is rebuilding.
    await vi.waitFor(() => {
      for (const account of h.accounts) expect(mail.status(account.accountId).sync.status).toBe('idle');
    });
    expect(gmailCalls(h.emu).list).toBeGreaterThanOrEqual(listsBefore + h.accounts.length);
    expect(
      h
        .changes(h.accountId)
        .some((change) => change.sync.status === 'syncing' && /Rebuilding/.test(change.sync.message ?? '')),
    ).toBe(true);
    for (const account of h.accounts)
      expect(await listAllUnread(mail, account.accountId)).toEqual(unreadTruth(h.emu, account.email));
    expect(unreadTruth(h.emu, h.email)).toContain(newId);
    // Versions go on from where they were: the renderer applies what follows without starting over.
    expect(mail.status(h.accountId).version).toBeGreaterThan(versionBefore);
    expect(h.accounts.map((a) => h.secretStore.entries.get(`${STORE_KEYCHAIN_SERVICE}/${a.accountId}`))).toEqual(keys);
    // The opened body went with the copy: it is fetched again from Gmail.
    const getsBefore = gmailCalls(h.emu).get;
    await mail.get(h.accountId, opened);
    expect(gmailCalls(h.emu).get).toBe(getsBefore + 1);

    // What was fetched again is saved: a restart finds it in the store.
    await mail.dispose();
    const store = new MailStore({ paths: { dataDir: h.dataDir }, secretStore: h.secretStore, logger: memoryLogger() });
    const reopened = await store.open(h.accountId);
    expect(reopened.status).toBe('loaded');
    if (reopened.status === 'loaded') {
      expect(reopened.snapshot.messages.map((m) => m.id)).toContain(newId);
      reopened.db.close();
    }
  });
});
