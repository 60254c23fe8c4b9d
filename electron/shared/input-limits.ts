/**
 * How much of a message Glance keeps and shows. Mail is written by its sender: a 2 MB subject, 5,000
 * recipients or a 50 MB body must not slow every list call, fill the local store or freeze the window. The
 * list and the store hold short, capped text; the reader gets more, still bounded; attachment bytes stay in
 * the main process. Pure and dependency-free: the main process and the renderer share it.
 */

/** A list row's subject: RFC 5322's line limit (998 characters), more than any real subject needs. */
export const LIST_SUBJECT_MAX_CHARS = 998;
/** A sender's display name in the list and the store. */
export const LIST_NAME_MAX_CHARS = 256;
/** An address (RFC 5321 allows 64 + 1 + 255 characters). */
export const ADDRESS_MAX_CHARS = 320;
/** Gmail's snippet is about 200 characters; anything longer is cut. */
export const SNIPPET_MAX_CHARS = 1024;
/** The To header as the store keeps it for offline search (`to:`): the first few hundred recipients. */
export const SEARCH_RECIPIENTS_MAX_CHARS = 16 * 1024;

/** The reader's subject: the whole text of any real subject, still bounded. */
export const READER_SUBJECT_MAX_CHARS = 16 * 1024;
/** A name in the reader's header. */
export const READER_NAME_MAX_CHARS = 1024;
/** Recipients the reader receives per field (To, Cc); the true count travels beside them. */
export const READER_RECIPIENTS_MAX = 1000;
/** An attachment's name as the sender wrote it, for display (the saved name has its own byte limit). */
export const ATTACHMENT_NAME_MAX_CHARS = 1024;

/** Attachments listed for one message (a mail of 10,000 tiny parts lists the first ones). */
export const MESSAGE_ATTACHMENTS_MAX = 500;

/** The body text or HTML shown at first: about 2 MB. Longer messages offer "Show the whole message". */
export const BODY_SHOWN_MAX_CHARS = 2_000_000;
/** The most Glance ever shows of a body, even on request; beyond it, Open in Gmail. */
export const BODY_WHOLE_MAX_CHARS = 16_000_000;
/** An inline (cid:) image travels to the reader as a data: URL only up to this size… */
export const INLINE_IMAGE_MAX_BYTES = 512 * 1024;
/** …and only while a message's inline images together stay under this. */
export const INLINE_IMAGES_TOTAL_MAX_BYTES = 4 * 1024 * 1024;

export const ELLIPSIS = '…';

const graphemes =
  typeof Intl !== 'undefined' && 'Segmenter' in Intl
    ? new Intl.Segmenter(undefined, { granularity: 'grapheme' })
    : null;
/** How far back from the cut a grapheme boundary is looked for (longer clusters are cut between code points). */
const GRAPHEME_WINDOW = 64;

/**
 * The longest start of `text` of at most `maxChars` UTF-16 units that ends on a grapheme boundary (never
 * inside a surrogate pair, an emoji sequence or a letter with its accents). Only the last few characters are
 * segmented, so cutting a 2 MB string costs as little as cutting a short one.
 */
export function cutAtBoundary(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  let cut = Math.max(0, maxChars);
  // Never between a high and a low surrogate.
  if (cut > 0 && isHighSurrogate(text.charCodeAt(cut - 1)) && isLowSurrogate(text.charCodeAt(cut))) cut -= 1;
  if (graphemes && cut > 0) {
    const start = Math.max(0, cut - GRAPHEME_WINDOW);
    // The window runs a little past the cut, so the segmenter sees whether the cluster continues.
    const window = text.slice(start, Math.min(text.length, cut + GRAPHEME_WINDOW));
    let boundary = -1;
    for (const { index } of graphemes.segment(window)) {
      if (start + index > cut) break;
      boundary = start + index;
    }
    // boundary 0 with a window starting later means one cluster fills the window: keep the code point cut.
    if (boundary > 0 || start === 0) cut = Math.max(0, boundary);
  }
  return text.slice(0, cut);
}

/** `text` cut to at most `maxChars` characters on a grapheme boundary, ending with "…" when it was cut. */
export function capText(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  return cutAtBoundary(text, maxChars - ELLIPSIS.length) + ELLIPSIS;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}
function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}
