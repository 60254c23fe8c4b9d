/** Gmail's classic per-user quota: units per method over a rolling minute. */

/** Classic unit costs (developers.google.com/gmail/api/reference/quota). */
export const QUOTA_UNITS = {
  'users.getProfile': 1,
  'users.history.list': 2,
  'users.labels.get': 1,
  'users.labels.list': 1,
  'users.messages.attachments.get': 5,
  'users.messages.batchModify': 50,
  'users.messages.get': 5,
  'users.messages.list': 5,
  'users.messages.modify': 5,
} as const;

export type GmailMethod = keyof typeof QUOTA_UNITS;

export interface QuotaDecision {
  allowed: boolean;
  /** When rejected: the moment enough units will have left the window. */
  retryAt?: number;
}

const WINDOW_MS = 60_000;

export class RollingQuota {
  private readonly spent = new Map<string, Array<{ at: number; units: number }>>();
  constructor(private limit: number | false) {}

  setLimit(limit: number | false): void {
    this.limit = limit;
  }

  /** Charges `units` to `user` at `now`, or refuses without charging when the minute's budget is gone. */
  charge(user: string, units: number, now: number): QuotaDecision {
    const entries = (this.spent.get(user) ?? []).filter((entry) => entry.at > now - WINDOW_MS);
    this.spent.set(user, entries);
    if (this.limit === false) {
      entries.push({ at: now, units });
      return { allowed: true };
    }
    let used = entries.reduce((sum, entry) => sum + entry.units, 0);
    if (used + units <= this.limit) {
      entries.push({ at: now, units });
      return { allowed: true };
    }
    // Find the earliest moment the oldest entries have aged out enough to fit this request.
    let retryAt = now + WINDOW_MS;
    for (const entry of entries) {
      used -= entry.units;
      if (used + units <= this.limit) {
        retryAt = entry.at + WINDOW_MS;
        break;
      }
    }
    return { allowed: false, retryAt };
  }
}
