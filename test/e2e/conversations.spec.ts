/**
 * Conversations in the built renderer, in Chromium, over the fake core (support/fake-glance-app.ts): rows,
 * the conversation reader, its keys, archive and undo, and the switch to "each message separately" — the
 * layout, scrolling and focus only a real browser has. Every wait is on state, never on time.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import type { MessageSummary } from '../../electron/shared/ipc-contract.js';
import type { FakeScenario } from './support/fake-bridge-entry.js';
import { launchFakeGlance, type FakeGlanceApp } from './support/fake-glance-app.js';

const ACCOUNT = 'acct-1';
const THREADS = 60;
const base = Date.UTC(2026, 10, 26, 12, 0, 0);
const NAMES = ['Alex', 'Sam', 'Kim', 'Jo', 'Lee'];

function message(id: number, thread: number, minutesAgo: number, name: string, unread = true): MessageSummary {
  return {
    accountId: ACCOUNT,
    id: `m${id.toString(16).padStart(6, '0')}`,
    threadId: `t${thread.toString(16).padStart(4, '0')}`,
    from: { name: `${name} Doe`, address: `${name.toLowerCase()}@example.com` },
    subject: `Thread ${thread}`,
    snippet: `Message ${id} of thread ${thread}`,
    date: base - minutesAgo * 60_000,
    unread,
    starred: false,
    inInbox: true,
    hasAttachments: false,
  };
}

/**
 * Thread 0 (newest): Sam's read message, then unread ones from Alex and Sam. Every third thread after it has
 * two unread messages, the others one: message rows and conversation rows differ in number and place.
 */
function scenario(): FakeScenario & { threadId: (thread: number) => string } {
  const unread: MessageSummary[] = [message(2, 0, 20, 'Alex'), message(3, 0, 5, 'Sam')];
  const others: MessageSummary[] = [message(1, 0, 30, 'Sam', false)];
  let id = 10;
  for (let thread = 1; thread < THREADS; thread++) {
    const newest = thread * 60;
    unread.push(message(id++, thread, newest, NAMES[thread % NAMES.length]!));
    if (thread % 3 === 0) unread.push(message(id++, thread, newest + 30, NAMES[(thread + 1) % NAMES.length]!));
  }
  return {
    accountId: ACCOUNT,
    unread,
    others,
    settings: { markReadOnOpen: false, listMode: 'conversations' },
    threadId: (thread) => `t${thread.toString(16).padStart(4, '0')}`,
  };
}

let app: FakeGlanceApp;
test.afterEach(async () => {
  await app?.close();
});

const data = scenario();
const T = data.threadId;
const conversationRow = (page: Page, thread: number) => page.locator(`[role="option"][data-thread-id="${T(thread)}"]`);
const reader = (page: Page) => page.locator('article.conversation-reader');
const inReader = (page: Page, id: string) => reader(page).locator(`[data-message-id="${id}"]`);

async function start(browser: Parameters<typeof launchFakeGlance>[0]): Promise<Page> {
  app = await launchFakeGlance(browser, data);
  const { page } = app;
  await expect(page.locator('#root')).toHaveAttribute('data-app-state', 'ready');
  await expect(page.locator('.inbox'), app.pageErrors.join('\n')).toHaveAttribute('data-list-state', 'ready');
  return page;
}

async function toggleEachMessageSeparately(page: Page) {
  await page.getByRole('button', { name: 'Settings' }).click();
  const settings = page.getByRole('dialog', { name: 'Settings' });
  await settings.getByLabel('Show each message separately').click();
  await settings.getByRole('button', { name: 'Done' }).click();
  await expect(settings).toHaveCount(0);
}

/** Where a row sits in the list's viewport (pixels from the top of the scroll box). */
async function offsetInList(page: Page, row: Locator): Promise<number> {
  const box = await row.boundingBox();
  const list = await page.getByTestId('message-list-scroll').boundingBox();
  if (!box || !list) throw new Error('The row or the list is not on screen');
  return box.y - list.y;
}

test('conversation rows: senders, count of messages, newest unread subject; the header counts conversations', async ({
  browser,
}) => {
  const page = await start(browser);
  const first = conversationRow(page, 0);
  await expect(first.locator('.row-sender')).toHaveText('Alex, Sam (2)');
  await expect(first.locator('.row-subject')).toHaveText('Thread 0');
  await expect(first.locator('.row-snippet')).toHaveText('Message 3 of thread 0');
  await expect(first).toHaveAttribute('data-index', '0');
  const list = page.getByRole('listbox', { name: 'Unread conversations' });
  // The first page (50 messages) holds fewer conversations; scrolling to the end brings the rest.
  await expect(list).not.toHaveAttribute('data-count', String(THREADS));
  await page.getByTestId('message-list-scroll').evaluate((element) => {
    element.scrollTop = element.scrollHeight;
  });
  await expect(list).toHaveAttribute('data-count', String(THREADS));
  await expect(page.getByTestId('unread-count')).toHaveText(`${THREADS} unread`);
  await expect(page).toHaveTitle(`Glance — ${THREADS} unread`);
  // One row per thread, never one per message.
  await expect(page.locator('[role="option"][data-message-id]')).toHaveCount(0);
  expect(await app.callsOf('conversation:get')).toEqual([]);
});

