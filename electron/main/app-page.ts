/**
 * Which URL is "our page". Production loads dist/renderer/index.html from disk (file://); development
 * loads the Vite dev server. Every trust decision (IPC sender, navigation, CSP header) asks `isAppPage`.
 */
import { pathToFileURL } from 'node:url';
import { posix, win32 } from 'node:path';

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
 * @param platform `process.platform`; Windows paths (drive letters, UNC shares) convert differently.
 */
export function resolveAppPage(
  appPath: string,
  devServerUrl?: string,
  platform: NodeJS.Platform = process.platform,
): AppPage {
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
  const windows = platform === 'win32';
  const join = windows ? win32.join : posix.join;
  const file = pathToFileURL(join(appPath, 'dist', 'renderer', 'index.html'), { windows });
  const ours = canonicalFileLocation(file);
  return {
    url: file.href,
    devServerOrigin: null,
    isAppPage: (candidate) =>
      sameUrl(candidate, (url) => url.protocol === 'file:' && canonicalFileLocation(url) === ours),
  };
}

/**
 * A file URL's host and path in one canonical spelling, so the URL Node made (`pathToFileURL` keeps
 * `c:`) equals the one Chromium reports for the loaded page (it upper-cases the drive letter, writes
 * percent-escapes in upper case and may decode escaped letters and digits). Escaped `/` and `\` stay
 * escaped: decoding them would change which folders the path names.
 */
export function canonicalFileLocation(url: URL): string {
  const path = url.pathname.replace(/%([0-9a-f]{2})/gi, (escape, hex: string) => {
    const code = Number.parseInt(hex, 16);
    return code === 0x2f || code === 0x5c ? escape.toUpperCase() : `%${hex.toUpperCase()}`;
  });
  const decoded = decodeUtf8Escapes(path).replace(
    /^\/([a-z])(:|%3A)(?=\/|$)/i,
    (_m, drive: string) => `/${drive.toUpperCase()}:`,
  );
  return `${url.hostname.toLowerCase()}${decoded}`;
}

/** Decodes every escape but `%2F` and `%5C`; a malformed escape sequence keeps its escaped form. */
function decodeUtf8Escapes(path: string): string {
  return path.replace(/(?:%(?!2F|5C)[0-9A-F]{2})+/g, (run) => {
    try {
      return decodeURIComponent(run);
    } catch {
      return run;
    }
  });
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
