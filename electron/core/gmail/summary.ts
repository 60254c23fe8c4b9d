/**
 * From Gmail's format=metadata message to the row Glance stores and shows.
 *
 * hasAttachments is a guess from the top-level Content-Type (asked for with metadataHeaders): a message
 * whose root is multipart/mixed almost always carries an attachment; multipart/related (inline images)
 * and multipart/alternative do not count. The metadata format has no part tree, so this is the cheapest
 * signal available without fetching the full message.
 *
 * Every text a sender controls is capped here (subject 998 characters, names 256, the To header kept for
 * offline search 16 KB, ../../shared/input-limits.ts): what the store keeps and the list sends stays small
 * whatever the headers hold. The reader reads the message itself and shows more.
 */
import { addressParser, decodeWords } from 'postal-mime';
import {
  ADDRESS_MAX_CHARS,
  capText,
  LIST_NAME_MAX_CHARS,
  LIST_SUBJECT_MAX_CHARS,
  SEARCH_RECIPIENTS_MAX_CHARS,
  SNIPPET_MAX_CHARS,
} from '../../shared/input-limits.js';
import type { Correspondent, MessageSummary } from '../../shared/ipc-contract.js';
import type { StoredMessage } from '../cache/mail-cache.js';
import type { MetadataMessage } from './gmail-api.js';
import { decodeSnippet } from './snippet.js';

function header(message: MetadataMessage, name: string): string | undefined {
  const lower = name.toLowerCase();
  return message.payload?.headers?.find((h) => h.name.toLowerCase() === lower)?.value;
}

function safeDecode(value: string): string {
  try {
    return decodeWords(value);
  } catch {
    return value;
  }
}

/** A header is decoded only up to a bound: a few times the longest text kept from it. */
const HEADER_DECODE_MAX_CHARS = 64 * 1024;

function boundedHeader(message: MetadataMessage, name: string): string | undefined {
  return header(message, name)?.slice(0, HEADER_DECODE_MAX_CHARS);
}

/** The sender as a list row and the store keep it: name and address capped. */
export function cappedCorrespondent(person: Correspondent): Correspondent {
  return { name: capText(person.name, LIST_NAME_MAX_CHARS), address: capText(person.address, ADDRESS_MAX_CHARS) };
}

export function parseFrom(value: string | undefined): Correspondent {
  return cappedCorrespondent(parseFromUncapped(value?.slice(0, HEADER_DECODE_MAX_CHARS)));
}

function parseFromUncapped(value: string | undefined): Correspondent {
  if (!value) return { name: '', address: '' };
  try {
    const [first] = addressParser(value, { flatten: true });
    if (first && 'address' in first && typeof first.address === 'string') {
      return { name: safeDecode(first.name ?? '').trim(), address: first.address };
    }
  } catch {
    /* fall through to the raw value */
  }
  return { name: safeDecode(value).trim(), address: '' };
}

export function toStoredMessage(message: MetadataMessage): StoredMessage {
  const contentType = boundedHeader(message, 'Content-Type') ?? message.payload?.mimeType ?? '';
  const internal = Number(message.internalDate);
  const headerDate = Date.parse(boundedHeader(message, 'Date') ?? '');
  const to = boundedHeader(message, 'To');
  return {
    id: message.id,
    threadId: message.threadId,
    labelIds: message.labelIds ?? [],
    from: parseFrom(header(message, 'From')),
    ...(to ? { to: capText(safeDecode(to), SEARCH_RECIPIENTS_MAX_CHARS) } : {}),
    subject: capText(safeDecode(boundedHeader(message, 'Subject') ?? ''), LIST_SUBJECT_MAX_CHARS),
    snippet: capText(decodeSnippet((message.snippet ?? '').slice(0, HEADER_DECODE_MAX_CHARS)), SNIPPET_MAX_CHARS),
    date: Number.isFinite(internal) ? internal : Number.isFinite(headerDate) ? headerDate : 0,
    hasAttachments: /^\s*multipart\/mixed/i.test(contentType),
  };
}

/** Unread in the inbox; spam and trash never count, even if a label change left INBOX on them. */
export function isUnreadInbox(labelIds: readonly string[]): boolean {
  return (
    labelIds.includes('INBOX') &&
    labelIds.includes('UNREAD') &&
    !labelIds.includes('SPAM') &&
    !labelIds.includes('TRASH')
  );
}

export function toSummary(message: StoredMessage, accountId: string): MessageSummary {
  return {
    accountId,
    id: message.id,
    threadId: message.threadId,
    // Capped again: rows stored before the caps existed are served from the store as they were written.
    from: cappedCorrespondent(message.from),
    subject: capText(message.subject, LIST_SUBJECT_MAX_CHARS),
    snippet: capText(message.snippet, SNIPPET_MAX_CHARS),
    date: message.date,
    unread: message.labelIds.includes('UNREAD'),
    starred: message.labelIds.includes('STARRED'),
    inInbox: message.labelIds.includes('INBOX'),
    hasAttachments: message.hasAttachments,
  };
}

/** Gmail's order: newest first; ties broken by id (descending) so the order is total. */
export function compareNewestFirst(a: { date: number; id: string }, b: { date: number; id: string }): number {
  if (a.date !== b.date) return b.date - a.date;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

/** The same message metadata apart from its labels (each caller decides which labels matter to it). */
export function sameMetadata(a: StoredMessage, b: StoredMessage): boolean {
  return (
    a.threadId === b.threadId &&
    a.subject === b.subject &&
    a.snippet === b.snippet &&
    a.date === b.date &&
    a.hasAttachments === b.hasAttachments &&
    a.from.name === b.from.name &&
    a.from.address === b.from.address &&
    (a.to ?? '') === (b.to ?? '')
  );
}
