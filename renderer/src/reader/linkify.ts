export type TextPart = { kind: 'text'; text: string } | { kind: 'link'; text: string; href: string };

// http(s) URLs, www. hosts and e-mail addresses; trailing punctuation is left out of the link.
const LINK = /\b(?:https?:\/\/[^\s<>"']+|www\.[^\s<>"']+|mailto:[^\s<>"']+|[A-Z0-9._%+-]+@[A-Z0-9.-]+\.[A-Z]{2,})/gi;
const TRAILING = /[.,;:!?)\]}>'"]+$/;

/** Splits plain text into text and link parts. Only http, https and mailto links come out. */
export function linkify(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let last = 0;
  for (const match of text.matchAll(LINK)) {
    const start = match.index;
    let candidate = match[0];
    const trailing = candidate.match(TRAILING);
    if (trailing) candidate = candidate.slice(0, -trailing[0].length);
    if (candidate.length === 0) continue;
    const href = toHref(candidate);
    if (href === null) continue;
    if (start > last) parts.push({ kind: 'text', text: text.slice(last, start) });
    parts.push({ kind: 'link', text: candidate, href });
    last = start + candidate.length;
  }
  if (last < text.length) parts.push({ kind: 'text', text: text.slice(last) });
  return parts;
}

function toHref(candidate: string): string | null {
  let href: string;
  if (/^https?:\/\//i.test(candidate) || /^mailto:/i.test(candidate)) href = candidate;
  else if (/^www\./i.test(candidate)) href = `https://${candidate}`;
  else if (candidate.includes('@')) href = `mailto:${candidate}`;
  else return null;
  try {
    const url = new URL(href);
    return ['http:', 'https:', 'mailto:'].includes(url.protocol) ? url.href : null;
  } catch {
    return null;
  }
}
