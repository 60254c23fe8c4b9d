import type { OAuth2Client } from 'google-auth-library';
import { describe, expect, it } from 'vitest';
import { memoryLogger } from '../../../../electron/core/logging.js';
import { QuotaBudget } from '../../../../electron/core/gmail/quota.js';
import { GmailTransport } from '../../../../electron/core/gmail/transport.js';
import type { Timers } from '../../../../electron/core/ports.js';

const immediate: Timers = {
  schedule: (callback) => {
    queueMicrotask(callback);
    return () => undefined;
  },
};
const clock = { now: () => 1_800_000_000_000 };

/** A client whose batch answers are scripted: one multipart body per round, parts keyed by Content-ID. */
function scriptedBatchClient(rounds: Array<Record<string, string>>): { client: OAuth2Client; sent: string[][] } {
  const sent: string[][] = [];
  const request = (options: { data: string }) => {
    const ids = [...options.data.matchAll(/Content-ID: <([^>]+)>/g)].map((m) => m[1]!);
    sent.push(ids);
    const answers = rounds[sent.length - 1] ?? {};
    const body =
      ids
        .map(
          (id) =>
            `--b\r\nContent-Type: application/http\r\nContent-ID: <response-${id}>\r\n\r\n${answers[id] ?? 'HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\n{"id":"' + id + '"}'}\r\n`,
        )
        .join('') + '--b--\r\n';
    return Promise.resolve({ data: body, headers: new Headers({ 'content-type': 'multipart/mixed; boundary=b' }) });
  };
  return { client: { request } as unknown as OAuth2Client, sent };
}

function transport(client: OAuth2Client): GmailTransport {
  return new GmailTransport({
    client: () => client,
    rootUrl: 'http://127.0.0.1:1/',
    budget: new QuotaBudget(clock),
    policy: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 2, maxRateLimitWaitMs: 1000, maxTransientWaitMs: 1000 },
    clock,
    timers: immediate,
    logger: memoryLogger('test'),
    requestTimeoutMs: 1000,
    onAuthFailure: () => new Error('auth'),
  });
}

describe('GmailTransport.batchGet', () => {
  it('sends again a part whose status line could not be read, instead of failing the whole batch', async () => {
    const { client, sent } = scriptedBatchClient([{ m1: 'HTTP/1.1 garbled\r\n\r\n' }, {}]);
    const results = await transport(client).batchGet('messages.get', [
      { id: 'm0', path: 'messages/a', query: {} },
      { id: 'm1', path: 'messages/b', query: {} },
    ]);
    expect(sent).toEqual([['m0', 'm1'], ['m1']]);
    expect(results.get('m1')).toMatchObject({ status: 200, body: { id: 'm1' } });
  });
});
