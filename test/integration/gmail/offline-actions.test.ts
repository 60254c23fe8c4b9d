/**
 * Actions that survive being offline: journaled before they are confirmed, queued while Google cannot be
 * reached (no connection, an outage), applied here, kept across a restart and a rebuilt mail copy, and sent
 * once, in order, when Google answers again.
 */
import { existsSync } from 'node:fs';
import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GoogleApiError, toIpcError } from '../../../electron/core/errors.js';
import type { MailService } from '../../../electron/core/gmail/mail-service.js';
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

const unavailable = {
  error: {
    code: 503,
    message: 'The service is currently unavailable.',
    errors: [{ message: 'Backend Error', domain: 'global', reason: 'backendError' }],
    status: 'UNAVAILABLE',
  },
};

/** No connection to Google at all: every Gmail request's socket is reset. */
function goOffline(): () => void {
  const removers = [
    h.emu.faults.inject({ match: { kind: 'gmail' }, fault: { type: 'reset' } }),
    h.emu.faults.inject({ match: { kind: 'batch' }, fault: { type: 'reset' } }),
  ];
  return () => removers.forEach((remove) => remove());
}

/** Label changes Google accepted, by the request that carried them. */
function acceptedModifies(): { single: string[]; batch: number } {
  const accepted = h.emu.requestLog.filter((entry) => entry.status >= 200 && entry.status < 300);
  return {
    single: accepted
      .filter((entry) => entry.method === 'POST' && /\/messages\/[^/]+\/modify$/.test(entry.path))
      .map((entry) => /\/messages\/([^/]+)\/modify$/.exec(entry.path)![1]!),
    batch: accepted.filter((entry) => entry.method === 'POST' && entry.path.endsWith('/messages/batchModify')).length,
  };
}

function labelsAtGoogle(id: string): string[] {
  return h.emu.mailbox(h.email).get(id)?.labelIds ?? [];
}

async function started(): Promise<{ mail: MailService; ids: string[] }> {
  const mail = h.service();
  await mail.startAccount(h.accountId);
  const page = await mail.list({ accountId: h.accountId, scope: 'unread' });
  return { mail, ids: page.messages.map((m) => m.id) };
}

async function unreadIds(mail: MailService): Promise<string[]> {
  return (await mail.list({ accountId: h.accountId, scope: 'unread' })).messages.map((m) => m.id);
}

