/**
 * Sign in with Google, end to end: the renderer in Chromium, the real core, the Google emulator, and a
 * second browser context playing the person's system browser.
 */
import { expect, test } from '@playwright/test';
import { launchGlance, signInThroughBrowser, type GlanceApp } from './support/glance-app.js';
import { passGooglePages } from './support/google-pages.js';

let app: GlanceApp | undefined;

test.afterEach(async () => {
  await app?.close();
  app = undefined;
});

const rows = (glance: GlanceApp) => glance.page.locator('[data-message-id]');

test('Sign in → Allow in the browser → the account and its unread mail appear; no secret reaches the renderer or a log', async ({
  browser,
}) => {
  app = await launchGlance({
    browser,
    emulator: { users: [{ email: 'alex@example.com', name: 'Alex Rivera', unread: 30, read: 5 }] },
  });
  await expect(app.page.locator('[data-app-state="signed-out"]')).toBeVisible();
  // A browser nobody is signed in to Google in: sign in, then consent.
  expect(await signInThroughBrowser(app)).toEqual(['signin', 'consent']);

  // The loopback page tells the person to go back to Glance.
  const browserPage = app.systemBrowserPages[0]!;
  await expect(browserPage.getByText(/return to Glance/i)).toBeVisible();

  await expect(app.page.locator('[data-app-state="ready"]')).toBeVisible();
  await expect(app.page.getByRole('button', { name: 'Account: alex@example.com' })).toBeVisible();
  await expect(rows(app).first()).toBeVisible();
  const shownIds = await rows(app).evaluateAll((els) => els.map((el) => el.getAttribute('data-message-id')));
  const unreadIds = new Set(
    app.emulator
      .mailbox('alex@example.com')
      .list()
      .filter((m) => m.labelIds.includes('UNREAD') && m.labelIds.includes('INBOX'))
      .map((m) => m.id),
  );
  expect(shownIds.length).toBeGreaterThan(0);
  for (const id of shownIds) expect(unreadIds.has(id!)).toBe(true);

  // The refresh token went to the keychain; nothing Google issued reached the renderer or a log line.
  const [refreshToken] = [...app.keychain.entries.values()];
  expect(refreshToken).toMatch(/^1\/\//);
  const issued = app.emulator.issuedSecrets();
  expect(issued.length).toBeGreaterThan(2);
  const seen = [...app.traffic.ipc, ...app.traffic.logs].join('\n');
  for (const secret of issued) expect(seen).not.toContain(secret);
  expect(seen).not.toMatch(/code=4%2F|ya29\.|1\/\/|code_verifier/);
});

test('the consent tab got lost: “Open the browser again” shows Google’s page once more, the copied link works in another browser, one account signs in', async ({
  browser,
}) => {
  app = await launchGlance({ browser });
  const page = app.page;
  const firstTab = app.nextSystemBrowserPage();
  await page.getByRole('button', { name: /sign in with google/i }).click();
  await (await firstTab).close(); // closed before the person got to it

  const secondTab = app.nextSystemBrowserPage();
  await page.getByRole('button', { name: 'Open the browser again' }).click();
  const reopened = await secondTab;
  await expect(reopened.locator('main[data-google-step]')).toBeVisible();
  await reopened.close(); // opened in the wrong profile

  await page.getByRole('button', { name: 'Copy the sign-in link' }).click();
  await expect(page.getByText('Link copied — paste it into the browser where you use Google.')).toBeVisible();
  expect(app.clipboard.writes).toHaveLength(1);
  const link = new URL(app.clipboard.text);
  // The person's other browser profile, where they use Google.
  const otherProfile = await browser.newContext();
  try {
    const pasted = await otherProfile.newPage();
    await pasted.goto(link.href);
    expect(await passGooglePages(pasted)).toEqual(['signin', 'consent']);
    await expect(pasted.getByText(/return to Glance/i)).toBeVisible();
    // The browser came back to the same sign-in: same state as the consent page Glance opened.
    expect(new URL(pasted.url()).searchParams.get('state')).toBe(link.searchParams.get('state'));
  } finally {
    await otherProfile.close();
  }
  await expect(page.locator('[data-app-state="ready"]')).toBeVisible();
  expect(app.core.accounts.get().accounts.map((account) => account.email)).toEqual(['alex@example.com']);
  expect(app.systemBrowserPages).toHaveLength(2);
  // Signed in: the link is off the clipboard again.
  expect(app.clipboard.text).toBe('');
  // The window never had the address, and no log line holds it.
  const seen = [...app.traffic.ipc, ...app.traffic.logs].join('\n');
  expect(seen).not.toContain(link.searchParams.get('state')!);
  expect(seen).not.toContain(link.searchParams.get('code_challenge')!);
});

test('Deny in the browser → the app says so and offers to sign in again', async ({ browser }) => {
  app = await launchGlance({ browser });
  await signInThroughBrowser(app, { action: 'deny' });
  await expect(app.systemBrowserPages[0]!.getByText(/declined|denied/i).first()).toBeVisible();
  await expect(app.page.getByText(/declined/i).first()).toBeVisible();
  await expect(app.page.locator('[data-app-state="signed-out"]')).toBeVisible();
  await expect(app.page.getByRole('button', { name: /sign in/i }).first()).toBeEnabled();
});

test('a restart signs in silently from the settings file and the keychain', async ({ browser }) => {
  app = await launchGlance({ browser });
  await signInThroughBrowser(app);
  await expect(app.page.locator('[data-app-state="ready"]')).toBeVisible();
  const consentsBefore = app.emulator.requestLog.filter((entry) => entry.path.startsWith('/o/oauth2')).length;

  await app.restart();
  await expect(app.page.locator('[data-app-state="ready"]')).toBeVisible();
  await expect(rows(app).first()).toBeVisible();
  expect(app.systemBrowserPages).toHaveLength(1);
  expect(app.emulator.requestLog.filter((entry) => entry.path.startsWith('/o/oauth2')).length).toBe(consentsBefore);
});

test('a token revoked at Google → "Sign in again" → the same account comes back with its mail', async ({ browser }) => {
  app = await launchGlance({ browser });
  await signInThroughBrowser(app);
  await expect(app.page.locator('[data-app-state="ready"]')).toBeVisible();
  await expect(rows(app).first()).toBeVisible();
  const firstSubject = await rows(app).first().textContent();

  app.emulator.revokeUser('alex@example.com');
  await app.page.getByRole('button', { name: 'Check for new mail' }).click();
  const banner = app.page.getByTestId('needs-sign-in');
  await expect(banner).toBeVisible();
  await expect(banner).toContainText(/alex@example\.com needs you to sign in again/i);
  // Cached mail stays visible while signed out of Google.
  await expect(rows(app).first()).toHaveText(firstSubject!);

  const consent = app.nextSystemBrowserPage();
  await banner.getByRole('button', { name: 'Sign in again' }).click();
  const browserPage = await consent;
  // Re-authorization names the account (login_hint) and asks for a fresh refresh token.
  const authUrl = new URL(browserPage.url());
  expect(authUrl.searchParams.get('login_hint')).toBe('alex@example.com');
  // The browser is still signed in to Google as Alex: no chooser, straight to consent (the grant was revoked).
  expect(await passGooglePages(browserPage)).toEqual(['consent']);
  await expect(banner).toBeHidden();
  await expect(app.page.getByRole('button', { name: 'Account: alex@example.com' })).toBeVisible();
  await expect(rows(app).first()).toBeVisible();
});
