/**
 * The app page's own scheme, `glance://app/`, instead of `file://` (the Electron security checklist,
 * "Avoid usage of the file protocol and prefer usage of custom protocols"). A file:// page shares its
 * origin with every file on the disk and, unless the GrantFileProtocolExtraPrivileges fuse is off, gets
 * privileges no web page has; a glance://app page is one exact origin, and its handler serves only the
 * files of the built renderer folder, with their right MIME type and the page's CSP header.
 */
import { posix } from 'node:path';
import { serializeCsp, PRODUCTION_CSP } from './csp.js';

export const APP_SCHEME = 'glance';
export const APP_HOST = 'app';
/** The one origin Glance's page has; every trust check compares with it exactly. */
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_PAGE_URL = `${APP_ORIGIN}/index.html`;

/**
 * For `protocol.registerSchemesAsPrivileged` (before the app is ready). `standard` gives the page a real
 * origin (relative URLs, `'self'` in the CSP); `secure` keeps it a secure context; `corsEnabled` lets
 * Chromium load our `<script type="module" crossorigin>` from the same origin. No `bypassCSP`, no service
 * workers, no fetch API: the page talks to the main process only through the preload bridge.
 */
export const APP_SCHEME_PRIVILEGES = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, corsEnabled: true, codeCache: true },
} as const;

/** The types of the files Vite builds into dist/renderer; anything else is not served. */
const MIME_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
};

export type AppRequestTarget =
  | { kind: 'file'; relativePath: string; mimeType: string; isPage: boolean }
  | { kind: 'refused'; status: 400 | 404 | 405; reason: string };

/**
 * Which file under the renderer folder a request names, or why it is refused. Pure, so every hostile
 * spelling is unit-tested: another host, credentials or a port; `..` (plain or escaped); escaped `/`
 * or `\`; a backslash; NUL; hidden files; a type that is not one of ours.
 */
export function resolveAppRequest(method: string, requestUrl: string): AppRequestTarget {
  if (method !== 'GET' && method !== 'HEAD') return { kind: 'refused', status: 405, reason: 'method' };
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return { kind: 'refused', status: 400, reason: 'not a URL' };
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host.toLowerCase() !== APP_HOST || url.username || url.password) {
    return { kind: 'refused', status: 404, reason: 'not the app origin' };
  }
  // Escaped separators and dots could name a folder the check below does not see; our files need none.
  if (/%(2f|5c|2e|00)/i.test(url.pathname) || url.pathname.includes('\\')) {
    return { kind: 'refused', status: 400, reason: 'escaped separator' };
  }
  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return { kind: 'refused', status: 400, reason: 'bad escape' };
  }
  if (pathname.includes('\0')) return { kind: 'refused', status: 400, reason: 'NUL' };
  const segments = pathname.split('/').filter((segment) => segment !== '');
  if (segments.some((segment) => segment === '..' || segment === '.' || segment.startsWith('.'))) {
    return { kind: 'refused', status: 404, reason: 'dot segment' };
  }
  const relativePath = segments.length === 0 ? 'index.html' : posix.join(...segments);
  const mimeType = MIME_TYPES[posix.extname(relativePath).toLowerCase()];
  if (!mimeType) return { kind: 'refused', status: 404, reason: 'type not served' };
  return { kind: 'file', relativePath, mimeType, isPage: relativePath === 'index.html' };
}

export interface AppProtocolOptions {
  /** Reads a file given as path segments under the renderer folder; rejects when it does not exist. */
  readRendererFile: (segments: string[]) => Promise<Uint8Array>;
  /** The page's policy; defaults to the production CSP. */
  csp?: string;
  /** Told why a request was refused (path left out: it may be anything a page asked for). */
  onRefused?: (reason: string) => void;
}

/** The `protocol.handle(APP_SCHEME, …)` handler, over web-standard Request/Response so Node can test it. */
export function createAppProtocolHandler(options: AppProtocolOptions): (request: Request) => Promise<Response> {
  const csp = options.csp ?? serializeCsp(PRODUCTION_CSP);
  return async (request) => {
    const target = resolveAppRequest(request.method, request.url);
    if (target.kind === 'refused') {
      options.onRefused?.(target.reason);
      return new Response(null, { status: target.status, headers: { 'Content-Type': 'text/plain' } });
    }
    let body: Uint8Array;
    try {
      body = await options.readRendererFile(target.relativePath.split('/'));
    } catch {
      options.onRefused?.('no such file');
      return new Response(null, { status: 404, headers: { 'Content-Type': 'text/plain' } });
    }
    const headers: Record<string, string> = {
      'Content-Type': target.mimeType,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'no-cache',
    };
    // The page's policy travels as a header as well as the meta tag (a header cannot be removed by a script).
    if (target.isPage) headers['Content-Security-Policy'] = csp;
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), { status: 200, headers });
  };
}
