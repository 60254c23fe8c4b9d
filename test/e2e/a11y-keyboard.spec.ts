/**
 * Keyboard, screen-reader and display behaviour end to end (issue 15 items 2–4): a whole session with no
 * mouse event, shortcuts with focus inside the sandboxed mail frame, the command palette, the listbox's
 * aria-setsize/aria-posinset over the virtual rows, the live region, reduced motion, forced colours and
 * 200% zoom. The built renderer in Chromium, the real core and the Google emulator; waits are on state.
 */
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { passGooglePages } from './support/google-pages.js';
import { launchGlance, signInThroughBrowser, type GlanceApp } from './support/glance-app.js';
import { expectMailDocumentLoaded } from './support/mail-document.js';

const EMAIL = 'alex@example.com';
// The shortcut registry's descriptions as the English catalogue has them, in the registry's order (the
// renderer's module needs the bundler's JSON imports, which Playwright's loader lacks).
const SHORTCUT_DESCRIPTIONS = (
  JSON.parse(readFileSync(new URL('../../electron/shared/i18n/locales/en/keyboard.json', import.meta.url), 'utf8')) as {
    shortcuts: Record<string, string>;
  }
).shortcuts;
let app: GlanceApp | undefined;

test.describe.configure({ timeout: 240_000 });

test.afterEach(async () => {
  await app?.close();
  app = undefined;
});

const inbox = (page: Page) => page.locator('.inbox');
const options = (page: Page) => page.locator('[role="listbox"] [role="option"][data-message-id]');
const selectedId = (page: Page) =>
  page.locator('[role="option"][aria-selected="true"]').getAttribute('data-message-id', { timeout: 5000 });
const openId = (page: Page) => page.locator('article.reader').getAttribute('data-open-message-id', { timeout: 5000 });
const labelsOf = (id: string) => app!.emulator.mailbox(EMAIL).get(id)?.labelIds ?? [];
const focusedRole = (page: Page) =>
  page.evaluate(() => {
    const element = document.activeElement;
    return element ? `${element.tagName.toLowerCase()}:${element.getAttribute('role') ?? ''}` : 'none';
  });

/** Puts HTML mail on top of the inbox (newest), so the first rows all open in the mail frame. */
function addHtmlMail(glance: GlanceApp, count: number): void {
  const now = Date.now();
  for (let index = 0; index < count; index++) {
    glance.emulator.mailbox(EMAIL).add({
      subject: `Framed message ${index + 1}`,
      text: `Framed message ${index + 1}`,
      html: `<p>Framed message ${index + 1}, with <a href="https://example.com/${index}">a link</a>.</p>`,
      internalDate: now - index * 1000,
    });
  }
}

async function signedIn(glance: GlanceApp): Promise<Page> {
  await signInThroughBrowser(glance);
  await expect(inbox(glance.page)).toHaveAttribute('data-list-state', 'ready');
  return glance.page;
}

