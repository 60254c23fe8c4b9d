/**
 * A client-side quota budget per account over a sliding minute, so Glance stays under Google's per-user
 * limit instead of learning it from a 429.
 *
 * Google has two regimes, and which one a Cloud project is under decides both the limit and the costs:
 * - classic: 15,000 units per user per minute, messages.get = 5 units;
 * - May 2026 (projects created since): 6,000 units per user per minute, messages.get = 20 units.
 * Glance cannot tell from the API which one its project is under, so the default is the conservative 2026
 * regime (fewer units, dearer reads). Mixing them (the new limit with classic costs) would let Glance spend
 * four times what the 2026 limit allows on reads.
 */
import type { Clock } from '../ports.js';

export type GmailMethod =
  | 'messages.list'
  | 'messages.get'
  | 'messages.modify'
  | 'messages.batchModify'
  | 'threads.get'
  | 'threads.modify'
  | 'history.list'
  | 'labels.get'
  | 'labels.list'
  | 'getProfile';

export interface QuotaRegime {
  name: string;
  /** Units one user may spend per minute. */
  unitsPerMinute: number;
  /** Units each call costs (a batch costs the sum of its parts). */
  costs: Readonly<Record<GmailMethod, number>>;
}

/**
 * Google's classic per-method costs (developers.google.com/gmail/api/reference/quota). The threads rows are
 * the emulator's (electron/google-emulator/quota.ts): Google's table as copied into public client code.
 */
export const CLASSIC_QUOTA: QuotaRegime = {
  name: 'classic',
  unitsPerMinute: 15_000,
  costs: {
    'messages.list': 5,
    'messages.get': 5,
    'messages.modify': 5,
    'messages.batchModify': 50,
    'threads.get': 10,
    'threads.modify': 10,
    'history.list': 2,
    'labels.get': 1,
    'labels.list': 1,
    getProfile: 1,
  },
};

/**
 * Projects created after May 2026: a lower per-user limit and dearer reads (messages.get 20, threads.get 40,
 * as the emulator's table reports them); other costs unchanged (threads.modify's 2026 cost is unsourced).
 */
export const QUOTA_2026: QuotaRegime = {
  name: '2026',
  unitsPerMinute: 6_000,
  costs: { ...CLASSIC_QUOTA.costs, 'messages.get': 20, 'threads.get': 40 },
};

/** The conservative choice: Glance cannot tell which regime its project is under. */
export const DEFAULT_QUOTA_REGIME: QuotaRegime = QUOTA_2026;

const WINDOW_MS = 60_000;

export class QuotaBudget {
  private readonly spent: Array<{ at: number; units: number }> = [];
  private total = 0;
  readonly unitsPerMinute: number;

  /**
   * `limit`: a regime, or just a units-per-minute figure (costs then from the default regime).
   * `unitsPerMinute` in the options overrides the regime's limit (the benchmark lifts it).
   */
  constructor(
    private readonly clock: Clock,
    limit: QuotaRegime | number = DEFAULT_QUOTA_REGIME,
    private readonly regime: QuotaRegime = typeof limit === 'number' ? DEFAULT_QUOTA_REGIME : limit,
  ) {
    this.unitsPerMinute = typeof limit === 'number' ? limit : limit.unitsPerMinute;
  }

  /** What one call of `method` costs under this budget's regime. */
  cost(method: GmailMethod): number {
    return this.regime.costs[method];
  }

  private expire(now: number): void {
    while (this.spent.length > 0 && this.spent[0]!.at <= now - WINDOW_MS) {
      this.total -= this.spent.shift()!.units;
    }
  }

  /** Units spent in the last minute. */
  used(): number {
    this.expire(this.clock.now());
    return this.total;
  }

  /**
   * Spends `units` if the minute allows it and returns 0; otherwise spends nothing and returns how many
   * ms to wait before asking again. A request bigger than the whole budget is allowed into an empty window.
   */
  trySpend(units: number): number {
    const wait = this.waitFor(units);
    if (wait === 0) {
      this.spent.push({ at: this.clock.now(), units });
      this.total += units;
    }
    return wait;
  }

  /** How many ms until `units` could be spent (0: now), spending nothing. */
  waitFor(units: number): number {
    const now = this.clock.now();
    this.expire(now);
    if (this.total + units <= this.unitsPerMinute || this.total === 0) return 0;
    // Wait until enough of the oldest spending has left the window.
    let freed = 0;
    for (const entry of this.spent) {
      freed += entry.units;
      if (this.total - freed + units <= this.unitsPerMinute) return Math.max(1, entry.at + WINDOW_MS - now);
    }
    return Math.max(1, this.spent[this.spent.length - 1]!.at + WINDOW_MS - now);
  }
}
