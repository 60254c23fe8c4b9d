/**
 * Everything the app reads from its environment, resolved once at start-up (core services never read
 * process.env). Build-time constants come from esbuild's `define` (build/scripts/build-electron.mjs).
 */
import { isAbsolute } from 'node:path';
import { LOG_LEVELS, type LogLevel } from '../core/logging.js';
import { isGlanceLocale, PSEUDO_LOCALES, SHIPPED_LOCALES, type GlanceLocale } from '../shared/i18n/locales.js';

export interface EmbeddedClient {
  clientId: string;
  clientSecret?: string;
}

export interface Environment {
  /** GLANCE_CLIENT_SECRETS: a Google client_secret_*.json to use. */
  clientSecretsPath?: string;
  /** GLANCE_DEMO=1: always the demo mailbox. */
  forceDemo: boolean;
  /** GLANCE_DEV_SERVER_URL: set by `npm run dev` only; ignored by a packaged (installed) app. */
  devServerUrl?: string;
  /** GLANCE_USER_DATA_DIR: a separate data folder (tests, or a second profile). */
  userDataDir?: string;
  /** GLANCE_LOG_LEVEL: debug, info (default), warn or error — for the console and the log file alike. */
  logLevel: LogLevel;
  /**
   * GLANCE_LOCALE: the language of menus, tray, notifications and dialogs, and the window's first one, whatever
   * Settings → Language says (tests, screenshots): en, de, or a pseudo-locale (en-XA, ar-XB).
   */
  locale?: GlanceLocale;
  /** APPIMAGE: set by the AppImage runtime to the AppImage file (for launch at login on Linux). */
  appImagePath?: string;
}

/**
 * @param runtime.isPackaged `app.isPackaged`. An installed Glance never uses a dev server: the variable
 *   would make any page on loopback the trusted app page, with the development CSP's 'unsafe-inline'.
 */
export function readEnvironment(
  env: Record<string, string | undefined>,
  runtime: { isPackaged: boolean },
): Environment {
  const value = (name: string) => {
    const raw = env[name]?.trim();
    return raw ? raw : undefined;
  };
  const result: Environment = {
    forceDemo: value('GLANCE_DEMO') === '1',
    logLevel: 'info',
  };
  const level = value('GLANCE_LOG_LEVEL')?.toLowerCase();
  if (level !== undefined) {
    if (!(LOG_LEVELS as readonly string[]).includes(level))
      throw new Error(`GLANCE_LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, not “${level}”.`);
    result.logLevel = level as LogLevel;
  }
  const secrets = value('GLANCE_CLIENT_SECRETS');
  if (secrets) result.clientSecretsPath = secrets;
  const dev = value('GLANCE_DEV_SERVER_URL');
  if (dev && !runtime.isPackaged) result.devServerUrl = dev;
  const userData = value('GLANCE_USER_DATA_DIR');
  if (userData) {
    if (!isAbsolute(userData))
      throw new Error(`GLANCE_USER_DATA_DIR must be an absolute folder path, not “${userData}”.`);
    result.userDataDir = userData;
  }
  const locale = value('GLANCE_LOCALE');
  if (locale !== undefined) {
    if (!isGlanceLocale(locale))
      throw new Error(
        `GLANCE_LOCALE must be one of ${[...SHIPPED_LOCALES, ...PSEUDO_LOCALES].join(', ')}, not “${locale}”.`,
      );
    result.locale = locale;
  }
  const appImage = value('APPIMAGE');
  if (appImage && isAbsolute(appImage)) result.appImagePath = appImage;
  return result;
}

/**
 * The OAuth client a distributor embedded at build time (GLANCE_EMBEDDED_CLIENT_ID / _SECRET in the
 * build environment); null in a plain build. `raw` is the esbuild-defined constant.
 */
export function embeddedClientFrom(raw: unknown): EmbeddedClient | null {
  if (!raw || typeof raw !== 'object') return null;
  const { clientId, clientSecret } = raw as Record<string, unknown>;
  if (typeof clientId !== 'string' || clientId === '') return null;
  return typeof clientSecret === 'string' && clientSecret !== '' ? { clientId, clientSecret } : { clientId };
}
