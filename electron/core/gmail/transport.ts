/**
 * Every Gmail request of one account goes through here: the client-side quota budget, a time-out, the
 * retry policy (retry-decision.ts) and the one token refresh after a 401 (token-refresh.ts). REST calls are
 * sent by the `@googleapis/gmail` client (on the account's OAuth2Client, so the auth header comes from
 * google-auth-library) with this transport's options per call; the batch endpoint, which that client lacks,
 * through the same OAuth2Client's `request()`. gaxios' own retries are switched off so that this policy is the
 * only one (and request counts stay predictable).
 */
import type { OAuth2Client } from 'google-auth-library';
import type { z } from 'zod';
import { ClientRejectedError, GlanceError, OfflineError, RateLimitedError, WORDING } from '../errors.js';
import type { Logger } from '../logging.js';
import type { Clock, Timers } from '../ports.js';
import { decodeBatchResponse, encodeBatch, MAX_BATCH_PARTS, type BatchPartResponse } from './batch.js';
import { batchGetParts, sortBatchAnswers, type GetPart } from './batch-round.js';
import {
  classifyError,
  transientFailure,
  isRetriable,
  type BackoffPolicy,
  type ClientRejection,
  type Failure,
} from './failure.js';
import type { GmailMethod, QuotaBudget } from './quota.js';
import { nextDelayOrThrow, type RetryContext } from './retry-decision.js';
import { AccessTokenRefresher } from './token-refresh.js';
import { CancellableWaits } from './cancellable-waits.js';
import { ServerTime } from './server-time.js';

export type { Query } from './batch.js';
export type { GetPart } from './batch-round.js';

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
  /** Google's clock as this account has seen it (shared with its OAuth2Client); default: a new one. */
  serverTime?: ServerTime;
}

/**
 * How long a request may wait for the account's quota budget before it ends with RATE_LIMITED and its
 * `retryAt` instead (default: the policy's `maxRateLimitWaitMs`). Scrolling asks for a short one, so the
 * list can say why it waits rather than sit under "Loading more…".
 */
export interface BudgetWait {
  maxBudgetWaitMs: number;
}

/** A 2xx whose body is not what Gmail sends (truncated, not JSON): retried like a 5xx. */
class MalformedResponseError extends Error {}

export class GmailTransport {
  private readonly retryContext: RetryContext;
  private readonly tokens: AccessTokenRefresher;
  private readonly waits: CancellableWaits;
  private readonly batchUrl: string;
  private readonly partPathPrefix: string;
  private readonly serverTime: ServerTime;

  constructor(private readonly options: TransportOptions) {
    this.serverTime = options.serverTime ?? new ServerTime(options.clock);
    const { policy, clock, logger, onAuthFailure } = options;
    // The account stays as it is (signed in, its mail kept): the client file is what must change.
    const onClientRejected = (reason: ClientRejection) => {
      logger.warn('gmail: Google refused the OAuth client while refreshing the access token', { reason });
      return new ClientRejectedError(reason, options.client()._clientId ?? '');
    };
    this.retryContext = {
      policy,
      clock,
      logger,
      onAuthFailure,
      onClientRejected,
      random: options.random ?? Math.random,
    };
    this.tokens = new AccessTokenRefresher(options.client, logger);
    this.waits = new CancellableWaits(options.timers);
    const root = options.rootUrl.endsWith('/') ? options.rootUrl : `${options.rootUrl}/`;
    this.batchUrl = `${root}batch/gmail/v1`;
    this.partPathPrefix = `${new URL(root).pathname}gmail/v1/users/me/`;
  }

  private cancelled = false;
  /** Aborts every request in flight on cancel(), so quitting or signing out does not wait for Google. */
  private readonly abort = new AbortController();

  /** Stops: requests in flight are aborted, pending back-off waits end now and further attempts fail (sign-out, shutdown). */
  cancel(): void {
    this.cancelled = true;
    this.abort.abort();
    this.waits.endAll();
  }

