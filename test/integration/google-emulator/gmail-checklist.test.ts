// Fidelity checklist §10 items 26–41 (Gmail) through @googleapis/gmail and raw HTTP.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SPECIAL_SUBJECTS, startGoogleEmulator, type GoogleEmulator } from '../../../electron/google-emulator/index.js';
import {
  authedFetch,
  dataOf,
  GMAIL_METADATA,
  GMAIL_MODIFY,
  GMAIL_READONLY,
  signIn,
  statusOf,
  type SignedIn,
} from './helpers.js';

describe('Gmail v1 fidelity checklist', () => {
  let emulator: GoogleEmulator;
  let alex: SignedIn;
  const api = (path: string) => `${emulator.endpoints.gmailRootUrl}gmail/v1/users/me/${path}`;
  const alexId = (index: number) => emulator.mailbox('alex@example.com').list()[index]?.id ?? '';

  beforeAll(async () => {
    emulator = await startGoogleEmulator({
      users: [
        { email: 'alex@example.com', name: 'Alex Rivera', unread: 620, read: 40 },
        { email: 'sam@example.com', name: 'Sam Okafor', unread: 0, read: 3 },
      ],
    });
    alex = await signIn(emulator);
  });
  afterAll(() => emulator.close());

  it('#26: no matches → exactly {"resultSizeEstimate":0}', async () => {
    const { data } = await alex.gmail.users.messages.list({ userId: 'me', q: 'from:nobody-at-all.example' });
    expect(data).toEqual({ resultSizeEstimate: 0 });
  });

  it('#27: default page 100, maxResults=500 honoured, last page has no nextPageToken', async () => {
    const first = await alex.gmail.users.messages.list({ userId: 'me' });
    expect(first.data.messages).toHaveLength(100);
    const big = await alex.gmail.users.messages.list({ userId: 'me', maxResults: 500 });
    expect(big.data.messages).toHaveLength(500);
    const last = await alex.gmail.users.messages.list({
      userId: 'me',
      maxResults: 500,
      pageToken: big.data.nextPageToken ?? '',
    });
    expect(last.data.messages).toHaveLength(160);
    expect(last.data.nextPageToken).toBeUndefined();
    const clamped = await alex.gmail.users.messages.list({ userId: 'me', maxResults: 501 });
    expect(clamped.data.messages).toHaveLength(500);
  });

  it('#28: repeated labelIds are intersected', async () => {
    const unreadInbox = await alex.gmail.users.messages.list({
      userId: 'me',
      labelIds: ['INBOX', 'UNREAD'],
      maxResults: 500,
    });
    const starredUnread = await alex.gmail.users.messages.list({
      userId: 'me',
      labelIds: ['STARRED', 'UNREAD'],
      maxResults: 500,
    });
    const expectedStarredUnread = emulator
      .mailbox('alex@example.com')
      .list()
      .filter((message) => message.labelIds.includes('STARRED') && message.labelIds.includes('UNREAD'));
    expect(unreadInbox.data.resultSizeEstimate).toBe(620);
    expect(starredUnread.data.resultSizeEstimate).toBe(expectedStarredUnread.length);
    expect(expectedStarredUnread.length).toBeGreaterThan(0);
    expect((starredUnread.data.messages ?? []).map((message) => message.id)).toEqual(
      expectedStarredUnread.slice(0, 500).map((message) => message.id),
    );
  });

  it('#29: q with a gmail.metadata token → 403 "Metadata scope does not support \'q\' parameter"', async () => {
    const metadata = await signIn(emulator, { scopes: [GMAIL_METADATA, GMAIL_READONLY] });
    const error = await metadata.gmail.users.messages
      .list({ userId: 'me', q: 'is:unread' })
      .catch((caught: unknown) => caught);
    expect(statusOf(error)).toBe(403);
    expect(dataOf(error)).toEqual({
      error: {
        code: 403,
        message: "Metadata scope does not support 'q' parameter",
        errors: [{ message: "Metadata scope does not support 'q' parameter", domain: 'global', reason: 'forbidden' }],
        status: 'PERMISSION_DENIED',
      },
    });
  });

  it('#30/#31: full format: string internalDate/historyId, numeric sizeEstimate, nested partIds, padded base64url', async () => {
    const attachmentMessage = emulator
      .mailbox('alex@example.com')
      .list()
      .find((message) => message.subject === SPECIAL_SUBJECTS.attachments);
    const { data } = await alex.gmail.users.messages.get({ userId: 'me', id: attachmentMessage?.id ?? '' });
    expect(data.internalDate).toMatch(/^\d+$/);
    expect(data.historyId).toMatch(/^\d+$/);
    expect(typeof data.sizeEstimate).toBe('number');
    expect(data.payload?.partId).toBe('');
    expect(data.payload?.mimeType).toBe('multipart/mixed');
    expect(data.payload?.parts?.[0]?.partId).toBe('0');
    expect(data.payload?.parts?.[0]?.parts?.map((part) => part.partId)).toEqual(['0.0', '0.1']);
    expect(data.payload?.parts?.[0]?.body).toEqual({ size: 0 });
    const bodies = (data.payload?.parts?.[0]?.parts ?? []).map((part) => part.body?.data ?? '');
    expect(bodies.some((body) => body.endsWith('='))).toBe(true);
    for (const body of bodies) expect(body).toMatch(/^[A-Za-z0-9_-]+=*$/);
    const raw = await alex.gmail.users.messages.get({ userId: 'me', id: attachmentMessage?.id ?? '', format: 'raw' });
    expect(raw.data.payload).toBeUndefined();
    const source = Buffer.from(raw.data.raw ?? '', 'base64url').toString('latin1');
    expect(source).toContain('Subject: Invoice INV-2026-0042 with attachments');
    expect(raw.data.sizeEstimate).toBe(Buffer.byteLength(source, 'latin1'));
  });

  it('#32: minimal has no payload; metadata + metadataHeaders keeps only those headers and no body data', async () => {
    const minimal = await alex.gmail.users.messages.get({ userId: 'me', id: alexId(0), format: 'minimal' });
    expect(minimal.data.payload).toBeUndefined();
    expect(minimal.data.labelIds).toContain('INBOX');
    const metadata = await alex.gmail.users.messages.get({
      userId: 'me',
      id: alexId(0),
      format: 'metadata',
      metadataHeaders: ['Subject', 'From'],
    });
    expect(metadata.data.payload?.headers?.map((header) => header.name).sort()).toEqual(['From', 'Subject']);
    expect(JSON.stringify(metadata.data.payload)).not.toContain('"data"');
    expect(metadata.data.payload?.headers?.find((header) => header.name === 'Subject')?.value).toBe(
      SPECIAL_SUBJECTS.windows1252,
    );
  });

  it('#33: attachments carry {attachmentId,size}; ids differ per get and all work; attachments.get → {size,data}', async () => {
    const id =
      emulator
        .mailbox('alex@example.com')
        .list()
        .find((message) => message.subject === SPECIAL_SUBJECTS.attachments)?.id ?? '';
    const first = await alex.gmail.users.messages.get({ userId: 'me', id });
    const second = await alex.gmail.users.messages.get({ userId: 'me', id });
    const pdfFirst = first.data.payload?.parts?.[1];
    const pdfSecond = second.data.payload?.parts?.[1];
    expect(pdfFirst?.filename).toBe('INV-2026-0042.pdf');
    expect(pdfFirst?.body?.data).toBeUndefined();
    expect(pdfFirst?.body?.attachmentId).not.toBe(pdfSecond?.body?.attachmentId);
    for (const attachmentId of [pdfFirst?.body?.attachmentId, pdfSecond?.body?.attachmentId]) {
      const { data } = await alex.gmail.users.messages.attachments.get({
        userId: 'me',
        messageId: id,
        id: attachmentId ?? '',
      });
      expect(Object.keys(data).sort()).toEqual(['data', 'size']);
      expect(
        Buffer.from(data.data ?? '', 'base64url')
          .toString('latin1')
          .startsWith('%PDF-1.4'),
      ).toBe(true);
      expect(data.size).toBe(pdfFirst?.body?.size);
    }
  });

  it('#34: unknown id → 404 notFound envelope; malformed id → 400 "Invalid id value"', async () => {
    const unknown = await authedFetch(api('messages/00000000deadbeef'), alex.tokens.access_token ?? '');
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({
      error: {
        code: 404,
        message: 'Requested entity was not found.',
        errors: [{ message: 'Requested entity was not found.', domain: 'global', reason: 'notFound' }],
        status: 'NOT_FOUND',
      },
    });
    const malformed = await alex.gmail.users.messages
      .get({ userId: 'me', id: '#msg-a:r-123' })
      .catch((caught: unknown) => caught);
    expect(statusOf(malformed)).toBe(400);
    expect((dataOf(malformed) as { error: { message: string } }).error.message).toBe('Invalid id value');
  });

  it('#35: modify returns the message; batchModify returns an empty body and refuses more than 1000 ids', async () => {
    const modified = await alex.gmail.users.messages.modify({
      userId: 'me',
      id: alexId(10),
      requestBody: { addLabelIds: ['STARRED'] },
    });
    expect(modified.data).toEqual({
      id: alexId(10),
      threadId: expect.any(String),
      labelIds: expect.arrayContaining(['STARRED']),
    });
    const ids = [alexId(11), alexId(12)];
    const batch = await alex.gmail.users.messages.batchModify({
      userId: 'me',
      requestBody: { ids, removeLabelIds: ['UNREAD'] },
    });
    expect(batch.status).toBe(204);
    expect(batch.data).toBe('');
    for (const id of ids) expect(emulator.mailbox('alex@example.com').get(id)?.labelIds).not.toContain('UNREAD');
    const tooMany = await alex.gmail.users.messages
      .batchModify({
        userId: 'me',
        requestBody: {
          ids: Array.from({ length: 1001 }, (_, index) => index.toString(16).padStart(16, '0')),
          removeLabelIds: ['UNREAD'],
        },
      })
      .catch((caught: unknown) => caught);
    expect(statusOf(tooMany)).toBe(400);
    const sent = await alex.gmail.users.messages
      .modify({ userId: 'me', id: alexId(10), requestBody: { addLabelIds: ['SENT'] } })
      .catch((caught: unknown) => caught);
    expect(statusOf(sent)).toBe(400);
  });

  it('#36: labels.get INBOX has counts and type system; labels.list has none', async () => {
    const inbox = await alex.gmail.users.labels.get({ userId: 'me', id: 'INBOX' });
    expect(inbox.data).toMatchObject({ id: 'INBOX', type: 'system' });
    for (const field of ['messagesTotal', 'messagesUnread', 'threadsTotal', 'threadsUnread'] as const)
      expect(typeof inbox.data[field]).toBe('number');
    expect(inbox.data.messagesUnread).toBe(emulator.mailbox('alex@example.com').unreadCount());
    const list = await alex.gmail.users.labels.list({ userId: 'me' });
    expect(list.data.labels?.length).toBeGreaterThan(10);
    for (const label of list.data.labels ?? []) expect(label.messagesTotal).toBeUndefined();
    expect(list.data.labels?.find((label) => label.id === 'Label_1')?.type).toBe('user');
    const missing = await alex.gmail.users.labels
      .get({ userId: 'me', id: 'Label_999' })
      .catch((caught: unknown) => caught);
    expect(statusOf(missing)).toBe(404);
  });

  it('#37/#38/#39: history after changes, only {historyId} when nothing changed, exact 404 after expireHistory', async () => {
    const mailbox = emulator.mailbox('alex@example.com');
    const start = (await alex.gmail.users.getProfile({ userId: 'me' })).data.historyId ?? '';
    const none = await authedFetch(api(`history?startHistoryId=${start}`), alex.tokens.access_token ?? '');
    expect(await none.json()).toEqual({ historyId: start });
    const target =
      mailbox
        .list()
        .find(
          (message, index) =>
            index > 20 && message.labelIds.includes('UNREAD') && !message.labelIds.includes('STARRED'),
        )?.id ?? '';
    mailbox.modify(target, ['STARRED'], []);
    const arrived = mailbox.add({ subject: 'Fresh arrival' });
    mailbox.remove(alexId(30));
    await alex.gmail.users.messages.modify({ userId: 'me', id: target, requestBody: { removeLabelIds: ['UNREAD'] } });
    const { data } = await alex.gmail.users.history.list({ userId: 'me', startHistoryId: start });
    const records = data.history ?? [];
    expect(records.map((record) => Object.keys(record).filter((key) => key !== 'id' && key !== 'messages'))).toEqual([
      ['labelsAdded'],
      ['messagesAdded'],
      ['messagesDeleted'],
      ['labelsRemoved'],
    ]);
    expect(records[0]?.labelsAdded?.[0]).toEqual({
      message: { id: target, threadId: expect.any(String), labelIds: expect.arrayContaining(['STARRED']) },
      labelIds: ['STARRED'],
    });
    expect(records[1]?.messagesAdded?.[0]?.message?.id).toBe(arrived);
    for (const record of records) {
      expect(typeof record.id).toBe('string');
      expect(BigInt(data.historyId ?? '0') >= BigInt(record.id ?? '0')).toBe(true);
    }
    expect(BigInt(records[1]?.id ?? '0') > BigInt(records[0]?.id ?? '0')).toBe(true);
    const labelsOnly = await alex.gmail.users.history.list({
      userId: 'me',
      startHistoryId: start,
      historyTypes: ['labelRemoved'],
    });
    expect(labelsOnly.data.history?.map((record) => record.labelsRemoved?.[0]?.labelIds)).toEqual([['UNREAD']]);
    const paged = await alex.gmail.users.history.list({ userId: 'me', startHistoryId: start, maxResults: 3 });
    expect(paged.data.history).toHaveLength(3);
    const rest = await alex.gmail.users.history.list({
      userId: 'me',
      startHistoryId: start,
      maxResults: 3,
      pageToken: paged.data.nextPageToken ?? '',
    });
    expect(rest.data.history?.map((record) => record.id)).toEqual([records[3]?.id]);
    expect(rest.data.nextPageToken).toBeUndefined();
    mailbox.expireHistory();
    const expired = await authedFetch(api(`history?startHistoryId=${start}`), alex.tokens.access_token ?? '');
    expect(expired.status).toBe(404);
    expect(await expired.text()).toBe(
      JSON.stringify(
        {
          error: {
            code: 404,
            message: 'Requested entity was not found.',
            errors: [{ message: 'Requested entity was not found.', domain: 'global', reason: 'notFound' }],
            status: 'NOT_FOUND',
          },
        },
        null,
        2,
      ),
    );
    const missing = await authedFetch(api('history'), alex.tokens.access_token ?? '');
    expect(missing.status).toBe(400);
  });

  it('#40: getProfile', async () => {
    const { data } = await alex.gmail.users.getProfile({ userId: 'me' });
    expect(data).toEqual({
      emailAddress: 'alex@example.com',
      messagesTotal: emulator.mailbox('alex@example.com').list().length,
      threadsTotal: expect.any(Number),
      historyId: expect.stringMatching(/^\d+$/),
    });
  });

  it('#41: another user’s address → 403 Delegation denied; the own address works like me', async () => {
    const error = await alex.gmail.users.getProfile({ userId: 'sam@example.com' }).catch((caught: unknown) => caught);
    expect(statusOf(error)).toBe(403);
    expect(
      (dataOf(error) as { error: { errors: Array<{ reason: string; message: string }> } }).error.errors[0],
    ).toMatchObject({ reason: 'forbidden', message: expect.stringMatching(/^Delegation denied for /) });
    expect((await alex.gmail.users.getProfile({ userId: 'alex@example.com' })).data.emailAddress).toBe(
      'alex@example.com',
    );
  });

  it('searches with q: is:unread, subject:, from:, has:attachment, label:, free text and negation', async () => {
    const count = async (q: string) =>
      (await alex.gmail.users.messages.list({ userId: 'me', q, maxResults: 500 })).data.resultSizeEstimate ?? 0;
    const mailbox = emulator.mailbox('alex@example.com').list();
    expect(await count('is:unread')).toBe(mailbox.filter((message) => message.labelIds.includes('UNREAD')).length);
    expect((await count('is:unread')) + (await count('-is:unread'))).toBe(mailbox.length);
    expect(await count('subject:"INV-2026-0042"')).toBe(1);
    expect(await count('from:cafe-zoe.example')).toBe(1);
    expect(await count('has:attachment')).toBeGreaterThan(1);
    expect(await count('label:receipts')).toBe(
      mailbox.filter((message) => message.labelIds.includes('Label_1')).length,
    );
    expect(await count('zażółć')).toBe(1);
  });

  it('a gmail.readonly token can read but not modify (403 insufficientPermissions)', async () => {
    const reader = await signIn(emulator, { scopes: [GMAIL_READONLY] });
    expect((await reader.gmail.users.messages.list({ userId: 'me', maxResults: 1 })).data.messages).toHaveLength(1);
    const error = await reader.gmail.users.messages
      .modify({ userId: 'me', id: alexId(0), requestBody: { addLabelIds: ['STARRED'] } })
      .catch((caught: unknown) => caught);
    expect(statusOf(error)).toBe(403);
    expect(GMAIL_MODIFY).toContain('gmail.modify');
  });
});
