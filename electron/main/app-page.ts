/**
 * Which URL is "our page". Production loads dist/renderer/index.html from disk (file://); development
 * loads the Vite dev server. Every trust decision (IPC sender, navigation, CSP header) asks `isAppPage`.
 */
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';

export interface AppPage {
  /** The URL the window loads. */
  url: string;
  /** True for exactly our page (any query or fragment), nothing else on the same origin or disk. */
  isAppPage(candidate: string): boolean;
  /** Set in development only. */
  devServerOrigin: string | null;
}

/**
 * @param appPath `app.getAppPath()` — the folder (or app.asar) holding package.json and dist/.
 * @param devServerUrl The Vite dev server URL, only when running `npm run dev`.
 */
export function resolveAppPage(appPath: string, devServerUrl?: string): AppPage {
  if (devServerUrl) {
    const dev = new URL(devServerUrl);
    if (!(dev.protocol === 'http:' && isLoopbackHost(dev.hostname))) {
      throw new Error(
        `GLANCE_DEV_SERVER_URL must be an http:// URL on this computer (127.0.0.1 or localhost), not “${devServerUrl}”.`,
      );
    }
    return {
      url: dev.href,
      devServerOrigin: dev.origin,
      // Vite serves the app at its root; any path on the dev origin is our page (HMR may reload it).
      isAppPage: (candidate) => sameUrl(candidate, (url) => url.origin === dev.origin),
    };
  }
  const file = pathToFileURL(join(appPath, 'dist', 'renderer', 'index.html'));
  return {
    url: file.href,
    devServerOrigin: null,
    isAppPage: (candidate) => sameUrl(candidate, (url) => url.protocol === 'file:' && url.pathname === file.pathname),
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
