import type { ErrorCode, IpcError, IpcResult } from '../../../electron/shared/ipc-contract.js';
import { currentLocale, i18n } from '../i18n/i18n.js';

/** What the person can do about an error; the UI shows a button for each. */
export type NextStep = 'retry' | 'sign-in-again' | 'retry-keychain' | 'choose-client-file' | 'wait' | 'report' | 'none';

export interface ErrorAdvice {
  title: string;
  /** The next step, in words, shown under the title. */
  detail: string;
  nextStep: NextStep;
}

/**
 * Turns an IPC error into words and a next step. Exhaustive: a new error code in the contract fails
 * the typecheck here until someone decides what the person should be told.
 */
export function adviceFor(error: IpcError, now: number = Date.now()): ErrorAdvice {
  const code: ErrorCode = error.code;
  // The core's `message` is English, for logs: what only the core knows (which field of the client file is
  // wrong, what Google answered) comes in the error's structured fields and is worded here.
  switch (code) {
    case 'NEEDS_SIGN_IN':
      return {
        title: i18n.t('errors:needsSignIn.title'),
        detail: i18n.t('errors:needsSignIn.detail'),
        nextStep: 'sign-in-again',
      };
    case 'KEYCHAIN_UNAVAILABLE':
      return {
        title: i18n.t('errors:keychainUnavailable.title'),
        detail: i18n.t('errors:keychainUnavailable.detail'),
        nextStep: 'retry-keychain',
      };
    case 'OFFLINE':
      return { title: i18n.t('errors:offline.title'), detail: i18n.t('errors:offline.detail'), nextStep: 'retry' };
    case 'PROXY_FAILED':
      return {
        title: i18n.t('network:proxyFailed.title'),
        detail: error.proxy
          ? i18n.t('network:proxyFailed.detail', { proxy: error.proxy })
          : i18n.t('network:proxyFailed.detailUnknownProxy'),
        nextStep: 'retry',
      };
    case 'RATE_LIMITED':
      return {
        title: i18n.t('errors:rateLimited.title'),
        detail: error.retryAt !== undefined ? retrySentence(error.retryAt, now) : i18n.t('errors:rateLimited.detail'),
        nextStep: 'wait',
      };
    case 'NOT_FOUND':
      return { title: i18n.t('errors:notFound.title'), detail: i18n.t('errors:notFound.detail'), nextStep: 'retry' };
    case 'CLIENT_CONFIG_INVALID':
      // Another file won't help when the client is fixed by the environment or comes with this copy of Glance.
      if (error.reason === 'set-by-environment' || error.reason === 'embedded-client') {
        return {
          title: i18n.t('errors:clientConfigInvalid.fixedClientTitle'),
          detail:
            error.reason === 'set-by-environment'
              ? i18n.t('errors:clientConfigInvalid.setByEnvironment')
              : i18n.t('errors:clientConfigInvalid.embeddedClient'),
          nextStep: 'none',
        };
      }
      return {
        title: i18n.t('errors:clientConfigInvalid.title'),
        detail: i18n.t('errors:clientConfigInvalid.detail', { problem: clientFileProblem(error) }),
        nextStep: 'choose-client-file',
      };
    case 'CONSENT_DENIED':
      return {
        title: i18n.t('errors:consentDenied.title'),
        detail: i18n.t('errors:consentDenied.detail'),
        nextStep: 'sign-in-again',
      };
    case 'SCOPE_MISSING':
      return {
        title: i18n.t('errors:scopeMissing.title'),
        detail: i18n.t('errors:scopeMissing.detail'),
        nextStep: 'sign-in-again',
      };
    case 'SIGN_IN_CANCELLED':
      return {
        title: i18n.t('errors:signInCancelled.title'),
        detail: i18n.t('errors:signInCancelled.detail'),
        nextStep: 'sign-in-again',
      };
    case 'SIGN_IN_TIMEOUT':
      return {
        title: i18n.t('errors:signInTimeout.title'),
        detail: i18n.t('errors:signInTimeout.detail'),
        nextStep: 'sign-in-again',
      };
    case 'SIGN_IN_LISTENER_FAILED':
      return {
        title: i18n.t('errors:signInListenerFailed.title'),
        // A fixed port comes from a "web" client file's redirect address; port 0 is any free port.
        detail: error.port
          ? i18n.t('errors:signInListenerFailed.detailFixedPort', {
              port: error.port,
              code: error.systemCode ?? 'error',
            })
          : i18n.t('errors:signInListenerFailed.detail', { code: error.systemCode ?? 'error' }),
        nextStep: 'sign-in-again',
      };
    case 'CODE_EXCHANGE_FAILED':
      return {
        title: i18n.t('errors:codeExchangeFailed.title'),
        detail: i18n.t('errors:codeExchangeFailed.detail'),
        nextStep: 'sign-in-again',
      };
    case 'NO_USER_ID':
      return {
        title: i18n.t('errors:noUserId.title'),
        detail: i18n.t('errors:noUserId.detail'),
        nextStep: 'sign-in-again',
      };
    case 'NO_REFRESH_TOKEN':
      return {
        title: i18n.t('errors:noRefreshToken.title'),
        detail: i18n.t('errors:noRefreshToken.detail'),
        nextStep: 'sign-in-again',
      };
    case 'ADMIN_POLICY_BLOCKED':
      return {
        title: i18n.t('errors:adminPolicyBlocked.title'),
        detail: i18n.t('errors:adminPolicyBlocked.detail'),
        nextStep: 'none',
      };
    case 'ORG_INTERNAL':
      return {
        title: i18n.t('errors:orgInternal.title'),
        detail: i18n.t('errors:orgInternal.detail'),
        nextStep: 'choose-client-file',
      };
    case 'CLIENT_REJECTED':
      return {
        title: i18n.t('errors:clientRejected.title'),
        detail: i18n.t('errors:clientRejected.detail', { problem: clientRejection(error) }),
        nextStep: 'choose-client-file',
      };
    case 'REDIRECT_URI_MISMATCH':
      return {
        title: i18n.t('errors:redirectUriMismatch.title'),
        detail: i18n.t('errors:redirectUriMismatch.detail'),
        nextStep: 'choose-client-file',
      };
    case 'WRONG_PASSPHRASE':
      return {
        title: i18n.t('errors:wrongPassphrase.title'),
        detail: i18n.t('errors:wrongPassphrase.detail'),
        nextStep: 'none',
      };
    case 'SECRETS_FILE_DAMAGED':
      return {
        title: i18n.t('errors:secretsFileDamaged.title'),
        detail: i18n.t('errors:secretsFileDamaged.detail'),
        nextStep: 'none',
      };
    case 'GOOGLE_ERROR':
      return {
        title: i18n.t('errors:googleError.title'),
        // Gmail refusing again and again is often a session gone wrong, which signing in again mends.
        detail:
          error.reason === 'gmail-refused'
            ? i18n.t('errors:googleError.detailGmail', { problem: googleAnswer(error) })
            : i18n.t('errors:googleError.detail', { problem: googleAnswer(error) }),
        nextStep: 'retry',
      };
    case 'CANCELLED':
      return { title: i18n.t('errors:cancelled.title'), detail: i18n.t('errors:cancelled.detail'), nextStep: 'none' };
    case 'INVALID_ARGUMENT':
      return {
        title: i18n.t('errors:invalidArgument.title'),
        detail: i18n.t('errors:invalidArgument.detail'),
        nextStep: 'report',
      };
    case 'MESSAGE_TOO_COMPLEX':
      return {
        title: i18n.t('errors:messageTooComplex.title'),
        detail: i18n.t('errors:messageTooComplex.detail'),
        nextStep: 'none',
      };
    case 'MESSAGE_READER_STOPPED':
      return {
        title: i18n.t('errors:messageReaderStopped.title'),
        detail: i18n.t('errors:messageReaderStopped.detail'),
        nextStep: 'retry',
      };
    case 'ATTACHMENT_NOT_SAVED':
      return {
        title: i18n.t('errors:attachmentNotSaved.title'),
        detail:
          error.systemCode === undefined
            ? i18n.t('errors:attachmentNotSaved.detail')
            : i18n.t('errors:attachmentNotSaved.detailWithCode', { code: error.systemCode }),
        nextStep: 'none',
      };
    case 'INTERNAL':
      // What went wrong inside Glance is for the log, not the person.
      return {
        title: i18n.t('errors:internal.title'),
        detail: i18n.t('errors:internal.detail'),
        nextStep: 'report',
      };
    default:
      return assertNever(code);
  }
}

