/**
 * A subset of Gmail's search syntax for `messages.list?q=`: is:, in:, label:, from:, to:, subject:,
 * has:attachment, newer_than:/older_than: (d/m/y), after:/before:, "quoted phrases", free words,
 * `-` negation, `OR`, `AND` and parentheses. Unknown operators are searched as plain text, as Gmail does.
 * Text matches words, as Gmail does, not substrings (see text-match.ts for what a word is).
 */
import {
  addressSegments,
  DEFAULT_TEXT_MATCH,
  matchesWords,
  wordsOf,
  type AddressSegment,
  type TextMatchOptions,
} from './text-match.js';

export type QueryNode =
  | { type: 'and'; items: QueryNode[] }
  | { type: 'or'; items: QueryNode[] }
  | { type: 'not'; item: QueryNode }
  | { type: 'term'; operator: string | null; value: string };

export interface Searchable {
  labelIds: readonly string[];
  from: string;
  to: string;
  subject: string;
  hasAttachment: boolean;
  internalDate: number;
  /** Body text (the snippet is its beginning); may be expensive, so only called when a free-text term needs it. */
  text(): string;
}

export interface QueryContext {
  now: number;
  /** Label id for a `label:` value (id or display name), or undefined if no such label. */
  resolveLabel(nameOrId: string): string | undefined;
  /** How words match (the emulator's search options); default DEFAULT_TEXT_MATCH. */
  textMatch?: TextMatchOptions;
}

const OPERATORS = new Set([
  'is',
  'in',
  'label',
  'from',
  'to',
  'subject',
  'has',
  'newer_than',
  'older_than',
  'after',
  'before',
  'cc',
  'bcc',
]);

type Token =
  | { kind: 'word'; operator: string | null; value: string; negate: boolean }
  | { kind: 'open'; negate: boolean }
  | { kind: 'close' }
  | { kind: 'or' };

function tokenize(query: string): Token[] {
  const tokens: Token[] = [];
  let index = 0;
  const readValue = (): string => {
    if (query[index] === '"') {
      const end = query.indexOf('"', index + 1);
      const value = query.slice(index + 1, end < 0 ? undefined : end);
      index = end < 0 ? query.length : end + 1;
      return value;
    }
    const start = index;
    while (index < query.length && !/[\s()]/.test(query[index] ?? '')) index++;
    return query.slice(start, index);
  };
  while (index < query.length) {
    const char = query[index] ?? '';
    if (/\s/.test(char)) {
      index++;
      continue;
    }
    if (char === ')') {
      tokens.push({ kind: 'close' });
      index++;
      continue;
    }
    let negate = false;
    if (char === '-' && index + 1 < query.length && !/\s/.test(query[index + 1] ?? '')) {
      negate = true;
      index++;
    }
    if (query[index] === '(') {
      tokens.push({ kind: 'open', negate });
      index++;
      continue;
    }
    const operatorMatch = /^([a-z_]+):/i.exec(query.slice(index));
    const operator = operatorMatch?.[1]?.toLowerCase();
    if (operatorMatch && operator && OPERATORS.has(operator)) {
      index += operatorMatch[0].length;
      tokens.push({ kind: 'word', operator, value: readValue(), negate });
      continue;
    }
    const quoted = query[index] === '"';
    const value = readValue();
    if (!quoted && !negate && value === 'OR') tokens.push({ kind: 'or' });
    // Gmail's explicit AND means what a space means.
    else if (!quoted && !negate && value === 'AND') continue;
    else if (value !== '') tokens.push({ kind: 'word', operator: null, value, negate });
  }
  return tokens;
}

export function parseQuery(query: string): QueryNode {
  const tokens = tokenize(query);
  let position = 0;
  const parseSequence = (): QueryNode => {
    const items: QueryNode[] = [];
    while (position < tokens.length && tokens[position]?.kind !== 'close') {
      let node = parseUnary();
      while (tokens[position]?.kind === 'or') {
        position++;
        if (position >= tokens.length || tokens[position]?.kind === 'close') break;
        const right = parseUnary();
        node =
          node.type === 'or' ? { type: 'or', items: [...node.items, right] } : { type: 'or', items: [node, right] };
      }
      items.push(node);
    }
    return items.length === 1 && items[0] ? items[0] : { type: 'and', items };
  };
  const parseUnary = (): QueryNode => {
    const token = tokens[position++];
    if (!token) return { type: 'and', items: [] };
    if (token.kind === 'open') {
      const inner = parseSequence();
      if (tokens[position]?.kind === 'close') position++;
      return token.negate ? { type: 'not', item: inner } : inner;
    }
    if (token.kind === 'word') {
      const term: QueryNode = { type: 'term', operator: token.operator, value: token.value };
      return token.negate ? { type: 'not', item: term } : term;
    }
    // A stray ")" or "OR": ignore it.
    return { type: 'and', items: [] };
  };
  const root = parseSequence();
  // Unbalanced ")" — skip and continue parsing the rest.
  while (position < tokens.length) {
    position++;
    const more = parseSequence();
    if (root.type === 'and') root.items.push(more);
  }
  return root;
}

/** Words of each searchable field, kept per message (the body tokenised only when a term needs it). */
interface MessageWords {
  options: TextMatchOptions;
  subject?: string[];
  body?: string[];
  from?: Array<AddressSegment & { words: string[] }>;
  to?: Array<AddressSegment & { words: string[] }>;
}
const wordCache = new WeakMap<Searchable, MessageWords>();

