import { describe, expect, it } from 'vitest';
import { safeFileName } from '../../../../electron/shared/attachment-names.js';
import { fixWindows1252 } from '../../../../electron/core/message/charset-fix.js';
import { attachmentPart, messageContent } from '../../../../electron/core/message/message-content.js';
import {
  BODY_SHOWN_MAX_CHARS,
  INLINE_IMAGE_MAX_BYTES,
  READER_RECIPIENTS_MAX,
  READER_SUBJECT_MAX_CHARS,
} from '../../../../electron/shared/input-limits.js';
import { cidImageUrls } from '../../../../renderer/src/reader/parse.js';
import { rawMessage } from '../../renderer/fake-glance.js';
import { BIG_INLINE_IMAGE, LEGACY_CHARSETS, PNG, RTLO_ATTACHMENT, WITH_PARTS } from './mime-fixtures.js';

const ids = { id: 'm1', threadId: 't1', labelIds: ['INBOX'] };
const parse = (source: string, whole = false) => messageContent({ ...ids, raw: rawMessage(source) }, { whole });

describe('messageContent (the reader’s message, parsed in the main process)', () => {
  it('reads headers, html, inline cid parts and attachments as metadata — no attachment bytes', async () => {
    const message = await parse(WITH_PARTS);
    expect(message).toMatchObject({ ...ids, subject: 'Plans — Q4', toCount: 2, ccCount: 1, truncated: null });
    expect(message.from).toEqual({ name: 'Maya Chen', address: 'maya@example.com' });
    expect(message.to.map((entry) => entry.address)).toEqual(['alex@example.com', 'team@example.com']);
    expect(message.cc).toEqual([{ name: 'Sam', address: 'sam@example.com' }]);
    expect(message.html).toContain('cid:logo@x');
    const inline = message.attachments.find((attachment) => attachment.contentId === 'logo@x');
    expect(inline).toMatchObject({ index: 0, inline: true, dataUrl: `data:image/png;base64,${PNG}` });
    const file = message.attachments.find((attachment) => attachment.filename === 'notes.txt');
    expect(file).toMatchObject({ index: 1, inline: false, dataUrl: null, mimeType: 'text/plain' });
    expect(file?.size).toBe((await attachmentPart(rawMessage(WITH_PARTS), 1))!.bytes.byteLength);
    expect(JSON.stringify(message)).not.toContain('twelve bytes');
    expect(cidImageUrls(message.attachments).get('logo@x')).toBe(`data:image/png;base64,${PNG}`);
  });

  it('gives one attachment’s exact bytes back by index, and null for a part that does not exist', async () => {
    const raw = rawMessage(WITH_PARTS);
    const part = await attachmentPart(raw, 1);
    expect(part?.filename).toBe('notes.txt');
    expect(Buffer.from(part!.bytes).toString()).toMatch(/^twelve bytes\r?\n?$/);
    expect(Buffer.from((await attachmentPart(raw, 0))!.bytes).toString('base64')).toBe(PNG);
    expect(await attachmentPart(raw, 2)).toBeNull();
  });

  it('reads an RTLO name as the sender wrote it; the main process saves it under the safe name', async () => {
    const raw = rawMessage(RTLO_ATTACHMENT);
    const part = await attachmentPart(raw, 0);
    expect(part?.filename).toBe('invoice\u202Egpj.exe');
    expect(safeFileName(part!.filename)).toBe('invoicegpj.exe');
    expect(Buffer.from(part!.bytes).toString('base64')).toBe('TVqQAAMAAAAEAAAA');
  });

  it('sends an inline image as a data: URL only while it is small', async () => {
    const message = await parse(BIG_INLINE_IMAGE);
    expect(message.attachments).toMatchObject([
      { contentId: 'big@x', size: INLINE_IMAGE_MAX_BYTES + 1, dataUrl: null },
    ]);
    expect(JSON.stringify(message).length).toBeLessThan(4096);
  });

  it('keeps a 2 MB subject for the reader up to its limit, cut on a character boundary with an ellipsis', async () => {
    // The emoji sits across the cut: it is dropped whole, never split into a lone surrogate.
    const subject = `${'s'.repeat(READER_SUBJECT_MAX_CHARS - 2)}👩‍👩‍👧${'x'.repeat(2 * 1024 * 1024)}`;
    const message = await parse(`From: a@example.com\nSubject: ${subject}\nContent-Type: text/plain\n\nHi\n`);
    expect(message.subject.length).toBeLessThanOrEqual(READER_SUBJECT_MAX_CHARS);
    expect(message.subject).toBe(`${'s'.repeat(READER_SUBJECT_MAX_CHARS - 2)}…`);
  });

  it('sends at most 1,000 recipients per field with the true count', async () => {
    const to = Array.from({ length: 5000 }, (_, i) => `Person ${i} <p${i}@example.com>`).join(', ');
    const message = await parse(`From: a@example.com\nTo: ${to}\nSubject: All hands\nContent-Type: text/plain\n\nHi\n`);
    expect(message.toCount).toBe(5000);
    expect(message.to).toHaveLength(READER_RECIPIENTS_MAX);
    expect(message.to[0]).toEqual({ name: 'Person 0', address: 'p0@example.com' });
  });

  it('cuts a body over ~2 MB, says how much it held, and gives the rest when asked whole', async () => {
    const body = `${'<p>long line of mail</p>\n'.repeat(120_000)}<p id="end">The end</p>`;
    const source = `From: a@example.com\nSubject: Long\nContent-Type: text/html; charset=utf-8\n\n${body}\n`;
    const cut = await parse(source);
    expect(cut.html!.length).toBeLessThanOrEqual(BODY_SHOWN_MAX_CHARS);
    expect(cut.html).not.toContain('The end');
    expect(cut.truncated).toEqual({
      shownChars: cut.html!.length,
      totalChars: expect.any(Number),
      wholeAvailable: true,
    });
    expect(cut.truncated!.totalChars).toBeGreaterThan(BODY_SHOWN_MAX_CHARS);
    const whole = await parse(source, true);
    expect(whole.truncated).toBeNull();
    expect(whole.html).toContain('The end');
  });

  it('decodes legacy charsets in Node as Chromium does (windows-1252 €, curly quotes; ISO-8859-2; ISO-2022-JP; KOI8-R)', async () => {
    const message = await parse(LEGACY_CHARSETS);
    expect(message.subject).toBe('“Q” €5ąę');
    expect(message.from?.name).toBe('André €');
    expect(message.text).toContain('€ “x” ’');
    expect(message.text).toContain('こんにちは');
    expect(message.text).toContain('Привет');
  });

  it('maps C1 controls to windows-1252 only when the runtime’s decoder lost them', () => {
    expect(fixWindows1252('\u0080 \u0093x\u0094', true)).toBe('€ “x”');
    expect(fixWindows1252('\u0080', false)).toBe('\u0080');
  });
});