test('a whole session by keyboard alone: sign in, read three, archive, undo, search, settings — no mouse event', async ({
  browser,
}) => {
  app = await launchGlance({ browser, emulator: { users: [{ email: EMAIL, name: 'Alex Rivera', unread: 40 }] } });
  const page = app.page;
  await expect(page.locator('#root')).toHaveAttribute('data-app-state', 'signed-out');
  // Any pointer event on the app's page fails the test (keyboard activation makes none).
  await page.evaluate(() => {
    (window as unknown as { pointerEvents: string[] }).pointerEvents = [];
    for (const type of ['pointerdown', 'mousedown', 'mouseup', 'mousemove', 'wheel'])
      window.addEventListener(type, () => (window as unknown as { pointerEvents: string[] }).pointerEvents.push(type), {
        capture: true,
      });
  });

  // Sign in: Tab to the button, Enter; the person's browser (another window) does Google's part.
  const signInButton = page.getByRole('button', { name: /sign in with google/i });
  for (
    let presses = 0;
    presses < 10 && !(await signInButton.evaluate((el) => el === document.activeElement));
    presses++
  )
    await page.keyboard.press('Tab');
  await expect(signInButton).toBeFocused();
  const googlePage = app.nextSystemBrowserPage();
  await page.keyboard.press('Enter');
  await passGooglePages(await googlePage);
  await expect(inbox(page)).toHaveAttribute('data-list-state', 'ready');

  // Read three: j selects the first row, Enter opens it, j moves the reader on.
  const ids = await options(page).evaluateAll((rows) => rows.slice(0, 6).map((row) => row.dataset.messageId!));
  await page.keyboard.press('j');
  await expect.poll(() => selectedId(page)).toBe(ids[0]);
  await page.keyboard.press('Enter');
  await expect.poll(() => openId(page)).toBe(ids[0]);
  await page.keyboard.press('j');
  await expect.poll(() => openId(page)).toBe(ids[1]);
  await page.keyboard.press('j');
  await expect.poll(() => openId(page)).toBe(ids[2]);
  await expect(page.locator('article.reader')).toHaveAttribute('data-reader-state', 'ready');
  // The reader said what it opened, once, politely.
  const live = page.getByTestId('live-region');
  await expect(live).toHaveAttribute('aria-live', 'polite');
  await expect(live).toContainText('Opened message from');

  // Archive the third: it leaves Gmail's inbox, the reader moves on, focus stays in the list.
  await page.keyboard.press('e');
  // Said as the key is pressed, and kept in the region for 8 s: looked for before waiting on Gmail.
  await expect(live).toContainText('Archived. Press z to undo');
  await expect.poll(() => labelsOf(ids[2]!)).not.toContain('INBOX');
  await expect(page.locator(`[role="option"][data-message-id="${ids[2]}"]`)).toHaveCount(0);
  await expect.poll(() => openId(page)).toBe(ids[3]);
  await expect.poll(() => focusedRole(page)).toBe('div:option');

  // Undo (z): back in the inbox, selected, and focused.
  await page.keyboard.press('z');
  await expect.poll(() => labelsOf(ids[2]!)).toContain('INBOX');
  await expect.poll(() => selectedId(page)).toBe(ids[2]);
  await expect.poll(() => focusedRole(page)).toBe('div:option');
  await expect(page.locator('[role="option"]:focus')).toHaveAttribute('data-message-id', ids[2]!);

  // Search: / focuses the box; typing letters that are shortcuts (j, e, u, s) does not act on mail.
  const labelsBefore = JSON.stringify(app.emulator.mailbox(EMAIL).list());
  const openBefore = await openId(page);
  await page.keyboard.press('/');
  const box = page.getByRole('searchbox', { name: /Search mail/ });
  await expect(box).toBeFocused();
  await page.keyboard.type('subject:Hostile just seen');
  await expect(box).toHaveValue('subject:Hostile just seen');
  // (The list now shows this computer's answers as they are typed; the reader and Gmail are untouched.)
  expect(await openId(page)).toBe(openBefore);
  expect(JSON.stringify(app.emulator.mailbox(EMAIL).list())).toBe(labelsBefore);
  await page.keyboard.press('Control+A');
  // A message not opened above (so still unread) by its exact subject.
  const unopened = app.emulator.mailbox(EMAIL).get(ids[5]!)!;
  await page.keyboard.type(`subject:"${unopened.subject}"`);
  await page.keyboard.press('Enter');
  await expect(page.locator(`[role="option"][data-message-id="${unopened.id}"]`)).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(box).toHaveValue('');

  // Settings through the command palette.
  await page.keyboard.press('Control+K');
  await expect(page.getByTestId('command-palette')).toBeVisible();
  await page.keyboard.type('settings');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('settings-page')).toBeVisible();

  expect(await page.evaluate(() => (window as unknown as { pointerEvents: string[] }).pointerEvents)).toEqual([]);
});

