import { describe, expect, it } from 'vitest';
import { resolveAppPage } from '../../../electron/main/app-page.js';

describe('resolveAppPage', () => {
  it('production: exactly dist/renderer/index.html inside the app, nothing else on disk', () => {
    const page = resolveAppPage('/opt/Glance/resources/app.asar');
    expect(page.url).toBe('file:///opt/Glance/resources/app.asar/dist/renderer/index.html');
    expect(page.devServerOrigin).toBeNull();
    expect(page.isAppPage(page.url)).toBe(true);
    expect(page.isAppPage(`${page.url}#/inbox`)).toBe(true);
    expect(page.isAppPage('file:///opt/Glance/resources/app.asar/dist/renderer/other.html')).toBe(false);
    expect(page.isAppPage('file:///tmp/evil/dist/renderer/index.html')).toBe(false);
    expect(page.isAppPage('https://example.com/dist/renderer/index.html')).toBe(false);
    expect(page.isAppPage('not a url')).toBe(false);
  });

  it('development: the Vite dev server origin only', () => {
    const page = resolveAppPage('/repo', 'http://127.0.0.1:5173/');
    expect(page.url).toBe('http://127.0.0.1:5173/');
    expect(page.devServerOrigin).toBe('http://127.0.0.1:5173');
    expect(page.isAppPage('http://127.0.0.1:5173/index.html')).toBe(true);
    expect(page.isAppPage('http://127.0.0.1:5174/')).toBe(false);
    expect(page.isAppPage('file:///repo/dist/renderer/index.html')).toBe(false);
  });

  it('refuses a dev server that is not on this computer', () => {
    expect(() => resolveAppPage('/repo', 'https://evil.example.com/')).toThrow(/127\.0\.0\.1 or localhost/);
  });
});
