// @vitest-environment jsdom
/**
 * Bounded input in the reader: a recipient list of 5,000 never renders as one line (the first few, then
 * "and 4,997 others", opened page by page), and a body that arrived cut offers "Show the whole message".
 */
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { MessageContent } from '../../../electron/shared/ipc-contract.js';
import { MessageHeader, RECIPIENTS_PAGE, RECIPIENTS_SHOWN } from '../../../renderer/src/reader/MessageHeader.js';
import type { ParsedMessage } from '../../../renderer/src/reader/parse.js';
import { defaultSettings, inboxHandlers, installFakeGlance, ok, summary } from './fake-glance.js';
import type { FakeGlance } from './fake-glance.js';
import { renderApp } from './render-app.js';

let glance: FakeGlance | undefined;
afterEach(() => {
  expect(glance?.violations ?? []).toEqual([]);
  glance = undefined;
  cleanup();
  document.body.innerHTML = '';
});

const people = (count: number) =>
  Array.from({ length: count }, (_, i) => ({ name: `Person ${i}`, address: `p${i}@example.com` }));

function message(overrides: Partial<ParsedMessage>): ParsedMessage {
  return {
    subject: 'All hands',
    from: { name: 'Maya', address: 'maya@example.com' },
    to: [],
    cc: [],
    date: null,
    html: null,
    text: 'Hello',
    attachments: [],
    ...overrides,
  };
}

describe('recipients in the reader header', () => {
  it('shows the first few of 5,000, then "and 4,997 others", and opens the rest a page at a time', () => {
    // The main process sends 1,000 of them and the true count.
    render(<MessageHeader message={message({ to: people(1000), toCount: 5000 })} />);
    const to = document.querySelector<HTMLElement>('[data-field="to"]')!;
    expect(to.textContent).toContain('Person 0 <p0@example.com>, Person 1 <p1@example.com>, Person 2 <p2@example.com>');
    expect(to.textContent).not.toContain('Person 3 ');
    expect(to.textContent!.length).toBeLessThan(200);
    const more = within(to).getByRole('button', { name: 'and 4,997 others' });
    expect(more.getAttribute('aria-expanded')).toBe('false');

    fireEvent.click(more);
    const list = within(to).getByRole('list', { name: 'To recipients' });
    expect(within(list).getAllByRole('listitem')).toHaveLength(RECIPIENTS_PAGE);
    fireEvent.click(within(to).getByRole('button', { name: `Show ${RECIPIENTS_PAGE} more` }));
    expect(within(list).getAllByRole('listitem')).toHaveLength(2 * RECIPIENTS_PAGE);
    for (let page = 2; page < 10; page += 1)
      fireEvent.click(within(to).getByRole('button', { name: /^Show \d+ more$/ }));
    expect(within(list).getAllByRole('listitem')).toHaveLength(1000);
    expect(within(to).queryByRole('button')).toBeNull();
    expect(to.textContent).toContain('and 4,000 more not shown here');
  });

  it('keeps a short list on one line with no button', () => {
    render(<MessageHeader message={message({ to: people(RECIPIENTS_SHOWN), cc: people(1) })} />);
    const to = document.querySelector<HTMLElement>('[data-field="to"]')!;
    expect(to.textContent).toBe('Person 0 <p0@example.com>, Person 1 <p1@example.com>, Person 2 <p2@example.com>');
    expect(screen.queryAllByRole('button')).toHaveLength(0);
    expect(document.querySelector('[data-field="cc"]')?.textContent).toBe('Person 0 <p0@example.com>');
  });

  it('says "and 1 other" for one more', () => {
    render(<MessageHeader message={message({ to: people(4) })} />);
    expect(screen.getByRole('button', { name: 'and 1 other' })).toBeTruthy();
  });
});

describe('a long message', () => {
  const content = (whole: boolean): MessageContent => ({
    id: summary(1).id,
    threadId: 't1',
    labelIds: ['INBOX', 'UNREAD'],
    subject: 'Long',
    from: { name: 'Maya', address: 'maya@example.com' },
    to: [],
    cc: [],
    toCount: 0,
    ccCount: 0,
    date: null,
    html: null,
    text: whole ? 'beginning … the end' : 'beginning',
    attachments: [],
    truncated: whole ? null : { shownChars: 2_000_000, totalChars: 5_300_000, wholeAvailable: true },
  });

  async function open(handler: (whole: boolean) => MessageContent) {
    glance = installFakeGlance({
      ...inboxHandlers([summary(1)]),
      'settings:get': () => ok(defaultSettings),
      'message:get': (_accountId, _id, options) => ok(handler(options?.whole === true)),
    });
    const root = renderApp();
    await waitFor(() => expect(root.dataset.appState).toBe('ready'));
    const row = await waitFor(() => {
      const found = document.querySelector<HTMLElement>(`[role="option"][data-message-id="${summary(1).id}"]`);
      expect(found).not.toBeNull();
      return found!;
    });
    fireEvent.click(row);
    await waitFor(() => expect(document.querySelector('[data-reader-state="ready"]')).not.toBeNull());
  }

  it('shows the first part and loads the rest on "Show the whole message"', async () => {
    await open(content);
    const notice = screen.getByTestId('long-message');
    expect(notice.textContent).toContain('Glance shows the first 2.0 MB of this 5.3 MB message');
    expect(screen.getByTestId('plain-body').textContent).toBe('beginning');
    fireEvent.click(within(notice).getByRole('button', { name: 'Show the whole message' }));
    await waitFor(() => expect(screen.getByTestId('plain-body').textContent).toBe('beginning … the end'));
    expect(screen.queryByTestId('long-message')).toBeNull();
    expect(glance!.callsOf('message:get')).toEqual([
      [summary(1).accountId, summary(1).id],
      [summary(1).accountId, summary(1).id, { whole: true }],
    ]);
  });

  it('past the hard cap, says to use Open in Gmail instead of offering a button', async () => {
    await open(() => ({
      ...content(false),
      truncated: { shownChars: 2_000_000, totalChars: 90_000_000, wholeAvailable: false },
    }));
    const notice = screen.getByTestId('long-message');
    expect(notice.textContent).toContain('too large to show whole in Glance. Use Open in Gmail to read the rest.');
    expect(within(notice).queryByRole('button')).toBeNull();
  });
});
