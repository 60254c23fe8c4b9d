/**
 * What the offline search index holds for a message: each field as its words (Gmail's word rules,
 * ../../shared/words.ts), already normalised in JavaScript and joined by spaces. SQLite's FTS5 then only
 * splits on spaces (its `ascii` tokenizer keeps every non-ASCII character inside a token), so the index and
 * the emulator agree on CJK, ł/ø/ß and the rest without relying on SQLite's own Unicode tables.
 *
 * A field made of several parts (a name and an address, several recipients) separates them with
 * SEGMENT_BREAK, a token no word can equal: a phrase never runs from one recipient into the next.
 */
import type { StoredMessage } from '../cache/mail-cache.js';
import {
  LIST_NAME_MAX_CHARS,
  LIST_SUBJECT_MAX_CHARS,
  ADDRESS_MAX_CHARS,
  SEARCH_RECIPIENTS_MAX_CHARS,
  SNIPPET_MAX_CHARS,
} from '../../shared/input-limits.js';
import { addressSegments, wordsOf } from '../../shared/words.js';
import { BODY_TEXT_CAP } from './body-text.js';

/** A token of its own in the index (FTS5 is told `_` is a token character); wordsOf never yields it. */
export const SEGMENT_BREAK = '_';
export const FTS_TOKENIZER = `ascii tokenchars '${SEGMENT_BREAK}'`;

export interface MessageSearchColumns {
  subject: string;
  sender: string;
  recipients: string;
  snippet: string;
}

const joined = (parts: readonly string[]) =>
  parts
    .map((part) => wordsOf(part).join(' '))
    .filter((words) => words !== '')
    .join(` ${SEGMENT_BREAK} `);

/** Every recipient's name and address as separate parts (`"Lee, Ann" <ann@x>, bob@y` → Lee, Ann | ann@x | bob@y). */
export function recipientParts(to: string): string[] {
  return addressSegments(to).map((segment) => segment.text);
}

/**
 * The index's columns, each from a bounded input: summaries are capped when they are built (summary.ts), and
 * a row stored before those caps (or a body text) is cut here, so indexing one message stays cheap.
 */
export function messageSearchColumns(
  message: Pick<StoredMessage, 'subject' | 'from' | 'to' | 'snippet'>,
): MessageSearchColumns {
  return {
    subject: joined([message.subject.slice(0, LIST_SUBJECT_MAX_CHARS)]),
    sender: joined([message.from.name.slice(0, LIST_NAME_MAX_CHARS), message.from.address.slice(0, ADDRESS_MAX_CHARS)]),
    recipients: joined(recipientParts((message.to ?? '').slice(0, SEARCH_RECIPIENTS_MAX_CHARS))),
    snippet: joined([message.snippet.slice(0, SNIPPET_MAX_CHARS)]),
  };
}

export function bodySearchText(text: string): string {
  return joined([text.slice(0, BODY_TEXT_CAP)]);
}

/** An FTS5 phrase of normalised words (they hold no quote and no space). */
export function ftsPhrase(words: readonly string[]): string {
  return `"${words.join(' ')}"`;
}
