/**
 * A message over the reader's first limit (~2 MB of HTML), in Chromium against the real core: the renderer
 * receives only the first part with a notice, and "Show the whole message" loads the rest, still sanitized.
 * And a multi-MB attachment, saved by the main process (parsed on its worker) without its bytes reaching the page.
 */
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { BODY_SHOWN_MAX_CHARS } from '../../electron/shared/input-limits.js';
import { launchGlance, signInThroughBrowser, type GlanceApp } from './support/glance-app.js';

const EMAIL = 'alex@example.com';
let app: GlanceApp;

test.afterEach(async () => {
  await app?.close();
});

test('a 3 MB message shows its first 2 MB, then the whole message on request', async ({ browser }) => {
  app = await launchGlance({ browser, emulator: { users: [{ email: EMAIL, name: 'Alex Rivera', unread: 5 }] } });
  const { page } = app;
  await signInThroughBrowser(app);
  await expect(page.locator('.inbox')).toHaveAttribute('data-list-state', 'ready');

  // Long paragraphs (1,030 characters each): a 3 MB body of few elements, as long newsletters and logs are.
  const paragraph = `<p>${'Minutes of the very long meeting. '.repeat(30)}</p>\n`;
  const html = `<p id="start">Start of the minutes</p>\n${paragraph.repeat(3_000)}<p id="end">End of the minutes</p><img src=x onerror="parent.pwned=1">`;
  const id = app.emulator.mailbox(EMAIL).add({ subject: 'Very long minutes', text: 'Minutes', html });
  await page.keyboard.press('r');
  const row = page.locator(`[role="option"][data-message-id="${id}"]`);
  await expect(row).toBeVisible();
  app.traffic.ipc.length = 0;
  await row.click();
  // Reading, cutting and sanitizing 2 MB takes a few seconds on a loaded machine.
  await expect(page.locator(`article[data-open-message-id="${id}"]`)).toHaveAttribute('data-reader-state', 'ready', {
    timeout: 60_000,
  });

  const notice = page.getByTestId('long-message');
  await expect(notice).toContainText('Glance shows the first 2.0 MB of this 3.1 MB message');
  const frame = page.frameLocator('iframe.mail-frame');
  await expect(frame.locator('#start')).toHaveText('Start of the minutes');
  await expect(frame.locator('#end')).toHaveCount(0);
  const firstAnswer = app.traffic.ipc.find((line) => line.startsWith('{"channel":"message:get"'))!;
  expect(firstAnswer.length).toBeLessThan(BODY_SHOWN_MAX_CHARS + 64 * 1024);

  await notice.getByRole('button', { name: 'Show the whole message' }).click();
  await expect(frame.locator('#end')).toHaveText('End of the minutes', { timeout: 60_000 });
  await expect(notice).toHaveCount(0);
  // The rest went through the same sanitizer: its script never ran.
  expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
  await expect(frame.locator('img[onerror]')).toHaveCount(0);
});

test('a 6 MB attachment is saved whole by the main process; its bytes never reach the page', async ({ browser }) => {
  const savePath = await mkdtemp(join(tmpdir(), 'glance-e2e-save-'));
  try {
    app = await launchGlance({
      browser,
      savePath,
      emulator: { users: [{ email: EMAIL, name: 'Alex Rivera', unread: 2 }] },
    });
    const { page } = app;
    await signInThroughBrowser(app);
    await expect(page.locator('.inbox')).toHaveAttribute('data-list-state', 'ready');
    const content = Buffer.alloc(6 * 1024 * 1024);
    for (let offset = 0; offset < content.length; offset += 4)
      content.writeUInt32LE((offset * 2654435761) >>> 0, offset);
    const marker = content.subarray(4096, 4096 + 48).toString('base64');
    const id = app.emulator.mailbox(EMAIL).add({
      subject: 'Survey data',
      text: 'The survey data is attached.',
      attachments: [{ filename: 'survey.csv', mimeType: 'text/csv', content }],
    });
    await page.keyboard.press('r');
    await page.locator(`[role="option"][data-message-id="${id}"]`).click();
    await expect(page.locator(`article[data-open-message-id="${id}"]`)).toHaveAttribute('data-reader-state', 'ready', {
      timeout: 60_000,
    });
    await page.getByRole('button', { name: 'Save survey.csv' }).click();
    await expect(page.getByRole('region', { name: 'Notifications' }).getByText('Saved survey.csv')).toBeVisible({
      timeout: 60_000,
    });
    expect(await readdir(savePath)).toEqual(['survey.csv']);
    const written = await readFile(join(savePath, 'survey.csv'));
    expect(createHash('sha256').update(written).digest('hex')).toBe(createHash('sha256').update(content).digest('hex'));
    // What the page received: metadata and "saved to", never the attachment's bytes (in any encoding seen here).
    const received = app.traffic.ipc.join('\n');
    expect(received).toContain('"savedTo"');
    expect(received).not.toContain(marker);
    expect(received).not.toContain(Buffer.from(marker, 'base64').toString('base64url'));
    expect(Math.max(...app.traffic.ipc.map((line) => line.length))).toBeLessThan(256 * 1024);
  } finally {
    await rm(savePath, { recursive: true, force: true });
  }
});
