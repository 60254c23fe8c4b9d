/**
 * The one IPC contract between the renderer and the main process.
 *
 * Every channel is listed here once with its argument schema (zod) and result type. The preload API
 * (`window.glance`) and the main-process handlers are both derived from this file, so a channel cannot
 * exist on one side only. Payloads are plain JSON: no Map, Set, Date or class instances.
 *
 * This module runs anywhere (main, preload, tests); the renderer imports its types only.
 */
import { z } from 'zod';
import { SHIPPED_LOCALES, type LanguageChoice } from './i18n/locales.js';

// ---------------------------------------------------------------------------------------------------
// Errors the UI can act on
// ---------------------------------------------------------------------------------------------------

export const ERROR_CODES = [
  'INVALID_ARGUMENT', // the renderer sent something the contract does not allow
  'NEEDS_SIGN_IN', // the account's Google session ended; offer "Sign in again"
  'KEYCHAIN_UNAVAILABLE', // the OS keychain is locked, missing or did not answer in time
  'OFFLINE', // no connection to Google
  'PROXY_FAILED', // the proxy on the way to Google refused, could not be reached or wanted a sign-in that failed (IpcError.proxy names it)
  'RATE_LIMITED', // Google (or our own quota budget) asked us to slow down
  'NOT_FOUND', // the account or message no longer exists
  'CLIENT_CONFIG_INVALID', // the Google client secrets file is malformed
  'CONSENT_DENIED', // the person clicked Deny on Google's consent page
  'SCOPE_MISSING', // consent was given without the Gmail permission
  'SIGN_IN_CANCELLED', // the person cancelled, or started another sign-in, or no sign-in is waiting any more
  'SIGN_IN_TIMEOUT', // the browser never came back
  'SIGN_IN_LISTENER_FAILED', // Glance could not listen on 127.0.0.1 for the browser's return (IpcError.port, systemCode)
  'CODE_EXCHANGE_FAILED', // Google refused the authorization code
  'NO_USER_ID', // Google did not say who signed in
  'NO_REFRESH_TOKEN', // Google gave no refresh token and none is stored; consent must run again
  'ADMIN_POLICY_BLOCKED', // admin_policy_enforced: a Google Workspace admin has not allowed this client
  'ORG_INTERNAL', // org_internal: the client is limited to its own Workspace organisation's accounts
  'CLIENT_REJECTED', // invalid_client / unauthorized_client / deleted_client: the client file must be fixed or replaced
  'REDIRECT_URI_MISMATCH', // the client is not of type "Desktop app" (its redirect URIs don't allow Glance's)
  'WRONG_PASSPHRASE', // the passphrase does not open the file that keeps the sign-in
  'SECRETS_FILE_DAMAGED', // the passphrase-protected sign-in file was changed or damaged
  'MESSAGE_TOO_COMPLEX', // the message's structure is beyond what Glance will parse (time limit): open it in Gmail
  'MESSAGE_READER_STOPPED', // the message reader (parse worker) stopped while reading it: try again
  'ATTACHMENT_NOT_SAVED', // the chosen file could not be written (IpcError.systemCode says why)
  'GOOGLE_ERROR', // Google answered with an error we have no better name for
  'CANCELLED', // the person cancelled a dialog
  'INTERNAL', // a bug in Glance
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/**
 * CLIENT_CONFIG_INVALID: what is wrong with the client secrets file (or why another one can't be chosen), so
 * the window can say it in the person's language. `field` and `file` name what to fix.
 */
export const CLIENT_CONFIG_REASONS = [
  'file-missing', // the path names no file
  'permission-denied', // the file can't be read (EACCES)
  'unreadable', // the file can't be read for another reason
  'not-json', // the file is not JSON
  'not-an-object', // JSON, but not an object
  'no-client-section', // neither an `installed` nor a `web` section
  'missing-field', // `field` is missing or empty
  'invalid-field', // `field` has the wrong type
  'not-a-url', // `field` is not a URL
  'not-https', // `field` is not an https:// address
  'not-google', // `field` sends sign-in to a server that is neither Google nor this computer
  'web-client', // a `web` client without a loopback redirect URI (not a Desktop app client)
  'set-by-environment', // GLANCE_CLIENT_SECRETS fixes the client; another can't be chosen in the app
  'embedded-client', // this copy of Glance comes with its own client; there is no demo to go back to
] as const;
export type ClientConfigReason = (typeof CLIENT_CONFIG_REASONS)[number];

/** CLIENT_REJECTED: Google's word for it (deleted_client, invalid_client, unauthorized_client). */
export const CLIENT_REJECTED_REASONS = ['deleted-client', 'invalid-client', 'unauthorized-client'] as const;
export type ClientRejectedReason = (typeof CLIENT_REJECTED_REASONS)[number];

/** GOOGLE_ERROR: Gmail refused a request (`status`), or Google's sign-in page redirected with an error (`googleCode`). */
export const GOOGLE_ERROR_REASONS = ['gmail-refused', 'sign-in-refused'] as const;
export type GoogleErrorReason = (typeof GOOGLE_ERROR_REASONS)[number];

export type ErrorReason = ClientConfigReason | ClientRejectedReason | GoogleErrorReason;

/** Which reasons each error code may carry; any other pairing is dropped before it crosses IPC. */
export const REASONS_BY_CODE: Partial<Record<ErrorCode, readonly ErrorReason[]>> = {
  CLIENT_CONFIG_INVALID: CLIENT_CONFIG_REASONS,
  CLIENT_REJECTED: CLIENT_REJECTED_REASONS,
  GOOGLE_ERROR: GOOGLE_ERROR_REASONS,
};

/**
 * The structured part of an error the window words itself (IpcError's `reason`, `field`, `file`, `status`,
 * `googleCode`). Checked in the core before it crosses IPC: a value that doesn't fit is not sent.
 */
export const errorDetails = z
  .object({
    reason: z.enum([...CLIENT_CONFIG_REASONS, ...CLIENT_REJECTED_REASONS, ...GOOGLE_ERROR_REASONS]),
    /** A field of the client secrets file as it is written there (`installed.client_id`). */
    field: z.string().regex(/^[A-Za-z0-9_.]{1,100}$/, 'not a client file field'),
    /** The client secrets file's name (never a path). */
    file: z
      .string()
      .min(1)
      .max(255)
      .refine((name) => !/[/\\]/.test(name) && [...name].every((char) => char >= ' '), 'not a file name'),
    /** The HTTP status Google answered with. */
    status: z.number().int().min(100).max(599),
    /** SIGN_IN_LISTENER_FAILED: the port on 127.0.0.1 (0: any free port). */
    port: z.number().int().min(0).max(65535),
    /** Google's own error code (`server_error`), as it sent it. */
    googleCode: z.string().regex(/^[A-Za-z_]{1,64}$/, 'not a Google error code'),
  })
  .partial()
  .strict();
export type ErrorDetails = z.infer<typeof errorDetails>;

export interface IpcError {
  code: ErrorCode;
  /** A sentence for people: what happened and what to do next. Never contains a token, code or mail body. */
  message: string;
  /** When RATE_LIMITED: epoch ms after which a retry is welcome. */
  retryAt?: number;
  /** SCOPE_MISSING, NO_REFRESH_TOKEN: the account to ask again for (Google's `login_hint`). */
  loginHint?: string;
  /** ADMIN_POLICY_BLOCKED, ORG_INTERNAL, CLIENT_REJECTED, REDIRECT_URI_MISMATCH: the OAuth client id (not a secret) to name to an admin or find in Cloud Console. */
  clientId?: string;
  /** PROXY_FAILED: the proxy as `host:port`, when known (the system's proxy settings, or HTTPS_PROXY in Node). */
  proxy?: string;
  /** ATTACHMENT_NOT_SAVED: the system's error code (`EACCES`, `ENOSPC`), for the person or a bug report. */
  systemCode?: string;
  /** CLIENT_CONFIG_INVALID, CLIENT_REJECTED, GOOGLE_ERROR: what exactly happened, for the window to word (`message` is English). */
  reason?: ErrorReason;
  /** CLIENT_CONFIG_INVALID: the client file's field to fix, as written in the file (`installed.client_id`). */
  field?: string;
  /** CLIENT_CONFIG_INVALID: the client file's name (not its path). */
  file?: string;
  /** GOOGLE_ERROR (`gmail-refused`): the HTTP status Gmail answered with. */
  status?: number;
  /** GOOGLE_ERROR (`sign-in-refused`): Google's error code on the sign-in redirect (`server_error`). */
  googleCode?: string;
  /** SIGN_IN_LISTENER_FAILED: the port on 127.0.0.1 Glance could not listen on (0: any free port). */
  port?: number;
}

export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: IpcError };

