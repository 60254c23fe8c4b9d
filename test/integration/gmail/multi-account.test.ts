/**
 * Several accounts on one emulator: the unified view's order, actions reaching the right mailbox, and
 * failures that stay with their account (revoked grant, rate limit, offline) while the others keep syncing
 * at full speed. Sign-out of one removes only that one's cache.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gmail } from '@googleapis/gmail';
import { afterEach, describe, expect, it } from 'vitest';
import { NeedsSignInError } from '../../../electron/core/errors.js';
import { compareUnified } from '../../../electron/core/gmail/unified.js';
import { ALL_ACCOUNTS, type MessageSummary } from '../../../electron/shared/ipc-contract.js';
import { gmailCalls, startHarness, unreadTruth, type Harness } from './helpers.js';

const USERS = [
  { email: 'alex@example.com', name: 'Alex Rivera', unread: 30, read: 4 },
  { email: 'sam@example.com', name: 'Sam Okafor', unread: 20, read: 4 },
  { email: 'kim@example.com', name: 'Kim Lee', unread: 12, read: 4 },
];

let h: Harness;
afterEach(async () => {
  await h.close();
});

async function start(count: 2 | 3): Promise<Harness> {
  const users = USERS.slice(0, count);
  h = await startHarness({ emulator: { users }, emails: users.map((u) => u.email) });
  return h;
}

/** Every account's unread inbox from the emulator, in the unified order. */
function unifiedTruth(harness: Harness): Array<{ accountId: string; id: string }> {
  return harness.accounts
    .flatMap(({ email, accountId }) => {
      const box = harness.emu.mailbox(email);
      return unreadTruth(harness.emu, email).map((id) => ({
        accountId,
        id,
        date: Number(box.get(id)!.internalDate),
      }));
    })
    .sort(compareUnified)
    .map(({ accountId, id }) => ({ accountId, id }));
}

async function listAllUnified(mail: ReturnType<Harness['service']>, pageSize: number): Promise<MessageSummary[]> {
  const rows: MessageSummary[] = [];
  let pageToken: string | null = null;
  for (let guard = 0; guard < 200; guard++) {
    const page = await mail.list({ accountId: ALL_ACCOUNTS, scope: 'unread', pageToken, pageSize });
    rows.push(...page.messages);
    pageToken = page.nextPageToken;
    if (!pageToken) return rows;
  }
  throw new Error('the unified list never ended');
}

