// @vitest-environment jsdom
/**
 * Offline search in the renderer: the search box answers from this computer's index as the person types,
 * Gmail's answer then merges in and wins; rows say where they came from; offline, this computer's rows stay
 * with a banner; a query the index cannot answer goes to Gmail only.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import type { IpcResult, MessagePage, MessageSummary } from '../../../electron/shared/ipc-contract.js';
import { mergeSearchRows } from '../../../renderer/src/mail/search-list.js';
import { fail, fakeCore, installFakeGlance, ok, summary, testAccount } from './fake-glance.js';
import type { FakeGlance } from './fake-glance.js';
import { renderApp } from './render-app.js';

let glance: FakeGlance;
afterEach(() => {
  expect(glance.violations).toEqual([]);
  cleanup();
  document.body.innerHTML = '';
});

const rows = () =>
  [...document.querySelectorAll<HTMLElement>('[role="option"][data-message-id]')].map((row) => ({
    id: row.dataset.messageId,
    origin: row.dataset.origin,
  }));

async function ready(root: HTMLElement) {
  await waitFor(() => expect(root.dataset.appState).toBe('ready'));
  await waitFor(() => expect(document.querySelector('.inbox')?.getAttribute('data-list-state')).not.toBe('loading'));
}

const local = (index: number, overrides: Partial<MessageSummary> = {}) =>
  summary(index, { origin: 'local', ...overrides });
const gmailPage = (messages: MessageSummary[], nextPageToken: string | null = null): IpcResult<MessagePage> =>
  ok({
    messages: messages.map((m) => ({ ...m, origin: 'gmail' as const })),
    nextPageToken,
    resultSizeEstimate: messages.length,
    fromCache: false,
    mailboxes: [],
  });

/** A fake core whose Gmail search answers only when the test says so. */
function setup(localAnswer: (query: string) => MessageSummary[] | null) {
  const core = fakeCore({ [testAccount.id]: [summary(1), summary(2)] });
  const unread = core.handlers['messages:list']!;
  const gmail: Array<{ query: string; answer: (result: IpcResult<MessagePage>) => void }> = [];
  glance = installFakeGlance({
    ...core.handlers,
    'messages:searchLocal': (args) => {
      const messages = localAnswer(args.query);
      return ok(messages ? { answerable: true, messages, more: false } : { answerable: false, reason: 'label:' });
    },
    'messages:list': (args) =>
      args.query
        ? new Promise<IpcResult<MessagePage>>((resolve) => gmail.push({ query: args.query!, answer: resolve }))
        : unread(args),
  });
  return { gmail };
}

async function typeSearch(text: string) {
  const root = renderApp();
  await ready(root);
  fireEvent.change(screen.getByRole('searchbox', { name: /Search mail/ }), { target: { value: text } });
}

