/**
 * Google's partial-response `fields` parameter (the "Performance tips" page of every Google API, the
 * Gmail one included): `a,b` selects several fields, `a/b` a field inside another, `a(b,c)` several
 * fields inside one, `*` every field at that level. Arrays are transparent: `messages/id` keeps `id` of
 * every element. A selection that names a field the resource does not have, or does not parse, is a
 * 400 ("Invalid field selection …"). Error bodies are never trimmed.
 *
 * Sourced: the syntax above and "invalid → 400 Bad Request with a message saying what was wrong"
 * [DOC performance guides]; Drive answers `Invalid field selection <name>` for an unknown name [OBS
 * public client code quoting it]. Guessed (UNSOURCED): `.` accepted as well as `/` (a third-party note
 * says the FieldMask header takes both), spaces around names allowed, the 400's `reason`/`location`,
 * the message for a syntax error (the whole expression), an empty `fields=` meaning no selection, a
 * selected object whose selected fields are all absent kept as `{}`.
 */

/** One level of a selection: everything (`all`), or the listed fields, each with its own selection. */
export interface FieldSelection {
  all: boolean;
  fields: Map<string, FieldSelection>;
}

export class FieldSelectionError extends Error {
  constructor(readonly selection: string) {
    super(`Invalid field selection ${selection}`);
    this.name = 'FieldSelectionError';
  }
}

const everything = (): FieldSelection => ({ all: true, fields: new Map() });

function merge(into: FieldSelection, from: FieldSelection): void {
  if (from.all) {
    into.all = true;
    into.fields.clear();
  }
  if (into.all) return;
  for (const [name, child] of from.fields) {
    const existing = into.fields.get(name);
    if (existing) merge(existing, child);
    else into.fields.set(name, child);
  }
}

/** Parses a `fields` expression. Throws FieldSelectionError (naming the whole expression) when it does not parse. */
export function parseFieldSelection(expression: string): FieldSelection {
  let position = 0;
  const fail = (): never => {
    throw new FieldSelectionError(expression);
  };
  const skipSpaces = () => {
    while (expression[position] === ' ') position++;
  };
  const readName = (): string => {
    skipSpaces();
    if (expression[position] === '*') {
      position++;
      return '*';
    }
    const match = /^[A-Za-z_][A-Za-z0-9_]*/.exec(expression.slice(position));
    if (!match) return fail();
    position += match[0].length;
    return match[0];
  };
  /** `path [ '(' list ')' ]` merged into `into`. */
  const readItem = (into: FieldSelection): void => {
    const path = [readName()];
    skipSpaces();
    while (expression[position] === '/' || expression[position] === '.') {
      position++;
      path.push(readName());
      skipSpaces();
    }
    let leaf = everything();
    if (expression[position] === '(') {
      position++;
      leaf = readList();
      skipSpaces();
      if (expression[position] !== ')') fail();
      position++;
    }
    // `*` selects a whole level, so it can only end a path and takes no sub-selection.
    const star = path.indexOf('*');
    if (star >= 0 && (star !== path.length - 1 || !leaf.all)) fail();
    let selection = leaf;
    for (let index = path.length - 1; index >= 0; index--) {
      const name = path[index] ?? '';
      selection = name === '*' ? everything() : { all: false, fields: new Map([[name, selection]]) };
    }
    merge(into, selection);
  };
  const readList = (): FieldSelection => {
    const list: FieldSelection = { all: false, fields: new Map() };
    readItem(list);
    skipSpaces();
    while (expression[position] === ',') {
      position++;
      readItem(list);
      skipSpaces();
    }
    return list;
  };
  const selection = readList();
  skipSpaces();
  if (position !== expression.length) fail();
  return selection;
}

/** A resource's shape, as far as `fields` needs it: which fields it has and which of them are objects. */
export interface ResourceShape {
  name: string;
  /** Field name → the shape of its value (objects and arrays of objects), or null for scalars and arrays of them. */
  fields(): Record<string, ResourceShape | null>;
}

/** Throws FieldSelectionError naming the first field `shape` does not have (or a sub-selection of a scalar). */
export function checkFieldSelection(selection: FieldSelection, shape: ResourceShape): void {
  if (selection.all) return;
  const known = shape.fields();
  for (const [name, child] of selection.fields) {
    if (!(name in known)) throw new FieldSelectionError(name);
    const childShape = known[name];
    if (childShape) checkFieldSelection(child, childShape);
    else if (!child.all) throw new FieldSelectionError(name);
  }
}

/** The parts of a JSON value the selection keeps, in the value's own key order. */
export function applyFieldSelection(value: unknown, selection: FieldSelection): unknown {
  if (selection.all) return value;
  if (Array.isArray(value)) return value.map((item) => applyFieldSelection(item, selection));
  if (value === null || typeof value !== 'object') return value;
  const kept: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    const wanted = selection.fields.get(key);
    if (wanted) kept[key] = applyFieldSelection(child, wanted);
  }
  return kept;
}
