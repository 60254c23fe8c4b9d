/** Mail the reader's tests share: parsed on this thread (message-content.test.ts) and on the worker. */

/** A 1×1 PNG, base64. */
export const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

/** HTML with an inline cid image inside multipart/related, and a text attachment. */
export const WITH_PARTS = `From: "Maya Chen" <maya@example.com>
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
`;
