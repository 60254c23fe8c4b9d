/**
 * Fetching the unread list ahead of the person (fetch-ahead.ts): while the list shows an account, its next
 * pages are listed in the background within the quota budget (a fifth of the minute kept free), so the page
 * the person scrolls to is usually already there; never the same page twice; a search stops it; history
 * keeps what was fetched ahead current. Then the measurement: a person scrolling 1,000 unread under Google's
 * 2026 quota, at a reading pace and at a flick, with and without fetching ahead (GLANCE_SCROLL_MEASURE=1
 * adds 3,000 and 10,000). Glance's clock and timers are simulated (scroll-simulation.ts).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_BACKOFF } from '../../../electron/core/gmail/failure.js';
import { DEFAULT_FETCH_AHEAD, type FetchAheadPolicy } from '../../../electron/core/gmail/fetch-ahead.js';
import type { MailService } from '../../../electron/core/gmail/mail-service.js';
import type { MessagePage } from '../../../electron/shared/ipc-contract.js';
import { gmailCalls, startHarness, unreadTruth, type Harness } from './helpers.js';
import { runUntil, scrollToEnd, SimulatedTime, simulatedService, type ScrollOutcome } from './scroll-simulation.js';

const START = Date.parse('2026-12-07T12:00:00Z');
const OFF: FetchAheadPolicy = { pages: 0, reserveShare: 0 };

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

/** A signed-in account with `unread` unread messages, its first page served; the 2026 quota (6,000 units). */
async function firstPageShown(unread: number, fetchAhead: FetchAheadPolicy = DEFAULT_FETCH_AHEAD) {
  h = await startHarness({
    // Glance's own budget is what is measured: the emulator's would count on the real clock.
    emulator: { users: [{ email: 'alex@example.com', name: 'Alex Rivera', unread, read: 0 }], quota: false },
  });
  const time = new SimulatedTime(START);
  const sim = simulatedService(h, time, { backoff: DEFAULT_BACKOFF, fetchAhead });
  await sim.mail.startAccount(h.accountId);
  const asked = sim.mail.list({ accountId: h.accountId, scope: 'unread' });
  await sim.settle();
  const first = await asked;
  return { harness: h, time, ...sim, first };
}

const nextPage = (mail: MailService, harness: Harness, page: MessagePage) =>
  mail.list({ accountId: harness.accountId, scope: 'unread', pageToken: page.nextPageToken });

describe('fetching ahead', () => {
  it('lists the next pages in the background, leaving a fifth of the minute free, and serves them with no request', async () => {
    const { harness, time, mail, settle, first } = await firstPageShown(1_000);
    const truth = unreadTruth(harness.emu, harness.email);
    expect(first.messages.map((m) => m.id)).toEqual(truth.slice(0, 50));
    harness.emu.resetLog();
    await runUntil(time, settle, START + 1_000);
    // The first page spent 1,007 units; each page ahead costs 1,005, and 4,800 may be spent: three pages.
    expect(gmailCalls(harness.emu)).toMatchObject({ list: 3, batch: 3, batchParts: 150 });
    // The fourth waits for the first page's units to leave the minute.
    expect(time.nextDue()).toBe(START + 60_000);
    // Published like a scrolled page, so the renderer holds them (and shows them once its list asks).
    const added = harness.changes(harness.accountId).flatMap((change) => change.added.map((m) => m.id));
    expect(added).toEqual(expect.arrayContaining(truth.slice(50, 200)));

    harness.emu.resetLog();
    const second = await nextPage(mail, harness, first);
    expect(second.messages.map((m) => m.id)).toEqual(truth.slice(50, 100));
    expect(gmailCalls(harness.emu)).toMatchObject({ list: 0, batch: 0 });

    // A minute on, the first minute's units have left it: pages 5 and 6, four past the furthest row served.
    await runUntil(time, settle, START + 61_000);
    expect(gmailCalls(harness.emu)).toMatchObject({ list: 2, batchParts: 100 });
    // And no more however long the person rests.
    await runUntil(time, settle, START + 10 * 60_000);
    expect(gmailCalls(harness.emu)).toMatchObject({ list: 2, batchParts: 100 });
  });

  it('never lists a page twice: a page asked while it is being fetched ahead waits for that fetch', async () => {
    const { harness, time, mail, settle, first } = await firstPageShown(1_000);
    const truth = unreadTruth(harness.emu, harness.email);
    harness.emu.resetLog();
    time.fireNext(); // the fetch ahead starts (its first page is now in flight)
    const second = nextPage(mail, harness, first);
    await settle();
    expect((await second).messages.map((m) => m.id)).toEqual(truth.slice(50, 100));
    await runUntil(time, settle, START + 1_000);
    // Pages 2, 3 and 4, each once.
    expect(gmailCalls(harness.emu)).toMatchObject({ list: 3, batchParts: 150 });
  });

  it('a search stops it; the unread list shown again starts it again', async () => {
    const { harness, time, mail, settle, first } = await firstPageShown(1_000);
    harness.emu.resetLog();
    const searched = mail.list({ accountId: harness.accountId, scope: 'all', query: 'zzzz-nothing' });
    await settle();
    await searched;
    await runUntil(time, settle, START + 5 * 60_000);
    expect(gmailCalls(harness.emu)).toMatchObject({ list: 1, batch: 0 }); // the search's own list
    const again = mail.list({ accountId: harness.accountId, scope: 'unread', pageToken: null });
    await settle();
    expect((await again).messages.map((m) => m.id)).toEqual(first.messages.map((m) => m.id));
    await runUntil(time, settle, time.now + 1_000);
    expect(gmailCalls(harness.emu).batchParts).toBeGreaterThan(0);
  });

  it('history keeps the rows fetched ahead current: one read at Google meanwhile is not served', async () => {
    const { harness, time, mail, settle, first } = await firstPageShown(1_000);
    await runUntil(time, settle, START + 1_000);
    const truth = unreadTruth(harness.emu, harness.email);
    harness.emu.mailbox(harness.email).modify(truth[60]!, [], ['UNREAD']);
    const synced = mail.syncNow(harness.accountId);
    await settle();
    await synced;
    harness.emu.resetLog();
    const second = await nextPage(mail, harness, first);
    expect(second.messages.map((m) => m.id)).toEqual(unreadTruth(harness.emu, harness.email).slice(50, 100));
    expect(second.messages.map((m) => m.id)).not.toContain(truth[60]);
    expect(gmailCalls(harness.emu)).toMatchObject({ list: 0, batch: 0 });
  });
});

