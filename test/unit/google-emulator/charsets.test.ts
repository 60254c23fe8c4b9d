import { describe, expect, it } from 'vitest';
import { decodeText, encodeText } from '../../../electron/google-emulator/charsets.js';

describe('legacy charset encoders', () => {
  it('writes € as 0x80 and curly quotes as 0x93/0x94 in windows-1252, and reads them back', () => {
    const bytes = encodeText('€ “x” ’', 'windows-1252');
    expect([...bytes]).toEqual([0x80, 0x20, 0x93, 0x78, 0x94, 0x20, 0x92]);
    expect(decodeText(bytes, 'windows-1252')).toBe('€ “x” ’');
  });

  it('writes ISO-8859-2 that Node decodes back to the same Polish/Czech text', () => {
    const text = 'Zażółć gęślą jaźń. Příliš žluťoučký kůň.';
    const bytes = encodeText(text, 'iso-8859-2');
    expect(bytes.length).toBe([...text].length);
    expect(new TextDecoder('iso-8859-2').decode(bytes)).toBe(text);
  });

  it('writes ISO-2022-JP (kana) with escape sequences that a standard decoder reads', () => {
    const text = 'Hi こんにちは、メールのテストです。';
    const bytes = encodeText(text, 'iso-2022-jp');
    expect(bytes.every((byte) => byte < 0x80)).toBe(true);
    expect(bytes.includes(0x1b)).toBe(true);
    expect(new TextDecoder('iso-2022-jp').decode(bytes)).toBe(text);
  });

  it('refuses characters the charset cannot hold, naming the character', () => {
    expect(() => encodeText('漢', 'iso-2022-jp')).toThrow(/"漢"/);
    expect(() => encodeText('€', 'iso-8859-2')).toThrow(/iso-8859-2/);
  });
});
