// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { MailboxStatus, MessagePage, MessageSummary } from '../../../electron/shared/ipc-contract.js';
import {
  initialMailState,
  mailReducer,
  unreadCountOf,
  viewConversations,
  type MailAction,
  type MailState,
} from '../../../renderer/src/mail/mail-state.js';
import {
  defaultSettings,
  fakeCore,
  installFakeGlance,
  messageContentOf,
  ok,
  rawMessage,
  summary,
  testAccount,
} from './fake-glance.js';
import type { FakeCore, FakeGlance } from './fake-glance.js';
import { renderApp } from './render-app.js';

const A = testAccount.id;
const minute = 60_000;
const base = Date.UTC(2026, 10, 26, 12, 0, 0);

/** A message of thread `threadId`, `minutesAgo` old, from `name`. */
function message(
  id: number,
  threadId: string,
  minutesAgo: number,
  name: string,
  overrides: Partial<MessageSummary> = {},
) {
  return summary(id, {
    threadId,
    date: base - minutesAgo * minute,
    from: { name: `${name} Doe`, address: `${name.toLowerCase()}@example.com` },
    subject: `Subject of ${threadId}`,
    snippet: `Snippet ${id}`,
    ...overrides,
  });
}

describe('conversation rows from the mail state', () => {
  const status = (version: number, unreadCount: number, unreadConversationCount: number): MailboxStatus => ({
    accountId: A,
    version,
    unreadCount,
    unreadConversationCount,
    sync: { accountId: A, status: 'idle', lastSyncedAt: null },
    pendingActions: 0,
    droppedActions: 0,
  });
  const page = (messages: MessageSummary[], nextPageToken: string | null): MessagePage => ({
    messages,
    nextPageToken,
    resultSizeEstimate: 5,
    fromCache: false,
    mailboxes: [status(1, 5, 3)],
  });
  const run = (actions: MailAction[], state: MailState = initialMailState) => actions.reduce(mailReducer, state);

  // Thread a: Alex (newest, page 1) and Sam (oldest, page 2); thread b: Kim on page 1, plus a read reply of
  // Lee that only `conversation:get` knows; thread c: one message on page 2.
  const a1 = message(1, 'ta', 1, 'Alex');
  const b1 = message(2, 'tb', 2, 'Kim', { hasAttachments: true });
  const c1 = message(3, 'tc', 3, 'Jo', { starred: true });
  const a2 = message(4, 'ta', 4, 'Sam');
  const b0 = message(5, 'tb', 50, 'Lee', { unread: false });
  const twoPages = () =>
    run([
      { type: 'listStarted', view: A, request: 1, mode: 'first' },
      { type: 'pageLoaded', view: A, request: 1, mode: 'first', after: null, page: page([a1, b1], '2') },
      { type: 'moreStarted', view: A },
      {
        type: 'pageLoaded',
        view: A,
        request: 1,
        mode: 'more',
        after: { date: b1.date, accountId: A, id: b1.id },
        page: page([c1, a2], null),
      },
    ]);

  it('groups threads across two pages into one row each, with their senders and counts', () => {
    const state = twoPages();
    const known = new Map([[`${A}/tb`, [b0, b1]]]);
    const rows = viewConversations(state, A, known);
    expect(rows.map((row) => row.threadId)).toEqual(['ta', 'tb', 'tc']);
    const [a, b, c] = rows;
    expect(a).toMatchObject({ sendersText: 'Sam, Alex (2)', messageCount: 2, unreadCount: 2, newestUnreadId: a1.id });
    // The read reply counts in the conversation's size; only unread senders are named.
    expect(b).toMatchObject({ sendersText: 'Kim Doe (2)', messageCount: 2, unreadCount: 1, hasAttachments: true });
    expect(c).toMatchObject({ sendersText: 'Jo Doe', messageCount: 1, starred: true });
    expect(unreadCountOf(state, A, 'conversations')).toBe(3);
    expect(unreadCountOf(state, A, 'messages')).toBe(5);
  });

  it('before the second page, a thread shows only what the first page reached', () => {
    const state = run([
      { type: 'listStarted', view: A, request: 1, mode: 'first' },
      { type: 'pageLoaded', view: A, request: 1, mode: 'first', after: null, page: page([a1, b1], '2') },
    ]);
    expect(viewConversations(state, A).map((row) => [row.threadId, row.messageCount])).toEqual([
      ['ta', 1],
      ['tb', 1],
    ]);
  });

  it('a known message the view no longer lists counts as read: it never brings a row back', () => {
    const state = run(
      [
        {
          type: 'changed',
          change: { ...status(2, 4, 2), added: [], updated: [], removedIds: [c1.id], arrivedIds: [] },
        },
      ],
      twoPages(),
    );
    const rows = viewConversations(state, A, new Map([[`${A}/tc`, [c1]]]));
    expect(rows.map((row) => row.threadId)).toEqual(['ta', 'tb']);
  });

  it('a new message in an older conversation moves its row to the top; the counts come with the change', () => {
    const reply = message(6, 'tc', 0, 'Pat');
    const state = run(
      [
        {
          type: 'changed',
          change: { ...status(2, 6, 3), added: [reply], updated: [], removedIds: [], arrivedIds: [reply.id] },
        },
      ],
      twoPages(),
    );
    const rows = viewConversations(state, A);
    expect(rows.map((row) => row.threadId)).toEqual(['tc', 'ta', 'tb']);
    expect(rows[0]).toMatchObject({ sendersText: 'Jo, Pat (2)', subject: 'Subject of tc', newestUnreadId: reply.id });
    expect(unreadCountOf(state, A, 'conversations')).toBe(3);
    expect(unreadCountOf(state, A, 'messages')).toBe(6);
  });

  it('a conversation read here stays as a read row while it is retained; counts move by conversation', () => {
    let state = twoPages();
    state = run(
      [
        { type: 'retained', message: a1 },
        { type: 'retained', message: a2 },
        { type: 'patched', accountId: A, id: a1.id, patch: { unread: false } },
        { type: 'patched', accountId: A, id: a2.id, patch: { unread: false } },
        { type: 'countAdjusted', accountId: A, delta: -2, conversationDelta: -1 },
      ],
      state,
    );
    const row = viewConversations(state, A).find((candidate) => candidate.threadId === 'ta');
    expect(row).toMatchObject({ unreadCount: 0, messageCount: 2 });
    expect(unreadCountOf(state, A, 'conversations')).toBe(2);
    expect(unreadCountOf(state, A, 'messages')).toBe(3);
    // Archived (hidden) here, its messages leave and so does the row.
    state = run(
      [
        { type: 'hidden', accountId: A, id: a1.id },
        { type: 'hidden', accountId: A, id: a2.id },
      ],
      state,
    );
    expect(viewConversations(state, A).map((candidate) => candidate.threadId)).toEqual(['tb', 'tc']);
  });
});

