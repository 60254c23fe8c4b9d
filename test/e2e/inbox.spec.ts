/**
 * The unread inbox end to end: the built renderer in Chromium, the real main-process core and the Google
 * emulator. Every wait is on state (data attributes, the emulator's mailbox), never on time.
 */
import { expect, test, type Frame, type Page } from '@playwright/test';
import { mkdir } from 'node:fs/promises';
import { SPECIAL_SUBJECTS } from '../../electron/google-emulator/index.js';
import { launchGlance, signInThroughBrowser, type GlanceApp } from './support/glance-app.js';

const EMAIL = 'alex@example.com';
const UNREAD = 1000;
const SCREENSHOTS = 'test-results/screenshots';

let app: GlanceApp;

test.afterEach(async () => {
  await app?.close();
});

async function start(
  browser: Parameters<typeof launchGlance>[0]['browser'],
  colorScheme: 'light' | 'dark' = 'light',
  unread = UNREAD,
) {
  app = await launchGlance({
    browser,
    colorScheme,
    emulator: { users: [{ email: EMAIL, name: 'Alex Rivera', unread, read: 40 }] },
  });
  await expect(app.page.locator('#root')).toHaveAttribute('data-app-state', 'signed-out');
  await signInThroughBrowser(app);
  await expect(app.page.locator('#root')).toHaveAttribute('data-app-state', 'ready');
  await expect(app.page.locator('.inbox')).toHaveAttribute('data-list-state', 'ready');
  return app.page;
}

const mailbox = () => app.emulator.mailbox(EMAIL);
const idOf = (subject: string) => {
  const found = mailbox()
    .list()
    .find((message) => message.subject === subject);
  if (!found) throw new Error(`The emulator has no message "${subject}"`);
  return found.id;
};
const labelsOf = (id: string) => mailbox().get(id)?.labelIds ?? [];
const row = (page: Page, id: string) => page.locator(`[role="option"][data-message-id="${id}"]`);

async function openBySubject(page: Page, subject: string): Promise<Frame | null> {
  const id = idOf(subject);
  await row(page, id).click();
  await expect(page.locator(`article[data-open-message-id="${id}"]`)).toHaveAttribute('data-reader-state', 'ready');
  // Plain-text mail has no frame.
  if ((await page.locator('iframe.mail-frame').count()) === 0) return null;
  const frameElement = await page.locator('iframe.mail-frame').elementHandle();
  if (!frameElement) return null;
  const frame = await frameElement.contentFrame();
  await frame?.waitForLoadState('load');
  return frame;
}

/** Scrolls the virtualized list one viewport at a time and returns every id it showed, in order. */
async function sweepList(page: Page): Promise<string[]> {
  const scroller = page.getByTestId('message-list-scroll');
  const seen: string[] = [];
  let top = 0;
  for (;;) {
    await scroller.evaluate((element, y) => {
      element.scrollTop = y;
    }, top);
    // Wait until the virtualizer has rendered rows covering the whole viewport at this scroll position
    // (top and bottom), so a render still catching up with the scroll cannot leave a gap.
    await page.waitForFunction(() => {
      const scrollElement = document.querySelector<HTMLElement>('[data-testid="message-list-scroll"]');
      if (!scrollElement) return false;
      const y = scrollElement.scrollTop;
      const bottom = Math.min(y + scrollElement.clientHeight, scrollElement.scrollHeight);
      const spans = [...scrollElement.querySelectorAll<HTMLElement>('[role="option"][data-index]')].map((element) => {
        const start = element.offsetTop + new DOMMatrix(getComputedStyle(element).transform).m42;
        return { start, end: start + element.offsetHeight };
      });
      return spans.some((span) => span.start <= y + 1) && spans.some((span) => span.end >= bottom - 1);
    });
    const state = await scroller.evaluate((element) => ({
      rows: [...element.querySelectorAll<HTMLElement>('[role="option"][data-index]')].map((rowElement) => ({
        index: Number(rowElement.dataset.index),
        id: rowElement.dataset.messageId ?? '',
      })),
      top: element.scrollTop,
      height: element.clientHeight,
      scrollHeight: element.scrollHeight,
    }));
    for (const { index, id } of state.rows) seen[index] ??= id;
    if (state.top + state.height >= state.scrollHeight - 1) {
      // At the end: either the last page is in, or the next one is on its way.
      const more = await page.locator('.list-more').count();
      if (more === 0) break;
      await expect(page.locator('.list-more')).toHaveCount(0);
      continue;
    }
    top = state.top + state.height;
  }
  return seen;
}

