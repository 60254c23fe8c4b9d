// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { MessageSummary } from '../../../electron/shared/ipc-contract.js';
import { fail, fakeCore, inboxHandlers, installFakeGlance, ok, summary, testAccount } from './fake-glance.js';
import type { FakeGlance } from './fake-glance.js';
import { renderApp } from './render-app.js';

let glance: FakeGlance;
afterEach(() => {
  expect(glance.violations).toEqual([]);
  cleanup();
  document.body.innerHTML = '';
});

const rows = () =>
  [...document.querySelectorAll<HTMLElement>('[data-message-id]')].filter(
    (row) => row.getAttribute('role') === 'option',
  );
const rowIds = () => rows().map((row) => row.dataset.messageId);
const rowFor = (id: string) => document.querySelector<HTMLElement>(`[role="option"][data-message-id="${id}"]`);

/** A page of the unread view at version 1, as the core serves it. */
const pageOf = (messages: MessageSummary[], nextPageToken: string | null, total = messages.length) =>
  ok({
    messages,
    nextPageToken,
    resultSizeEstimate: total,
    fromCache: false,
    mailboxes: [
      {
        accountId: testAccount.id,
        version: 1,
        unreadCount: total,
        unreadConversationCount: total,
        sync: { accountId: testAccount.id, status: 'idle' as const, lastSyncedAt: null },
        pendingActions: 0,
        droppedActions: 0,
      },
    ],
  });

async function ready(root: HTMLElement) {
  await waitFor(() => expect(root.dataset.appState).toBe('ready'));
  await waitFor(() => expect(document.querySelector('.inbox')?.getAttribute('data-list-state')).not.toBe('loading'));
}