// ----- the inbox in conversation mode -------------------------------------------------------------------

let glance: FakeGlance;
let core: FakeCore;
afterEach(() => {
  // The pure tests above install no fake.
  expect((glance as FakeGlance | undefined)?.violations ?? []).toEqual([]);
  cleanup();
  document.body.innerHTML = '';
});

const raw = (subject: string) =>
  rawMessage(`From: Sender <sender@example.com>
To: alex@example.com
Subject: ${subject}
Date: Wed, 25 Nov 2026 10:00:00 +0000
Content-Type: text/plain; charset=utf-8

Body of ${subject}.
`);

// Thread ta: Sam (read, not listed), Alex (unread), Sam (unread, newest); thread tb: Kim; thread tc: Jo.
const samRead = message(10, 'ta', 30, 'Sam', { unread: false });
const alex = message(11, 'ta', 20, 'Alex');
const samNew = message(12, 'ta', 5, 'Sam');
const kim = message(13, 'tb', 10, 'Kim');
const jo = message(14, 'tc', 40, 'Jo', { starred: true });

const threadRow = (threadId: string) =>
  document.querySelector<HTMLElement>(`[role="option"][data-thread-id="${threadId}"]`);
const threadIds = () =>
  [...document.querySelectorAll<HTMLElement>('[role="option"][data-thread-id]')].map((row) => row.dataset.threadId);
const selectedThread = () =>
  document.querySelector<HTMLElement>('[role="option"][aria-selected="true"]')?.dataset.threadId;