describe('actions made while Google cannot be reached', () => {
  it('offline archive → restart → back online: the archive reaches Gmail exactly once', async () => {
    const { mail, ids } = await started();
    const target = ids[0]!;
    const countBefore = mail.status(h.accountId).unreadCount!;
    const online = goOffline();

    expect(await mail.modify(h.accountId, [target], 'archive')).toEqual({ outcome: 'queued' });
    // Applied here: gone from the list, the count moved, one action waiting; Google still has it in the inbox.
    expect(await unreadIds(mail)).not.toContain(target);
    expect(mail.status(h.accountId)).toMatchObject({ unreadCount: countBefore - 1, pendingActions: 1 });
    expect(h.changes(h.accountId).at(-1)).toMatchObject({ pendingActions: 1, removedIds: [target] });
    expect(labelsAtGoogle(target)).toContain('INBOX');
    await mail.dispose();

    // The app starts again, still offline: the action is still applied and still waiting.
    const restarted = h.service();
    await restarted.startAccount(h.accountId);
    expect(await unreadIds(restarted)).not.toContain(target);
    expect(restarted.status(h.accountId)).toMatchObject({ unreadCount: countBefore - 1, pendingActions: 1 });

    online();
    await restarted.syncNow(h.accountId);
    expect(labelsAtGoogle(target)).not.toContain('INBOX');
    expect(restarted.status(h.accountId)).toMatchObject({ unreadCount: countBefore - 1, pendingActions: 0 });
    // Again and after one more restart: nothing is sent twice.
    await restarted.syncNow(h.accountId);
    await restarted.dispose();
    const third = h.service();
    await third.startAccount(h.accountId);
    await third.syncNow(h.accountId);
    expect(acceptedModifies()).toEqual({ single: [target], batch: 0 });
    expect(await unreadIds(third)).not.toContain(target);
    expect(third.status(h.accountId)).toMatchObject({ unreadCount: countBefore - 1, pendingActions: 0 });
  });

  it('a 5xx outage queues the action; the next successful sync sends it', async () => {
    const { mail, ids } = await started();
    const outage = h.emu.faults.inject({
      match: { kind: 'gmail', path: /\/modify$/ },
      fault: { type: 'status', status: 503, body: unavailable },
    });
    expect(await mail.modify(h.accountId, [ids[1]!], 'markRead')).toEqual({ outcome: 'queued' });
    expect(labelsAtGoogle(ids[1]!)).toContain('UNREAD');
    // A sync while the outage lasts for modify: what Google sends back does not undo the waiting action.
    const arrived = h.emu.mailbox(h.email).add({ subject: 'During the outage' });
    await mail.syncNow(h.accountId);
    const listed = await unreadIds(mail);
    expect(listed).toContain(arrived);
    expect(listed).not.toContain(ids[1]);
    expect(mail.status(h.accountId).pendingActions).toBe(1);

    outage();
    await mail.syncNow(h.accountId);
    expect(labelsAtGoogle(ids[1]!)).not.toContain('UNREAD');
    expect(mail.status(h.accountId).pendingActions).toBe(0);
    expect(acceptedModifies().single).toEqual([ids[1]]);
  });

  it('sends the waiting actions in order, one batchModify per run of the same action', async () => {
    const { mail, ids } = await started();
    const [a, b, c, d] = ids as [string, string, string, string];
    const online = goOffline();
    for (const id of [a, b, c]) expect(await mail.modify(h.accountId, [id], 'archive')).toEqual({ outcome: 'queued' });
    expect(await mail.modify(h.accountId, [d], 'star')).toEqual({ outcome: 'queued' });
    // Archived, then put back: the order decides where it ends up.
    expect(await mail.modify(h.accountId, [a], 'unarchive')).toEqual({ outcome: 'queued' });
    expect(mail.status(h.accountId).pendingActions).toBe(5);
    online();
    await mail.syncNow(h.accountId);
    expect(acceptedModifies()).toEqual({ single: [d, a], batch: 1 });
    expect(labelsAtGoogle(a)).toContain('INBOX');
    expect(labelsAtGoogle(b)).not.toContain('INBOX');
    expect(labelsAtGoogle(c)).not.toContain('INBOX');
    expect(labelsAtGoogle(d)).toContain('STARRED');
    expect(mail.status(h.accountId).pendingActions).toBe(0);
    expect(await unreadIds(mail)).toContain(a);
  });

  it('an action made while others wait goes after them, and is sent at once when Google answers', async () => {
    const { mail, ids } = await started();
    const online = goOffline();
    expect(await mail.modify(h.accountId, [ids[0]!], 'archive')).toEqual({ outcome: 'queued' });
    online();
    expect(await mail.modify(h.accountId, [ids[0]!], 'unarchive')).toEqual({ outcome: 'sent' });
    expect(acceptedModifies().single).toEqual([ids[0], ids[0]]);
    expect(labelsAtGoogle(ids[0]!)).toContain('INBOX');
    expect(mail.status(h.accountId).pendingActions).toBe(0);
  });

  it('a waiting action whose message was deleted at Google is dropped with a note; the others go', async () => {
    const { mail, ids } = await started();
    const online = goOffline();
    await mail.modify(h.accountId, [ids[0]!], 'markRead');
    await mail.modify(h.accountId, [ids[1]!], 'star');
    h.emu.mailbox(h.email).remove(ids[0]!);
    online();
    await mail.syncNow(h.accountId);
    expect(mail.status(h.accountId)).toMatchObject({ pendingActions: 0, droppedActions: 1 });
    expect(h.changes(h.accountId).at(-1)).toMatchObject({ droppedActions: 1 });
    expect(labelsAtGoogle(ids[1]!)).toContain('STARRED');
    expect(await unreadIds(mail)).not.toContain(ids[0]);
    // Told once: the count never grows again for it.
    await mail.syncNow(h.accountId);
    expect(mail.status(h.accountId).droppedActions).toBe(1);
  });

  it('an action Gmail refuses (400) fails as before and is not kept', async () => {
    const { mail, ids } = await started();
    h.emu.faults.inject({
      match: { kind: 'gmail', path: /\/modify$/ },
      fault: { type: 'status', status: 400 },
      times: 1,
    });
    const refused = await mail.modify(h.accountId, [ids[0]!], 'archive').catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(GoogleApiError);
    // What Gmail answered travels as its status, for the window to word.
    expect(toIpcError(refused)).toMatchObject({ code: 'GOOGLE_ERROR', reason: 'gmail-refused', status: 400 });
    expect(mail.status(h.accountId).pendingActions).toBe(0);
    expect(await unreadIds(mail)).toContain(ids[0]);
    await mail.syncNow(h.accountId);
    expect(acceptedModifies()).toEqual({ single: [], batch: 0 });
  });

  it('a mail copy that is set aside and rebuilt keeps the waiting actions; sign-out deletes them', async () => {
    const { mail, ids } = await started();
    const online = goOffline();
    await mail.modify(h.accountId, [ids[2]!], 'archive');
    await mail.dispose();
    await writeFile(join(h.dataDir, 'mail', `${h.accountId}.db`), 'not a database at all');
    online();

    const rebuilt = h.service();
    await rebuilt.startAccount(h.accountId);
    expect(await unreadIds(rebuilt)).not.toContain(ids[2]);
    expect(labelsAtGoogle(ids[2]!)).not.toContain('INBOX');
    expect(rebuilt.status(h.accountId).pendingActions).toBe(0);
    expect((await readdir(join(h.dataDir, 'mail'))).some((name) => name.includes('.corrupt-'))).toBe(true);

    goOffline();
    await rebuilt.modify(h.accountId, [ids[3]!], 'archive');
    expect(rebuilt.status(h.accountId).pendingActions).toBe(1);
    await rebuilt.removeAccountData(h.accountId);
    const files = await readdir(join(h.dataDir, 'mail'));
    expect(files.filter((name) => name.startsWith(h.accountId))).toEqual([]);
    expect(existsSync(join(h.dataDir, 'mail', `${h.accountId}.actions.db`))).toBe(false);
  });
});