// ---------------------------------------------------------------------------------------------------
// Shared value shapes (results and events)
// ---------------------------------------------------------------------------------------------------

export type AppMode = 'demo' | 'google';

export interface AppInfo {
  name: string;
  version: string;
  platform: string;
  /** `demo` when no Google OAuth client is configured and Glance serves the built-in demo mailbox. */
  mode: AppMode;
  /** Where the OAuth client came from, for the About panel and the sign-in screen. */
  clientSource: 'env' | 'data-folder' | 'embedded' | 'demo';
  /**
   * Set when a configured client secrets file could not be used (Glance then runs the demo mailbox): the
   * CLIENT_CONFIG_INVALID error saying what to fix, for the window to word.
   */
  clientConfigProblem?: IpcError;
  /** Settings that could not be read at start-up and are back to their defaults, until the person dismisses it. */
  settingsReset?: SettingsResetNotice;
  /** The data folder, shown in Settings → Data (the person's own folder; never sent anywhere). */
  dataFolder?: string;
}

/**
 * Who asked for a request: `glance`, Glance itself (Google, or the demo's emulator standing in for it);
 * `window`, content shown in the window (e.g. a sender's remote images the person chose to show).
 */
export type NetworkRequester = 'glance' | 'window';

/** One host Glance contacted since it started, with how many requests (Help → Network activity). */
export interface NetworkHost {
  /** The URL's host: name, and port when not the scheme's default. Never a path or query. */
  host: string;
  via: NetworkRequester;
  requests: number;
  /** Epoch ms of the latest request. */
  lastAt: number;
}

