/**
 * Settings end to end: the built renderer in Chromium, the real core and the Google emulator. What only a real
 * browser shows: the theme's colours change at once (CSS custom properties on <html data-theme>), the keyboard
 * walks the page and Esc returns, a choice survives a restart, and clearing the local copy brings the mail back.
 */
import { expect, test } from '@playwright/test';
import { mkdir } from 'node:fs/promises';
import { launchGlance, signInThroughBrowser, type GlanceApp } from './support/glance-app.js';

const EMAIL = 'alex@example.com';
const SCREENSHOTS = 'test-results/screenshots';
let app: GlanceApp;

test.afterEach(async () => {
  await app?.close();
});

async function start(browser: Parameters<typeof launchGlance>[0]['browser']) {
  app = await launchGlance({
    browser,
    colorScheme: 'light',
    emulator: { users: [{ email: EMAIL, name: 'Alex Rivera', unread: 30, read: 5 }] },
  });
  await expect(app.page.locator('#root')).toHaveAttribute('data-app-state', 'signed-out');
  await signInThroughBrowser(app);
  await expect(app.page.locator('.inbox')).toHaveAttribute('data-list-state', 'ready');
  return app.page;
}

test('Ctrl+comma opens Settings; the theme changes at once and is kept; Esc goes back to the inbox', async ({
  browser,
}) => {
  const page = await start(browser);
  const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const light = await background();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');

  await page.keyboard.press('Control+Comma');
  const settings = page.getByRole('dialog', { name: 'Settings' });
  await expect(settings).toBeVisible();
  await expect(settings.getByRole('button', { name: 'Done' })).toBeFocused();
  await mkdir(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: `${SCREENSHOTS}/settings-light.png`, fullPage: true });

  // Keyboard only: Tab to the theme group, arrow keys choose within it.
  const system = settings.getByRole('radio', { name: 'Same as my computer' });
  for (let step = 0; step < 30 && !(await system.evaluate((el) => el === document.activeElement)); step++)
    await page.keyboard.press('Tab');
  await expect(system).toBeFocused();
  await page.keyboard.press('ArrowDown'); // Light
  await page.keyboard.press('ArrowDown'); // Dark
  await expect(settings.getByRole('radio', { name: 'Dark' })).toBeChecked();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect.poll(background).not.toBe(light);
  await expect.poll(() => app.core.settings.get().theme).toBe('dark');
  await page.screenshot({ path: `${SCREENSHOTS}/settings-dark.png` });

  await page.keyboard.press('Escape');
  await expect(settings).toHaveCount(0);
  await expect(page.locator('.inbox')).toHaveAttribute('data-list-state', 'ready');
  // The inbox's keys work again.
  await page.keyboard.press('j');
  await expect(page.locator('[role="option"][data-selected]')).toHaveCount(1);

  // A restart shows the same theme.
  await app.restart();
  await page.reload();
  await expect(page.locator('#root')).toHaveAttribute('data-app-state', 'ready');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
});

test('Clear local copy of mail asks first, then the same unread mail comes back from Gmail', async ({ browser }) => {
  const page = await start(browser);
  const rows = page.locator('[role="option"][data-message-id]');
  const before = await rows.evaluateAll((items) => items.map((item) => item.getAttribute('data-message-id')));
  expect(before.length).toBeGreaterThan(5);

  await page.getByRole('button', { name: 'Settings' }).click();
  const settings = page.getByRole('dialog', { name: 'Settings' });
  await settings.getByRole('button', { name: 'Clear local copy of mail…' }).click();
  const question = page.getByRole('alertdialog', { name: 'Clear the local copy of your mail?' });
  await expect(question.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await question.getByRole('button', { name: 'Clear and fetch again' }).click();
  await expect(settings.getByRole('status').last()).toHaveText(
    'Local copy cleared. Glance is fetching your mail again.',
  );
  await page.keyboard.press('Escape');

  // The core said it was rebuilding, then finished; a fresh page (nothing kept in the renderer) lists from it.
  await expect.poll(() => app.traffic.ipc.some((line) => line.includes('Rebuilding the local copy'))).toBe(true);
  await expect.poll(() => app.core.mail.mailboxes()[0]?.sync.status).toBe('idle');
  await page.reload();
  await expect(page.locator('.inbox')).toHaveAttribute('data-list-state', 'ready');
  await expect
    .poll(() => rows.evaluateAll((items) => items.map((item) => item.getAttribute('data-message-id'))))
    .toEqual(before);
  expect(app.core.accounts.get().accounts).toMatchObject([{ email: EMAIL, status: 'ready' }]);
});