test('with focus inside the message frame, j, k, e and u still work', async ({ browser }) => {
  app = await launchGlance({ browser, emulator: { users: [{ email: EMAIL, name: 'Alex Rivera', unread: 5 }] } });
  addHtmlMail(app, 4);
  const page = await signedIn(app);
  const ids = await options(page).evaluateAll((rows) => rows.slice(0, 4).map((row) => row.dataset.messageId!));
  const frameBody = page.frameLocator('iframe.mail-frame').locator('body');
  /** Clicks into the open message's text, so keys go to the frame's document. */
  const focusFrame = async (id: string) => {
    await expect(page.locator(`article[data-open-message-id="${id}"]`)).toHaveAttribute('data-reader-state', 'ready');
    await expect(page.locator('iframe.mail-frame')).toHaveAttribute('data-links-watched', 'true');
    // Keys typed into the frame's first, empty document would be lost when the mail's document replaces it.
    await expectMailDocumentLoaded(page);
    await frameBody.click({ position: { x: 5, y: 5 } });
    await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe('IFRAME');
  };

  await options(page).first().click();
  await focusFrame(ids[0]!);
  await page.keyboard.press('j');
  await expect.poll(() => openId(page)).toBe(ids[1]);

  await focusFrame(ids[1]!);
  await page.keyboard.press('k');
  await expect.poll(() => openId(page)).toBe(ids[0]);

  await focusFrame(ids[0]!);
  await page.keyboard.press('e');
  await expect.poll(() => labelsOf(ids[0]!)).not.toContain('INBOX');
  await expect.poll(() => openId(page)).toBe(ids[1]);

  await focusFrame(ids[1]!);
  await page.keyboard.press('u');
  await expect(page.locator('article.reader')).toHaveCount(0);
  // The frame went with the reader: focus is back on the list, on the message it showed.
  await expect(page.locator('[role="option"]:focus')).toHaveAttribute('data-message-id', ids[1]!);
});

test('the command palette lists every action with its keys and runs the one chosen', async ({ browser }) => {
  app = await launchGlance({ browser, emulator: { users: [{ email: EMAIL, name: 'Alex Rivera', unread: 10 }] } });
  const page = await signedIn(app);
  await page.keyboard.press('j');
  const id = await selectedId(page);

  await page.keyboard.press('Control+K');
  const palette = page.getByRole('dialog', { name: 'Command palette' });
  await expect(palette).toBeVisible();
  await expect(palette.getByRole('combobox')).toBeFocused();
  // One account: every registry action but Esc, the palette itself and "go to" (no other account to go to).
  const expected = Object.entries(SHORTCUT_DESCRIPTIONS)
    .filter(([command]) => !['escape', 'palette', 'goAccount', 'goUnified'].includes(command))
    .map(([, description]) => description);
  const listed = await palette
    .getByRole('option')
    .evaluateAll((rows) => rows.map((row) => row.querySelector('.palette-label')?.textContent ?? ''));
  expect(listed).toEqual([...expected, 'Open settings']);
  await expect(palette.getByRole('option', { name: /^Archive/ }).locator('kbd')).toHaveText(['e']);

  await page.keyboard.type('star');
  await expect(palette.getByRole('option')).toHaveCount(1);
  await page.keyboard.press('Enter');
  await expect(palette).toHaveCount(0);
  await expect.poll(() => labelsOf(id!)).toContain('STARRED');
  // Focus went back where it was: the list.
  await expect(page.locator('[role="option"]:focus')).toHaveAttribute('data-message-id', id!);
});

test('the list is a listbox whose rows keep aria-posinset and aria-setsize right while scrolling', async ({
  browser,
}) => {
  app = await launchGlance({ browser, emulator: { users: [{ email: EMAIL, name: 'Alex Rivera', unread: 120 }] } });
  const page = await signedIn(app);
  const listbox = page.getByRole('listbox', { name: 'Unread messages' });
  const scroller = page.getByTestId('message-list-scroll');
  const rowsShown = () =>
    options(page).evaluateAll((rows) =>
      rows.map((row) => ({
        index: Number(row.dataset.index),
        posinset: row.getAttribute('aria-posinset'),
        setsize: row.getAttribute('aria-setsize'),
      })),
    );
  const check = async (setsize: string) => {
    const rows = await rowsShown();
    expect(rows.length).toBeGreaterThan(3);
    for (const row of rows) expect(row).toEqual({ index: row.index, posinset: String(row.index + 1), setsize });
  };
  // The first page (50 of 120): the total is not known to the list yet.
  await check('-1');
  // Scroll to the end until every page is in: rows far down say their true place, and the size is known.
  // (Keep scrolling until all 120 are listed: a page arriving just after a scroll grows the list below it.)
  await expect
    .poll(async () => {
      await scroller.evaluate((element) => {
        element.scrollTop = element.scrollHeight;
      });
      return listbox.getAttribute('data-count');
    })
    .toBe('120');
  await expect(page.locator('.list-more')).toHaveCount(0);
  // The last page may grow the list after the scroll that listed it (pages fetched ahead arrive at once): keep
  // scrolling to the end until the last row is drawn.
  await expect
    .poll(async () => {
      await scroller.evaluate((element) => {
        element.scrollTop = element.scrollHeight;
      });
      return (await rowsShown()).some((row) => row.index === 119);
    })
    .toBe(true);
  await check('120');
  // Half-way up: rows rendered anew keep their place.
  await scroller.evaluate((element) => {
    element.scrollTop = element.scrollHeight / 2;
  });
  await expect.poll(async () => (await rowsShown()).some((row) => row.index === 60)).toBe(true);
  await check('120');
});

