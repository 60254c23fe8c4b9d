import { EventEmitter } from 'node:events';
import type { Session, WebContents } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { memoryLogger } from '../../../electron/core/logging.js';
import {
  denyAllPermissions,
  describeUrlForLog,
  handleWindowOpen,
  hardenWebContents,
  navigationVerdict,
} from '../../../electron/main/security.js';

const APP_URL = 'glance://app/index.html';
const APP_ORIGIN = 'glance://app';
const isAppPage = (url: string) => url.split('#')[0] === APP_URL;

/** A WebContents as far as the hardening uses it: events plus the window-open handler. */
class FakeContents extends EventEmitter {
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  /** What the main frame shows; a contents that navigated away is no longer ours. */
  shownUrl = APP_URL;
  getURL() {
    return this.shownUrl;
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
    this.windowOpenHandler = handler;
  }
  /** Emits a navigation event the way Electron does; returns whether it was prevented. */
  navigate(event: string, url: string, isMainFrame = true): boolean {
    let prevented = false;
    this.emit(event, { url, isMainFrame, preventDefault: () => (prevented = true) });
    return prevented;
  }
}

function setup() {
  const contents = new FakeContents();
  const openExternal = vi.fn(async (_url: string) => {});
  const logger = memoryLogger();
  hardenWebContents(contents as unknown as WebContents, { isAppPage, appOrigin: APP_ORIGIN, openExternal, logger });
  return { contents, openExternal, logger };
}

describe('navigationVerdict', () => {
  it('lets the main frame (re)load only our page', () => {
    expect(navigationVerdict(APP_URL, true, isAppPage, APP_ORIGIN)).toBe('allow');
    expect(navigationVerdict('https://example.com/', true, isAppPage, APP_ORIGIN)).toBe('block');
    expect(navigationVerdict('file:///etc/passwd', true, isAppPage, APP_ORIGIN)).toBe('block');
    expect(navigationVerdict('about:blank', true, isAppPage, APP_ORIGIN)).toBe('block');
  });

  it('lets sub frames show only the reader’s srcdoc/blank/blob documents', () => {
    expect(navigationVerdict('about:srcdoc', false, isAppPage, APP_ORIGIN)).toBe('allow');
    expect(navigationVerdict('about:blank', false, isAppPage, APP_ORIGIN)).toBe('allow');
    expect(navigationVerdict('blob:glance://app/3b9e…', false, isAppPage, APP_ORIGIN)).toBe('allow');
    // A blob another origin made (a compromised frame of another page) is not the reader's.
    expect(navigationVerdict('blob:https://evil.example.com/3b9e…', false, isAppPage, APP_ORIGIN)).toBe('block');
    expect(navigationVerdict('blob:glance://app.evil/3b9e…', false, isAppPage, APP_ORIGIN)).toBe('block');
    expect(navigationVerdict('blob:null/3b9e…', false, isAppPage, APP_ORIGIN)).toBe('block');
    expect(navigationVerdict('https://phish.example.com/', false, isAppPage, APP_ORIGIN)).toBe('block');
    expect(navigationVerdict('javascript:alert(1)', false, isAppPage, APP_ORIGIN)).toBe('block');
  });
});

