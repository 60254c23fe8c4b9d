/**
 * Typed errors of the core services. They mirror the exceptions of Google's server-side authorization
 * guide (the seed: CodeExchangeException, NoUserIdException, NoRefreshTokenException) and add the
 * desktop cases. `toIpcError` maps any thrown value to the contract's `{ code, message }` in one place.
 *
 * Messages are written for people and never include a token, an authorization code, a callback URL or
 * mail content.
 */
import {
  type ClientConfigReason,
  type ClientRejectedReason,
  type ErrorCode,
  errorDetails,
  type ErrorDetails,
  type ErrorReason,
  type IpcError,
  type KeychainProblem,
  REASONS_BY_CODE,
} from '../shared/ipc-contract.js';

/**
 * Every sentence the core shows for an error it raises, in one place (client-secrets problems name the
 * file's field and are worded in config/client-secrets.ts, next to the checks).
 */
export const WORDING = {
  googleDidNotAnswer: 'Google didn’t answer in time. Check your connection, then try again.',
  signInUnreachable: 'Glance couldn’t reach Google to finish signing in. Check your connection, then sign in again.',
  accountNotSignedIn: 'That account is no longer signed in to Glance.',
  attachmentNotFound: 'That attachment is no longer in the message. Open the message again, then save it.',
  noDesktopNotifications: 'This copy of Glance runs without a desktop, so it cannot show notifications.',
  signInRedirectError: (code: string) =>
    `Google could not complete the sign-in (${code}). Click “Sign in with Google” to try again.`,
  loopbackUnavailable: (port: number, code: string) =>
    `Glance could not listen for your browser on 127.0.0.1:${port} (${code}). Close the program using that port, then try again.`,
  noAccessToken: 'Google answered the sign-in without an access token. Please try signing in again.',
  unknownRequest: (channel: string) => `Unknown request “${channel}”.`,
  badRequest: (where: string, issue: string) => `Glance got a request it can’t understand${where}: ${issue}.`,
  signInReplaced: 'Sign-in was cancelled because another sign-in started.',
  noSignInWaiting: 'No sign-in is waiting for the browser any more.',
  noClipboard: 'This copy of Glance runs without a desktop, so it cannot copy to the clipboard.',
  shuttingDown: 'Glance is shutting down.',
  syncStopped: 'Glance stopped syncing this account.',
  quotaPause: 'Glance is pausing to stay within Google’s limits. It will continue shortly.',
  messageGone: 'That message no longer exists in Gmail.',
  conversationGone: 'That conversation no longer exists in Gmail. Reload the list to see what is there now.',
  conversationOffline:
    'Glance can’t reach Google and keeps none of this conversation’s messages on this computer. Check your connection, then open it again.',
  gmailRefused: (status: number | undefined) =>
    `Gmail refused the request (HTTP ${status ?? '?'}). Try again; if it keeps happening, sign out and sign in again.`,
  pageOutOfDate: 'That page of the list is out of date. Reload the list.',
  syncFailed: 'Glance could not refresh your mail; it will try again.',
  gmailHavingTrouble: 'Gmail is having trouble — retrying. Your saved mail is still here.',
  rebuildingLocalCopy: 'Rebuilding the local copy of your mail',
  onlyWebAndEmailLinks: 'Glance only opens web and email links.',
  clientFromEnvironment:
    'Glance is set to use the Google client in GLANCE_CLIENT_SECRETS. Remove that setting and restart Glance to use a different client.',
  embeddedClientKept:
    'This copy of Glance comes with its own Google client, so there is no demo mailbox to go back to.',
  alreadyDemo: 'Glance is already showing the demo mailbox.',
  messageTooComplex: 'This message could not be opened — it is too complex to display. Open it in Gmail to read it.',
  messageParseFailed: 'This message could not be opened: Glance’s message reader stopped. Try again.',
  attachmentNotSaved: (code: string) =>
    `Glance could not save the attachment there (${code}). Choose another folder, then save it again.`,
  noDataFolderOpener: 'Glance can’t open folders here. Open the folder shown in Settings yourself.',
  clientRejectedWhileSyncing:
    'Google no longer accepts Glance’s OAuth client (it may have been deleted). Fix or restore it in Google Cloud Console, or choose another client file in Settings → Google client. Your mail stays here.',
  proxyFailed: (proxy: string | null) =>
    `Glance can’t get through the proxy${proxy ? ` ${proxy}` : ''} to reach Google. Check the system’s proxy settings, or ask your IT department.`,
} as const;

