import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SPECIAL_SUBJECTS, startGoogleEmulator, type GoogleEmulator } from '../../../electron/google-emulator/index.js';
import { authedFetch, signIn, type SignedIn } from './helpers.js';

describe('Gmail API basics through @googleapis/gmail', () => {
  let emulator: GoogleEmulator;
  let alex: SignedIn;

  beforeAll(async () => {
    emulator = await startGoogleEmulator();
    alex = await signIn(emulator);
  });
  afterAll(() => emulator.close());

  it('lists unread inbox ids only (id + threadId), newest first, 100 per page by default', async () => {
    const { data } = await alex.gmail.users.messages.list({ userId: 'me', labelIds: ['INBOX', 'UNREAD'] });
    expect(data.messages).toHaveLength(100);
    expect(Object.keys(data.messages?.[0] ?? {}).sort()).toEqual(['id', 'threadId']);
    expect(data.resultSizeEstimate).toBe(120);
    expect(data.nextPageToken).toEqual(expect.any(String));
    const snapshots = emulator.mailbox('alex@example.com').list();
    const dates = (data.messages ?? []).map((message) =>
      Number(snapshots.find((snapshot) => snapshot.id === message.id)?.internalDate),
    );
    expect([...dates].sort((a, b) => b - a)).toEqual(dates);
  });

  it('puts the special messages first so demo and e2e tests can find them', async () => {
    const { data } = await alex.gmail.users.messages.list({ userId: 'me', labelIds: ['INBOX'], maxResults: 7 });
    const subjects: string[] = [];
    for (const message of data.messages ?? []) {
      const { data: full } = await alex.gmail.users.messages.get({
        userId: 'me',
        id: message.id ?? '',
        format: 'metadata',
        metadataHeaders: ['Subject'],
      });
      subjects.push(full.payload?.headers?.[0]?.value ?? '');
    }
    expect(subjects).toEqual(Object.values(SPECIAL_SUBJECTS));
  });

  it('gets a full message with string internalDate/historyId and the Gmail part tree', async () => {
    const id = emulator.mailbox('alex@example.com').list()[0]?.id ?? '';
    const { data } = await alex.gmail.users.messages.get({ userId: 'me', id });
    expect(typeof data.internalDate).toBe('string');
    expect(typeof data.historyId).toBe('string');
    expect(typeof data.sizeEstimate).toBe('number');
    expect(data.payload?.partId).toBe('');
    expect(data.payload?.body).toEqual({ size: 0 });
    expect(data.payload?.parts?.map((part) => part.partId)).toEqual(['0', '1']);
    expect(data.payload?.parts?.[0]?.body?.data).toMatch(/^[A-Za-z0-9_-]+=*$/);
  });

  it('modifies labels and reports them in labels.get counts', async () => {
    const before = await alex.gmail.users.labels.get({ userId: 'me', id: 'INBOX' });
    const id = emulator.mailbox('alex@example.com').list()[5]?.id ?? '';
    const { data } = await alex.gmail.users.messages.modify({
      userId: 'me',
      id,
      requestBody: { removeLabelIds: ['UNREAD'], addLabelIds: ['STARRED'] },
    });
    expect(data.labelIds).toContain('STARRED');
    expect(data.labelIds).not.toContain('UNREAD');
    const after = await alex.gmail.users.labels.get({ userId: 'me', id: 'INBOX' });
    expect(after.data.messagesUnread).toBe((before.data.messagesUnread ?? 0) - 1);
    expect(after.data.type).toBe('system');
  });

  it('answers an empty list with only {"resultSizeEstimate":0}', async () => {
    const sam = await signIn(emulator, { email: 'sam@example.com' });
    const response = await authedFetch(
      `${emulator.endpoints.gmailRootUrl}gmail/v1/users/me/messages?labelIds=UNREAD`,
      sam.tokens.access_token ?? '',
    );
    expect(response.status).toBe(200);
    expect(await response.text()).toMatch(/^\{\s*"resultSizeEstimate": 0\s*\}$/);
  });
});