export interface NetworkActivity {
  /** Epoch ms when counting began (Glance's start). */
  since: number;
  /** Most requests first. */
  hosts: NetworkHost[];
}

/**
 * A proxy between this computer and Google asks for a user name and password (HTTP 407, Basic or Digest) for
 * Glance's own requests: the window asks the person and answers with `proxy:answerSignIn` and `requestId`.
 * The main process owns the open questions; `proxy:openQuestions` lists them again for a page that just loaded,
 * and `proxy:signInWithdrawn` says when one closed without the window's answer.
 */
export interface ProxySignInRequest {
  requestId: string;
  /** The proxy as `host:port` (not a secret; shown so the person knows which sign-in this is). */
  proxy: string;
  /** 1 for the first question; 2 and 3 after the proxy refused the previous answer. */
  attempt: number;
  /** True when the proxy did not accept the user name and password given last. */
  rejected: boolean;
}

/** Told once, in the app: which settings were reset because the settings file held something unusable. */
export interface SettingsResetNotice {
  /** The settings now at their defaults. Every field when the whole file was unreadable. */
  fields: (keyof Settings)[];
  /** When the whole file was unreadable: the name it was kept under in the data folder (null if it could not be moved). */
  movedAsideAs: string | null;
}

export type AccountStatus = 'ready' | 'needs-sign-in' | 'keychain-unavailable';

export interface AccountView {
  /** Google's stable user id (userinfo `id`). */
  id: string;
  email: string;
  name: string;
  pictureUrl: string | null;
  status: AccountStatus;
}

/**
 * Why the keychain can't be used: no Secret Service on D-Bus (Linux), a keychain that stays locked, keytar's
 * native module failing to load, no answer in time, another refusal — or, with the sign-in kept in the
 * passphrase-protected file, that file waiting for its passphrase.
 */
export type KeychainProblem =
  'no-secret-service' | 'locked' | 'module-failed' | 'no-answer' | 'refused' | 'passphrase-needed';

export interface AccountsState {
  accounts: AccountView[];
  activeAccountId: string | null;
  /** True when the keychain could not be read at start-up; the UI offers Retry. */
  keychainUnavailable: boolean;
  /** With keychainUnavailable: which problem, so the screen can say what to install or unlock. */
  keychainProblem?: KeychainProblem;
  /** Present when the person chose to keep the sign-in in a passphrase-protected file instead of the keychain. */
  passphraseFile?: { unlocked: boolean };
}

export type SignInPhase = 'idle' | 'waiting-for-browser' | 'exchanging' | 'done' | 'failed';

export interface SignInProgress {
  phase: SignInPhase;
  /** Only when the system browser could not be opened: the URL for the person to copy. */
  manualUrl?: string;
  /** With waiting-for-browser: whether the main process can copy the sign-in link (false without a desktop). */
  canCopyLink?: boolean;
  error?: IpcError;
}

export interface Correspondent {
  name: string;
  address: string;
}

export interface MessageSummary {
  /** The account the message belongs to: every action on it goes to this mailbox. */
  accountId: string;
  id: string;
  threadId: string;
  from: Correspondent;
  subject: string;
  snippet: string;
  /** Epoch milliseconds (Gmail `internalDate`). */
  date: number;
  unread: boolean;
  starred: boolean;
  inInbox: boolean;
  hasAttachments: boolean;
  /**
   * Search rows only: where the row came from. `local`: found in the search index on this computer
   * (`messages:searchLocal`, answered without Google); `gmail`: Gmail's own search answered it
   * (`messages:list` with a query or scope `all`). Absent in the unread list.
   */
  origin?: MessageOrigin;
}

export type MessageOrigin = 'local' | 'gmail';

/**
 * `messages:searchLocal`: a search answered from this computer's index in a few milliseconds, newest first,
 * every row with `origin: 'local'`. Only a subset of Gmail's syntax can be answered here (the README's
 * "Search" section): from:, to:, subject:, has:attachment, is:unread, is:starred, before:, after:,
 * older_than:, newer_than:, "phrases", -, OR and words. Anything else is `answerable: false` (with the
 * reason, for logs and tests, never shown): ask Gmail only, with `messages:list`.
 */
export type LocalSearchResult =
  | {
      answerable: true;
      messages: MessageSummary[];
      /** More messages matched than `pageSize`. The local answer is one page: Gmail's answer takes over. */
      more: boolean;
    }
  | { answerable: false; reason: string };

