/**
 * A person scrolling the unread list on a simulated clock: Glance's clock and timers are fake and move only
 * when everything real (HTTP to the emulator) has settled, so quota waits of minutes are measured, never
 * waited for. Every request goes through a counting fetch, which is how "settled" is known.
 */
import type { OAuth2Client } from 'google-auth-library';
import { createOAuthClient } from '../../../electron/core/auth/oauth-client.js';
import { NeedsSignInError, RateLimitedError } from '../../../electron/core/errors.js';
import type { MailService, MailServiceOptions } from '../../../electron/core/gmail/mail-service.js';
import type { Clock, HttpFetch, Timers } from '../../../electron/core/ports.js';
import type { MessagePage } from '../../../electron/shared/ipc-contract.js';
import type { Harness } from './helpers.js';

/** Timers on a clock the test moves: each fires when the clock reaches its due instant. */
export class SimulatedTime implements Timers {
  now: number;
  private next = 1;
  private readonly pending = new Map<number, { callback: () => void; due: number }>();
  readonly clock: Clock = { now: () => this.now };

  constructor(start: number) {
    this.now = start;
  }

  schedule(callback: () => void, ms: number): () => void {
    const handle = this.next++;
    this.pending.set(handle, { callback, due: this.now + Math.max(0, ms) });
    return () => this.pending.delete(handle);
  }

  nextDue(): number | undefined {
    let earliest: number | undefined;
    for (const { due } of this.pending.values()) if (earliest === undefined || due < earliest) earliest = due;
    return earliest;
  }

  /** Moves the clock to the earliest timer and fires every timer due by then (in order). */
  fireNext(): boolean {
    const due = this.nextDue();
    if (due === undefined) return false;
    this.now = Math.max(this.now, due);
    const ready = [...this.pending].filter(([, t]) => t.due <= this.now).sort((a, b) => a[1].due - b[1].due);
    for (const [handle, timer] of ready) {
      this.pending.delete(handle);
      timer.callback();
    }
    return true;
  }
}

/** A MailService whose requests are counted in flight, on a simulated clock; `settle` waits for them all. */
export function simulatedService(
  h: Harness,
  time: SimulatedTime,
  overrides: Partial<MailServiceOptions> = {},
): { mail: MailService; settle: () => Promise<void>; requests: () => number } {
  let inFlight = 0;
  let sent = 0;
  const countingFetch: HttpFetch = async (url, init) => {
    inFlight += 1;
    sent += 1;
    try {
      const response = await fetch(url, init);
      // The whole body is read here, so "nothing in flight" means nothing left to arrive.
      const body = await response.arrayBuffer();
      const empty = response.status === 204 || response.status === 304;
      return new Response(empty ? null : body, {
        status: response.status,
        statusText: response.statusText,
        headers: response.headers,
      });
    } finally {
      inFlight -= 1;
    }
  };
  const clients = new Map<string, OAuth2Client>();
  for (const account of h.accounts) {
    const client = createOAuthClient(
      {
        clientId: h.emu.defaultClient.clientId,
        clientSecret: h.emu.defaultClient.clientSecret,
        endpoints: h.emu.endpoints,
      },
      'http://127.0.0.1:53682/callback',
      countingFetch,
    );
    client.setCredentials(account.client.credentials);
    clients.set(account.accountId, client);
  }
  const mail = h.service({
    auth: {
      getClient: (id) => clients.get(id)!,
      reportAuthFailure: (id) => new NeedsSignInError(id),
      accountIds: () => h.accounts.map((a) => a.accountId),
    },
    clock: time.clock,
    timers: time,
    ...overrides,
  });
  const settle = async () => {
    // Quiet for several turns of the event loop in a row: responses are handled and the next request, if
    // any, has been sent.
    for (let quiet = 0, turns = 0; quiet < 4; turns++) {
      if (turns > 200_000) throw new Error('requests never settled');
      await new Promise((resolve) => setTimeout(resolve, 0));
      quiet = inFlight === 0 ? quiet + 1 : 0;
    }
  };
  return { mail, settle, requests: () => sent };
}