  private checkCancelled(): void {
    if (this.cancelled) throw new OfflineError(WORDING.syncStopped);
  }

  sleep(ms: number): Promise<void> {
    return this.waits.sleep(ms);
  }

  /** What one call of `method` costs against this account's budget. */
  cost(method: GmailMethod): number {
    return this.options.budget.cost(method);
  }

  /**
   * Throws RATE_LIMITED (with the instant the budget allows `units`) when they would have to wait longer
   * than `maxBudgetWaitMs`; spends nothing. A step that makes several calls checks its whole cost first, so
   * it never spends half and then stops.
   */
  requireBudgetWithin(units: number, { maxBudgetWaitMs }: BudgetWait): void {
    this.checkCancelled();
    const wait = this.options.budget.waitFor(units);
    if (wait > maxBudgetWaitMs) throw new RateLimitedError(this.options.clock.now() + wait, WORDING.quotaPause);
  }

  private async spend(units: number, budgetWait?: BudgetWait): Promise<void> {
    const maxWaitMs = budgetWait?.maxBudgetWaitMs ?? this.options.policy.maxRateLimitWaitMs;
    for (;;) {
      this.checkCancelled();
      const wait = this.options.budget.trySpend(units);
      if (wait === 0) return;
      if (wait > maxWaitMs) {
        throw new RateLimitedError(this.options.clock.now() + wait, WORDING.quotaPause);
      }
      this.options.logger.info('gmail: waiting for the quota budget', { waitMs: wait });
      await this.sleep(wait);
    }
  }

  /** What a thrown error means, with Google's clock taken from its answer when there is one. */
  private classify(error: unknown): Failure {
    this.serverTime.observe((error as { response?: { headers?: unknown } } | undefined)?.response?.headers);
    return classifyError(error, this.serverTime.reading());
  }

  /**
   * Waits before the next try (or throws the typed error). `waited` is this request's running total of
   * back-off for transient failures, which `maxTransientWaitMs` bounds.
   */
  private async backOff(
    failure: Failure,
    attempt: number,
    cause: unknown,
    what: string,
    waited: { transientMs: number },
  ): Promise<void> {
    const delay = nextDelayOrThrow(this.retryContext, failure, attempt, cause, what, waited.transientMs);
    if (failure.kind === 'transient') waited.transientMs += delay;
    await this.sleep(delay);
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
    send: (options: GmailCallOptions) => Promise<{ data: unknown; headers?: unknown }>,
    schema: z.ZodType<T>,
    budgetWait?: BudgetWait,
  ): Promise<T> {
    let refreshed = false;
    const waited = { transientMs: 0 };
    for (let attempt = 1; ; attempt++) {
      await this.spend(this.options.budget.cost(method), budgetWait);
      const generation = this.tokens.generation;
      try {
        const response = await send(this.requestOptions());
        this.serverTime.observe(response.headers);
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
          error instanceof MalformedResponseError ? transientFailure(error.message) : this.classify(error);
        if (failure.status === 401 && failure.kind !== 'client') {
          const replay = await this.replayAfter401(generation, refreshed, attempt, method, waited);
          if (replay === 'with-new-token') {
            refreshed = true;
            attempt -= 1; // the replay is not a retry
            continue;
          }
          if (replay === 'after-failed-refresh') continue; // a try used up; the refresh is still owed
        }
        await this.backOff(failure, attempt, error, method, waited);
      }
    }
  }

  /**
   * The token refresh after a 401. 'with-new-token': send again (the token is newer than the one refused);
   * 'after-failed-refresh': the token endpoint could not be reached or failed (5xx, reset), the back-off was
   * waited and the request is sent again still owed its one refresh, so a passing outage of the token
   * endpoint never reads as a session that ended; null: this request already had its refresh (a 401 right
   * after a successful refresh), the caller reports the auth failure. `invalid_grant` throws NeedsSignInError.
   */
  private async replayAfter401(
    generation: number,
    refreshed: boolean,
    attempt: number,
    what: string,
    waited: { transientMs: number },
  ): Promise<'with-new-token' | 'after-failed-refresh' | null> {
    try {
      return (await this.tokens.refreshAfter401(generation, refreshed)) ? 'with-new-token' : null;
    } catch (refreshError) {
      if (refreshError instanceof GlanceError) throw refreshError;
      const failure = this.classify(refreshError);
      await this.backOff(failure, attempt, refreshError, `${what} (token refresh)`, waited);
      return 'after-failed-refresh';
    }
  }