export interface MessagePage {
  messages: MessageSummary[];
  /** Opaque cursor for the next page, or null on the last page. */
  nextPageToken: string | null;
  /** Google's estimate of how many messages match. */
  resultSizeEstimate: number;
  /** True when the page was served from the local cache without waiting for Google. */
  fromCache: boolean;
  /**
   * Unread lists only (empty for a search): the status of every mailbox the page covers, as it was when the
   * page was served. The renderer's reducer starts each account at this version and applies later changes.
   */
  mailboxes: MailboxStatus[];
}

/**
 * `conversation:get`: every message of one thread Gmail holds, oldest first (from one `threads.get` with
 * format metadata; nothing for the list ever asks for it). Read and archived messages are included: the
 * reader shows them collapsed. Content comes from `message:get`, served from this computer when kept.
 */
export interface Conversation {
  accountId: string;
  threadId: string;
  /** Oldest first. `inInbox`/`unread`/`starred` per message, as Gmail has them now. */
  messages: MessageSummary[];
  /**
   * True when Google could not be reached: `messages` are only those of the thread this computer holds (the
   * reader can say the conversation may be incomplete). Absent when Gmail answered.
   */
  fromCache?: boolean;
}

/**
 * One attachment of an opened message, as metadata: its bytes stay in the main process (`attachment:save`
 * reads the part again by `index` and writes it to the file the person chose).
 */
export interface MessageAttachment {
  /** The part's place among the message's attachments: what `attachment:save` asks for. */
  index: number;
  /** The sender's name for it (at most 1,024 characters); shown cleaned, saved under safeFileName's name. */
  filename: string;
  mimeType: string;
  /** Decoded size in bytes. */
  size: number;
  /** Bare Content-ID (no angle brackets), when the part has one. */
  contentId: string | null;
  /** True for parts the HTML shows inline (cid: images); these are not listed as attachments. */
  inline: boolean;
  /** An image with a Content-ID, small enough to travel (INLINE_IMAGE_MAX_BYTES): a data: URL for `cid:`; else null. */
  dataUrl: string | null;
}

/** The body was longer than the reader's limit: it shows `shownChars` of `totalChars` (UTF-16 units). */
export interface BodyTruncation {
  shownChars: number;
  totalChars: number;
  /** False when even "Show the whole message" stops short (over BODY_WHOLE_MAX_CHARS): Open in Gmail. */
  wholeAvailable: boolean;
}

/**
 * An opened message, parsed in the main process (postal-mime) and bounded (electron/shared/input-limits.ts):
 * subject ≤ 16 KB, names ≤ 1 KB, at most 1,000 recipients per field (with the true counts), the body cut at
 * ~2 MB unless asked whole, attachments as metadata only.
 */
export interface MessageContent {
  id: string;
  threadId: string;
  labelIds: string[];
  subject: string;
  from: Correspondent | null;
  to: Correspondent[];
  cc: Correspondent[];
  /** How many recipients the header names; more than `to.length` when the list was cut at READER_RECIPIENTS_MAX. */
  toCount: number;
  ccCount: number;
  /** ISO date string from the Date header, or null. */
  date: string | null;
  html: string | null;
  text: string | null;
  attachments: MessageAttachment[];
  /** Null when the whole body is here. */
  truncated: BodyTruncation | null;
}

/**
 * `offline`: Google could not be reached (no answer at all). `google-trouble`: Gmail answered, with server
 * errors (5xx), through every retry — Google's problem, not the connection; Glance keeps retrying.
 */
export type SyncStatus = 'idle' | 'syncing' | 'offline' | 'google-trouble' | 'rate-limited' | 'needs-sign-in' | 'error';

export interface SyncState {
  accountId: string;
  status: SyncStatus;
  /** Epoch ms of the last successful sync, or null. */
  lastSyncedAt: number | null;
  /** When rate-limited, offline or Gmail is having trouble: epoch ms of the next attempt. */
  retryAt?: number;
  message?: string;
  /** When `error`: the failure as an IPC error, so the window words it in the person's language. */
  error?: IpcError;
}

/** One account's mailbox as its owner (the core's AccountSync) sees it. */
export interface MailboxStatus {
  accountId: string;
  /**
   * Bumped by exactly one with every change the account publishes. A renderer that sees a change whose
   * version is not its own + 1 has missed one and reloads once.
   */
  version: number;
  /** Unread inbox messages (`labels.get(INBOX).messagesUnread`, or the view's own count once fully listed); null until known. */
  unreadCount: number | null;
  /**
   * Unread inbox conversations — the number Gmail shows next to Inbox (`labels.get(INBOX).threadsUnread`, or
   * the view's own count of distinct threads once fully listed); null until known. What the badge, tray,
   * header and title show while `Settings.listMode` is `conversations`.
   */
  unreadConversationCount: number | null;
  sync: SyncState;
  /** Actions (archive, read, star…) saved on this computer that have not reached Gmail yet; sent in order once it answers. */
  pendingActions: number;
  /**
   * Waiting actions Gmail refused for good since Glance started (their message was deleted in Gmail meanwhile).
   * Only grows; the renderer tells the person once for each increase.
   */
  droppedActions: number;
}

