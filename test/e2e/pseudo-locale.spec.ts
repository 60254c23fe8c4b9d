/**
 * Every string Glance shows comes from a message catalogue (issue 15 item 5). With the pseudo-locale `en-XA`
 * every catalogue message is accented and in ⟦ ⟧ brackets; this test visits every screen the accessibility
 * audit visits (a11y-audit.spec.ts) plus the command palette, the network activity dialog and the
 * conversation reader, over the real core and the Google emulator, and collects every visible text node and
 * every aria-label, title, placeholder and alt. A string outside the brackets fails the test unless it is the
 * person's data from this test's own fixture mailbox (support/fixture-mail.ts), digits and punctuation, or a
 * date or number as Intl writes it. The failure lists each untranslated string under its screen.
 *
 * Screens are reached without English names (the names are pseudo-translated too): by state attributes,
 * test ids, structure and keyboard shortcuts.
 */
import { expect, test, type Page, type TestInfo } from '@playwright/test';
import { ALEX, addFixtureMail, fixturePersonData, SAM } from './support/fixture-mail.js';
import { launchGlance, type GlanceApp } from './support/glance-app.js';
import { userRateLimitExceeded } from './support/gmail-faults.js';
import { passGooglePages } from './support/google-pages.js';
import { checkScreen, untranslatedReport, type ScreenCheck } from './support/untranslated.js';

const LOCALE = 'en-XA';
let app: GlanceApp | undefined;

test.describe.configure({ timeout: 240_000 });

test.afterEach(async () => {
  await app?.close();
  app = undefined;
});

const appState = (page: Page) => page.locator('#root');
const inbox = (page: Page) => page.locator('.inbox');

async function signIn(glance: GlanceApp, choice: { email?: string; action?: 'allow' | 'deny' } = {}): Promise<void> {
  const googlePage = glance.nextSystemBrowserPage();
  await glance.page.locator('.signin button.google').click();
  await passGooglePages(await googlePage, choice);
}

async function openMessage(page: Page, id: string): Promise<void> {
  await page.locator(`[role="option"][data-message-id="${id}"]`).click();
  await expect(page.locator(`article[data-open-message-id="${id}"]`)).toHaveAttribute('data-reader-state', 'ready');
}

async function search(page: Page, text: string): Promise<void> {
  const box = page.getByRole('searchbox');
  await box.fill(text);
  await box.press('Enter');
}

/** Checks each screen as it is reached, then fails once with every untranslated string of every screen. */
function screenChecker(glance: GlanceApp, testInfo: TestInfo) {
  const checks: ScreenCheck[] = [];
  const data = fixturePersonData([glance.emulator.defaultClient.clientId]);
  return {
    async check(screen: string): Promise<void> {
      await expect(glance.page.locator('html')).toHaveAttribute('lang', LOCALE);
      checks.push(await checkScreen(glance.page, screen, data));
    },
    async report(): Promise<void> {
      const counts = checks.map(
        (check) => `${check.screen}: ${check.checked} checked, ${check.untranslated.length} untranslated`,
      );
      await testInfo.attach('strings checked per screen', { body: counts.join('\n'), contentType: 'text/plain' });
      for (const check of checks) expect(check.checked, `${check.screen}: no string was checked`).toBeGreaterThan(3);
      expect(untranslatedReport(checks), 'strings shown outside a message catalogue, by screen').toBe('');
    },
  };
}

test('signed out, waiting for the browser and a sign-in error show only catalogue strings', async ({
  browser,
}, testInfo) => {
  app = await launchGlance({ browser, locale: LOCALE, emulator: { users: [{ ...ALEX }] } });
  const page = app.page;
  const screens = screenChecker(app, testInfo);
  await expect(appState(page)).toHaveAttribute('data-app-state', 'signed-out');
  await screens.check('signed out');

  const googlePage = app.nextSystemBrowserPage();
  await page.locator('.signin button.google').click();
  await googlePage;
  await expect(appState(page)).toHaveAttribute('data-app-state', 'signing-in');
  await expect(page.locator('.signin-waiting')).toBeVisible();
  await screens.check('waiting for the browser');
  await page.locator('.signin-waiting > button').click(); // Cancel
  await expect(appState(page)).toHaveAttribute('data-app-state', 'signed-out');

  await signIn(app, { action: 'deny' });
  await expect(page.locator('.signin-error[data-error-code]')).toBeVisible();
  await screens.check('sign-in error (declined)');
  await screens.report();
});

