/**
 * Which URLs Glance will hand to the system browser or mail client. Mail is hostile input: a link in a
 * message may say anything, so only web and mailto links leave the app, and only through this check.
 */
const ALLOWED_PROTOCOLS = new Set(['https:', 'http:', 'mailto:']);
const MAX_URL_LENGTH = 8192;
/**
 * The only mailto fields Glance passes on (RFC 6068 names them case-insensitively). Others are dropped:
 * some mail clients honour `attach=`/`attachment=` and would attach a local file (`~/.ssh/id_rsa`).
 */
const MAILTO_FIELDS = new Set(['to', 'cc', 'bcc', 'subject', 'body']);

/**
 * The URL to hand to the system browser or mail app, or null when Glance must not open it: only http,
 * https and mailto, no credentials in web links, and mailto links rebuilt from their addresses and the
 * to/cc/bcc/subject/body fields only.
 */
export function normalizeExternalUrl(candidate: string): string | null {
  if (typeof candidate !== 'string' || candidate.length > MAX_URL_LENGTH) return null;
  let url: URL;
  try {
    url = new URL(candidate);
  } catch {
    return null;
  }
  if (!ALLOWED_PROTOCOLS.has(url.protocol)) return null;
  // Credentials in a link (https://user:pass@host) are a classic phishing disguise.
  if (url.username !== '' || url.password !== '') return null;
  const normalized = url.protocol === 'mailto:' ? normalizeMailto(url) : url.hostname === '' ? null : url.toString();
  return normalized !== null && normalized.length <= MAX_URL_LENGTH ? normalized : null;
}

export function isAllowedExternalUrl(candidate: string): boolean {
  return normalizeExternalUrl(candidate) !== null;
}

/** Decodes and re-encodes every part, so nothing encoded in the address or a value can become a new field. */
function normalizeMailto(url: URL): string | null {
  const addresses = decodeMailtoPart(url.pathname);
  // A `?` or line break hidden in the address could start new fields in a client that decodes twice.
  if (addresses === null || /[?\p{Cc}]/u.test(addresses)) return null;
  const fields: string[] = [];
  for (const pair of url.search.replace(/^\?/, '').split('&')) {
    if (pair === '') continue;
    const separator = pair.indexOf('=');
    const name = decodeMailtoPart(separator === -1 ? pair : pair.slice(0, separator))?.toLowerCase();
    const value = decodeMailtoPart(separator === -1 ? '' : pair.slice(separator + 1));
    if (name === undefined || value === null) return null;
    if (MAILTO_FIELDS.has(name)) fields.push(`${name}=${encodeMailtoPart(value)}`);
  }
  return `mailto:${encodeMailtoPart(addresses)}${fields.length > 0 ? `?${fields.join('&')}` : ''}`;
}

/** Everything but letters, digits and `-_.!~*'()@,` escaped (`@` and `,` kept so addresses stay readable). */
function encodeMailtoPart(text: string): string {
  return encodeURIComponent(text).replace(/%40/g, '@').replace(/%2C/g, ',');
}

/** Percent-decoding only: in mailto, `+` is a plus sign, not a space. Null for a malformed escape. */
function decodeMailtoPart(part: string): string | null {
  try {
    return decodeURIComponent(part);
  } catch {
    return null;
  }
}

/** The Gmail web URL for one message of one account, for "Open in Gmail". */
export function gmailWebUrl(email: string, messageId: string): string {
  return `https://mail.google.com/mail/u/?authuser=${encodeURIComponent(email)}#all/${encodeURIComponent(messageId)}`;
}