/**
 * One versioned change of one account's unread inbox, as published by its owner. It carries the change
 * itself: applying it to the previous state gives the new one, so nobody lists again after it.
 */
export interface MailboxChange extends MailboxStatus {
  /** Messages that entered the unread inbox view (new mail, listed further, marked unread, back in the inbox). */
  added: MessageSummary[];
  /** Messages still in the view whose summary changed (starred, unstarred). */
  updated: MessageSummary[];
  /** Messages that left the unread inbox view (read, archived, deleted). */
  removedIds: string[];
  /** The ids in `added` that are new mail, arrived since the last sync: what notifications announce. */
  arrivedIds: string[];
  /**
   * Gmail's labels of each message in `arrivedIds` (only those, so the list rows stay small): what the
   * per-account notification rules read (Primary = CATEGORY_PERSONAL, chosen labels). Always set by the core.
   */
  arrivedLabelIds?: Record<string, string[]>;
}

/** One of the account's own Gmail labels (labels.list, `type: user`), for the "chosen labels" rule. */
export interface GmailLabel {
  id: string;
  /** Nested labels are named with slashes, as Gmail shows them (`Travel/2026`). */
  name: string;
}

/** What happened to "Send a test notification". */
export interface TestNotificationResult {
  /** `shown`: the system accepted and showed it; `failed`: it refused; `unsupported`: this system has no notifications; `no-answer`: the system said nothing in time. */
  outcome: 'shown' | 'failed' | 'unsupported' | 'no-answer';
  /** A sentence for the person: what happened and, when it did not work, what to do. */
  message: string;
}

/** Which new mail of one account is announced. */
export interface AccountNotificationSettings {
  enabled: boolean;
  /** `inbox`: all new inbox mail; `primary`: Gmail's Primary category only (CATEGORY_PERSONAL); `labels`: mail with any of `labelIds`. */
  which: 'inbox' | 'primary' | 'labels';
  labelIds: string[];
}

/** A daily quiet period in local minutes since midnight; `end < start` spans midnight. */
export interface QuietHours {
  enabled: boolean;
  startMinute: number;
  endMinute: number;
}

export interface Settings {
  markReadOnOpen: boolean;
  /** Master switch for new-mail notifications (each account can also be turned off). */
  notifications: boolean;
  pollSeconds: number;
  launchAtLogin: boolean;
  /** `never`: remote images are never loaded; `ask`: blocked with a "Show images" bar; `trusted`: always for trusted senders, ask for others. */
  remoteImages: 'never' | 'ask' | 'trusted';
  /** Trusted senders (remote images shown). Lower-case addresses. */
  remoteContentSenders: string[];
  /** Per account id; an account missing here uses DEFAULT_ACCOUNT_NOTIFICATIONS. */
  accountNotifications: Record<string, AccountNotificationSettings>;
  quietHours: QuietHours;
  /** Do not disturb: null = off; `until` epoch ms, or null = until the person turns it off. */
  doNotDisturb: { until: number | null } | null;
  theme: 'system' | 'light' | 'dark';
  /**
   * Registrable domains (ASCII, punycode for IDN; or an IP address) whose links open without the "Open this
   * link?" question — the person chose "don't ask again for this domain". Never silences a blocked scheme.
   */
  trustedLinkDomains: string[];
  /**
   * `conversations`: one row per thread with unread inbox mail and the count of unread conversations, as Gmail
   * shows them by default; `messages`: "Show each message separately" — a row and a count per message.
   */
  listMode: 'conversations' | 'messages';
  /** `system`: the first of the system's languages Glance speaks (English otherwise); or one shipped language. */
  language: LanguageChoice;
}

export const DEFAULT_SETTINGS: Settings = {
  markReadOnOpen: true,
  notifications: true,
  pollSeconds: 60,
  launchAtLogin: false,
  remoteImages: 'ask',
  remoteContentSenders: [],
  accountNotifications: {},
  quietHours: { enabled: false, startMinute: 22 * 60, endMinute: 7 * 60 },
  doNotDisturb: null,
  theme: 'system',
  trustedLinkDomains: [],
  listMode: 'conversations',
  language: 'system',
};

export const DEFAULT_ACCOUNT_NOTIFICATIONS: AccountNotificationSettings = {
  enabled: true,
  which: 'inbox',
  labelIds: [],
};

/**
 * What became of an action: `sent` — Gmail accepted it; `queued` — Gmail could not be reached (offline, an
 * outage, a rate limit), so it is saved on this computer, shown as done, and sent when Google answers again.
 */
export interface ModifyResult {
  outcome: 'sent' | 'queued';
}

