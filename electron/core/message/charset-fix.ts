/**
 * Node's TextDecoder (Node 20, and later lines before the fix, nodejs/node#56542) decodes `windows-1252` —
 * and `iso-8859-1`/`us-ascii`, which the Encoding Standard maps to it — as Latin-1: byte 0x80 becomes the
 * control U+0080 instead of €, 0x93/0x94 controls instead of curly quotes. Chromium decodes them right, and
 * the reader used to parse there. Parsing now runs in the main process, so when this runtime's decoder has
 * the bug, the C1 controls it leaves are mapped to what windows-1252 means by them. C1 controls are never
 * visible text, so the mapping cannot hide anything a sender wrote on purpose.
 */

/** windows-1252 bytes 0x80–0x9F; the five it leaves undefined stay as they are. */
const WINDOWS_1252_C1: Record<number, string> = {
  0x80: '€',
  0x82: '‚',
  0x83: 'ƒ',
  0x84: '„',
  0x85: '…',
  0x86: '†',
  0x87: '‡',
  0x88: 'ˆ',
  0x89: '‰',
  0x8a: 'Š',
  0x8b: '‹',
  0x8c: 'Œ',
  0x8e: 'Ž',
  0x91: '‘',
  0x92: '’',
  0x93: '“',
  0x94: '”',
  0x95: '•',
  0x96: '–',
  0x97: '—',
  0x98: '˜',
  0x99: '™',
  0x9a: 'š',
  0x9b: '›',
  0x9c: 'œ',
  0x9e: 'ž',
  0x9f: 'Ÿ',
};

const HAS_C1 = /[\u0080-\u009f]/;
const EVERY_C1 = /[\u0080-\u009f]/g;

function decoderMapsC1(): boolean {
  try {
    return new TextDecoder('windows-1252').decode(new Uint8Array([0x80])) === '€';
  } catch {
    return false;
  }
}

/** Whether this runtime needs the fix (checked once). */
export const WINDOWS_1252_NEEDS_FIX = !decoderMapsC1();

/** The text with windows-1252's meaning of C1 bytes restored, when this runtime's decoder lost it. */
export function fixWindows1252(text: string, needsFix = WINDOWS_1252_NEEDS_FIX): string {
  if (!needsFix || !HAS_C1.test(text)) return text;
  return text.replace(EVERY_C1, (control) => WINDOWS_1252_C1[control.charCodeAt(0)] ?? control);
}
