/**
 * Encoders/decoders for the legacy charsets the generator uses. Node 20's TextDecoder treats
 * windows-1252 as Latin-1 (0x80 becomes U+0080, not €), so that table is written out here; ISO-8859-2
 * is derived from Node's (correct) decoder, and ISO-2022-JP is encoded for kana and ASCII only.
 */

export type Charset = 'utf-8' | 'windows-1252' | 'iso-8859-2' | 'iso-2022-jp';

/** windows-1252 bytes 0x80–0x9F (undefined positions map to nothing). */
const WINDOWS_1252_HIGH: Record<number, number> = {
  0x80: 0x20ac,
  0x82: 0x201a,
  0x83: 0x0192,
  0x84: 0x201e,
  0x85: 0x2026,
  0x86: 0x2020,
  0x87: 0x2021,
  0x88: 0x02c6,
  0x89: 0x2030,
  0x8a: 0x0160,
  0x8b: 0x2039,
  0x8c: 0x0152,
  0x8e: 0x017d,
  0x91: 0x2018,
  0x92: 0x2019,
  0x93: 0x201c,
  0x94: 0x201d,
  0x95: 0x2022,
  0x96: 0x2013,
  0x97: 0x2014,
  0x98: 0x02dc,
  0x99: 0x2122,
  0x9a: 0x0161,
  0x9b: 0x203a,
  0x9c: 0x0153,
  0x9e: 0x017e,
  0x9f: 0x0178,
};
const WINDOWS_1252_ENCODE = new Map<number, number>(
  Object.entries(WINDOWS_1252_HIGH).map(([byte, codePoint]) => [codePoint, Number(byte)]),
);

let iso88592Encode: Map<number, number> | undefined;
function iso88592Table(): Map<number, number> {
  if (!iso88592Encode) {
    iso88592Encode = new Map();
    const decoder = new TextDecoder('iso-8859-2');
    for (let byte = 0xa0; byte <= 0xff; byte++) {
      const char = decoder.decode(Uint8Array.of(byte));
      iso88592Encode.set(char.codePointAt(0) ?? 0, byte);
    }
  }
  return iso88592Encode;
}

function unencodable(char: string, charset: Charset): never {
  throw new Error(`Character "${char}" cannot be written in ${charset}; change the generator text.`);
}

/** Encodes text as bytes of `charset`. Throws for characters the charset (or this encoder) lacks. */
export function encodeText(text: string, charset: Charset): Buffer {
  if (charset === 'utf-8') return Buffer.from(text, 'utf8');
  if (charset === 'iso-2022-jp') return encodeIso2022Jp(text);
  const bytes: number[] = [];
  for (const char of text) {
    const codePoint = char.codePointAt(0) ?? 0;
    if (codePoint < 0x80) {
      bytes.push(codePoint);
    } else if (charset === 'windows-1252') {
      const byte =
        WINDOWS_1252_ENCODE.get(codePoint) ?? (codePoint >= 0xa0 && codePoint <= 0xff ? codePoint : undefined);
      if (byte === undefined) unencodable(char, charset);
      bytes.push(byte);
    } else {
      const byte = iso88592Table().get(codePoint);
      if (byte === undefined) unencodable(char, charset);
      bytes.push(byte);
    }
  }
  return Buffer.from(bytes);
}

/** JIS X 0208 row/cell for the kana and punctuation the generator uses. */
function jisCode(codePoint: number): [number, number] | undefined {
  if (codePoint >= 0x3041 && codePoint <= 0x3093) return [0x24, codePoint - 0x3041 + 0x21];
  if (codePoint >= 0x30a1 && codePoint <= 0x30f6) return [0x25, codePoint - 0x30a1 + 0x21];
  const punctuation: Record<number, [number, number]> = {
    0x3000: [0x21, 0x21],
    0x3001: [0x21, 0x22],
    0x3002: [0x21, 0x23],
    0x30fc: [0x21, 0x3c],
    0xff01: [0x21, 0x2a],
    0x300c: [0x21, 0x56],
    0x300d: [0x21, 0x57],
  };
  return punctuation[codePoint];
}

function encodeIso2022Jp(text: string): Buffer {
  const bytes: number[] = [];
  let inJis = false;
  for (const char of text) {
    const codePoint = char.codePointAt(0) ?? 0;
    if (codePoint < 0x80) {
      if (inJis) bytes.push(0x1b, 0x28, 0x42); // ESC ( B: back to ASCII
      inJis = false;
      bytes.push(codePoint);
      continue;
    }
    const code = jisCode(codePoint);
    if (!code) unencodable(char, 'iso-2022-jp');
    if (!inJis) bytes.push(0x1b, 0x24, 0x42); // ESC $ B: JIS X 0208
    inJis = true;
    bytes.push(code[0], code[1]);
  }
  if (inJis) bytes.push(0x1b, 0x28, 0x42);
  return Buffer.from(bytes);
}

/** Decodes bytes of a named charset; unknown charsets fall back to UTF-8, windows-1252 uses the real table. */
export function decodeText(bytes: Uint8Array, charset: string): string {
  const name = charset.toLowerCase();
  if (name === 'windows-1252' || name === 'cp1252') {
    let text = '';
    for (const byte of bytes) text += String.fromCodePoint(WINDOWS_1252_HIGH[byte] ?? byte);
    return text;
  }
  try {
    return new TextDecoder(name).decode(bytes);
  } catch {
    return new TextDecoder('utf-8').decode(bytes);
  }
}