describe('unread list', () => {
  it('asks for INBOX ∩ UNREAD 50 at a time and shows sender, subject, snippet, marks and dates', async () => {
    const messages = [
      summary(1, { starred: true, hasAttachments: true }),
      summary(2, { from: { name: '', address: 'bare@example.com' } }),
      summary(3),
    ];
    glance = installFakeGlance(inboxHandlers(messages, 12));
    const root = renderApp();
    await ready(root);
    expect(glance.callsOf('messages:list')[0]?.[0]).toEqual({
      accountId: testAccount.id,
      scope: 'unread',
      pageSize: 50,
      pageToken: null,
    });
    const list = screen.getByRole('listbox', { name: 'Unread messages' });
    expect(within(list).getAllByRole('option')).toHaveLength(3);
    const first = rowFor(summary(1).id)!;
    expect(within(first).getByText('Sender 1').getAttribute('title')).toBe('sender1@example.com');
    expect(within(first).getByText('Subject number 1')).toBeTruthy();
    expect(within(first).getByText('Snippet of message 1')).toBeTruthy();
    expect(first.getAttribute('aria-label')).toMatch(
      /^Unread, Starred, Has attachment, from Sender 1, [^,]+, Subject number 1, Snippet of message 1$/,
    );
    expect(first.querySelector('time')?.getAttribute('title')).toBeTruthy();
    expect(within(rowFor(summary(2).id)!).getByText('bare@example.com')).toBeTruthy();
    expect(screen.getByTestId('unread-count').textContent).toBe('12 unread');
    // The title follows in an effect after the count is drawn.
    await waitFor(() => expect(document.title).toBe('Glance — 12 unread'));
  });

  it('loads further pages as the end comes into view, without duplicates', async () => {
    const all = Array.from({ length: 25 }, (_, index) => summary(index));
    glance = installFakeGlance({
      ...inboxHandlers(all),
      // Pages of 10 that overlap by one message, as a list changing under the cursor can.
      'messages:list': (args) => {
        const start = args.pageToken ? Number(args.pageToken) : 0;
        return pageOf(
          all.slice(Math.max(0, start - 1), start + 10),
          start + 10 < all.length ? String(start + 10) : null,
          25,
        );
      },
    });
    const root = renderApp();
    await ready(root);
    const list = screen.getByRole('listbox', { name: 'Unread messages' });
    await waitFor(() => expect(list.getAttribute('data-count')).toBe('25'));
    expect(glance.callsOf('messages:list').map(([args]) => args.pageToken)).toEqual([null, '10', '20']);
    // Scrolled to the end, the last rows are the oldest messages, each once.
    const scroller = screen.getByTestId('message-list-scroll');
    scroller.scrollTop = 25 * 84;
    fireEvent.scroll(scroller);
    await waitFor(() => expect(rowIds().at(-1)).toBe(summary(24).id));
    expect(new Set(rowIds()).size).toBe(rowIds().length);
  });

  it('keeps only the visible rows in the DOM at 10,000 unread', async () => {
    const all = Array.from({ length: 10_000 }, (_, index) => summary(index));
    glance = installFakeGlance({
      ...inboxHandlers(all),
      'messages:list': () => pageOf(all, null),
    });
    const root = renderApp();
    await ready(root);
    expect(screen.getByRole('listbox', { name: 'Unread messages' }).getAttribute('data-count')).toBe('10000');
    expect(rows().length).toBeGreaterThan(5);
    expect(rows().length).toBeLessThan(40);
  });

  it('applies a change as it comes, without listing again', async () => {
    const core = fakeCore({ [testAccount.id]: [summary(1), summary(2), summary(3)] });
    glance = installFakeGlance(core.handlers);
    const root = renderApp();
    await ready(root);
    expect(glance.callsOf('messages:list')).toHaveLength(1);
    act(() => {
      core.publish(glance, testAccount.id, {
        added: [summary(0)],
        removedIds: [summary(2).id],
        arrivedIds: [summary(0).id],
      });
    });
    await waitFor(() => expect(rowIds()).toEqual([summary(0).id, summary(1).id, summary(3).id]));
    expect(screen.getByTestId('unread-count').textContent).toBe('3 unread');
    expect(glance.callsOf('messages:list')).toHaveLength(1);
  });

  it('a message re-entering the unread inbox below the first page shows at its place; one read elsewhere goes', async () => {
    const everything = Array.from({ length: 120 }, (_, index) => summary(index));
    const reentering = summary(70);
    const readElsewhere = summary(80).id;
    const core = fakeCore({ [testAccount.id]: everything.filter((message) => message.id !== reentering.id) });
    glance = installFakeGlance(core.handlers);
    const root = renderApp();
    await ready(root);
    const list = screen.getByRole('listbox', { name: 'Unread messages' });
    const scroller = screen.getByTestId('message-list-scroll');
    const scrollToRow = (index: number) => {
      scroller.scrollTop = index * 84;
      fireEvent.scroll(scroller);
    };
    // Scroll until the second page is in: 100 rows (0–100 without 70).
    scrollToRow(50);
    await waitFor(() => expect(list.getAttribute('data-count')).toBe('100'));
    scrollToRow(66);
    await waitFor(() => expect(rowFor(summary(71).id)).not.toBeNull());
    const listsBefore = glance.callsOf('messages:list').length;

    // Marked unread on the phone, and 80 read there: one change carries both.
    act(() => {
      core.publish(glance, testAccount.id, { added: [reentering], removedIds: [readElsewhere], unreadCount: 119 });
    });
    await waitFor(() => expect(rowFor(reentering.id)).not.toBeNull());
    expect(rowFor(reentering.id)!.dataset.index).toBe('70');
    const ids = () => [...list.querySelectorAll<HTMLElement>('[role="option"]')].map((row) => row.dataset.messageId);
    expect(ids()).not.toContain(readElsewhere);
    expect(list.getAttribute('data-count')).toBe('100');
    expect(glance.callsOf('messages:list')).toHaveLength(listsBefore);
    // Scrolling on reaches the end with every message once, in date order.
    scrollToRow(200);
    await waitFor(() => expect(list.getAttribute('data-count')).toBe('119'));
    scrollToRow(119);
    await waitFor(() => expect(rowFor(summary(119).id)?.dataset.index).toBe('118'));
    expect(new Set(ids()).size).toBe(ids().length);
  }, 20_000);

  it('a missed change reloads the loaded range once, then applies the next changes as they come', async () => {
    const core = fakeCore({ [testAccount.id]: [summary(1), summary(2), summary(3)] });
    glance = installFakeGlance(core.handlers);
    const root = renderApp();
    await ready(root);
    // Version 2 never reaches the renderer; version 3 does: a gap.
    core.publish(glance, testAccount.id, { removedIds: [summary(1).id], unreadCount: 2 }, true);
    act(() => {
      core.publish(glance, testAccount.id, { added: [summary(0)], unreadCount: 3 });
    });
    await waitFor(() => expect(glance.callsOf('messages:list')).toHaveLength(2));
    await waitFor(() => expect(rowIds()).toEqual([summary(0).id, summary(2).id, summary(3).id]));
    expect(glance.callsOf('messages:list')[1]?.[0]).toMatchObject({ accountId: testAccount.id, pageToken: null });
    act(() => {
      core.publish(glance, testAccount.id, { removedIds: [summary(3).id], unreadCount: 2 });
    });
    await waitFor(() => expect(rowIds()).toEqual([summary(0).id, summary(2).id]));
    expect(glance.callsOf('messages:list')).toHaveLength(2);
    expect(screen.getByTestId('unread-count').textContent).toBe('2 unread');
  });
});

