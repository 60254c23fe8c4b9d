// @vitest-environment jsdom
/**
 * Several accounts in the renderer: the switcher (counts, states, Add another account, 5 accounts), the
 * unified view (every row names its account, every action goes to it), one account's trouble on its own
 * banner, and the IPC calls the renderer makes on boot and after a change.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { AccountView, AccountsState, IpcResult, MessageSummary } from '../../../electron/shared/ipc-contract.js';
import {
  account,
  accountsState,
  defaultSettings,
  fakeCore,
  installFakeGlance,
  ok,
  rawMessage,
  summary,
  messageContentOf,
} from './fake-glance.js';
import type { FakeCore, FakeGlance, Handlers } from './fake-glance.js';
import { renderApp } from './render-app.js';

let glance: FakeGlance;
let core: FakeCore;
let accounts: AccountsState;
afterEach(() => {
  expect(glance.violations).toEqual([]);
  cleanup();
  document.body.innerHTML = '';
});

const raw = rawMessage(`From: Sender <sender@example.com>
To: someone@example.com
Subject: Hello
Content-Type: text/plain; charset=utf-8

Hello.
`);

/** n accounts, each with three unread messages; account i's messages interleave with the others' by date. */
function mailOf(views: AccountView[]): Record<string, MessageSummary[]> {
  return Object.fromEntries(
    views.map((entry, index) => [
      entry.id,
      [0, 1, 2].map((n) => summary(n * views.length + index, { accountId: entry.id })),
    ]),
  );
}

async function start(list: AccountView[], overrides: Handlers = {}, setup?: (core: FakeCore) => void) {
  accounts = accountsState(list);
  core = fakeCore(mailOf(list));
  glance = installFakeGlance({
    ...core.handlers,
    'accounts:get': () => ok(accounts),
    'accounts:setActive': (accountId) => {
      accounts = { ...accounts, activeAccountId: accountId };
      glance.emit('accounts:changed', accounts);
      return ok(accounts);
    },
    'message:get': (_accountId, id) => messageContentOf({ id, threadId: 't', labelIds: ['INBOX', 'UNREAD'], raw }),
    'shell:openInGmail': () => ok(null),
    ...overrides,
  });
  core.connect(glance);
  setup?.(core);
  const root = renderApp();
  await waitFor(() => expect(root.dataset.appState).toBe('ready'));
  await waitFor(() => expect(document.querySelector('.inbox')?.getAttribute('data-list-state')).toBe('ready'));
  return root;
}

const press = (key: string) => fireEvent.keyDown(window, { key });
const rows = () => [...document.querySelectorAll<HTMLElement>('[role="option"][data-message-id]')];
const rowKeys = () => rows().map((row) => `${row.dataset.accountId}/${row.dataset.messageId}`);
const openSwitcher = () => fireEvent.click(screen.getByRole('button', { name: /^Account: / }));
const entries = () => within(screen.getByRole('menu', { name: 'Accounts' })).getAllByRole('menuitemradio');
const listCalls = () => glance.callsOf('messages:list').map(([args]) => args.accountId);

async function showUnified() {
  press('g');
  press('u');
  await waitFor(() => expect(document.querySelector('.inbox')?.getAttribute('data-view')).toBe('*'));
  await waitFor(() => expect(document.querySelector('.inbox')?.getAttribute('data-list-state')).toBe('ready'));
}

describe('IPC on boot and after a change', () => {
  it('boots with one call each (one list, no summary) and lists nothing after a change or accounts:changed', async () => {
    await start([account(1), account(2)]);
    const channels = glance.calls.map((call) => call.channel);
    expect(channels.filter((channel) => channel === 'messages:list')).toHaveLength(1);
    // proxy:openQuestions and message:takePendingShow: a proxy's questions and a clicked notification's message,
    // sent before the page listened (answered from the main process's memory).
    expect(new Set(channels)).toEqual(
      new Set([
        'app:info',
        'accounts:get',
        'settings:get',
        'mailboxes:get',
        'messages:list',
        'proxy:openQuestions',
        'message:takePendingShow',
      ]),
    );
    expect(channels).toHaveLength(7);
    // The switcher's counts come from mailboxes.get, before any list of the other account.
    openSwitcher();
    expect(entries()[2]?.getAttribute('aria-label')).toBe('work@acme.test, 3 unread');

    const before = glance.calls.length;
    act(() => {
      core.publish(glance, 'acct-1', { added: [summary(99, { accountId: 'acct-1', date: Date.now() })] });
      core.publish(glance, 'acct-2', { removedIds: [core.messages('acct-2')[0]!.id], unreadCount: 2 });
      glance.emit('accounts:changed', accounts);
    });
    await waitFor(() => expect(rows()[0]?.dataset.messageId).toBe(summary(99).id));
    expect(entries()[2]?.getAttribute('aria-label')).toBe('work@acme.test, 2 unread');
    expect(glance.calls.slice(before)).toEqual([]);
  });
});

