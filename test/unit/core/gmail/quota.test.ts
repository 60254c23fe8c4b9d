import { describe, expect, it } from 'vitest';
import { CLASSIC_QUOTA, QUOTA_2026, QuotaBudget } from '../../../../electron/core/gmail/quota.js';

describe('QuotaBudget', () => {
  it('spends within the minute and asks to wait until the oldest spending leaves the window', () => {
    let now = 1_000_000;
    const budget = new QuotaBudget({ now: () => now }, 100);
    expect(budget.trySpend(60)).toBe(0);
    now += 10_000;
    expect(budget.trySpend(30)).toBe(0);
    expect(budget.used()).toBe(90);
    // 90 + 20 > 100: the first 60 units leave the window 50 s from now.
    expect(budget.trySpend(20)).toBe(50_000);
    expect(budget.used()).toBe(90);
    now += 50_000;
    expect(budget.trySpend(20)).toBe(0);
    expect(budget.used()).toBe(50);
  });

  it('tells how long units would wait without spending them', () => {
    let now = 1_000_000;
    const budget = new QuotaBudget({ now: () => now }, 100);
    expect(budget.waitFor(100)).toBe(0);
    expect(budget.used()).toBe(0);
    budget.trySpend(80);
    now += 5_000;
    expect(budget.waitFor(20)).toBe(0);
    expect(budget.waitFor(21)).toBe(55_000);
    expect(budget.used()).toBe(80);
  });

  it('lets a request larger than the whole budget through an empty window rather than block forever', () => {
    const budget = new QuotaBudget({ now: () => 0 }, 10);
    expect(budget.trySpend(50)).toBe(0);
    expect(budget.trySpend(1)).toBeGreaterThan(0);
  });
});

describe('quota regimes', () => {
  it('defines both of Google’s regimes with their own limit and messages.get cost', () => {
    expect(CLASSIC_QUOTA).toMatchObject({
      unitsPerMinute: 15_000,
      costs: { 'messages.get': 5, 'messages.list': 5, 'history.list': 2 },
    });
    expect(QUOTA_2026).toMatchObject({
      unitsPerMinute: 6_000,
      costs: { 'messages.get': 20, 'messages.list': 5, 'history.list': 2 },
    });
  });

  it('defaults to the conservative 2026 regime: 6,000 units a minute and 20 units a read', () => {
    const budget = new QuotaBudget({ now: () => 0 });
    expect(budget.unitsPerMinute).toBe(6_000);
    expect(budget.cost('messages.get')).toBe(20);
    // 300 reads fill the minute under 2026 costs (they would be 1,500 units under classic costs).
    expect(budget.trySpend(300 * budget.cost('messages.get'))).toBe(0);
    expect(budget.trySpend(budget.cost('messages.get'))).toBeGreaterThan(0);
  });

  it('uses the costs of the regime it is given, and a bare per-minute figure only lifts the limit', () => {
    expect(new QuotaBudget({ now: () => 0 }, CLASSIC_QUOTA).cost('messages.get')).toBe(5);
    const lifted = new QuotaBudget({ now: () => 0 }, 10_000_000);
    expect(lifted.unitsPerMinute).toBe(10_000_000);
    expect(lifted.cost('messages.get')).toBe(20);
  });
});
