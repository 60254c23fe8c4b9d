/**
 * The Gmail calls go through `@googleapis/gmail` on the account's OAuth2Client with the request plan's
 * paths and query keys, gaxios' own retries off and the transport's time-out and abort signal per call.
 */
import type { OAuth2Client } from 'google-auth-library';
import { describe, expect, it } from 'vitest';
import { GmailApi, METADATA_FIELDS } from '../../../../electron/core/gmail/gmail-api.js';
import { QuotaBudget } from '../../../../electron/core/gmail/quota.js';
import { GmailTransport } from '../../../../electron/core/gmail/transport.js';
import { memoryLogger } from '../../../../electron/core/logging.js';
import type { Timers } from '../../../../electron/core/ports.js';

interface Sent {
  url: string;
  method: string;
  retry: unknown;
  retryConfig: unknown;
  timeout: unknown;
  signal: unknown;
  body: unknown;
}

function recordingClient(answer: (url: string) => unknown): { client: OAuth2Client; sent: Sent[] } {
  const sent: Sent[] = [];
  const request = async (options: {
    url: string;
    method?: string;
    params?: Record<string, unknown>;
    paramsSerializer?: (params: Record<string, unknown>) => string;
    retry?: unknown;
    retryConfig?: unknown;
    timeout?: unknown;
    signal?: unknown;
    data?: unknown;
  }) => {
    const query = options.params && options.paramsSerializer ? options.paramsSerializer(options.params) : '';
    const url = `${options.url}${query ? `?${query}` : ''}`;
    sent.push({
      url,
      method: options.method ?? 'GET',
      retry: options.retry,
      retryConfig: options.retryConfig,
      timeout: options.timeout,
      signal: options.signal,
      body: options.data,
    });
    return { data: answer(url), status: 200, headers: new Headers(), config: options };
  };
  return { client: { request } as unknown as OAuth2Client, sent };
}

const timers: Timers = { schedule: () => () => undefined };
const clock = { now: () => 1_800_000_000_000 };

function api(client: OAuth2Client): GmailApi {
  const transport = new GmailTransport({
    client: () => client,
    rootUrl: 'http://127.0.0.1:9/',
    budget: new QuotaBudget(clock),
    policy: { maxAttempts: 1, baseDelayMs: 1, maxDelayMs: 1, maxRateLimitWaitMs: 1, maxTransientWaitMs: 1 },
    clock,
    timers,
    logger: memoryLogger('test'),
    requestTimeoutMs: 1234,
    onAuthFailure: () => new Error('auth'),
  });
  return new GmailApi(transport, () => client, 'http://127.0.0.1:9/');
}

describe('GmailApi through @googleapis/gmail', () => {
  it('sends the request plan’s paths and query keys, with the transport’s policy per call', async () => {
    const { client, sent } = recordingClient((url) =>
      url.includes('/history')
        ? { historyId: '9' }
        : url.includes('/profile')
          ? { emailAddress: 'a@example.com', historyId: '5' }
          : url.includes('/labels/')
            ? { id: 'INBOX', messagesUnread: 3 }
            : url.includes('format=raw')
              ? { id: 'abc', threadId: 'abc', raw: 'eA' }
              : {},
    );
    const gmail = api(client);
    await gmail.listMessages({ labelIds: ['INBOX', 'UNREAD'], maxResults: 50 });
    await gmail.listMessages({ q: 'from:x', maxResults: 20, pageToken: 'tok' });
    await gmail.history('7');
    await gmail.profile();
    await gmail.inboxLabel();
    await gmail.getRaw('abc');
    await gmail.modify(['abc'], [], ['UNREAD']);
    await gmail.modify(['a1', 'a2'], [], ['INBOX']);
    expect(sent.map((s) => `${s.method} ${s.url}`)).toEqual([
      'GET http://127.0.0.1:9/gmail/v1/users/me/messages?maxResults=50&labelIds=INBOX&labelIds=UNREAD',
      'GET http://127.0.0.1:9/gmail/v1/users/me/messages?maxResults=20&q=from%3Ax&pageToken=tok',
      'GET http://127.0.0.1:9/gmail/v1/users/me/history?startHistoryId=7&historyTypes=messageAdded&historyTypes=messageDeleted&historyTypes=labelAdded&historyTypes=labelRemoved&maxResults=500',
      'GET http://127.0.0.1:9/gmail/v1/users/me/profile',
      'GET http://127.0.0.1:9/gmail/v1/users/me/labels/INBOX',
      'GET http://127.0.0.1:9/gmail/v1/users/me/messages/abc?format=raw',
      'POST http://127.0.0.1:9/gmail/v1/users/me/messages/abc/modify',
      'POST http://127.0.0.1:9/gmail/v1/users/me/messages/batchModify',
    ]);
    expect(sent[6]?.body).toEqual({ addLabelIds: [], removeLabelIds: ['UNREAD'] });
    expect(sent[7]?.body).toEqual({ ids: ['a1', 'a2'], addLabelIds: [], removeLabelIds: ['INBOX'] });
    for (const call of sent) {
      expect(call).toMatchObject({ retry: false, retryConfig: { retry: 0, noResponseRetries: 0 }, timeout: 1234 });
      expect(call.signal).toBeInstanceOf(AbortSignal);
    }
  });

  it('checks answers with zod: a garbled listing is a transient failure, not data', async () => {
    const { client } = recordingClient(() => ({ messages: [{ id: 7 }] }));
    await expect(api(client).listMessages({ maxResults: 1 })).rejects.toMatchObject({ code: 'OFFLINE' });
  });

  it('asks the batch for format=metadata with the metadata headers and fields', async () => {
    const { client, sent } = recordingClient(() => '');
    (client as unknown as { request: (o: { data: string }) => Promise<unknown> }).request = async (options) => {
      sent.push({
        url: '',
        method: 'POST',
        retry: undefined,
        retryConfig: undefined,
        timeout: undefined,
        signal: undefined,
        body: options.data,
      });
      return { data: '--b--', headers: new Headers({ 'content-type': 'multipart/mixed; boundary=b' }) };
    };
    await api(client)
      .getMetadata(['abc'])
      .catch(() => undefined);
    const fields = new URLSearchParams({ fields: METADATA_FIELDS }).toString();
    expect(String(sent[0]?.body)).toContain(
      `GET /gmail/v1/users/me/messages/abc?format=metadata&metadataHeaders=From&metadataHeaders=To&metadataHeaders=Subject&metadataHeaders=Date&metadataHeaders=Content-Type&${fields} HTTP/1.1`,
    );
  });
});
