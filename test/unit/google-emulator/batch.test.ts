import { describe, expect, it } from 'vitest';
import { BatchFormatError, buildBatchResponse, parseBatchRequest } from '../../../electron/google-emulator/batch.js';

const body = [
  '--b1',
  'Content-Type: application/http',
  'Content-Transfer-Encoding: binary',
  'Content-ID: <abc+1>',
  '',
  'GET /gmail/v1/users/me/messages/1a2b?format=metadata&metadataHeaders=Subject HTTP/1.1',
  'Accept: application/json',
  '',
  '',
  '--b1',
  'Content-Type: application/http',
  '',
  'POST /gmail/v1/users/me/messages/1a2b/modify HTTP/1.1',
  'Content-Type: application/json',
  '',
  '{"removeLabelIds":["UNREAD"]}',
  '--b1--',
  '',
].join('\r\n');

describe('batch multipart parser and builder', () => {
  it('parses application/http parts with Content-ID, headers and bodies', () => {
    const parts = parseBatchRequest('multipart/mixed; boundary=b1', Buffer.from(body));
    expect(parts).toHaveLength(2);
    expect(parts[0]).toMatchObject({
      contentId: 'abc+1',
      method: 'GET',
      target: '/gmail/v1/users/me/messages/1a2b?format=metadata&metadataHeaders=Subject',
    });
    expect(parts[0]?.headers.accept).toBe('application/json');
    expect(parts[0]?.body.length).toBe(0);
    expect(parts[1]?.contentId).toBeUndefined();
    expect(parts[1]?.method).toBe('POST');
    expect(JSON.parse(parts[1]?.body.toString() ?? '')).toEqual({ removeLabelIds: ['UNREAD'] });
  });

  it('rejects bodies that are not multipart/mixed or whose parts are not HTTP requests', () => {
    expect(() => parseBatchRequest('application/json', Buffer.from('{}'))).toThrow(BatchFormatError);
    expect(() =>
      parseBatchRequest(
        'multipart/mixed; boundary=x',
        Buffer.from('--x\r\nContent-Type: application/http\r\n\r\nnot a request\r\n--x--'),
      ),
    ).toThrow(/request line/);
  });

  it('builds responses in order with <response-ID>, status lines and JSON bodies', () => {
    const built = buildBatchResponse(
      [
        {
          contentId: 'abc+1',
          status: 200,
          headers: { 'Content-Type': 'application/json; charset=UTF-8' },
          body: '{"id":"1"}',
        },
        {
          contentId: undefined,
          status: 429,
          headers: { 'Content-Type': 'application/json; charset=UTF-8' },
          body: '{"error":{}}',
        },
      ],
      'batch_test',
    );
    expect(built.contentType).toBe('multipart/mixed; boundary=batch_test');
    const text = built.body.toString();
    const sections = text.split('--batch_test').slice(1, -1);
    expect(sections).toHaveLength(2);
    expect(sections[0]).toContain('Content-ID: <response-abc+1>');
    expect(sections[0]).toContain('HTTP/1.1 200 OK');
    expect(sections[0]).toContain('{"id":"1"}');
    expect(sections[1]).not.toContain('Content-ID');
    expect(sections[1]).toContain('HTTP/1.1 429 Too Many Requests');
    expect(text.endsWith('--batch_test--\r\n')).toBe(true);
  });
});
