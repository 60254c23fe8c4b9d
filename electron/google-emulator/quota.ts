/**
 * Gmail's per-user quota: units per method over a rolling minute, under either of Google's two regimes.
 *
 * Which regime a Cloud project is under decides both the per-user limit and the per-method costs
 * (GOOGLE-BEHAVIOUR §8): classic (15,000 units per user per minute) or, for projects created since
 * 1 May 2026, 6,000 units per user per minute with dearer reads.
 */

/**
 * Classic unit costs (developers.google.com/gmail/api/reference/quota, §8). The `users.threads.*` rows are
 * not in the team's notes; they are Google's quota table as copied into public client code (threads.get,
 * threads.list and threads.modify all 10), the Google page itself not read here.
 */
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
  'users.threads.get': 10,
  'users.threads.list': 10,
  'users.threads.modify': 10,
} as const satisfies Record<string, number>;

export type GmailMethod = keyof typeof QUOTA_UNITS;

export type QuotaRegimeName = 'classic' | '2026';

export interface QuotaRegime {
  name: QuotaRegimeName;
  /** Units one user may spend per minute. */
  unitsPerUserPerMinute: number;
  /** Units each call costs (a batch costs the sum of its parts). */
  units: Readonly<Record<GmailMethod, number>>;
  /** Methods whose cost under this regime has no source: taken over from the classic table. */
  unsourced: readonly GmailMethod[];
}

export const CLASSIC_QUOTA: QuotaRegime = {
  name: 'classic',
  unitsPerUserPerMinute: 15_000,
  units: QUOTA_UNITS,
  unsourced: [],
};

/**
 * Projects created since 1 May 2026 (§8, reported by Nylas's 2026 quota guides): 6,000 units per user per
 * minute; messages.get 20, threads.get 40, messages.list 5, history.list 2. Every other cost is UNSOURCED
 * and kept at its classic value (Google announced dearer reads, not dearer writes or counts).
 */
export const QUOTA_2026: QuotaRegime = {
  name: '2026',
  unitsPerUserPerMinute: 6_000,
  units: { ...QUOTA_UNITS, 'users.messages.get': 20, 'users.threads.get': 40 },
  unsourced: [
    'users.getProfile',
    'users.labels.get',
    'users.labels.list',
    'users.messages.attachments.get',
    'users.messages.batchModify',
    'users.messages.modify',
    'users.threads.list',
    'users.threads.modify',
  ],
};

export const QUOTA_REGIMES: Readonly<Record<QuotaRegimeName, QuotaRegime>> = {
  classic: CLASSIC_QUOTA,
  '2026': QUOTA_2026,
};

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
