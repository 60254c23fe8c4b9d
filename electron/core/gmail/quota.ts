/**
 * A client-side quota budget per account, in Google's classic Gmail units, over a sliding minute. Google
 * allows 15,000 units per user per minute (6,000 for projects created after May 2026); Glance keeps under
 * the smaller figure so it never learns the limit from a 429.
 */
import type { Clock } from '../ports.js';

/** Google's classic per-method costs (developers.google.com/gmail/api/reference/quota). */
export const QUOTA_UNITS = {
  'messages.list': 5,
  'messages.get': 5,
  'messages.modify': 5,
  'messages.batchModify': 50,
  'history.list': 2,
  'labels.get': 1,
  'getProfile': 1,
} as const;
export type GmailMethod = keyof typeof QUOTA_UNITS;

export const DEFAULT_UNITS_PER_MINUTE = 6000;
const WINDOW_MS = 60_000;

export class QuotaBudget {
  private readonly spent: Array<{ at: number; units: number }> = [];
  private total = 0;

  constructor(
    private readonly clock: Clock,
    readonly unitsPerMinute: number = DEFAULT_UNITS_PER_MINUTE,
  ) {}

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
    const now = this.clock.now();
    this.expire(now);
    if (this.total + units <= this.unitsPerMinute || this.total === 0) {
      this.spent.push({ at: now, units });
      this.total += units;
      return 0;
    }
    // Wait until enough of the oldest spending has left the window.
    let freed = 0;
    for (const entry of this.spent) {
      freed += entry.units;
      if (this.total - freed + units <= this.unitsPerMinute) return Math.max(1, entry.at + WINDOW_MS - now);
    }
    return Math.max(1, this.spent[this.spent.length - 1]!.at + WINDOW_MS - now);
  }
}
