/**
 * Fetching the unread list ahead of the person: while they scroll (or rest on the list), the account's
 * owner lists the next pages in the background, within its quota budget, so the page they scroll to next
 * is usually already in the view and is served with no request. The pages fetched ahead are ordinary
 * listing steps of the AccountSync (on its queue, published as `added` like a scrolled page): the owner
 * holds them, history keeps them current, and the renderer shows them only once its list asks for them.
 *
 * Bounded three ways: at most `pages` pages past the furthest row the list was served (so someone who
 * stops scrolling, or leaves the list, costs at most that much, once); only when the page's worst-case
 * cost fits the budget *now* with `reserveShare` of the minute still free for sync, history, opening mail
 * and the person's own requests (never waited for inside a request: a step that does not fit is tried
 * again when the budget allows it); and only while the person's list is this account's view (a search or
 * another account's list stops it).
 */
import { RateLimitedError } from '../errors.js';
import type { Logger } from '../logging.js';
import type { Clock, Timers } from '../ports.js';
import { SingleTimer } from './account-queue.js';

export interface FetchAheadPolicy {
  /** Pages (of the account's page size) to hold ready past the furthest row served; 0 turns it off. */
  pages: number;
  /** Share of the minute's budget fetching ahead never spends (left for sync, actions, opening mail). */
  reserveShare: number;
}

/**
 * Under Google's 2026 quota a page of 50 costs 1,005 units of the minute's 6,000: four pages ahead fill
 * in about a minute of the person resting on the list, and a fifth of the minute stays free.
 */
export const DEFAULT_FETCH_AHEAD: FetchAheadPolicy = { pages: 4, reserveShare: 0.2 };

/** A page just served goes out first: fetching ahead starts this long after it. */
export const FETCH_AHEAD_START_DELAY_MS = 250;

/** What the account's owner lends the fetch-ahead. */
export interface FetchAheadHost {
  /** Whether fetching ahead may run now (started, synced in this run, no sync waiting, Google reachable). */
  ready(): boolean;
  /** Serveable rows the view holds past the furthest row the list was served, and whether more can be listed. */
  rowsAhead(): { rows: number; moreToList: boolean };
  /** How many ms until the next page's worst-case cost plus the reserve fits the budget (0: now). */
  budgetWaitMs(): number;
  /** One listing step on the owner's queue, checked again there; true when the view grew. */
  step(): Promise<boolean>;
  pageSize: number;
  clock: Clock;
  timers: Timers;
  logger: Logger;
  accountId: string;
}

export class FetchAhead {
  private watching = false;
  private running = false;
  private readonly timer: SingleTimer;
  /** Steps run since start (for the log and tests). */
  steps = 0;

  constructor(
    private readonly policy: FetchAheadPolicy,
    private readonly host: FetchAheadHost,
  ) {
    this.timer = new SingleTimer((callback, ms) => host.timers.schedule(callback, ms));
  }

  /** A step is in flight (or waiting on the owner's queue). */
  get busy(): boolean {
    return this.running;
  }

  /** The person's list shows this account: fetch ahead of it (after the page just served goes out). */
  watch(): void {
    if (this.policy.pages <= 0) return;
    this.watching = true;
    if (!this.running) this.timer.set(() => this.kick(), FETCH_AHEAD_START_DELAY_MS);
  }

  /** The person searched, or went to another list: nothing more is fetched ahead (a step in flight ends). */
  stop(): void {
    this.watching = false;
    this.timer.clear();
  }

  /** Something may have changed what can be fetched (a sync ended, budget freed): look again. */
  kick(): void {
    if (!this.watching || this.running) return;
    this.timer.clear();
    if (!this.host.ready()) return; // a successful sync, or the next page asked for, looks again
    const { rows, moreToList } = this.host.rowsAhead();
    if (!moreToList || rows >= this.policy.pages * this.host.pageSize) return;
    const wait = this.host.budgetWaitMs();
    if (wait > 0) {
      this.timer.set(() => this.kick(), wait);
      return;
    }
    this.running = true;
    this.steps += 1;
    this.host.step().then(
      (grew) => {
        this.running = false;
        if (grew) this.kick();
      },
      (error: unknown) => {
        this.running = false;
        if (error instanceof RateLimitedError && error.retryAt !== undefined) {
          // Stopped while the step was in flight (another view, close, sign-out): no timer outlives it.
          if (!this.watching) return;
          this.timer.set(() => this.kick(), Math.max(0, error.retryAt - this.host.clock.now()));
          return;
        }
        // Offline, Google in trouble, sign-in: the sync reports it and retries; the next page asked looks again.
        this.host.logger.info('fetch ahead: stopped', {
          accountId: this.host.accountId,
          error: (error as Error)?.name ?? 'error',
        });
      },
    );
  }
}
