import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve, sep } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  APP_ORIGIN,
  APP_PAGE_URL,
  APP_SCHEME_PRIVILEGES,
  createAppProtocolHandler,
  resolveAppRequest,
} from '../../../electron/main/app-protocol.js';
import { parseCsp, PRODUCTION_CSP, serializeCsp } from '../../../electron/main/csp.js';

let root = '';
let rendererDir = '';
let handler: (request: Request) => Promise<Response>;
const refusals: string[] = [];
const readsOutside: string[] = [];

beforeAll(async () => {
  // A data folder beside the renderer folder holds a secret a traversal would reach.
  root = await mkdtemp(join(tmpdir(), 'glance-app-protocol-'));
  rendererDir = join(root, 'dist', 'renderer');
  await mkdir(join(rendererDir, 'assets'), { recursive: true });
  await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>Glance</title>');
  await writeFile(join(rendererDir, 'assets', 'index-abc.js'), 'console.log(1)');
  await writeFile(join(rendererDir, 'assets', 'index-abc.css'), 'body{}');
  await writeFile(join(rendererDir, 'assets', 'logo.svg'), '<svg/>');
  await writeFile(join(rendererDir, '.env'), 'SECRET=1');
  await writeFile(join(root, 'secret.json'), '{"refresh_token":"1//secret"}');
  handler = createAppProtocolHandler({
    readRendererFile: (segments) => {
      const path = resolve(rendererDir, ...segments);
      // The handler must never ask for a file outside the renderer folder.
      if (!path.startsWith(rendererDir + sep)) readsOutside.push(path);
      return readFile(path);
    },
    onRefused: (reason) => refusals.push(reason),
  });
});

afterAll(async () => {
  if (root) await rm(root, { recursive: true, force: true });
});

const get = (url: string, method = 'GET') => handler(new Request(url, { method }));

describe('the glance://app scheme', () => {
  it('is standard and secure, and bypasses nothing', () => {
    expect(APP_SCHEME_PRIVILEGES).toEqual({
      scheme: 'glance',
      privileges: { standard: true, secure: true, corsEnabled: true, codeCache: true },
    });
    expect(APP_PAGE_URL).toBe(`${APP_ORIGIN}/index.html`);
  });

  it('serves the page with its CSP header and every built file with its own type', async () => {
    const page = await get(APP_PAGE_URL);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(Object.fromEntries(parseCsp(page.headers.get('content-security-policy') ?? ''))).toEqual(
      Object.fromEntries(parseCsp(serializeCsp(PRODUCTION_CSP))),
    );
    expect(await page.text()).toContain('<title>Glance</title>');
    expect((await get('glance://app/')).status).toBe(200);

    const script = await get('glance://app/assets/index-abc.js');
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(script.headers.get('content-security-policy')).toBeNull();
    expect(await script.text()).toBe('console.log(1)');
    expect((await get('glance://app/assets/index-abc.css')).headers.get('content-type')).toBe(
      'text/css; charset=utf-8',
    );
    expect((await get('glance://app/assets/logo.svg')).headers.get('content-type')).toBe('image/svg+xml');
    const head = await get(APP_PAGE_URL, 'HEAD');
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it.each([
    ['a missing file', 'glance://app/assets/missing.js', 404],
    ['a file type we do not build', 'glance://app/assets/index-abc.exe', 404],
    ['a hidden file', 'glance://app/.env', 404],
    ['another host', 'glance://evil/index.html', 404],
    ['a port', 'glance://app:1/index.html', 404],
    ['an escaped slash', 'glance://app/assets%2Findex-abc.js', 400],
    ['an escaped backslash', 'glance://app/..%5C..%5Csecret.json', 400],
    ['escaped dots (the URL parser resolves them at the root)', 'glance://app/%2e%2e/%2e%2e/secret.json', 404],
    ['an escaped NUL', 'glance://app/index.html%00.js', 400],
    ['another scheme', 'file:///etc/passwd', 404],
  ])('refuses %s', async (_name, url, status) => {
    const response = await get(url);
    expect(response.status).toBe(status);
    expect(await response.text()).toBe('');
  });

  it('a plain `..` stops at the origin root, so it names a file inside the renderer folder', async () => {
    expect(resolveAppRequest('GET', 'glance://app/assets/x/../../../secret.json')).toMatchObject({
      kind: 'file',
      relativePath: 'secret.json',
    });
    expect((await get('glance://app/assets/../../../secret.json')).status).toBe(404);
    expect(resolveAppRequest('GET', 'glance://app/a\\..\\..\\secret.json')).toMatchObject({ kind: 'refused' });
  });

  it('refuses credentials in the URL (a Request cannot even carry them)', () => {
    expect(resolveAppRequest('GET', 'glance://user:pw@app/index.html')).toMatchObject({ kind: 'refused', status: 404 });
  });

  it.each(['POST', 'PUT', 'DELETE', 'OPTIONS'])('refuses %s', async (method) => {
    expect((await get(APP_PAGE_URL, method)).status).toBe(405);
  });

  it('never reads a file outside the renderer folder, whatever path a page asks for (fast-check)', async () => {
    const segment = fc.oneof(
      fc.constantFrom('..', '.', '%2e%2e', '%2E.', '..%2f', '..%5c', '%00', 'assets', 'index.html', '', '~', 'C:'),
      fc.string({ maxLength: 12 }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(segment, { maxLength: 8 }), async (segments) => {
        let url: string;
        try {
          url = new Request(`glance://app/${segments.join('/')}`).url;
        } catch {
          return;
        }
        const response = await get(url);
        if (response.status === 200) {
          const target = resolveAppRequest('GET', url);
          expect(target.kind).toBe('file');
        }
        expect(readsOutside).toEqual([]);
      }),
      { numRuns: 500 },
    );
    expect(readsOutside).toEqual([]);
    expect(refusals.length).toBeGreaterThan(0);
  });
});
