/**
 * Which blocked remote images look like trackers: the "open pixel" a sender puts in mail to learn when, where
 * and on what device it was read. Three signs: a 1×1 (or 0×0) image, an image hidden from view, or an image
 * served from a host known to serve email open-tracking pixels.
 *
 * No maintained library lists email open-tracking hosts (ad-block lists such as EasyPrivacy are web-page
 * lists in filter syntax, far larger than this needs), so TRACKING_DOMAINS is a small list kept here: the
 * open-tracking domains of widely used mail services, matched by registrable domain (through tldts), so
 * every subdomain counts. A miss only means an image is counted as an image; nothing here decides what loads.
 */
import { getDomain } from 'tldts';
import { i18n } from '../i18n/i18n.js';

/**
 * Registrable domains that serve only tracking (any subdomain counts), or exact hosts where the service's
 * domain also serves ordinary images; each with the service it belongs to.
 */
export const TRACKING_DOMAINS: ReadonlyMap<string, string> = new Map([
  ['list-manage.com', 'Mailchimp'],
  ['mandrillapp.com', 'Mailchimp Transactional (Mandrill)'],
  ['sendgrid.net', 'SendGrid'],
  ['awstrack.me', 'Amazon SES'],
  ['pstmrk.it', 'Postmark'],
  ['mjt.lu', 'Mailjet'],
  ['exct.net', 'Salesforce Marketing Cloud'],
  ['pi.pardot.com', 'Salesforce Pardot'],
  ['en25.com', 'Oracle Eloqua'],
  ['hubspotemail.net', 'HubSpot'],
  ['hubspotlinks.com', 'HubSpot'],
  ['klaviyomail.com', 'Klaviyo'],
  ['customeriomail.com', 'Customer.io'],
  ['createsend1.com', 'Campaign Monitor'],
  ['cmail19.com', 'Campaign Monitor'],
  ['cmail20.com', 'Campaign Monitor'],
  ['emltrk.com', 'Litmus'],
  ['mailtrack.io', 'Mailtrack'],
  ['t.yesware.com', 'Yesware'],
  ['mailfoogae.appspot.com', 'Streak'],
  ['r.superhuman.com', 'Superhuman'],
  ['google-analytics.com', 'Google Analytics'],
  ['doubleclick.net', 'Google DoubleClick'],
  ['api.mixpanel.com', 'Mixpanel'],
]);

/** A remote image URL served from a known tracking host. */
export function isTrackingHost(url: string): boolean {
  let hostname: string;
  try {
    hostname = new URL(url.trim().startsWith('//') ? `https:${url.trim()}` : url.trim()).hostname.toLowerCase();
  } catch {
    return false;
  }
  return TRACKING_DOMAINS.has(hostname) || TRACKING_DOMAINS.has(getDomain(hostname) ?? '');
}

/** An `<img>` sized 1×1 or smaller, or hidden by attribute or inline style. */
export function isPixelOrHidden(element: Element): boolean {
  if (element.hasAttribute('hidden')) return true;
  const style = (element.getAttribute('style') ?? '').toLowerCase().replace(/\s+/g, '');
  if (/(?:^|;)display:none|(?:^|;)visibility:hidden|(?:^|;)opacity:0(?:\.0*)?(?:;|$|!)/.test(style)) return true;
  const width = dimension(element.getAttribute('width')) ?? cssDimension(style, 'width');
  const height = dimension(element.getAttribute('height')) ?? cssDimension(style, 'height');
  if ((width !== null && width < 1) || (height !== null && height < 1)) return true;
  return width !== null && height !== null && width <= 1 && height <= 1;
}

/** A blocked remote image that looks like a tracker (pixel, hidden, or known tracking host). */
export function looksLikeTracker(element: Element, url: string): boolean {
  return isPixelOrHidden(element) || isTrackingHost(url);
}

/** The privacy bar's words: "3 images and 2 trackers blocked", "1 tracker blocked", "2 images blocked". */
export function blockedSummary(remoteImages: number, trackers: number): string {
  const images = Math.max(0, remoteImages - trackers);
  if (images > 0 && trackers > 0) return i18n.t('reader:remote.blockedBoth', { images, trackers });
  if (images > 0) return i18n.t('reader:remote.blockedImages', { images });
  if (trackers > 0) return i18n.t('reader:remote.blockedTrackers', { trackers });
  return i18n.t('reader:remote.blockedNone');
}

function dimension(value: string | null): number | null {
  if (value === null) return null;
  const match = /^\s*(\d+(?:\.\d+)?)\s*(?:px)?\s*$/i.exec(value);
  return match ? Number(match[1]) : null;
}

function cssDimension(style: string, property: 'width' | 'height'): number | null {
  const match = new RegExp(`(?:^|;)${property}:(\\d+(?:\\.\\d+)?)px`).exec(style);
  return match ? Number(match[1]) : null;
}
