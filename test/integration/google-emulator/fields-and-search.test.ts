// fields= partial responses and word-matching q, seen by the real @googleapis/gmail client and raw HTTP.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGoogleEmulator, type GoogleEmulator } from '../../../electron/google-emulator/index.js';
import type { EmulatorOptions } from '../../../electron/google-emulator/types.js';
import { batchBody, dataOf, parseBatchResponse, signIn, statusOf, type SignedIn } from './helpers.js';

/** What the core asks for on its metadata gets (electron/core/gmail/gmail-api.ts METADATA_FIELDS). */
const CORE_METADATA_FIELDS = 'id,threadId,labelIds,snippet,historyId,internalDate,payload(mimeType,headers)';

const USERS = [{ email: 'alex@example.com', name: 'Alex Rivera', unread: 30, read: 10 }];

async function start(options: EmulatorOptions = {}): Promise<{ emulator: GoogleEmulator; alex: SignedIn }> {
  const emulator = await startGoogleEmulator({ seed: 11, users: USERS, ...options });
  return { emulator, alex: await signIn(emulator) };
}

describe('fields= partial responses', () => {
  let emulator: GoogleEmulator;
  let alex: SignedIn;
  let id: string;
  beforeAll(async () => {
    ({ emulator, alex } = await start());
    id = emulator.mailbox('alex@example.com').list()[0]?.id ?? '';
  });
  afterAll(() => emulator.close());

  it('messages.get with the core’s metadata selection answers exactly those fields, payload trimmed too', async () => {
    const { data } = await alex.gmail.users.messages.get({
      userId: 'me',
      id,
      format: 'metadata',
      metadataHeaders: ['From', 'Subject'],
      fields: CORE_METADATA_FIELDS,
    });
    expect(Object.keys(data).sort()).toEqual(
      ['historyId', 'id', 'internalDate', 'labelIds', 'payload', 'snippet', 'threadId'].sort(),
    );
    expect(Object.keys(data.payload ?? {}).sort()).toEqual(['headers', 'mimeType']);
    expect(data.payload?.headers?.map((header) => header.name).sort()).toEqual(['From', 'Subject']);
    // Without fields the full resource comes back (sizeEstimate, partId, filename …).
    const full = await alex.gmail.users.messages.get({ userId: 'me', id, format: 'metadata' });
    expect(full.data.sizeEstimate).toBeGreaterThan(0);
    expect(full.data.payload?.partId).toBe('');
  });

  it('trims messages.list, history.list, labels.get and getProfile', async () => {
    const list = await alex.gmail.users.messages.list({ userId: 'me', maxResults: 3, fields: 'messages/id' });
    expect(list.data).toEqual({ messages: expect.any(Array) });
    expect(list.data.messages?.every((message) => Object.keys(message).join() === 'id')).toBe(true);

    const start = emulator.mailbox('alex@example.com').historyId();
    emulator.mailbox('alex@example.com').modify(id, ['STARRED'], []);
    const history = await alex.gmail.users.history.list({
      userId: 'me',
      startHistoryId: start,
      fields: 'history(id,labelsAdded(labelIds)),historyId',
    });
    expect(history.data.history?.[0]).toEqual({ id: expect.any(String), labelsAdded: [{ labelIds: ['STARRED'] }] });
    expect(Object.keys(history.data).sort()).toEqual(['history', 'historyId']);

    const label = await alex.gmail.users.labels.get({ userId: 'me', id: 'INBOX', fields: 'messagesUnread' });
    expect(label.data).toEqual({ messagesUnread: emulator.mailbox('alex@example.com').unreadCount() });

    const profile = await alex.gmail.users.getProfile({ userId: 'me', fields: 'emailAddress' });
    expect(profile.data).toEqual({ emailAddress: 'alex@example.com' });
  });

  it('refuses an unknown field or a malformed selection with 400 Invalid field selection, costing no quota', async () => {
    emulator.resetLog();
    for (const [fields, message] of [
      ['id,bogus', 'Invalid field selection bogus'],
      ['payload(mimeType', 'Invalid field selection payload(mimeType'],
      ['id(x)', 'Invalid field selection id'],
    ]) {
      const error = await alex.gmail.users.messages
        .get({ userId: 'me', id, format: 'metadata', fields })
        .catch((caught: unknown) => caught);
      expect(statusOf(error), fields).toBe(400);
      expect(dataOf(error)).toMatchObject({
        error: {
          code: 400,
          message,
          errors: [{ message, reason: 'invalidParameter', location: 'fields', locationType: 'parameter' }],
        },
      });
    }
    expect(emulator.counters().quotaUnits['alex@example.com'] ?? 0).toBe(0);
    // A documented field the emulator has no value for is fine (absent, like Google).
    const { data } = await alex.gmail.users.messages.get({ userId: 'me', id, format: 'metadata', fields: 'id,raw' });
    expect(data).toEqual({ id });
  });

  it('applies inside batch parts, each part with its own selection', async () => {
    const response = await alex.client.request<string>({
      url: emulator.endpoints.batch,
      method: 'POST',
      headers: { 'Content-Type': 'multipart/mixed; boundary=b1' },
      data: batchBody(
        [
          {
            id: 'a',
            path: `/gmail/v1/users/me/messages/${id}?format=metadata&fields=${encodeURIComponent(CORE_METADATA_FIELDS)}`,
          },
          { id: 'b', path: `/gmail/v1/users/me/messages/${id}?format=minimal&fields=id,sizeEstimate` },
          { id: 'c', path: `/gmail/v1/users/me/messages/${id}?fields=nope` },
        ],
        'b1',
      ),
      responseType: 'text',
    });
    const parts = parseBatchResponse(response.headers.get('content-type') ?? '', response.data);
    expect(parts.map((part) => [part.contentId, part.status])).toEqual([
      ['response-a', 200],
      ['response-b', 200],
      ['response-c', 400],
    ]);
    const first = JSON.parse(parts[0]?.body ?? '{}') as Record<string, unknown>;
    expect(first).not.toHaveProperty('sizeEstimate');
    expect(Object.keys(first.payload as object).sort()).toEqual(['headers', 'mimeType']);
    expect(JSON.parse(parts[1]?.body ?? '{}')).toEqual({ id, sizeEstimate: expect.any(Number) });
    expect(JSON.parse(parts[2]?.body ?? '{}')).toMatchObject({ error: { message: 'Invalid field selection nope' } });
  });
});

