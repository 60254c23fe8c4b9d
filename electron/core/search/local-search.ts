/**
 * A parsed local query (local-query.ts) as one SQL statement over an account's store: each word term is an
 * FTS5 phrase over the index the store keeps in step with every save (message_words for the metadata,
 * body_words for cached bodies; see ../store/schema.ts), every other term a plain column test, combined with
 * AND, OR and NOT exactly as the query says. The person's words never reach the SQL text: they are bound
 * parameters, already reduced to normalised words (search-text.ts).
 */
import type { LocalQuery } from './local-query.js';
import { ftsPhrase } from './search-text.js';

export type SearchScope = 'unread' | 'all';

export interface CompiledSearch {
  /** A boolean SQL expression over `messages m`. */
  where: string;
  params: Array<string | number>;
  /**
   * The rowids of a word term every result must match (a word of the top-level AND), when there is one:
   * the store counts them first, and when they are few it fetches just those rows instead of walking
   * every message newest first.
   */
  driver: { sql: string; params: string[] } | null;
}

const hasLabel = (label: string) => `instr(m.label_ids, '"${label}"') > 0`;

const COLUMN: Record<'from' | 'to' | 'subject', string> = { from: 'sender', to: 'recipients', subject: 'subject' };

/** The rowids of the messages a word term matches: an FTS5 phrase over the metadata and, for a plain word, bodies. */
function matchingRowids(node: Extract<LocalQuery, { kind: 'text' }>): { sql: string; params: string[] } {
  const phrase = ftsPhrase(node.words);
  const inMetadata = 'SELECT rowid FROM message_words WHERE message_words MATCH ?';
  if (node.field !== 'any') return { sql: inMetadata, params: [`${COLUMN[node.field]} : ${phrase}`] };
  return {
    sql:
      `${inMetadata} UNION SELECT mb.rowid FROM bodies b JOIN messages mb ON mb.id = b.id ` +
      'WHERE b.rowid IN (SELECT rowid FROM body_words WHERE body_words MATCH ?)',
    params: [phrase, phrase],
  };
}

function compileNode(node: LocalQuery, params: Array<string | number>): string {
  switch (node.kind) {
    case 'and':
    case 'or': {
      if (node.items.length === 0) return node.kind === 'and' ? '1' : '0';
      const joiner = node.kind === 'and' ? ' AND ' : ' OR ';
      return `(${node.items.map((item) => compileNode(item, params)).join(joiner)})`;
    }
    case 'not':
      return `NOT ${compileNode(node.item, params)}`;
    case 'flag':
      if (node.flag === 'attachment') return '(m.has_attachments = 1)';
      return `(${hasLabel(node.flag === 'unread' ? 'UNREAD' : 'STARRED')})`;
    case 'date':
      params.push(node.at);
      return node.op === 'before' ? '(m.date < ?)' : '(m.date >= ?)';
    case 'text': {
      // No words at all (`!!!`) matches everything, as Gmail ignores punctuation.
      if (node.words.length === 0) return '1';
      const rowids = matchingRowids(node);
      params.push(...rowids.params);
      return `(m.rowid IN (${rowids.sql}))`;
    }
  }
}

/** The query within a scope: `unread` is the unread inbox; both leave out spam and trash, as Gmail's search does. */
export function compileLocalSearch(query: LocalQuery, scope: SearchScope): CompiledSearch {
  const params: Array<string | number> = [];
  const scoped = [
    ...(scope === 'unread' ? [hasLabel('INBOX'), hasLabel('UNREAD')] : []),
    `NOT ${hasLabel('SPAM')}`,
    `NOT ${hasLabel('TRASH')}`,
  ];
  const required = query.kind === 'and' ? query.items : [query];
  const word = required.find(
    (item): item is Extract<LocalQuery, { kind: 'text' }> => item.kind === 'text' && item.words.length > 0,
  );
  return {
    where: `${scoped.join(' AND ')} AND ${compileNode(query, params)}`,
    params,
    driver: word ? matchingRowids(word) : null,
  };
}