function fieldMatches(
  message: Searchable,
  field: 'subject' | 'from' | 'to' | 'body',
  value: string,
  options: TextMatchOptions,
): boolean {
  let cached = wordCache.get(message);
  if (cached?.options !== options) {
    cached = { options };
    wordCache.set(message, cached);
  }
  const query = wordsOf(value, options);
  if (field === 'from' || field === 'to') {
    // Addresses may match as a whole unit (option), so they are checked per segment.
    const segments = (cached[field] ??= addressSegments(field === 'from' ? message.from : message.to).map(
      (segment) => ({ ...segment, words: wordsOf(segment.text, options) }),
    ));
    return segments.some((segment) =>
      segment.kind === 'address' && options.addresses === 'whole'
        ? addressMatchesWhole(segment.text, value)
        : matchesWords(segment.words, query, options),
    );
  }
  const words = (cached[field] ??= wordsOf(field === 'subject' ? message.subject : message.text(), options));
  return matchesWords(words, query, options);
}

/** `addresses: 'whole'`: the whole address, its local part, its domain or a parent domain of it. */
function addressMatchesWhole(address: string, value: string): boolean {
  const wanted = value.trim().toLowerCase();
  const lower = address.toLowerCase();
  const at = lower.lastIndexOf('@');
  if (wanted === lower) return true;
  if (at < 0) return false;
  const domain = lower.slice(at + 1);
  return wanted === lower.slice(0, at) || wanted === domain || domain.endsWith(`.${wanted}`);
}

const DAY_MS = 86_400_000;

function relativeAge(value: string): number | undefined {
  const match = /^(\d+)([dmyh])$/i.exec(value);
  if (!match) return undefined;
  const amount = Number(match[1]);
  const unit = (match[2] ?? 'd').toLowerCase();
  const unitMs = unit === 'h' ? 3_600_000 : unit === 'd' ? DAY_MS : unit === 'm' ? 30 * DAY_MS : 365 * DAY_MS;
  return amount * unitMs;
}

function absoluteDate(value: string): number | undefined {
  if (/^\d{9,}$/.test(value)) return Number(value) * 1000;
  const match = /^(\d{4})[/-](\d{1,2})[/-](\d{1,2})$/.exec(value);
  if (!match) return undefined;
  return Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
}

function matchTerm(operator: string | null, value: string, message: Searchable, context: QueryContext): boolean {
  const options = context.textMatch ?? DEFAULT_TEXT_MATCH;
  const hasLabel = (id: string) => message.labelIds.includes(id);
  switch (operator) {
    case 'is':
      switch (value.toLowerCase()) {
        case 'unread':
          return hasLabel('UNREAD');
        case 'read':
          return !hasLabel('UNREAD');
        case 'starred':
          return hasLabel('STARRED');
        case 'important':
          return hasLabel('IMPORTANT');
        default:
          return false;
      }
    case 'in':
      if (value.toLowerCase() === 'anywhere') return true;
      return hasLabel(value.toUpperCase() === 'DRAFTS' ? 'DRAFT' : value.toUpperCase());
    case 'label': {
      const id = context.resolveLabel(value);
      return id !== undefined && hasLabel(id);
    }
    case 'from':
      return fieldMatches(message, 'from', value, options);
    case 'to':
    case 'cc':
    case 'bcc':
      return fieldMatches(message, 'to', value, options);
    case 'subject':
      return fieldMatches(message, 'subject', value, options);
    case 'has':
      return value.toLowerCase() === 'attachment' ? message.hasAttachment : false;
    case 'newer_than':
    case 'older_than': {
      const age = relativeAge(value);
      if (age === undefined) return false;
      return operator === 'newer_than'
        ? message.internalDate > context.now - age
        : message.internalDate <= context.now - age;
    }
    case 'after':
    case 'before': {
      const at = absoluteDate(value);
      if (at === undefined) return false;
      return operator === 'after' ? message.internalDate >= at : message.internalDate < at;
    }
    default:
      // The body is tokenised last, and only when the headers did not match.
      return (
        fieldMatches(message, 'subject', value, options) ||
        fieldMatches(message, 'from', value, options) ||
        fieldMatches(message, 'to', value, options) ||
        fieldMatches(message, 'body', value, options)
      );
  }
}

export function matchQuery(node: QueryNode, message: Searchable, context: QueryContext): boolean {
  switch (node.type) {
    case 'and':
      return node.items.every((item) => matchQuery(item, message, context));
    case 'or':
      return node.items.some((item) => matchQuery(item, message, context));
    case 'not':
      return !matchQuery(node.item, message, context);
    case 'term':
      return matchTerm(node.operator, node.value, message, context);
  }
}

/** True when the query asks for spam/trash explicitly (so the default exclusion must not apply). */
export function queryTargetsSpamOrTrash(node: QueryNode): boolean {
  switch (node.type) {
    case 'and':
    case 'or':
      return node.items.some(queryTargetsSpamOrTrash);
    case 'not':
      return false;
    case 'term':
      return (
        (node.operator === 'in' || node.operator === 'label') &&
        ['spam', 'trash', 'anywhere'].includes(node.value.toLowerCase())
      );
  }
}
