/**
 * The opened message as the reader components consume it. Parsing happens in the main process
 * (electron/core/message/message-content.ts): `message:get` answers with bounded text and attachment
 * metadata, never attachment bytes. These types keep the reader's earlier shape.
 */
import type {
  BodyTruncation,
  Correspondent,
  MessageAttachment,
  MessageContent,
} from '../../../electron/shared/ipc-contract.js';

export type ParsedAddress = Correspondent;
export type ParsedAttachment = MessageAttachment;

export interface ParsedMessage {
  subject: string;
  from: ParsedAddress | null;
  to: ParsedAddress[];
  cc: ParsedAddress[];
  /** Recipients the header names, when more than `to`/`cc` hold (the main process sends at most 1,000). */
  toCount?: number;
  ccCount?: number;
  /** ISO date string from the Date header, or null. */
  date: string | null;
  html: string | null;
  text: string | null;
  attachments: ParsedAttachment[];
  /** Set when the body shown is the first part of a longer one. */
  truncated?: BodyTruncation | null;
}

/** `message:get`'s answer as the reader shows it (labels and ids aside). */
export function toParsedMessage(content: MessageContent): ParsedMessage {
  return {
    subject: content.subject,
    from: content.from,
    to: content.to,
    cc: content.cc,
    toCount: content.toCount,
    ccCount: content.ccCount,
    date: content.date,
    html: content.html,
    text: content.text,
    attachments: content.attachments,
    truncated: content.truncated,
  };
}

/** The inline images of a message, Content-ID → data: URL, for `cid:` references in its HTML. */
export function cidImageUrls(attachments: ParsedAttachment[]): Map<string, string> {
  const urls = new Map<string, string>();
  for (const attachment of attachments) {
    if (attachment.contentId && attachment.dataUrl && /^image\/[a-z0-9.+-]+$/i.test(attachment.mimeType)) {
      urls.set(attachment.contentId.toLowerCase(), attachment.dataUrl);
    }
  }
  return urls;
}