test('scrolling through 1,000 unread shows every message once, newest first', async ({ browser }) => {
  const page = await start(browser);
  const expected = mailbox()
    .list()
    .filter((message) => message.labelIds.includes('INBOX') && message.labelIds.includes('UNREAD'))
    .sort((a, b) => Number(b.internalDate) - Number(a.internalDate))
    .map((message) => message.id);
  expect(expected).toHaveLength(UNREAD);
  await expect(page.getByTestId('unread-count')).toHaveText(`${UNREAD.toLocaleString('en-US')} unread`);
  // The title counts as the badge does: the number formatted in the window's language (ICU `#`).
  await expect(page).toHaveTitle(`Glance — ${UNREAD.toLocaleString('en-US')} unread`);

  const seen = await sweepList(page);
  await expect(page.getByRole('listbox', { name: 'Unread messages' })).toHaveAttribute('data-count', String(UNREAD));
  expect(seen.filter(Boolean)).toHaveLength(UNREAD);
  expect(new Set(seen).size).toBe(UNREAD);
  expect(seen).toEqual(expected);
  // Virtualized: the DOM holds a screenful of rows, not a thousand.
  expect(await page.locator('[role="option"][data-message-id]').count()).toBeLessThan(40);
});

test('search takes Gmail syntax, scopes to unread, switches to all mail and says when nothing matches', async ({
  browser,
}) => {
  const page = await start(browser, 'light', 60);
  await page.keyboard.press('/');
  const box = page.getByRole('searchbox', { name: /Search mail/ });
  await expect(box).toBeFocused();
  await box.fill('subject:Invoice has:attachment');
  await box.press('Enter');
  await expect(row(page, idOf(SPECIAL_SUBJECTS.attachments))).toBeVisible();
  const shown = await page
    .locator('[role="option"][data-message-id]')
    .evaluateAll((rows) => rows.map((element) => element.getAttribute('data-message-id')));
  for (const id of shown) {
    const message = mailbox().get(id ?? '');
    expect(message?.subject).toMatch(/invoice/i);
    expect(message?.labelIds).toContain('UNREAD');
  }

  await box.fill('zzqx-nothing-matches-this');
  await box.press('Enter');
  await expect(page.getByRole('heading', { name: /No unread messages match/ })).toBeVisible();
  await page.getByRole('button', { name: 'Search all mail' }).click();
  await expect(page.getByRole('heading', { name: /No messages match/ })).toBeVisible();
  await page.getByRole('button', { name: 'Clear search' }).click();
  await expect(page.locator('.inbox')).toHaveAttribute('data-list-state', 'ready');
});

test('remote images load only after Show, and hostile HTML never runs', async ({ browser }) => {
  const page = await start(browser, 'light', 60);
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });

  app.emulator.remoteContent.clearHits();
  const hostile = await openBySubject(page, SPECIAL_SUBJECTS.hostileHtml);
  expect(hostile).not.toBeNull();
  // The frame finished loading (its load event waits for images): nothing reached the remote host.
  expect(app.emulator.remoteContent.hits).toEqual([]);
  const frameState = await hostile!.evaluate(() => ({
    scripts: document.querySelectorAll('script').length,
    handlers: [...document.querySelectorAll('*')].flatMap((element) =>
      element.getAttributeNames().filter((name) => name.startsWith('on')),
    ),
    javascriptLinks: [...document.querySelectorAll('a')].filter((anchor) =>
      /^\s*javascript:/i.test(anchor.getAttribute('href') ?? ''),
    ).length,
    forms: document.querySelectorAll('form, iframe, input').length,
    ran: (window as unknown as { __glanceHostileRan?: boolean }).__glanceHostileRan ?? false,
  }));
  expect(frameState).toEqual({ scripts: 0, handlers: [], javascriptLinks: 0, forms: 0, ran: false });
  await hostile!.getByText('Click to verify your account').click();
  await hostile!.getByText('Click me').click();
  expect(
    await page.evaluate(() => (window as unknown as { __glanceHostileRan?: boolean }).__glanceHostileRan ?? false),
  ).toBe(false);
  expect(dialogs).toEqual([]);

  // A message with a remote banner: no hit until Show.
  const inline = await openBySubject(page, SPECIAL_SUBJECTS.inlineImage);
  expect(app.emulator.remoteContent.hits).toEqual([]);
  // Its cid: image is shown from the message's own part.
  expect(await inline!.locator('img[src^="data:image/png"]').count()).toBeGreaterThan(0);
  await page.getByRole('region', { name: 'Remote images' }).getByRole('button', { name: 'Show', exact: true }).click();
  await expect
    .poll(() => app.emulator.remoteContent.hits.map((hit) => hit.path))
    .toContainEqual(expect.stringMatching(/\/img\/.*banner\.png$/));
  // Remote stylesheets stay blocked even after Show.
  expect(app.emulator.remoteContent.hits.some((hit) => hit.path.includes('/css/'))).toBe(false);
  expect(dialogs).toEqual([]);
});

