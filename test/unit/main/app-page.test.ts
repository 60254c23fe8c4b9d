import { describe, expect, it } from 'vitest';
import { resolveAppPage } from '../../../electron/main/app-page.js';

describe('resolveAppPage', () => {
  it('production: exactly glance://app/index.html, whatever folder the app is installed in', () => {
    const page = resolveAppPage();
    expect(page.url).toBe('glance://app/index.html');
    expect(page.origin).toBe('glance://app');
    expect(page.devServerOrigin).toBeNull();
    expect(page.isAppPage(page.url)).toBe(true);
    expect(page.isAppPage(`${page.url}#/inbox`)).toBe(true);
    expect(page.isAppPage(`${page.url}?reload=1`)).toBe(true);
  });

  it.each([
    ['another file of our origin', 'glance://app/other.html'],
    ['the origin root', 'glance://app/'],
    ['another host', 'glance://evil/index.html'],
    ['a host that only starts like ours', 'glance://app.evil/index.html'],
    ['a port', 'glance://app:8080/index.html'],
    ['credentials', 'glance://user:pw@app/index.html'],
    ['a path that ends like ours', 'glance://app/evil/index.html'],
    ['the old file:// page', 'file:///opt/Glance/resources/app.asar/dist/renderer/index.html'],
    ['file:// with any host', 'file://app/index.html'],
    ['a web page with our path', 'https://app/index.html'],
    ['not a URL', 'not a url'],
  ])('refuses %s', (_name, url) => {
    expect(resolveAppPage().isAppPage(url)).toBe(false);
  });

  it('development: the Vite dev server origin only', () => {
    const page = resolveAppPage('http://127.0.0.1:5173/');
    expect(page.url).toBe('http://127.0.0.1:5173/');
    expect(page.origin).toBe('http://127.0.0.1:5173');
    expect(page.devServerOrigin).toBe('http://127.0.0.1:5173');
    expect(page.isAppPage('http://127.0.0.1:5173/index.html')).toBe(true);
    expect(page.isAppPage('http://127.0.0.1:5174/')).toBe(false);
    expect(page.isAppPage('glance://app/index.html')).toBe(false);
  });

  it('refuses a dev server that is not on this computer', () => {
    expect(() => resolveAppPage('https://evil.example.com/')).toThrow(/127\.0\.0\.1 or localhost/);
  });
});