/** CLIENT_CONFIG_INVALID: what is wrong with the client file, naming the file and its field as they are written. */
function clientFileProblem(error: IpcError): string {
  // The core always names the file; the name it is kept under is the best guess otherwise.
  const file = error.file ?? 'client_secret.json';
  const field = error.field;
  switch (error.reason) {
    case 'file-missing':
      return i18n.t('errors:clientConfigInvalid.problem.fileMissing', { file });
    case 'permission-denied':
      return i18n.t('errors:clientConfigInvalid.problem.permissionDenied', { file });
    case 'unreadable':
      return i18n.t('errors:clientConfigInvalid.problem.unreadable', { file });
    case 'not-json':
      return i18n.t('errors:clientConfigInvalid.problem.notJson', { file });
    case 'not-an-object':
      return i18n.t('errors:clientConfigInvalid.problem.notAnObject', { file });
    case 'no-client-section':
      return i18n.t('errors:clientConfigInvalid.problem.noClientSection', { file });
    case 'missing-field':
      if (field === undefined) break;
      return i18n.t('errors:clientConfigInvalid.problem.missingField', { file, field });
    case 'invalid-field':
      if (field === undefined) break;
      return i18n.t('errors:clientConfigInvalid.problem.invalidField', { file, field });
    case 'not-a-url':
      if (field === undefined) break;
      return i18n.t('errors:clientConfigInvalid.problem.notUrl', { file, field });
    case 'not-https':
      if (field === undefined) break;
      return i18n.t('errors:clientConfigInvalid.problem.notHttps', { file, field });
    case 'not-google':
      if (field === undefined) break;
      return i18n.t('errors:clientConfigInvalid.problem.notGoogle', { file, field });
    case 'web-client':
      return i18n.t('errors:clientConfigInvalid.problem.webClient', { file, field: field ?? 'web.redirect_uris' });
    default:
      break;
  }
  return i18n.t('errors:clientConfigInvalid.problem.unknown');
}

