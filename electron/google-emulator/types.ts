/**
 * Public types of the Google emulator (see README.md). Kept apart from the implementation so tests, the
 * benchmark and demo mode can import them without pulling in the server.
 */

export interface SeedUserSpec {
  email: string;
  name: string;
  /** Default: a stable 21-digit numeric string derived from the email. */
  id?: string;
  unread?: number;
  read?: number;
  picture?: string;
}

export interface OAuthClientSpec {
  clientId: string;
  clientSecret: string;
  type: 'installed' | 'web';
  /** Registered redirect URIs (web clients only; installed clients accept any loopback URI). */
  redirectUris?: string[];
  /** 'testing' makes refresh tokens expire 7 days after consent, as Google does for Testing-status apps. */
  status?: 'production' | 'testing';
}

export interface EmulatorOptions {
  host?: string;
  port?: number;
  seed?: number;
  users?: SeedUserSpec[];
  clients?: OAuthClientSpec[];
  latencyMs?: number;
  accessTokenLifetimeSec?: number;
  quota?: { unitsPerUserPerMinute: number } | false;
  refreshTokenOnReconsent?: 'only-with-prompt-consent' | 'always';
  grantScopes?: (requested: string[]) => string[];
  retryAfterHeader?: boolean;
  clock?: { now(): number };
  logRequests?: boolean;
  // Additions beyond the agreed API: the UNSOURCED behaviours, each switchable.
  /** Status of a successful messages.batchModify: 204 No Content (default) or 200 with an empty body. */
  batchModifyStatus?: 204 | 200;
  /** messages.list / history.list maxResults above 500: clamp to 500 (default) or answer 400. */
  maxResultsOver500?: 'clamp' | 'error';
  /** HTTP status of a per-user rate-limit rejection (Google sends both). Default 429. */
  rateLimitStatus?: 429 | 403;
  /** Installed clients: accept any path on a loopback redirect URI (default) or only "/" and "". */
  loopbackRedirectPaths?: 'any' | 'root-only';
  /** Per-user concurrent Gmail requests allowed before 429 "Too many concurrent requests for user". Default: no cap. */
  maxConcurrentPerUser?: number;
}

export interface GoogleEmulator {
  origin: string;
  endpoints: {
    authorize: string;
    token: string;
    revoke: string;
    tokeninfo: string;
    userinfo: string;
    gmailRootUrl: string;
    batch: string;
  };
  remoteContent: { origin: string; hits: Array<{ path: string; at: number }>; clearHits(): void };
  defaultClient: { clientId: string; clientSecret: string };
  clientSecretsJson(kind?: 'installed' | 'web'): Record<string, unknown>;
  users(): Array<{ id: string; email: string; name: string }>;
  consent(
    authUrl: string,
    choice?: { email?: string; action?: 'allow' | 'deny'; grantScopes?: string[] },
  ): Promise<string>;
  mailbox(email: string): MailboxControl;
  revokeUser(email: string): void;
  expireAccessTokens(email?: string): void;
  faults: { inject(rule: FaultRule): () => void; clear(): void };
  setLatency(ms: number): void;
  setQuota(q: { unitsPerUserPerMinute: number } | false): void;
  requestLog: RequestLogEntry[];
  counters(): {
    requests: number;
    gmailRequests: number;
    batchRequests: number;
    tokenRequests: number;
    quotaUnits: Record<string, number>;
  };
  resetLog(): void;
  /** Addition: every authorization code, access token, refresh token and id_token issued so far (for leak tests). */
  issuedSecrets(): string[];
  close(): Promise<void>;
}

export type RequestKind = 'oauth' | 'gmail' | 'batch' | 'batch-part';

export interface RequestLogEntry {
  method: string;
  /** Path only: query strings (which may carry tokens) are never logged. */
  path: string;
  status: number;
  at: number;
  /** Email of the user the access token belongs to, when known. */
  user?: string;
  kind: RequestKind;
  quotaUnits: number;
}

export type FaultSpec =
  | { type: 'status'; status: number; body?: unknown; headers?: Record<string, string> }
  | { type: 'reset' }
  | { type: 'malformed' }
  | { type: 'slow'; ms: number };

export interface FaultRule {
  /** `path`: a string matches that exact path or any path below it ("/a" matches "/a/b"); a RegExp is tested on the path. */
  match: { path?: string | RegExp; method?: string; kind?: RequestKind };
  fault: FaultSpec;
  times?: number;
}

export interface GmailMessageSnapshot {
  id: string;
  threadId: string;
  labelIds: string[];
  /** Decoded Subject header. */
  subject: string;
  /** Decoded From header, e.g. `Priya Shah <priya@northwind.example>`. */
  from: string;
  /** Epoch milliseconds as a string, like the API's `internalDate`. */
  internalDate: string;
}

export interface NewMessageSpec {
  from: { name: string; email: string };
  to: { name: string; email: string };
  subject: string;
  text: string;
  /** Optional HTML alternative (multipart/alternative with `text`). */
  html?: string;
  /** Epoch ms; default: the emulator clock's now. */
  internalDate: number;
  /** Default ['INBOX', 'UNREAD']. */
  labelIds: string[];
  attachments: Array<{ filename: string; mimeType: string; content: string | Uint8Array }>;
  /** Join an existing thread (default: a new thread). */
  threadId?: string;
}

export interface MailboxControl {
  historyId(): string;
  list(): GmailMessageSnapshot[];
  get(id: string): GmailMessageSnapshot | undefined;
  add(message?: Partial<NewMessageSpec>): string;
  modify(id: string, add: string[], remove: string[]): void;
  remove(id: string): void;
  expireHistory(): void;
  unreadCount(): number;
}
