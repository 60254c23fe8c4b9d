/**
 * The local store seen through MailService: a warm start serves its first page from the store's unread
 * index before the rest of the view is loaded, and a store found unreadable during a save (not at open) is
 * set aside and rebuilt from Google, keeping what the account holds in memory.
 */
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { WORDING } from '../../../electron/core/errors.js';
import { gmailCalls, listAllUnread, startHarness, unreadTruth, type Harness } from './helpers.js';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.close();
});

const storePath = () => join(h.dataDir, 'mail', `${h.accountId}.db`);

describe('warm start from a store', () => {
  it('serves the first page and the whole count before the rest loads; the rest is no change; paging and the deferred sync follow', async () => {
    const first = h.service();
    await first.startAccount(h.accountId);
    const everything = await listAllUnread(first, h.accountId); // a complete listing: the count is the view's own
    await first.dispose();

    h.emu.resetLog();
    h.events.length = 0;
    const restarted = h.service();
    await restarted.startAccount(h.accountId);
    const sync = await restarted.account(h.accountId);
    let loaded = false;
    void sync.whenLoaded().then(() => (loaded = true));
    const page = await restarted.list({ accountId: h.accountId, scope: 'unread', pageSize: 50 });
    const loadedBeforeFirstPage = loaded;
    expect(page.fromCache).toBe(true);
    expect(page.messages.map((m) => m.id)).toEqual(everything.slice(0, 50));
    expect(page.nextPageToken).not.toBeNull();
    // The count a complete listing shows is the whole view's, not the first page's.
    expect(page.mailboxes[0]?.unreadCount).toBe(everything.length);
    expect(page.resultSizeEstimate).toBe(everything.length);
    expect(loadedBeforeFirstPage).toBe(false);
    expect(gmailCalls(h.emu)).toMatchObject({ list: 0, batch: 0, history: 0, profile: 0, labels: 0 });

    await sync.whenLoaded();
    // What the store held was there all along: loading it publishes nothing.
    expect(h.changes()).toEqual([]);
    expect(sync.serveable().messages.map((m) => m.id)).toEqual(everything);
    const rest = await restarted.list({ accountId: h.accountId, scope: 'unread', pageToken: page.nextPageToken });
    expect(rest.messages.map((m) => m.id)).toEqual(everything.slice(50, 100));
    expect(rest.fromCache).toBe(true);
    // The warm-start sync ran once the first page was served: one history.list, nothing new.
    await vi.waitFor(() => expect(gmailCalls(h.emu).history).toBe(1), { timeout: 15_000 });
    expect(gmailCalls(h.emu)).toMatchObject({ list: 0, batch: 0 });
  });

  it('a page past the first waits for the rest of the view, then is served from it', async () => {
    const first = h.service();
    await first.startAccount(h.accountId);
    const everything = await listAllUnread(first, h.accountId);
    await first.dispose();
    const restarted = h.service();
    await restarted.startAccount(h.accountId);
    // Larger than the first page the store reads before the rest: served from the whole view.
    const page = await restarted.list({ accountId: h.accountId, scope: 'unread', pageSize: 100 });
    expect(page.messages.map((m) => m.id)).toEqual(everything.slice(0, 100));
    expect(page.fromCache).toBe(true);
  });
});

describe('a store found unreadable during a save', () => {
  it('is set aside and rebuilt from Google ("Rebuilding…"), keeping the view and opened bodies it held in memory', async () => {
    const box = h.emu.mailbox(h.email);
    // A large body: most of the file is its overflow pages, which loading the store never reads.
    const bigId = box.add({ subject: 'Large attachment', text: 'large body line\n'.repeat(120_000) });
    const first = h.service();
    await first.startAccount(h.accountId);
    await listAllUnread(first, h.accountId);
    await first.get(h.accountId, bigId);
    await first.dispose();

    const file = await readFile(storePath());
    const middle = Math.floor(file.length / 2);
    for (let i = 0; i < 64; i++) file[middle + i]! ^= 0xa5;
    await writeFile(storePath(), file);

    const states: (string | undefined)[] = [];
    // A body cap under the large body: the next save trims it, walking its damaged pages.
    const restarted = h.service({
      bodyCache: { maxEntries: 50, maxBytes: 256 * 1024 },
      onChange: (change) => void states.push(change.sync.message),
    });
    await restarted.startAccount(h.accountId);
    const page = await restarted.list({ accountId: h.accountId, scope: 'unread' });
    await (await restarted.account(h.accountId)).whenLoaded();
    // The damage was not found at open: the store loaded and served its page.
    expect(page.fromCache).toBe(true);
    expect(h.logger.lines.some((l) => l.includes('setting an unreadable database aside'))).toBe(false);

    const opened = page.messages[3]!.id;
    await restarted.get(h.accountId, opened); // an opened body: in memory, to be kept
    const archived = page.messages[0]!.id;
    h.emu.resetLog();
    await restarted.modify(h.accountId, [archived], 'archive'); // a save follows
    const patiently = { timeout: 15_000 }; // a loaded machine: the save, then a full sync over HTTP
    await vi.waitFor(
      () => expect(h.logger.lines.some((l) => l.includes('setting an unreadable database aside'))).toBe(true),
      patiently,
    );
    await vi.waitFor(() => expect(states).toContain(WORDING.rebuildingLocalCopy), patiently);
    await vi.waitFor(() => expect(restarted.status(h.accountId).sync).toMatchObject({ status: 'idle' }), patiently);
    expect(states.at(-1)).toBeUndefined();
    // Rebuilt from Google: a full sync (profile, count, first listing page).
    expect(gmailCalls(h.emu)).toMatchObject({ profile: 1, labels: 1, list: 1 });
    expect(box.get(archived)?.labelIds).not.toContain('INBOX');
    expect((await readdir(join(h.dataDir, 'mail'))).some((n) => n.startsWith(`${h.accountId}.db.corrupt-`))).toBe(true);
    expect(h.logger.lines.join('\n')).not.toMatch(/large body line|Large attachment/);
    const truth = unreadTruth(h.emu, h.email);
    expect(truth).not.toContain(archived);
    await restarted.dispose();

    // The new file holds what the account held: a restart serves from it, and the opened body needs no request.
    h.emu.resetLog();
    const again = h.service();
    await again.startAccount(h.accountId);
    const after = await again.list({ accountId: h.accountId, scope: 'unread' });
    expect(after.fromCache).toBe(true);
    expect(after.messages.map((m) => m.id)).toEqual(truth.slice(0, 50));
    await again.get(h.accountId, opened);
    expect(gmailCalls(h.emu)).toMatchObject({ get: 0, batch: 0, list: 0 });
    expect((await stat(storePath())).size).toBeGreaterThan(0);
  });
});