  /**
   * GETs many resources in batches of ≤ 50 parts. Parts that fail with 429/5xx are retried (only those)
   * after a back-off; 404 parts are returned as they are (the message was deleted). Resolves with one
   * response per part id.
   */
  async batchGet(
    method: GmailMethod,
    parts: GetPart[],
    budgetWait?: BudgetWait,
  ): Promise<Map<string, BatchPartResponse>> {
    const results = new Map<string, BatchPartResponse>();
    for (let start = 0; start < parts.length; start += MAX_BATCH_PARTS) {
      const chunk = parts.slice(start, start + MAX_BATCH_PARTS);
      for (const [id, response] of await this.batchChunk(method, chunk, budgetWait)) results.set(id, response);
    }
    return results;
  }

  /** One POST to the batch endpoint; its parts' answers, or a throw when the round itself failed. */
  private async sendBatch(parts: readonly GetPart[]): Promise<Map<string, BatchPartResponse>> {
    const { contentType, body } = encodeBatch(batchGetParts(parts, this.partPathPrefix));
    const response = await this.options.client().request<string>({
      url: this.batchUrl,
      method: 'POST',
      headers: { 'Content-Type': contentType },
      data: body,
      responseType: 'text',
      ...this.requestOptions(),
    });
    this.serverTime.observe(response.headers);
    return decodeBatchResponse(response.headers.get('content-type'), String(response.data ?? ''));
  }

  private async batchChunk(
    method: GmailMethod,
    parts: GetPart[],
    budgetWait?: BudgetWait,
  ): Promise<Map<string, BatchPartResponse>> {
    const done = new Map<string, BatchPartResponse>();
    let pending = parts;
    let refreshed = false;
    const waited = { transientMs: 0 };
    for (let attempt = 1; ; attempt++) {
      await this.spend(this.options.budget.cost(method) * pending.length, budgetWait);
      const generation = this.tokens.generation;
      const doneBefore = done.size;
      let failure: Failure | undefined;
      let cause: unknown;
      try {
        const round = sortBatchAnswers(pending, await this.sendBatch(pending), () => this.serverTime.reading());
        for (const [id, answer] of round.answered) done.set(id, answer);
        ({ failure, cause } = round);
        if (failure === undefined || isRetriable(failure)) {
          if (round.retry.length === 0) return done;
          pending = round.retry;
        }
      } catch (error) {
        if (error instanceof GlanceError) throw error;
        this.checkCancelled();
        failure =
          error instanceof Error && /boundary/.test(error.message)
            ? transientFailure('malformed batch response')
            : this.classify(error);
        cause = error;
      }
      if (failure === undefined) return done;
      if (failure.status === 401 && failure.kind !== 'client') {
        const replay = await this.replayAfter401(generation, refreshed, attempt, `batch ${method}`, waited);
        if (replay !== null) {
          if (replay === 'with-new-token') {
            refreshed = true;
            attempt -= 1;
          }
          pending = pending.filter((part) => !done.has(part.id));
          continue;
        }
      }
      // A round that answered some parts is progress (e.g. Google's per-user concurrency cap admits only
      // part of a batch): it does not use up a try, so a 50-part batch is never given up half done.
      const progressed = done.size > doneBefore && (failure.kind === 'transient' || failure.kind === 'rate-limit');
      if (progressed) waited.transientMs = 0;
      const what = `batch ${method} ×${pending.length}`;
      const round = progressed ? 1 : attempt;
      if (progressed) attempt = 0;
      await this.backOff(failure, round, cause, what, waited);
    }
  }
}
