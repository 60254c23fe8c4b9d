/**
 * Which URL is "our page". Production loads glance://app/index.html, served from dist/renderer by the
 * app scheme's handler (app-protocol.ts); development loads the Vite dev server. Every trust decision
 * (IPC sender, navigation, new windows, CSP header) asks `isAppPage` or compares with `origin` exactly.
 */
import { APP_HOST, APP_ORIGIN, APP_PAGE_URL, APP_SCHEME } from './app-protocol.js';

export interface AppPage {
  /** The URL the window loads. */
  url: string;
  /** True for exactly our page (any query or fragment), nothing else on the same origin or disk. */
  isAppPage(candidate: string): boolean;
  /** The page's exact origin (`glance://app`, or the dev server's). */
  origin: string;
  /** Set in development only. */
  devServerOrigin: string | null;
}

/** @param devServerUrl The Vite dev server URL, only when running `npm run dev`. */
export function resolveAppPage(devServerUrl?: string): AppPage {
  if (devServerUrl) {
    const dev = new URL(devServerUrl);
    if (!(dev.protocol === 'http:' && isLoopbackHost(dev.hostname))) {
      throw new Error(
        `GLANCE_DEV_SERVER_URL must be an http:// URL on this computer (127.0.0.1 or localhost), not “${devServerUrl}”.`,
      );
    }
    return {
      url: dev.href,
      origin: dev.origin,
      devServerOrigin: dev.origin,
      // Vite serves the app at its root; any path on the dev origin is our page (HMR may reload it).
      isAppPage: (candidate) => sameUrl(candidate, (url) => url.origin === dev.origin),
    };
  }
  return {
    url: APP_PAGE_URL,
    origin: APP_ORIGIN,
    devServerOrigin: null,
    // Exactly glance://app/index.html (any query or fragment): no other host, port, credentials or path.
    isAppPage: (candidate) =>
      sameUrl(
        candidate,
        (url) =>
          url.protocol === `${APP_SCHEME}:` &&
          url.host === APP_HOST &&
          url.username === '' &&
          url.password === '' &&
          url.pathname === '/index.html',
      ),
  };
}

function sameUrl(candidate: string, test: (url: URL) => boolean): boolean {
  if (typeof candidate !== 'string') return false;
  try {
    return test(new URL(candidate));
  } catch {
    return false;
  }
}

function isLoopbackHost(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127(\.\d{1,3}){3}$/.test(hostname);
}
