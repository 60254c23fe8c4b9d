import { INLINE_IMAGE_MAX_BYTES } from '../../../../electron/shared/input-limits.js';

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

/** An attachment named with a right-to-left override (`invoice<U+202E>gpj.exe`). */
export const RTLO_ATTACHMENT = `From: a@example.com
Subject: Invoice
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="mix"

--mix
Content-Type: text/plain

See attached.
--mix
Content-Type: application/octet-stream
Content-Disposition: attachment; filename*=UTF-8''invoice%E2%80%AEgpj.exe
Content-Transfer-Encoding: base64

TVqQAAMAAAAEAAAA
--mix--
`;

/** An inline image one byte over the size sent to the window as a data: URL. */
export const BIG_INLINE_IMAGE = `From: a@example.com
Subject: Big inline image
MIME-Version: 1.0
Content-Type: multipart/related; boundary="rel"

--rel
Content-Type: text/html; charset=utf-8

<p><img src="cid:big@x"></p>
--rel
Content-Type: image/png
Content-ID: <big@x>
Content-Transfer-Encoding: base64

${Buffer.alloc(INLINE_IMAGE_MAX_BYTES + 1, 7).toString('base64')}
--rel--
`;

/** windows-1252, ISO-8859-2, ISO-2022-JP and KOI8-R in headers and parts. */
export const LEGACY_CHARSETS = `From: =?windows-1252?Q?Andr=E9_=80?= <andre@example.com>
Subject: =?windows-1252?B?${Buffer.from([0x93, 0x51, 0x94, 0x20, 0x80, 0x35]).toString('base64')}?= =?ISO-8859-2?Q?=B1=EA?=
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="b"

--b
Content-Type: text/plain; charset=windows-1252
Content-Transfer-Encoding: base64

${Buffer.from([0x80, 0x20, 0x93, 0x78, 0x94, 0x20, 0x92]).toString('base64')}
--b
Content-Type: text/plain; charset=ISO-2022-JP
Content-Transfer-Encoding: 7bit

\x1b$B$3$s$K$A$O\x1b(B
--b
Content-Type: text/plain; charset=koi8-r
Content-Transfer-Encoding: quoted-printable

=F0=D2=C9=D7=C5=D4
--b--
`;