test('opening a conversation: unread messages open, the read one folded to a line that opens on click', async ({
  browser,
}) => {
  const page = await start(browser);
  await conversationRow(page, 0).click();
  await expect(reader(page)).toHaveAttribute('data-reader-state', 'ready');
  expect(await app.callsOf('conversation:get')).toEqual([[ACCOUNT, T(0)]]);
  const [read, alex, sam] = ['m000001', 'm000002', 'm000003'];
  await expect(inReader(page, read!)).toHaveAttribute('data-expanded', 'false');
  await expect(inReader(page, read!)).toContainText('Sam Doe');
  await expect(inReader(page, alex!)).toHaveAttribute('data-expanded', 'true');
  await expect(inReader(page, sam!)).toHaveAttribute('data-expanded', 'true');
  await expect(inReader(page, alex!)).toContainText(`Body of ${alex}: Message 2 of thread 0`);
  await expect(inReader(page, sam!)).toContainText(`Body of ${sam}: Message 3 of thread 0`);
  expect((await app.callsOf('message:get')).map(([, id]) => id)).not.toContain(read);

  await inReader(page, read!).click();
  await expect(inReader(page, read!)).toHaveAttribute('data-expanded', 'true');
  await expect(inReader(page, read!)).toContainText(`Body of ${read}: Message 1 of thread 0`);
  // The row now counts the read message the conversation brought; still one conversation:get.
  await expect(conversationRow(page, 0).locator('.row-sender')).toHaveText('Alex, Sam (3)');
  expect(await app.callsOf('conversation:get')).toHaveLength(1);
});

test('n/p move between the messages of the open conversation, j/k between conversations', async ({ browser }) => {
  const page = await start(browser);
  await page.keyboard.press('j');
  await expect(conversationRow(page, 0)).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('o');
  await expect(reader(page)).toHaveAttribute('data-reader-state', 'ready');
  const current = reader(page).locator('[data-current]');
  await expect(current).toHaveAttribute('data-message-id', 'm000002');
  await page.keyboard.press('n');
  await expect(current).toHaveAttribute('data-message-id', 'm000003');
  await page.keyboard.press('p');
  await page.keyboard.press('p');
  await expect(current).toHaveAttribute('data-message-id', 'm000001');
  await expect(inReader(page, 'm000001')).toHaveAttribute('data-expanded', 'true');

  await page.keyboard.press('j');
  await expect(conversationRow(page, 1)).toHaveAttribute('aria-selected', 'true');
  await expect(reader(page)).toHaveAttribute('data-open-thread-id', T(1));
  await page.keyboard.press('k');
  await expect(reader(page)).toHaveAttribute('data-open-thread-id', T(0));
});

test('archiving a conversation removes its row and moves to the next; Undo brings it back', async ({ browser }) => {
  const page = await start(browser);
  await page.keyboard.press('j');
  await page.keyboard.press('j');
  await expect(conversationRow(page, 1)).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('e');
  await expect(conversationRow(page, 1)).toHaveCount(0);
  await expect(conversationRow(page, 2)).toHaveAttribute('aria-selected', 'true');
  await expect(conversationRow(page, 2)).toBeFocused();
  await expect(page.getByTestId('unread-count')).toHaveText(`${THREADS - 1} unread`);
  expect(await app.callsOf('conversations:modify')).toEqual([[ACCOUNT, [T(1)], 'archive']]);

  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(conversationRow(page, 1)).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('unread-count')).toHaveText(`${THREADS} unread`);
  expect((await app.callsOf('conversations:modify')).at(-1)).toEqual([ACCOUNT, [T(1)], 'unarchive']);
});

test('"Show each message separately" and back keeps the selection and where it sits on screen; the count follows', async ({
  browser,
}) => {
  const page = await start(browser);
  const messages = data.unread.length;
  // Far down the list, so conversation and message rows are at different places.
  const thread = 30;
  const scroller = page.getByTestId('message-list-scroll');
  await scroller.evaluate((element) => {
    element.scrollTop = 25 * 84;
  });
  const row = conversationRow(page, thread);
  await row.click();
  await expect(row).toHaveAttribute('aria-selected', 'true');
  const before = await offsetInList(page, row);
  const scrollBefore = await scroller.evaluate((element) => element.scrollTop);

  await toggleEachMessageSeparately(page);
  await expect(page.locator('.inbox')).toHaveAttribute('data-list-mode', 'messages');
  await expect(page.getByTestId('unread-count')).toHaveText(`${messages} unread`);
  // The conversation's newest unread message is selected, at the same place in the viewport.
  const newest = data.unread
    .filter((candidate) => candidate.threadId === T(thread))
    .sort((a, b) => b.date - a.date)[0]!;
  const messageRow = page.locator(`[role="option"][data-message-id="${newest.id}"]`);
  await expect(messageRow).toHaveAttribute('aria-selected', 'true');
  expect(Math.abs((await offsetInList(page, messageRow)) - before)).toBeLessThanOrEqual(1);
  // It is further down among messages than among conversations: the list did scroll to keep it in place.
  expect(await scroller.evaluate((element) => element.scrollTop)).toBeGreaterThan(scrollBefore);

  await toggleEachMessageSeparately(page);
  await expect(page.locator('.inbox')).toHaveAttribute('data-list-mode', 'conversations');
  await expect(page.getByTestId('unread-count')).toHaveText(`${THREADS} unread`);
  await expect(row).toHaveAttribute('aria-selected', 'true');
  expect(Math.abs((await offsetInList(page, row)) - before)).toBeLessThanOrEqual(1);
  expect(Math.abs((await scroller.evaluate((element) => element.scrollTop)) - scrollBefore)).toBeLessThanOrEqual(1);
});
