// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import {
  defaultSettings,
  inboxHandlers,
  installFakeGlance,
  ok,
  rawMessage,
  summary,
  testAccount,
  messageContentOf,
} from './fake-glance.js';
import type { FakeGlance } from './fake-glance.js';
import { renderApp } from './render-app.js';
import { PNG } from '../core/message/mime-fixtures.js';

let glance: FakeGlance;
afterEach(() => {
  expect(glance.violations).toEqual([]);
  cleanup();
  document.body.innerHTML = '';
});

const REMOTE = 'http://127.0.0.1:9/remote/pixel-42.png';

const hostileHtml = rawMessage(`From: Newsletter <news@shop.example>
To: Alex Rivera <alex@example.com>
Cc: Sam <sam@example.com>
Subject: Weekly deals
Date: Wed, 25 Nov 2026 10:00:00 +0000
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="mix"

--mix
Content-Type: multipart/related; boundary="rel"

--rel
Content-Type: text/html; charset=utf-8

<html><head><link rel="stylesheet" href="http://127.0.0.1:9/remote/style.css"></head><body>
<p>Deals <img src="cid:logo@shop"></p>
<img src="${REMOTE}" alt="banner">
<script>parent.pwned = true</script>
<img src="x" onerror="parent.pwned = true">
<a href="javascript:parent.pwned=true">Click</a>
<a href="https://shop.example/deal">Deal</a>
</body></html>
--rel
Content-Type: image/png
Content-ID: <logo@shop>
Content-Transfer-Encoding: base64

${PNG}
--rel--
--mix
Content-Type: application/pdf; name="invoice.pdf"
Content-Disposition: attachment; filename="invoice.pdf"
Content-Transfer-Encoding: base64

JVBERi0xLjQK
--mix--
`);

const plainText = rawMessage(`From: Maya <maya@example.com>
To: alex@example.com
Subject: Links
Date: Wed, 25 Nov 2026 10:00:00 +0000
Content-Type: text/plain; charset=utf-8

Read https://example.com/doc and <b>not html</b>. javascript:alert(1)
`);