test('inbox, reader, search, shortcuts, palette, settings, network activity and account states show only catalogue strings', async ({
  browser,
}, testInfo) => {
  app = await launchGlance({ browser, locale: LOCALE, emulator: { users: [{ ...ALEX }] } });
  const ids = addFixtureMail(app.emulator, [ALEX]);
  const page = app.page;
  const screens = screenChecker(app, testInfo);
  await signIn(app);
  await expect(inbox(page)).toHaveAttribute('data-list-state', 'ready');
  await expect(page.locator('[role="option"][data-message-id]')).toHaveCount(7);
  await screens.check('inbox');

  await openMessage(page, ids.get('html')!);
  await expect(page.locator('iframe.mail-frame')).toBeVisible();
  await screens.check('reader (HTML)');
  await openMessage(page, ids.get('plain')!);
  await expect(page.getByTestId('plain-body')).toBeVisible();
  await screens.check('reader (plain text)');
  await openMessage(page, ids.get('attachments')!);
  await expect(page.locator('.attachments, [data-testid="attachments"]').first()).toBeVisible();
  await screens.check('reader (attachments)');

  await search(page, 'subject:Kestrel');
  await expect(page.locator(`[role="option"][data-message-id="${ids.get('search')}"]`)).toBeVisible();
  await expect(inbox(page)).toHaveAttribute('data-list-state', 'ready');
  await screens.check('search results');
  await search(page, 'zzqx-nothing-matches-this');
  await expect(page.locator('[data-empty="search"]')).toBeVisible();
  await screens.check('search, nothing found');
  await page.getByRole('searchbox').press('Escape');
  await expect(inbox(page)).toHaveAttribute('data-list-state', 'ready');

  await page.locator('body').press('?');
  await expect(page.getByRole('dialog')).toBeVisible();
  await screens.check('shortcuts');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toBeHidden();

  await page.keyboard.press('Control+K');
  await expect(page.getByTestId('command-palette')).toBeVisible();
  await screens.check('command palette');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('command-palette')).toBeHidden();

  await page.locator('button[aria-keyshortcuts~="Control+Comma"]').click();
  await expect(page.getByTestId('settings-page')).toBeVisible();
  await expect(page.locator('.settings-section').first()).toBeVisible();
  await screens.check('settings');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('settings-page')).toBeHidden();

  // What the main process sends for Help → Network activity.
  await page.evaluate(() => window.__glanceEmit('command:run', { command: 'networkActivity' }));
  await expect(page.getByRole('dialog')).toBeVisible();
  await expect(page.locator('.network-section table').first()).toBeVisible();
  await screens.check('network activity');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toBeHidden();

  const status = page.locator('[data-sync-status]');
  const refresh = () => page.locator('body').press('r');
  const offline = app.emulator.faults.inject({ match: { kind: 'gmail' }, fault: { type: 'reset' } });
  await refresh();
  await expect(status).toHaveAttribute('data-sync-status', 'offline');
  await screens.check('account offline');
  offline();

  const limited = app.emulator.faults.inject({
    match: { kind: 'gmail' },
    fault: userRateLimitExceeded(),
  });
  await refresh();
  await expect(status).toHaveAttribute('data-sync-status', 'rate-limited');
  await screens.check('account rate-limited');
  limited();

  app.emulator.revokeUser(ALEX.email);
  await refresh();
  await expect(page.getByTestId('needs-sign-in')).toBeVisible();
  await screens.check('account needs sign-in');

  const keychain = app.keychain;
  const locked = async () => {
    throw new Error('The keychain is locked');
  };
  await app.restart(async () => {
    keychain.get = locked;
    keychain.set = locked;
  });
  await expect(
    page.getByTestId('keychain-unavailable').or(page.locator('[data-app-state="keychain-unavailable"]')),
  ).toBeVisible();
  await screens.check('keychain unavailable');
  await screens.report();
});

test('the account menu, the unified view and its reader show only catalogue strings', async ({ browser }, testInfo) => {
  app = await launchGlance({ browser, locale: LOCALE, emulator: { users: [{ ...ALEX }, { ...SAM }] } });
  addFixtureMail(app.emulator, [ALEX, SAM]);
  const page = app.page;
  const screens = screenChecker(app, testInfo);
  await signIn(app, { email: ALEX.email });
  await expect(inbox(page)).toHaveAttribute('data-list-state', 'ready');
  const googlePage = app.nextSystemBrowserPage();
  await page.locator('.account-button').click();
  await page.locator('.account-menu button[role="menuitem"]').first().click();
  await passGooglePages(await googlePage, { email: SAM.email });
  await expect(page.locator('.account-button')).toHaveAttribute(
    'aria-label',
    new RegExp(SAM.email.replace('.', '\\.')),
  );
  await page.locator('.account-button').click();
  await expect(page.locator(`.account-menu [data-account-id]`)).toHaveCount(2);
  await screens.check('account menu');
  await page.keyboard.press('Escape');
  await page.locator('body').press('g');
  await page.locator('body').press('u');
  await expect(inbox(page)).toHaveAttribute('data-view', '*');
  await expect(inbox(page)).toHaveAttribute('data-list-state', 'ready');
  await screens.check('unified view');
  await page.locator('[data-message-id]').first().click();
  await expect(page.locator('article[data-reader-state="ready"]')).toBeVisible();
  await screens.check('unified view, reader');
  await screens.report();
});

test('the conversation reader shows only catalogue strings', async ({ browser }, testInfo) => {
  app = await launchGlance({
    browser,
    locale: LOCALE,
    listMode: 'conversations',
    emulator: { users: [{ ...ALEX }] },
  });
  const ids = addFixtureMail(app.emulator, [ALEX]);
  const page = app.page;
  const screens = screenChecker(app, testInfo);
  await signIn(app);
  await expect(inbox(page)).toHaveAttribute('data-list-state', 'ready');
  const threadId = app.emulator.mailbox(ALEX.email).get(ids.get('threadStart')!)!.threadId;
  await screens.check('conversation list');
  await page.locator(`[role="option"][data-thread-id="${threadId}"]`).click();
  const reader = page.locator('article.conversation-reader');
  await expect(reader).toHaveAttribute('data-reader-state', 'ready');
  // The read message is folded to one line; the two unread ones are open.
  await expect(reader.locator('[data-expanded="true"]')).toHaveCount(2);
  await screens.check('conversation reader');
  await screens.report();
});