describe('states', () => {
  it('shows skeleton rows while the first page loads', async () => {
    glance = installFakeGlance({ ...inboxHandlers([]), 'messages:list': () => new Promise(() => undefined) });
    const root = renderApp();
    await waitFor(() => expect(root.dataset.appState).toBe('ready'));
    expect(screen.getByTestId('skeleton')).toBeTruthy();
    expect(document.querySelector('.inbox')?.getAttribute('data-list-state')).toBe('loading');
  });

  it('shows inbox zero with a way to check now', async () => {
    glance = installFakeGlance(inboxHandlers([]));
    const root = renderApp();
    await ready(root);
    expect(screen.getByRole('heading', { name: 'You’re all caught up' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Check now' }));
    await waitFor(() => expect(glance.callsOf('sync:now')).toEqual([[testAccount.id]]));
  });

  it('shows offline with Retry, and Retry loads again', async () => {
    let offline = true;
    const handlers = inboxHandlers([summary(1)]);
    glance = installFakeGlance({
      ...handlers,
      'messages:list': (args) => (offline ? fail('OFFLINE', 'No connection.') : handlers['messages:list']!(args)),
    });
    const root = renderApp();
    await ready(root);
    expect(screen.getByRole('alert').getAttribute('data-error-code')).toBe('OFFLINE');
    expect(screen.getByText('You are offline')).toBeTruthy();
    offline = false;
    fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
    await waitFor(() => expect(rowIds()).toEqual([summary(1).id]));
  });

  it('tells when Google rate-limits syncing, with the retry time', async () => {
    const core = fakeCore({ [testAccount.id]: [summary(1)] });
    glance = installFakeGlance(core.handlers);
    core.publish(glance, testAccount.id, { sync: { status: 'rate-limited', retryAt: Date.now() + 20_000 } }, true);
    const root = renderApp();
    await ready(root);
    await waitFor(() =>
      expect(document.querySelector('[data-sync-status]')?.getAttribute('data-sync-status')).toBe('rate-limited'),
    );
    expect(document.querySelector('.status-line')?.textContent).toMatch(/slow down; trying again in \d+ s/);
  });

  it('keeps cached mail visible when the session ended and offers Sign in again with the account as hint', async () => {
    const handlers = inboxHandlers([summary(1)]);
    glance = installFakeGlance({
      ...handlers,
      'accounts:get': () =>
        ok({
          accounts: [{ ...testAccount, status: 'needs-sign-in' }],
          activeAccountId: testAccount.id,
          keychainUnavailable: false,
        }),
      'auth:signIn': () => new Promise(() => undefined),
    });
    const root = renderApp();
    await ready(root);
    expect(rowIds()).toEqual([summary(1).id]);
    fireEvent.click(within(screen.getByTestId('needs-sign-in')).getByRole('button', { name: 'Sign in again' }));
    await waitFor(() => expect(glance.callsOf('auth:signIn')).toEqual([[{ loginHint: testAccount.email }]]));
    expect(screen.getByText('Waiting for your browser…')).toBeTruthy();
  });

  it('says the keychain is unavailable and retries through accounts.retryKeychain', async () => {
    let locked = true;
    glance = installFakeGlance({
      ...inboxHandlers([summary(1)]),
      'accounts:get': () => ok({ accounts: [], activeAccountId: null, keychainUnavailable: true }),
      'accounts:retryKeychain': () => {
        locked = false;
        return ok({ accounts: [testAccount], activeAccountId: testAccount.id, keychainUnavailable: locked });
      },
    });
    const root = renderApp();
    await waitFor(() => expect(root.dataset.appState).toBe('keychain-unavailable'));
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    await waitFor(() => expect(root.dataset.appState).toBe('ready'));
    expect(glance.callsOf('accounts:retryKeychain')).toHaveLength(1);
  });

  it('marks demo mode with a permanent banner', async () => {
    glance = installFakeGlance({
      ...inboxHandlers([summary(1)]),
      'app:info': () => ok({ name: 'Glance', version: '0', platform: 'linux', mode: 'demo', clientSource: 'demo' }),
    });
    const root = renderApp();
    await ready(root);
    expect(screen.getByTestId('demo-banner').textContent).toContain('Demo mailbox — not your Gmail');
  });
});

describe('search', () => {
  it('searches the unread inbox with Gmail syntax, switches to all mail, and is honest when nothing matches', async () => {
    const core = fakeCore({ [testAccount.id]: [summary(1)] });
    const inbox = core.handlers['messages:list']!;
    glance = installFakeGlance({
      ...core.handlers,
      'messages:list': (args) =>
        args.query === 'from:maya has:attachment'
          ? ok({ messages: [], nextPageToken: null, resultSizeEstimate: 0, fromCache: false, mailboxes: [] })
          : inbox(args),
    });
    const root = renderApp();
    await ready(root);
    const box = screen.getByRole('searchbox', { name: /Search mail/ });
    fireEvent.keyDown(window, { key: '/' });
    expect(document.activeElement).toBe(box);
    fireEvent.change(box, { target: { value: 'from:maya has:attachment' } });
    fireEvent.submit(box.closest('form')!);
    await waitFor(() =>
      expect(screen.getByRole('heading', { name: 'No unread messages match “from:maya has:attachment”' })).toBeTruthy(),
    );
    expect(glance.callsOf('messages:list').at(-1)?.[0]).toMatchObject({
      scope: 'unread',
      query: 'from:maya has:attachment',
    });
    fireEvent.click(screen.getByRole('button', { name: 'Search all mail' }));
    await waitFor(() =>
      expect(glance.callsOf('messages:list').at(-1)?.[0]).toMatchObject({
        scope: 'all',
        query: 'from:maya has:attachment',
      }),
    );
    // A change while searching lists nothing again.
    const before = glance.callsOf('messages:list').length;
    act(() => {
      core.publish(glance, testAccount.id, { added: [summary(5)] });
    });
    expect(glance.callsOf('messages:list')).toHaveLength(before);
    // Typing a shortcut letter in the box does not act on the list.
    fireEvent.keyDown(box, { key: 'e' });
    expect(glance.callsOf('messages:modify')).toEqual([]);
  });
});
