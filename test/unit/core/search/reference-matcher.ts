/**
 * The plain reference for offline search: the same query (local-query.ts) checked message by message in
 * JavaScript with Gmail's word rules (shared/words.ts), no SQL and no index. The store's FTS5 search must
 * return exactly what this returns.
 */
import type { StoredMessage } from '../../../../electron/core/cache/mail-cache.js';
import type { LocalQuery } from '../../../../electron/core/search/local-query.js';
import type { SearchScope } from '../../../../electron/core/search/local-search.js';
import { compareNewestFirst } from '../../../../electron/core/gmail/summary.js';
import { addressSegments, DEFAULT_TEXT_MATCH, matchesWords, wordsOf } from '../../../../electron/shared/words.js';

export interface ReferenceMessage {
  message: StoredMessage;
  /** The text of its cached body, when the store holds one. */
  body: string | null;
}

function fieldsOf({ message, body }: ReferenceMessage) {
  const from = [message.from.name, message.from.address].map((part) => wordsOf(part));
  const to = addressSegments(message.to ?? '').map((segment) => wordsOf(segment.text));
  const subject = [wordsOf(message.subject)];
  return {
    from,
    to,
    subject,
    any: [...subject, ...from, ...to, wordsOf(message.snippet), ...(body === null ? [] : [wordsOf(body)])],
  };
}

export function referenceMatches(query: LocalQuery, entry: ReferenceMessage): boolean {
  const { message } = entry;
  switch (query.kind) {
    case 'and':
      return query.items.every((item) => referenceMatches(item, entry));
    case 'or':
      return query.items.some((item) => referenceMatches(item, entry));
    case 'not':
      return !referenceMatches(query.item, entry);
    case 'flag':
      if (query.flag === 'attachment') return message.hasAttachments;
      return message.labelIds.includes(query.flag === 'unread' ? 'UNREAD' : 'STARRED');
    case 'date':
      return query.op === 'before' ? message.date < query.at : message.date >= query.at;
    case 'text':
      return fieldsOf(entry)[query.field].some((words) => matchesWords(words, query.words, DEFAULT_TEXT_MATCH));
  }
}

export function referenceSearch(
  entries: readonly ReferenceMessage[],
  query: LocalQuery,
  scope: SearchScope,
  limit: number,
): string[] {
  return entries
    .filter(({ message: { labelIds } }) => !labelIds.includes('SPAM') && !labelIds.includes('TRASH'))
    .filter(
      ({ message: { labelIds } }) => scope === 'all' || (labelIds.includes('INBOX') && labelIds.includes('UNREAD')),
    )
    .filter((entry) => referenceMatches(query, entry))
    .map((entry) => entry.message)
    .sort(compareNewestFirst)
    .slice(0, limit)
    .map((message) => message.id);
}
