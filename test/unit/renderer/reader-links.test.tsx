// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { Settings } from '../../../electron/shared/ipc-contract.js';
import { watchFrameLinks, type FrameLink } from '../../../renderer/src/reader/frame-links.js';
import {
  defaultSettings,
  inboxHandlers,
  installFakeGlance,
  ok,
  rawMessage,
  summary,
  messageContentOf,
} from './fake-glance.js';
import type { FakeGlance } from './fake-glance.js';
import { renderApp } from './render-app.js';

let glance: FakeGlance;
afterEach(() => {
  expect(glance?.violations ?? []).toEqual([]);
  cleanup();
  document.body.innerHTML = '';
});

const htmlMail = rawMessage(`From: Bank <alerts@bank.example>
To: alex@example.com
Subject: Verify
Date: Wed, 25 Nov 2026 10:00:00 +0000
Content-Type: text/html; charset=utf-8

<p><a href="https://bank.example/home">Home</a> <a href="https://login.evil.example/x">https://www.bank.com/login</a></p>
`);

const plainMail = rawMessage(`From: Maya <maya@example.com>
To: alex@example.com
Subject: Links
Date: Wed, 25 Nov 2026 10:00:00 +0000
Content-Type: text/plain; charset=utf-8

Fine: https://example.com/doc and odd: http://192.0.2.7/login
`);

function setup(raw: string, settings: Settings = defaultSettings) {
  let current = settings;
  glance = installFakeGlance({
    ...inboxHandlers([summary(1), summary(2)]),
    'settings:get': () => ok(current),
    'settings:update': (patch) => {
      current = { ...current, ...patch };
      return ok(current);
    },
    'message:get': (_accountId, id) => messageContentOf({ id, threadId: 't1', labelIds: ['INBOX', 'UNREAD'], raw }),
    'shell:openExternal': () => ok(null),
  });
}

async function openFirst() {
  const root = renderApp();
  await waitFor(() => expect(root.dataset.appState).toBe('ready'));
  const row = await waitFor(() => {
    const found = document.querySelector<HTMLElement>(`[role="option"][data-message-id="${summary(1).id}"]`);
    expect(found).not.toBeNull();
    return found!;
  });
  fireEvent.click(row);
  await waitFor(() =>
    expect(document.querySelector('[data-reader-state]')?.getAttribute('data-reader-state')).toBe('ready'),
  );
}

/**
 * jsdom does not render `srcdoc`; the test puts the sanitized body into the frame's document itself and
 * fires `load`, which is when the reader starts watching a real frame's links.
 */
async function loadFrame(): Promise<Document> {
  const frame = screen.getByTitle('Message content') as HTMLIFrameElement;
  // The reader starts watching once its effect has run, as it does in Chromium before srcdoc loads.
  await waitFor(() => expect(frame.dataset.linksWatched).toBe('true'));
  const parsed = new DOMParser().parseFromString(frame.getAttribute('srcdoc') ?? '', 'text/html');
  const doc = frame.contentDocument!;
  doc.body.innerHTML = parsed.body.innerHTML;
  fireEvent.load(frame);
  return doc;
}

const anchorIn = (doc: Document, href: string) => doc.querySelector<HTMLAnchorElement>(`a[href="${href}"]`)!;

