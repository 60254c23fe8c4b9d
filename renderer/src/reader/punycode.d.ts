/** punycode.js ships no types; Glance uses only these two (RFC 3492 / IDNA host conversion). */
declare module 'punycode/punycode.es6.js' {
  export function toUnicode(domain: string): string;
  export function toASCII(domain: string): string;
}