export class GlanceError extends Error {
  readonly code: ErrorCode;
  readonly retryAt: number | undefined;
  /** The account to ask again for, when the next step is a sign-in for that account. */
  readonly loginHint: string | undefined;
  /** The OAuth client id, when the fix is about the client (not a secret). */
  readonly clientId: string | undefined;
  /** PROXY_FAILED: the proxy as host:port, when known. */
  readonly proxy: string | undefined;
  /** ATTACHMENT_NOT_SAVED: the system's error code. */
  readonly systemCode: string | undefined;
  /** What exactly happened, for the window to word in the person's language (the message is English). */
  readonly details: ErrorDetails | undefined;
  constructor(
    code: ErrorCode,
    message: string,
    options?: {
      cause?: unknown;
      retryAt?: number;
      loginHint?: string | undefined;
      clientId?: string | undefined;
      proxy?: string | undefined;
      systemCode?: string | undefined;
      details?: ErrorDetails | undefined;
    },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.retryAt = options?.retryAt;
    this.loginHint = options?.loginHint;
    this.clientId = options?.clientId;
    this.proxy = options?.proxy;
    this.systemCode = options?.systemCode;
    this.details = options?.details;
  }
}

/** The renderer sent arguments the contract does not allow. */
export class InvalidArgumentError extends GlanceError {
  constructor(message: string) {
    super('INVALID_ARGUMENT', message);
  }
}

/** The Google client secrets file is missing a field or is not JSON. `field` names what to fix. */
export class ClientConfigError extends GlanceError {
  readonly field: string | null;
  constructor(message: string, problem: { reason: ClientConfigReason; field?: string; file?: string }) {
    super('CLIENT_CONFIG_INVALID', message, { details: problem });
    this.field = problem.field ?? null;
  }
}

/** Seed: CodeExchangeException — Google refused to exchange the authorization code. */
export class CodeExchangeError extends GlanceError {
  constructor(message = 'Google did not accept the sign-in. Please try signing in again.', cause?: unknown) {
    super('CODE_EXCHANGE_FAILED', message, { cause });
  }
}

/** Seed: NoUserIdException — userinfo gave no user id. */
export class NoUserIdError extends GlanceError {
  constructor(message = 'Google did not say which account signed in. Please try signing in again.', cause?: unknown) {
    super('NO_USER_ID', message, { cause });
  }
}

/**
 * Seed: NoRefreshTokenException(authorization_url) — Google returned no refresh token and none is
 * stored. The UI re-runs consent (`prompt=consent`) for `loginHint`.
 */
export class NoRefreshTokenError extends GlanceError {
  constructor(loginHint?: string) {
    super('NO_REFRESH_TOKEN', 'Google needs you to approve Glance again. Click “Sign in again” to continue.', {
      loginHint,
    });
  }
}

export class ConsentDeniedError extends GlanceError {
  constructor() {
    super(
      'CONSENT_DENIED',
      'You declined access in your browser. Glance can’t show your mail without it — sign in again when you’re ready.',
    );
  }
}

/** The Gmail box was left unticked on Google's consent page (granular consent). `loginHint`: who, when known. */
export class ScopeMissingError extends GlanceError {
  constructor(loginHint?: string) {
    super('SCOPE_MISSING', 'Glance needs permission to read your mail — sign in again and tick the Gmail box.', {
      loginHint,
    });
  }
}

/** `admin_policy_enforced`: the account's Google Workspace admin has not allowed this OAuth client. */
export class AdminPolicyBlockedError extends GlanceError {
  constructor(clientId: string) {
    super(
      'ADMIN_POLICY_BLOCKED',
      'Your Google Workspace administrator hasn’t allowed Glance to use your Google account.',
      { clientId },
    );
  }
}

/** `org_internal`: the OAuth client is an Internal app of another Workspace organisation. */
export class OrgInternalError extends GlanceError {
  constructor(clientId: string) {
    super('ORG_INTERNAL', 'This Google client only accepts accounts of the organisation that created it.', {
      clientId,
    });
  }
}

/** `invalid_client` / `unauthorized_client` / `deleted_client`: the client file no longer matches a usable client. */
export class ClientRejectedError extends GlanceError {
  readonly reason: string;
  constructor(reason: 'invalid_client' | 'unauthorized_client' | 'deleted_client', clientId: string) {
    super(
      'CLIENT_REJECTED',
      reason === 'deleted_client'
        ? 'Google says this OAuth client was deleted.'
        : `Google doesn’t accept this OAuth client (${reason}).`,
      { clientId, details: { reason: CLIENT_REJECTION_REASONS[reason] } },
    );
    this.reason = reason;
  }
}

