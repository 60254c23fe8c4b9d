/**
 * Gmail's `snippet` is HTML-escaped (`I&#39;ll`, `&amp;`). Decodes the entities as text, without parsing
 * HTML, so nothing in a snippet can become markup. Done once here, so the list, notifications and the
 * cache all hold the text a person should read.
 */
const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

export function decodeSnippet(snippet: string): string {
  if (!snippet.includes('&')) return snippet;
  return snippet.replace(/&(#\d{1,7}|#x[0-9a-f]{1,6}|[a-z]{2,6});/gi, (entity: string, body: string) => {
    if (body[0] === '#') {
      const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : entity;
    }
    return NAMED_ENTITIES[body.toLowerCase()] ?? entity;
  });
}
