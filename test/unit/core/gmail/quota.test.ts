import { describe, expect, it } from 'vitest';
import { QuotaBudget } from '../../../../electron/core/gmail/quota.js';

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

  it('lets a request larger than the whole budget through an empty window rather than block forever', () => {
    const budget = new QuotaBudget({ now: () => 0 }, 10);
    expect(budget.trySpend(50)).toBe(0);
    expect(budget.trySpend(1)).toBeGreaterThan(0);
  });
});