describe('links in an HTML message', () => {
  it('shows the real destination on hover and focus, and opens a matching link without asking', async () => {
    setup(htmlMail);
    await openFirst();
    const doc = await loadFrame();
    fireEvent.mouseOver(anchorIn(doc, 'https://login.evil.example/x'));
    expect(screen.getByTestId('link-status').textContent).toBe('https://login.evil.example');
    fireEvent.mouseOut(anchorIn(doc, 'https://login.evil.example/x'));
    expect(screen.queryByTestId('link-status')).toBeNull();
    fireEvent.focusIn(anchorIn(doc, 'https://bank.example/home'));
    expect(screen.getByTestId('link-status').textContent).toBe('https://bank.example');

    const click = new MouseEvent('click', { bubbles: true, cancelable: true });
    anchorIn(doc, 'https://bank.example/home').dispatchEvent(click);
    expect(click.defaultPrevented).toBe(true);
    await waitFor(() => expect(glance.callsOf('shell:openExternal')).toEqual([['https://bank.example/home']]));
    expect(screen.queryByTestId('link-confirm')).toBeNull();
  });

  it('asks before a link whose text names another site, showing the real host; Cancel opens nothing', async () => {
    setup(htmlMail);
    await openFirst();
    const doc = await loadFrame();
    fireEvent.click(anchorIn(doc, 'https://login.evil.example/x'));
    const dialog = await screen.findByTestId('link-confirm');
    expect(dialog.querySelector('[data-field="real-host"]')?.textContent).toBe('login.evil.example');
    expect(dialog.textContent).toContain('The link says bank.com but goes to login.evil.example.');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByTestId('link-confirm')).toBeNull();
    expect(glance.callsOf('shell:openExternal')).toEqual([]);
  });

  it('keeps the inbox’s shortcuts out of the question, and Escape cancels it without closing the message', async () => {
    setup(htmlMail);
    await openFirst();
    const doc = await loadFrame();
    fireEvent.click(anchorIn(doc, 'https://login.evil.example/x'));
    const dialog = await screen.findByTestId('link-confirm');
    const cancel = within(dialog).getByRole('button', { name: 'Cancel' });
    expect(document.activeElement).toBe(cancel);
    fireEvent.keyDown(cancel, { key: 'e' });
    fireEvent.keyDown(cancel, { key: 's' });
    fireEvent.keyDown(cancel, { key: 'Escape' });
    expect(screen.queryByTestId('link-confirm')).toBeNull();
    expect(document.querySelector('[data-reader-state]')?.getAttribute('data-reader-state')).toBe('ready');
    // Opening the message marked it read; nothing archived or starred it.
    expect(glance.callsOf('messages:modify').map(([, , action]) => action)).toEqual(['markRead']);
    expect(glance.callsOf('shell:openExternal')).toEqual([]);
  });

  it('"Don’t ask again" stores the domain in settings, opens, and the next click does not ask', async () => {
    setup(htmlMail);
    await openFirst();
    const doc = await loadFrame();
    fireEvent.click(anchorIn(doc, 'https://login.evil.example/x'));
    const dialog = await screen.findByTestId('link-confirm');
    fireEvent.click(within(dialog).getByRole('checkbox', { name: /Don’t ask again for evil\.example/ }));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Open link' }));
    await waitFor(() =>
      expect(glance.callsOf('settings:update')).toEqual([[{ trustedLinkDomains: ['evil.example'] }]]),
    );
    await waitFor(() => expect(glance.callsOf('shell:openExternal')).toEqual([['https://login.evil.example/x']]));
    fireEvent.click(anchorIn(doc, 'https://login.evil.example/x'));
    await waitFor(() => expect(glance.callsOf('shell:openExternal')).toHaveLength(2));
    expect(screen.queryByTestId('link-confirm')).toBeNull();
  });
});

describe('links in a plain-text message', () => {
  it('go through the same guard: an IP host asks first', async () => {
    setup(plainMail);
    await openFirst();
    const body = screen.getByTestId('plain-body');
    const [fine, ip] = [...body.querySelectorAll('a')];
    fireEvent.mouseEnter(ip!);
    expect(screen.getByTestId('link-status').textContent).toBe('http://192.0.2.7');
    fireEvent.click(ip!);
    const dialog = await screen.findByTestId('link-confirm');
    expect(dialog.textContent).toContain('bare IP address');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Open link' }));
    await waitFor(() => expect(glance.callsOf('shell:openExternal')).toEqual([['http://192.0.2.7/login']]));
    fireEvent.click(fine!);
    await waitFor(() => expect(glance.callsOf('shell:openExternal')).toHaveLength(2));
  });
});

describe('watchFrameLinks', () => {
  it('prevents every click and middle click on a link, reports clicks, and stops when asked', () => {
    glance = installFakeGlance({});
    const doc = document.implementation.createHTMLDocument('mail');
    doc.body.innerHTML =
      '<a href="https://a.example/"><img alt="paypal.com"> Sign in</a><a>no href</a><area href="https://b.example/">';
    const activated: FrameLink[] = [];
    const stop = watchFrameLinks(doc, { onHover: () => undefined, onActivate: (link) => activated.push(link) });
    const image = doc.querySelector('img')!;
    const click = new MouseEvent('click', { bubbles: true, cancelable: true });
    image.dispatchEvent(click);
    expect(click.defaultPrevented).toBe(true);
    expect(activated).toEqual([{ href: 'https://a.example/', visibleText: 'Sign in paypal.com' }]);
    const middle = new MouseEvent('auxclick', { bubbles: true, cancelable: true, button: 1 });
    doc.querySelector('a')!.dispatchEvent(middle);
    expect(middle.defaultPrevented).toBe(true);
    expect(activated).toHaveLength(1);
    const plain = new MouseEvent('click', { bubbles: true, cancelable: true });
    doc.querySelectorAll('a')[1]!.dispatchEvent(plain);
    expect(plain.defaultPrevented).toBe(false);
    stop();
    const after = new MouseEvent('click', { bubbles: true, cancelable: true });
    image.dispatchEvent(after);
    expect(after.defaultPrevented).toBe(false);
    expect(activated).toHaveLength(1);
  });
});