/** CLIENT_REJECTED: whether Google deleted the client, doesn't know it, or doesn't let it sign in this way. */
export function clientRejection(error: IpcError): string {
  switch (error.reason) {
    case 'deleted-client':
      return i18n.t('errors:clientRejected.problem.deletedClient');
    case 'invalid-client':
      return i18n.t('errors:clientRejected.problem.invalidClient');
    case 'unauthorized-client':
      return i18n.t('errors:clientRejected.problem.unauthorizedClient');
    default:
      return i18n.t('errors:clientRejected.problem.unknown');
  }
}

/** GOOGLE_ERROR: what Google answered — Gmail's HTTP status, or the error code on the sign-in redirect. */
function googleAnswer(error: IpcError): string {
  if (error.reason === 'gmail-refused') {
    return error.status === undefined
      ? i18n.t('errors:googleError.problem.gmailRefusedNoStatus')
      : i18n.t('errors:googleError.problem.gmailRefused', { status: String(error.status) });
  }
  if (error.reason === 'sign-in-refused' && error.googleCode !== undefined) {
    return i18n.t('errors:googleError.problem.signInRefused', { googleCode: error.googleCode });
  }
  return i18n.t('errors:googleError.problem.unknown');
}

export function assertNever(value: never): never {
  throw new Error(`Unhandled case: ${String(value)}`);
}

/** Seconds until a retry, or null when it is a minute or more away (then the clock time is said). */
function secondsUntil(retryAt: number, now: number): number | null {
  const seconds = Math.max(0, Math.round((retryAt - now) / 1000));
  return seconds < 60 ? Math.max(1, seconds) : null;
}

function clockTime(epochMs: number): string {
  return new Date(epochMs).toLocaleTimeString(currentLocale(), { hour: '2-digit', minute: '2-digit' });
}

/** "Try again in 5 s." / "Try again at 14:05." as one sentence. */
function retrySentence(retryAt: number, now: number): string {
  const seconds = secondsUntil(retryAt, now);
  return seconds !== null
    ? i18n.t('errors:rateLimited.detailIn', { seconds })
    : i18n.t('errors:rateLimited.detailAt', { time: clockTime(retryAt) });
}

/** When a retry comes, as a phrase ("in 5 s", "at 14:05") for the list's status line. */
export function retryPhrase(retryAt: number, now: number = Date.now()): string {
  const seconds = secondsUntil(retryAt, now);
  return seconds !== null
    ? i18n.t('errors:retryIn', { seconds })
    : i18n.t('errors:retryAt', { time: clockTime(retryAt) });
}

/** Thrown by `unwrap` so callers can catch one type and keep the IPC error. */
export class GlanceCallError extends Error {
  readonly ipcError: IpcError;
  constructor(ipcError: IpcError) {
    super(ipcError.message);
    this.name = 'GlanceCallError';
    this.ipcError = ipcError;
  }
}

export async function unwrap<T>(call: Promise<IpcResult<T>>): Promise<T> {
  const result = await call;
  if (result.ok) return result.value;
  throw new GlanceCallError(result.error);
}

/** Any thrown value as an IPC error, so the UI has one shape to show. */
export function asIpcError(thrown: unknown): IpcError {
  if (thrown instanceof GlanceCallError) return thrown.ipcError;
  return { code: 'INTERNAL', message: i18n.t('errors:unexpected') };
}
