/**
 * A message over the reader's first limit (~2 MB of HTML), in Chromium against the real core: the renderer
 * receives only the first part with a notice, and "Show the whole message" loads the rest, still sanitized.
 */
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
