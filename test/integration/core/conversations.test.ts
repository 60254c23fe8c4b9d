/**
 * Conversations through GlanceCore and its IPC dispatch, against the emulator: the unread conversation count
 * (Gmail's `threadsUnread`) across pages and new replies, `conversation:get` (one threads.get), and
 * `conversations:modify` on whole threads, with undo and offline.
 */
import { describe, expect, it, vi } from 'vitest';
import { startGoogleEmulator, type GoogleEmulator } from '../../../electron/google-emulator/index.js';
import type { Conversation, MailboxChange } from '../../../electron/shared/ipc-contract.js';
import { heldByEachTest, signInOnEmulator } from './signed-in-core.js';

const EMAIL = 'thea@example.com';
const MINUTE = 60_000;

const held = heldByEachTest();

/**
 * Thea's inbox: 70 conversations with unread mail (120 unread messages), spread over three pages of 50:
 * - `unread[k]` (k < 70): its first message unread, oldest (pages 2 and 3);
 * - for k < 50 a second unread message, the newest mail (page 1), so those threads span pages;
 * - for k < 10 a read reply as well (never listed: read);
 * - `read[r]` (r < 5): two read messages only (not counted).
 */
async function theaWithConversations() {
  const emu = (held.emulator = await startGoogleEmulator({
    users: [{ email: EMAIL, name: 'Thea Lind', unread: 0, read: 0 }],
  }));
  const box = emu.mailbox(EMAIL);
  const base = Date.now() - 300 * MINUTE;
  const at = (minutes: number) => base + minutes * MINUTE;
  const alex = { name: 'Alex Rivera', email: 'alex@example.com' };
  const sam = { name: 'Sam Okafor', email: 'sam@example.com' };
  const unread: string[] = [];
  for (let k = 0; k < 70; k++)
    unread.push(box.add({ from: alex, subject: `Topic ${k}`, text: `Opening ${k}`, internalDate: at(k) }));
  for (let k = 0; k < 50; k++)
    box.add({
      from: sam,
      subject: `Re: Topic ${k}`,
      text: `Reply ${k}`,
      internalDate: at(200 + k),
      threadId: unread[k],
    });
  for (let k = 0; k < 10; k++)
    box.add({
      from: alex,
      subject: `Re: Topic ${k}`,
      text: `Read reply ${k}`,
      internalDate: at(100 + k),
      threadId: unread[k],
      labelIds: ['INBOX'],
    });
  const read: string[] = [];
  for (let r = 0; r < 5; r++) {
    const first = box.add({
      from: sam,
      subject: `Lunch ${r}`,
      text: 'Noon?',
      internalDate: at(80 + r),
      labelIds: ['INBOX'],
    });
    box.add({
      from: alex,
      subject: `Re: Lunch ${r}`,
      text: 'Sure.',
      internalDate: at(90 + r),
      labelIds: ['INBOX'],
      threadId: first,
    });
    read.push(first);
  }
  const signedIn = await signInOnEmulator(emu, [EMAIL], { dataDir: await held.folder('glance-conversations-') });
  held.core = signedIn.core;
  const accountId = signedIn.accountIds[0]!;
  return { emu, box, glance: signedIn.core, accountId, unread, read };
}

function threadsUnread(emu: GoogleEmulator): number {
  return emu.mailbox(EMAIL).labelCounts('INBOX').threadsUnread;
}

function inThread(emu: GoogleEmulator, threadId: string) {
  return emu
    .mailbox(EMAIL)
    .list()
    .filter((message) => message.threadId === threadId);
}

function gmailRequests(emu: GoogleEmulator) {
  return emu.requestLog.filter((entry) => entry.kind === 'gmail' || entry.kind === 'batch');
}

