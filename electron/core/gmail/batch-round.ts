/**
 * One round of a batch GET: the parts it sends, and how their answers are sorted into done, to retry, and
 * the failure that decides what happens next.
 */
import type { BatchPartRequest, BatchPartResponse, Query } from './batch.js';
import { classifyResponse, isRetriable, transientFailure, type Failure } from './failure.js';
import type { TimeReading } from './server-time.js';

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

/** The batch parts for `parts`, each a GET under `partPathPrefix` (the API root's `gmail/v1/users/me/`). */
export function batchGetParts(parts: readonly GetPart[], partPathPrefix: string): BatchPartRequest[] {
  return parts.map((part) => ({
    id: part.id,
    method: 'GET',
    path: `${partPathPrefix}${part.path}${encodeQuery(part.query)}`,
  }));
}

/** How one part's answer failed, or undefined when it is a usable 2xx. */
function partFailure(answer: BatchPartResponse | undefined, time: () => TimeReading): Failure | undefined {
  if (answer === undefined) return transientFailure('missing batch part');
  // No readable status line: garbled in transit, like a malformed body.
  if (answer.status < 100) return transientFailure('unreadable batch part status');
  if (answer.status >= 200 && answer.status < 300) {
    return answer.body === undefined ? transientFailure('malformed batch part', answer.status) : undefined;
  }
  return classifyResponse(answer.status, answer.body, answer.headers['retry-after'], time());
}

export interface BatchRound {
  /** Parts answered for good: a 2xx with a body, or a 404 (the message was deleted). */
  answered: Map<string, BatchPartResponse>;
  /** Parts to send again: transient, rate-limited, or a 401 (refresh first). */
  retry: GetPart[];
  /** What decides the next step: the wait before the retry, or the error to throw. Undefined: all answered. */
  failure: Failure | undefined;
  cause: unknown;
}

/** Sorts the answers of one round; stops at the first part that failed for good. */
export function sortBatchAnswers(
  pending: readonly GetPart[],
  decoded: ReadonlyMap<string, BatchPartResponse>,
  time: () => TimeReading,
): BatchRound {
  const round: BatchRound = { answered: new Map(), retry: [], failure: undefined, cause: undefined };
  for (const part of pending) {
    const answer = decoded.get(part.id);
    const failure = partFailure(answer, time);
    if (failure === undefined || failure.kind === 'not-found') {
      round.answered.set(part.id, answer!);
    } else if (isRetriable(failure)) {
      round.retry.push(part);
      // Keep the most demanding failure: a 401 (refresh first) over a rate limit's retryAt over a plain back-off.
      if (round.failure?.status === 401) continue;
      if (round.failure === undefined || failure.kind === 'rate-limit' || failure.status === 401)
        round.failure = failure;
      if (failure.status === 401) round.cause = answer;
    } else {
      round.failure = failure;
      round.cause = answer;
      break;
    }
  }
  return round;
}