test('display: reduced motion, forced colours, 200% zoom and unread not by colour alone', async ({ browser }) => {
  app = await launchGlance({ browser, emulator: { users: [{ email: EMAIL, name: 'Alex Rivera', unread: 30 }] } });
  const page = await signedIn(app);

  // Reduced motion: the loading pulse and spinner stop.
  await page.emulateMedia({ reducedMotion: 'reduce' });
  const durations = await page.evaluate(() => {
    const probe = document.createElement('span');
    probe.className = 'spinner';
    document.body.append(probe);
    const seconds = parseFloat(getComputedStyle(probe).animationDuration);
    probe.remove();
    return seconds;
  });
  expect(durations).toBeLessThan(0.01);
  await page.emulateMedia({ reducedMotion: 'no-preference' });

  // Unread is said by weight as well as colour: an unread sender is bold, a read one is not.
  await page.keyboard.press('j');
  await page.keyboard.press('Enter');
  const firstId = await openId(page);
  await expect(page.locator('article.reader')).toHaveAttribute('data-reader-state', 'ready');
  await expect(page.locator(`[role="option"][data-message-id="${firstId}"]`)).not.toHaveAttribute('data-unread', /.*/);
  const weight = (selector: string) =>
    page
      .locator(selector)
      .first()
      .evaluate((element) => Number(getComputedStyle(element).fontWeight));
  expect(await weight('[role="option"][data-unread] .row-sender')).toBeGreaterThanOrEqual(600);
  expect(await weight(`[role="option"][data-message-id="${firstId}"] .row-sender`)).toBeLessThan(500);

  // Forced colours: focus, selection and the unread mark are drawn in system colours.
  await page.emulateMedia({ forcedColors: 'active' });
  await page.keyboard.press('Escape');
  await page.locator(`[role="option"][data-message-id="${firstId}"]`).focus();
  const forced = await page.evaluate((id) => {
    const row = document.querySelector<HTMLElement>(`[role="option"][data-message-id="${id}"]`)!;
    const unreadDot = document.querySelector<HTMLElement>(
      '[role="option"][data-unread]:not([data-selected]) .row-dot',
    )!;
    const system = (colour: string) => {
      const probe = document.createElement('span');
      probe.style.color = colour;
      document.body.append(probe);
      const value = getComputedStyle(probe).color;
      probe.remove();
      return value;
    };
    const style = getComputedStyle(row);
    return {
      outline: `${style.outlineStyle} ${style.outlineColor}`,
      selectedBackground: style.backgroundColor,
      unreadDot: getComputedStyle(unreadDot).backgroundColor,
      expected: { highlight: system('Highlight'), canvasText: system('CanvasText') },
    };
  }, firstId);
  expect(forced.outline).toBe(`solid ${forced.expected.highlight}`);
  expect(forced.selectedBackground).toBe(forced.expected.highlight);
  expect(forced.unreadDot).toBe(forced.expected.canvasText);
  await page.emulateMedia({ forcedColors: 'none' });

  // 200% zoom of a 1280×800 window is a 640×400 CSS viewport: every control stays on screen and in reach.
  await page.setViewportSize({ width: 640, height: 400 });
  await page.keyboard.press('Enter');
  await expect(page.locator('article.reader')).toHaveAttribute('data-reader-state', 'ready');
  const offscreen = await page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const cut: string[] = [];
    for (const element of document.querySelectorAll<HTMLElement>(
      'button, input, [role="option"], h1, [tabindex="0"]',
    )) {
      const box = element.getBoundingClientRect();
      if (box.width === 0 && box.height === 0) continue;
      if (box.left < -1 || box.right > width + 1)
        cut.push(
          `${element.tagName.toLowerCase()} "${element.getAttribute('aria-label') ?? element.textContent?.trim().slice(0, 30)}"`,
        );
    }
    return { cut, scrollsSideways: document.documentElement.scrollWidth > width };
  });
  expect(offscreen).toEqual({ cut: [], scrollsSideways: false });
});