/** Runs timers (and the work they start) until the clock reaches `at`. */
export async function runUntil(time: SimulatedTime, settle: () => Promise<void>, at: number): Promise<void> {
  for (;;) {
    await settle();
    const due = time.nextDue();
    if (due === undefined || due > at) break;
    time.fireNext();
  }
  time.now = Math.max(time.now, at);
  await settle();
}

/** Answers `request`, moving the clock through any wait it spends inside (a silent budget wait). */
async function answer<T>(time: SimulatedTime, settle: () => Promise<void>, request: Promise<T>): Promise<T | Error> {
  let done = false;
  const outcome = request.then(
    (value) => value,
    (error: Error) => error,
  );
  void outcome.finally(() => (done = true));
  for (;;) {
    await settle();
    if (done) return outcome;
    if (!time.fireNext()) throw new Error('the page waits for nothing');
  }
}

export interface ScrollOutcome {
  pages: number;
  /** Pages whose request answered RATE_LIMITED (the list counted down before showing them). */
  pagesWaited: number;
  /** Time from asking for a page to having it, summed over every page (countdowns and silent waits). */
  secondsWaited: number;
  /** The longest single wait. */
  longestWaitSeconds: number;
  /** Pages not already in the view when asked: the person saw "Loading more…" for Gmail's round trips. */
  pagesLoadedOnAsk: number;
}

/**
 * The person has the first page; they rest on it `restMs`, then ask for the next page `paceMs` after each
 * page arrives (reading it), to the end of the list. A RATE_LIMITED answer is waited out to its retryAt and
 * asked again, as the list's countdown does.
 */
export async function scrollToEnd(
  time: SimulatedTime,
  { settle, requests }: { settle: () => Promise<void>; requests: () => number },
  mail: MailService,
  accountId: string,
  first: MessagePage,
  { paceMs, restMs = 0 }: { paceMs: number; restMs?: number },
): Promise<ScrollOutcome & { ids: string[] }> {
  const outcome: ScrollOutcome = {
    pages: 1,
    pagesWaited: 0,
    secondsWaited: 0,
    longestWaitSeconds: 0,
    pagesLoadedOnAsk: 0,
  };
  const ids = first.messages.map((m) => m.id);
  let token = first.nextPageToken;
  let askAt = time.now + restMs + paceMs;
  while (token !== null) {
    await runUntil(time, settle, askAt);
    const askedAt = time.now;
    const sentBefore = requests();
    let countedDown = false;
    let page: MessagePage;
    for (;;) {
      const answered = await answer(time, settle, mail.list({ accountId, scope: 'unread', pageToken: token }));
      if (answered instanceof RateLimitedError && answered.retryAt !== undefined) {
        countedDown = true;
        await runUntil(time, settle, answered.retryAt);
        continue;
      }
      if (answered instanceof Error) throw answered;
      page = answered;
      break;
    }
    // Requests sent while the person asked (a fetch ahead in flight then counts too: they waited for it).
    if (requests() > sentBefore) outcome.pagesLoadedOnAsk += 1;
    const waited = (time.now - askedAt) / 1000;
    outcome.pages += 1;
    if (countedDown) outcome.pagesWaited += 1;
    outcome.secondsWaited += waited;
    outcome.longestWaitSeconds = Math.max(outcome.longestWaitSeconds, waited);
    ids.push(...page.messages.map((m) => m.id));
    token = page.nextPageToken;
    askAt = time.now + paceMs;
  }
  outcome.secondsWaited = Math.round(outcome.secondsWaited * 10) / 10;
  outcome.longestWaitSeconds = Math.round(outcome.longestWaitSeconds * 10) / 10;
  return { ...outcome, ids };
}
