/**
 * Conversation rows of the benchmark, measured on the core (MailService, what the IPC handlers call) against
 * the emulator at 100 ms a request, with Google's classic unit costs (the emulator's):
 *   - `conversations cold first page`: sign-in to the first page grouped into conversations — the grouping
 *     (electron/shared/conversations.ts) works on the summaries the page already carries, so it adds no
 *     request, and the unread conversation count comes from the labels.get the full sync sends anyway;
 *   - `open a conversation of 10`: a 10-message thread of which 3 are on this computer (listed unread), opened
 *     with `conversation:get`: one threads.get.
 */
import type { GoogleEmulator, RequestLogEntry } from '../../electron/google-emulator/index.js';
import { groupConversations } from '../../electron/shared/conversations.js';
import { startHarness } from '../integration/gmail/helpers.js';
import { roundTrips, type BenchRow } from './e2e-rows.js';

const LATENCY_MS = 100;
const MINUTE = 60_000;

const isGmail = (entry: RequestLogEntry) => entry.kind === 'gmail' || entry.kind === 'batch';

function usage(emu: GoogleEmulator): { gmailRequests: number; quotaUnits: number } {
  const entries = emu.requestLog.filter((entry) => entry.kind !== 'oauth');
  return {
    gmailRequests: entries.filter(isGmail).length,
    quotaUnits: entries.reduce((sum, entry) => sum + (entry.quotaUnits ?? 0), 0),
  };
}

async function coldFirstPage(): Promise<BenchRow> {
  const h = await startHarness({
    email: 'threads@example.com',
    emulator: {
      // The generator threads some replies into older colleague messages: conversations of several messages.
      users: [{ email: 'threads@example.com', name: 'Thread Reader', unread: 600, read: 100 }],
      latencyMs: LATENCY_MS,
    },
  });
  try {
    // One unmeasured run first, so the measured one does not pay for JIT warm-up or the emulator's lazy MIME.
    const warmUp = h.service({ backoff: {} });
    await warmUp.list({ accountId: h.accountId, scope: 'unread' });
    await warmUp.removeAccountData(h.accountId);
    await warmUp.dispose();

    const mail = h.service({ backoff: {} });
    h.emu.resetLog();
    const started = performance.now();
    await mail.startAccount(h.accountId);
    const page = await mail.list({ accountId: h.accountId, scope: 'unread' });
    const rows = groupConversations(page.messages);
    const wallMs = Math.round(performance.now() - started);
    const measured = usage(h.emu);
    const status = page.mailboxes[0];
    const truth = h.emu.mailbox(h.email).labelCounts('INBOX').threadsUnread;
    if (status?.unreadConversationCount !== truth)
      throw new Error(`unread conversations ${status?.unreadConversationCount} ≠ Gmail's threadsUnread ${truth}`);
    await mail.dispose();
    return {
      name: 'conversations cold first page',
      glance: {
        roundTrips: roundTrips(h.emu.requestLog, LATENCY_MS),
        ...measured,
        conversations: rows.length,
        messages: page.messages.length,
        unreadConversationCount: truth,
        wallMs,
      },
      note: 'goal: roundTrips 2, gmailRequests ≤ 4, quotaUnits ≤ 257 (classic costs); the count is Gmail’s threadsUnread',
    };
  } finally {
    await h.close();
  }
}

async function openConversationOfTen(): Promise<BenchRow> {
  const email = 'ten@example.com';
  const h = await startHarness({
    email,
    emulator: { users: [{ email, name: 'Ten Messages', unread: 20, read: 20 }], latencyMs: LATENCY_MS },
  });
  try {
    const box = h.emu.mailbox(email);
    const base = Date.now() - 60 * MINUTE;
    // Seven read messages, then three unread replies (the newest mail: listed, so kept on this computer).
    const first = box.add({ subject: 'Quarterly plan', internalDate: base, labelIds: ['INBOX'] });
    for (let i = 1; i < 10; i++)
      box.add({
        subject: 'Re: Quarterly plan',
        internalDate: base + i * MINUTE,
        threadId: first,
        labelIds: i < 7 ? ['INBOX'] : ['INBOX', 'UNREAD'],
      });
    const mail = h.service({ backoff: {} });
    await mail.startAccount(h.accountId);
    const page = await mail.list({ accountId: h.accountId, scope: 'unread' });
    const cached = page.messages.filter((message) => message.threadId === first).length;
    h.emu.resetLog();
    const started = performance.now();
    const conversation = await mail.conversation(h.accountId, first);
    const wallMs = Math.round(performance.now() - started);
    if (conversation.messages.length !== 10) throw new Error(`opened ${conversation.messages.length} messages, not 10`);
    const measured = usage(h.emu);
    await mail.dispose();
    return {
      name: 'open a conversation of 10',
      glance: { gmailRequests: measured.gmailRequests, quotaUnits: measured.quotaUnits, cached, wallMs },
      note: 'goal: gmailRequests ≤ 1 (one threads.get, format metadata; 3 of its messages already on this computer)',
    };
  } finally {
    await h.close();
  }
}

export const CONVERSATION_ROW_NAMES = ['conversations cold first page', 'open a conversation of 10'];

export async function conversationRows(): Promise<BenchRow[]> {
  return [await coldFirstPage(), await openConversationOfTen()];
}
