/**
 * Which URLs Glance will hand to the system browser or mail client. Mail is hostile input: a link in a
 * message may say anything, so only web and mailto links leave the app, and only through this check.
 */
const ALLOWED_PROTOCOLS = new Set(['https:', 'http:', 'mailto:']);

export function isAllowedExternalUrl(candidate: string): boolean {
  if (typeof candidate !== 'string' || candidate.length > 8192) return false;
  let url: URL;
  try {
    url = new URL(candidate);
  } catch {
    return false;
  }
  if (!ALLOWED_PROTOCOLS.has(url.protocol)) return false;
  // Credentials in a link (https://user:pass@host) are a classic phishing disguise.
  if (url.username !== '' || url.password !== '') return false;
  if (url.protocol !== 'mailto:' && url.hostname === '') return false;
  return true;
}

/** The Gmail web URL for one message of one account, for "Open in Gmail". */
export function gmailWebUrl(email: string, messageId: string): string {
  return `https://mail.google.com/mail/u/?authuser=${encodeURIComponent(email)}#all/${encodeURIComponent(messageId)}`;
}
