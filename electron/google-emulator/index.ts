/**
 * The Glance Google emulator: a local stand-in for Google's OAuth 2.0 endpoints and the Gmail v1 API,
 * used by tests, the benchmark and the app's demo mode. See README.md in this folder.
 */
export { startGoogleEmulator, DEFAULT_USERS, DEFAULT_CLIENT } from './server.js';
export { consentOverHttp, googleBrowserOverHttp } from './browser.js';
export { SPECIAL_SUBJECTS, TINY_PNG } from './generator.js';
export { SCOPE, BANNER } from './oauth.js';
export { QUOTA_UNITS, QUOTA_REGIMES, CLASSIC_QUOTA, QUOTA_2026 } from './quota.js';
export type { QuotaRegime, QuotaRegimeName } from './quota.js';
export type {
  ConsentChoice,
  EmulatorOptions,
  FaultRule,
  FaultSpec,
  GmailMessageSnapshot,
  GoogleBrowser,
  GoogleEmulator,
  GoogleStep,
  MailboxControl,
  NewMessageSpec,
  OAuthClientSpec,
  RequestKind,
  RequestLogEntry,
  SeedUserSpec,
} from './types.js';
