/**
 * Glance's network in the app. Every request to Google goes through Chromium's network stack
 * (Session.fetch, Electron's net.fetch), so the system proxy, PAC files, proxy authentication and the OS
 * certificate store apply as in the person's browser. Kept thin: Electron's fetch cannot run outside
 * Electron, so this is the only code here the tests reach through a fake (test/unit/main/network.test.ts).
 */
import type { Session } from 'electron';
import type { NetworkActivityRecorder } from '../core/net/network-activity.js';
import type { HttpFetch } from '../core/ports.js';

/**
 * The session of Glance's own requests to Google: in memory (no cookies or cache on disk) and apart from
 * the window's, so the window's request log (recordWindowRequests) counts only what the window loads.
 */
export const GOOGLE_SESSION_PARTITION = 'glance-google';

/** The core's fetch port over a session's fetch (Electron's net.fetch for that session). */
export function sessionFetch(target: Pick<Session, 'fetch'>): HttpFetch {
  return (url, init) => target.fetch(url, init);
}

/** Only web requests reach a host; the app's own page (glance://app/, or the dev server) is not counted. */
export const WINDOW_REQUEST_FILTER = { urls: ['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*'] };

/**
 * Counts every request the window's session sends (a sender's remote images and styles, once the person
 * chose to show them) in Help → Network activity. `isAppPage` leaves out the development server's files.
 */
export function recordWindowRequests(
  target: { webRequest: { onSendHeaders: Session['webRequest']['onSendHeaders'] } },
  recorder: Pick<NetworkActivityRecorder, 'record'>,
  isAppPage: (url: string) => boolean,
): void {
  target.webRequest.onSendHeaders(WINDOW_REQUEST_FILTER, (details) => {
    if (!isAppPage(details.url)) recorder.record(details.url, 'window');
  });
}
