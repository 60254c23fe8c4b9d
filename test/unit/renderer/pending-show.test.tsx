// @vitest-environment jsdom
/**
 * A notification click that has to create or reload the window: the page's inbox listens for `message:show` only
 * after boot, so the event can reach no one. The main process's own PendingShow and messageOpener run here against
 * the page: the inbox takes the waiting message when it mounts, and after each event it got (not opened twice).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { act, cleanup, screen, waitFor } from '@testing-library/react';
import { memoryLogger } from '../../../electron/core/logging.js';
import { messageOpener } from '../../../electron/main/event-router.js';
import { PendingShow } from '../../../electron/main/pending-show.js';
import {
  fail,
  fakeCore,
  installFakeGlance,
  messageContentOf,
  ok,
  helloRaw,
  listedMessageIds,
  summary,
  testAccount,
} from './fake-glance.js';
import type { FakeGlance, Handlers } from './fake-glance.js';
import { renderApp } from './render-app.js';

let glance: FakeGlance;
afterEach(() => {
  expect(glance.violations).toEqual([]);
  cleanup();
  document.body.innerHTML = '';
});

const raw = helloRaw();

const ids = [0, 1, 2].map((index) => summary(index).id);
const rowIds = listedMessageIds;
const openId = () => document.querySelector<HTMLElement>('article[data-open-message-id]')?.dataset.openMessageId;

/**
 * The window's page over a fake core, with the main process's side of a click: `click` keeps the message in
 * `pending` and sends `message:show` to whatever listens on the page now (nothing while it boots).
 */
function windowWithMainProcess(overrides: Handlers = {}) {
  const pending = new PendingShow();
  const core = fakeCore({ [testAccount.id]: [summary(0), summary(1), summary(2)] }, { [testAccount.id]: 3 });
  glance = installFakeGlance({
    ...core.handlers,
    'message:get': (_accountId, id) => messageContentOf({ id, threadId: 't', labelIds: ['INBOX', 'UNREAD'], raw }),
    'message:takePendingShow': () => ok(pending.take()),
    ...overrides,
  });
  core.connect(glance);
  const click = messageOpener({
    showWindow: async () => {},
    pendingShow: pending,
    sendToWindow: (event, payload) => glance.emit(event, payload),
    logger: memoryLogger(),
  });
  /** The page loads (again): the app boots and its inbox mounts. */
  const load = async () => {
    const root = renderApp();
    await waitFor(() => expect(root.dataset.appState).toBe('ready'));
    // Opening a message marks it read, so a page loaded again lists fewer.
    await waitFor(() => expect(rowIds()).toContain(ids[0]));
  };
  return { pending, click, load };
}

/** Lets the inbox's take (a promise) answer. */
const settle = () => act(() => new Promise((resolve) => setTimeout(resolve, 0)));

describe('a notification click that creates or reloads the window', () => {
  it('the message clicked before the page booted opens when the inbox mounts', async () => {
    const app = windowWithMainProcess();
    // The window was just created: its page has not booted, nothing listens for the event.
    app.click({ accountId: testAccount.id, messageId: ids[2]! });
    await settle();
    await app.load();
    await waitFor(() => expect(openId()).toBe(ids[2]));
    expect(glance.callsOf('message:get').at(-1)).toEqual([testAccount.id, ids[2]]);
    expect(app.pending.take()).toBeNull();
  });

  it('two clicks before the page is ready: the latest one opens', async () => {
    const app = windowWithMainProcess();
    app.click({ accountId: testAccount.id, messageId: ids[0]! });
    app.click({ accountId: testAccount.id, messageId: ids[1]! });
    await settle();
    await app.load();
    await waitFor(() => expect(openId()).toBe(ids[1]));
    expect(glance.callsOf('message:get').map(([, id]) => id)).not.toContain(ids[0]);
  });

  it('a listening inbox opens the event’s message and takes it: the page loaded again does not reopen it', async () => {
    const app = windowWithMainProcess();
    await app.load();
    expect(openId()).toBeUndefined();
    act(() => app.click({ accountId: testAccount.id, messageId: ids[2]! }));
    await waitFor(() => expect(openId()).toBe(ids[2]));
    await settle();
    // A reload (or a crash, or the window closed and opened again): a new page, nothing waiting for it.
    cleanup();
    document.body.innerHTML = '';
    const takesBefore = glance.callsOf('message:takePendingShow').length;
    await app.load();
    await waitFor(() => expect(glance.callsOf('message:takePendingShow').length).toBeGreaterThan(takesBefore));
    await settle();
    expect(openId()).toBeUndefined();
    expect(glance.callsOf('message:get').filter(([, id]) => id === ids[2])).toHaveLength(1);
  });

  it('a newer click waiting when an event arrives is taken with it and opened, not left for a later page', async () => {
    const app = windowWithMainProcess();
    await app.load();
    // The second click is kept while the first one's event is on its way to the page.
    app.pending.keep({ accountId: testAccount.id, messageId: ids[1]! });
    act(() => glance.emit('message:show', { accountId: testAccount.id, messageId: ids[0]! }));
    await waitFor(() => expect(openId()).toBe(ids[1]));
    expect(app.pending.take()).toBeNull();
  });

  it('a message for an account signed out since is not opened; the inbox shows as usual', async () => {
    const app = windowWithMainProcess();
    app.click({ accountId: 'acct-signed-out', messageId: ids[0]! });
    await app.load();
    await waitFor(() => expect(glance.callsOf('message:takePendingShow')).toHaveLength(1));
    await settle();
    expect(openId()).toBeUndefined();
    expect(glance.callsOf('message:get')).toEqual([]);
    expect(glance.callsOf('accounts:setActive')).toEqual([]);
  });

  it('a message that no longer exists opens as the reader’s “no longer exists”', async () => {
    const app = windowWithMainProcess({ 'message:get': () => fail('NOT_FOUND') });
    app.click({ accountId: testAccount.id, messageId: 'gone0000000001' });
    await app.load();
    expect(await screen.findByText('That message or account no longer exists')).toBeTruthy();
  });

  it('a failed take leaves the inbox as it is', async () => {
    const app = windowWithMainProcess({
      'message:takePendingShow': () => fail('INVALID_ARGUMENT', 'Unknown request.'),
    });
    await app.load();
    await waitFor(() => expect(glance.callsOf('message:takePendingShow')).toHaveLength(1));
    await settle();
    expect(openId()).toBeUndefined();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('a take that throws (the IPC itself failed) leaves the inbox as it is', async () => {
    const app = windowWithMainProcess({
      'message:takePendingShow': () => Promise.reject(new Error('IPC failed')),
    });
    await app.load();
    await waitFor(() => expect(glance.callsOf('message:takePendingShow')).toHaveLength(1));
    await settle();
    expect(openId()).toBeUndefined();
  });
});
