/**
 * Two Google accounts end to end: "Add another account" through the account chooser, the Unified view
 * (every account's unread mail newest first, each row naming its account), and actions reaching the right
 * mailbox. Waits are on state (data attributes, the emulator's mailboxes), never on time.
 */
import { expect, test, type Page } from '@playwright/test';
import { launchGlance, signInThroughBrowser, type GlanceApp } from './support/glance-app.js';
import { passGooglePages } from './support/google-pages.js';

const ALEX = 'alex@example.com';
const SAM = 'sam@example.com';
const UNREAD = 20;

let app: GlanceApp;

test.afterEach(async () => {
  await app?.close();
});

const inbox = (page: Page) => page.locator('.inbox');
const rowsOf = (page: Page) => page.locator('[role="option"][data-message-id]');
const unreadIds = (email: string) =>
  new Set(
    app.emulator
      .mailbox(email)
      .list()
      .filter((message) => message.labelIds.includes('INBOX') && message.labelIds.includes('UNREAD'))
      .map((message) => message.id),
  );

test('Add another account, then Unified: both accounts newest first, and each action reaches its own mailbox', async ({
  browser,
}) => {
  app = await launchGlance({
    browser,
    emulator: {
      users: [
        { email: ALEX, name: 'Alex Rivera', unread: UNREAD, read: 5 },
        { email: SAM, name: 'Sam Lee', unread: UNREAD, read: 5 },
      ],
    },
  });
  const page = app.page;
  await expect(page.locator('#root')).toHaveAttribute('data-app-state', 'signed-out');
  await signInThroughBrowser(app, { email: ALEX });
  await expect(inbox(page)).toHaveAttribute('data-list-state', 'ready');

  // Add another account: Google's account chooser (no login hint), then Glance shows the new account.
  const chooser = app.nextSystemBrowserPage();
  await page.getByRole('button', { name: `Account: ${ALEX}` }).click();
  await page.getByRole('menuitem', { name: 'Add another account…' }).click();
  const browserPage = await chooser;
  expect(new URL(browserPage.url()).searchParams.get('login_hint')).toBeNull();
  // Alex is signed in in this browser: the chooser lists Alex; Sam comes through "Use another account".
  expect(await passGooglePages(browserPage, { email: SAM })).toEqual(['chooser', 'signin', 'consent']);
  await expect(page.getByRole('button', { name: `Account: ${SAM}` })).toBeVisible();
  await expect(inbox(page)).toHaveAttribute('data-list-state', 'ready');

  // The switcher lists both with their counts; g u shows every account's unread mail.
  await page.getByRole('button', { name: `Account: ${SAM}` }).click();
  await expect(page.getByRole('menuitemradio', { name: `${ALEX}, ${UNREAD} unread` })).toBeVisible();
  await expect(page.getByRole('menuitemradio', { name: `${SAM}, ${UNREAD} unread` })).toBeVisible();
  await page.keyboard.press('Escape');
  await page.keyboard.press('g');
  await page.keyboard.press('u');
  await expect(inbox(page)).toHaveAttribute('data-view', '*');
  await expect(inbox(page)).toHaveAttribute('data-list-state', 'ready');
  await expect(page.getByTestId('unread-count')).toHaveText(`${UNREAD * 2} unread`);

  // Newest first across accounts, and every row names its account (mark with the address on hover).
  const alexIds = unreadIds(ALEX);
  const samIds = unreadIds(SAM);
  const shown = await rowsOf(page).evaluateAll((rows) =>
    rows.map((row) => ({
      id: row.getAttribute('data-message-id') ?? '',
      time: row.querySelector('time')?.getAttribute('datetime') ?? '',
      mark: row.querySelector('.account-mark')?.getAttribute('title') ?? '',
    })),
  );
  expect(shown.some((row) => alexIds.has(row.id))).toBe(true);
  expect(shown.some((row) => samIds.has(row.id))).toBe(true);
  for (const row of shown) expect(row.mark).toBe(alexIds.has(row.id) ? ALEX : SAM);
  const times = shown.map((row) => Date.parse(row.time));
  expect(times).toEqual([...times].sort((a, b) => b - a));

  // Archive one of Sam's rows and star one of Alex's: each lands in its own mailbox only.
  const samRow = shown.find((row) => samIds.has(row.id))!;
  const alexRow = shown.find((row) => alexIds.has(row.id))!;
  await page.locator(`[role="option"][data-message-id="${samRow.id}"]`).focus();
  await page.keyboard.press('e');
  await expect.poll(() => app.emulator.mailbox(SAM).get(samRow.id)?.labelIds ?? []).not.toContain('INBOX');
  await page.locator(`[role="option"][data-message-id="${alexRow.id}"]`).focus();
  await page.keyboard.press('s');
  await expect.poll(() => app.emulator.mailbox(ALEX).get(alexRow.id)?.labelIds ?? []).toContain('STARRED');
  expect(app.emulator.mailbox(ALEX).get(samRow.id)).toBeUndefined();
  await expect(page.locator(`[role="option"][data-message-id="${samRow.id}"]`)).toHaveCount(0);
  await expect(page.getByTestId('unread-count')).toHaveText(`${UNREAD * 2 - 1} unread`);
});
