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
  messageContentOf,
} from './fake-glance.js';
import type { FakeGlance } from './fake-glance.js';
import { renderApp } from './render-app.js';

let glance: FakeGlance;
afterEach(() => {
  expect(glance.violations).toEqual([]);
  cleanup();
  document.body.innerHTML = '';
});

const LONG = `${'quarterly-report-'.repeat(18)}final.pdf`;
const attachmentPart = (encodedName: string, type = 'application/octet-stream') => `--mix
Content-Type: ${type}
Content-Disposition: attachment; filename*=UTF-8''${encodedName}
Content-Transfer-Encoding: base64

TVqQAAMAAAAEAAAA
`;

const hostileAttachments = rawMessage(`From: Billing <billing@vendor.example>
To: alex@example.com
Subject: Your invoice
Date: Wed, 25 Nov 2026 10:00:00 +0000
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="mix"

--mix
Content-Type: text/plain; charset=utf-8

See attached.
${attachmentPart('invoice%E2%80%AEgpj.exe')}${attachmentPart('CON.txt', 'text/plain')}${attachmentPart(
  encodeURIComponent(LONG),
  'application/pdf',
)}${attachmentPart('notes.txt.%20.', 'text/plain')}--mix--
`);

async function openMessage() {
  glance = installFakeGlance({
    ...inboxHandlers([summary(1)]),
    'settings:get': () => ok(defaultSettings),
    'message:get': (_accountId, id) =>
      messageContentOf({ id, threadId: 't1', labelIds: ['INBOX', 'UNREAD'], raw: hostileAttachments }),
    'attachment:save': () => ok({ savedTo: '/home/alex/Downloads/file' }),
  });
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
  return screen.getByRole('list', { name: 'Attachments' });
}

describe('attachment names', () => {
  it('shows the real extension of an RTLO name, names it a program, and asks before saving it', async () => {
    const list = await openMessage();
    const items = within(list).getAllByRole('listitem');
    expect(items.map((item) => item.getAttribute('data-extension'))).toEqual(['exe', 'txt', 'pdf', 'txt']);
    const exe = items[0]!;
    expect(exe.querySelector('.attachment-name')?.textContent).toBe('invoicegpj.exe');
    expect(exe.textContent).not.toContain('\u202E');
    expect(exe.querySelector('.attachment-icon')?.textContent).toBe('EXE');
    expect(exe.textContent).toContain('Program or script — can run code');

    fireEvent.click(within(exe).getByRole('button', { name: 'Save invoicegpj.exe' }));
    expect(within(exe).getByRole('alert').textContent).toContain('opening it can run code');
    expect(glance.callsOf('attachment:save')).toEqual([]);
    fireEvent.click(within(exe).getByRole('button', { name: 'Cancel' }));
    expect(within(exe).queryByRole('alert')).toBeNull();
    expect(glance.callsOf('attachment:save')).toEqual([]);

    fireEvent.click(within(exe).getByRole('button', { name: 'Save invoicegpj.exe' }));
    fireEvent.click(within(exe).getByRole('button', { name: 'Save invoicegpj.exe anyway' }));
    await waitFor(() =>
      expect(glance.callsOf('attachment:save')).toEqual([
        // Which part only: the main process reads the bytes and names the file itself.
        [summary(1).accountId, summary(1).id, 0],
      ]),
    );
  });

  it('saves a device name, a 300-character name and trailing dots under safe names, extension kept', async () => {
    const list = await openMessage();
    const [, device, long, dots] = within(list).getAllByRole('listitem');
    expect(device!.textContent).not.toContain('Program or script');
    fireEvent.click(within(device!).getByRole('button', { name: 'Save _CON.txt' }));
    await waitFor(() => expect(glance.callsOf('attachment:save')).toHaveLength(1));

    // The long name is shown whole in its title, its extension in its own never-cut part.
    expect(long!.querySelector('.attachment-name')?.getAttribute('title')).toBe(LONG);
    expect(long!.querySelector('.attachment-extension')?.textContent).toBe('.pdf');
    fireEvent.click(within(long!).getByRole('button', { name: /^Save quarterly-report-.*….pdf$/ }));
    await waitFor(() => expect(glance.callsOf('attachment:save')).toHaveLength(2));

    // "notes.txt. ." is what Windows would save as notes.txt: that is the extension shown.
    expect(dots!.querySelector('.attachment-extension')?.textContent).toBe(' (.txt)');
    fireEvent.click(within(dots!).getByRole('button', { name: 'Save notes.txt' }));
    await waitFor(() => expect(glance.callsOf('attachment:save')).toHaveLength(3));

    // The parts asked for; the names the main process saves them under: app-core.test.ts "hostile names".
    expect(glance.callsOf('attachment:save').map(([, , index]) => index)).toEqual([1, 2, 3]);
  });
});