describe('several accounts', () => {
  it('three accounts: the unified view merges every unread inbox newest first, each row naming its account', async () => {
    await start(3);
    const mail = h.service();
    for (const { accountId } of h.accounts) await mail.startAccount(accountId);
    const first = await mail.list({ accountId: ALL_ACCOUNTS, scope: 'unread', pageSize: 9 });
    expect(first.mailboxes.map((m) => m.accountId).sort()).toEqual(h.accounts.map((a) => a.accountId).sort());
    const rows = await listAllUnified(mail, 9);
    expect(rows.map(({ accountId, id }) => ({ accountId, id }))).toEqual(unifiedTruth(h));
    // Each account's sync ran once, in parallel: one full sync each, nothing listed twice.
    expect(gmailCalls(h.emu)).toMatchObject({ profile: 3, labels: 3, list: 3 });
  });

  it('a search over every account asks each one in parallel and merges their first pages', async () => {
    await start(3);
    const mail = h.service();
    const [alex, sam] = h.accounts;
    const alexHit = h.emu.mailbox(alex!.email).add({ subject: 'Zebra crossing' });
    const samHit = h.emu.mailbox(sam!.email).add({ subject: 'Zebra sighting' });
    const page = await mail.list({ accountId: ALL_ACCOUNTS, scope: 'all', query: 'subject:zebra' });
    expect(page.messages.map((m) => [m.accountId, m.id]).sort()).toEqual(
      [
        [alex!.accountId, alexHit],
        [sam!.accountId, samHit],
      ].sort(),
    );
    expect(page.mailboxes).toEqual([]);
    expect(page.nextPageToken).toBeNull();
  });

  it('each action reaches the mailbox of the row it was made on, and only that account publishes it', async () => {
    await start(3);
    const mail = h.service();
    for (const { accountId } of h.accounts) await mail.startAccount(accountId);
    const page = await mail.list({ accountId: ALL_ACCOUNTS, scope: 'unread', pageSize: 60 });
    const [alex, sam, kim] = h.accounts;
    const samRow = page.messages.find((m) => m.accountId === sam!.accountId)!;
    const kimRow = page.messages.find((m) => m.accountId === kim!.accountId)!;
    const historyBefore = h.accounts.map((a) => h.emu.mailbox(a.email).historyId());
    h.events.length = 0;
    await mail.modify(samRow.accountId, [samRow.id], 'archive');
    await mail.modify(kimRow.accountId, [kimRow.id], 'star');
    expect(h.emu.mailbox(sam!.email).get(samRow.id)?.labelIds).not.toContain('INBOX');
    expect(h.emu.mailbox(kim!.email).get(kimRow.id)?.labelIds).toContain('STARRED');
    expect(h.emu.mailbox(alex!.email).historyId()).toBe(historyBefore[0]);
    expect(h.changes().map((c) => [c.accountId, c.removedIds, c.updated.map((m) => m.id)])).toEqual([
      [sam!.accountId, [samRow.id], []],
      [kim!.accountId, [], [kimRow.id]],
    ]);
    const after = await listAllUnified(mail, 60);
    expect(after.map(({ accountId, id }) => ({ accountId, id }))).toEqual(unifiedTruth(h));
  });

  it('a revoked grant: only that account needs sign-in; the others keep syncing and the unified list keeps its rows', async () => {
    await start(3);
    const mail = h.service();
    for (const { accountId } of h.accounts) await mail.startAccount(accountId);
    const before = await listAllUnified(mail, 100);
    const [alex, sam, kim] = h.accounts;
    h.emu.revokeUser(alex!.email);
    h.emu.expireAccessTokens(alex!.email);
    const newForSam = h.emu.mailbox(sam!.email).add({ subject: 'Still arriving' });
    const results = await Promise.allSettled(h.accounts.map((a) => mail.syncNow(a.accountId)));
    expect(results[0]).toMatchObject({ status: 'rejected', reason: expect.any(NeedsSignInError) });
    expect(results.slice(1).map((r) => r.status)).toEqual(['fulfilled', 'fulfilled']);
    expect(mail.mailboxes().map((m) => [m.accountId, m.sync.status])).toEqual([
      [alex!.accountId, 'needs-sign-in'],
      [sam!.accountId, 'idle'],
      [kim!.accountId, 'idle'],
    ]);
    const rows = await listAllUnified(mail, 100);
    expect(rows.map((m) => m.id)).toContain(newForSam);
    // Alex's cached rows stay (served from memory); nothing else was lost.
    expect(rows.filter((m) => m.accountId === alex!.accountId)).toEqual(
      before.filter((m) => m.accountId === alex!.accountId),
    );
  });

  it('one account rate-limited by Google: it says so and when; the others sync at full speed', async () => {
    await start(2);
    const mail = h.service();
    const [alex, sam] = h.accounts;
    for (const { accountId } of h.accounts) await mail.startAccount(accountId);
    await mail.list({ accountId: ALL_ACCOUNTS, scope: 'unread' });
    // Google's per-user minute: spend Alex's (only Alex's) with direct calls.
    h.emu.setQuota({ unitsPerUserPerMinute: 300 });
    const alexApi = gmail({ version: 'v1', auth: alex!.client, rootUrl: h.emu.endpoints.gmailRootUrl });
    const id = unreadTruth(h.emu, alex!.email)[0]!;
    for (let i = 0; i < 40; i++)
      await alexApi.users.messages.get({ userId: 'me', id }, { retry: false }).catch(() => 0);
    for (let i = 0; i < 5; i++) await alexApi.users.getProfile({ userId: 'me' }, { retry: false }).catch(() => 0);
    h.emu.mailbox(sam!.email).add({ subject: 'For Sam' });
    h.emu.resetLog();
    const [alexSync] = await Promise.all([
      mail.syncNow(alex!.accountId).then(
        () => 'synced',
        (error: Error) => error.name,
      ),
      mail.syncNow(sam!.accountId),
    ]);
    expect(alexSync).toBe('RateLimitedError');
    expect(mail.status(alex!.accountId).sync).toMatchObject({ status: 'rate-limited', retryAt: expect.any(Number) });
    expect(mail.status(sam!.accountId).sync.status).toBe('idle');
    expect(h.changes(sam!.accountId).some((c) => c.arrivedIds.length === 1)).toBe(true);
    // Full speed: Sam's requests were neither refused nor held back for a budget (Alex's 429s are reported at once).
    const samRequests = h.emu.requestLog.filter((e) => e.user === sam!.email);
    expect(samRequests.length).toBeGreaterThan(0);
    expect(samRequests.filter((e) => e.status === 429)).toEqual([]);
    expect(h.logger.lines.join('\n')).not.toContain('waiting for the quota budget');
  });

  it('one account offline (its requests hang, then fail): the other account’s syncs are not held up', async () => {
    await start(2);
    const mail = h.service({ requestTimeoutMs: 60_000 });
    const [alex, sam] = h.accounts;
    for (const { accountId } of h.accounts) await mail.startAccount(accountId);
    await mail.list({ accountId: ALL_ACCOUNTS, scope: 'unread' });
    // Alex's network goes away: every request hangs until it is given up, then fails like a dead socket.
    let releaseAlex: () => void = () => undefined;
    const gone = new Promise<void>((resolve) => (releaseAlex = resolve));
    const alexClient = alex!.client;
    alexClient.request = (async () => {
      await gone;
      throw Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    }) as unknown as typeof alexClient.request;
    const alexSync = mail.syncNow(alex!.accountId).then(
      () => 'synced',
      (error: Error) => error.name,
    );
    h.emu.mailbox(sam!.email).add({ subject: 'For Sam' });
    // Sam's sync finishes while Alex's requests still hang (they end only when released below).
    await mail.syncNow(sam!.accountId);
    expect(mail.status(alex!.accountId).sync.status).toBe('syncing'); // still waiting on its own network
    const samPage = await mail.list({ accountId: sam!.accountId, scope: 'unread' });
    expect(samPage.messages.map((m) => m.id)).toEqual(unreadTruth(h.emu, sam!.email).slice(0, 50));
    releaseAlex();
    expect(await alexSync).toBe('OfflineError');
    expect(mail.mailboxes().map((m) => [m.accountId, m.sync.status])).toEqual([
      [alex!.accountId, 'offline'],
      [sam!.accountId, 'idle'],
    ]);
  });

  it('a unified page states each account’s version as it was when that account’s rows were read', async () => {
    await start(2);
    const [alex, sam] = h.accounts;
    const first = h.service();
    for (const { accountId } of h.accounts) await first.startAccount(accountId);
    await first.list({ accountId: ALL_ACCOUNTS, scope: 'unread' });
    await first.removeAccountData(sam!.accountId); // Sam starts cold next time; Alex from its local copy
    await first.dispose();
    h.emu.mailbox(alex!.email).add({ subject: 'Arrived overnight' });
    h.emu.setLatency(150);
    const mail = h.service();
    for (const { accountId } of h.accounts) await mail.startAccount(accountId);
    const alexBefore = mail.status(alex!.accountId).version;
    // Alex serves at once from its copy and then starts syncing while Sam's cold sync is still under way.
    const page = await mail.list({ accountId: ALL_ACCOUNTS, scope: 'unread' });
    expect(h.changes(alex!.accountId).length).toBeGreaterThan(0);
    expect(page.mailboxes.find((m) => m.accountId === alex!.accountId)?.version).toBe(alexBefore);
  });

  it('an account that cannot serve its first page is left out of that unified page, which then never claims to be complete', async () => {
    await start(2);
    const mail = h.service();
    const [alex, sam] = h.accounts;
    // Alex has no local copy and no network: its first sync fails; Sam's whole unread inbox fits one page.
    const alexClient = alex!.client;
    alexClient.request = (async () => {
      throw Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    }) as unknown as typeof alexClient.request;
    for (const { accountId } of h.accounts) await mail.startAccount(accountId);
    const page = await mail.list({ accountId: ALL_ACCOUNTS, scope: 'unread', pageSize: 500 });
    expect(new Set(page.messages.map((m) => m.accountId))).toEqual(new Set([sam!.accountId]));
    expect(page.messages.map((m) => m.id)).toEqual(unreadTruth(h.emu, sam!.email));
    // Only the account that served says which version its rows reflect; Alex's rows are still to come.
    expect(page.mailboxes.map((m) => m.accountId)).toEqual([sam!.accountId]);
    expect(page.nextPageToken).not.toBeNull();
  });

  it('removing one account’s data deletes only its cache file and cache key', async () => {
    await start(2);
    const mail = h.service();
    const [alex, sam] = h.accounts;
    for (const { accountId } of h.accounts) await mail.startAccount(accountId);
    await mail.list({ accountId: ALL_ACCOUNTS, scope: 'unread' });
    await Promise.all(h.accounts.map((a) => mail.syncNow(a.accountId)));
    expect(h.secretStore.entries.size).toBe(2);
    await mail.removeAccountData(alex!.accountId);
    const cacheFile = (accountId: string) => join(h.dataDir, 'mail', `${accountId}.db`);
    await expect(readFile(cacheFile(alex!.accountId))).rejects.toMatchObject({ code: 'ENOENT' });
    expect((await readFile(cacheFile(sam!.accountId))).length).toBeGreaterThan(0);
    expect(h.secretStore.entries.size).toBe(1);
    expect(mail.mailboxes().map((m) => m.accountId)).toEqual([sam!.accountId]);
    // A call that arrives after sign-out (the reader still open) is refused; it opens no store again.
    await expect(mail.get(alex!.accountId, 'anything')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(readFile(cacheFile(alex!.accountId))).rejects.toMatchObject({ code: 'ENOENT' });
    expect(h.secretStore.entries.size).toBe(1);
    // Sam keeps syncing.
    await mail.syncNow(sam!.accountId);
    expect(mail.status(sam!.accountId).sync.status).toBe('idle');
  });

  it('one account’s broken cache file is rebuilt from Google; the other starts from its own cache with no request', async () => {
    await start(2);
    const [alex, sam] = h.accounts;
    const first = h.service();
    for (const { accountId } of h.accounts) await first.startAccount(accountId);
    await first.list({ accountId: ALL_ACCOUNTS, scope: 'unread' });
    await first.dispose();
    const path = join(h.dataDir, 'mail', `${alex!.accountId}.db`);
    const file = await readFile(path);
    // A damaged first page (the schema): found at open. Damage further in is found while the rest loads
    // (store-open.test.ts).
    file[2000]! ^= 0x55;
    await writeFile(path, file);
    h.emu.resetLog();
    const restarted = h.service();
    const samPage = await restarted.list({ accountId: sam!.accountId, scope: 'unread' });
    expect(samPage.fromCache).toBe(true);
    expect(h.emu.requestLog.filter((e) => e.kind !== 'oauth')).toEqual([]);
    const alexPage = await restarted.list({ accountId: alex!.accountId, scope: 'unread' });
    expect(alexPage.fromCache).toBe(false);
    expect(alexPage.messages.map((m) => m.id)).toEqual(unreadTruth(h.emu, alex!.email));
    expect(h.emu.requestLog.every((e) => e.kind === 'oauth' || e.user === undefined || e.user === alex!.email)).toBe(
      true,
    );
  });

  it('starting the same account twice keeps one owner (one sync, one status)', async () => {
    await start(2);
    const mail = h.service();
    await mail.startAccount(h.accountId);
    await mail.startAccount(h.accountId);
    await mail.list({ accountId: h.accountId, scope: 'unread' });
    expect(mail.mailboxes()).toHaveLength(1);
    expect(gmailCalls(h.emu)).toMatchObject({ profile: 1, list: 1 });
  });
});
