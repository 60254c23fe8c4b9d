/**
 * A raw RFC 822 message (Gmail's format=raw, base64url) → what the reader shows, parsed here in the main
 * process with postal-mime. The renderer receives bounded text and attachment *metadata* only: subject,
 * names and recipient lists are capped, the body is cut at ~2 MB (the rest on request, up to a hard cap),
 * inline images travel as data: URLs only while small, and attachment bytes never leave this process —
 * `attachmentPart` reads one again when the person saves it. Limits: ../../shared/input-limits.ts.
 */
import PostalMime from 'postal-mime';
import type { Address, Attachment, Email } from 'postal-mime';
import {
  ADDRESS_MAX_CHARS,
  ATTACHMENT_NAME_MAX_CHARS,
  BODY_SHOWN_MAX_CHARS,
  BODY_WHOLE_MAX_CHARS,
  capText,
  cutAtBoundary,
  INLINE_IMAGE_MAX_BYTES,
  INLINE_IMAGES_TOTAL_MAX_BYTES,
  MESSAGE_ATTACHMENTS_MAX,
  READER_NAME_MAX_CHARS,
  READER_RECIPIENTS_MAX,
  READER_SUBJECT_MAX_CHARS,
} from '../../shared/input-limits.js';
import type { Correspondent, MessageAttachment, MessageContent } from '../../shared/ipc-contract.js';
import { fallbackCharset, fixWindows1252, installCharsetFallback } from './charset-fix.js';

/** A message as the account's cache or Gmail gives it: labels and the raw RFC 822 bytes (base64url). */
export interface RawMessage {
  id: string;
  threadId: string;
  labelIds: string[];
  raw: string;
}

export interface ContentOptions {
  /** "Show the whole message": the body up to BODY_WHOLE_MAX_CHARS instead of BODY_SHOWN_MAX_CHARS. */
  whole?: boolean;
}

/** Headers larger than this reject the parse (postal-mime's default, 2 MiB, would refuse a 2 MB subject). */
const MAX_HEADERS_BYTES = 16 * 1024 * 1024;
/** A MIME type is a short token; a longer one is not shown whole. */
const MIME_TYPE_MAX_CHARS = 255;

async function parseRaw(raw: string): Promise<Email> {
  // Mislabelled and unknown charsets (see charset-fix.ts).
  installCharsetFallback();
  return PostalMime.parse(Buffer.from(raw, 'base64url'), {
    attachmentEncoding: 'arraybuffer',
    maxHeadersSize: MAX_HEADERS_BYTES,
  });
}

/**
 * A message postal-mime refuses (a MIME tree deeper than its nesting limit) is still shown: its headers
 * parsed alone, its body as unparsed text. Only when the headers themselves fail does the error stand.
 */
async function parseOrHeadersOnly(raw: string): Promise<Email> {
  try {
    return await parseRaw(raw);
  } catch (error) {
    const bytes = Buffer.from(raw, 'base64url');
    const end = headerEnd(bytes);
    if (end === null) throw error;
    const headers = Buffer.concat([bytes.subarray(0, end.start), Buffer.from('\r\n\r\n')]);
    try {
      const email = await parseRaw(headers.toString('base64url'));
      return { ...email, text: unparsedBody(raw) ?? undefined };
    } catch {
      throw error;
    }
  }
}

export async function messageContent(message: RawMessage, options: ContentOptions = {}): Promise<MessageContent> {
  const email = await parseOrHeadersOnly(message.raw);
  const html = email.html === undefined ? null : fixWindows1252(email.html);
  const text =
    email.text !== undefined
      ? fixWindows1252(email.text)
      : html === null && email.attachments.length === 0
        ? unparsedBody(message.raw)
        : null;
  const limit = options.whole ? BODY_WHOLE_MAX_CHARS : BODY_SHOWN_MAX_CHARS;
  // What the reader shows: the HTML when there is one, else the text.
  const shownLength = (html ?? text ?? '').length;
  const to = flatten(email.to ?? []);
  const cc = flatten(email.cc ?? []);
  return {
    id: message.id,
    threadId: message.threadId,
    labelIds: message.labelIds,
    subject: capText(fixWindows1252(email.subject ?? ''), READER_SUBJECT_MAX_CHARS),
    from: email.from ? (flatten([email.from])[0] ?? null) : null,
    to: to.slice(0, READER_RECIPIENTS_MAX),
    cc: cc.slice(0, READER_RECIPIENTS_MAX),
    toCount: to.length,
    ccCount: cc.length,
    date: email.date ?? null,
    html: html === null ? null : cutAtBoundary(html, limit),
    text: text === null ? null : cutAtBoundary(text, limit),
    attachments: attachmentList(email.attachments, html),
    truncated:
      shownLength > limit
        ? {
            shownChars: cutAtBoundary(html ?? text ?? '', limit).length,
            totalChars: shownLength,
            wholeAvailable: shownLength <= BODY_WHOLE_MAX_CHARS,
          }
        : null,
  };
}