describe('q matches words, as Gmail does', () => {
  let emulator: GoogleEmulator;
  let alex: SignedIn;
  let meeting: string;
  let cafe: string;
  beforeAll(async () => {
    ({ emulator, alex } = await start());
    const mailbox = emulator.mailbox('alex@example.com');
    // Words no generated message has, so every answer is exactly known.
    meeting = mailbox.add({
      subject: 'Quillfeather retrospective notes',
      from: { name: 'Dana Whitfield', email: 'dana.whitfield@orbital-labs.example' },
      text: 'We agreed on the zanzibarian roadmap.',
    });
    cafe = mailbox.add({
      subject: 'Réservation chez Zéphyrine',
      from: { name: 'Zéphyrine', email: 'hello@zephyrine-bistro.example' },
      text: 'À bientôt.',
    });
  });
  afterAll(() => emulator.close());

  const ids = async (q: string) =>
    ((await alex.gmail.users.messages.list({ userId: 'me', q, maxResults: 500 })).data.messages ?? []).map(
      (message) => message.id,
    );

  it('a word finds whole words only; a phrase finds consecutive words', async () => {
    expect(await ids('quillfeather')).toEqual([meeting]);
    expect(await ids('quill')).toEqual([]);
    expect(await ids('feather')).toEqual([]);
    expect(await ids('"the zanzibarian roadmap"')).toEqual([meeting]);
    expect(await ids('"zanzibarian the roadmap"')).toEqual([]);
    expect(await ids('subject:"quillfeather retrospective" -from:zephyrine')).toEqual([meeting]);
    expect(await ids('quillfeather OR zephyrine')).toEqual([cafe, meeting]);
  });

  it('addresses are words: from:whitfield and from:orbital-labs.example both match, from:orbital-lab does not', async () => {
    expect(await ids('from:whitfield')).toEqual([meeting]);
    expect(await ids('from:orbital-labs.example')).toEqual([meeting]);
    expect(await ids('from:orbital-lab')).toEqual([]);
  });

  it('case and accents are ignored: zephyrine and ZÉPHYRINE find Zéphyrine', async () => {
    expect(await ids('zephyrine')).toEqual([cafe]);
    expect(await ids('ZÉPHYRINE')).toEqual([cafe]);
    expect(await ids('subject:"reservation chez zephyrine"')).toEqual([cafe]);
  });

  it('the uncertain rules are options: prefix words, whole addresses, exact accents', async () => {
    const other = await start({ searchWords: 'prefix', searchAddresses: 'whole', searchAccents: 'exact' });
    try {
      const mailbox = other.emulator.mailbox('alex@example.com');
      const added = mailbox.add({
        subject: 'Quillfeather retrospective notes',
        from: { name: 'Dana Whitfield', email: 'dana.whitfield@orbital-labs.example' },
        text: 'Zéphyrine au lait',
      });
      const find = async (q: string) =>
        ((await other.alex.gmail.users.messages.list({ userId: 'me', q })).data.messages ?? []).map(
          (message) => message.id,
        );
      expect(await find('quillfeat')).toEqual([added]);
      expect(await find('from:whitfield')).toEqual([added]); // the display name is still words
      expect(await find('from:orbital')).toEqual([]);
      expect(await find('from:dana.whitfield')).toEqual([added]);
      expect(await find('from:orbital-labs.example')).toEqual([added]);
      expect(await find('"zephyrine au lait"')).toEqual([]);
      expect(await find('"zéphyrine au lait"')).toEqual([added]);
    } finally {
      await other.emulator.close();
    }
  });
});
