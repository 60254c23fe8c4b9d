import { describe, expect, it } from 'vitest';
import {
  generateMailbox,
  SPECIAL_SUBJECTS,
  type GenerateOptions,
} from '../../../electron/google-emulator/generator.js';
import {
  buildRawMessage,
  parseRawMessage,
  toGmailPayload,
  type ParsedPart,
} from '../../../electron/google-emulator/mime.js';
import { decodeText } from '../../../electron/google-emulator/charsets.js';

const options: GenerateOptions = {
  seed: 42,
  user: { email: 'alex@example.com', name: 'Alex Rivera' },
  unread: 30,
  read: 20,
  withSpecials: true,
  now: Date.UTC(2026, 10, 1),
  baseHistoryId: 500_000,
  remoteOrigin: 'http://127.0.0.1:9',
};

function leaves(part: ParsedPart): ParsedPart[] {
  return part.parts ? part.parts.flatMap(leaves) : [part];
}

describe('mailbox generator', () => {
  it('is deterministic for a seed and different for another seed', () => {
    const first = generateMailbox(options).map((header) => [header.id, header.subject, header.labelIds.join()]);
    const again = generateMailbox(options).map((header) => [header.id, header.subject, header.labelIds.join()]);
    const other = generateMailbox({ ...options, seed: 43 }).map((header) => [
      header.id,
      header.subject,
      header.labelIds.join(),
    ]);
    expect(again).toEqual(first);
    expect(other).not.toEqual(first);
    expect(buildRawMessage(generateMailbox(options)[20]?.build() ?? ({} as never))).toEqual(
      buildRawMessage(generateMailbox(options)[20]?.build() ?? ({} as never)),
    );
  });

  it('gives the same ids whatever "now" is (dates move with the clock, ids depend on the seed only)', () => {
    const later = { ...options, now: options.now + 9 * 3_600_000 + 123 };
    const ids = (generated: ReturnType<typeof generateMailbox>) => generated.map((h) => `${h.id}/${h.threadId}`);
    expect(ids(generateMailbox(later))).toEqual(ids(generateMailbox(options)));
    expect(generateMailbox(later)[3]!.internalDate - generateMailbox(options)[3]!.internalDate).toBe(
      later.now - options.now,
    );
    // Newer messages still have larger ids, as in Gmail.
    const headers = generateMailbox(options);
    expect(headers.map((h) => h.id)).toEqual([...headers.map((h) => h.id)].sort().reverse());
  });

  it('produces exactly the requested unread/read counts, unique 16-hex ids, newest first', () => {
    const headers = generateMailbox(options);
    expect(headers).toHaveLength(50);
    expect(headers.filter((header) => header.labelIds.includes('UNREAD'))).toHaveLength(30);
    expect(new Set(headers.map((header) => header.id)).size).toBe(50);
    for (const header of headers) expect(header.id).toMatch(/^[0-9a-f]{16}$/);
    const dates = headers.map((header) => header.internalDate);
    expect([...dates].sort((a, b) => b - a)).toEqual(dates);
    expect(headers.every((header) => header.historyId < options.baseHistoryId)).toBe(true);
  });

  it('generates 10,000 messages lazily (headers only until a body is read)', () => {
    const headers = generateMailbox({ ...options, unread: 6_000, read: 4_000, withSpecials: false });
    expect(headers).toHaveLength(10_000);
    expect(new Set(headers.map((header) => header.id)).size).toBe(10_000);
    expect(new Set(headers.map((header) => header.from.email)).size).toBeGreaterThan(50);
    expect(headers.some((header) => header.labelIds.includes('STARRED'))).toBe(true);
    expect(headers.some((header) => header.threadId !== header.id)).toBe(true);
  });

  it('starts with the special messages, in SPECIAL_SUBJECTS order, unread', () => {
    const headers = generateMailbox(options);
    const specials = Object.values(SPECIAL_SUBJECTS);
    expect(headers.slice(0, specials.length).map((header) => header.subject)).toEqual(specials);
    expect(headers.slice(0, specials.length).every((header) => header.labelIds.includes('UNREAD'))).toBe(true);
  });

  it('encodes the charset specials in their charsets (€ as byte 0x80, ISO-8859-2, ISO-2022-JP)', () => {
    const headers = generateMailbox(options);
    const parsedAt = (index: number) => parseRawMessage(buildRawMessage(headers[index]?.build() ?? ({} as never)));
    const windows = leaves(parsedAt(0)).find((part) => part.mimeType === 'text/plain');
    expect(windows?.params.charset).toBe('windows-1252');
    expect(windows?.body.includes(0x80)).toBe(true);
    expect(windows?.body.includes(0x93) && windows.body.includes(0x94)).toBe(true);
    expect(decodeText(windows?.body ?? Buffer.alloc(0), 'windows-1252')).toContain('€42.50');
    const polish = leaves(parsedAt(1))[0];
    expect(polish?.params.charset).toBe('ISO-8859-2');
    expect(new TextDecoder('iso-8859-2').decode(polish?.body)).toContain('zażółć gęślą jaźń');
    const japanese = leaves(parsedAt(2))[0];
    expect(japanese?.params.charset).toBe('ISO-2022-JP');
    expect(new TextDecoder('iso-2022-jp').decode(japanese?.body)).toContain('メールのテストです');
    const subject = toGmailPayload(parsedAt(2), () => '').headers.find((header) => header.name === 'Subject');
    expect(subject?.value).toBe(SPECIAL_SUBJECTS.iso2022jp);
  });

  it('puts hostile markup, remote content, inline images and attachments where tests expect them', () => {
    const headers = generateMailbox(options);
    const html = (index: number) => headers[index]?.build().html?.content ?? '';
    expect(html(3)).toContain('<script>');
    expect(html(3)).toMatch(/onerror=/);
    expect(html(3)).toContain('href="javascript:');
    expect(html(5)).toContain(`${options.remoteOrigin}/img/alex-example-com/${headers[5]?.id}/banner.png`);
    expect(html(5)).toContain(`${options.remoteOrigin}/css/alex-example-com/${headers[5]?.id}.css`);
    expect(html(5)).toContain('cid:photo-');
    expect(headers[4]?.build().html).toBeUndefined();
    expect(headers[4]?.build().text?.content).toContain('https://');
    expect(headers[6]?.build().attachments?.map((attachment) => attachment.mimeType)).toEqual([
      'application/pdf',
      'text/plain',
      'image/png',
    ]);
  });
});
