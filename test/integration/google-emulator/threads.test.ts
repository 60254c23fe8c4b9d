// users.threads.get / list / modify, thread counts, threads in history, quota and batch parts, seen by the real
// @googleapis/gmail client (and raw HTTP where the exact bytes matter).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGoogleEmulator, type GoogleEmulator } from '../../../electron/google-emulator/index.js';
import {
  authedFetch,
  batchBody,
  dataOf,
  GMAIL_METADATA,
  GMAIL_READONLY,
  parseBatchResponse,
  signIn,
  statusOf,
  type BatchPart,
  type SignedIn,
} from './helpers.js';

const NOT_FOUND = {
  error: {
    code: 404,
    message: 'Requested entity was not found.',
    errors: [{ message: 'Requested entity was not found.', domain: 'global', reason: 'notFound' }],
    status: 'NOT_FOUND',
  },
};

const MINUTE = 60_000;
const START = Date.UTC(2026, 10, 20, 9, 0, 0);

/**
 * Thea's mailbox, built message by message so every thread is known:
 * - `mixed`: a read message, then two unread replies (the middle one from Sam, with an attachment);
 * - `allRead`: two read messages;
 * - `single`: one unread message (the newest mail in the inbox);
 * - `trashed`: one unread message in the trash;
 * - `archived`: one unread message out of the inbox.
 */
interface TheaThreads {
  mixed: string[];
  allRead: string[];
  single: string[];
  trashed: string[];
  archived: string[];
}

async function startWithThreads(
  options: { quotaRegime?: 'classic' | '2026' } = {},
): Promise<{ emulator: GoogleEmulator; thea: SignedIn; threads: TheaThreads }> {
  const clock = { now: () => START };
  const emulator = await startGoogleEmulator({
    clock,
    seed: 17,
    users: [
      { email: 'thea@example.com', name: 'Thea Lind', unread: 0, read: 0 },
      { email: 'sam@example.com', name: 'Sam Okafor', unread: 0, read: 2 },
    ],
    ...options,
  });
  const mailbox = emulator.mailbox('thea@example.com');
  const at = (minutes: number) => START - 100 * MINUTE + minutes * MINUTE;
  const alex = { name: 'Alex Rivera', email: 'alex@example.com' };
  const sam = { name: 'Sam Okafor', email: 'sam@example.com' };
  const first = mailbox.add({
    from: alex,
    subject: 'Offsite plan',
    text: 'Shall we meet in Lisbon?',
    internalDate: at(1),
    labelIds: ['INBOX'],
  });
  const reply1 = mailbox.add({
    from: sam,
    subject: 'Re: Offsite plan',
    text: 'Lisbon works, agenda attached.',
    internalDate: at(10),
    threadId: first,
    attachments: [{ filename: 'agenda.txt', mimeType: 'text/plain', content: 'day 1: walk' }],
  });
  const readA = mailbox.add({ from: sam, subject: 'Lunch', text: 'Noon?', internalDate: at(20), labelIds: ['INBOX'] });
  const readB = mailbox.add({
    from: alex,
    subject: 'Re: Lunch',
    text: 'Sure.',
    internalDate: at(25),
    labelIds: ['INBOX'],
    threadId: readA,
  });
  const trashed = mailbox.add({
    subject: 'Old offer',
    text: 'Expired.',
    internalDate: at(30),
    labelIds: ['TRASH', 'UNREAD'],
  });
  const archived = mailbox.add({
    subject: 'Archived note',
    text: 'Filed away.',
    internalDate: at(35),
    labelIds: ['UNREAD'],
  });
  const reply2 = mailbox.add({
    from: alex,
    subject: 'Re: Offsite plan',
    text: 'Booked the hotel.',
    internalDate: at(40),
    threadId: first,
  });
  const single = mailbox.add({ from: sam, subject: 'Quick question', text: 'Got a minute?', internalDate: at(50) });
  const thea = await signIn(emulator, { email: 'thea@example.com' });
  return {
    emulator,
    thea,
    threads: {
      mixed: [first, reply1, reply2],
      allRead: [readA, readB],
      single: [single],
      trashed: [trashed],
      archived: [archived],
    },
  };
}

const threadIdOf = (ids: string[]) => ids[0] ?? '';

