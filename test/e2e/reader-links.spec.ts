/**
 * Links in a message, in real Chromium against the real core: the reader watches the sandboxed mail frame's
 * links (the frame is same-origin for the reader, runs no script and may open no window), shows where each
 * really goes, and asks before a doubtful one opens.
 */
import { expect, test } from '@playwright/test';
import { SPECIAL_SUBJECTS } from '../../electron/google-emulator/index.js';
import { launchGlance, signInThroughBrowser, type GlanceApp } from './support/glance-app.js';
import { expectMailDocumentLoaded } from './support/mail-document.js';

const EMAIL = 'alex@example.com';
let app: GlanceApp;

test.afterEach(async () => {
  await app?.close();
});

test('hover shows the real host; a lookalike link asks first; "don’t ask again" is remembered', async ({ browser }) => {
  app = await launchGlance({ browser, emulator: { users: [{ email: EMAIL, name: 'Alex Rivera', unread: 30 }] } });
  const { page } = app;
  await signInThroughBrowser(app);
  await expect(page.locator('.inbox')).toHaveAttribute('data-list-state', 'ready');

  const message = app.emulator
    .mailbox(EMAIL)
    .list()
    .find((entry) => entry.subject === SPECIAL_SUBJECTS.inlineImage);
  if (!message) throw new Error('The emulator has no HTML message to open');
  await page.locator(`[role="option"][data-message-id="${message.id}"]`).click();
  await expect(page.locator(`article[data-open-message-id="${message.id}"]`)).toHaveAttribute(
    'data-reader-state',
    'ready',
  );
  const frameElement = page.locator('iframe.mail-frame');
  await expect(frameElement).toHaveAttribute('data-links-watched', 'true');
  await expect(frameElement).toHaveAttribute('sandbox', 'allow-same-origin');
  // Links added to the frame's first, empty document would go with it when the mail's document replaces it.
  await expectMailDocumentLoaded(page);

  // Links of the kind a phishing mail carries, put into the loaded mail document by the reader's page
  // (which the same-origin frame allows; the mail itself can run nothing).
  await page.evaluate(() => {
    const doc = document.querySelector<HTMLIFrameElement>('iframe.mail-frame')!.contentDocument!;
    doc.body.insertAdjacentHTML(
      'beforeend',
      '<p><a id="mismatch" href="https://login.evil.example/x">https://www.paypal.com/login</a></p>' +
        '<p><a id="homoglyph" href="https://xn--pypal-4ve.com/">Your account</a></p>',
    );
  });
  const frame = page.frameLocator('iframe.mail-frame');
  const status = page.getByTestId('link-status');

  await frame.locator('#mismatch').hover();
  await expect(status).toHaveText('https://login.evil.example');
  await frame.locator('#homoglyph').focus();
  await expect(status).toHaveText('https://p\u0430ypal.com (xn--pypal-4ve.com)');

  // Click: the question names the real host; Cancel opens nothing and the frame did not navigate.
  await frame.locator('#mismatch').click();
  const dialog = page.getByTestId('link-confirm');
  await expect(dialog.locator('[data-field="real-host"]')).toHaveText('login.evil.example');
  await expect(dialog).toContainText('The link says paypal.com but goes to login.evil.example.');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toHaveCount(0);
  expect(app.externalUrls).toEqual([]);
  expect(
    page
      .frames()
      .find((f) => f.parentFrame() !== null)
      ?.url(),
  ).toBe('about:srcdoc');

  // A middle click opens no window and no browser.
  const pagesBefore = page.context().pages().length;
  await frame.locator('#mismatch').click({ button: 'middle' });
  expect(page.context().pages().length).toBe(pagesBefore);
  await expect(dialog).toHaveCount(0);
  expect(app.externalUrls).toEqual([]);

  // Open, trusting the domain: the core stores it, and the next click opens without asking.
  await frame.locator('#mismatch').click();
  await dialog.getByRole('checkbox', { name: /Don’t ask again for evil\.example/ }).check();
  await dialog.getByRole('button', { name: 'Open link' }).click();
  await expect.poll(() => app.externalUrls).toEqual(['https://login.evil.example/x']);
  await expect.poll(() => app.core.settings.get().trustedLinkDomains).toEqual(['evil.example']);
  await frame.locator('#mismatch').click();
  await expect.poll(() => app.externalUrls).toHaveLength(2);
  await expect(dialog).toHaveCount(0);

  // The lookalike host still asks: trust was for evil.example only.
  await frame.locator('#homoglyph').click();
  await expect(dialog).toContainText('mixes Latin and Cyrillic letters');
  await expect(dialog.locator('[data-field="real-host"]')).toHaveText('p\u0430ypal.com');
});