type Scenario = { paceMs: number; restMs: number };
const SCENARIOS: Array<Scenario & { name: string }> = [
  { name: 'one page per 5 s, from the first page on', paceMs: 5_000, restMs: 0 },
  { name: 'a flick (one page per 0.5 s), from the first page on', paceMs: 500, restMs: 0 },
  { name: 'one page per 5 s, after a minute on the first page', paceMs: 5_000, restMs: 60_000 },
  { name: 'a flick, after a minute on the first page', paceMs: 500, restMs: 60_000 },
  { name: 'one page per 15 s (reading each row), from the first page on', paceMs: 15_000, restMs: 0 },
];

async function scroll(unread: number, scenario: Scenario, fetchAhead: FetchAheadPolicy): Promise<ScrollOutcome> {
  const { harness, time, mail, settle, requests, first } = await firstPageShown(unread, fetchAhead);
  const { ids, ...outcome } = await scrollToEnd(time, { settle, requests }, mail, harness.accountId, first, scenario);
  // Every unread message, in order, each once: fetching ahead skips and repeats nothing.
  expect(ids).toEqual(unreadTruth(harness.emu, harness.email));
  await harness.close();
  h = undefined;
  return outcome;
}

async function measure(unread: number): Promise<Array<{ name: string; before: ScrollOutcome; after: ScrollOutcome }>> {
  const rows = [];
  for (const scenario of SCENARIOS) {
    const before = await scroll(unread, scenario, OFF);
    const after = await scroll(unread, scenario, DEFAULT_FETCH_AHEAD);
    rows.push({ name: scenario.name, before, after });
    console.log(JSON.stringify({ unread, scenario: scenario.name, before, after }));
  }
  return rows;
}

describe('scrolling 1,000 unread under the 2026 quota, before and after fetching ahead', () => {
  it('never waits longer, waits less after resting on the list, and rarely loads a page on the spot', async () => {
    const rows = await measure(1_000);
    for (const { before, after } of rows) {
      expect(after.pages).toBe(20);
      expect(after.secondsWaited).toBeLessThanOrEqual(before.secondsWaited);
      // Before, every page is fetched when asked; after, only those the budget could not fetch ahead.
      expect(before.pagesLoadedOnAsk).toBe(19);
      expect(after.pagesLoadedOnAsk).toBeLessThan(before.pagesLoadedOnAsk);
    }
    const rested = rows.find((row) => row.name.startsWith('one page per 5 s, after'))!;
    expect(rested.after.secondsWaited).toBeLessThan(rested.before.secondsWaited);
    // Slower than the budget refills: nothing waits either way, and every page is already there.
    const reading = rows.find((row) => row.name.startsWith('one page per 15 s'))!;
    expect(reading.before.pagesWaited).toBe(0);
    expect(reading.after.pagesLoadedOnAsk).toBe(0);
  }, 300_000);

  // Minutes of real requests (200 pages a run): run on demand for the figures in the README
  // (GLANCE_SCROLL_MEASURE=1 for both sizes, or one size, e.g. GLANCE_SCROLL_MEASURE=3000).
  const measured = process.env.GLANCE_SCROLL_MEASURE;
  it.runIf(measured !== undefined)(
    '3,000 and 10,000 unread (GLANCE_SCROLL_MEASURE)',
    async () => {
      for (const unread of [3_000, 10_000]) if (measured === '1' || measured === String(unread)) await measure(unread);
    },
    3_600_000,
  );
});