describe('users.threads.get', () => {
  let emulator: GoogleEmulator;
  let thea: SignedIn;
  let threads: TheaThreads;
  beforeAll(async () => ({ emulator, thea, threads } = await startWithThreads()));
  afterAll(() => emulator.close());

  it('full (the default): every message of the thread, oldest first, with its Gmail part tree', async () => {
    const { data } = await thea.gmail.users.threads.get({ userId: 'me', id: threadIdOf(threads.mixed) });
    expect(data.id).toBe(threadIdOf(threads.mixed));
    expect(data.historyId).toMatch(/^\d+$/);
    expect(data.messages?.map((message) => message.id)).toEqual(threads.mixed);
    expect(data.messages?.every((message) => message.threadId === data.id)).toBe(true);
    const dates = data.messages?.map((message) => Number(message.internalDate)) ?? [];
    expect([...dates].sort((a, b) => a - b)).toEqual(dates);
    const withAttachment = data.messages?.[1]?.payload;
    expect(withAttachment?.partId).toBe('');
    expect(withAttachment?.parts?.[0]?.body?.data).toMatch(/^[A-Za-z0-9_-]+=*$/);
    expect(withAttachment?.parts?.find((part) => part.filename === 'agenda.txt')?.body?.attachmentId).toEqual(
      expect.any(String),
    );
    // The thread's historyId is its newest change: no message's is later.
    const newest = Math.max(...(data.messages ?? []).map((message) => Number(message.historyId)));
    expect(Number(data.historyId)).toBe(newest);
  });

  it('minimal: ids, labels, snippet, dates; no payload', async () => {
    const { data } = await thea.gmail.users.threads.get({
      userId: 'me',
      id: threadIdOf(threads.mixed),
      format: 'minimal',
    });
    for (const message of data.messages ?? []) {
      expect(Object.keys(message).sort()).toEqual(
        ['historyId', 'id', 'internalDate', 'labelIds', 'sizeEstimate', 'snippet', 'threadId'].sort(),
      );
    }
    expect(data.messages?.map((message) => message.labelIds?.includes('UNREAD'))).toEqual([false, true, true]);
    expect(data.messages?.[0]?.snippet).toBe('Shall we meet in Lisbon?');
  });

  it('metadata with metadataHeaders: only those headers, no body, no parts', async () => {
    const { data } = await thea.gmail.users.threads.get({
      userId: 'me',
      id: threadIdOf(threads.mixed),
      format: 'metadata',
      metadataHeaders: ['From', 'Subject'],
    });
    expect(data.messages).toHaveLength(3);
    for (const message of data.messages ?? []) {
      expect(message.payload?.headers?.map((header) => header.name).sort()).toEqual(['From', 'Subject']);
      expect(message.payload?.body).toBeUndefined();
      expect(message.payload?.parts).toBeUndefined();
    }
    expect(data.messages?.[1]?.payload?.headers?.find((header) => header.name === 'From')?.value).toBe(
      'Sam Okafor <sam@example.com>',
    );
  });

  it('fields= trims the thread and each message; an unknown field is a 400 that costs nothing', async () => {
    const { data } = await thea.gmail.users.threads.get({
      userId: 'me',
      id: threadIdOf(threads.mixed),
      format: 'metadata',
      metadataHeaders: ['Subject'],
      fields: 'id,messages(id,labelIds,payload/headers/value)',
    });
    expect(Object.keys(data).sort()).toEqual(['id', 'messages']);
    expect(Object.keys(data.messages?.[0] ?? {}).sort()).toEqual(['id', 'labelIds', 'payload']);
    expect(data.messages?.[0]?.payload).toEqual({ headers: [{ value: 'Offsite plan' }] });
    emulator.resetLog();
    const error = await thea.gmail.users.threads
      .get({ userId: 'me', id: threadIdOf(threads.mixed), fields: 'messages(bogus)' })
      .catch((caught: unknown) => caught);
    expect(statusOf(error)).toBe(400);
    expect(JSON.stringify(dataOf(error))).toContain('Invalid field selection');
    expect(emulator.requestLog.map((entry) => entry.quotaUnits)).toEqual([0]);
  });

  it('an unknown thread id → Google’s exact 404; a malformed one → 400 "Invalid id value"', async () => {
    const response = await authedFetch(
      `${emulator.endpoints.gmailRootUrl}gmail/v1/users/me/threads/18f0000000000abc`,
      thea.tokens.access_token ?? '',
    );
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual(NOT_FOUND);
    const malformed = await thea.gmail.users.threads.get({ userId: 'me', id: 'not-a-thread' }).catch((e: unknown) => e);
    expect(statusOf(malformed)).toBe(400);
    expect((dataOf(malformed) as typeof NOT_FOUND).error.message).toBe('Invalid id value');
  });

  it('format=raw does not exist for threads (400); a gmail.metadata token may not ask for full (403)', async () => {
    const raw = await thea.gmail.users.threads
      .get({ userId: 'me', id: threadIdOf(threads.single), format: 'raw' })
      .catch((e: unknown) => e);
    expect(statusOf(raw)).toBe(400);
    const metadataOnly = await signIn(emulator, {
      email: 'thea@example.com',
      scopes: [GMAIL_METADATA],
      prompt: 'consent',
    });
    const full = await metadataOnly.gmail.users.threads
      .get({ userId: 'me', id: threadIdOf(threads.single) })
      .catch((e: unknown) => e);
    expect(statusOf(full)).toBe(403);
    expect((dataOf(full) as typeof NOT_FOUND).error.message).toBe("Metadata scope doesn't allow format FULL");
    const { data } = await metadataOnly.gmail.users.threads.get({
      userId: 'me',
      id: threadIdOf(threads.single),
      format: 'metadata',
    });
    expect(data.messages?.[0]?.id).toBe(threads.single[0]);
  });
});