export const MESSAGE_ACTIONS = ['markRead', 'markUnread', 'archive', 'unarchive', 'star', 'unstar'] as const;
export type MessageAction = (typeof MESSAGE_ACTIONS)[number];

// ---------------------------------------------------------------------------------------------------
// Argument schemas
// ---------------------------------------------------------------------------------------------------

// Gmail ids are hex strings; accept a conservative alphabet so nothing odd reaches a URL path.
const gmailId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'not a Gmail id');
/** Keys of Object.prototype: never an account (ids key records such as `accountNotifications`). */
const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const accountId = z
  .string()
  .regex(/^[A-Za-z0-9_.@-]{1,128}$/, 'not an account id')
  .refine((id) => !PROTOTYPE_KEYS.has(id), 'not an account id');
/** Lists over every signed-in account (the unified view). Not a possible account id. */
export const ALL_ACCOUNTS = '*';
const accountIdOrAll = z.union([accountId, z.literal(ALL_ACCOUNTS)]);

const noArgs = z.tuple([]);
/** At least 8 characters: it is all that protects the sign-in kept in a file. */
const passphrase = z.string().min(8, 'use at least 8 characters').max(1024);

/** Basic authentication cannot carry a ':' in the user name (RFC 7617). The password is never logged or stored. */
export const proxySignInAnswer = z
  .object({
    requestId: z.string().regex(/^[A-Za-z0-9-]{1,64}$/, 'not a proxy sign-in request id'),
    /** Null: the person chose Cancel. */
    credentials: z
      .object({
        username: z
          .string()
          .min(1, 'enter a user name')
          .max(256)
          .refine((name) => !name.includes(':'), 'a user name cannot contain “:”'),
        password: z.string().max(1024),
      })
      .strict()
      .nullable(),
  })
  .strict();
export type ProxySignInAnswer = z.infer<typeof proxySignInAnswer>;

export const messagesListArgs = z
  .object({
    /** One account, or ALL_ACCOUNTS for the unified view (merged newest first; each row names its account). */
    accountId: accountIdOrAll,
    /** `unread`: INBOX ∩ UNREAD; `all`: all mail (search across everything). */
    scope: z.enum(['unread', 'all']),
    /** Gmail search syntax, as typed by the person. */
    query: z.string().max(1000).optional(),
    pageToken: z.string().max(512).nullable().optional(),
    pageSize: z.number().int().min(1).max(500).optional(),
  })
  .strict();

export const messagesSearchLocalArgs = z
  .object({
    /** One account, or ALL_ACCOUNTS (merged newest first). */
    accountId: accountIdOrAll,
    /** `unread`: INBOX ∩ UNREAD; `all`: everything this computer keeps (it keeps unread mail and opened mail). */
    scope: z.enum(['unread', 'all']),
    /** Gmail search syntax, as typed by the person. */
    query: z.string().min(1).max(1000),
    pageSize: z.number().int().min(1).max(500).optional(),
  })
  .strict();

const minuteOfDay = z.number().int().min(0).max(1439);
const labelId = z.string().regex(/^[A-Za-z0-9_-]{1,128}$/, 'not a Gmail label id');

export const accountNotificationSettings = z
  .object({
    enabled: z.boolean(),
    which: z.enum(['inbox', 'primary', 'labels']),
    labelIds: z.array(labelId).max(500),
  })
  .strict();

/** A host as the URL parser writes it: lower-case ASCII labels (punycode for IDN), or an IP address. */
const trustedLinkDomain = z
  .string()
  .max(253)
  .regex(/^(?:[a-z0-9-]+(?:\.[a-z0-9-]+)*|[0-9a-f:.]+)$/, 'not a lower-case host name or IP address');

export const settingsPatch = z
  .object({
    markReadOnOpen: z.boolean(),
    notifications: z.boolean(),
    pollSeconds: z.number().int().min(15).max(3600),
    launchAtLogin: z.boolean(),
    remoteImages: z.enum(['never', 'ask', 'trusted']),
    remoteContentSenders: z.array(z.string().max(320)).max(10_000),
    accountNotifications: z.record(accountId, accountNotificationSettings),
    quietHours: z.object({ enabled: z.boolean(), startMinute: minuteOfDay, endMinute: minuteOfDay }).strict(),
    doNotDisturb: z.object({ until: z.number().int().nonnegative().nullable() }).strict().nullable(),
    theme: z.enum(['system', 'light', 'dark']),
    trustedLinkDomains: z.array(trustedLinkDomain).max(1000),
    listMode: z.enum(['conversations', 'messages']),
    language: z.enum(['system', ...SHIPPED_LOCALES]),
  })
  .partial()
  .strict();
/** A settings change as the renderer sends it: any subset of the fields. */
export type SettingsPatch = z.infer<typeof settingsPatch>;