describe('offline search', () => {
  it('answers from this computer as you type, then Gmail’s answer merges in and wins', async () => {
    const { gmail } = setup((query) => (query === 'quarterly' ? [local(3), local(4), local(6)] : []));
    await typeSearch('quarterly');
    // This computer's rows, marked, before Gmail has even been asked.
    await waitFor(() =>
      expect(rows()).toEqual([
        { id: summary(3).id, origin: 'local' },
        { id: summary(4).id, origin: 'local' },
        { id: summary(6).id, origin: 'local' },
      ]),
    );
    const row = document.querySelector<HTMLElement>(`[data-message-id="${summary(3).id}"]`)!;
    expect(row.getAttribute('aria-label')).toContain('On this computer');
    expect(row.querySelector('.row-origin')?.textContent).toBe('On this computer');
    expect(screen.getByText(/Showing results from this computer — searching Gmail/)).toBeTruthy();
    expect(glance.callsOf('messages:searchLocal').at(-1)?.[0]).toEqual({
      accountId: testAccount.id,
      scope: 'unread',
      query: 'quarterly',
      pageSize: 50,
    });

    // Gmail's answer, in its order, complete: 4 is not in it and goes; 5 is new; 3 is now Gmail's.
    await waitFor(() => expect(gmail.map((call) => call.query)).toEqual(['quarterly']));
    gmail[0]!.answer(gmailPage([summary(5), summary(3), summary(6)]));
    await waitFor(() =>
      expect(rows()).toEqual([
        { id: summary(5).id, origin: 'gmail' },
        { id: summary(3).id, origin: 'gmail' },
        { id: summary(6).id, origin: 'gmail' },
      ]),
    );
    expect(document.querySelector(`[data-message-id="${summary(5).id}"]`)?.getAttribute('aria-label')).toContain(
      'From Gmail',
    );
    expect(screen.queryByText(/showing results from this computer/i)).toBeNull();
  });

  it('offline: Gmail’s search fails and this computer’s rows stay, with a banner saying so', async () => {
    const { gmail } = setup(() => [local(3), local(7)]);
    await typeSearch('invoice');
    await waitFor(() => expect(rows().map((r) => r.origin)).toEqual(['local', 'local']));
    await waitFor(() => expect(gmail).toHaveLength(1));
    gmail[0]!.answer(fail('OFFLINE', 'You’re offline.'));
    await waitFor(() => expect(screen.getByText('You’re offline — showing results from this computer')).toBeTruthy());
    expect(rows()).toEqual([
      { id: summary(3).id, origin: 'local' },
      { id: summary(7).id, origin: 'local' },
    ]);
    expect(document.querySelector('[data-error-code]')).toBeNull();
    // Trying Gmail again asks it again; its answer replaces the banner.
    fireEvent.click(screen.getByRole('button', { name: 'Try Gmail again' }));
    await waitFor(() => expect(gmail).toHaveLength(2));
    gmail[1]!.answer(gmailPage([summary(3)]));
    await waitFor(() => expect(rows()).toEqual([{ id: summary(3).id, origin: 'gmail' }]));
    expect(screen.queryByText(/offline/)).toBeNull();
  });

  it('a query this computer cannot answer goes to Gmail only, as before', async () => {
    const { gmail } = setup(() => null);
    await typeSearch('label:work report');
    await waitFor(() => expect(gmail.map((call) => call.query)).toEqual(['label:work report']));
    expect(glance.callsOf('messages:searchLocal').at(-1)?.[0]).toMatchObject({ query: 'label:work report' });
    expect(rows()).toEqual([]);
    expect(document.querySelector('[data-testid="skeleton"]')).toBeTruthy();
    gmail[0]!.answer(gmailPage([summary(8)]));
    await waitFor(() => expect(rows()).toEqual([{ id: summary(8).id, origin: 'gmail' }]));
    expect(screen.queryByText(/this computer/)).toBeNull();
  });

  it('offline with a query this computer cannot answer: the error, as before', async () => {
    const { gmail } = setup(() => null);
    await typeSearch('in:sent');
    await waitFor(() => expect(gmail).toHaveLength(1));
    gmail[0]!.answer(fail('OFFLINE', 'You’re offline.'));
    await waitFor(() => expect(document.querySelector('[data-error-code="OFFLINE"]')).toBeTruthy());
  });
});

describe('mergeSearchRows', () => {
  const [a, b, c, d] = [1, 2, 3, 4].map((i) => summary(i)); // newest first
  it('Gmail’s rows in Gmail’s order; local rows only beyond Gmail’s last row while Gmail has more', () => {
    expect(mergeSearchRows(null, [a!, c!], false)).toEqual([a, c]);
    expect(mergeSearchRows([c!, a!], [a!, b!, d!], false)).toEqual([c, a, b, d]);
    expect(mergeSearchRows([b!], [a!, c!], false)).toEqual([b, c]);
    // Complete: Gmail's answer is the whole answer.
    expect(mergeSearchRows([b!], [a!, c!], true)).toEqual([b]);
    expect(mergeSearchRows([], [a!], true)).toEqual([]);
    expect(mergeSearchRows([b!], null, false)).toEqual([b]);
  });
});