describe('users.threads.list', () => {
  let emulator: GoogleEmulator;
  let thea: SignedIn;
  let threads: TheaThreads;
  beforeAll(async () => ({ emulator, thea, threads } = await startWithThreads()));
  afterAll(() => emulator.close());

  it('labelIds intersect per message: unread inbox threads, newest first, {id, snippet, historyId} each', async () => {
    const { data } = await thea.gmail.users.threads.list({ userId: 'me', labelIds: ['INBOX', 'UNREAD'] });
    expect(data.threads?.map((thread) => thread.id)).toEqual([threadIdOf(threads.single), threadIdOf(threads.mixed)]);
    expect(data.resultSizeEstimate).toBe(2);
    expect(data.nextPageToken).toBeUndefined();
    for (const thread of data.threads ?? []) expect(Object.keys(thread).sort()).toEqual(['historyId', 'id', 'snippet']);
    // The snippet is the conversation's newest message's.
    expect(data.threads?.[1]?.snippet).toBe('Booked the hotel.');
    const inbox = await thea.gmail.users.labels.get({ userId: 'me', id: 'INBOX' });
    expect(data.resultSizeEstimate).toBe(inbox.data.threadsUnread);
  });

  it('leaves spam and trash out unless includeSpamTrash', async () => {
    const all = await thea.gmail.users.threads.list({ userId: 'me' });
    expect(all.data.threads?.map((thread) => thread.id)).toEqual(
      [threads.single, threads.mixed, threads.archived, threads.allRead].map(threadIdOf),
    );
    const withTrash = await thea.gmail.users.threads.list({ userId: 'me', includeSpamTrash: true });
    expect(withTrash.data.threads?.map((thread) => thread.id)).toContain(threadIdOf(threads.trashed));
    expect(withTrash.data.resultSizeEstimate).toBe(5);
  });

  it('pages with maxResults and pageToken: every thread once, the last page without a token', async () => {
    const seen: string[] = [];
    let pageToken: string | undefined;
    let pages = 0;
    do {
      const { data } = await thea.gmail.users.threads.list({
        userId: 'me',
        maxResults: 1,
        ...(pageToken ? { pageToken } : {}),
      });
      seen.push(...(data.threads ?? []).map((thread) => thread.id ?? ''));
      expect(data.resultSizeEstimate).toBe(4);
      pageToken = data.nextPageToken ?? undefined;
      pages++;
    } while (pageToken && pages < 10);
    expect(pages).toBe(4);
    expect(seen).toEqual([threads.single, threads.mixed, threads.archived, threads.allRead].map(threadIdOf));
    // A messages.list token does not continue a threads.list.
    const messagesPage = await thea.gmail.users.messages.list({ userId: 'me', maxResults: 1 });
    const error = await thea.gmail.users.threads
      .list({ userId: 'me', pageToken: messagesPage.data.nextPageToken ?? '' })
      .catch((e: unknown) => e);
    expect(statusOf(error)).toBe(400);
  });

  it('q matches words of any message of the thread', async () => {
    const { data } = await thea.gmail.users.threads.list({ userId: 'me', q: 'hotel' });
    expect(data.threads?.map((thread) => thread.id)).toEqual([threadIdOf(threads.mixed)]);
    const partWord = await thea.gmail.users.threads.list({ userId: 'me', q: 'hote' });
    expect(partWord.data.threads).toBeUndefined();
    const fromSam = await thea.gmail.users.threads.list({ userId: 'me', q: 'from:sam is:unread' });
    expect(fromSam.data.threads?.map((thread) => thread.id)).toEqual([threads.single, threads.mixed].map(threadIdOf));
    const metadataOnly = await signIn(emulator, {
      email: 'thea@example.com',
      scopes: [GMAIL_METADATA, GMAIL_READONLY],
      prompt: 'consent',
    });
    const refused = await metadataOnly.gmail.users.threads.list({ userId: 'me', q: 'hotel' }).catch((e: unknown) => e);
    expect(statusOf(refused)).toBe(403);
    expect((dataOf(refused) as typeof NOT_FOUND).error.message).toBe("Metadata scope does not support 'q' parameter");
  });

  it('an empty result is exactly {"resultSizeEstimate":0}, no threads key', async () => {
    const response = await authedFetch(
      `${emulator.endpoints.gmailRootUrl}gmail/v1/users/me/threads?labelIds=STARRED`,
      thea.tokens.access_token ?? '',
    );
    expect(response.status).toBe(200);
    expect(await response.text()).toMatch(/^\{\s*"resultSizeEstimate": 0\s*\}$/);
  });

  it('fields= trims the list', async () => {
    const { data } = await thea.gmail.users.threads.list({
      userId: 'me',
      labelIds: ['INBOX'],
      fields: 'threads/id,resultSizeEstimate',
    });
    expect(Object.keys(data).sort()).toEqual(['resultSizeEstimate', 'threads']);
    expect(data.threads?.every((thread) => Object.keys(thread).join() === 'id')).toBe(true);
  });
});