/** Every renderer → main call. `args` is the tuple of arguments; `result` is a type witness only. */
export const channels = {
  'app:info': { args: noArgs, result: {} as AppInfo },
  'accounts:get': { args: noArgs, result: {} as AccountsState },
  'accounts:setActive': { args: z.tuple([accountId]), result: {} as AccountsState },
  'accounts:retryKeychain': { args: noArgs, result: {} as AccountsState },
  /**
   * Opt-in when the keychain can't be used: from now on keep refresh tokens and the local mail key in a file in
   * the data folder, encrypted with this passphrase (never stored). Creates the file, or opens it if it exists.
   */
  'accounts:usePassphraseFile': { args: z.tuple([passphrase]), result: {} as AccountsState },
  /** At start, with the sign-in in the passphrase-protected file: opens it (WRONG_PASSPHRASE if it doesn't). */
  'accounts:unlockPassphraseFile': { args: z.tuple([passphrase]), result: {} as AccountsState },
  'auth:signIn': {
    args: z.tuple([z.object({ loginHint: z.string().email().max(320).optional() }).strict()]),
    result: {} as AccountView,
  },
  'auth:cancelSignIn': { args: noArgs, result: null },
  /**
   * While a sign-in waits for the browser: opens the same consent page again (same state, same PKCE challenge,
   * same listener). SIGN_IN_CANCELLED when none is waiting. The address never comes to the window.
   */
  'auth:openBrowserAgain': { args: noArgs, result: null },
  /** The same, copied to the clipboard by the main process; the window learns only that it was copied. */
  'auth:copySignInLink': { args: noArgs, result: null },
  'auth:signOut': {
    args: z.tuple([accountId]),
    /** `revoked: false` when Google could not be told; local data is removed regardless. */
    result: {} as { revoked: boolean },
  },
  'config:chooseClientFile': { args: noArgs, result: {} as AppInfo },
  /**
   * Forgets the Google client chosen in the app (the data folder's client file) and shows the demo mailbox.
   * Google accounts stay signed in (keychain and local mail kept) but are not checked until a client is chosen again.
   */
  'config:useDemo': { args: noArgs, result: {} as AppInfo },
  /** Opens Glance's data folder in the system's file manager. */
  'data:openFolder': { args: noArgs, result: null },
  /** Drops every account's local copy of mail and fetches it again; sign-in and queued actions are kept. */
  'data:clearLocalCopy': { args: noArgs, result: null },
  /** Every signed-in account's mailbox status, from memory (no request to Google). */
  'mailboxes:get': { args: noArgs, result: {} as MailboxStatus[] },
  'messages:list': { args: z.tuple([messagesListArgs]), result: {} as MessagePage },
  /** Search this computer's index only (no request to Google); see LocalSearchResult. */
  'messages:searchLocal': { args: z.tuple([messagesSearchLocalArgs]), result: {} as LocalSearchResult },
  /** `whole: true` ("Show the whole message"): the body up to the hard cap instead of the first ~2 MB. */
  'message:get': {
    args: z.tuple([accountId, gmailId, z.object({ whole: z.boolean() }).strict().optional()]),
    result: {} as MessageContent,
  },
  'messages:modify': {
    args: z.tuple([accountId, z.array(gmailId).min(1).max(1000), z.enum(MESSAGE_ACTIONS)]),
    result: {} as ModifyResult,
  },
  /** One thread's messages, oldest first (one `threads.get`, format metadata). */
  'conversation:get': { args: z.tuple([accountId, gmailId]), result: {} as Conversation },
  /**
   * An action on whole conversations (every message of each thread, including ones not listed): optimistic,
   * journalled and durable like `messages:modify`. Gmail's rules for what a conversation action touches are
   * in electron/core/gmail/README.md.
   */
  'conversations:modify': {
    args: z.tuple([accountId, z.array(gmailId).min(1).max(1000), z.enum(MESSAGE_ACTIONS)]),
    result: {} as ModifyResult,
  },
  /**
   * Saves one attachment of a message: the main process reads the message (local copy or Gmail), takes the
   * part at `attachmentIndex` (MessageAttachment.index) and writes its bytes to the file the person chooses,
   * named with safeFileName. No bytes come from the renderer.
   */
  'attachment:save': {
    args: z.tuple([accountId, gmailId, z.number().int().min(0).max(10_000)]),
    /** Null when the person cancelled the save dialog. */
    result: {} as { savedTo: string } | null,
  },
  'sync:now': { args: z.tuple([accountId]), result: null },
  /** The account's own Gmail labels, asked of Gmail when the notification settings open (not on every sync). */
  'labels:list': { args: z.tuple([accountId]), result: {} as GmailLabel[] },
  /** Shows a test notification; resolves with whether the system showed it. */
  'notifications:test': { args: noArgs, result: {} as TestNotificationResult },
  'settings:get': { args: noArgs, result: {} as Settings },
  'settings:update': { args: z.tuple([settingsPatch]), result: {} as Settings },
  /** The person closed the "settings were reset" banner: it is not shown again. */
  'settings:dismissResetNotice': { args: noArgs, result: null },
  'shell:openExternal': { args: z.tuple([z.string().max(8192)]), result: null },
  'shell:openInGmail': { args: z.tuple([accountId, gmailId]), result: null },
  /** Every host contacted since start, with request counts (from memory; no request is made). */
  'network:activity': { args: noArgs, result: {} as NetworkActivity },
  /** The person's answer to `proxy:signInRequested` (null credentials: Cancel). Kept in memory only, per proxy. */
  'proxy:answerSignIn': { args: z.tuple([proxySignInAnswer]), result: null },
  /**
   * The `proxy:signInRequested` questions still waiting for an answer, oldest first: the dialog asks when it starts
   * listening, because a question sent while the page was loading reached no listener.
   */
  'proxy:openQuestions': { args: noArgs, result: {} as ProxySignInRequest[] },
  /**
   * The message a notification click asked the window to open (`message:show`), if the page has not taken it yet;
   * null when none waits. Taking it empties it: the inbox takes it when it starts listening (an event sent while the
   * page was loading or booting reached no listener) and after each `message:show`, so it is not opened twice.
   */
  'message:takePendingShow': { args: noArgs, result: {} as EventPayloads['message:show'] | null },
} as const;

