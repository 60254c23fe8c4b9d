import createDOMPurify from 'dompurify';
import { looksLikeTracker } from './trackers.js';

export interface SanitizeOptions {
  /** Load remote images (http/https) — only after the person asked for it. */
  allowRemoteImages: boolean;
  /** Content-ID (lower-case, no brackets) → data: URL of the inline image part. */
  cidUrls: ReadonlyMap<string, string>;
}

export interface SanitizedMail {
  /** Body HTML, safe to put in the sandboxed mail frame. */
  html: string;
  /** Remote image references found (img src/srcset, background, CSS url()); held back unless allowed. */
  remoteImages: number;
  /** Remote stylesheets and CSS imports removed; these never load. */
  removedStylesheets: number;
  /** Of `remoteImages`, the `<img>`s that look like trackers: 1×1, hidden, or from a known tracking host. */
  trackers: number;
}

/** Tags that load or submit things, or have no business in mail shown in a sandbox. */
const FORBIDDEN_TAGS = [
  'script',
  'link',
  'meta',
  'base',
  'form',
  'input',
  'button',
  'select',
  'textarea',
  'option',
  'iframe',
  'frame',
  'frameset',
  'object',
  'embed',
  'applet',
  'audio',
  'video',
  'source',
  'track',
  'portal',
  'template',
  'noscript',
];
const FORBIDDEN_ATTRIBUTES = ['srcdoc', 'formaction', 'ping', 'action', 'poster', 'xlink:href', 'usemap'];

