/**
 * The accessibility audit (issue 15 item 1): axe-core at WCAG 2.2 AA on every screen Glance shows, in the
 * light and the dark theme, against the built renderer, the real core and the Google emulator. Each screen
 * is reached the way a person reaches it and waited for on state; no axe rule is disabled (the mail body
 * inside the sandboxed frame is the sender's, see support/axe.ts).
 */
import { expect, test, type Page } from '@playwright/test';
import { SPECIAL_SUBJECTS } from '../../electron/google-emulator/index.js';
import { expectNoViolations } from './support/axe.js';
import { userRateLimitExceeded } from './support/gmail-faults.js';
import { passGooglePages } from './support/google-pages.js';
import { launchGlance, signInThroughBrowser, type GlanceApp } from './support/glance-app.js';

const ALEX = 'alex@example.com';
const SAM = 'sam@example.com';

let app: GlanceApp | undefined;

// Each test audits several screens (axe takes seconds per screen on a loaded machine).
test.describe.configure({ timeout: 360_000 });

test.afterEach(async () => {
  await app?.close();
  app = undefined;
});

const appState = (page: Page) => page.locator('#root');
const inbox = (page: Page) => page.locator('.inbox');

async function openBySubject(glance: GlanceApp, subject: string): Promise<void> {
  const message = glance.emulator
    .mailbox(ALEX)
    .list()
    .find((candidate) => candidate.subject === subject);
  if (!message) throw new Error(`The emulator has no message "${subject}"`);
  await glance.page.locator(`[data-message-id="${message.id}"]`).click();
  await expect(glance.page.locator(`article[data-open-message-id="${message.id}"]`)).toHaveAttribute(
    'data-reader-state',
    'ready',
  );
}

async function search(page: Page, text: string): Promise<void> {
  const box = page.getByRole('searchbox', { name: /Search mail/ });
  await box.fill(text);
  await box.press('Enter');
}

