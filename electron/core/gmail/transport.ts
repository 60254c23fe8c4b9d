/**
 * Every Gmail request of one account goes through here: the client-side quota budget, a time-out, the
 * retry policy (exponential back-off with jitter; Google's "Retry after <ISO>" honoured) and the mapping of
 * failures to typed errors. REST calls are sent by the `@googleapis/gmail` client (on the account's
 * OAuth2Client, so the auth header comes from google-auth-library) with this transport's options per call;
 * the batch endpoint, which that client lacks, through the same OAuth2Client's `request()`. gaxios' own
 * retries are switched off so that this policy is the only one (and request counts stay predictable). The client is built with forceRefreshOnFailure off (it
 * would refresh and replay on every 403, rate limits included); a 401 is handled here instead: one
 * refresh of the access token, one replay, and a second 401 means the person must sign in again.
 */
import type { OAuth2Client } from 'google-auth-library';
import type { z } from 'zod';
import {
  GlanceError,
  GoogleApiError,
  NotFoundError,
  OfflineError,
  RateLimitedError,
  ScopeMissingError,
  WORDING,
} from '../errors.js';
import type { Logger } from '../logging.js';
import type { Clock, Timers } from '../ports.js';
import { decodeBatchResponse, encodeBatch, MAX_BATCH_PARTS, type BatchPartResponse, type Query } from './batch.js';
import { backoffDelay, classifyError, classifyResponse, type BackoffPolicy, type Failure } from './failure.js';
import type { GmailMethod, QuotaBudget } from './quota.js';

export type { Query } from './batch.js';

/** The per-call options (gaxios) every `@googleapis/gmail` method is given by the transport. */
export interface GmailCallOptions {
  timeout: number;
  signal: AbortSignal;
  retry: false;
  retryConfig: { retry: 0; noResponseRetries: 0 };
}

export interface TransportOptions {
  client: () => OAuth2Client;
  /** Origin with a trailing slash, e.g. `https://gmail.googleapis.com/`. */
  rootUrl: string;
  budget: QuotaBudget;
  policy: BackoffPolicy;
  clock: Clock;
  timers: Timers;
  logger: Logger;
  requestTimeoutMs: number;
  /** Called on invalid_grant / a 401 after our one refresh; returns the error to throw (NeedsSignInError). */
  onAuthFailure: (error: unknown) => Error;
  random?: () => number;
}

export interface GetPart {
  id: string;
  /** Path under `gmail/v1/users/me/`. */
  path: string;
  query: Query;
}

