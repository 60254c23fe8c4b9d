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

  // Chromium reports the loaded page's URL in its own canonical form: the drive letter upper-cased,
  // escapes in upper case, escaped letters and digits decoded. Node's pathToFileURL keeps `c:`.
  it('Windows: a lower-case drive letter still matches the URL Chromium reports', () => {
    const page = resolveAppPage('c:\\Users\\alex\\Glance\\resources\\app.asar', undefined, 'win32');
    expect(page.url).toBe('file:///c:/Users/alex/Glance/resources/app.asar/dist/renderer/index.html');
    expect(page.isAppPage('file:///C:/Users/alex/Glance/resources/app.asar/dist/renderer/index.html')).toBe(true);
    expect(page.isAppPage('file:///C:/Users/alex/Glance/resources/app.asar/dist/renderer/index.html#/inbox')).toBe(
      true,
    );
    expect(page.isAppPage('file:///D:/Users/alex/Glance/resources/app.asar/dist/renderer/index.html')).toBe(false);
    expect(page.isAppPage('file:///C:/Users/alex/Evil/resources/app.asar/dist/renderer/index.html')).toBe(false);
  });

  it('Windows: an upper-case drive letter, spaces and non-ASCII folders', () => {
    const page = resolveAppPage('C:\\Program Files\\Glänce 名前\\resources\\app.asar', undefined, 'win32');
    expect(page.isAppPage(page.url)).toBe(true);
    expect(page.url).toContain('/Gl%C3%A4nce%20%E5%90%8D%E5%89%8D/');
    // Chromium's spelling: lower-case hex in escapes, a decoded escaped letter.
    const chromium = page.url.replace('%C3%A4', '%c3%a4').replace('Program%20Files', 'Progr%61m%20Files');
    expect(page.isAppPage(chromium)).toBe(true);
    expect(page.isAppPage(page.url.replace('%C3%A4', 'a'))).toBe(false);
  });

  it('Windows: a UNC share', () => {
    const page = resolveAppPage('\\\\Server\\Apps\\Glance\\resources\\app.asar', undefined, 'win32');
    expect(page.url).toBe('file://server/Apps/Glance/resources/app.asar/dist/renderer/index.html');
    expect(page.isAppPage('file://SERVER/Apps/Glance/resources/app.asar/dist/renderer/index.html')).toBe(true);
    expect(page.isAppPage('file://other/Apps/Glance/resources/app.asar/dist/renderer/index.html')).toBe(false);
    expect(page.isAppPage('file:///Apps/Glance/resources/app.asar/dist/renderer/index.html')).toBe(false);
  });

  it('an escaped slash never stands for a folder separator', () => {
    const page = resolveAppPage('/opt/Glance/resources/app.asar', undefined, 'linux');
    expect(page.isAppPage('file:///opt/Glance/resources/app.asar/dist%2Frenderer/index.html')).toBe(false);
    expect(page.isAppPage('file:///opt/Gl%61nce/resources/app.asar/dist/renderer/index.html')).toBe(true);
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