const CLIENT_REJECTION_REASONS: Record<
  'invalid_client' | 'unauthorized_client' | 'deleted_client',
  ClientRejectedReason
> = {
  invalid_client: 'invalid-client',
  unauthorized_client: 'unauthorized-client',
  deleted_client: 'deleted-client',
};

/** `redirect_uri_mismatch`: the client is not a Desktop app client, so Google refuses Glance's loopback address. */
export class RedirectUriMismatchError extends GlanceError {
  constructor(clientId: string) {
    super('REDIRECT_URI_MISMATCH', 'Google refused the address Glance listens on for the sign-in.', { clientId });
  }
}

/** The passphrase does not open the sign-in file (its check value fails to decrypt). */
export class WrongPassphraseError extends GlanceError {
  constructor() {
    super('WRONG_PASSPHRASE', 'That passphrase doesn’t open your saved sign-in. Check it and try again.');
  }
}

/** The sign-in file decrypts with the passphrase but its contents fail authentication, or it is not one at all. */
export class SecretsFileDamagedError extends GlanceError {
  constructor(detail: string) {
    super(
      'SECRETS_FILE_DAMAGED',
      `The file that keeps your sign-in is damaged (${detail}). Sign in again to make a new one.`,
    );
  }
}

export class SignInCancelledError extends GlanceError {
  constructor(message = 'Sign-in was cancelled.') {
    super('SIGN_IN_CANCELLED', message);
  }
}

export class SignInTimeoutError extends GlanceError {
  constructor() {
    super(
      'SIGN_IN_TIMEOUT',
      'Your browser didn’t come back to Glance in time. Click “Sign in with Google” to try again.',
    );
  }
}

/** The account's refresh token was revoked or expired (`invalid_grant`, or a 401 after refresh). */
export class NeedsSignInError extends GlanceError {
  readonly accountId: string;
  constructor(accountId: string, message = 'Your Google session ended — sign in again. Your cached mail stays here.') {
    super('NEEDS_SIGN_IN', message);
    this.accountId = accountId;
  }
}

export class KeychainUnavailableError extends GlanceError {
  readonly problem: KeychainProblem;
  constructor(detail?: string, cause?: unknown, problem: KeychainProblem = 'refused') {
    super(
      'KEYCHAIN_UNAVAILABLE',
      problem === 'passphrase-needed'
        ? 'Your sign-in is kept in a file protected by a passphrase. Enter the passphrase to open it.'
        : `Glance can’t reach your system keychain${detail ? ` (${detail})` : ''}. Unlock it (or start your keyring service), then click Retry.`,
      { cause },
    );
    this.problem = problem;
  }
}

export class OfflineError extends GlanceError {
  constructor(
    message = 'Glance can’t reach Google. Check your connection; Glance will retry on its own.',
    cause?: unknown,
    /** ProxyFailedError only: the same "not now, later" for every caller, under its own code. */
    options?: { code: 'PROXY_FAILED'; proxy: string | undefined },
  ) {
    super(options?.code ?? 'OFFLINE', message, { cause, proxy: options?.proxy });
  }
}

/**
 * The proxy between this computer and Google refused the request, could not be reached, or asked for a
 * sign-in that was cancelled or refused (a 407, Chromium's net::ERR_PROXY_… and ERR_TUNNEL_CONNECTION_FAILED,
 * or undici's refused CONNECT). Still an OfflineError — the request did not happen and is tried again later,
 * actions wait on this computer — but under its own code, naming the proxy, because checking "the
 * connection" will not help: the proxy settings or the IT department will.
 */
export class ProxyFailedError extends OfflineError {
  /** The network stack's own name for what happened (net::ERR_…, HTTP 407, ECONNREFUSED), for the log. */
  readonly reason: string;
  constructor(proxy: string | null, reason: string, cause?: unknown) {
    super(WORDING.proxyFailed(proxy), cause, { code: 'PROXY_FAILED', proxy: proxy ?? undefined });
    this.reason = reason;
  }
}

/**
 * A thrown value and its causes, outermost first: what a socket or the network stack said sits a few causes
 * deep (the fetch ports fail as the standard fetch does, and gaxios wraps that once more). At most five.
 */
export function* causeChain(error: unknown): Generator<{ code?: unknown; message?: unknown }> {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current !== null && typeof current === 'object'; depth++) {
    yield current as { code?: unknown; message?: unknown };
    current = (current as { cause?: unknown }).cause;
  }
}

/** The ProxyFailedError somewhere in a thrown value's cause chain (gaxios wraps what the fetch port throws). */
export function proxyFailureIn(error: unknown): ProxyFailedError | null {
  for (const link of causeChain(error)) if (link instanceof ProxyFailedError) return link;
  return null;
}

