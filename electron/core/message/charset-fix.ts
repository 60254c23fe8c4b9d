/**
 * Node's TextDecoder (Node 20, and later lines before the fix, nodejs/node#56542) decodes `windows-1252` —
 * and `iso-8859-1`/`us-ascii`, which the Encoding Standard maps to it — as Latin-1: byte 0x80 becomes the
 * control U+0080 instead of €, 0x93/0x94 controls instead of curly quotes. Chromium decodes them right, and
 * the reader used to parse there. Parsing now runs in the main process, so when this runtime's decoder has
 * the bug, the C1 controls it leaves are mapped to what windows-1252 means by them. C1 controls are never
 * visible text, so the mapping cannot hide anything a sender wrote on purpose.
 */
import PostalMime from 'postal-mime';

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

/**
 * Mail often says one charset and means another. postal-mime decodes a text part by its label: windows-1252
 * bytes labelled UTF-8 (or not labelled) come out as U+FFFD, and a label it does not know is read as
 * windows-1252, so UTF-8 under an unknown name comes out as mojibake ("cafÃ©"). Given the part's bytes and its
 * label, this names the charset to decode with instead, or null to keep the label's reading.
 */
export function fallbackCharset(label: string | undefined, bytes: Uint8Array | ArrayBuffer): string | null {
  const name = (label ?? '').trim().toLowerCase();
  const utf8 = isUtf8(bytes);
  if (name === '' || name === 'utf-8' || name === 'utf8' || name === 'unicode-1-1-utf-8') {
    return utf8 ? null : 'windows-1252';
  }
  if (knownLabel(name)) return null;
  // A name the Encoding Standard lacks (postal-mime then tries its own aliases, else windows-1252): UTF-8 when
  // the bytes are valid UTF-8, which legacy text with any byte over 0x7F practically never is.
  return utf8 ? 'utf-8' : null;
}

const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true });

function isUtf8(bytes: Uint8Array | ArrayBuffer): boolean {
  try {
    STRICT_UTF8.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

function knownLabel(name: string): boolean {
  try {
    new TextDecoder(name);
    return true;
  } catch {
    return false;
  }
}

/** What postal-mime's text node offers (its MimeNode): the decoded bytes and the parsed Content-Type. */
interface TextNode {
  content?: Uint8Array | ArrayBuffer;
  contentType: { parsed: { params: Record<string, string | undefined> } };
  getTextContent(): string;
}

let installed = false;

/**
 * Makes postal-mime decode mislabelled text parts as `fallbackCharset` says: its text nodes decode with the
 * label; this wraps that one method (reached through a parser's root node, as the class is not exported) so
 * every part — also inside forwarded messages — is read the same way. Idempotent.
 */
export function installCharsetFallback(): void {
  if (installed) return;
  const parserRoot = (new PostalMime() as unknown as { root?: unknown }).root;
  const prototype = parserRoot === null || typeof parserRoot !== 'object' ? null : Object.getPrototypeOf(parserRoot);
  if (!prototype || typeof prototype.getTextContent !== 'function') {
    throw new Error('postal-mime changed: its text node has no getTextContent; update charset-fix.ts');
  }
  const decodeAsLabelled = prototype.getTextContent as (this: TextNode) => string;
  prototype.getTextContent = function getTextContent(this: TextNode): string {
    const params = this.contentType.parsed.params;
    const charset = this.content ? fallbackCharset(params.charset, this.content) : null;
    if (charset === null) return decodeAsLabelled.call(this);
    const label = params.charset;
    params.charset = charset;
    try {
      return decodeAsLabelled.call(this);
    } finally {
      params.charset = label;
    }
  };
  installed = true;
}
