// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { MessageSummary } from '../../../electron/shared/ipc-contract.js';
import {
  defaultSettings,
  fail,
  fakeCore,
  installFakeGlance,
  ok,
  helloRaw,
  listedMessageIds,
  summary,
  testAccount,
  messageContentOf,
} from './fake-glance.js';
import type { FakeCore, FakeGlance, Handlers } from './fake-glance.js';
import { renderApp } from './render-app.js';

let glance: FakeGlance;
let core: FakeCore;
afterEach(() => {
  expect(glance.violations).toEqual([]);
  cleanup();
  document.body.innerHTML = '';
});

const raw = helloRaw();

const ids = [0, 1, 2].map((index) => summary(index).id);
const row = (id: string) => document.querySelector<HTMLElement>(`[role="option"][data-message-id="${id}"]`);
const rowIds = listedMessageIds;
const selectedId = () =>
  document.querySelector<HTMLElement>('[role="option"][aria-selected="true"]')?.dataset.messageId;
const openId = () => document.querySelector<HTMLElement>('article[data-open-message-id]')?.dataset.openMessageId;
const press = (key: string, init: KeyboardEventInit = {}) => fireEvent.keyDown(window, { key, ...init });

/** The three messages in a core that publishes what `messages.modify` changes, as the real one does. */
async function start(overrides: Handlers = {}, others: Record<string, MessageSummary[]> = {}) {
  core = fakeCore(
    { [testAccount.id]: [summary(0), summary(1, { starred: true }), summary(2, { unread: false })], ...others },
    { [testAccount.id]: 2 },
  );
  glance = installFakeGlance({
    ...core.handlers,
    'message:get': (_accountId, id) => messageContentOf({ id, threadId: 't', labelIds: ['INBOX', 'UNREAD'], raw }),
    ...overrides,
  });
  core.connect(glance);
  const root = renderApp();
  await waitFor(() => expect(root.dataset.appState).toBe('ready'));
  await waitFor(() => expect(rowIds()).toEqual(ids));
}

const modifies = () =>
  glance.callsOf('messages:modify').map(([, messageIds, action]) => `${action}:${messageIds.join(',')}`);

