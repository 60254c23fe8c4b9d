/**
 * The Content-Security-Policy of the app page, sent as a response header for our page (the renderer's
 * `<meta>` tag in renderer/index.html carries the same production policy; a unit test keeps them equal).
 * The header matters because it is the preferred delivery and cannot be removed by a page script; in
 * production the glance://app handler (app-protocol.ts) sends it with the page, and `withCspHeader`
 * sets it on the dev server's page. The meta tag is the same policy, for any path a header misses.
 */

/** Directive name → sources, in the order they are written. */
export type CspDirectives = ReadonlyArray<readonly [directive: string, sources: readonly string[]]>;

/**
 * Production policy. Keep equal to the meta tag in renderer/index.html (test/unit/main/csp.test.ts),
 * whose comment explains each allowance. In short:
 * - scripts only from our own files; no inline script, no eval;
 * - `style-src 'unsafe-inline'` and `img-src https: http:` exist for the reader's sandboxed `srcdoc`
 *   mail frame, which inherits this policy and adds its own stricter one (remote images stay blocked
 *   until the person clicks Show);
 * - `connect-src 'none'`: the page talks to the main process only through the preload API.
 */
export const PRODUCTION_CSP: CspDirectives = [
  ['default-src', ["'none'"]],
  ['script-src', ["'self'"]],
  ['style-src', ["'self'", "'unsafe-inline'"]],
  ['img-src', ["'self'", 'data:', 'blob:', 'https:', 'http:']],
  ['font-src', ["'self'", 'data:']],
  ['frame-src', ["'self'", 'about:']],
  ['connect-src', ["'none'"]],
  ['media-src', ["'none'"]],
  ['object-src', ["'none'"]],
  ['base-uri', ["'none'"]],
  ['form-action', ["'none'"]],
];

/**
 * Development adds only what Vite's dev server needs: its origin for modules, its websocket for hot
 * reload, and inline styles/scripts it injects (React Fast Refresh preamble, CSS hot update).
 */
export function developmentCsp(devServerOrigin: string): CspDirectives {
  const origin = new URL(devServerOrigin).origin;
  const websocket = origin.replace(/^http/, 'ws');
  const add: Record<string, string[]> = {
    'script-src': [origin, "'unsafe-inline'"],
    'style-src': [origin, "'unsafe-inline'"],
    'img-src': [origin],
    'font-src': [origin],
    'connect-src': [origin, websocket],
  };
  return PRODUCTION_CSP.map(([name, sources]) => {
    const extra = add[name];
    if (!extra) return [name, sources] as const;
    // `'none'` cannot be combined with other sources.
    const kept = sources.filter((source) => source !== "'none'");
    return [name, [...new Set([...kept, ...extra])]] as const;
  });
}

export function serializeCsp(directives: CspDirectives): string {
  return directives.map(([name, sources]) => [name, ...sources].join(' ')).join('; ');
}

/** Parses a policy string into a normalised map (directive → sorted sources), for comparing policies. */
export function parseCsp(policy: string): Map<string, string[]> {
  const parsed = new Map<string, string[]>();
  for (const part of policy.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/).filter(Boolean);
    if (!name) continue;
    parsed.set(name.toLowerCase(), [...sources].sort());
  }
  return parsed;
}

/** Finds the policy of the `<meta http-equiv="Content-Security-Policy">` tag in an HTML document. */
export function cspFromHtml(html: string): string | null {
  for (const tag of html.match(/<meta\b[^>]*>/gi) ?? []) {
    if (!/http-equiv\s*=\s*["']?content-security-policy["']?/i.test(tag)) continue;
    const content = /content\s*=\s*"([^"]*)"|content\s*=\s*'([^']*)'/i.exec(tag);
    if (content) return (content[1] ?? content[2] ?? '').replace(/&#39;|&apos;/g, "'").replace(/&quot;/g, '"');
  }
  return null;
}

export interface HeadersDetails {
  url: string;
  resourceType: string;
  responseHeaders?: Record<string, string[]>;
}

/**
 * The `onHeadersReceived` decision: our page (main frame at the app URL) gets the policy; everything
 * else keeps its headers untouched. Any CSP header already present is replaced, never merged, so a
 * server (the Vite dev server) cannot loosen it.
 */
export function withCspHeader(
  details: HeadersDetails,
  isAppPage: (url: string) => boolean,
  policy: string,
): { responseHeaders?: Record<string, string[]> } {
  if (details.resourceType !== 'mainFrame' || !isAppPage(details.url)) return {};
  const headers: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(details.responseHeaders ?? {})) {
    if (name.toLowerCase() === 'content-security-policy') continue;
    headers[name] = value;
  }
  headers['Content-Security-Policy'] = [policy];
  return { responseHeaders: headers };
}