describe('the unread conversation count', () => {
  it('equals the emulator’s threadsUnread on the first page, on every page after, and once fully listed', async () => {
    const { emu, glance, accountId } = await theaWithConversations();
    expect(threadsUnread(emu)).toBe(70);
    let page = await glance.mail.list({ accountId, scope: 'unread' });
    // Gmail's figure from the labels.get the full sync sends anyway, though only 50 messages (of 50 threads) are listed.
    expect(page.mailboxes[0]).toMatchObject({ unreadCount: 120, unreadConversationCount: 70 });
    while (page.nextPageToken !== null) {
      page = await glance.mail.list({ accountId, scope: 'unread', pageToken: page.nextPageToken });
      expect(glance.mail.mailboxes()[0]).toMatchObject({ unreadCount: 120, unreadConversationCount: 70 });
    }
    // Nothing in the list asked for a thread.
    expect(gmailRequests(emu).filter((entry) => entry.path.includes('/threads'))).toEqual([]);
    // Fully listed: the view's own distinct threads, still Gmail's number.
    expect(glance.mail.mailboxes()[0]).toMatchObject({ unreadConversationCount: threadsUnread(emu) });
  }, 60_000);

  it('a reply in a read conversation counts one more; a reply in an unread one does not, each in one change', async () => {
    const { emu, box, glance, accountId, unread, read } = await theaWithConversations();
    await glance.mail.list({ accountId, scope: 'unread' }); // page 1 only: the listing is incomplete
    const changes: MailboxChange[] = [];
    glance.onEvent((event, payload) => {
      if (event === 'mailbox:changed') changes.push(payload as MailboxChange);
    });

    const intoRead = box.add({ subject: 'Re: Lunch 0', text: 'Tomorrow instead?', threadId: read[0] });
    await glance.mail.syncNow(accountId);
    const first = changes.filter((change) => change.added.length > 0);
    expect(first).toHaveLength(1);
    // The row and the count that goes with it arrive together.
    expect(first[0]).toMatchObject({ unreadCount: 121, unreadConversationCount: 71, arrivedIds: [intoRead] });
    expect(threadsUnread(emu)).toBe(71);

    changes.length = 0;
    const intoUnread = box.add({ subject: 'Re: Topic 3', text: 'One more thing', threadId: unread[3] });
    await glance.mail.syncNow(accountId);
    const second = changes.filter((change) => change.added.length > 0);
    expect(second).toHaveLength(1);
    expect(second[0]).toMatchObject({ unreadCount: 122, unreadConversationCount: 71, arrivedIds: [intoUnread] });
    expect(threadsUnread(emu)).toBe(71);
  }, 60_000);
});

