import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const html = readFileSync(new URL('../../../renderer/index.html', import.meta.url), 'utf8');

function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .filter((tokens) => tokens[0])
      .map(([name, ...values]) => [name!, values]),
  );
}

describe('renderer/index.html', () => {
  it('carries exactly one strict Content-Security-Policy meta and no inline script', () => {
    const metas = [...html.matchAll(/<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]+)"/g)];
    expect(metas).toHaveLength(1);
    const policy = directives(metas[0]![1]!);
    expect(policy.get('default-src')).toEqual(["'none'"]);
    expect(policy.get('script-src')).toEqual(["'self'"]);
    expect(policy.get('connect-src')).toEqual(["'none'"]);
    expect(policy.get('object-src')).toEqual(["'none'"]);
    expect(policy.get('base-uri')).toEqual(["'none'"]);
    expect(policy.get('form-action')).toEqual(["'none'"]);
    // Frames: only our own page and the srcdoc mail frame; never a remote origin.
    expect(policy.get('frame-src')?.every((source) => ["'none'", "'self'", 'about:'].includes(source))).toBe(true);
    expect(metas[0]![1]).not.toMatch(/unsafe-eval|\*/);
    // Scripts only from files: no inline <script> body.
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(html).toMatch(/<div id="root" data-app-state="loading"><\/div>/);
  });
});