describe('users.threads.modify, history and thread counts', () => {
  let emulator: GoogleEmulator;
  let thea: SignedIn;
  let threads: TheaThreads;
  beforeAll(async () => ({ emulator, thea, threads } = await startWithThreads()));
  afterAll(() => emulator.close());

  it('labels.get counts threads; labels.list carries no counts; getProfile counts every thread', async () => {
    const inbox = await thea.gmail.users.labels.get({ userId: 'me', id: 'INBOX' });
    expect(inbox.data).toMatchObject({ messagesTotal: 6, messagesUnread: 3, threadsTotal: 3, threadsUnread: 2 });
    const unread = await thea.gmail.users.labels.get({ userId: 'me', id: 'UNREAD' });
    expect(unread.data).toMatchObject({ threadsTotal: 4, threadsUnread: 4 });
    const list = await thea.gmail.users.labels.list({ userId: 'me' });
    const inboxEntry = list.data.labels?.find((label) => label.id === 'INBOX');
    expect(inboxEntry).toBeDefined();
    expect(inboxEntry).not.toHaveProperty('threadsTotal');
    expect(inboxEntry).not.toHaveProperty('threadsUnread');
    const profile = await thea.gmail.users.getProfile({ userId: 'me' });
    expect(profile.data).toMatchObject({ emailAddress: 'thea@example.com', messagesTotal: 8, threadsTotal: 5 });
  });

  it('mark read: every message of the thread, one history record per changed message with its threadId', async () => {
    const start = (await thea.gmail.users.getProfile({ userId: 'me' })).data.historyId ?? '';
    const { data } = await thea.gmail.users.threads.modify({
      userId: 'me',
      id: threadIdOf(threads.mixed),
      requestBody: { removeLabelIds: ['UNREAD'], addLabelIds: ['STARRED'] },
    });
    expect(data.id).toBe(threadIdOf(threads.mixed));
    expect(data.messages?.map((message) => message.id)).toEqual(threads.mixed);
    for (const message of data.messages ?? []) {
      expect(message.threadId).toBe(data.id);
      expect(message.labelIds).toContain('STARRED');
      expect(message.labelIds).not.toContain('UNREAD');
    }
    const history = await thea.gmail.users.history.list({ userId: 'me', startHistoryId: start });
    const removed = (history.data.history ?? []).flatMap((record) => record.labelsRemoved ?? []);
    // The first message was already read: only the two replies lost UNREAD.
    expect(removed.map((change) => change.message?.id)).toEqual(threads.mixed.slice(1));
    expect(
      removed.every((change) => change.message?.threadId === data.id && change.labelIds?.join() === 'UNREAD'),
    ).toBe(true);
    const added = (history.data.history ?? []).flatMap((record) => record.labelsAdded ?? []);
    expect(added.map((change) => change.message?.id)).toEqual(threads.mixed);
    for (const record of history.data.history ?? []) {
      expect(record.messages?.every((message) => message.threadId === data.id)).toBe(true);
    }
    const inbox = await thea.gmail.users.labels.get({ userId: 'me', id: 'INBOX' });
    expect(inbox.data).toMatchObject({ messagesUnread: 1, threadsUnread: 1, threadsTotal: 3 });
    expect(Number(data.historyId)).toBe(Number(history.data.historyId));
  });

  it('archive then undo: INBOX leaves and comes back on every message', async () => {
    const id = threadIdOf(threads.allRead);
    await thea.gmail.users.threads.modify({ userId: 'me', id, requestBody: { removeLabelIds: ['INBOX'] } });
    const mailbox = emulator.mailbox('thea@example.com');
    expect(threads.allRead.map((messageId) => mailbox.get(messageId)?.labelIds.includes('INBOX'))).toEqual([
      false,
      false,
    ]);
    expect((await thea.gmail.users.labels.get({ userId: 'me', id: 'INBOX' })).data.threadsTotal).toBe(2);
    await thea.gmail.users.threads.modify({ userId: 'me', id, requestBody: { addLabelIds: ['INBOX'] } });
    expect(threads.allRead.map((messageId) => mailbox.get(messageId)?.labelIds.includes('INBOX'))).toEqual([
      true,
      true,
    ]);
    expect((await thea.gmail.users.labels.get({ userId: 'me', id: 'INBOX' })).data.threadsTotal).toBe(3);
  });

  it('a new reply joins its thread: history says messageAdded with the threadId, the counts follow', async () => {
    const start = (await thea.gmail.users.getProfile({ userId: 'me' })).data.historyId ?? '';
    const reply = emulator
      .mailbox('thea@example.com')
      .add({ subject: 'Re: Lunch', text: 'Tomorrow?', threadId: threadIdOf(threads.allRead) });
    const history = await thea.gmail.users.history.list({
      userId: 'me',
      startHistoryId: start,
      historyTypes: ['messageAdded'],
    });
    expect(history.data.history?.[0]?.messagesAdded?.[0]?.message).toMatchObject({
      id: reply,
      threadId: threadIdOf(threads.allRead),
    });
    const inbox = await thea.gmail.users.labels.get({ userId: 'me', id: 'INBOX' });
    expect(inbox.data).toMatchObject({ threadsTotal: 3, threadsUnread: 2 });
    const { data } = await thea.gmail.users.threads.list({ userId: 'me', labelIds: ['INBOX', 'UNREAD'] });
    expect(data.threads?.[0]?.id).toBe(threadIdOf(threads.allRead));
  });

  it('refuses what messages.modify refuses: system-only labels (400), unknown threads (404)', async () => {
    const sent = await thea.gmail.users.threads
      .modify({ userId: 'me', id: threadIdOf(threads.single), requestBody: { addLabelIds: ['SENT'] } })
      .catch((e: unknown) => e);
    expect(statusOf(sent)).toBe(400);
    expect((dataOf(sent) as typeof NOT_FOUND).error.message).toBe('Invalid label: SENT');
    const unknown = await thea.gmail.users.threads
      .modify({ userId: 'me', id: '18f0000000000abc', requestBody: { removeLabelIds: ['UNREAD'] } })
      .catch((e: unknown) => e);
    expect(statusOf(unknown)).toBe(404);
    expect(dataOf(unknown)).toEqual(NOT_FOUND);
    const readonly = await signIn(emulator, { email: 'thea@example.com', scopes: [GMAIL_READONLY], prompt: 'consent' });
    const refused = await readonly.gmail.users.threads
      .modify({ userId: 'me', id: threadIdOf(threads.single), requestBody: { removeLabelIds: ['UNREAD'] } })
      .catch((e: unknown) => e);
    expect(statusOf(refused)).toBe(403);
    expect(JSON.stringify(dataOf(refused))).toContain('insufficientPermissions');
  });
});