describe('conversations:modify', () => {
  it('archive removes INBOX from every message of the thread at Gmail (one threads.modify); undo brings it back', async () => {
    const { emu, glance, accountId, unread } = await theaWithConversations();
    await glance.mail.list({ accountId, scope: 'unread' });
    const thread = unread[3]!;
    expect(inThread(emu, thread)).toHaveLength(3); // unread (page 3), unread (page 1), read
    emu.resetLog();
    expect(await glance.dispatch('conversations:modify', [accountId, [thread], 'archive'])).toEqual({
      ok: true,
      value: { outcome: 'sent' },
    });
    expect(inThread(emu, thread).filter((message) => message.labelIds.includes('INBOX'))).toEqual([]);
    expect(gmailRequests(emu).map((entry) => `${entry.method} ${entry.path.replace(/^.*\/users\/me\//, '')}`)).toEqual([
      `POST threads/${thread}/modify`,
    ]);
    // At once, before any sync: the conversation left the count.
    expect(glance.mail.mailboxes()[0]).toMatchObject({ unreadConversationCount: 69 });

    // Undo (the inverse action on the same thread), made while the toast is up.
    expect(await glance.dispatch('conversations:modify', [accountId, [thread], 'unarchive'])).toEqual({
      ok: true,
      value: { outcome: 'sent' },
    });
    expect(inThread(emu, thread).every((message) => message.labelIds.includes('INBOX'))).toBe(true);
    expect(glance.mail.mailboxes()[0]).toMatchObject({ unreadConversationCount: 70 });
    await glance.mail.syncNow(accountId);
    expect(glance.mail.mailboxes()[0]).toMatchObject({ unreadConversationCount: 70, unreadCount: 120 });

    // Archived, synced (the local copy lets the archived messages go), then unarchived: Gmail has every
    // message back in the inbox, and the next sync's history brings the count back.
    await glance.dispatch('conversations:modify', [accountId, [thread], 'archive']);
    await glance.mail.syncNow(accountId);
    expect(glance.mail.mailboxes()[0]).toMatchObject({
      unreadConversationCount: threadsUnread(emu),
      unreadCount: emu.mailbox(EMAIL).unreadCount(),
    });
    await glance.dispatch('conversations:modify', [accountId, [thread], 'unarchive']);
    expect(inThread(emu, thread).every((message) => message.labelIds.includes('INBOX'))).toBe(true);
    await glance.mail.syncNow(accountId);
    expect(glance.mail.mailboxes()[0]).toMatchObject({ unreadConversationCount: 70, unreadCount: 120 });
  }, 60_000);

  it('offline: queued (applied here at once), then sent after the next sync', async () => {
    const { emu, glance, accountId, unread } = await theaWithConversations();
    await glance.mail.list({ accountId, scope: 'unread' });
    const thread = unread[4]!;
    const offline = [
      emu.faults.inject({ match: { kind: 'gmail' }, fault: { type: 'reset' } }),
      emu.faults.inject({ match: { kind: 'batch' }, fault: { type: 'reset' } }),
    ];
    expect(await glance.dispatch('conversations:modify', [accountId, [thread], 'markRead'])).toEqual({
      ok: true,
      value: { outcome: 'queued' },
    });
    expect(glance.mail.mailboxes()[0]).toMatchObject({ pendingActions: 1, unreadConversationCount: 69 });
    expect(inThread(emu, thread).some((message) => message.labelIds.includes('UNREAD'))).toBe(true);

    offline.forEach((remove) => remove());
    emu.resetLog();
    await glance.mail.syncNow(accountId);
    await vi.waitFor(() => expect(glance.mail.mailboxes()[0]).toMatchObject({ pendingActions: 0 }));
    expect(inThread(emu, thread).filter((message) => message.labelIds.includes('UNREAD'))).toEqual([]);
    const sent = gmailRequests(emu).filter((entry) => entry.method === 'POST' && entry.status === 200);
    expect(sent.map((entry) => entry.path.replace(/^.*\/users\/me\//, ''))).toEqual([`threads/${thread}/modify`]);
    await glance.mail.syncNow(accountId);
    expect(glance.mail.mailboxes()[0]).toMatchObject({ unreadConversationCount: threadsUnread(emu) });
  }, 60_000);
});

describe('star and mark unread on a conversation', () => {
  it('go to its newest message Glance holds (one messages.modify); unstar clears every star of the thread', async () => {
    const { emu, glance, accountId, unread } = await theaWithConversations();
    await glance.mail.list({ accountId, scope: 'unread' });
    const thread = unread[5]!;
    const newest = inThread(emu, thread).sort((a, b) => Number(b.internalDate) - Number(a.internalDate))[0]!;
    emu.resetLog();
    await glance.dispatch('conversations:modify', [accountId, [thread], 'star']);
    expect(
      inThread(emu, thread)
        .filter((m) => m.labelIds.includes('STARRED'))
        .map((m) => m.id),
    ).toEqual([newest.id]);
    expect(gmailRequests(emu).map((entry) => entry.path.replace(/^.*\/users\/me\//, ''))).toEqual([
      `messages/${newest.id}/modify`,
    ]);
    emu.mailbox(EMAIL).modify(inThread(emu, thread).at(-1)!.id, ['STARRED'], []); // starred elsewhere too
    await glance.dispatch('conversations:modify', [accountId, [thread], 'unstar']);
    expect(inThread(emu, thread).filter((m) => m.labelIds.includes('STARRED'))).toEqual([]);

    await glance.dispatch('conversations:modify', [accountId, [thread], 'markRead']);
    expect(glance.mail.mailboxes()[0]).toMatchObject({ unreadConversationCount: 69 });
    await glance.dispatch('conversations:modify', [accountId, [thread], 'markUnread']);
    expect(
      inThread(emu, thread)
        .filter((m) => m.labelIds.includes('UNREAD'))
        .map((m) => m.id),
    ).toEqual([newest.id]);
    expect(glance.mail.mailboxes()[0]).toMatchObject({ unreadConversationCount: 70 });
  }, 60_000);
});

describe('conversation:get', () => {
  it('returns every message of the thread oldest first, read ones too, from one Gmail request', async () => {
    const { emu, glance, accountId, unread } = await theaWithConversations();
    await glance.mail.list({ accountId, scope: 'unread' });
    const thread = unread[2]!;
    emu.resetLog();
    const answer = await glance.dispatch('conversation:get', [accountId, thread]);
    if (!answer.ok) throw new Error(answer.error.message);
    const conversation = answer.value as Conversation;
    const expected = inThread(emu, thread).sort((a, b) => Number(a.internalDate) - Number(b.internalDate));
    expect(conversation.messages.map((message) => message.id)).toEqual(expected.map((message) => message.id));
    expect(conversation.messages.map((message) => message.unread)).toEqual([true, false, true]);
    expect(conversation).toMatchObject({ accountId, threadId: thread });
    expect(conversation.fromCache).toBeUndefined();
    expect(gmailRequests(emu).map((entry) => entry.path.replace(/^.*\/users\/me\//, ''))).toEqual([
      `threads/${thread}`,
    ]);
  }, 60_000);

  it('a thread Gmail no longer has → NOT_FOUND with a sentence; offline → what this computer holds of it', async () => {
    const { emu, glance, accountId, unread } = await theaWithConversations();
    await glance.mail.list({ accountId, scope: 'unread' });
    const gone = await glance.dispatch('conversation:get', [accountId, '0123456789abcdef']);
    expect(gone).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', message: expect.stringMatching(/\.$/) } });

    emu.faults.inject({ match: { kind: 'gmail' }, fault: { type: 'reset' } });
    const held = await glance.dispatch('conversation:get', [accountId, unread[2]!]);
    if (!held.ok) throw new Error(held.error.message);
    const heldHere = held.value as Conversation;
    // Only the newest of its messages was listed (page 1).
    expect(heldHere.messages.map((message) => message.subject)).toEqual(['Re: Topic 2']);
    expect(heldHere.fromCache).toBe(true);
    const none = await glance.dispatch('conversation:get', [accountId, unread[60]!]);
    expect(none).toMatchObject({ ok: false, error: { code: 'OFFLINE' } });
  }, 60_000);
});

describe('the badge total follows "Show each message separately"', () => {
  it('counts conversations by default and messages once the setting is on', async () => {
    const { glance, accountId } = await theaWithConversations();
    await glance.mail.list({ accountId, scope: 'unread' });
    expect(glance.mail.unreadTotal()).toBe(70);
    await glance.settings.update({ listMode: 'messages' });
    expect(glance.mail.unreadTotal()).toBe(120);
  }, 60_000);
});