describe('keyboard', () => {
  it('j/k move, o opens, u goes back, and ? shows the shortcuts', async () => {
    await start({ 'settings:get': () => ok({ ...defaultSettings, markReadOnOpen: false }) });
    press('j');
    expect(selectedId()).toBe(ids[0]);
    // Focus follows the selection, so the focus ring and screen readers are where the person is.
    expect(document.activeElement).toBe(row(ids[0]!));
    expect(row(ids[0]!)!.tabIndex).toBe(0);
    expect(row(ids[1]!)!.tabIndex).toBe(-1);
    press('j');
    press('j');
    press('j');
    expect(selectedId()).toBe(ids[2]);
    press('k');
    expect(selectedId()).toBe(ids[1]);
    press('o');
    await waitFor(() => expect(openId()).toBe(ids[1]));
    // With the reader open, j opens the next message.
    press('j');
    await waitFor(() => expect(openId()).toBe(ids[2]));
    press('u');
    await waitFor(() => expect(openId()).toBeUndefined());
    expect(selectedId()).toBe(ids[2]);
    press('Enter');
    await waitFor(() => expect(openId()).toBe(ids[2]));
    press('?');
    expect(screen.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeTruthy();
    press('Escape');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(modifies()).toEqual([]);
  });

  it('menu and notification events: refresh, search, shortcuts, and opening a message', async () => {
    await start({ 'settings:get': () => ok({ ...defaultSettings, markReadOnOpen: false }) });
    act(() => glance.emit('command:run', { command: 'refresh' }));
    await waitFor(() => expect(glance.callsOf('sync:now')).toEqual([[testAccount.id]]));
    act(() => glance.emit('command:run', { command: 'search' }));
    expect(document.activeElement).toBe(screen.getByRole('searchbox', { name: /Search mail/ }));
    act(() => glance.emit('command:run', { command: 'shortcuts' }));
    expect(screen.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeTruthy();
    act(() => glance.emit('message:show', { accountId: testAccount.id, messageId: ids[2]! }));
    await waitFor(() => expect(openId()).toBe(ids[2]));
    expect(glance.callsOf('message:get').at(-1)).toEqual([testAccount.id, ids[2]]);
  });

  it('a notification’s Archive shows in the window with Undo, which unarchives through the same call', async () => {
    await start();
    act(() =>
      glance.emit('action:fromNotification', {
        accountId: testAccount.id,
        messageIds: [ids[1]!],
        action: 'archive',
        outcome: 'sent',
      }),
    );
    const toast = await screen.findByText('Archived from a notification');
    expect(modifies()).toEqual([]);
    fireEvent.click(within(toast.closest<HTMLElement>('.toast')!).getByRole('button', { name: 'Undo' }));
    await waitFor(() => expect(modifies()).toEqual([`unarchive:${ids[1]}`]));
  });

  it('a notification’s Mark as read while offline says it will reach Gmail later', async () => {
    await start();
    act(() =>
      glance.emit('action:fromNotification', {
        accountId: testAccount.id,
        messageIds: [ids[0]!],
        action: 'markRead',
        outcome: 'queued',
      }),
    );
    expect(
      await screen.findByText('Marked as read from a notification — it will reach Gmail when you’re back online'),
    ).toBeTruthy();
  });

  it('a notification for another account switches to it and opens the message', async () => {
    const other = { ...testAccount, id: 'acct-2', email: 'sam@example.com', name: 'Sam' };
    let active = testAccount.id;
    await start(
      {
        'accounts:get': () =>
          ok({ accounts: [testAccount, other], activeAccountId: active, keychainUnavailable: false }),
        'accounts:setActive': (accountId) => {
          active = accountId;
          return ok({ accounts: [testAccount, other], activeAccountId: active, keychainUnavailable: false });
        },
      },
      { [other.id]: [summary(9, { accountId: other.id })] },
    );
    act(() => glance.emit('message:show', { accountId: other.id, messageId: 'abc123' }));
    await waitFor(() => expect(openId()).toBe('abc123'));
    expect(glance.callsOf('accounts:setActive')).toEqual([[other.id]]);
    expect(glance.callsOf('message:get').at(-1)).toEqual([other.id, 'abc123']);
    // The message opens at once; the switch lands when the core has answered.
    await waitFor(() => expect(screen.getByRole('button', { name: 'Account: sam@example.com' })).toBeTruthy());
  });

  it('r checks for new mail', async () => {
    await start();
    press('r');
    await waitFor(() => expect(glance.callsOf('sync:now')).toEqual([[testAccount.id]]));
  });
});

describe('actions', () => {
  it('marks a message read when it is opened, and the count follows', async () => {
    await start();
    expect(screen.getByTestId('unread-count').textContent).toBe('2 unread');
    fireEvent.click(row(ids[0]!)!);
    await waitFor(() => expect(modifies()).toEqual([`markRead:${ids[0]}`]));
    expect(row(ids[0]!)!.hasAttribute('data-unread')).toBe(false);
    expect(screen.getByTestId('unread-count').textContent).toBe('1 unread');
    // The title follows in an effect after the count is drawn.
    await waitFor(() => expect(document.title).toBe('Glance — 1 unread'));
  });

  it('keeps a message read here in the unread list after the core’s change takes it out, without listing again', async () => {
    await start();
    fireEvent.click(row(ids[1]!)!);
    await waitFor(() => expect(modifies()).toEqual([`markRead:${ids[1]}`]));
    // The core's change (removedIds) arrived before the answer; the row stays, read.
    expect(core.messages(testAccount.id).map((message) => message.id)).toEqual([ids[0], ids[2]]);
    expect(rowIds()).toEqual(ids);
    expect(row(ids[1]!)!.hasAttribute('data-unread')).toBe(false);
    expect(glance.callsOf('messages:list')).toHaveLength(1);
  });

  it('does not mark read on open when the setting is off', async () => {
    await start({ 'settings:get': () => ok({ ...defaultSettings, markReadOnOpen: false }) });
    fireEvent.click(row(ids[0]!)!);
    await waitFor(() => expect(document.querySelector('[data-reader-state="ready"]')).not.toBeNull());
    expect(modifies()).toEqual([]);
    expect(row(ids[0]!)!.hasAttribute('data-unread')).toBe(true);
  });

  it('e archives at once, and Undo puts the message back', async () => {
    await start();
    press('j');
    press('e');
    expect(rowIds()).toEqual([ids[1], ids[2]]);
    expect(selectedId()).toBe(ids[1]);
    expect(screen.getByTestId('unread-count').textContent).toBe('1 unread');
    await waitFor(() => expect(modifies()).toEqual([`archive:${ids[0]}`]));
    fireEvent.click(screen.getByRole('button', { name: 'Undo' }));
    expect(rowIds()).toEqual(ids);
    await waitFor(() => expect(modifies()).toEqual([`archive:${ids[0]}`, `unarchive:${ids[0]}`]));
    expect(screen.getByTestId('unread-count').textContent).toBe('2 unread');
  });

  it('a failed Undo shows the message archived, and it comes back when it returns to the unread inbox', async () => {
    await start({
      'messages:modify': (accountId, messageIds, action) =>
        action === 'unarchive'
          ? fail('OFFLINE', 'No connection to Google.')
          : core.handlers['messages:modify']!(accountId, messageIds, action),
    });
    press('j');
    press('e');
    await waitFor(() => expect(modifies()).toEqual([`archive:${ids[0]}`]));
    fireEvent.click(screen.getByRole('button', { name: 'Undo' }));
    // Google kept it archived: it leaves the list again, with the reason.
    await waitFor(() =>
      expect(screen.getByRole('alert').textContent).toContain('Couldn’t move the message back to the inbox'),
    );
    expect(rowIds()).toEqual([ids[1], ids[2]]);
    // Later it is back in the unread inbox (moved back on the phone): the core's change shows it.
    act(() => {
      core.publish(glance, testAccount.id, { added: [summary(0)], unreadCount: 2 });
    });
    await waitFor(() => expect(rowIds()).toEqual(ids));
    expect(glance.callsOf('messages:list')).toHaveLength(1);
  }, 20_000);

  it('when the archive and its Undo both fail, the message stays in the list (it never left the inbox)', async () => {
    let failArchive: (() => void) | null = null;
    await start({
      'messages:modify': (_accountId, _ids, action) =>
        action === 'archive'
          ? new Promise((resolve) => {
              failArchive = () => resolve(fail('OFFLINE', 'No connection to Google.'));
            })
          : fail('OFFLINE', 'No connection to Google.'),
    });
    press('j');
    press('e');
    await waitFor(() => expect(failArchive).not.toBeNull());
    fireEvent.click(screen.getByRole('button', { name: 'Undo' }));
    expect(rowIds()).toEqual(ids);
    act(() => failArchive!());
    await waitFor(() => expect(modifies()).toEqual([`archive:${ids[0]}`, `unarchive:${ids[0]}`]));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toContain('Couldn’t archive the message'));
    expect(rowIds()).toEqual(ids);
    expect(screen.getAllByRole('alert')).toHaveLength(1);
    expect(screen.getByTestId('unread-count').textContent).toBe('2 unread');
  }, 20_000);

  it('in all mail, a failed Undo shows the message as archived again', async () => {
    await start({
      'messages:modify': (_accountId, _ids, action) =>
        action === 'unarchive' ? fail('OFFLINE', 'No connection to Google.') : ok({ outcome: 'sent' }),
    });
    fireEvent.click(screen.getByRole('radio', { name: 'All mail' }));
    await waitFor(() => expect(glance.callsOf('messages:list').at(-1)?.[0]).toMatchObject({ scope: 'all' }));
    await waitFor(() => expect(rowIds()).toEqual(ids));
    fireEvent.click(row(ids[1]!)!);
    const archiveButton = () =>
      document.querySelector<HTMLButtonElement>('article[data-open-message-id] button[title="Archive (E)"]');
    await waitFor(() => expect(openId()).toBe(ids[1]));
    fireEvent.click(archiveButton()!);
    await waitFor(() => expect(modifies()).toContain(`archive:${ids[1]}`));
    fireEvent.click(screen.getByRole('button', { name: 'Undo' }));
    await waitFor(() =>
      expect(screen.getByRole('alert').textContent).toContain('Couldn’t move the message back to the inbox'),
    );
    // It stays in all mail; opened again, it cannot be archived twice.
    fireEvent.click(row(ids[1]!)!);
    await waitFor(() => expect(openId()).toBe(ids[1]));
    expect(archiveButton()?.disabled).toBe(true);
  }, 20_000);

  it('a message put back by Undo stays in the list while its unarchive is on the way', async () => {
    let finishUnarchive: (() => void) | null = null;
    await start({
      'messages:modify': (accountId, messageIds, action) =>
        action === 'unarchive'
          ? new Promise((resolve) => {
              finishUnarchive = () => resolve(core.handlers['messages:modify']!(accountId, messageIds, action));
            })
          : core.handlers['messages:modify']!(accountId, messageIds, action),
    });
    press('j');
    press('e');
    await waitFor(() => expect(modifies()).toEqual([`archive:${ids[0]}`]));
    // The archive's change took it out of the core's view before the archive answered.
    expect(core.messages(testAccount.id).map((message) => message.id)).toEqual([ids[1], ids[2]]);
    fireEvent.click(screen.getByRole('button', { name: 'Undo' }));
    await waitFor(() => expect(finishUnarchive).not.toBeNull());
    expect(rowIds()).toEqual(ids);
    // Meanwhile message 1 is unstarred on the phone.
    act(() => {
      core.publish(glance, testAccount.id, { updated: [summary(1)] });
    });
    await waitFor(() => expect(row(ids[1]!)?.getAttribute('aria-label')).not.toMatch(/Starred/));
    expect(rowIds()).toEqual(ids);
    expect(selectedId()).toBe(ids[0]);
    // Back in the inbox at Google: its change adds it, and it stays.
    await act(async () => finishUnarchive!());
    await waitFor(() => expect(core.messages(testAccount.id)).toHaveLength(3));
    expect(rowIds()).toEqual(ids);
    expect(screen.getByTestId('unread-count').textContent).toBe('2 unread');
    expect(glance.callsOf('messages:list')).toHaveLength(1);
  }, 20_000);

  it('s stars and unstars, Shift+U marks unread', async () => {
    await start({ 'settings:get': () => ok({ ...defaultSettings, markReadOnOpen: false }) });
    press('j');
    press('s');
    press('j');
    press('s');
    press('j');
    press('U', { shiftKey: true });
    await waitFor(() => expect(modifies()).toEqual([`star:${ids[0]}`, `unstar:${ids[1]}`, `markUnread:${ids[2]}`]));
    expect(row(ids[0]!)!.getAttribute('aria-label')).toMatch(/Starred/);
    expect(row(ids[1]!)!.getAttribute('aria-label')).not.toMatch(/Starred/);
    expect(row(ids[2]!)!.hasAttribute('data-unread')).toBe(true);
    expect(screen.getByTestId('unread-count').textContent).toBe('3 unread');
  });

  it('rolls an archive back with a message when Google refuses', async () => {
    await start({ 'messages:modify': () => fail('OFFLINE', 'No connection to Google.') });
    press('j');
    press('e');
    expect(rowIds()).toEqual([ids[1], ids[2]]);
    await waitFor(() => expect(rowIds()).toEqual(ids));
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain('Couldn’t archive the message');
    expect(alert.textContent).toContain('You are offline');
    expect(screen.getByTestId('unread-count').textContent).toBe('2 unread');
    expect(screen.queryByRole('button', { name: 'Undo' })).toBeNull();
  });

  it('rolls a star back when Google refuses, and offers sign-in when the session ended', async () => {
    await start({
      'messages:modify': () => fail('NEEDS_SIGN_IN', 'Session ended.'),
      'auth:signIn': () => new Promise(() => undefined),
    });
    press('j');
    press('s');
    expect(row(ids[0]!)!.getAttribute('aria-label')).toMatch(/Starred/);
    await waitFor(() => expect(row(ids[0]!)!.getAttribute('aria-label')).not.toMatch(/Starred/));
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain('Couldn’t star the message');
    fireEvent.click(within(alert).getByRole('button', { name: 'Sign in again' }));
    await waitFor(() => expect(glance.callsOf('auth:signIn')).toEqual([[{ loginHint: testAccount.email }]]));
  });

  it('opens the message in Gmail through the main process', async () => {
    await start({ 'shell:openInGmail': () => ok(null) });
    fireEvent.click(row(ids[1]!)!);
    fireEvent.click(await screen.findByRole('button', { name: 'Open in Gmail' }));
    await waitFor(() => expect(glance.callsOf('shell:openInGmail')).toEqual([[testAccount.id, ids[1]]]));
  });
});

describe('actions while Google cannot be reached', () => {
  /** The core's answer while offline: applied and published as usual, then one more action waiting. */
  function queuedModify(): Handlers {
    let waiting = 0;
    return {
      'messages:modify': async (accountId, messageIds, action) => {
        await core.handlers['messages:modify']!(accountId, messageIds, action);
        waiting += messageIds.length;
        core.publish(glance, accountId, { pendingActions: waiting });
        return ok({ outcome: 'queued' as const });
      },
    };
  }
  const toastTexts = () =>
    [...document.querySelectorAll<HTMLElement>('.toast')].map((toast) => toast.textContent ?? '');
  const waitingLine = () => screen.queryByTestId('waiting-actions')?.textContent ?? null;

  it('a queued archive is not rolled back; the person is told it will reach Gmail, and how many actions wait', async () => {
    await start(queuedModify());
    expect(waitingLine()).toBeNull();
    press('j');
    press('e');
    await waitFor(() => expect(modifies()).toEqual([`archive:${ids[0]}`]));
    await waitFor(() => expect(waitingLine()).toBe('1 action waiting to reach Gmail'));
    expect(toastTexts()).toContainEqual(expect.stringContaining('Archived — will reach Gmail when you’re back online'));
    expect(rowIds()).toEqual([ids[1], ids[2]]);
    expect(screen.getByTestId('unread-count').textContent).toBe('1 unread');
    expect(screen.queryByRole('alert')).toBeNull();

    // The next action while still offline: counted, not announced again.
    press('s');
    await waitFor(() => expect(waitingLine()).toBe('2 actions waiting to reach Gmail'));
    expect(toastTexts().filter((text) => text.includes('will reach Gmail'))).toHaveLength(1);
    expect(row(ids[1]!)!.getAttribute('aria-label')).not.toMatch(/Starred/);
    expect(screen.queryByRole('alert')).toBeNull();

    // Back online, the core sent them: the line goes.
    act(() => void core.publish(glance, testAccount.id, { pendingActions: 0 }));
    expect(waitingLine()).toBeNull();
  });

  it('tells the person once when waiting actions were dropped because their messages were deleted in Gmail', async () => {
    await start();
    const dropped = () => toastTexts().filter((text) => text.includes('couldn’t reach Gmail'));
    act(() => void core.publish(glance, testAccount.id, { droppedActions: 1 }));
    await waitFor(() => expect(dropped()).toHaveLength(1));
    expect(dropped()[0]).toContain('1 action couldn’t reach Gmail');
    expect(dropped()[0]).toContain('deleted in Gmail');
    act(() => void core.publish(glance, testAccount.id, { unreadCount: 1 }));
    act(() => void core.publish(glance, testAccount.id, { pendingActions: 0 }));
    expect(dropped()).toHaveLength(1);
    act(() => void core.publish(glance, testAccount.id, { droppedActions: 3 }));
    await waitFor(() => expect(dropped()).toHaveLength(2));
    expect(dropped()[1]).toContain('2 actions couldn’t reach Gmail');
  });
});