export type Channel = keyof typeof channels;

/**
 * Channels the main process answers itself, never the core: what they need (a proxy's questions, waiting on
 * Chromium's network stack; the message a notification click asked for) lives in that process, and the core's
 * start-up may itself be waiting on them.
 */
export const MAIN_PROCESS_CHANNELS = [
  'proxy:answerSignIn',
  'proxy:openQuestions',
  'message:takePendingShow',
] as const satisfies Channel[];
export type MainProcessChannel = (typeof MAIN_PROCESS_CHANNELS)[number];
/** The channels the core answers. */
export type CoreChannel = Exclude<Channel, MainProcessChannel>;
export type ChannelArgs<C extends Channel> = z.infer<(typeof channels)[C]['args']>;
export type ChannelResult<C extends Channel> = (typeof channels)[C]['result'];

// ---------------------------------------------------------------------------------------------------
// Main → renderer events
// ---------------------------------------------------------------------------------------------------

export interface EventPayloads {
  'accounts:changed': AccountsState;
  'signIn:progress': SignInProgress;
  /** One account's mailbox changed (mail, count or sync state): the change itself, versioned per account. */
  'mailbox:changed': MailboxChange;
  'settings:changed': Settings;
  /** The person clicked a new-mail notification or the tray asked to show a message. */
  'message:show': { accountId: string; messageId: string };
  /** A notification's button changed mail (the window offers Undo): `outcome` as messages:modify answered. */
  'action:fromNotification': {
    accountId: string;
    messageIds: string[];
    action: MessageAction;
    outcome: ModifyResult['outcome'];
  };
  /** A proxy on the way to Google asks for a user name and password: show the proxy sign-in dialog. */
  'proxy:signInRequested': ProxySignInRequest;
  /**
   * A `proxy:signInRequested` question is no longer open (nobody answered in time, the page it was shown on went
   * away, or it could not be shown): the dialog drops it, since an answer to it would reach no one.
   */
  'proxy:signInWithdrawn': { requestId: string };
  /** A menu or tray item asked the renderer to do something. */
  'command:run': {
    command: 'refresh' | 'search' | 'shortcuts' | 'chooseClientFile' | 'settings' | 'networkActivity';
  };
}
export type EventName = keyof EventPayloads;

// ---------------------------------------------------------------------------------------------------
// The API the renderer sees as `window.glance`, derived from the channel list
// ---------------------------------------------------------------------------------------------------

type SplitChannel<C extends string> = C extends `${infer D}:${infer V}` ? [D, V] : never;
type Domains = SplitChannel<Channel>[0];
type VerbsOf<D extends string> = { [C in Channel]: SplitChannel<C>[0] extends D ? SplitChannel<C>[1] : never }[Channel];
type ChannelOf<D extends string, V extends string> = `${D}:${V}` & Channel;

export type GlanceApi = {
  [D in Domains]: {
    [V in VerbsOf<D>]: (...args: ChannelArgs<ChannelOf<D, V>>) => Promise<IpcResult<ChannelResult<ChannelOf<D, V>>>>;
  };
} & {
  /** Subscribes to a main → renderer event; returns the unsubscribe function. */
  on<E extends EventName>(event: E, listener: (payload: EventPayloads[E]) => void): () => void;
};

export type Invoke = (channel: Channel, args: unknown[]) => Promise<IpcResult<unknown>>;
export type Subscribe = (event: EventName, listener: (payload: unknown) => void) => () => void;

// The runtime half of the API (channel and event names, `buildGlanceApi`) lives in ipc-api.ts, which
// imports no zod: the sandboxed preload bundles it without the schemas.
export { buildGlanceApi, CHANNEL_NAMES, EVENT_NAMES } from './ipc-api.js';
