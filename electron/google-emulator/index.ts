/**
 * The Glance Google emulator: a local stand-in for Google's OAuth 2.0 endpoints and the Gmail v1 API,
 * used by tests, the benchmark and the app's demo mode. See README.md in this folder.
 */
export { startGoogleEmulator, consentOverHttp, DEFAULT_USERS, DEFAULT_CLIENT } from './server.js';
export { SPECIAL_SUBJECTS, TINY_PNG } from './generator.js';
export { SCOPE, BANNER } from './oauth.js';
export { QUOTA_UNITS } from './quota.js';
export type {
  EmulatorOptions,
  FaultRule,
  FaultSpec,
  GmailMessageSnapshot,
  GoogleEmulator,
  MailboxControl,
  NewMessageSpec,
  OAuthClientSpec,
  RequestKind,
  RequestLogEntry,
  SeedUserSpec,
} from './types.js';