/**
 * The body as sent, for a message whose MIME structure yields no text and no attachment at all (a multipart
 * with no boundary, or one whose boundary never appears): shown as plain text rather than as an empty message.
 */
function unparsedBody(raw: string): string | null {
  const bytes = Buffer.from(raw, 'base64url');
  const end = headerEnd(bytes);
  if (end === null) return null;
  const body = bytes.subarray(end.bodyStart);
  const text = new TextDecoder(fallbackCharset(undefined, body) ?? 'utf-8').decode(body).trim();
  return text === '' ? null : fixWindows1252(text);
}

/** Where the header block ends (the first blank line, CRLF or bare LF) and the body starts. */
function headerEnd(bytes: Buffer): { start: number; bodyStart: number } | null {
  const crlf = bytes.indexOf('\r\n\r\n');
  const lf = bytes.indexOf('\n\n');
  if (crlf >= 0 && (lf < 0 || crlf < lf)) return { start: crlf, bodyStart: crlf + 4 };
  if (lf >= 0) return { start: lf, bodyStart: lf + 2 };
  return null;
}

/** One attachment's bytes, read again from the raw message; null when the message has no such part. */
export async function attachmentPart(
  raw: string,
  index: number,
): Promise<{ filename: string; mimeType: string; bytes: Uint8Array } | null> {
  const email = await parseRaw(raw);
  const attachment = email.attachments[index];
  if (!attachment) return null;
  return {
    filename: fixWindows1252(attachment.filename ?? fallbackName(attachment.mimeType)),
    mimeType: attachment.mimeType,
    bytes: toBytes(attachment.content),
  };
}

function flatten(addresses: Address[]): Correspondent[] {
  const result: Correspondent[] = [];
  for (const entry of addresses) {
    if (entry.group) for (const member of entry.group) result.push(correspondent(member.name, member.address));
    else if (entry.address !== undefined) result.push(correspondent(entry.name, entry.address));
  }
  return result;
}

function correspondent(name: string, address: string): Correspondent {
  return {
    name: capText(fixWindows1252(name), READER_NAME_MAX_CHARS),
    address: capText(address, ADDRESS_MAX_CHARS),
  };
}

function attachmentList(attachments: Attachment[], html: string | null): MessageAttachment[] {
  let inlineBytes = 0;
  return attachments.slice(0, MESSAGE_ATTACHMENTS_MAX).map((attachment, index) => {
    const bytes = toBytes(attachment.content);
    const contentId = attachment.contentId ? attachment.contentId.replace(/^<|>$/g, '') : null;
    const referencedByHtml = contentId !== null && html !== null && html.includes(`cid:${contentId}`);
    const mimeType = attachment.mimeType.slice(0, MIME_TYPE_MAX_CHARS);
    let dataUrl: string | null = null;
    // Inline images only while small: the HTML shows them, and a large one is an attachment to save.
    if (
      contentId !== null &&
      /^image\/[a-z0-9.+-]+$/i.test(mimeType) &&
      bytes.byteLength <= INLINE_IMAGE_MAX_BYTES &&
      inlineBytes + bytes.byteLength <= INLINE_IMAGES_TOTAL_MAX_BYTES
    ) {
      inlineBytes += bytes.byteLength;
      dataUrl = `data:${mimeType};base64,${Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64')}`;
    }
    return {
      index,
      filename: capText(fixWindows1252(attachment.filename ?? fallbackName(mimeType)), ATTACHMENT_NAME_MAX_CHARS),
      mimeType,
      size: bytes.byteLength,
      contentId: contentId === null ? null : contentId.slice(0, ADDRESS_MAX_CHARS),
      inline: referencedByHtml || (attachment.related === true && attachment.disposition !== 'attachment'),
      dataUrl,
    };
  });
}

function toBytes(content: ArrayBuffer | Uint8Array | string): Uint8Array {
  if (typeof content === 'string') return Buffer.from(content, 'base64');
  return content instanceof Uint8Array ? content : new Uint8Array(content);
}

function fallbackName(mimeType: string): string {
  const subtype = mimeType.split('/')[1] ?? 'bin';
  return `attachment.${subtype.replace(/[^a-z0-9]/gi, '') || 'bin'}`;
}
