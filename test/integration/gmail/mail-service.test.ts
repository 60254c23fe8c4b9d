import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NeedsSignInError, NotFoundError, WORDING } from '../../../electron/core/errors.js';
import { testSecretStore } from '../../unit/core/cache/helpers.js';
import { gmailCalls, listAllUnread, startHarness, unreadTruth, type Harness } from './helpers.js';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.close();
});

const syncStates = () => h.changes().map((change) => change.sync);
/** The changes that carried mail (not only a sync state). */
const mailboxChanges = () => h.changes().filter((c) => c.added.length + c.updated.length + c.removedIds.length > 0);

describe('MailService against the Google emulator', () => {
  it('cold first page: one list and one batch of 50 metadata gets (profile alongside the list), newest unread first', async () => {
    const mail = h.service();
    h.emu.resetLog();
    await mail.startAccount(h.accountId);
    const page = await mail.list({ accountId: h.accountId, scope: 'unread' });
    expect(page.fromCache).toBe(false);
    expect(page.messages.map((m) => m.id)).toEqual(unreadTruth(h.emu, h.email).slice(0, 50));
    expect(
      page.messages.every((m) => m.unread && m.inInbox && m.subject.length > 0 && m.from.address.includes('@')),
    ).toBe(true);
    expect(page.nextPageToken).not.toBeNull();
    const calls = gmailCalls(h.emu);
    expect(calls).toMatchObject({
      list: 1,
      batch: 1,
      batchParts: 50,
      profile: 1,
      labels: 1,
      history: 0,
      get: 0,
      other: [],
    });
    // The page says which version of the account's mailbox its rows reflect, and the count the sync read.
    const [status] = page.mailboxes;
    expect(status).toMatchObject({ accountId: h.accountId, unreadCount: h.emu.mailbox(h.email).unreadCount() });
    expect(status?.version).toBe(h.changes(h.accountId).at(-1)?.version);
    expect(page.messages.every((m) => m.accountId === h.accountId)).toBe(true);
  });

  it('idle refresh is one history.list (2 units)', async () => {
    const mail = h.service();
    await mail.startAccount(h.accountId);
    await mail.list({ accountId: h.accountId, scope: 'unread' });
    h.emu.resetLog();
    await mail.syncNow(h.accountId);
    const calls = gmailCalls(h.emu);
    expect(calls).toMatchObject({ list: 0, batch: 0, history: 1, profile: 0, labels: 0 });
    expect(h.emu.requestLog.filter((e) => e.kind !== 'oauth')).toHaveLength(1);
    expect(calls.units).toBe(2);
  });

  it('new mail, read elsewhere and archived elsewhere arrive with one history.list and one batch, and are announced', async () => {
    const mail = h.service();
    await mail.startAccount(h.accountId);
    const first = await mail.list({ accountId: h.accountId, scope: 'unread' });
    const box = h.emu.mailbox(h.email);
    const newId = box.add({ subject: 'Fresh news' });
    box.modify(first.messages[0]!.id, [], ['UNREAD']);
    box.modify(first.messages[1]!.id, [], ['INBOX']);
    h.emu.resetLog();
    h.events.length = 0;
    await mail.syncNow(h.accountId);
    // One new message: history.list + one batch, and no labels.get (the count follows the change).
    expect(gmailCalls(h.emu)).toMatchObject({ history: 1, batch: 1, batchParts: 1, list: 0, labels: 0 });
    const page = await mail.list({ accountId: h.accountId, scope: 'unread', pageSize: 20 });
    expect(page.fromCache).toBe(true);
    expect(page.messages.map((m) => m.id)).toEqual(unreadTruth(h.emu, h.email).slice(0, 20));
    const [change, ...more] = mailboxChanges();
    expect(more).toEqual([]);
    expect(change?.added.map((m) => m.id)).toEqual([newId]);
    expect(change?.arrivedIds).toEqual([newId]);
    expect(change?.added[0]?.subject).toBe('Fresh news');
    expect(change?.removedIds.sort()).toEqual([first.messages[0]!.id, first.messages[1]!.id].sort());
    expect(change?.unreadCount).toBe(box.unreadCount());
    // Every change of the account is the previous version + 1 (sync states included).
    const versions = h.changes(h.accountId).map((c) => c.version);
    expect(versions).toEqual(versions.map((_, i) => versions[0]! + i));
  });

  it('mail read or archived elsewhere below the listed range still moves the count, without labels.get', async () => {
    const mail = h.service();
    await mail.startAccount(h.accountId);
    await mail.list({ accountId: h.accountId, scope: 'unread', pageSize: 20 });
    const box = h.emu.mailbox(h.email);
    const unlisted = unreadTruth(h.emu, h.email).slice(-3); // far below the first page
    box.modify(unlisted[0]!, [], ['UNREAD']);
    box.modify(unlisted[1]!, [], ['INBOX']);
    box.remove(unlisted[2]!);
    box.add({ subject: 'One more' });
    h.emu.resetLog();
    await mail.syncNow(h.accountId);
    expect(gmailCalls(h.emu).labels).toBe(0);
    expect(mail.status(h.accountId).unreadCount).toBe(box.unreadCount());
  });

  it('pages through every unread message with no duplicate and no gap', async () => {
    const mail = h.service();
    await mail.startAccount(h.accountId);
    expect(await listAllUnread(mail, h.accountId)).toEqual(unreadTruth(h.emu, h.email));
  });

  it('warm start: the cached first page is served with zero network calls, before the first sync finishes', async () => {
    const first = h.service();
    await first.startAccount(h.accountId);
    const served = await first.list({ accountId: h.accountId, scope: 'unread' });
    await first.dispose();

    h.emu.resetLog();
    const restarted = h.service();
    const cached = await restarted.list({ accountId: h.accountId, scope: 'unread' });
    expect(cached.fromCache).toBe(true);
    expect(cached.messages).toEqual(served.messages);
    expect(h.emu.counters().requests).toBe(0);

    // With startAccount first, the list still does not wait for Google: it resolves before the sync is idle.
    const third = h.service();
    h.events.length = 0;
    await third.startAccount(h.accountId);
    const page = await third.list({ accountId: h.accountId, scope: 'unread' });
    expect(page.fromCache).toBe(true);
    expect(syncStates().some((s) => s.status === 'idle')).toBe(false);
  });

  it('history 404 → full resync that still ends equal to the server', async () => {
    const mail = h.service();
    await mail.startAccount(h.accountId);
    await mail.list({ accountId: h.accountId, scope: 'unread' });
    const box = h.emu.mailbox(h.email);
    box.add({ subject: 'Before expiry' });
    box.expireHistory(); // Glance's historyId is now older than the oldest Google keeps
    const newId = box.add({ subject: 'After expiry' });
    h.emu.resetLog();
    await mail.syncNow(h.accountId);
    expect(gmailCalls(h.emu)).toMatchObject({ history: 1, profile: 1, list: 1, batch: 1 });
    expect(h.emu.requestLog.find((e) => e.path.endsWith('/history'))?.status).toBe(404);
    const ids = await listAllUnread(mail, h.accountId);
    expect(ids).toContain(newId);
    expect(ids).toEqual(unreadTruth(h.emu, h.email));
  });

  it('modify: markRead on one id uses messages.modify, archive on several uses batchModify; the view follows', async () => {
    const mail = h.service();
    await mail.startAccount(h.accountId);
    const page = await mail.list({ accountId: h.accountId, scope: 'unread' });
    const [a, b, c] = page.messages.map((m) => m.id);
    h.emu.resetLog();
    await mail.modify(h.accountId, [a!], 'markRead');
    await mail.modify(h.accountId, [b!, c!], 'archive');
    expect(gmailCalls(h.emu).other).toEqual([
      expect.stringMatching(/^POST .*\/messages\/[^/]+\/modify$/),
      expect.stringMatching(/^POST .*\/messages\/batchModify$/),
    ]);
    const box = h.emu.mailbox(h.email);
    expect(box.get(a!)?.labelIds).not.toContain('UNREAD');
    expect(box.get(b!)?.labelIds).not.toContain('INBOX');
    const after = await mail.list({ accountId: h.accountId, scope: 'unread' });
    expect(after.messages.map((m) => m.id)).not.toContain(a);
    expect(after.messages.map((m) => m.id)).toEqual(unreadTruth(h.emu, h.email).slice(0, 50));
  });

  it('get(): format=raw once, then from the body cache (also after a restart)', async () => {
    const mail = h.service();
    await mail.startAccount(h.accountId);
    const page = await mail.list({ accountId: h.accountId, scope: 'unread' });
    const id = page.messages[3]!.id;
    h.emu.resetLog();
    const content = await mail.get(h.accountId, id);
    expect(Buffer.from(content.raw, 'base64url').toString('latin1')).toMatch(/^[\s\S]*Subject:/m);
    expect(gmailCalls(h.emu).get).toBe(1);
    await mail.get(h.accountId, id);
    expect(gmailCalls(h.emu).get).toBe(1);
    await mail.dispose();
    const restarted = h.service();
    expect((await restarted.get(h.accountId, id)).raw).toBe(content.raw);
    expect(gmailCalls(h.emu).get).toBe(1);
    await expect(restarted.get(h.accountId, 'ffffffffffff0000')).rejects.toBeInstanceOf(NotFoundError);
  });

  it('search: scope all + query goes to Gmail search; scope unread + query searches within the unread inbox', async () => {
    const mail = h.service();
    const box = h.emu.mailbox(h.email);
    const unreadMatch = box.add({ subject: 'Zebra crossing report' });
    const readMatch = box.add({ subject: 'Zebra sighting' });
    box.modify(readMatch, [], ['UNREAD']);
    const all = await mail.list({ accountId: h.accountId, scope: 'all', query: 'subject:zebra' });
    expect(all.messages.map((m) => m.id).sort()).toEqual([unreadMatch, readMatch].sort());
    expect(all.fromCache).toBe(false);
    const unread = await mail.list({ accountId: h.accountId, scope: 'unread', query: 'subject:zebra' });
    expect(unread.messages.map((m) => m.id)).toEqual([unreadMatch]);
  });

  it('the INBOX count is read once per full sync; mailboxes() serves it from memory', async () => {
    const mail = h.service();
    await mail.startAccount(h.accountId);
    await mail.list({ accountId: h.accountId, scope: 'unread' });
    expect(gmailCalls(h.emu).labels).toBe(1);
    h.emu.resetLog();
    expect(mail.mailboxes()).toEqual([
      expect.objectContaining({ accountId: h.accountId, unreadCount: h.emu.mailbox(h.email).unreadCount() }),
    ]);
    await mail.list({ accountId: h.accountId, scope: 'unread', pageToken: null });
    expect(h.emu.requestLog.filter((e) => e.kind !== 'oauth')).toEqual([]);
  });

  it('revoked access → the auth layer is told, NeedsSignInError is thrown, cached mail stays', async () => {
    const mail = h.service();
    await mail.startAccount(h.accountId);
    const page = await mail.list({ accountId: h.accountId, scope: 'unread' });
    h.emu.revokeUser(h.email);
    h.emu.expireAccessTokens(h.email);
    await expect(mail.syncNow(h.accountId)).rejects.toBeInstanceOf(NeedsSignInError);
    expect(h.authFailures).toHaveLength(1);
    expect(mail.status(h.accountId).sync.status).toBe('needs-sign-in');
    const cached = await mail.list({ accountId: h.accountId, scope: 'unread' });
    expect(cached.messages).toEqual(page.messages);
  });

  it('a corrupted store is set aside and rebuilt from Google; the sync state says so meanwhile', async () => {
    const first = h.service();
    await first.startAccount(h.accountId);
    await first.list({ accountId: h.accountId, scope: 'unread' });
    await first.dispose();
    const path = join(h.dataDir, 'mail', `${h.accountId}.db`);
    const file = await readFile(path);
    // A damaged first page (the schema): found at open. Damage further in is found while the rest loads
    // (store-open.test.ts).
    file[2000]! ^= 0x55;
    await writeFile(path, file);
    const states: (string | undefined)[] = [];
    const restarted = h.service({ onChange: (change) => states.push(change.sync.message) });
    await restarted.startAccount(h.accountId);
    const page = await restarted.list({ accountId: h.accountId, scope: 'unread' });
    expect(page.fromCache).toBe(false);
    expect(page.messages.map((m) => m.id)).toEqual(unreadTruth(h.emu, h.email).slice(0, 50));
    expect(h.logger.lines.some((l) => l.includes('setting an unreadable database aside'))).toBe(true);
    expect(states[0]).toBe(WORDING.rebuildingLocalCopy);
    expect(states.at(-1)).toBeUndefined();
    expect((await readdir(join(h.dataDir, 'mail'))).some((name) => name.startsWith(`${h.accountId}.db.corrupt-`))).toBe(
      true,
    );
    await restarted.dispose();
    expect((await h.service().list({ accountId: h.accountId, scope: 'unread' })).fromCache).toBe(true);
  });

  it('removeAccountData deletes the store and its keychain key', async () => {
    const mail = h.service();
    await mail.startAccount(h.accountId);
    await mail.list({ accountId: h.accountId, scope: 'unread' });
    await mail.syncNow(h.accountId);
    expect(h.secretStore.entries.size).toBe(1);
    await mail.removeAccountData(h.accountId);
    expect(h.secretStore.entries.size).toBe(0);
    expect(await readdir(join(h.dataDir, 'mail'))).toEqual([]);
  });

  it('runs without a cache when the keychain is unavailable', async () => {
    const mail = h.service({ secretStore: testSecretStore({ failing: true }) });
    await mail.startAccount(h.accountId);
    const page = await mail.list({ accountId: h.accountId, scope: 'unread' });
    expect(page.messages.map((m) => m.id)).toEqual(unreadTruth(h.emu, h.email).slice(0, 50));
    await mail.syncNow(h.accountId);
    await mail.dispose();
    await expect(readdir(join(h.dataDir, 'mail'))).rejects.toMatchObject({ code: 'ENOENT' });
    expect(h.logger.lines.some((l) => l.includes('keychain unavailable'))).toBe(true);
  });

  it('follows history across pages (more than 500 records)', async () => {
    const mail = h.service();
    await mail.startAccount(h.accountId);
    const page = await mail.list({ accountId: h.accountId, scope: 'unread' });
    const target = page.messages[0]!.id;
    const box = h.emu.mailbox(h.email);
    for (let i = 0; i < 260; i++) {
      box.modify(target, ['STARRED'], []);
      box.modify(target, [], ['STARRED']);
    }
    box.modify(target, ['STARRED'], []);
    h.emu.resetLog();
    await mail.syncNow(h.accountId);
    expect(gmailCalls(h.emu).history).toBe(2);
    const after = await mail.list({ accountId: h.accountId, scope: 'unread' });
    expect(after.messages.find((m) => m.id === target)?.starred).toBe(true);
  });

  it('never logs a token', async () => {
    const mail = h.service();
    await mail.startAccount(h.accountId);
    await mail.list({ accountId: h.accountId, scope: 'unread' });
    h.emu.expireAccessTokens(h.email); // forces a refresh through the client
    await mail.syncNow(h.accountId);
    const log = h.logger.lines.join('\n');
    expect(log.length).toBeGreaterThan(0);
    // Every code and token the emulator issued (including the refreshed access token).
    const secrets = h.emu.issuedSecrets();
    expect(secrets).toContain(h.client.credentials.access_token);
    for (const secret of secrets) expect(log).not.toContain(secret);
  });
});
