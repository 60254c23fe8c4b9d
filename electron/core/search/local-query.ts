/**
 * The part of Gmail's search syntax Glance answers from this computer (offline search; documented in the
 * README's "Search" section): `from:`, `to:`, `subject:`, `has:attachment`, `is:unread`, `is:starred`,
 * `before:`/`after:` (YYYY/MM/DD), `older_than:`/`newer_than:` (Nd, Nm, Ny), "quoted phrases", `-` negation,
 * `OR` (and `AND`, which means what a space means) and plain words. Words follow Gmail's word rules
 * (../../shared/words.ts): whole words, case- and accent-insensitive, a phrase within one field.
 *
 * Anything else (another operator such as `label:` or `in:`, parentheses, `{…}`, an operator with no value
 * or a value this subset does not know) is not answerable locally: that query goes to Gmail only, which is
 * never wrong about its own syntax.
 */
import { wordsOf } from '../../shared/words.js';

export type TextField = 'any' | 'from' | 'to' | 'subject';

export type LocalQuery =
  | { kind: 'and'; items: LocalQuery[] }
  | { kind: 'or'; items: LocalQuery[] }
  | { kind: 'not'; item: LocalQuery }
  /** `words` (normalised by wordsOf) occur consecutively inside one field; no words at all matches everything. */
  | { kind: 'text'; field: TextField; words: string[] }
  | { kind: 'flag'; flag: 'unread' | 'starred' | 'attachment' }
  /** `before`: date < at; `after`: date >= at (epoch ms). */
  | { kind: 'date'; op: 'before' | 'after'; at: number };

export type ParsedQuery = { answerable: true; query: LocalQuery } | { answerable: false; reason: string };

export interface ParseOptions {
  /** Epoch ms that `older_than:`/`newer_than:` count back from. */
  now: number;
  /** Epoch ms at the start of a calendar day (default: local midnight, the day the person means). */
  startOfDay?: (year: number, month: number, day: number) => number;
}

const DAY_MS = 86_400_000;
/** Gmail's `m` and `y`, as the emulator counts them. */
const UNIT_MS: Record<string, number> = { d: DAY_MS, m: 30 * DAY_MS, y: 365 * DAY_MS };

const TEXT_OPERATORS = new Set(['from', 'to', 'subject']);
const SUPPORTED_OPERATORS = new Set([...TEXT_OPERATORS, 'has', 'is', 'before', 'after', 'older_than', 'newer_than']);

class Unanswerable extends Error {}

type Token = { kind: 'term'; node: LocalQuery } | { kind: 'or' };

function localMidnight(year: number, month: number, day: number): number {
  return new Date(year, month - 1, day).getTime();
}

function operatorTerm(operator: string, value: string, options: ParseOptions): LocalQuery {
  if (value === '') throw new Unanswerable(`${operator}: has no value`);
  if (TEXT_OPERATORS.has(operator)) {
    return { kind: 'text', field: operator as TextField, words: wordsOf(value) };
  }
  const lower = value.toLowerCase();
  switch (operator) {
    case 'has':
      if (lower === 'attachment') return { kind: 'flag', flag: 'attachment' };
      break;
    case 'is':
      if (lower === 'unread' || lower === 'starred') return { kind: 'flag', flag: lower };
      break;
    case 'before':
    case 'after': {
      const match = /^(\d{4})[/-](\d{1,2})[/-](\d{1,2})$/.exec(value);
      if (!match) break;
      const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
      if (month < 1 || month > 12 || day < 1 || day > 31) break;
      return { kind: 'date', op: operator, at: (options.startOfDay ?? localMidnight)(year, month, day) };
    }
    case 'older_than':
    case 'newer_than': {
      const match = /^(\d{1,6})([dmy])$/.exec(lower);
      if (!match) break;
      // newer_than: date > now - age; older_than: date <= now - age (as the emulator and Gmail count).
      const at = options.now - Number(match[1]) * UNIT_MS[match[2]!]! + 1;
      return { kind: 'date', op: operator === 'newer_than' ? 'after' : 'before', at };
    }
  }
  throw new Unanswerable(`${operator}:${value} is not in the local subset`);
}

function tokenize(text: string, options: ParseOptions): Token[] {
  const tokens: Token[] = [];
  let index = 0;
  const readValue = (): string => {
    if (text[index] === '"') {
      const end = text.indexOf('"', index + 1);
      const value = text.slice(index + 1, end < 0 ? undefined : end);
      index = end < 0 ? text.length : end + 1;
      return value;
    }
    const start = index;
    while (index < text.length && !/[\s(){}]/.test(text[index] ?? '')) index++;
    return text.slice(start, index);
  };
  while (index < text.length) {
    const char = text[index] ?? '';
    if (/\s/.test(char)) {
      index++;
      continue;
    }
    if ('(){}'.includes(char)) throw new Unanswerable('grouping');
    let negate = false;
    if (char === '-' && index + 1 < text.length && !/\s/.test(text[index + 1] ?? '')) {
      negate = true;
      index++;
      if ('(){}'.includes(text[index] ?? '')) throw new Unanswerable('grouping');
    }
    const wrap = (node: LocalQuery): Token => ({ kind: 'term', node: negate ? { kind: 'not', item: node } : node });
    const operator = /^([a-z_]+):/i.exec(text.slice(index));
    if (operator) {
      const name = operator[1]!.toLowerCase();
      if (!SUPPORTED_OPERATORS.has(name)) throw new Unanswerable(`${name}: is not in the local subset`);
      index += operator[0].length;
      tokens.push(wrap(operatorTerm(name, readValue(), options)));
      continue;
    }
    const quoted = text[index] === '"';
    const value = readValue();
    if (!quoted && !negate && value === 'OR') tokens.push({ kind: 'or' });
    else if (!quoted && !negate && value === 'AND') continue;
    else tokens.push(wrap({ kind: 'text', field: 'any', words: wordsOf(value) }));
  }
  return tokens;
}

/** Parses a search as typed. `answerable: false` says why the local index cannot answer it (for logs and tests). */
export function parseLocalQuery(text: string, options: ParseOptions): ParsedQuery {
  let tokens: Token[];
  try {
    tokens = tokenize(text, options);
  } catch (error) {
    if (error instanceof Unanswerable) return { answerable: false, reason: error.message };
    throw error;
  }
  // A term, then `OR term` as often as it comes; a stray OR (first, last, doubled) is ignored, as Gmail does.
  const items: LocalQuery[] = [];
  let position = 0;
  while (position < tokens.length) {
    const token = tokens[position++]!;
    if (token.kind === 'or') continue;
    let node = token.node;
    while (tokens[position]?.kind === 'or') {
      while (tokens[position]?.kind === 'or') position++;
      const next = tokens[position];
      if (next?.kind !== 'term') break;
      position++;
      node =
        node.kind === 'or'
          ? { kind: 'or', items: [...node.items, next.node] }
          : { kind: 'or', items: [node, next.node] };
    }
    items.push(node);
  }
  if (items.length === 0) return { answerable: false, reason: 'nothing to search for' };
  return { answerable: true, query: items.length === 1 ? items[0]! : { kind: 'and', items } };
}