const REMOTE_URL = /^\s*(?:https?:)?\/\//i;
const CSS_URL = /url\(\s*(['"]?)([^'")]*)\1\s*\)/gi;
const CSS_IMPORT = /@import\s+[^;]+;?/gi;
const LINK_PROTOCOLS = /^(?:https?|mailto):/i;
/**
 * A CSS url() exactly as `rewriteCss` leaves an embedded (data: or resolved cid:) image: a quoted base64
 * image with nothing inside that could end the string or open another token.
 */
const EMBEDDED_IMAGE_URL = /url\("data:image\/[a-z0-9.+-]+;base64,[a-z0-9+/=]*"\)/gi;
/**
 * CSS that can still reach the network after `rewriteCss`: a url() it could not parse (odd quoting),
 * image-set() with bare strings, an @import without a space, or any backslash escape (`\75 rl(` is url().
 */
const CSS_REMOTE_RISK = /url\(|image-set|@import|\\/i;
/** A declaration, selector or at-rule prelude (embedded image urls kept whole), or one separator. */
const CSS_PIECE = new RegExp(`(?:${EMBEDDED_IMAGE_URL.source}|[^;{}])+|[;{}]`, 'gi');

/**
 * Sanitizes mail HTML with DOMPurify, then neutralises everything that would reach the network: remote
 * `src`/`srcset`/`background`, CSS `url()` and `@import` are removed (remote images are kept only when
 * allowed; remote stylesheets never load), `cid:` images become data: URLs, and links lose any `target`
 * (the reader's link guard opens them through the main process's allowlist).
 * The frame's own CSP blocks the same loads a second time; this step does not rely on it.
 */
export function sanitizeMailHtml(
  dirty: string,
  options: SanitizeOptions,
  targetWindow: Window & typeof globalThis = window,
): SanitizedMail {
  const purify = createDOMPurify(targetWindow);
  let remoteImages = 0;
  let removedStylesheets = 0;
  let trackers = 0;

  const resolveImageUrl = (value: string): string | null => {
    const trimmed = value.trim();
    if (/^cid:/i.test(trimmed)) {
      return options.cidUrls.get(decodeCid(trimmed.slice(4))) ?? null;
    }
    if (REMOTE_URL.test(trimmed)) {
      remoteImages += 1;
      if (!options.allowRemoteImages) return null;
      return trimmed.startsWith('//') ? `https:${trimmed}` : trimmed;
    }
    if (/^data:image\/(?:png|gif|jpe?g|webp|bmp|x-icon|avif);/i.test(trimmed)) return trimmed;
    return null;
  };

  const rewriteCss = (css: string): string => {
    const rewritten = css
      .replace(CSS_IMPORT, () => {
        removedStylesheets += 1;
        return '';
      })
      .replace(CSS_URL, (_match, _quote: string, url: string) => {
        const resolved = resolveImageUrl(url);
        return resolved === null ? 'none' : `url("${resolved.replace(/["\\\r\n]/g, '')}")`;
      });
    return options.allowRemoteImages ? dropImports(rewritten) : dropRemoteRisks(rewritten);
  };

  // The regexes above parse CSS loosely; a hostile mail can word a load so they miss it. While remote
  // content is hidden, every piece of CSS that still could load something is dropped and counted, so the
  // "Show" bar appears. The frame's CSP blocks the same loads; this step does not rely on it.
  // Splitting ignores CSS strings, which only makes it drop more: none of the risky words contains a
  // separator, so what is kept cannot join into one.
  const dropRemoteRisks = (css: string): string =>
    (css.match(CSS_PIECE) ?? [])
      .map((piece) => {
        if (!hasRemoteRisk(piece)) return piece;
        remoteImages += 1;
        return '';
      })
      .join('');

  // Remote stylesheets never load, even after Show: drop any @import the loose regex missed.
  const dropImports = (css: string): string =>
    (css.match(CSS_PIECE) ?? [])
      .map((piece) => {
        if (!/@import/i.test(piece)) return piece;
        removedStylesheets += 1;
        return '';
      })
      .join('');

  purify.addHook('uponSanitizeElement', (node, data) => {
    // <style> text is CSS, not HTML: drop imports and remote url()s (fonts, backgrounds, stylesheets).
    if (data.tagName === 'style' && node.textContent) {
      node.textContent = rewriteCss(node.textContent);
    }
    if (data.tagName === 'link') removedStylesheets += 1;
  });

  purify.addHook('afterSanitizeAttributes', (node) => {
    const element = node as Element;
    if (typeof element.getAttribute !== 'function') return;
    const tag = element.tagName.toLowerCase();

    if (tag === 'a' || tag === 'area') {
      const href = element.getAttribute('href');
      if (href !== null && !LINK_PROTOCOLS.test(href.trim())) element.removeAttribute('href');
      // No target: the reader's link guard (MailFrame) opens links after checking them; a link never opens
      // a window by itself (the frame has no allow-popups).
      element.removeAttribute('target');
      element.setAttribute('rel', 'noopener noreferrer');
    }

    for (const attribute of ['src', 'background']) {
      const value = element.getAttribute(attribute);
      if (value === null) continue;
      if (tag === 'img' && attribute === 'src' && REMOTE_URL.test(value) && looksLikeTracker(element, value)) {
        trackers += 1;
      }
      const resolved = tag === 'img' || attribute === 'background' ? resolveImageUrl(value) : null;
      if (resolved === null) {
        element.removeAttribute(attribute);
        if (tag === 'img') element.setAttribute('data-glance-blocked', '');
      } else {
        element.setAttribute(attribute, resolved);
      }
    }

    const srcset = element.getAttribute('srcset');
    if (srcset !== null) {
      const kept = srcset
        .split(',')
        .map((candidate) => candidate.trim())
        .filter((candidate) => candidate.length > 0)
        .map((candidate) => {
          const [url = '', ...descriptor] = candidate.split(/\s+/);
          const resolved = resolveImageUrl(url);
          return resolved === null ? null : [resolved, ...descriptor].join(' ');
        })
        .filter((candidate): candidate is string => candidate !== null);
      if (kept.length > 0) element.setAttribute('srcset', kept.join(', '));
      else element.removeAttribute('srcset');
    }

    const style = element.getAttribute('style');
    if (style !== null) {
      const rewritten = rewriteCss(style);
      if (rewritten.trim() === '') element.removeAttribute('style');
      else if (rewritten !== style) element.setAttribute('style', rewritten);
    }
  });

  const html = purify.sanitize(dirty, {
    USE_PROFILES: { html: true },
    FORBID_TAGS: FORBIDDEN_TAGS,
    FORBID_ATTR: FORBIDDEN_ATTRIBUTES,
    ADD_ATTR: ['target'],
    // Keep <style> blocks that mail puts in <head>; the parser would otherwise drop them.
    FORCE_BODY: true,
    ALLOW_UNKNOWN_PROTOCOLS: false,
    // Allow cid: so the hook above sees (and rewrites) inline image references.
    ALLOWED_URI_REGEXP: /^(?:(?:https?|mailto|cid|data):|[^a-z]|[a-z+.-]+(?:[^a-z+.\-:]|$))/i,
  });
  purify.removeAllHooks();
  return { html, remoteImages, removedStylesheets, trackers };
}

function hasRemoteRisk(css: string): boolean {
  return CSS_REMOTE_RISK.test(css.replace(EMBEDDED_IMAGE_URL, ''));
}

function decodeCid(reference: string): string {
  try {
    return decodeURIComponent(reference).replace(/^<|>$/g, '').toLowerCase();
  } catch {
    return reference.toLowerCase();
  }
}

/** The frame's own policy: nothing but inline styles and embedded images, unless remote images were allowed. */
export function mailFrameCsp(allowRemoteImages: boolean): string {
  const images = allowRemoteImages ? 'data: https: http:' : 'data:';
  return `default-src 'none'; img-src ${images}; style-src 'unsafe-inline'; font-src data:; form-action 'none'; base-uri 'none'`;
}

/** A complete document for the mail frame's `srcdoc`. */
export function mailFrameDocument(bodyHtml: string, allowRemoteImages: boolean): string {
  return [
    '<!doctype html><html><head><meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${mailFrameCsp(allowRemoteImages)}">`,
    '<meta name="color-scheme" content="light">',
    '<meta name="referrer" content="no-referrer">',
    '<style>',
    'html{background:#fff;color:#1d1d1f}',
    'body{margin:0;padding:20px 24px;font:14px/1.5 -apple-system,BlinkMacSystemFont,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;word-wrap:break-word;overflow-wrap:anywhere}',
    'img{max-width:100%;height:auto}',
    'img[data-glance-blocked]{display:inline-block;min-width:16px;min-height:16px;background:#f1f1f4;outline:1px dashed #c7c7cc}',
    'table{max-width:100%}',
    'a{color:#0a63d6}',
    'pre{white-space:pre-wrap}',
    '</style></head><body dir="auto">',
    bodyHtml,
    '</body></html>',
  ].join('');
}
