import { describe, expect, it } from 'vitest';
import {
  CLASSIC_QUOTA,
  QUOTA_2026,
  QUOTA_REGIMES,
  QUOTA_UNITS,
  RollingQuota,
  type GmailMethod,
} from '../../../electron/google-emulator/quota.js';

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

describe('quota regimes', () => {
  it('classic: threads.get, threads.list and threads.modify cost 10; 15,000 units a minute', () => {
    expect(CLASSIC_QUOTA.unitsPerUserPerMinute).toBe(15_000);
    expect(CLASSIC_QUOTA.units['users.threads.get']).toBe(10);
    expect(CLASSIC_QUOTA.units['users.threads.list']).toBe(10);
    expect(CLASSIC_QUOTA.units['users.threads.modify']).toBe(10);
    expect(CLASSIC_QUOTA.unsourced).toEqual([]);
  });

  it('2026: the sourced costs (messages.get 20, threads.get 40, list 5, history 2) and 6,000 a minute', () => {
    expect(QUOTA_2026.unitsPerUserPerMinute).toBe(6_000);
    expect(QUOTA_2026.units['users.messages.get']).toBe(20);
    expect(QUOTA_2026.units['users.threads.get']).toBe(40);
    expect(QUOTA_2026.units['users.messages.list']).toBe(5);
    expect(QUOTA_2026.units['users.history.list']).toBe(2);
  });

  it('2026: every cost without a source is marked unsourced and kept at its classic value', () => {
    const changed = (Object.keys(QUOTA_UNITS) as GmailMethod[]).filter(
      (method) => QUOTA_2026.units[method] !== CLASSIC_QUOTA.units[method],
    );
    expect(changed.sort()).toEqual(['users.messages.get', 'users.threads.get']);
    const sourced = ['users.messages.get', 'users.threads.get', 'users.messages.list', 'users.history.list'];
    const expectedUnsourced = (Object.keys(QUOTA_UNITS) as GmailMethod[]).filter((method) => !sourced.includes(method));
    expect([...QUOTA_2026.unsourced].sort()).toEqual(expectedUnsourced.sort());
    expect(QUOTA_REGIMES).toEqual({ classic: CLASSIC_QUOTA, '2026': QUOTA_2026 });
  });
});