function encodeQuery(query: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const item of value) params.append(key, item);
    else params.append(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** A 2xx whose body is not what Gmail sends (truncated, not JSON): retried like a 5xx. */
class MalformedResponseError extends Error {}

export class GmailTransport {
  private readonly random: () => number;
  private readonly batchUrl: string;
  private readonly partPathPrefix: string;

  constructor(private readonly options: TransportOptions) {
    this.random = options.random ?? Math.random;
    const root = options.rootUrl.endsWith('/') ? options.rootUrl : `${options.rootUrl}/`;
    this.batchUrl = `${root}batch/gmail/v1`;
    this.partPathPrefix = `${new URL(root).pathname}gmail/v1/users/me/`;
  }

  private cancelled = false;
  /** Pending back-off waits: their cancel function and how to end them now. */
  private readonly sleepers = new Map<() => void, () => void>();
  /** Aborts every request in flight on cancel(), so quitting or signing out does not wait for Google. */
  private readonly abort = new AbortController();

  /** Stops: requests in flight are aborted, pending back-off waits end now and further attempts fail (sign-out, shutdown). */
  cancel(): void {
    this.cancelled = true;
    this.abort.abort();
    for (const [cancelTimer, wake] of this.sleepers) {
      cancelTimer();
      wake();
    }
    this.sleepers.clear();
  }

  /** Bumped by every successful refresh: a 401 on a request sent before it is replayed without another. */
  private tokenGeneration = 0;
  private refreshing: Promise<void> | null = null;

  /**
   * After a 401: refreshes the access token once (concurrent 401s share one refresh; a request sent with a
   * token older than the last refresh is simply replayed). Resolves true when the request should be sent
   * again, false when this request already had its one refresh (the caller reports the auth failure).
   * A refresh Google refuses (invalid_grant) throws the auth failure; a refresh that cannot reach Google
   * throws the failure for the usual retry policy.
   */
  private async refreshAfter401(sentWithGeneration: number, alreadyRefreshed: boolean): Promise<boolean> {
    if (sentWithGeneration !== this.tokenGeneration) return true;
    if (alreadyRefreshed) return false;
    if (!this.refreshing) {
      this.options.logger.info('gmail: access token refused (401); refreshing it once');
      this.refreshing = this.options
        .client()
        .refreshAccessToken()
        .then(() => {
          this.tokenGeneration += 1;
        })
        .finally(() => {
          this.refreshing = null;
        });
    }
    await this.refreshing;
    return true;
  }

  private checkCancelled(): void {
    if (this.cancelled) throw new OfflineError(WORDING.syncStopped);
  }

  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const cancelTimer = this.options.timers.schedule(
        () => {
          this.sleepers.delete(cancelTimer);
          resolve();
        },
        Math.max(0, ms),
      );
      this.sleepers.set(cancelTimer, resolve);
    });
  }

  private async spend(units: number): Promise<void> {
    for (;;) {
      this.checkCancelled();
      const wait = this.options.budget.trySpend(units);
      if (wait === 0) return;
      if (wait > this.options.policy.maxRateLimitWaitMs) {
        throw new RateLimitedError(this.options.clock.now() + wait, WORDING.quotaPause);
      }
      this.options.logger.info('gmail: waiting for the quota budget', { waitMs: wait });
      await this.sleep(wait);
    }
  }

  /**
   * Decides what to do after a failed attempt: returns the delay before the next try, or throws the
   * typed error the caller sees.
   */
  private nextDelayOrThrow(failure: Failure, attempt: number, cause: unknown, what: string): number {
    const { policy, clock, logger } = this.options;
    const now = clock.now();
    logger.warn('gmail: request failed', { what, kind: failure.kind, status: failure.status ?? 'none', attempt });
    switch (failure.kind) {
      case 'auth':
        throw this.options.onAuthFailure(cause);
      case 'scope':
        throw new ScopeMissingError();
      case 'not-found':
        throw new NotFoundError(WORDING.messageGone);
      case 'fatal':
        throw new GoogleApiError(WORDING.gmailRefused(failure.status), failure.status, cause);
      case 'rate-limit': {
        const fallback = backoffDelay(attempt, policy, this.random);
        const delay =
          failure.retryAt !== undefined
            ? Math.max(0, failure.retryAt - now) + Math.round(this.random() * 250)
            : fallback;
        if (delay > policy.maxRateLimitWaitMs || attempt >= policy.maxAttempts) {
          throw new RateLimitedError(now + delay);
        }
        return delay;
      }
      case 'transient':
        if (attempt >= policy.maxAttempts) throw new OfflineError(undefined, cause);
        return backoffDelay(attempt, policy, this.random);
      default: {
        const unreachable: never = failure.kind;
        throw new Error(`unknown failure kind ${String(unreachable)}`);
      }
    }
  }

  /**
   * What every non-batch call hands to its `@googleapis/gmail` method as the second argument: this
   * transport's time-out and abort signal, and gaxios' own retries off (this policy is the only one).
   */
  private requestOptions(): GmailCallOptions {
    return {
      timeout: this.options.requestTimeoutMs,
      signal: this.abort.signal,
      retry: false,
      retryConfig: { retry: 0, noResponseRetries: 0 },
    };
  }

  /**
   * One Gmail REST call (sent by `send` through the `@googleapis/gmail` client, with the options it is
   * given) with budget, time-out and retries; the response is checked with `schema`.
   */
  async call<T>(
    method: GmailMethod,
    send: (options: GmailCallOptions) => Promise<{ data: unknown }>,
    schema: z.ZodType<T>,
  ): Promise<T> {
    let refreshed = false;
    for (let attempt = 1; ; attempt++) {
      await this.spend(this.options.budget.cost(method));
      const generation = this.tokenGeneration;
      try {
        const response = await send(this.requestOptions());
        // batchModify answers with an empty body (204 or 200): treat "nothing" as an empty object.
        const data = response.data === '' || response.data === undefined || response.data === null ? {} : response.data;
        const parsed = schema.safeParse(data);
        if (!parsed.success) throw new MalformedResponseError(`unexpected ${method} response`);
        return parsed.data;
      } catch (error) {
        // Already typed (e.g. the auth layer said the account needs sign-in): pass it on unchanged.
        if (error instanceof GlanceError) throw error;
        this.checkCancelled();
        const failure: Failure =
          error instanceof MalformedResponseError
            ? { kind: 'transient', status: undefined, retryAt: undefined, detail: error.message }
            : classifyError(error, this.options.clock.now());
        if (failure.status === 401 && (await this.replayAfter401(generation, refreshed, attempt, method))) {
          refreshed = true;
          attempt -= 1; // the replay is not a retry
          continue;
        }
        const delay = this.nextDelayOrThrow(failure, attempt, error, method);
        await this.sleep(delay);
      }
    }
  }

  /** refreshAfter401, with a refresh that failed mapped like any other failure (auth, or retried later). */
  private async replayAfter401(
    generation: number,
    refreshed: boolean,
    attempt: number,
    what: string,
  ): Promise<boolean> {
    try {
      return await this.refreshAfter401(generation, refreshed);
    } catch (refreshError) {
      if (refreshError instanceof GlanceError) throw refreshError;
      const failure = classifyError(refreshError, this.options.clock.now());
      await this.sleep(this.nextDelayOrThrow(failure, attempt, refreshError, `${what} (token refresh)`));
      return true;
    }
  }

  /**
   * GETs many resources in batches of ≤ 50 parts. Parts that fail with 429/5xx are retried (only those)
   * after a back-off; 404 parts are returned as they are (the message was deleted). Resolves with one
   * response per part id.
   */
  async batchGet(method: GmailMethod, parts: GetPart[]): Promise<Map<string, BatchPartResponse>> {
    const results = new Map<string, BatchPartResponse>();
    for (let start = 0; start < parts.length; start += MAX_BATCH_PARTS) {
      const chunk = parts.slice(start, start + MAX_BATCH_PARTS);
      for (const [id, response] of await this.batchChunk(method, chunk)) results.set(id, response);
    }
    return results;
  }

  private async batchChunk(method: GmailMethod, parts: GetPart[]): Promise<Map<string, BatchPartResponse>> {
    const done = new Map<string, BatchPartResponse>();
    let pending = parts;
    let refreshed = false;
    for (let attempt = 1; ; attempt++) {
      await this.spend(this.options.budget.cost(method) * pending.length);
      const generation = this.tokenGeneration;
      const doneBefore = done.size;
      let failure: Failure | undefined;
      let cause: unknown;
      try {
        const { contentType, body } = encodeBatch(
          pending.map((part) => ({
            id: part.id,
            method: 'GET',
            path: `${this.partPathPrefix}${part.path}${encodeQuery(part.query)}`,
          })),
        );
        const response = await this.options.client().request<string>({
          url: this.batchUrl,
          method: 'POST',
          headers: { 'Content-Type': contentType },
          data: body,
          responseType: 'text',
          ...this.requestOptions(),
        });
        const decoded = decodeBatchResponse(response.headers.get('content-type'), String(response.data ?? ''));
        const retry: GetPart[] = [];
        for (const part of pending) {
          const answer = decoded.get(part.id);
          const partFailure =
            answer === undefined
              ? ({
                  kind: 'transient',
                  status: undefined,
                  retryAt: undefined,
                  detail: 'missing batch part',
                } satisfies Failure)
              : answer.status < 100 // no readable status line: garbled in transit, like a malformed body
                ? ({
                    kind: 'transient',
                    status: undefined,
                    retryAt: undefined,
                    detail: 'unreadable batch part status',
                  } satisfies Failure)
                : answer.status >= 200 && answer.status < 300
                  ? answer.body === undefined
                    ? ({
                        kind: 'transient',
                        status: answer.status,
                        retryAt: undefined,
                        detail: 'malformed batch part',
                      } satisfies Failure)
                    : undefined
                  : classifyResponse(
                      answer.status,
                      answer.body,
                      answer.headers['retry-after'],
                      this.options.clock.now(),
                    );
          if (partFailure === undefined || partFailure.kind === 'not-found') {
            done.set(part.id, answer!);
          } else if (
            partFailure.kind === 'transient' ||
            partFailure.kind === 'rate-limit' ||
            partFailure.status === 401
          ) {
            retry.push(part);
            // Keep the most demanding failure: a 401 (refresh first) over a rate limit's retryAt over a
            // plain back-off.
            if (failure?.status === 401) continue;
            if (failure === undefined || partFailure.kind === 'rate-limit' || partFailure.status === 401)
              failure = partFailure;
            if (partFailure.status === 401) cause = answer;
          } else {
            failure = partFailure;
            cause = answer;
            break;
          }
        }
        if (
          failure === undefined ||
          failure.kind === 'transient' ||
          failure.kind === 'rate-limit' ||
          failure.status === 401
        ) {
          if (retry.length === 0) return done;
          pending = retry;
        }
      } catch (error) {
        if (error instanceof GlanceError) throw error;
        this.checkCancelled();
        if (error instanceof Error && /boundary/.test(error.message)) {
          failure = { kind: 'transient', status: undefined, retryAt: undefined, detail: 'malformed batch response' };
        } else {
          failure = classifyError(error, this.options.clock.now());
        }
        cause = error;
      }
      if (failure === undefined) return done;
      if (failure.status === 401 && (await this.replayAfter401(generation, refreshed, attempt, `batch ${method}`))) {
        refreshed = true;
        attempt -= 1;
        pending = pending.filter((part) => !done.has(part.id));
        continue;
      }
      // A round that answered some parts is progress (e.g. Google's per-user concurrency cap admits only
      // part of a batch): it does not use up a try, so a 50-part batch is never given up half done.
      const progressed = done.size > doneBefore && (failure.kind === 'transient' || failure.kind === 'rate-limit');
      const delay = this.nextDelayOrThrow(
        failure,
        progressed ? 1 : attempt,
        cause,
        `batch ${method} ×${pending.length}`,
      );
      if (progressed) attempt = 0;
      await this.sleep(delay);
    }
  }
}
