/**
 * Conversation rows of the benchmark, measured the way a person runs Glance: the built renderer in Chromium in
 * conversation mode (the default), bridged to the real core (the e2e harness), the core talking to the Google
 * emulator at 100 ms a request with Google's classic unit costs (the emulator's):
 *   - `conversations cold first page`: sign-in to the first painted page of conversation rows — the renderer
 *     groups the summaries the page already carries (electron/shared/conversations.ts), so grouping adds no
 *     request, and the unread conversation count comes from the labels.get the full sync sends anyway;
 *   - `open a conversation of 10`: a 10-message thread whose 3 unread messages are on this computer (listed,
 *     their content read before), opened from its row: one threads.get for the 7 read ones (shown folded).
 *     Marking it read on open (the default setting) is an action, counted apart as `markReadRequests`.
 */
import type { Browser } from '@playwright/test';
import type { RequestLogEntry } from '../../electron/google-emulator/index.js';
import { launchGlance, signInThroughBrowser, type GlanceApp } from '../e2e/support/glance-app.js';
import { roundTrips, type BenchRow } from './e2e-rows.js';

const LATENCY_MS = 100;
/** After the first paint, how long the path is watched for late requests (a second list, a count fetched again). */
const SETTLE_MS = 2_000;
const MINUTE = 60_000;
const EMAIL = 'threads@example.com';

const isGmail = (entry: RequestLogEntry) => entry.kind === 'gmail' || entry.kind === 'batch';
const gmailRequests = (log: readonly RequestLogEntry[]) => log.filter(isGmail);
const quotaUnits = (log: readonly RequestLogEntry[]) =>
  log.filter((entry) => entry.kind !== 'oauth').reduce((sum, entry) => sum + (entry.quotaUnits ?? 0), 0);

/** The 10-message thread: seven read, then three unread replies (the newest mail, so on the first page). */
function addConversationOfTen(app: GlanceApp): string {
  const box = app.emulator.mailbox(EMAIL);
  const base = Date.now() - 60 * MINUTE;
  const first = box.add({ subject: 'Quarterly plan', internalDate: base, labelIds: ['INBOX'] });
  for (let i = 1; i < 10; i++)
    box.add({
      subject: 'Re: Quarterly plan',
      internalDate: base + i * MINUTE,
      threadId: first,
      labelIds: i < 7 ? ['INBOX'] : ['INBOX', 'UNREAD'],
    });
  return first;
}

async function coldFirstPage(app: GlanceApp): Promise<BenchRow> {
  await app.page.locator('#root[data-app-state="signed-out"]').waitFor();
  app.emulator.resetLog();
  const started = performance.now();
  await signInThroughBrowser(app);
  await app.page.locator('[role="option"][data-thread-id]').first().waitFor({ timeout: 60_000 });
  const firstPaintMs = Math.round(performance.now() - started);
  await app.page.waitForTimeout(SETTLE_MS);
  const log = app.emulator.requestLog;
  const truth = app.emulator.mailbox(EMAIL).labelCounts('INBOX').threadsUnread;
  const shown = app.core.mail.mailboxes()[0]?.unreadConversationCount;
  if (shown !== truth) throw new Error(`unread conversations ${shown} ≠ Gmail's threadsUnread ${truth}`);
  return {
    name: 'conversations cold first page',
    glance: {
      roundTrips: roundTrips(log, LATENCY_MS),
      gmailRequests: gmailRequests(log).length,
      quotaUnits: quotaUnits(log),
      rowsOnScreen: await app.page.locator('[role="option"][data-thread-id]').count(),
      unreadConversationCount: truth,
      firstPaintMs,
    },
    note: 'goal: roundTrips 2, gmailRequests ≤ 4, quotaUnits ≤ 257 (classic costs); the count equals Gmail’s threadsUnread',
  };
}

async function openConversationOfTen(app: GlanceApp, threadId: string): Promise<BenchRow> {
  const accountId = app.core.mail.mailboxes()[0]!.accountId;
  const page = await app.core.mail.list({ accountId, scope: 'unread' });
  const unreadOfThread = page.messages.filter((message) => message.threadId === threadId);
  // Their content was read before (a notification, the message view): kept on this computer.
  for (const message of unreadOfThread) await app.core.mail.get(accountId, message.id);
  app.emulator.resetLog();
  const started = performance.now();
  await app.page.locator(`[role="option"][data-thread-id="${threadId}"]`).click();
  const reader = app.page.locator('article.conversation-reader');
  await reader.locator('[data-message-id]').nth(9).waitFor({ timeout: 30_000 });
  await reader.locator('[data-expanded="true"][data-reader-state="ready"]').nth(2).waitFor({ timeout: 30_000 });
  const shownMs = Math.round(performance.now() - started);
  await app.page.waitForTimeout(SETTLE_MS);
  const log = gmailRequests(app.emulator.requestLog);
  const isMarkRead = (entry: RequestLogEntry) => entry.path.endsWith('/modify') || entry.path.endsWith('/batchModify');
  return {
    name: 'open a conversation of 10',
    glance: {
      gmailRequests: log.filter((entry) => !isMarkRead(entry)).length,
      markReadRequests: log.filter(isMarkRead).length,
      cached: unreadOfThread.length,
      shownMs,
    },
    note: 'goal: gmailRequests ≤ 1 (one threads.get, format metadata; the 3 unread messages already on this computer)',
  };
}

export const CONVERSATION_ROW_NAMES = ['conversations cold first page', 'open a conversation of 10'];

export async function conversationRows(browser: Browser): Promise<BenchRow[]> {
  const app = await launchGlance({
    browser,
    listMode: 'conversations',
    emulator: {
      // The generator threads some replies into older colleague messages: conversations of several messages.
      users: [{ email: EMAIL, name: 'Thread Reader', unread: 600, read: 100 }],
      latencyMs: LATENCY_MS,
    },
  });
  try {
    const threadId = addConversationOfTen(app);
    const cold = await coldFirstPage(app);
    return [cold, await openConversationOfTen(app, threadId)];
  } finally {
    await app.close();
  }
}
