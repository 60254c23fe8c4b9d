import { describe, expect, it } from 'vitest';
import {
  buildRawMessage,
  decodeHeaderValue,
  encodeQuotedPrintable,
  findPart,
  makeSnippet,
  parseRawMessage,
  toGmailPayload,
  type MailSpec,
} from '../../../electron/google-emulator/mime.js';
import { TINY_PNG } from '../../../electron/google-emulator/generator.js';

const base: MailSpec = {
  from: { name: 'José Álvarez', email: 'jose@example.com' },
  to: [{ name: 'Alex Rivera', email: 'alex@example.com' }],
  subject: 'Grüße — “quoted” and long enough to need more than one encoded word in the header',
  date: Date.UTC(2026, 0, 2, 3, 4, 5),
  messageId: 'abc@example.com',
};

describe('RFC 822 builder and parser', () => {
  it('round-trips a multipart/mixed(alternative(text, related(html, png)), pdf) message into Gmail partIds', () => {
    const raw = buildRawMessage({
      ...base,
      text: { content: 'Hello =\nsecond line', charset: 'utf-8' },
      html: { content: '<p>Hello <img src="cid:img1"></p>', charset: 'utf-8' },
      inlineImages: [{ cid: 'img1', filename: 'a.png', mimeType: 'image/png', data: TINY_PNG }],
      attachments: [{ filename: 'doc.pdf', mimeType: 'application/pdf', data: Buffer.from('%PDF-1.4 hi') }],
    });
    const parsed = parseRawMessage(raw);
    const payload = toGmailPayload(parsed, (partId) => `att-${partId}`);
    expect(payload.partId).toBe('');
    expect(payload.mimeType).toBe('multipart/mixed');
    expect(payload.body).toEqual({ size: 0 });
    expect(payload.parts?.map((part) => [part.partId, part.mimeType])).toEqual([
      ['0', 'multipart/alternative'],
      ['1', 'application/pdf'],
    ]);
    const alternative = payload.parts?.[0];
    expect(alternative?.parts?.map((part) => part.partId)).toEqual(['0.0', '0.1']);
    expect(alternative?.parts?.[1]?.parts?.map((part) => [part.partId, part.filename])).toEqual([
      ['0.1.0', ''],
      ['0.1.1', 'a.png'],
    ]);
    const text = alternative?.parts?.[0];
    expect(Buffer.from(text?.body.data ?? '', 'base64url').toString('utf8')).toBe('Hello =\r\nsecond line');
    expect(payload.parts?.[1]?.body).toEqual({ attachmentId: 'att-1', size: 11 });
    expect(findPart(parsed, '0.1.1')?.body.equals(TINY_PNG)).toBe(true);
    const subject = payload.headers.find((header) => header.name === 'Subject');
    expect(subject?.value).toBe(base.subject);
    expect(payload.headers.find((header) => header.name === 'From')?.value).toBe('José Álvarez <jose@example.com>');
  });

  it('keeps = padding and the URL-safe alphabet in body.data', () => {
    const parsed = parseRawMessage(buildRawMessage({ ...base, text: { content: '\u00ff\u00fe?>', charset: 'utf-8' } }));
    const data = toGmailPayload(parsed, () => '').body.data ?? '';
    expect(data).toMatch(/^[A-Za-z0-9_-]+=+$/);
    expect(data).not.toMatch(/[+/]/);
  });

  it('encodes quoted-printable with soft line breaks of at most 76 characters and escapes =', () => {
    const encoded = encodeQuotedPrintable(Buffer.from(`${'a'.repeat(100)}=€`, 'utf8'));
    for (const line of encoded.split('\r\n')) expect(line.length).toBeLessThanOrEqual(76);
    expect(encoded).toContain('=3D=E2=82=AC');
  });

  it('decodes RFC 2047 words in several charsets, joining adjacent words', () => {
    expect(decodeHeaderValue('=?UTF-8?B?R3LDvMOf?= =?UTF-8?Q?e_=E2=80=94?=')).toBe('Grüße —');
    expect(decodeHeaderValue('=?windows-1252?Q?=80_5?=')).toBe('€ 5');
    expect(decodeHeaderValue('plain')).toBe('plain');
  });

  it('makes HTML-escaped, whitespace-collapsed snippets of about 200 characters', () => {
    expect(makeSnippet('It\'s  <b>\n"fine" & ok')).toBe('It&#39;s &lt;b&gt; &quot;fine&quot; &amp; ok');
    expect(makeSnippet('word '.repeat(100)).length).toBeLessThanOrEqual(200);
  });
});