describe('hardenWebContents', () => {
  it.each(['will-navigate', 'will-frame-navigate', 'will-redirect'])('%s away from our page is prevented', (event) => {
    const { contents, openExternal, logger } = setup();
    expect(contents.navigate(event, 'https://evil.example.com/path?token=abc')).toBe(true);
    expect(contents.navigate(event, APP_URL)).toBe(false);
    expect(openExternal).not.toHaveBeenCalled();
    expect(logger.lines.join('\n')).toContain('https://evil.example.com/…');
    expect(logger.lines.join('\n')).not.toContain('token=abc');
  });

  it('prevents <webview> from attaching', () => {
    const { contents } = setup();
    let prevented = false;
    contents.emit('will-attach-webview', { preventDefault: () => (prevented = true) }, {}, {});
    expect(prevented).toBe(true);
  });

  it('denies every new window and opens allowlisted links in the system browser', () => {
    const { contents, openExternal } = setup();
    expect(contents.windowOpenHandler?.({ url: 'https://example.com/a' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler?.({ url: 'mailto:sam@example.com' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler?.({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler?.({ url: 'javascript:alert(1)' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler?.({ url: 'smb://server/share' })).toEqual({ action: 'deny' });
    expect(openExternal.mock.calls.map(([url]) => url)).toEqual(['https://example.com/a', 'mailto:sam@example.com']);
  });

  it('opens nothing for a contents that does not show our page', () => {
    const { contents, openExternal, logger } = setup();
    for (const shown of ['https://evil.example.com/', 'file:///tmp/evil.html', 'glance://evil/index.html']) {
      contents.shownUrl = shown;
      expect(contents.windowOpenHandler?.({ url: 'https://example.com/a' })).toEqual({ action: 'deny' });
    }
    expect(openExternal).not.toHaveBeenCalled();
    expect(logger.lines.join('\n')).toContain('Blocked a new window from a page that is not Glance');
  });
});

describe('handleWindowOpen', () => {
  it('opens the normalized URL, so a mailto link cannot ask the mail app to attach a local file', async () => {
    const openExternal = vi.fn(async (_url: string) => {});
    const verdict = handleWindowOpen('mailto:x@evil.example?attach=~/.ssh/id_rsa&subject=Hi', {
      isAppPage,
      appOrigin: APP_ORIGIN,
      openExternal,
      logger: memoryLogger(),
    });
    expect(verdict).toEqual({ action: 'deny' });
    expect(openExternal.mock.calls).toEqual([['mailto:x@evil.example?subject=Hi']]);
  });

  it('logs (without the URL’s path) when the system browser fails', async () => {
    const logger = memoryLogger();
    const openExternal = vi.fn(async () => {
      throw new Error('no browser');
    });
    handleWindowOpen('https://example.com/secret-path', { isAppPage, appOrigin: APP_ORIGIN, openExternal, logger });
    await vi.waitFor(() => expect(logger.lines.join('\n')).toContain('Could not open a link'));
    expect(logger.lines.join('\n')).not.toContain('secret-path');
  });
});

describe('describeUrlForLog', () => {
  it('keeps scheme and host only', () => {
    expect(describeUrlForLog('https://a.example.com/p?q=1#f')).toBe('https://a.example.com/…');
    expect(describeUrlForLog('mailto:x@example.com?subject=hi')).toBe('mailto:…');
    expect(describeUrlForLog('::')).toBe('an invalid URL');
  });
});

describe('denyAllPermissions', () => {
  it('denies requests, checks and device access', () => {
    const handlers: Record<string, (...args: never[]) => unknown> = {};
    const session = {
      setPermissionRequestHandler: (h: (...args: never[]) => unknown) => (handlers.request = h),
      setPermissionCheckHandler: (h: (...args: never[]) => unknown) => (handlers.check = h),
      setDevicePermissionHandler: (h: (...args: never[]) => unknown) => (handlers.device = h),
    };
    denyAllPermissions(session as unknown as Session, memoryLogger());
    for (const permission of ['media', 'notifications', 'geolocation', 'clipboard-read', 'openExternal']) {
      const callback = vi.fn();
      (handlers.request as unknown as (c: unknown, p: string, cb: (granted: boolean) => void) => void)(
        {},
        permission,
        callback,
      );
      expect(callback).toHaveBeenCalledWith(false);
      expect((handlers.check as unknown as (c: unknown, p: string) => boolean)({}, permission)).toBe(false);
    }
    expect((handlers.device as unknown as (d: unknown) => boolean)({ deviceType: 'hid' })).toBe(false);
  });
});