/**
 * Gmail answered with server errors (5xx) through every retry. Still an OfflineError (code OFFLINE: the
 * request did not happen and may be tried again later, exactly as when offline), but the account's sync
 * state says `google-trouble`, not "check your connection".
 */
export class GmailUnavailableError extends OfflineError {
  readonly status: number;
  constructor(status: number, cause?: unknown) {
    super(WORDING.gmailHavingTrouble, cause);
    this.status = status;
  }
}

export class RateLimitedError extends GlanceError {
  constructor(retryAt: number, message = 'Google asked Glance to slow down. Glance will retry shortly.') {
    super('RATE_LIMITED', message, { retryAt });
  }
}

export class NotFoundError extends GlanceError {
  constructor(message = 'That item no longer exists.') {
    super('NOT_FOUND', message);
  }
}

/** The person closed a dialog without choosing. */
/** A message whose parse ran past its time limit (worker-parser.ts): hostile or far beyond what mail needs. */
export class MessageTooComplexError extends GlanceError {
  constructor() {
    super('MESSAGE_TOO_COMPLEX', WORDING.messageTooComplex);
  }
}

/** The parse worker stopped (crashed, ran out of memory) or was closed while a message was being read. */
export class MessageParseFailedError extends GlanceError {
  constructor() {
    super('MESSAGE_READER_STOPPED', WORDING.messageParseFailed);
  }
}

/** The chosen file could not be written (a folder without write access, a full disk). */
export class AttachmentNotSavedError extends GlanceError {
  constructor(cause: unknown) {
    const code = (cause as { code?: unknown } | null)?.code;
    const systemCode = typeof code === 'string' ? code : undefined;
    super('ATTACHMENT_NOT_SAVED', WORDING.attachmentNotSaved(systemCode ?? 'error'), { cause, systemCode });
  }
}

export class CancelledError extends GlanceError {
  constructor(message = 'Cancelled.') {
    super('CANCELLED', message);
  }
}

export class GoogleApiError extends GlanceError {
  readonly status: number | undefined;
  /** `gmailRefused` (with its status), or Google's error code on the sign-in redirect. */
  constructor(message: string, what: { status: number | undefined } | { googleCode: string }, cause?: unknown) {
    const status = 'status' in what ? what.status : undefined;
    super('GOOGLE_ERROR', message, {
      cause,
      details:
        'googleCode' in what
          ? { reason: 'sign-in-refused', googleCode: what.googleCode }
          : { reason: 'gmail-refused', ...(status === undefined ? {} : { status }) },
    });
    this.status = status;
  }
}

/**
 * Glance could not listen on 127.0.0.1 for the browser's return: a fixed redirect port (a "web" client file) held
 * by another program, or the system refused a local port.
 */
export class SignInListenerError extends GlanceError {
  constructor(port: number, systemCode: string | undefined, cause?: unknown) {
    super('SIGN_IN_LISTENER_FAILED', WORDING.loopbackUnavailable(port, systemCode ?? 'error'), {
      cause,
      systemCode,
      details: { port },
    });
  }
}

export function toIpcError(error: unknown): IpcError {
  if (error instanceof GlanceError) {
    const ipcError: IpcError = { code: error.code, message: error.message };
    if (error.retryAt !== undefined) ipcError.retryAt = error.retryAt;
    if (error.loginHint !== undefined) ipcError.loginHint = error.loginHint;
    if (error.clientId !== undefined) ipcError.clientId = error.clientId;
    if (error.proxy !== undefined) ipcError.proxy = error.proxy;
    if (error.systemCode !== undefined) ipcError.systemCode = error.systemCode;
    Object.assign(ipcError, checkedDetails(error.code, error.details));
    return ipcError;
  }
  return {
    code: 'INTERNAL',
    message: 'Something went wrong inside Glance. Please try again; if it keeps happening, restart Glance.',
  };
}

/**
 * The details as the contract allows them for this code, each checked on its own: one that doesn't fit (a path
 * for a file name, a reason of another code) is dropped, and the rest still reach the window.
 */
function checkedDetails(code: ErrorCode, details: ErrorDetails | undefined): ErrorDetails {
  if (details === undefined) return {};
  const checked: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(details)) {
    const field = errorDetails.shape[name as keyof ErrorDetails];
    if (field !== undefined && value !== undefined && field.safeParse(value).success) checked[name] = value;
  }
  if (checked.reason !== undefined && !REASONS_BY_CODE[code]?.includes(checked.reason as ErrorReason))
    delete checked.reason;
  return checked as ErrorDetails;
}