describe('threads: quota in both regimes, and inside the batch endpoint', () => {
  it('classic: threads.get, threads.list and threads.modify cost 10 units each', async () => {
    const { emulator, thea, threads } = await startWithThreads();
    try {
      emulator.resetLog();
      const id = threadIdOf(threads.mixed);
      await thea.gmail.users.threads.get({ userId: 'me', id });
      await thea.gmail.users.threads.list({ userId: 'me' });
      await thea.gmail.users.threads.modify({ userId: 'me', id, requestBody: { addLabelIds: ['STARRED'] } });
      await thea.gmail.users.messages.get({ userId: 'me', id });
      expect(emulator.requestLog.map((entry) => entry.quotaUnits)).toEqual([10, 10, 10, 5]);
      expect(emulator.counters().quotaUnits['thea@example.com']).toBe(35);
    } finally {
      await emulator.close();
    }
  });

  it('2026: threads.get 40, messages.get 20, and a 6,000-unit minute by default', async () => {
    const { emulator, thea, threads } = await startWithThreads({ quotaRegime: '2026' });
    try {
      emulator.resetLog();
      const id = threadIdOf(threads.mixed);
      await thea.gmail.users.threads.get({ userId: 'me', id });
      await thea.gmail.users.messages.get({ userId: 'me', id });
      await thea.gmail.users.threads.list({ userId: 'me' });
      expect(emulator.requestLog.map((entry) => entry.quotaUnits)).toEqual([40, 20, 10]);
      // 70 units spent; 148 more threads.get (5,920) fit in the minute, the next one does not.
      const parts = (count: number): BatchPart[] =>
        Array.from({ length: count }, (_, index) => ({
          id: `t${index}`,
          path: `/gmail/v1/users/me/threads/${id}?format=minimal`,
        }));
      const send = async (batch: BatchPart[]) => {
        const response = await thea.client.request<string>({
          url: emulator.endpoints.batch,
          method: 'POST',
          headers: { 'Content-Type': 'multipart/mixed; boundary=b' },
          data: batchBody(batch, 'b'),
          responseType: 'text',
        });
        return parseBatchResponse(response.headers.get('content-type') ?? '', response.data);
      };
      expect((await send(parts(100))).every((part) => part.status === 200)).toBe(true);
      const second = await send(parts(49));
      expect(second.slice(0, 48).every((part) => part.status === 200)).toBe(true);
      expect(second[48]?.status).toBe(429);
      expect(emulator.counters().quotaUnits['thea@example.com']).toBe(6_000 - 10);
    } finally {
      await emulator.close();
    }
  });

  it('batch parts: threads.get, threads.list with fields, threads.modify and an unknown thread, each charged', async () => {
    const { emulator, thea, threads } = await startWithThreads();
    try {
      emulator.resetLog();
      const id = threadIdOf(threads.single);
      const response = await thea.client.request<string>({
        url: emulator.endpoints.batch,
        method: 'POST',
        headers: { 'Content-Type': 'multipart/mixed; boundary=threads_batch' },
        data: batchBody(
          [
            { id: 'get+1', path: `/gmail/v1/users/me/threads/${id}?format=metadata&metadataHeaders=Subject` },
            { id: 'list+2', path: '/gmail/v1/users/me/threads?labelIds=INBOX&labelIds=UNREAD&fields=threads/id' },
            {
              id: 'modify+3',
              method: 'POST',
              path: `/gmail/v1/users/me/threads/${id}/modify`,
              body: { removeLabelIds: ['UNREAD'] },
            },
            { id: 'missing+4', path: '/gmail/v1/users/me/threads/18f0000000000abc' },
          ],
          'threads_batch',
        ),
        responseType: 'text',
      });
      expect(response.status).toBe(200);
      const parts = parseBatchResponse(response.headers.get('content-type') ?? '', response.data);
      expect(parts.map((part) => [part.contentId, part.status])).toEqual([
        ['response-get+1', 200],
        ['response-list+2', 200],
        ['response-modify+3', 200],
        ['response-missing+4', 404],
      ]);
      const got = JSON.parse(parts[0]?.body ?? '{}') as { messages: Array<{ payload: { headers: unknown } }> };
      expect(got.messages[0]?.payload.headers).toEqual([{ name: 'Subject', value: 'Quick question' }]);
      expect(JSON.parse(parts[1]?.body ?? '{}')).toEqual({
        threads: [{ id: threadIdOf(threads.single) }, { id: threadIdOf(threads.mixed) }],
      });
      const modified = JSON.parse(parts[2]?.body ?? '{}') as { messages: Array<{ labelIds: string[] }> };
      expect(modified.messages[0]?.labelIds).not.toContain('UNREAD');
      expect(JSON.parse(parts[3]?.body ?? '{}')).toEqual(NOT_FOUND);
      const charged = emulator.requestLog
        .filter((entry) => entry.kind === 'batch-part')
        .map((entry) => entry.quotaUnits);
      expect(charged).toEqual([10, 10, 10, 10]);
    } finally {
      await emulator.close();
    }
  });
});