for (const scheme of ['light', 'dark'] as const) {
  test(`signed out, waiting for the browser and a sign-in error have no WCAG 2.2 AA violations (${scheme})`, async ({
    browser,
  }) => {
    app = await launchGlance({ browser, colorScheme: scheme });
    const page = app.page;
    await expect(appState(page)).toHaveAttribute('data-app-state', 'signed-out');
    await expectNoViolations(page, 'signed out');

    const googlePage = app.nextSystemBrowserPage();
    await page.getByRole('button', { name: /sign in with google/i }).click();
    await googlePage;
    await expect(appState(page)).toHaveAttribute('data-app-state', 'signing-in');
    await expect(page.getByText('Waiting for your browser…')).toBeVisible();
    await expectNoViolations(page, 'waiting for the browser');
    await page.getByRole('button', { name: 'Cancel' }).click();
    await expect(appState(page)).toHaveAttribute('data-app-state', 'signed-out');

    await signInThroughBrowser(app, { action: 'deny' });
    await expect(page.getByText(/declined/i).first()).toBeVisible();
    await expectNoViolations(page, 'sign-in error (declined)');
  });

  test(`inbox, reader, search, shortcuts, settings and account states have no WCAG 2.2 AA violations (${scheme})`, async ({
    browser,
  }) => {
    app = await launchGlance({
      browser,
      colorScheme: scheme,
      emulator: { users: [{ email: ALEX, name: 'Alex Rivera', unread: 60, read: 20 }] },
    });
    const page = app.page;
    await signInThroughBrowser(app);
    await expect(inbox(page)).toHaveAttribute('data-list-state', 'ready');
    await expectNoViolations(page, 'inbox');

    await openBySubject(app, SPECIAL_SUBJECTS.windows1252);
    await expect(page.locator('iframe.mail-frame')).toBeVisible();
    await expectNoViolations(page, 'reader (HTML)');
    await openBySubject(app, SPECIAL_SUBJECTS.plainTextUrls);
    await expect(page.getByTestId('plain-body')).toBeVisible();
    await expectNoViolations(page, 'reader (plain text)');
    await openBySubject(app, SPECIAL_SUBJECTS.attachments);
    await expect(page.locator('.attachments, [data-testid="attachments"]').first()).toBeVisible();
    await expectNoViolations(page, 'reader (attachments)');

    // A subject not opened above (opened mail is read, and the search is of unread mail).
    await search(page, 'subject:Hostile');
    await expect(page.locator('[data-message-id]').first()).toBeVisible();
    await expect(inbox(page)).toHaveAttribute('data-list-state', 'ready');
    await expectNoViolations(page, 'search results');
    await search(page, 'zzqx-nothing-matches-this');
    await expect(page.locator('[data-empty="search"]')).toBeVisible();
    await expectNoViolations(page, 'search, nothing found');
    await page.getByRole('button', { name: 'Clear search' }).click();
    await expect(inbox(page)).toHaveAttribute('data-list-state', 'ready');

    await page.locator('body').press('?');
    await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
    await expectNoViolations(page, 'shortcuts');
    await page.keyboard.press('Escape');
    await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeHidden();

    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    await expect(page.getByTestId('settings-page')).toBeVisible();
    await expect(page.locator('.settings-section').first()).toBeVisible();
    await expectNoViolations(page, 'settings');
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('settings-page')).toBeHidden();

    const status = page.locator('[data-sync-status]');
    const offline = app.emulator.faults.inject({ match: { kind: 'gmail' }, fault: { type: 'reset' } });
    await page.getByRole('button', { name: 'Check for new mail' }).click();
    await expect(status).toHaveAttribute('data-sync-status', 'offline');
    await expectNoViolations(page, 'account offline');
    offline();

    const limited = app.emulator.faults.inject({
      match: { kind: 'gmail' },
      fault: userRateLimitExceeded(),
    });
    await page.getByRole('button', { name: 'Check for new mail' }).click();
    await expect(status).toHaveAttribute('data-sync-status', 'rate-limited');
    await expectNoViolations(page, 'account rate-limited');
    limited();

    app.emulator.revokeUser(ALEX);
    await page.getByRole('button', { name: 'Check for new mail' }).click();
    await expect(page.getByTestId('needs-sign-in')).toBeVisible();
    await expectNoViolations(page, 'account needs sign-in');

    // The OS keychain stops answering (locked): at the next start Glance cannot read the sign-in.
    const keychain = app.keychain;
    const locked = async () => {
      throw new Error('The keychain is locked');
    };
    await app.restart(async () => {
      keychain.get = locked;
      keychain.set = locked;
    });
    // With an account already added this is its banner in the inbox (the whole-app screen is for no account).
    await expect(
      page.getByTestId('keychain-unavailable').or(page.locator('[data-app-state="keychain-unavailable"]')),
    ).toBeVisible();
    await expectNoViolations(page, 'keychain unavailable');
  });

  test(`the unified view of two accounts has no WCAG 2.2 AA violations (${scheme})`, async ({ browser }) => {
    app = await launchGlance({
      browser,
      colorScheme: scheme,
      emulator: {
        users: [
          { email: ALEX, name: 'Alex Rivera', unread: 20, read: 5 },
          { email: SAM, name: 'Sam Lee', unread: 20, read: 5 },
        ],
      },
    });
    const page = app.page;
    await signInThroughBrowser(app, { email: ALEX });
    await expect(inbox(page)).toHaveAttribute('data-list-state', 'ready');
    const googlePage = app.nextSystemBrowserPage();
    await page.getByRole('button', { name: `Account: ${ALEX}` }).click();
    await page.getByRole('menuitem', { name: 'Add another account…' }).click();
    await passGooglePages(await googlePage, { email: SAM });
    await expect(page.getByRole('button', { name: `Account: ${SAM}` })).toBeVisible();
    await page.getByRole('button', { name: `Account: ${SAM}` }).click();
    await expect(page.getByRole('menu')).toBeVisible();
    await expectNoViolations(page, 'account menu');
    await page.keyboard.press('Escape');
    await page.locator('body').press('g');
    await page.locator('body').press('u');
    await expect(inbox(page)).toHaveAttribute('data-view', '*');
    await expect(inbox(page)).toHaveAttribute('data-list-state', 'ready');
    await expectNoViolations(page, 'unified view');
    await page.locator('[data-message-id]').first().click();
    await expect(page.locator('article[data-reader-state="ready"]')).toBeVisible();
    await expectNoViolations(page, 'unified view, reader');
  });

  test(`the conversation list and reader have no WCAG 2.2 AA violations (${scheme})`, async ({ browser }) => {
    app = await launchGlance({
      browser,
      colorScheme: scheme,
      listMode: 'conversations',
      emulator: { users: [{ email: ALEX, name: 'Alex Rivera', unread: 0, read: 0 }] },
    });
    // A conversation of three: Sam's read message (folded to one line), then two unread replies.
    const mailbox = app.emulator.mailbox(ALEX);
    const sam = { name: 'Sam Lee', email: 'sam@example.com' };
    const now = Date.now();
    const first = mailbox.add({
      from: sam,
      subject: 'Dinner on Saturday?',
      text: 'Shall we try the new place on Harbour Street at seven?',
      internalDate: now - 3 * 3_600_000,
      labelIds: ['INBOX'],
    });
    const threadId = mailbox.get(first)!.threadId;
    mailbox.add({
      from: { name: 'Priya Shah', email: 'priya@northwind.example' },
      subject: 'Re: Dinner on Saturday?',
      text: 'Count me in, I can book a table for four.',
      internalDate: now - 2 * 3_600_000,
      threadId,
    });
    mailbox.add({
      from: sam,
      subject: 'Re: Dinner on Saturday?',
      text: 'Perfect, see you both there.',
      internalDate: now - 3_600_000,
      threadId,
    });
    mailbox.add({ subject: 'A conversation of one', internalDate: now - 4 * 3_600_000 });
    const page = app.page;
    await signInThroughBrowser(app);
    await expect(inbox(page)).toHaveAttribute('data-list-state', 'ready');
    await expect(page.locator('[role="option"][data-thread-id]')).toHaveCount(2);
    await expectNoViolations(page, 'conversation list');
    await page.locator(`[role="option"][data-thread-id="${threadId}"]`).click();
    const reader = page.locator('article.conversation-reader');
    await expect(reader).toHaveAttribute('data-reader-state', 'ready');
    await expect(reader.locator('[data-expanded="true"]')).toHaveCount(2);
    await expect(reader.locator('[data-expanded="false"]')).toHaveCount(1);
    await expect(reader.locator('[data-current]')).toBeVisible();
    await expectNoViolations(page, 'conversation reader');
    // The folded message opened: every message of the conversation shown at once.
    await reader.locator('.conversation-collapsed').click();
    await expect(reader.locator('[data-expanded="true"]')).toHaveCount(3);
    await expectNoViolations(page, 'conversation reader, every message open');
  });
}
