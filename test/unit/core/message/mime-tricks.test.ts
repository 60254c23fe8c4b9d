// @vitest-environment jsdom
/**
 * The fixes the MIME-trick corpus found (mislabelled and unknown charsets, missing boundaries, a MIME tree deeper
 * than postal-mime allows), and the whole corpus (test/e2e/support/mime-tricks.ts) through the main process's
 * `messageContent` and the renderer's `sanitizeMailHtml` in jsdom: every case shows its text and hides what it
 * must. e2e mime-tricks.spec.ts renders the same corpus in Chromium through the real core.
 */
import { describe, expect, it } from 'vitest';
import { fallbackCharset } from '../../../../electron/core/message/charset-fix.js';
import { messageContent } from '../../../../electron/core/message/message-content.js';
import { cidImageUrls } from '../../../../renderer/src/reader/parse.js';
import { sanitizeMailHtml } from '../../../../renderer/src/reader/sanitize.js';
import { mimeTricks } from '../../../e2e/support/mime-tricks.js';

const parseBytes = (raw: Buffer) =>
  messageContent({ id: 'm', threadId: 't', labelIds: [], raw: raw.toString('base64url') });
const latin1 = (text: string) => Buffer.from(text.replace(/\n/g, '\r\n'), 'latin1');
const utf8 = (text: string) => Buffer.from(text.replace(/\n/g, '\r\n'), 'utf8');

describe('fallbackCharset', () => {
  const windows1252 = Buffer.from('Caf\xe9 \x80', 'latin1');
  const utf8Text = Buffer.from('Café €', 'utf8');

  it('reads bytes that are not UTF-8 under a UTF-8 label, or none, as windows-1252', () => {
    expect(fallbackCharset('utf-8', windows1252)).toBe('windows-1252');
    expect(fallbackCharset(' UTF8 ', windows1252)).toBe('windows-1252');
    expect(fallbackCharset(undefined, windows1252)).toBe('windows-1252');
    expect(fallbackCharset('utf-8', utf8Text)).toBeNull();
    expect(fallbackCharset(undefined, utf8Text)).toBeNull();
  });

  it('reads UTF-8 under an unknown name as UTF-8, and keeps every name the Encoding Standard knows', () => {
    expect(fallbackCharset('x-no-such-charset', utf8Text)).toBe('utf-8');
    expect(fallbackCharset('x-no-such-charset', windows1252)).toBeNull();
    expect(fallbackCharset('iso-8859-2', utf8Text)).toBeNull();
    expect(fallbackCharset('windows-1252', utf8Text)).toBeNull();
    expect(fallbackCharset('iso-2022-jp', Buffer.from('plain'))).toBeNull();
  });
});

describe('messageContent with mislabelled and broken MIME', () => {
  it('shows windows-1252 bytes labelled UTF-8 as windows-1252, in text, HTML and a forwarded message', async () => {
    const text = await parseBytes(
      latin1('Subject: a\nContent-Type: text/plain; charset=utf-8\n\nTotal \x8042 at Caf\xe9.\n'),
    );
    expect(text.text).toBe('Total €42 at Café.\n');
    const forwarded = await parseBytes(
      latin1(
        'Subject: b\nContent-Type: multipart/mixed; boundary=x\n\n--x\nContent-Type: message/rfc822\n\nSubject: inner\nContent-Type: text/html; charset=UTF-8\n\n<p>M\xfcller \x93quoted\x94</p>\n--x--\n',
      ),
    );
    expect(forwarded.html).toContain('<p>Müller “quoted”</p>');
  });

  it('keeps valid UTF-8 and correctly labelled legacy text as it was', async () => {
    expect((await parseBytes(utf8('Subject: c\nContent-Type: text/plain; charset=utf-8\n\nnaïve — 日本\n'))).text).toBe(
      'naïve — 日本\n',
    );
    expect(
      (await parseBytes(latin1('Subject: d\nContent-Type: text/plain; charset=iso-8859-2\n\n\xa3\xf3d\xbc\n'))).text,
    ).toBe('Łódź\n');
  });

  it('shows UTF-8 under an unknown charset name as UTF-8, not as mojibake', async () => {
    const content = await parseBytes(utf8('Subject: e\nContent-Type: text/plain; charset=x-klingon\n\nnaïve café\n'));
    expect(content.text).toBe('naïve café\n');
  });

  it('shows the body of a multipart with no boundary, or whose boundary never appears, as text', async () => {
    const noBoundary = await parseBytes(utf8('Subject: f\nContent-Type: multipart/mixed\n\nStill readable.\n'));
    expect(noBoundary.text).toBe('Still readable.');
    expect(noBoundary.html).toBeNull();
    const neverAppears = await parseBytes(
      utf8(
        'Subject: g\nContent-Type: multipart/mixed; boundary="a"\n\n--b\nContent-Type: text/plain\n\nHidden text.\n',
      ),
    );
    expect(neverAppears.text).toContain('Hidden text.');
  });

  it('shows a MIME tree deeper than the parser allows as its headers and body text, not an error', async () => {
    let body = 'Content-Type: text/plain\n\nAt the bottom of 300 levels.\n';
    for (let level = 299; level >= 1; level--) {
      body = `Content-Type: multipart/mixed; boundary="l${level}"\n\n--l${level}\n${body}\n--l${level}--\n`;
    }
    const content = await parseBytes(utf8(`From: Deep <deep@example.com>\nSubject: Deep\n${body}`));
    expect(content.subject).toBe('Deep');
    expect(content.from).toEqual({ name: 'Deep', address: 'deep@example.com' });
    expect(content.html).toBeNull();
    expect(content.text).toContain('At the bottom of 300 levels.');
  });
});

describe('the MIME-trick corpus in jsdom', () => {
  for (const trick of mimeTricks('http://remote.invalid')) {
    it(`${trick.name}: shows its text, hides what it must`, async () => {
      const content = await parseBytes(trick.raw);
      expect(content.subject.startsWith(trick.subject.slice(0, 200)), content.subject.slice(0, 80)).toBe(true);
      let shown: string;
      if (trick.view === 'html') {
        expect(content.html, 'shown as HTML').not.toBeNull();
        const { html } = sanitizeMailHtml(content.html!, {
          allowRemoteImages: false,
          cidUrls: cidImageUrls(content.attachments),
        });
        const doc = new DOMParser().parseFromString(`<body>${html}</body>`, 'text/html');
        // What a person reads: <style> text is not shown (innerText in Chromium leaves it out too).
        const reading = doc.body.cloneNode(true) as HTMLElement;
        for (const style of reading.querySelectorAll('style')) style.remove();
        shown = reading.textContent ?? '';
        // Links may name the remote host (they open only through the link guard); nothing else may.
        for (const link of doc.querySelectorAll('a[href], area[href]')) link.removeAttribute('href');
        expect(doc.body.innerHTML).not.toContain('remote.invalid');
      } else {
        expect(content.html, 'shown as plain text').toBeNull();
        shown = content.text ?? '';
      }
      for (const text of trick.visible) expect(shown).toContain(text);
      for (const text of trick.hidden) expect(shown).not.toContain(text);
    });
  }
});