function setup(raw: string, settings = defaultSettings) {
  const message = summary(1, { from: { name: 'Newsletter', address: 'news@shop.example' } });
  glance = installFakeGlance({
    ...inboxHandlers([message, summary(2)]),
    'settings:get': () => ok(settings),
    'message:get': (_accountId, id) => messageContentOf({ id, threadId: 't1', labelIds: ['INBOX', 'UNREAD'], raw }),
    'attachment:save': () => ok({ savedTo: '/home/alex/invoice.pdf' }),
    'shell:openExternal': () => ok(null),
  });
  return message;
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

const frame = () => screen.getByTitle('Message content') as HTMLIFrameElement;
const frameDoc = () => new DOMParser().parseFromString(frame().getAttribute('srcdoc') ?? '', 'text/html');

describe('reader', () => {
  it('shows headers and a sandboxed, sanitized body with remote content held back', async () => {
    setup(hostileHtml);
    await openFirst();
    expect(glance.callsOf('message:get')).toEqual([[testAccount.id, summary(1).id]]);
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Weekly deals');
    expect(document.querySelector('[data-field="from"]')?.textContent).toBe('Newsletter <news@shop.example>');
    expect(document.querySelector('[data-field="to"]')?.textContent).toBe('Alex Rivera <alex@example.com>');
    expect(document.querySelector('[data-field="cc"]')?.textContent).toBe('Sam <sam@example.com>');
    expect(document.querySelector('[data-field="date"]')?.getAttribute('datetime')).toBe('2026-11-25T10:00:00.000Z');

    const iframe = frame();
    // No scripts and no popups: links leave only through the reader's link guard.
    expect(iframe.getAttribute('sandbox')).toBe('allow-same-origin');
    const srcdoc = iframe.getAttribute('srcdoc') ?? '';
    expect(srcdoc).not.toMatch(/<script|onerror|javascript:|127\.0\.0\.1:9/i);
    const doc = frameDoc();
    expect(doc.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content')).toContain(
      'img-src data:;',
    );
    expect(doc.querySelector('img')?.getAttribute('src')).toBe(`data:image/png;base64,${PNG}`);
    expect(doc.querySelector('a[href="https://shop.example/deal"]')?.hasAttribute('target')).toBe(false);
  });

  it('shows remote images only after Show, and "Always show" trusts the sender (and turns trusted senders on)', async () => {
    setup(hostileHtml);
    await openFirst();
    const bar = screen.getByRole('region', { name: 'Remote images' });
    expect(bar.textContent).toContain('Remote images hidden');
    expect(within(bar).getByTestId('blocked-summary').textContent).toBe('1 image blocked');
    fireEvent.click(within(bar).getByRole('button', { name: 'Always show from news@shop.example' }));
    await waitFor(() =>
      expect(glance.callsOf('settings:update')).toEqual([
        [{ remoteContentSenders: ['news@shop.example'], remoteImages: 'trusted' }],
      ]),
    );
    // Said where it can be undone (in a toast; the live region says it too).
    const toasts = screen.getByRole('region', { name: 'Notifications' });
    expect(within(toasts).getByText(/Images from news@shop\.example will always show/).textContent).toContain(
      'Settings',
    );
    // The setting came back with the sender in it: images now load for this sender.
    await waitFor(() => expect(frame().getAttribute('data-remote')).toBe('shown'));
    // The whole app re-rendered with the new settings; the message was not fetched again.
    expect(glance.callsOf('message:get')).toHaveLength(1);
    expect([...frameDoc().querySelectorAll('img')].map((img) => img.getAttribute('src'))).toContain(REMOTE);
  });

  it('remote images "never": no offer to show them, not even for a trusted sender', async () => {
    setup(hostileHtml, { ...defaultSettings, remoteImages: 'never', remoteContentSenders: ['news@shop.example'] });
    await openFirst();
    expect(screen.queryByRole('region', { name: 'Remote images' })).toBeNull();
    expect(frame().getAttribute('data-remote')).toBe('blocked');
    expect(frameDoc().querySelectorAll(`img[src="${REMOTE}"]`)).toHaveLength(0);
  });

  it('remote images "ask" (the default) asks for every sender, a trusted one included', async () => {
    setup(hostileHtml, { ...defaultSettings, remoteImages: 'ask', remoteContentSenders: ['news@shop.example'] });
    await openFirst();
    expect(screen.getByRole('region', { name: 'Remote images' })).toBeTruthy();
    expect(frame().getAttribute('data-remote')).toBe('blocked');
  });

  it('remote images "trusted": a trusted sender’s images load without asking; others are asked about', async () => {
    setup(hostileHtml, { ...defaultSettings, remoteImages: 'trusted', remoteContentSenders: ['news@shop.example'] });
    await openFirst();
    expect(screen.queryByRole('region', { name: 'Remote images' })).toBeNull();
    expect(frame().getAttribute('data-remote')).toBe('shown');
    expect(frameDoc().querySelectorAll(`img[src="${REMOTE}"]`)).toHaveLength(1);
  });

  it('remote images "trusted" but the sender is not trusted: the bar asks, Always show adds the sender only', async () => {
    setup(hostileHtml, { ...defaultSettings, remoteImages: 'trusted', remoteContentSenders: ['other@example.com'] });
    await openFirst();
    expect(frame().getAttribute('data-remote')).toBe('blocked');
    const bar = screen.getByRole('region', { name: 'Remote images' });
    fireEvent.click(within(bar).getByRole('button', { name: 'Always show from news@shop.example' }));
    await waitFor(() =>
      expect(glance.callsOf('settings:update')).toEqual([
        [{ remoteContentSenders: ['other@example.com', 'news@shop.example'] }],
      ]),
    );
  });

  it('Show reveals the images of this message only', async () => {
    setup(hostileHtml);
    await openFirst();
    expect(frameDoc().querySelectorAll(`img[src="${REMOTE}"]`)).toHaveLength(0);
    fireEvent.click(
      within(screen.getByRole('region', { name: 'Remote images' })).getByRole('button', { name: 'Show' }),
    );
    await waitFor(() => expect(frameDoc().querySelectorAll(`img[src="${REMOTE}"]`)).toHaveLength(1));
    expect(frameDoc().querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content')).toContain(
      'img-src data: https: http:',
    );
    // Remote stylesheets never load, scripts never appear.
    expect(frame().getAttribute('srcdoc')).not.toMatch(/style\.css|<script|onerror/);
    expect(glance.callsOf('settings:update')).toEqual([]);
  });

  it('lists attachments and saves one through the main process', async () => {
    setup(hostileHtml);
    await openFirst();
    const list = screen.getByRole('list', { name: 'Attachments' });
    expect(within(list).getAllByRole('listitem')).toHaveLength(1);
    expect(list.textContent).toContain('invoice.pdf');
    expect(list.textContent).toContain('application/pdf · 9 byte');
    fireEvent.click(within(list).getByRole('button', { name: 'Save invoice.pdf' }));
    await waitFor(() => expect(glance.callsOf('attachment:save')).toEqual([[testAccount.id, summary(1).id, 1]]));
    await waitFor(() => expect(screen.getByText('Saved invoice.pdf')).toBeTruthy());
  });

  it('shows plain text escaped, with http/https links opened in the system browser', async () => {
    setup(plainText);
    await openFirst();
    const body = screen.getByTestId('plain-body');
    expect(body.querySelector('b')).toBeNull();
    expect(body.textContent).toContain('<b>not html</b>');
    const links = [...body.querySelectorAll('a')];
    expect(links.map((link) => link.getAttribute('href'))).toEqual(['https://example.com/doc']);
    fireEvent.click(links[0]!);
    await waitFor(() => expect(glance.callsOf('shell:openExternal')).toEqual([['https://example.com/doc']]));
  });
});