test('archive, star, read and unread from the keyboard reach Gmail', async ({ browser }) => {
  const page = await start(browser, 'light', 60);
  const firstId = await page.locator('[role="option"][data-index="0"]').getAttribute('data-message-id');
  const secondId = await page.locator('[role="option"][data-index="1"]').getAttribute('data-message-id');
  expect(firstId && secondId).toBeTruthy();

  // j selects, o opens and marks read (the default setting).
  await page.keyboard.press('j');
  await expect(row(page, firstId!)).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('o');
  await expect(page.locator(`article[data-open-message-id="${firstId}"]`)).toHaveAttribute(
    'data-reader-state',
    'ready',
  );
  await expect.poll(() => labelsOf(firstId!)).not.toContain('UNREAD');

  // s stars, Shift+U marks unread again.
  await page.keyboard.press('s');
  await expect.poll(() => labelsOf(firstId!)).toContain('STARRED');
  await page.keyboard.press('Shift+U');
  await expect.poll(() => labelsOf(firstId!)).toContain('UNREAD');
  await page.keyboard.press('s');
  await expect.poll(() => labelsOf(firstId!)).not.toContain('STARRED');

  // u goes back to the list; k/j move; e archives with Undo.
  await page.keyboard.press('u');
  await expect(page.locator('article[data-open-message-id]')).toHaveCount(0);
  await page.keyboard.press('j');
  await expect(row(page, secondId!)).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('k');
  await expect(row(page, firstId!)).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('e');
  await expect(row(page, firstId!)).toHaveCount(0);
  await expect.poll(() => labelsOf(firstId!)).not.toContain('INBOX');
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(row(page, firstId!)).toBeVisible();
  await expect.poll(() => labelsOf(firstId!)).toContain('INBOX');

  // r checks for new mail: a message that arrives in the emulator shows up.
  const arrived = mailbox().add({ subject: 'Fresh from the emulator' });
  await page.keyboard.press('r');
  await expect(row(page, arrived)).toBeVisible();
  await page.keyboard.press('?');
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
});

test('a windows-1252 message shows € and curly quotes', async ({ browser }) => {
  const page = await start(browser, 'light', 60);
  await expect(row(page, idOf(SPECIAL_SUBJECTS.windows1252))).toContainText(SPECIAL_SUBJECTS.windows1252);
  const frame = await openBySubject(page, SPECIAL_SUBJECTS.windows1252);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(SPECIAL_SUBJECTS.windows1252);
  const text = frame ? await frame.locator('body').innerText() : await page.getByTestId('plain-body').innerText();
  expect(text).toContain('€42.50');
  expect(text).toContain('“Thanks” for visiting Café Zoë — it’s always a pleasure.');
});

for (const scheme of ['light', 'dark'] as const) {
  test(`screenshots of the main screens (${scheme})`, async ({ browser }) => {
    await mkdir(SCREENSHOTS, { recursive: true });
    app = await launchGlance({
      browser,
      colorScheme: scheme,
      emulator: { users: [{ email: EMAIL, name: 'Alex Rivera', unread: 120, read: 40 }] },
    });
    const page = app.page;
    await expect(page.locator('#root')).toHaveAttribute('data-app-state', 'signed-out');
    await page.screenshot({ path: `${SCREENSHOTS}/signed-out-${scheme}.png` });
    await signInThroughBrowser(app);
    await expect(page.locator('.inbox')).toHaveAttribute('data-list-state', 'ready');
    await page.screenshot({ path: `${SCREENSHOTS}/inbox-${scheme}.png` });
    await openBySubject(page, SPECIAL_SUBJECTS.attachments);
    await page.screenshot({ path: `${SCREENSHOTS}/reader-html-${scheme}.png` });
    await openBySubject(page, SPECIAL_SUBJECTS.plainTextUrls);
    await page.screenshot({ path: `${SCREENSHOTS}/reader-plain-${scheme}.png` });
    await page.keyboard.press('?');
    const shortcuts = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await expect(shortcuts).toBeVisible();
    await page.screenshot({ path: `${SCREENSHOTS}/shortcuts-${scheme}.png` });
    await page.keyboard.press('Escape');
    await expect(shortcuts).toBeHidden();
    await page.getByRole('searchbox', { name: /Search mail/ }).fill('zzqx-nothing');
    await page.keyboard.press('Enter');
    await expect(page.locator('[data-empty="search"]')).toBeVisible();
    await page.screenshot({ path: `${SCREENSHOTS}/search-empty-${scheme}.png` });
  });
}

test('the status line says when Google is unreachable, keeps the mail shown, and recovers on the next check', async ({
  browser,
}) => {
  const page = await start(browser, 'light', 30);
  const status = page.locator('[data-sync-status]');
  const removeFault = app.emulator.faults.inject({ match: { kind: 'gmail' }, fault: { type: 'reset' } });
  await page.keyboard.press('r');
  await expect(status).toHaveAttribute('data-sync-status', /offline|error/);
  // The mail already shown stays.
  expect(await page.locator('[role="option"][data-message-id]').count()).toBeGreaterThan(5);
  removeFault();
  await page.keyboard.press('r');
  await expect(status).toHaveAttribute('data-sync-status', 'idle');
  await expect(status).toContainText('Updated');
});
