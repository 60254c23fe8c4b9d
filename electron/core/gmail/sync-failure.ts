/**
 * What a failed sync means for its account: the sync state the person sees and when to try again (null:
 * not until the person signs in again). Only this account is affected; the others keep their own pace.
 */
import type { SyncState } from '../../shared/ipc-contract.js';
import {
  GlanceError,
  GmailUnavailableError,
  OfflineError,
  ProxyFailedError,
  RateLimitedError,
  toIpcError,
  WORDING,
} from '../errors.js';
import { backoffDelay, type BackoffPolicy } from './failure.js';

export interface FailureOutcome {
  state: Omit<SyncState, 'accountId'>;
  /** Epoch ms of the next attempt, or null when polling stops until the person signs in. */
  retryAt: number | null;
}

export function failureOutcome(
  error: unknown,
  context: { now: number; lastSyncedAt: number | null; pollMs: number; failures: number; policy: BackoffPolicy },
): FailureOutcome {
  const { now, lastSyncedAt, pollMs, failures, policy } = context;
  const code = error instanceof GlanceError ? error.code : 'INTERNAL';
  if (code === 'NEEDS_SIGN_IN') {
    // No polling until the person signs in again (the app starts the account again then).
    return { state: { status: 'needs-sign-in', lastSyncedAt, message: (error as Error).message }, retryAt: null };
  }
  if (code === 'SCOPE_MISSING') {
    // The account stays signed in ('ready' to the auth layer) but Gmail access was not granted. Keep
    // trying with a back-off (from one poll interval up to an hour), so access granted later — by a new
    // consent, which also starts the account again and retries at once, or by the admin — is picked up.
    const delay = backoffDelay(failures, { ...policy, baseDelayMs: pollMs, maxDelayMs: Math.max(pollMs, 3_600_000) });
    const retryAt = now + delay;
    return {
      state: { status: 'needs-sign-in', lastSyncedAt, retryAt, message: (error as Error).message },
      retryAt,
    };
  }
  if (error instanceof RateLimitedError) {
    const retryAt = Math.max(error.retryAt ?? now, now + 1000);
    return { state: { status: 'rate-limited', lastSyncedAt, retryAt, message: error.message }, retryAt };
  }
  const delay = Math.min(pollMs, backoffDelay(failures, { ...policy, baseDelayMs: 5000, maxDelayMs: pollMs }));
  const retryAt = now + delay;
  // A refusing proxy is not "offline" (its message names the proxy and says what to check); a rejected client
  // keeps the account and its mail, retrying slowly, while the person fixes or replaces the client file.
  const status =
    error instanceof GmailUnavailableError
      ? 'google-trouble'
      : error instanceof OfflineError && !(error instanceof ProxyFailedError)
        ? 'offline'
        : 'error';
  const message =
    code === 'CLIENT_REJECTED'
      ? WORDING.clientRejectedWhileSyncing
      : error instanceof GlanceError
        ? error.message
        : WORDING.syncFailed;
  const state: Omit<SyncState, 'accountId'> = { status, lastSyncedAt, retryAt, message };
  if (status === 'error' && error instanceof GlanceError) state.error = { ...toIpcError(error), message };
  return { state, retryAt };
}
