/**
 * The text of a cached message body, for the offline search index: the raw RFC 822 message (base64url, as
 * Gmail sends format=raw) parsed with postal-mime, the plain-text part or else the HTML reduced to text,
 * capped so one enormous message cannot make a save slow. Parsing is asynchronous, so the cache prepares
 * the text of new bodies before it writes (BodyTexts), and the store's save stays one synchronous
 * transaction.
 */
import PostalMime from 'postal-mime';
import { installCharsetFallback } from '../message/charset-fix.js';
import type { StoredBody } from '../cache/mail-cache.js';

/** Characters of body text indexed per message: the first ~10 pages of a long mail. */
export const BODY_TEXT_CAP = 32 * 1024;
/** Larger raw messages are mostly attachments: only their first bytes are parsed for text. */
const RAW_CAP_BYTES = 2 * 1024 * 1024;

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/** HTML reduced to its visible text: no head, style, script or comments; tags become spaces; entities decoded. */
export function htmlToText(html: string): string {
  return html
    .replace(/<(head|style|script|title)\b[\s\S]*?<\/\1\s*>/gi, ' ')
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (entity, name: string) => {
      if (name[0] === '#') {
        const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : Number(name.slice(1));
        return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : ' ';
      }
      return ENTITIES[name.toLowerCase()] ?? entity;
    });
}

/** The searchable text of a raw message (empty when it cannot be parsed: the metadata still finds it). */
export async function bodyText(raw: string): Promise<string> {
  try {
    let bytes = Buffer.from(raw, 'base64url');
    if (bytes.length > RAW_CAP_BYTES) bytes = bytes.subarray(0, RAW_CAP_BYTES);
    // Decoded as the reader decodes it (mislabelled and unknown charsets), so search finds what is shown.
    installCharsetFallback();
    const email = await PostalMime.parse(bytes, { attachmentEncoding: 'arraybuffer' });
    const text = email.text?.trim() ? email.text : email.html ? htmlToText(email.html) : '';
    return text.slice(0, BODY_TEXT_CAP);
  } catch {
    return '';
  }
}

/** The text of each body the cache holds, worked out once per body object (bodies are never changed in place). */
export class BodyTexts {
  private readonly texts = new WeakMap<StoredBody, string>();

  async prepare(bodies: readonly StoredBody[]): Promise<void> {
    for (const body of bodies) {
      if (!this.texts.has(body)) this.texts.set(body, await bodyText(body.raw));
    }
  }

  /** Undefined when not prepared: the store then indexes the body's metadata only. */
  textOf = (body: StoredBody): string | undefined => this.texts.get(body);
}