describe('the account switcher', () => {
  it('shows five accounts with their counts and states, and Unified with the total', async () => {
    const five = [
      account(1),
      account(2, { status: 'needs-sign-in' }),
      account(3),
      account(4),
      account(5, { status: 'keychain-unavailable' }),
    ];
    await start(five, {}, (fake) => {
      fake.publish(glance, 'acct-3', { sync: { status: 'offline', retryAt: Date.now() + 30_000 } }, true);
      fake.publish(glance, 'acct-4', { sync: { status: 'rate-limited' }, unreadCount: 40 }, true);
    });
    openSwitcher();
    expect(entries().map((entry) => entry.getAttribute('aria-label'))).toEqual([
      'Unified, all accounts, 52 unread',
      'alex@example.com, 3 unread',
      'work@acme.test, 3 unread, Needs sign-in',
      'sam@home.test, 3 unread, Offline',
      'jo@club.test, 40 unread, Rate-limited by Google',
      'kim@uni.test, 3 unread, Keychain unavailable',
    ]);
    expect(entries()[1]?.getAttribute('aria-checked')).toBe('true');
    // Each account has its own initial, so the colour is never the only thing telling them apart.
    const initials = entries()
      .slice(1)
      .map((entry) => entry.querySelector<HTMLElement>('.account-mark')?.dataset.initial);
    expect(new Set(initials).size).toBe(5);
    // Choosing one shows it (and the core remembers it).
    fireEvent.click(entries()[4]!);
    await waitFor(() => expect(glance.callsOf('accounts:setActive')).toEqual([['acct-4']]));
    await waitFor(() => expect(listCalls()).toEqual(['acct-1', 'acct-4']));
    expect(screen.getByRole('button', { name: 'Account: jo@club.test' })).toBeTruthy();
    expect(screen.getByTestId('unread-count').textContent).toBe('40 unread');
  });

  it('Add another account opens Google’s account chooser; an account already there is shown', async () => {
    let finish: (result: IpcResult<AccountView>) => void = () => undefined;
    await start([account(1), account(2), account(3)], {
      'auth:signIn': () => new Promise((resolve) => (finish = resolve)),
      'auth:openBrowserAgain': () => ok(null),
    });
    await showUnified();
    openSwitcher();
    fireEvent.click(screen.getByRole('menuitem', { name: 'Add another account…' }));
    // No login hint: Google shows its account chooser.
    expect(glance.callsOf('auth:signIn')).toEqual([[{}]]);
    // Its tab got lost: the dialog over the inbox opens Google's page again too.
    act(() => glance.emit('signIn:progress', { phase: 'waiting-for-browser' }));
    const dialog = screen.getByRole('dialog', { name: 'Sign in' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Open the browser again' }));
    await waitFor(() => expect(glance.callsOf('auth:openBrowserAgain')).toEqual([[]]));
    // The person picked account 3, already signed in: the core makes it active and says so, then answers.
    await act(async () => {
      accounts = { ...accounts, activeAccountId: 'acct-3' };
      glance.emit('accounts:changed', accounts);
      finish(ok(account(3)));
    });
    await waitFor(() => expect(document.querySelector('.inbox')?.getAttribute('data-view')).toBe('acct-3'));
    expect(screen.getByRole('button', { name: 'Account: sam@home.test' })).toBeTruthy();
    expect(glance.callsOf('accounts:setActive')).toEqual([]);
    expect(glance.callsOf('accounts:get')).toHaveLength(1);
  });

  it('g 1–9 shows an account, g u the unified view; both are in the shortcuts dialog', async () => {
    await start([account(1), account(2)]);
    press('g');
    press('2');
    await waitFor(() => expect(glance.callsOf('accounts:setActive')).toEqual([['acct-2']]));
    await waitFor(() => expect(document.querySelector('.inbox')?.getAttribute('data-view')).toBe('acct-2'));
    await showUnified();
    press('?');
    const dialog = screen.getByRole('dialog', { name: 'Keyboard shortcuts' });
    expect(dialog.textContent).toContain('Go to Unified');
    expect(dialog.textContent).toContain('Go to account 1–9');
  });
});

describe('the unified view', () => {
  it('merges every account newest first; each row names its account; each action goes to it', async () => {
    await start([account(1), account(2)], {
      'settings:get': () => ok({ ...defaultSettings, markReadOnOpen: false }),
    });
    await showUnified();
    // One list of every account (and nothing else) for the view.
    expect(listCalls()).toEqual(['acct-1', '*']);
    expect(rowKeys()).toEqual([0, 1, 2, 3, 4, 5].map((n) => `acct-${(n % 2) + 1}/${summary(n).id}`));
    const second = rows()[1]!;
    const mark = second.querySelector<HTMLElement>('.account-mark')!;
    expect(mark.getAttribute('title')).toBe('work@acme.test');
    expect(mark.dataset.initial).toBe('W');
    expect(second.getAttribute('aria-label')).toMatch(/in work@acme\.test$/);
    expect(screen.getByTestId('unread-count').textContent).toBe('6 unread');

    // Open, star, mark unread and open in Gmail: all in work@acme.test's mailbox.
    const id = summary(1).id;
    fireEvent.click(second);
    await waitFor(() => expect(glance.callsOf('message:get')).toEqual([['acct-2', id]]));
    const header = await screen.findByText('work@acme.test', { selector: '.reader-account span' });
    expect(header).toBeTruthy();
    press('s');
    fireEvent.click(screen.getByRole('button', { name: 'Mark read' }));
    fireEvent.click(screen.getByRole('button', { name: 'Open in Gmail' }));
    press('e');
    await waitFor(() =>
      expect(glance.callsOf('messages:modify')).toEqual([
        ['acct-2', [id], 'star'],
        ['acct-2', [id], 'markRead'],
        ['acct-2', [id], 'archive'],
      ]),
    );
    expect(glance.callsOf('shell:openInGmail')).toEqual([['acct-2', id]]);
    await waitFor(() => expect(rowKeys()).not.toContain(`acct-2/${id}`));
    expect(rowKeys()).toHaveLength(5);
    // Undo goes to the same mailbox.
    fireEvent.click(screen.getByRole('button', { name: 'Undo' }));
    await waitFor(() => expect(glance.callsOf('messages:modify').at(-1)).toEqual(['acct-2', [id], 'unarchive']));
    await waitFor(() => expect(rowKeys()).toContain(`acct-2/${id}`));
    expect(glance.callsOf('messages:list')).toHaveLength(2);
  });

  it('one account needing sign-in shows on its own banner; the other accounts keep showing', async () => {
    await start([account(1), account(2, { status: 'needs-sign-in' }), account(3)], {
      'auth:signIn': () => new Promise(() => undefined),
    });
    await showUnified();
    const banners = screen.getAllByTestId('needs-sign-in');
    expect(banners).toHaveLength(1);
    expect(banners[0]!.dataset.accountId).toBe('acct-2');
    expect(banners[0]!.textContent).toContain('work@acme.test needs you to sign in again');
    // Every account's rows stay, the signed-out one's cached mail too.
    expect(new Set(rows().map((row) => row.dataset.accountId))).toEqual(new Set(['acct-1', 'acct-2', 'acct-3']));
    fireEvent.click(within(banners[0]!).getByRole('button', { name: 'Sign in again' }));
    await waitFor(() => expect(glance.callsOf('auth:signIn')).toEqual([[{ loginHint: 'work@acme.test' }]]));
    // An account that goes offline says so in the status line, by name; the others stay as they are.
    act(() => {
      core.publish(glance, 'acct-3', { sync: { status: 'offline' } });
    });
    await waitFor(() =>
      expect(document.querySelector('.status-line')?.textContent).toContain('sam@home.test: Offline'),
    );
    expect(screen.getAllByTestId('needs-sign-in')).toHaveLength(1);
    expect(rows().length).toBe(9);
  });

  it('Gmail having trouble for one account is said as such (not "offline"), on its own banner, with no button', async () => {
    await start([account(1), account(2), account(3)]);
    await showUnified();
    act(() => {
      core.publish(glance, 'acct-2', { sync: { status: 'google-trouble', retryAt: Date.now() + 30_000 } });
    });
    await waitFor(() => expect(screen.getAllByTestId('google-trouble')).toHaveLength(1));
    const banner = screen.getByTestId('google-trouble');
    expect(banner.dataset.accountId).toBe('acct-2');
    expect(banner.textContent).toContain('Gmail is having trouble — retrying work@acme.test on its own');
    expect(within(banner).queryByRole('button')).toBeNull();
    const statusLine = document.querySelector('.status-line')!;
    expect(statusLine.textContent).toContain('work@acme.test: Gmail is having trouble — retrying');
    expect(statusLine.textContent).not.toMatch(/offline/i);
    expect(rows().length).toBe(9);
  });
});