const press = (key: string) => fireEvent.keyDown(window, { key });
const reader = () => document.querySelector<HTMLElement>('article.conversation-reader');
const readerMessage = (id: string) => reader()?.querySelector<HTMLElement>(`[data-message-id="${id}"]`) ?? null;

async function start(settings: Partial<typeof defaultSettings> = {}) {
  core = fakeCore({ [A]: [alex, samNew, kim, jo] }, {}, [samRead]);
  let current = { ...defaultSettings, listMode: 'conversations' as const, ...settings };
  glance = installFakeGlance({
    ...core.handlers,
    'settings:get': () => ok(current),
    'settings:update': (patch) => {
      current = { ...current, ...patch };
      return ok(current);
    },
    'message:get': (_accountId, id) =>
      messageContentOf({ id, threadId: 'ta', labelIds: ['INBOX'], raw: raw(`message ${id}`) }),
  });
  core.connect(glance);
  const root = renderApp();
  await waitFor(() => expect(root.dataset.appState).toBe('ready'));
  await waitFor(() => expect(threadIds()).toEqual(['ta', 'tb', 'tc']));
  return root;
}

describe('the inbox in conversation mode', () => {
  it('shows one row per conversation, with its senders, count and marks, and counts conversations', async () => {
    await start();
    expect(within(threadRow('ta')!).getByText('Alex, Sam (2)')).toBeTruthy();
    expect(threadRow('ta')!.querySelector('.row-subject')!.textContent).toBe('Subject of ta');
    // The newest unread message's snippet.
    expect(threadRow('ta')!.querySelector('.row-snippet')!.textContent).toBe('Snippet 12');
    expect(threadRow('tc')!.querySelector('.icon-star')).not.toBeNull();
    expect(screen.getByRole('listbox', { name: 'Unread conversations' }).getAttribute('data-count')).toBe('3');
    expect(screen.getByTestId('unread-count').textContent).toBe('3 unread');
    // The title follows in an effect after the count is drawn.
    await waitFor(() => expect(document.title).toBe('Glance — 3 unread'));
    // No request beyond the list for the rows.
    expect(glance.callsOf('conversation:get')).toEqual([]);
  });

  it('opening a conversation asks once, unfolds unread messages, folds read ones, and unfolds on click', async () => {
    await start({ markReadOnOpen: false });
    fireEvent.click(threadRow('ta')!);
    await waitFor(() => expect(reader()?.dataset.readerState).toBe('ready'));
    expect(glance.callsOf('conversation:get')).toEqual([[A, 'ta']]);
    const order = [...reader()!.querySelectorAll<HTMLElement>('[data-message-id]')].map((element) => [
      element.dataset.messageId,
      element.dataset.expanded,
    ]);
    expect(order).toEqual([
      [samRead.id, 'false'],
      [alex.id, 'true'],
      [samNew.id, 'true'],
    ]);
    await waitFor(() => expect(readerMessage(alex.id)?.dataset.readerState).toBe('ready'));
    expect(glance.callsOf('message:get').map(([, id]) => id)).not.toContain(samRead.id);
    fireEvent.click(readerMessage(samRead.id)!);
    await waitFor(() => expect(readerMessage(samRead.id)?.dataset.readerState).toBe('ready'));
    expect(readerMessage(samRead.id)!.textContent).toContain(`Body of message ${samRead.id}.`);
    // The row now counts the read message conversation:get brought.
    await waitFor(() => expect(within(threadRow('ta')!).getByText('Alex, Sam (3)')).toBeTruthy());
    expect(glance.callsOf('conversation:get')).toHaveLength(1);
    expect(glance.callsOf('conversations:modify')).toEqual([]);
  });

  it('says the opened conversation through the polite live region, as the message reader does', async () => {
    await start({ markReadOnOpen: false });
    fireEvent.click(threadRow('ta')!);
    await waitFor(() => expect(reader()?.dataset.readerState).toBe('ready'));
    // Who wrote (each sender once, oldest first), the subject as the reader heads it, and how many messages.
    await waitFor(() =>
      expect(screen.getByTestId('live-region').textContent).toContain(
        'Opened conversation with Sam Doe and Alex Doe: Subject of ta, 3 messages',
      ),
    );
  });

  it('marks the conversation read when opened, keeps its row, and the count follows', async () => {
    await start();
    fireEvent.click(threadRow('ta')!);
    await waitFor(() => expect(glance.callsOf('conversations:modify')).toEqual([[A, ['ta'], 'markRead']]));
    await waitFor(() => expect(screen.getByTestId('unread-count').textContent).toBe('2 unread'));
    expect(threadRow('ta')!.dataset.unread).toBeUndefined();
  });

  it('n/p move between the messages of the open conversation, j/k between conversations', async () => {
    await start({ markReadOnOpen: false });
    press('j');
    expect(selectedThread()).toBe('ta');
    press('o');
    await waitFor(() => expect(reader()?.dataset.readerState).toBe('ready'));
    const current = () => reader()!.querySelector<HTMLElement>('[data-current]')?.dataset.messageId;
    expect(current()).toBe(alex.id);
    press('n');
    expect(current()).toBe(samNew.id);
    press('p');
    press('p');
    expect(current()).toBe(samRead.id);
    expect(readerMessage(samRead.id)!.dataset.expanded).toBe('true');
    press('j');
    expect(selectedThread()).toBe('tb');
    await waitFor(() => expect(reader()?.dataset.openThreadId).toBe('tb'));
    press('k');
    await waitFor(() => expect(reader()?.dataset.openThreadId).toBe('ta'));
  });

  it('archives a whole conversation, moves to the next row, and Undo brings it back', async () => {
    await start({ markReadOnOpen: false });
    press('j');
    press('e');
    await waitFor(() => expect(threadIds()).toEqual(['tb', 'tc']));
    expect(selectedThread()).toBe('tb');
    expect(glance.callsOf('conversations:modify')).toEqual([[A, ['ta'], 'archive']]);
    expect(core.messages(A).map((listed) => listed.id)).not.toContain(alex.id);
    await waitFor(() => expect(screen.getByTestId('unread-count').textContent).toBe('2 unread'));
    fireEvent.click(screen.getByRole('button', { name: 'Undo' }));
    await waitFor(() => expect(threadIds()).toEqual(['ta', 'tb', 'tc']));
    expect(glance.callsOf('conversations:modify').at(-1)).toEqual([A, ['ta'], 'unarchive']);
    await waitFor(() => expect(screen.getByTestId('unread-count').textContent).toBe('3 unread'));
    expect(selectedThread()).toBe('ta');
  });

  it('star goes to the conversation, and to its newest message as the core does', async () => {
    await start({ markReadOnOpen: false });
    press('j');
    press('s');
    await waitFor(() => expect(threadRow('ta')!.querySelector('.icon-star')).not.toBeNull());
    expect(glance.callsOf('conversations:modify')).toEqual([[A, ['ta'], 'star']]);
    // Only the newest message carries the star (the core's rule), here at once and after the core's change.
    await waitFor(() =>
      expect(
        core
          .messages(A)
          .filter((listed) => listed.threadId === 'ta' && listed.starred)
          .map((listed) => listed.id),
      ).toEqual([samNew.id]),
    );
  });

  it('"Show each message separately" switches rows and count, keeping the selection both ways', async () => {
    await start({ markReadOnOpen: false });
    press('j');
    press('j');
    expect(selectedThread()).toBe('tb');
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: /settings/i }));
    });
    fireEvent.click(await screen.findByLabelText('Show each message separately'));
    await waitFor(() => expect(glance.callsOf('settings:update')).toEqual([[{ listMode: 'messages' }]]));
    await waitFor(() => expect(screen.getByTestId('unread-count').textContent).toBe('4 unread'));
    const selectedMessage = () =>
      document.querySelector<HTMLElement>('[role="option"][aria-selected="true"]')?.dataset.messageId;
    expect(selectedMessage()).toBe(kim.id);
    expect(document.querySelectorAll('[role="option"][data-message-id]')).toHaveLength(4);
    fireEvent.click(screen.getByLabelText('Show each message separately'));
    await waitFor(() => expect(screen.getByTestId('unread-count').textContent).toBe('3 unread'));
    expect(selectedThread()).toBe('tb');
  });
});
