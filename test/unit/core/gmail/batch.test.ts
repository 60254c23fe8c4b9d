import { describe, expect, it } from 'vitest';
import {
  boundaryOf,
  decodeBatchResponse,
  encodeBatch,
  MAX_BATCH_PARTS,
} from '../../../../electron/core/gmail/batch.js';

describe('encodeBatch', () => {
  it('writes one application/http part per request with its Content-ID and a path-only request line', () => {
    const { contentType, body } = encodeBatch(
      [
        { id: 'm0', method: 'GET', path: '/gmail/v1/users/me/messages/a1?format=metadata' },
        { id: 'm1', method: 'POST', path: '/gmail/v1/users/me/messages/a2/modify', body: { addLabelIds: ['STARRED'] } },
      ],
      'BOUNDARY',
    );
    expect(contentType).toBe('multipart/mixed; boundary=BOUNDARY');
    expect(body.split('--BOUNDARY\r\n')).toHaveLength(3);
    expect(body).toContain(
      'Content-Type: application/http\r\nContent-Transfer-Encoding: binary\r\nContent-ID: <m0>\r\n\r\nGET /gmail/v1/users/me/messages/a1?format=metadata HTTP/1.1\r\n',
    );
    expect(body).toContain(
      'POST /gmail/v1/users/me/messages/a2/modify HTTP/1.1\r\nContent-Type: application/json; charset=UTF-8\r\nContent-Length: 27\r\n\r\n{"addLabelIds":["STARRED"]}',
    );
    expect(body.endsWith('--BOUNDARY--\r\n')).toBe(true);
  });

  it('refuses empty batches and batches over the limit', () => {
    expect(() => encodeBatch([])).toThrow(/at least one/);
    const parts = Array.from({ length: MAX_BATCH_PARTS + 1 }, (_, i) => ({
      id: `m${i}`,
      method: 'GET' as const,
      path: '/x',
    }));
    expect(() => encodeBatch(parts)).toThrow(/at most 50/);
  });
});

describe('decodeBatchResponse', () => {
  const response = [
    'preamble to ignore',
    '--batch_xyz',
    'Content-Type: application/http',
    'Content-ID: <response-m1>',
    '',
    'HTTP/1.1 429 Too Many Requests',
    'Content-Type: application/json; charset=UTF-8',
    '',
    '{"error":{"code":429,"message":"Too many concurrent requests for user"}}',
    '--batch_xyz',
    'Content-Type: application/http',
    'Content-ID: <response-m0>',
    '',
    'HTTP/1.1 200 OK',
    'Content-Type: application/json; charset=UTF-8',
    'ETag: "abc"',
    '',
    '{"id":"a1","threadId":"t1"}',
    '--batch_xyz',
    'Content-Type: application/http',
    'Content-ID: <response-m2>',
    '',
    'HTTP/1.1 200 OK',
    'Content-Type: application/json; charset=UTF-8',
    '',
    '{"id":"trunc',
    '--batch_xyz--',
    '',
  ].join('\r\n');

  it('maps parts by Content-ID (not by position), with status, headers and JSON body', () => {
    const parts = decodeBatchResponse('multipart/mixed; boundary=batch_xyz', response);
    expect([...parts.keys()].sort()).toEqual(['m0', 'm1', 'm2']);
    expect(parts.get('m0')).toMatchObject({ status: 200, body: { id: 'a1', threadId: 't1' } });
    expect(parts.get('m0')?.headers['etag']).toBe('"abc"');
    expect(parts.get('m1')).toMatchObject({ status: 429, body: { error: { code: 429 } } });
  });

  it('leaves the body undefined for a part whose JSON is cut off', () => {
    const parts = decodeBatchResponse('multipart/mixed; boundary=batch_xyz', response);
    expect(parts.get('m2')?.status).toBe(200);
    expect(parts.get('m2')?.body).toBeUndefined();
  });

  it('accepts bare \\n line ends and a quoted boundary', () => {
    const parts = decodeBatchResponse('multipart/mixed; boundary="batch_xyz"', response.replace(/\r\n/g, '\n'));
    expect(parts.get('m0')?.body).toEqual({ id: 'a1', threadId: 't1' });
  });

  it('round-trips what encodeBatch writes when a server mirrors the ids', () => {
    const { body } = encodeBatch([{ id: 'q7', method: 'GET', path: '/p' }], 'B1');
    const mirrored = body
      .replace('Content-ID: <q7>', 'Content-ID: <response-q7>')
      .replace('GET /p HTTP/1.1', 'HTTP/1.1 404 Not Found\r\n\r\n{"error":{"code":404}}');
    expect(decodeBatchResponse('multipart/mixed; boundary=B1', mirrored).get('q7')).toMatchObject({
      status: 404,
      body: { error: { code: 404 } },
    });
  });

  it('says clearly when the response is not multipart', () => {
    expect(() => boundaryOf('application/json')).toThrow(/not multipart/);
  });
});
