import { Fragment, type ReactNode } from 'react';

const OPEN = '\uE000';
const CLOSE = '\uE001';
const MARKER = /\uE000(\w+)\uE001/;

/**
 * A translated sentence with elements inside it (a key in `<kbd>`, a host in `<strong>`). The catalogue keeps
 * plain ICU placeholders (`{host}`), so every language, pseudo-locales included, moves them where its word
 * order wants; `translate` gets a marker per placeholder, and each marker becomes its element here.
 */
export function withElements<Name extends string>(
  translate: (values: Record<Name, string>) => string,
  elements: Record<Name, ReactNode>,
): ReactNode[] {
  const markers = Object.fromEntries(Object.keys(elements).map((name) => [name, `${OPEN}${name}${CLOSE}`])) as Record<
    Name,
    string
  >;
  // split with a capture group: text, name, text, name, …, text.
  return translate(markers)
    .split(MARKER)
    .map((part, index) =>
      index % 2 === 0 ? part : <Fragment key={`${part}-${index}`}>{elements[part as Name] ?? part}</Fragment>,
    )
    .filter((part) => part !== '');
}
