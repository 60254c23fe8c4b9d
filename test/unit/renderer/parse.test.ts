import { describe, expect, it } from 'vitest';
import { base64UrlToBytes, cidImageUrls, parseRawMessage } from '../../../renderer/src/reader/parse.js';
import { rawMessage } from './fake-glance.js';

const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

describe('parseRawMessage', () => {
  it('reads headers, html, inline cid parts and attachments from Gmail raw', async () => {
    const raw = rawMessage(`From: "Maya Chen" <maya@example.com>
To: Alex <alex@example.com>, team@example.com
Cc: Sam <sam@example.com>
Subject: =?UTF-8?B?UGxhbnMg4oCUIFE0?=
Date: Wed, 25 Nov 2026 10:00:00 +0000
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="mix"

--mix
Content-Type: multipart/related; boundary="rel"

--rel
Content-Type: text/html; charset=utf-8

<p>Hello <img src="cid:logo@x"></p>
--rel
Content-Type: image/png
Content-ID: <logo@x>
Content-Transfer-Encoding: base64

${PNG}
--rel--
--mix
Content-Type: text/plain; name="notes.txt"
Content-Disposition: attachment; filename="notes.txt"

twelve bytes
--mix--
`);
    const message = await parseRawMessage(raw);
    expect(message.subject).toBe('Plans — Q4');
    expect(message.from).toEqual({ name: 'Maya Chen', address: 'maya@example.com' });
    expect(message.to.map((entry) => entry.address)).toEqual(['alex@example.com', 'team@example.com']);
    expect(message.cc).toEqual([{ name: 'Sam', address: 'sam@example.com' }]);
    expect(message.html).toContain('cid:logo@x');
    const inline = message.attachments.find((attachment) => attachment.contentId === 'logo@x');
    expect(inline?.inline).toBe(true);
    const file = message.attachments.find((attachment) => attachment.filename === 'notes.txt');
    expect(file?.inline).toBe(false);
    expect(Buffer.from(file?.contentBase64 ?? '', 'base64').toString()).toMatch(/^twelve bytes/);
    expect(file?.size).toBe(Buffer.from(file?.contentBase64 ?? '', 'base64').length);
    expect(cidImageUrls(message.attachments).get('logo@x')).toBe(`data:image/png;base64,${PNG}`);
  });

  it('decodes base64url without padding', () => {
    const bytes = base64UrlToBytes(Buffer.from([0xfb, 0xff, 0xfe, 0x01]).toString('base64url'));
    expect([...bytes]).toEqual([0xfb, 0xff, 0xfe, 0x01]);
  });
});
