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
  /**
   * 'testing' makes refresh tokens expire 7 days after consent, as Google does for Testing-status apps;
   * 'deleted' (a client deleted in Cloud Console) answers `deleted_client` on the authorize page and /token.
   */
  status?: 'production' | 'testing' | 'deleted';
}

export interface EmulatorOptions {
  host?: string;
  port?: number;
  seed?: number;
  users?: SeedUserSpec[];
  clients?: OAuthClientSpec[];
  latencyMs?: number;
  accessTokenLifetimeSec?: number;
  /** Default: the quota regime's per-user limit (classic 15,000, 2026 6,000). */
  quota?: { unitsPerUserPerMinute: number } | false;
  /**
   * Google's quota regime, which sets the per-method costs and the default per-user limit: 'classic' (default)
   * or '2026' (projects created since 1 May 2026: messages.get 20, threads.get 40, 6,000 units per user per
   * minute; its other costs are UNSOURCED and kept classic). See quota.ts.
   */
  quotaRegime?: 'classic' | '2026';
  /**
   * UNSOURCED (GOOGLE-BEHAVIOUR §2.2/§11): whether an authorization for a user+client that already has a
   * grant, without `prompt=consent`, gets a refresh token. 'only-with-prompt-consent' (default: the web-server
   * doc's "only the first time") or 'always' (the installed-app doc's "always returned").
   */
  refreshTokenOnReconsent?: 'only-with-prompt-consent' | 'always';
  /**
   * An authorization whose scopes the user+client grant already covers, without `prompt=consent`: 'skip'
   * (default, Google's behaviour: account chooser only, then the redirect with a code and `prompt=none`) or
   * 'always' (show the consent page every time, the emulator's behaviour before the chooser existed).
   */
  consentForGrantedScopes?: 'skip' | 'always';
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
  /**
   * UNSOURCED: does a `q` word match only equal words ('whole', default: `meet` does not find `meeting`) or also
   * longer words it begins ('prefix')?
   */
  searchWords?: 'whole' | 'prefix';
  /**
   * UNSOURCED: are addresses words like any text ('words', default: `from:northwind` finds
   * `priya@northwind.example`), or one unit matched as the whole address, its local part, its domain or a
   * parent domain ('whole')?
   */
  searchAddresses?: 'words' | 'whole';
  /** UNSOURCED: are accents ignored ('fold', default: `cafe` finds `café`) or significant ('exact')? Case never is. */
  searchAccents?: 'fold' | 'exact';
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
  /** Runs an authorization URL in a fresh browser (nobody signed in) and returns the redirect Location. */
  consent(authUrl: string, choice?: ConsentChoice): Promise<string>;
  /** A browser with a cookie jar: users signed in through its pages stay signed in for its next authorizations. */
  browser(): GoogleBrowser;
  mailbox(email: string): MailboxControl;
  revokeUser(email: string): void;
  expireAccessTokens(email?: string): void;
  /**
   * Fault knob for the redirect: the next `times` authorizations (default 1) end after the account step in
   * a redirect with `error=<code>` (`access_denied`, `admin_policy_enforced`, `org_internal`, …) instead of a
   * code. Token endpoint errors (`invalid_client`, `unauthorized_client`, `redirect_uri_mismatch`,
   * `invalid_grant`, …) come from `faults.inject` on `/token` with Google's JSON body. Returns an undo.
   */
  failAuthorizations(error: string, times?: number): () => void;
  /** The client is deleted in Cloud Console: its authorize page and /token answer `deleted_client` (401). */
  deleteClient(clientId: string): void;
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

/** How a test helper answers the emulator's Google pages. */
export interface ConsentChoice {
  /**
   * The account: picked in the chooser when signed in in this browser, else through "Use another account".
   * Default: the one `login_hint` names, else the chooser's first account / the sign-in page's preselected one.
   */
  email?: string;
  /** Default 'allow'. Asking for 'deny' when the consent page is skipped is an error (there is nothing to deny). */
  action?: 'allow' | 'deny';
  /** Non-sign-in scopes to leave ticked (default: the page's defaults). An error too if consent is skipped. */
  grantScopes?: string[];
}

/** The pages of one authorization, in order: `data-google-step` of each. */
export type GoogleStep = 'chooser' | 'signin' | 'consent';

/** A person's browser on the emulator's Google pages (see browser.ts). */
export interface GoogleBrowser {
  /** Goes through the chooser / sign-in / consent pages as `choice` says; resolves with the redirect Location. */
  authorize(authUrl: string, choice?: ConsentChoice): Promise<string>;
  /** The pages the last `authorize()` went through, e.g. ['signin', 'consent'], or ['chooser'] when consent was skipped. */
  readonly lastSteps: readonly GoogleStep[];
  /** Signs a seeded user into this browser without any app (accounts.google.com "Add account"). */
  signIn(email: string): Promise<void>;
  /** Emails signed in in this browser, in chooser (`authuser`) order. */
  signedIn(): Promise<string[]>;
  /** Signs everyone out of this browser; grants to apps stay. */
  signOut(): Promise<void>;
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
  /**
   * The message's RFC 822 source, served byte for byte (format=raw; metadata and full are parsed from it):
   * hostile or broken MIME for tests. `from`, `to`, `subject` then name it only in snapshots and search.
   */
  raw?: Uint8Array;
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
  /** What labels.get answers for this label: messagesTotal/Unread and threadsTotal/Unread. */
  labelCounts(labelId: string): {
    messagesTotal: number;
    messagesUnread: number;
    threadsTotal: number;
    threadsUnread: number;
  };
}
