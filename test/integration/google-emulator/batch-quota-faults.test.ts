// Checklist §10 items 42–48 plus paging stability, batch, quota and injected faults, seen by real clients.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startGoogleEmulator, type GoogleEmulator } from '../../../electron/google-emulator/index.js';
import {
  authedFetch,
  batchBody,
  dataOf,
  parseBatchResponse,
  signIn,
  statusOf,
  type BatchPart,
  type ParsedPart,
  type SignedIn,
} from './helpers.js';

// A fake clock so each quota test can start with a fresh rolling minute.
let clockNow = Date.UTC(2026, 10, 2, 8, 0, 0);
const clock = { now: () => clockNow };
const nextMinute = () => {
  clockNow += 61_000;
};

describe('paging, batch, quota and faults', () => {
  let emulator: GoogleEmulator;
  let alex: SignedIn;
  const mailbox = () => emulator.mailbox('alex@example.com');

  beforeAll(async () => {
    emulator = await startGoogleEmulator({
      clock,
      seed: 5,
      users: [
        { email: 'alex@example.com', name: 'Alex Rivera', unread: 1_200, read: 300 },
        { email: 'sam@example.com', name: 'Sam Okafor', unread: 2, read: 2 },
      ],
    });
    alex = await signIn(emulator, { prompt: 'consent' });
  });
  afterEach(() => {
    emulator.faults.clear();
    emulator.setQuota({ unitsPerUserPerMinute: 15_000 });
  });
  afterAll(() => emulator.close());

  async function sendBatch(
    parts: BatchPart[],
    path = '/batch/gmail/v1',
  ): Promise<{ status: number; parts: ParsedPart[]; contentType: string; text: string }> {
    const response = await alex.client.request<string>({
      url: `${emulator.origin}${path}`,
      method: 'POST',
      headers: { 'Content-Type': 'multipart/mixed; boundary=test_boundary' },
      data: batchBody(parts, 'test_boundary'),
      responseType: 'text',
    });
    const contentType = response.headers.get('content-type') ?? '';
    return {
      status: response.status,
      parts: parseBatchResponse(contentType, response.data),
      contentType,
      text: response.data,
    };
  }

  it('pages through 1,200 unread with no duplicate or missing id while the mailbox changes underneath', async () => {
    const expected = new Set(
      mailbox()
        .list()
        .filter((message) => message.labelIds.includes('UNREAD') && message.labelIds.includes('INBOX'))
        .map((message) => message.id),
    );
    expect(expected.size).toBe(1_200);
    const seen: string[] = [];
    let pageToken: string | undefined;
    let pages = 0;
    do {
      const { data } = await alex.gmail.users.messages.list({
        userId: 'me',
        labelIds: ['INBOX', 'UNREAD'],
        maxResults: 100,
        ...(pageToken ? { pageToken } : {}),
      });
      const ids = (data.messages ?? []).map((message) => message.id ?? '');
      seen.push(...ids);
      pageToken = data.nextPageToken ?? undefined;
      pages++;
      // Meanwhile: the user reads what was just shown, new mail arrives, another device stars/archives older mail.
      await alex.gmail.users.messages.batchModify({
        userId: 'me',
        requestBody: { ids: ids.slice(0, 30), removeLabelIds: ['UNREAD'] },
      });
      mailbox().add({ subject: `Arrived during page ${pages}` });
      const notYetSeen = [...expected].filter((id) => !seen.includes(id));
      if (notYetSeen[5]) mailbox().modify(notYetSeen[5], ['STARRED'], []);
      if (notYetSeen[7]) mailbox().modify(notYetSeen[7], ['IMPORTANT'], []);
    } while (pageToken);
    expect(pages).toBe(12);
    expect(seen).toHaveLength(1_200);
    expect(new Set(seen).size).toBe(1_200);
    expect(new Set(seen)).toEqual(expected);
  });

  it('a page token only works with the query it came from', async () => {
    const first = await alex.gmail.users.messages.list({ userId: 'me', labelIds: ['INBOX'], maxResults: 10 });
    const error = await authedFetch(
      `${emulator.endpoints.gmailRootUrl}gmail/v1/users/me/messages?labelIds=STARRED&pageToken=${first.data.nextPageToken ?? ''}`,
      alex.tokens.access_token ?? '',
    );
    expect(error.status).toBe(400);
  });

  it('#45: a batch of 50 gets returns 50 parts in order with <response-ID> and per-part status', async () => {
    const ids = mailbox()
      .list()
      .slice(0, 50)
      .map((message) => message.id);
    emulator.resetLog();
    const result = await sendBatch(
      ids.map((id, index) => ({
        id: `req+${index}`,
        path: `/gmail/v1/users/me/messages/${id}?format=metadata&metadataHeaders=Subject`,
      })),
    );
    expect(result.status).toBe(200);
    expect(result.contentType).toMatch(/^multipart\/mixed; boundary=/);
    expect(result.parts).toHaveLength(50);
    result.parts.forEach((part, index) => {
      expect(part.contentId).toBe(`response-req+${index}`);
      expect(part.status).toBe(200);
      expect((JSON.parse(part.body) as { id: string }).id).toBe(ids[index]);
    });
    const counters = emulator.counters();
    expect(counters.batchRequests).toBe(1);
    expect(counters.gmailRequests).toBe(50);
    expect(counters.requests).toBe(1);
    expect(counters.quotaUnits['alex@example.com']).toBe(250);
    expect(emulator.requestLog.filter((entry) => entry.kind === 'batch-part')).toHaveLength(50);
  });

  it('#45: /batch works too, mixing GET and POST parts; parts without Content-ID get none back', async () => {
    const [first, second] = mailbox().list();
    const result = await sendBatch(
      [
        { path: `/gmail/v1/users/me/messages/${first?.id ?? ''}?format=minimal` },
        {
          id: 'm2',
          method: 'POST',
          path: `/gmail/v1/users/me/messages/${second?.id ?? ''}/modify`,
          body: { addLabelIds: ['STARRED'] },
        },
        { id: 'm3', path: '/gmail/v1/users/me/messages/00000000000fffff' },
      ],
      '/batch',
    );
    expect(result.parts.map((part) => [part.contentId, part.status])).toEqual([
      [undefined, 200],
      ['response-m2', 200],
      ['response-m3', 404],
    ]);
    expect(mailbox().get(second?.id ?? '')?.labelIds).toContain('STARRED');
  });

  it('#46: more than 100 parts → 400; a throttled part still gives outer 200 with that part 429', async () => {
    const id = mailbox().list()[0]?.id ?? '';
    const tooMany = await alex.client
      .request({
        url: emulator.endpoints.batch,
        method: 'POST',
        headers: { 'Content-Type': 'multipart/mixed; boundary=b' },
        data: batchBody(
          Array.from({ length: 101 }, () => ({ path: `/gmail/v1/users/me/messages/${id}` })),
          'b',
        ),
      })
      .catch((caught: unknown) => caught);
    expect(statusOf(tooMany)).toBe(400);
    emulator.faults.inject({
      match: { kind: 'batch-part', path: `/gmail/v1/users/me/messages/${id}` },
      fault: { type: 'status', status: 429 },
      times: 1,
    });
    const result = await sendBatch([
      { id: 'a', path: `/gmail/v1/users/me/messages/${id}` },
      { id: 'b', path: `/gmail/v1/users/me/messages/${id}` },
    ]);
    expect(result.status).toBe(200);
    expect(result.parts.map((part) => part.status)).toEqual([429, 200]);
  });

  it('a batch part with a full URL is refused on its own; the outer Authorization covers the parts', async () => {
    const id = mailbox().list()[0]?.id ?? '';
    const result = await sendBatch([
      { id: 'full', path: `${emulator.origin}/gmail/v1/users/me/messages/${id}` },
      { id: 'ok', path: `/gmail/v1/users/me/messages/${id}?format=minimal` },
    ]);
    expect(result.parts.map((part) => part.status)).toEqual([400, 200]);
    const anonymous = await fetch(emulator.endpoints.batch, {
      method: 'POST',
      headers: { 'Content-Type': 'multipart/mixed; boundary=x' },
      body: batchBody([{ path: `/gmail/v1/users/me/messages/${id}` }], 'x'),
    });
    expect(anonymous.status).toBe(200);
    expect(parseBatchResponse(anonymous.headers.get('content-type') ?? '', await anonymous.text())[0]?.status).toBe(
      401,
    );
  });

  it('#44: over quota → 429 rateLimitExceeded "User-rate limit exceeded.  Retry after <ISO>", no Retry-After by default', async () => {
    nextMinute();
    emulator.setQuota({ unitsPerUserPerMinute: 12 });
    const url = `${emulator.endpoints.gmailRootUrl}gmail/v1/users/me/messages?maxResults=1`;
    expect((await authedFetch(url, alex.tokens.access_token ?? '')).status).toBe(200);
    expect((await authedFetch(url, alex.tokens.access_token ?? '')).status).toBe(200);
    const limited = await authedFetch(url, alex.tokens.access_token ?? '');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBeNull();
    const body = (await limited.json()) as {
      error: { message: string; errors: Array<{ domain: string; reason: string }> };
    };
    expect(body.error.message).toMatch(
      /^User-rate limit exceeded\. {2}Retry after \d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/,
    );
    expect(body.error.errors[0]).toMatchObject({ domain: 'usageLimits', reason: 'rateLimitExceeded' });
    const sam = await signIn(emulator, { email: 'sam@example.com' });
    expect((await authedFetch(url, sam.tokens.access_token ?? '')).status).toBe(200);
    const modify = await alex.gmail.users.messages
      .modify({ userId: 'me', id: mailbox().list()[0]?.id ?? '', requestBody: { addLabelIds: ['STARRED'] } })
      .catch((caught: unknown) => caught);
    expect(statusOf(modify)).toBe(429);
  });

  it('each batch part is charged: a batch over the quota has its tail parts 429', async () => {
    nextMinute();
    emulator.setQuota({ unitsPerUserPerMinute: 15 });
    const ids = mailbox()
      .list()
      .slice(0, 5)
      .map((message) => message.id);
    const result = await sendBatch(
      ids.map((id, index) => ({ id: String(index), path: `/gmail/v1/users/me/messages/${id}?format=minimal` })),
    );
    expect(result.status).toBe(200);
    expect(result.parts.map((part) => part.status)).toEqual([200, 200, 200, 429, 429]);
  });

  it('#42/#47: an emulator-expired token → 401 + WWW-Authenticate; no refresh unless forceRefreshOnFailure, then exactly one', async () => {
    const plain = await signIn(emulator, { prompt: 'consent' });
    emulator.expireAccessTokens('alex@example.com');
    emulator.resetLog();
    const error = await plain.gmail.users.getProfile({ userId: 'me' }).catch((caught: unknown) => caught);
    expect(statusOf(error)).toBe(401);
    expect((dataOf(error) as { error: { errors: Array<{ reason: string }>; status: string } }).error).toMatchObject({
      status: 'UNAUTHENTICATED',
      errors: [{ reason: 'authError' }],
    });
    expect((error as { response: { headers: Headers } }).response.headers.get('www-authenticate')).toBe(
      'Bearer realm="https://accounts.google.com/", error="invalid_token"',
    );
    expect(emulator.counters().tokenRequests).toBe(0);

    const eager = await signIn(emulator, { prompt: 'consent', forceRefreshOnFailure: true });
    emulator.expireAccessTokens('alex@example.com');
    emulator.resetLog();
    const profile = await eager.gmail.users.getProfile({ userId: 'me' });
    expect(profile.data.emailAddress).toBe('alex@example.com');
    expect(emulator.counters().tokenRequests).toBe(1);
    expect(emulator.requestLog.filter((entry) => entry.kind === 'gmail').map((entry) => entry.status)).toEqual([
      401, 200,
    ]);
    alex = await signIn(emulator, { prompt: 'consent' });
  });

  it('missing Authorization → 401 Login Required with a bare WWW-Authenticate realm', async () => {
    const response = await fetch(`${emulator.endpoints.gmailRootUrl}gmail/v1/users/me/profile`);
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Bearer realm="https://accounts.google.com/"');
    expect(
      ((await response.json()) as { error: { errors: Array<{ message: string }> } }).error.errors[0]?.message,
    ).toBe('Login Required.');
  });

  it('#48: an injected 503 on messages.list is retried by the client (GET); on modify (POST) it is not', async () => {
    emulator.faults.inject({
      match: { path: '/gmail/v1/users/me/messages', method: 'GET' },
      fault: { type: 'status', status: 503 },
      times: 1,
    });
    emulator.resetLog();
    const listed = await alex.gmail.users.messages.list({ userId: 'me', maxResults: 1 });
    expect(listed.data.messages).toHaveLength(1);
    expect(emulator.requestLog.map((entry) => entry.status)).toEqual([503, 200]);
    const id = mailbox().list()[0]?.id ?? '';
    emulator.faults.inject({
      match: { path: `/gmail/v1/users/me/messages/${id}/modify` },
      fault: { type: 'status', status: 503 },
      times: 1,
    });
    emulator.resetLog();
    const error = await alex.gmail.users.messages
      .modify({ userId: 'me', id, requestBody: { addLabelIds: ['STARRED'] } })
      .catch((caught: unknown) => caught);
    expect(statusOf(error)).toBe(503);
    expect((dataOf(error) as { error: { status: string } }).error.status).toBe('UNAVAILABLE');
    expect(emulator.requestLog).toHaveLength(1);
  });

  it('a reset connection and a malformed body are what the client sees', async () => {
    const id = mailbox().list()[0]?.id ?? '';
    const removeReset = emulator.faults.inject({
      match: { path: `/gmail/v1/users/me/messages/${id}/modify` },
      fault: { type: 'reset' },
    });
    emulator.resetLog();
    const resetError = await alex.gmail.users.messages
      .modify({ userId: 'me', id, requestBody: { addLabelIds: ['STARRED'] } })
      .catch((caught: unknown) => caught);
    expect(resetError).toBeInstanceOf(Error);
    expect(statusOf(resetError)).toBeUndefined();
    expect(emulator.requestLog.every((entry) => entry.status === 0)).toBe(true);
    removeReset();
    emulator.faults.inject({
      match: { path: '/gmail/v1/users/me/labels/INBOX' },
      fault: { type: 'malformed' },
      times: 1,
    });
    const malformed = await alex.gmail.users.labels.get({ userId: 'me', id: 'INBOX' });
    expect(typeof malformed.data).toBe('string');
    expect(() => JSON.parse(malformed.data as unknown as string)).toThrow();
    const healthy = await alex.gmail.users.labels.get({ userId: 'me', id: 'INBOX' });
    expect(healthy.data.id).toBe('INBOX');
  });

  it('a slow fault delays the body but the request still succeeds; an oauth-kind fault hits the token endpoint', async () => {
    emulator.faults.inject({ match: { kind: 'gmail', path: /\/profile$/ }, fault: { type: 'slow', ms: 50 }, times: 1 });
    expect((await alex.gmail.users.getProfile({ userId: 'me' })).data.emailAddress).toBe('alex@example.com');
    emulator.faults.inject({
      match: { kind: 'oauth', path: '/token' },
      fault: { type: 'status', status: 400, body: { error: 'invalid_grant', error_description: 'Bad Request' } },
    });
    const error = await alex.client.refreshAccessToken().catch((caught: unknown) => caught);
    expect(dataOf(error)).toEqual({ error: 'invalid_grant', error_description: 'Bad Request' });
  });

  it('revokeUser makes every token of that user fail (401 on Gmail, invalid_grant on refresh)', async () => {
    const victim = await signIn(emulator, { email: 'sam@example.com', prompt: 'consent' });
    emulator.revokeUser('sam@example.com');
    expect(statusOf(await victim.gmail.users.getProfile({ userId: 'me' }).catch((caught: unknown) => caught))).toBe(
      401,
    );
    expect(
      (dataOf(await victim.client.refreshAccessToken().catch((caught: unknown) => caught)) as { error: string }).error,
    ).toBe('invalid_grant');
  });

  it('logs paths without query strings and serves remote content with hits recorded', async () => {
    emulator.resetLog();
    await emulator.consent(alex.client.generateAuthUrl({ scope: ['openid'] }));
    await fetch(`${emulator.endpoints.revoke}?token=ya29.secret-value`, { method: 'POST' });
    expect(JSON.stringify(emulator.requestLog)).not.toContain('secret-value');
    expect(emulator.requestLog.map((entry) => entry.path)).toContain('/revoke');
    emulator.remoteContent.clearHits();
    const css = await fetch(`${emulator.remoteContent.origin}/css/alex-example-com/abc.css`);
    expect(css.headers.get('content-type')).toContain('text/css');
    expect(emulator.remoteContent.hits.map((hit) => hit.path)).toEqual(['/css/alex-example-com/abc.css']);
  });
});
