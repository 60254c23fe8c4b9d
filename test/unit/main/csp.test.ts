import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  cspFromHtml,
  developmentCsp,
  parseCsp,
  PRODUCTION_CSP,
  serializeCsp,
  withCspHeader,
} from '../../../electron/main/csp.js';

const rendererHtml = readFileSync(new URL('../../../renderer/index.html', import.meta.url), 'utf8');
const isAppPage = (url: string) => url.startsWith('glance://app/index.html');

describe('the app page CSP', () => {
  it('the header policy is the same policy as the meta tag in renderer/index.html', () => {
    const meta = cspFromHtml(rendererHtml);
    expect(meta, 'renderer/index.html must carry a <meta http-equiv="Content-Security-Policy">').not.toBeNull();
    expect(Object.fromEntries(parseCsp(serializeCsp(PRODUCTION_CSP)))).toEqual(
      Object.fromEntries(parseCsp(meta ?? '')),
    );
  });

  // How strict the policy is, is asserted once, on the meta tag (test/unit/renderer/csp.test.ts); the
  // test above keeps the header equal to it.

  it('adds the dev server only in development, and only to the directives Vite needs', () => {
    const production = serializeCsp(PRODUCTION_CSP);
    expect(production).not.toMatch(/127\.0\.0\.1|localhost|ws:/);
    const dev = parseCsp(serializeCsp(developmentCsp('http://127.0.0.1:5173/')));
    expect(dev.get('script-src')).toContain('http://127.0.0.1:5173');
    expect(dev.get('connect-src')).toEqual(['http://127.0.0.1:5173', 'ws://127.0.0.1:5173']);
    expect(dev.get('object-src')).toEqual(["'none'"]);
    expect(dev.get('default-src')).toEqual(["'none'"]);
    // No source listed twice.
    for (const sources of dev.values()) expect(new Set(sources).size).toBe(sources.length);
  });

  it('reads the meta policy with either quote style and ignores other meta tags', () => {
    expect(
      cspFromHtml(
        `<meta charset="utf-8"><meta http-equiv='Content-Security-Policy' content='default-src &#39;none&#39;'>`,
      ),
    ).toBe("default-src 'none'");
    expect(cspFromHtml('<meta name="viewport" content="width=device-width">')).toBeNull();
  });
});

describe('withCspHeader (session.webRequest.onHeadersReceived)', () => {
  const policy = serializeCsp(PRODUCTION_CSP);

  it('sets the policy on our page, replacing any policy the server sent', () => {
    const result = withCspHeader(
      {
        url: 'glance://app/index.html',
        resourceType: 'mainFrame',
        responseHeaders: { 'content-security-policy': ['default-src *'], 'Content-Type': ['text/html'] },
      },
      isAppPage,
      policy,
    );
    expect(result.responseHeaders).toEqual({ 'Content-Type': ['text/html'], 'Content-Security-Policy': [policy] });
  });

  it('leaves other responses alone', () => {
    expect(withCspHeader({ url: 'https://example.com/', resourceType: 'mainFrame' }, isAppPage, policy)).toEqual({});
    expect(withCspHeader({ url: 'glance://app/index.html', resourceType: 'script' }, isAppPage, policy)).toEqual({});
  });
});
