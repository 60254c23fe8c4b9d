import PostalMime from 'postal-mime';
import type { Address, Attachment } from 'postal-mime';

export interface ParsedAddress {
  name: string;
  address: string;
}

export interface ParsedAttachment {
  filename: string;
  mimeType: string;
  /** Decoded size in bytes. */
  size: number;
  /** Base64 of the bytes, as `attachment:save` wants them. */
  contentBase64: string;
  /** Bare Content-ID (no angle brackets), when the part has one. */
  contentId: string | null;
  /** True for parts the HTML shows inline (cid: images); these are not listed as attachments. */
  inline: boolean;
}

export interface ParsedMessage {
  subject: string;
  from: ParsedAddress | null;
  to: ParsedAddress[];
  cc: ParsedAddress[];
  /** ISO date string from the Date header, or null. */
  date: string | null;
  html: string | null;
  text: string | null;
  attachments: ParsedAttachment[];
}

/** base64url (Gmail's `raw`) → bytes. */
export function base64UrlToBytes(base64Url: string): Uint8Array {
  const base64 = base64Url.replace(/-/g, '+').replace(/_/g, '/').replace(/\s+/g, '');
  const binary = atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4));
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index += 1) bytes[index] = binary.charCodeAt(index);
  return bytes;
}

/**
 * Parses a raw RFC 822 message in the renderer. Chromium's TextDecoder handles the legacy charsets
 * (windows-1252, ISO-8859-x, ISO-2022-JP) correctly, which is why this runs here and not in Node.
 */
export async function parseRawMessage(raw: string): Promise<ParsedMessage> {
  const email = await PostalMime.parse(base64UrlToBytes(raw), { attachmentEncoding: 'base64' });
  const html = email.html ?? null;
  return {
    subject: email.subject ?? '',
    from: email.from ? (flatten([email.from])[0] ?? null) : null,
    to: flatten(email.to ?? []),
    cc: flatten(email.cc ?? []),
    date: email.date ?? null,
    html,
    text: email.text ?? null,
    attachments: email.attachments.map((attachment) => toParsedAttachment(attachment, html)),
  };
}

function flatten(addresses: Address[]): ParsedAddress[] {
  const result: ParsedAddress[] = [];
  for (const entry of addresses) {
    if (entry.group) result.push(...entry.group.map((member) => ({ name: member.name, address: member.address })));
    else if (entry.address !== undefined) result.push({ name: entry.name, address: entry.address });
  }
  return result;
}

function toParsedAttachment(attachment: Attachment, html: string | null): ParsedAttachment {
  const contentBase64 =
    typeof attachment.content === 'string' ? attachment.content : bytesToBase64(toBytes(attachment.content));
  const contentId = attachment.contentId ? attachment.contentId.replace(/^<|>$/g, '') : null;
  const referencedByHtml = contentId !== null && html !== null && html.includes(`cid:${contentId}`);
  return {
    filename: attachment.filename ?? fallbackName(attachment.mimeType),
    mimeType: attachment.mimeType,
    size: base64DecodedLength(contentBase64),
    contentBase64,
    contentId,
    inline: referencedByHtml || (attachment.related === true && attachment.disposition !== 'attachment'),
  };
}

function toBytes(content: ArrayBuffer | Uint8Array): Uint8Array {
  return content instanceof Uint8Array ? content : new Uint8Array(content);
}

function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let index = 0; index < bytes.length; index += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(index, index + 0x8000));
  }
  return btoa(binary);
}

function base64DecodedLength(base64: string): number {
  const clean = base64.replace(/\s+/g, '');
  const padding = clean.endsWith('==') ? 2 : clean.endsWith('=') ? 1 : 0;
  return Math.max(0, Math.floor((clean.length * 3) / 4) - padding);
}

function fallbackName(mimeType: string): string {
  const subtype = mimeType.split('/')[1] ?? 'bin';
  return `attachment.${subtype.replace(/[^a-z0-9]/gi, '') || 'bin'}`;
}

/** The inline images of a message, Content-ID → data: URL, for `cid:` references in its HTML. */
export function cidImageUrls(attachments: ParsedAttachment[]): Map<string, string> {
  const urls = new Map<string, string>();
  for (const attachment of attachments) {
    if (attachment.contentId && /^image\/[a-z0-9.+-]+$/i.test(attachment.mimeType)) {
      urls.set(
        attachment.contentId.toLowerCase(),
        `data:${attachment.mimeType};base64,${attachment.contentBase64.replace(/\s+/g, '')}`,
      );
    }
  }
  return urls;
}
