import type { ErrorCode, IpcError, IpcResult } from '../../../electron/shared/ipc-contract.js';
import { i18n } from '../i18n/i18n.js';

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
  switch (code) {
    case 'NEEDS_SIGN_IN':
      return {
        title: 'Your Google session ended',
        detail: 'Sign in again to keep your mail up to date. Mail already downloaded stays visible.',
        nextStep: 'sign-in-again',
      };
    case 'KEYCHAIN_UNAVAILABLE':
      return {
        title: 'The system keychain is not available',
        detail: 'Unlock your keychain (or keyring) and press Retry.',
        nextStep: 'retry-keychain',
      };
    case 'OFFLINE':
      return {
        title: 'You are offline',
        detail: 'Glance will try again when the connection is back. Check your network, then press Retry.',
        nextStep: 'retry',
      };
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
        title: 'Google asked Glance to slow down',
        detail:
          error.retryAt !== undefined
            ? `Try again ${retryPhrase(error.retryAt, now)}.`
            : 'Wait a minute, then try again.',
        nextStep: 'wait',
      };
    case 'NOT_FOUND':
      return {
        title: 'That message or account no longer exists',
        detail: 'It may have been deleted on another device. Refresh to see the current mailbox.',
        nextStep: 'retry',
      };
    case 'CLIENT_CONFIG_INVALID':
      return {
        title: 'The Google client file is not valid',
        detail: `${error.message} Choose the client_secret JSON you downloaded from Google Cloud Console.`,
        nextStep: 'choose-client-file',
      };
    case 'CONSENT_DENIED':
      return {
        title: 'Sign-in was declined',
        detail: 'Glance needs your permission to read your Gmail. Sign in again and press Allow.',
        nextStep: 'sign-in-again',
      };
    case 'SCOPE_MISSING':
      return {
        title: 'Gmail permission was not granted',
        detail: 'Sign in again and leave the Gmail permission ticked on Google’s consent page.',
        nextStep: 'sign-in-again',
      };
    case 'SIGN_IN_CANCELLED':
      return { title: 'Sign-in cancelled', detail: 'Sign in whenever you are ready.', nextStep: 'sign-in-again' };
    case 'SIGN_IN_TIMEOUT':
      return {
        title: 'The browser did not come back',
        detail: 'Sign-in took too long. Try again and finish the steps in your browser.',
        nextStep: 'sign-in-again',
      };
    case 'CODE_EXCHANGE_FAILED':
      return {
        title: 'Google refused the sign-in',
        detail: 'Please sign in again. If it keeps failing, check the Google client configuration.',
        nextStep: 'sign-in-again',
      };
    case 'NO_USER_ID':
      return {
        title: 'Google did not say who signed in',
        detail: 'Sign in again and allow access to your email address.',
        nextStep: 'sign-in-again',
      };
    case 'NO_REFRESH_TOKEN':
      return {
        title: 'Google did not grant lasting access',
        detail: 'Sign in again; Google will ask for consent once more.',
        nextStep: 'sign-in-again',
      };
    case 'ADMIN_POLICY_BLOCKED':
      return {
        title: 'Your organisation hasn’t allowed Glance',
        detail: 'A Google Workspace administrator must allow Glance’s client ID in the Admin console.',
        nextStep: 'none',
      };
    case 'ORG_INTERNAL':
      return {
        title: 'This Google client is for one organisation only',
        detail: 'Sign in with an account of the organisation that created it, or use another client file.',
        nextStep: 'choose-client-file',
      };
    case 'CLIENT_REJECTED':
      return {
        title: 'Google doesn’t accept this Google client',
        detail: `${error.message} Fix it in Google Cloud Console, or choose a new client file.`,
        nextStep: 'choose-client-file',
      };
    case 'REDIRECT_URI_MISMATCH':
      return {
        title: 'This Google client is not a Desktop app client',
        detail: 'Create an OAuth client of type “Desktop app” in Google Cloud Console and choose its file.',
        nextStep: 'choose-client-file',
      };
    case 'WRONG_PASSPHRASE':
      return { title: 'Wrong passphrase', detail: error.message, nextStep: 'none' };
    case 'SECRETS_FILE_DAMAGED':
      return { title: 'The sign-in file is damaged', detail: error.message, nextStep: 'none' };
    case 'GOOGLE_ERROR':
      return {
        title: 'Google returned an error',
        detail: `${error.message} Try again in a moment.`,
        nextStep: 'retry',
      };
    case 'CANCELLED':
      return { title: 'Cancelled', detail: 'Nothing was changed.', nextStep: 'none' };
    case 'INVALID_ARGUMENT':
      return {
        title: 'Glance sent a request it should not have',
        detail: 'This is a bug in Glance. Try again; if it repeats, please report it.',
        nextStep: 'report',
      };
    case 'INTERNAL':
      return {
        title: 'Something went wrong inside Glance',
        detail: `${error.message} Try again; if it repeats, please report it.`,
        nextStep: 'report',
      };
    default:
      return assertNever(code);
  }
}

export function assertNever(value: never): never {
  throw new Error(`Unhandled case: ${String(value)}`);
}

export function retryPhrase(retryAt: number, now: number = Date.now()): string {
  const seconds = Math.max(0, Math.round((retryAt - now) / 1000));
  if (seconds < 60) return `in ${Math.max(1, seconds)} s`;
  return `at ${new Date(retryAt).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' })}`;
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
  return { code: 'INTERNAL', message: 'An unexpected error occurred.' };
}
