import { describe, expect, it } from 'vitest';
import { QUOTA_UNITS, RollingQuota } from '../../../electron/google-emulator/quota.js';

describe('rolling per-user quota', () => {
  it('uses the classic unit table', () => {
    expect(QUOTA_UNITS['users.messages.get']).toBe(5);
    expect(QUOTA_UNITS['users.messages.batchModify']).toBe(50);
    expect(QUOTA_UNITS['users.history.list']).toBe(2);
    expect(QUOTA_UNITS['users.labels.get']).toBe(1);
  });

  it('refuses when the minute is spent, says when to retry, and frees units as they age out', () => {
    const quota = new RollingQuota(10);
    expect(quota.charge('a', 5, 1_000).allowed).toBe(true);
    expect(quota.charge('a', 5, 20_000).allowed).toBe(true);
    const refused = quota.charge('a', 5, 30_000);
    expect(refused).toEqual({ allowed: false, retryAt: 61_000 });
    expect(quota.charge('b', 5, 30_000).allowed).toBe(true);
    expect(quota.charge('a', 5, 61_001).allowed).toBe(true);
  });

  it('does not charge refused requests and can be switched off', () => {
    const quota = new RollingQuota(5);
    quota.charge('a', 5, 0);
    for (let attempt = 0; attempt < 3; attempt++) expect(quota.charge('a', 5, 1).allowed).toBe(false);
    expect(quota.charge('a', 5, 60_001).allowed).toBe(true);
    quota.setLimit(false);
    expect(quota.charge('a', 1_000_000, 60_002).allowed).toBe(true);
  });
});
