/**
 * Right to left (issue 15 item 5): with the pseudo-locale `ar-XB` (catalogue strings in Arabic letters) the
 * page says dir=rtl and the layout mirrors — the list pane at the inline start (the right), the reader's
 * header and toolbar from the right — while mail keeps its own direction (dir=auto: an English subject stays
 * left to right). Over the fake core (support/fake-glance-app.ts); screenshots are attached to the test's
 * results, never committed.
 */
import { expect, test, type Locator, type Page, type TestInfo } from '@playwright/test';
import type { MessageSummary } from '../../electron/shared/ipc-contract.js';
import type { FakeScenario } from './support/fake-bridge-entry.js';
import { launchFakeGlance, type FakeGlanceApp } from './support/fake-glance-app.js';

const ACCOUNT = 'acct-1';
const base = Date.UTC(2026, 10, 26, 12, 0, 0);

function message(id: number, subject: string, name: string, snippet: string): MessageSummary {
  return {
    accountId: ACCOUNT,
    id: `m${id.toString(16).padStart(6, '0')}`,
    threadId: `t${id.toString(16).padStart(4, '0')}`,
    from: { name, address: `${name.split(' ')[0]!.toLowerCase()}@example.com` },
    subject,
    snippet,
    date: base - id * 3_600_000,
    unread: true,
    starred: id === 2,
    inInbox: true,
    hasAttachments: id === 3,
  };
}

const ENGLISH = message(1, 'Quarterly numbers for the board', 'Priya Shah', 'Revenue grew in every region.');
const scenario: FakeScenario = {
  accountId: ACCOUNT,
  unread: [
    ENGLISH,
    message(2, 'موعد الاجتماع يوم الخميس', 'ليلى حداد', 'نلتقي في الساعة العاشرة صباحا.'),
    message(3, 'Invoice 2026-0042', 'Northwind Billing', 'Attached are the invoice and the lease.'),
    message(4, 'Train times for Friday', 'Sam Lee', 'The 8:15 leaves from platform 4.'),
  ],
  others: [],
  settings: { markReadOnOpen: false, listMode: 'messages' },
};

let app: FakeGlanceApp | undefined;
test.afterEach(async () => {
  await app?.close();
  app = undefined;
});

async function box(locator: Locator) {
  const found = await locator.boundingBox();
  if (!found) throw new Error('not on screen');
  return found;
}

async function attachScreenshot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  await testInfo.attach(name, { body: await page.screenshot(), contentType: 'image/png' });
}

test('the inbox and the reader mirror in a right-to-left language; mail keeps its own direction', async ({
  browser,
}, testInfo) => {
  app = await launchFakeGlance(browser, scenario, { locale: 'ar-XB' });
  const { page } = app;
  await expect(page.locator('#root')).toHaveAttribute('data-app-state', 'ready');
  await expect(page.locator('.inbox'), app.pageErrors.join('\n')).toHaveAttribute('data-list-state', 'ready');
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(page.locator('html')).toHaveAttribute('lang', 'ar-XB');
  const viewport = page.viewportSize()!;

  // The list pane sits at the inline start: the right half of the window, flush with its right edge.
  const list = await box(page.locator('.list-pane'));
  expect(list.x + list.width).toBeGreaterThan(viewport.width - 2);
  expect(list.x).toBeGreaterThan(viewport.width / 4);
  // A row's unread dot is at its inline start (right), its text runs towards the left.
  const row = page.locator(`[role="option"][data-message-id="${ENGLISH.id}"]`);
  const dot = await box(row.locator('.row-dot'));
  const rowMain = await box(row.locator('.row-main'));
  expect(dot.x).toBeGreaterThan(rowMain.x + rowMain.width - 1);
  // Mail keeps its own direction: an English subject and sender read left to right, an Arabic one right to left.
  const subject = row.locator('.row-subject');
  await expect(subject).toHaveAttribute('dir', 'auto');
  expect(await subject.evaluate((element) => getComputedStyle(element).direction)).toBe('ltr');
  expect(await row.locator('.row-sender').evaluate((element) => getComputedStyle(element).direction)).toBe('ltr');
  const arabic = page.locator(`[role="option"][data-message-id="${scenario.unread[1]!.id}"] .row-subject`);
  expect(await arabic.evaluate((element) => getComputedStyle(element).direction)).toBe('rtl');
  await attachScreenshot(page, testInfo, 'inbox (ar-XB, right to left)');

  await row.click();
  const reader = page.locator(`article[data-open-message-id="${ENGLISH.id}"]`);
  await expect(reader).toHaveAttribute('data-reader-state', 'ready');
  const readerBox = await box(reader);
  expect(readerBox.x + readerBox.width).toBeLessThanOrEqual(list.x + 1);
  // Reading content aligns to the right: Back is the toolbar's rightmost tool (and points right), the sender's
  // avatar starts the header at the right, the date ends it at the left.
  const back = await box(reader.locator('.reader-toolbar .tool').first());
  const tools = await reader
    .locator('.reader-toolbar .tool')
    .evaluateAll((elements) => elements.map((element) => element.getBoundingClientRect().x));
  expect(back.x).toBe(Math.max(...tools));
  expect(
    await reader
      .locator('.reader-toolbar .icon-directional')
      .evaluate((element) => getComputedStyle(element).transform),
  ).toBe('matrix(-1, 0, 0, 1, 0, 0)');
  const avatar = await box(reader.locator('.message-meta .avatar'));
  const date = await box(reader.locator('.message-date'));
  expect(avatar.x).toBeGreaterThan(date.x);
  expect(avatar.x + avatar.width).toBeGreaterThan(readerBox.x + readerBox.width - 60);
  const fromLabel = await box(reader.locator('.message-people dt').first());
  const fromValue = await box(reader.locator('.message-people dd').first());
  expect(fromLabel.x).toBeGreaterThan(fromValue.x);
  // The English subject and body keep left to right inside the mirrored page.
  const heading = reader.locator('.message-subject');
  await expect(heading).toHaveText(ENGLISH.subject);
  await expect(heading).toHaveAttribute('dir', 'auto');
  expect(await heading.evaluate((element) => getComputedStyle(element).direction)).toBe('ltr');
  // …and still line up with the page, on the right.
  const headingText = await heading.evaluate((element) => {
    const range = document.createRange();
    range.selectNodeContents(element);
    const text = range.getBoundingClientRect();
    const own = element.getBoundingClientRect();
    return { textRight: text.right, ownRight: own.right - parseFloat(getComputedStyle(element).paddingRight) };
  });
  expect(Math.abs(headingText.textRight - headingText.ownRight)).toBeLessThan(2);
  const subjectText = await subject.evaluate((element) => {
    const range = document.createRange();
    range.selectNodeContents(element);
    return { textRight: range.getBoundingClientRect().right, ownRight: element.getBoundingClientRect().right };
  });
  expect(Math.abs(subjectText.textRight - subjectText.ownRight)).toBeLessThan(2);
  await expect(reader.getByTestId('plain-body')).toHaveAttribute('dir', 'auto');
  expect(await reader.getByTestId('plain-body').evaluate((element) => getComputedStyle(element).direction)).toBe('ltr');
  await attachScreenshot(page, testInfo, 'reader (ar-XB, right to left)');
});
