/**
 * The Electron security checklist, applied to every web contents and session Glance creates:
 * navigation, redirects and new windows blocked; links that pass the allowlist handed to the system
 * browser; `<webview>` refused; every permission denied; certificate errors left to Chromium (rejected).
 */
import type { Event as ElectronEvent, Session, WebContents } from 'electron';
import { normalizeExternalUrl } from '../core/links.js';
import type { Logger } from '../core/logging.js';

export type NavigationVerdict = 'allow' | 'block';

/**
 * Main frame: only our own page (a reload, or Vite's full reload in development). Sub frames: only the
 * reader's sandboxed `srcdoc` / blank frames and blobs our own origin made (`blob:glance://app/…`); a
 * link in mail that tries to navigate its frame is blocked (links leave through `setWindowOpenHandler`
 * as popups instead).
 */
export function navigationVerdict(
  url: string,
  isMainFrame: boolean,
  isAppPage: (url: string) => boolean,
  appOrigin: string,
): NavigationVerdict {
  if (isMainFrame) return isAppPage(url) ? 'allow' : 'block';
  if (url === 'about:srcdoc' || url === 'about:blank' || url.startsWith(`blob:${appOrigin}/`)) return 'allow';
  return 'block';
}

export interface SecurityOptions {
  isAppPage: (url: string) => boolean;
  /** The app page's exact origin (`glance://app`): blobs and frames of any other origin are not ours. */
  appOrigin: string;
  /** shell.openExternal; called only with URLs `normalizeExternalUrl` returned. */
  openExternal: (url: string) => Promise<void>;
  logger: Logger;
}

/** Describes a URL for a log line without its path, query or fragment (mail links can carry tokens). */
export function describeUrlForLog(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.protocol === 'mailto:') return 'mailto:…';
    return parsed.host ? `${parsed.protocol}//${parsed.host}/…` : `${parsed.protocol}…`;
  } catch {
    return 'an invalid URL';
  }
}

/**
 * `window.open` and `target=_blank` (mail links come from the reader's sandboxed iframe with
 * `allow-popups`): never a new Electron window; allowlisted URLs open in the system browser or mail app,
 * in their normalized form (a mailto link loses every field but to/cc/bcc/subject/body).
 */
export function handleWindowOpen(url: string, options: SecurityOptions): { action: 'deny' } {
  const normalized = normalizeExternalUrl(url);
  if (normalized !== null) {
    options.openExternal(normalized).catch((error: unknown) => {
      options.logger.warn('Could not open a link in the system browser', { target: describeUrlForLog(url), error });
    });
  } else {
    options.logger.warn('Blocked a link that is not a plain http, https or mailto link', {
      target: describeUrlForLog(url),
    });
  }
  return { action: 'deny' };
}

type NavigationEvent = ElectronEvent<{ url: string; isMainFrame: boolean }>;

/** Applies the navigation, new-window and webview rules to one web contents. */
export function hardenWebContents(contents: WebContents, options: SecurityOptions): void {
  const guard = (kind: string) => (event: NavigationEvent) => {
    if (navigationVerdict(event.url, event.isMainFrame, options.isAppPage, options.appOrigin) === 'allow') return;
    event.preventDefault();
    options.logger.warn(`Blocked ${kind}`, { target: describeUrlForLog(event.url), mainFrame: event.isMainFrame });
  };
  contents.on('will-navigate', guard('a navigation'));
  contents.on('will-frame-navigate', guard('a frame navigation'));
  contents.on('will-redirect', guard('a redirect'));
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    options.logger.warn('Blocked a <webview>');
  });
  contents.setWindowOpenHandler((details) => {
    // Only our page (and the mail frame inside it) may hand a link to the system browser: a contents
    // that somehow shows another page gets no window and no external open.
    if (!options.isAppPage(contents.getURL())) {
      options.logger.warn('Blocked a new window from a page that is not Glance', {
        target: describeUrlForLog(details.url),
      });
      return { action: 'deny' };
    }
    return handleWindowOpen(details.url, options);
  });
}

/**
 * Denies every permission request and check (camera, notifications, geolocation, clipboard read, HID…),
 * whatever the origin asking: Glance's own page needs none, so there is no origin to allow.
 */
export function denyAllPermissions(session: Session, logger: Logger): void {
  session.setPermissionRequestHandler((_contents, permission, callback) => {
    logger.info(`Denied permission request: ${permission}`);
    callback(false);
  });
  session.setPermissionCheckHandler(() => false);
  // Device pickers (WebHID / WebUSB / Web Serial) are refused too.
  session.setDevicePermissionHandler(() => false);
}
