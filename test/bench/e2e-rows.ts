/**
 * Bench rows measured the way a person runs Glance: the built renderer in Chromium, its preload API bridged
 * to the real core (the e2e harness), the core talking to the Google emulator at 100 ms a request. Counting
 * through the whole path shows waste a count on one service hides: a renderer asking again for what an
 * event just said, a count fetched by two owners.
 */
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { setFlagsFromString } from 'node:v8';
import { Worker } from 'node:worker_threads';
import type { Browser, Page } from '@playwright/test';
import type { EmulatorOptions, GoogleEmulator, RequestLogEntry } from '../../electron/google-emulator/index.js';
import { launchGlance, signInThroughBrowser, type GlanceApp } from '../e2e/support/glance-app.js';
import { passGooglePages } from '../e2e/support/google-pages.js';
import type { WorkerRequest } from './emulator-worker.js';

export interface BenchRow {
  name: string;
  glance: Record<string, number | string>;
  note?: string;
}

const LATENCY_MS = 100;
/** After the first paint, how long the path is watched for late requests (a second list, a count fetched again). */
const SETTLE_MS = 2_000;

const isGmail = (entry: RequestLogEntry) => entry.kind === 'gmail' || entry.kind === 'batch';

/** Gmail requests grouped into waves: requests sent together (within half a latency) are one round trip. */
export function roundTrips(log: readonly RequestLogEntry[], latencyMs = LATENCY_MS): number {
  const times = log
    .filter(isGmail)
    .map((entry) => entry.at)
    .sort((a, b) => a - b);
  let waves = 0;
  let waveStart = -Infinity;
  for (const at of times) {
    if (at - waveStart > latencyMs / 2) {
      waves += 1;
      waveStart = at;
    }
  }
  return waves;
}

/** Renderer → core calls on one channel since `from` (an index into the recorded IPC traffic). */
function callsTo(app: GlanceApp, channel: string, from = 0): number {
  return app.traffic.ipc.slice(from).filter((line) => (JSON.parse(line) as { channel?: string }).channel === channel)
    .length;
}

async function waitForRows(page: Page): Promise<void> {
  await page.locator('[data-message-id]').first().waitFor({ timeout: 60_000 });
}

/**
 * Adds an account the way "Add another account" does (the core's sign-in with no hint of which account),
 * choosing that person in Google's account chooser in the system browser.
 */
async function addAccount(app: GlanceApp, email: string): Promise<void> {
  const googlePage = app.nextSystemBrowserPage();
  const signedIn = app.core.auth.signIn({});
  await passGooglePages(await googlePage, { email });
  await signedIn;
}

function users(count: number, unread: number): NonNullable<EmulatorOptions['users']> {
  return Array.from({ length: count }, (_, index) => ({
    email: `person${index + 1}@example.com`,
    name: `Person ${index + 1}`,
    unread,
    read: 10,
  }));
}

/** Sign-in through the UI to the first painted page of unread mail, one account. */
export async function signInToFirstPage(browser: Browser): Promise<BenchRow[]> {
  const app = await launchGlance({ browser, emulator: { users: users(1, 120), latencyMs: LATENCY_MS } });
  try {
    await app.page.locator('#root[data-app-state="signed-out"]').waitFor();
    app.emulator.resetLog();
    const from = app.traffic.ipc.length;
    const started = performance.now();
    await signInThroughBrowser(app);
    await waitForRows(app.page);
    const firstPaintMs = Math.round(performance.now() - started);
    await app.page.waitForTimeout(SETTLE_MS);
    const log = app.emulator.requestLog;
    const signIn: BenchRow = {
      name: 'e2e sign-in to first page',
      glance: {
        gmailRequests: log.filter(isGmail).length,
        roundTrips: roundTrips(log),
        listCalls: callsTo(app, 'messages:list', from),
        countFetches: log.filter((entry) => entry.path.endsWith('/labels/INBOX')).length,
        firstPaintMs,
      },
      note: 'goal: gmailRequests ≤ 4, roundTrips 2, listCalls 1, countFetches 1',
    };
    return [signIn, await oneNewMessage(app, 'person1@example.com')];
  } finally {
    await app.close();
  }
}

/** One new message arrives and the account syncs (what the poll timer does): requests and list reloads. */
async function oneNewMessage(app: GlanceApp, email: string): Promise<BenchRow> {
  const mailbox = app.emulator.mailbox(email);
  const accountId = app.emulator.users().find((user) => user.email === email)!.id;
  app.emulator.resetLog();
  const from = app.traffic.ipc.length;
  const subject = `Bench arrival ${Date.now()}`;
  mailbox.add({ subject });
  const started = performance.now();
  await app.core.mail.syncNow(accountId);
  await app.page.getByText(subject).first().waitFor({ timeout: 30_000 });
  const shownMs = Math.round(performance.now() - started);
  await app.page.waitForTimeout(SETTLE_MS);
  return {
    name: 'e2e one new message',
    glance: {
      gmailRequests: app.emulator.requestLog.filter(isGmail).length,
      listReloads: callsTo(app, 'messages:list', from),
      shownMs,
    },
    note: 'goal: gmailRequests ≤ 2, listReloads 0',
  };
}

/** Three signed-in accounts, restarted with their caches on disk (warm) and without (cold). */
export async function threeAccountStarts(browser: Browser): Promise<BenchRow[]> {
  const people = users(3, 120);
  const app = await launchGlance({ browser, emulator: { users: people, latencyMs: LATENCY_MS } });
  try {
    for (const person of people) await addAccount(app, person.email);
    await waitForRows(app.page);
    await app.page.waitForTimeout(SETTLE_MS); // every account's first sync done, so its cache is written

    // Warm: quit (writes the caches) and start again.
    app.emulator.resetLog();
    let started = performance.now();
    await app.restart();
    await waitForRows(app.page);
    const warmPaintMs = Math.round(performance.now() - started);
    const beforePaint = app.emulator.requestLog.filter(isGmail).length;
    await app.page.waitForTimeout(SETTLE_MS);
    const warm: BenchRow = {
      name: 'e2e 3 accounts warm start',
      glance: { callsBeforeFirstPaint: beforePaint, firstPaintMs: warmPaintMs },
      note: 'goal: callsBeforeFirstPaint 0 (Gmail requests answered before the cached list painted)',
    };

    // Cold: the same accounts signed in, no local copy of their mail.
    app.emulator.resetLog();
    started = performance.now();
    await app.restart(() => rm(join(app.dataDir, 'mail'), { recursive: true, force: true }));
    await waitForRows(app.page);
    const coldPaintMs = Math.round(performance.now() - started);
    await app.page.waitForTimeout(SETTLE_MS);
    const cold: BenchRow = {
      name: 'e2e 3 accounts cold start',
      glance: {
        roundTrips: roundTrips(app.emulator.requestLog),
        gmailRequests: app.emulator.requestLog.filter(isGmail).length,
        firstPaintMs: coldPaintMs,
      },
      note: 'goal: roundTrips 2 (sequential; the accounts in parallel)',
    };
    return [warm, cold];
  } finally {
    await app.close();
  }
}

/** The emulator in a worker thread: its heap is its own, so the bench process's heap is Glance's core. */
async function emulatorInWorker(
  options: EmulatorOptions,
): Promise<{ emulator: GoogleEmulator; close(): Promise<void> }> {
  // A worker does not inherit tsx's loader: register it there before importing the TypeScript entry.
  const entry = new URL('./emulator-worker.ts', import.meta.url).href;
  const bootstrap = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); });`;
  const worker = new Worker(bootstrap, { eval: true, workerData: options });
  const ask = <T>(request: WorkerRequest, answer: string) =>
    new Promise<T>((resolve) => {
      const onMessage = (message: { type: string }) => {
        if (message.type !== answer) return;
        worker.off('message', onMessage);
        resolve(message as T);
      };
      worker.on('message', onMessage);
      worker.postMessage(request);
    });
  const ready = await new Promise<Pick<GoogleEmulator, 'origin' | 'endpoints' | 'defaultClient'>>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  // Only what the e2e harness reads of an emulator it did not start.
  const emulator = {
    ...ready,
    resetLog: () => void ask({ type: 'resetLog' }, 'resetLog'),
  } as unknown as GoogleEmulator;
  return {
    emulator,
    close: async () => {
      await ask({ type: 'close' }, 'closed');
      await worker.terminate();
    },
  };
}

function collectGarbage(): void {
  setFlagsFromString('--expose_gc');
  (runInNewContext('gc') as () => void)();
}

/** Every account's unread mail in the unified view, 3 × 10,000, scrolled to the end. */
export async function unifiedThreeByTenThousand(browser: Browser): Promise<BenchRow> {
  const name = 'e2e unified 3x10000';
  const perAccount = 10_000;
  const people = users(3, perAccount);
  const { emulator, close } = await emulatorInWorker({ users: people, quota: false });
  // This row weighs memory, so Glance's own quota budget (which spreads 10,000 reads over minutes) is lifted.
  const app = await launchGlance({ browser, existingEmulator: emulator, gmailUnitsPerMinute: 10_000_000 });
  try {
    for (const person of people) await addAccount(app, person.email);
    // g u: the Unified view, every account's unread mail newest first.
    await app.page.keyboard.press('g');
    await app.page.keyboard.press('u');
    await app.page.locator('.inbox[data-view="*"][data-list-state="ready"]').waitFor();
    let loaded = 0;
    let counted = 0;
    const countLoaded = () => {
      for (const line of app.traffic.ipc.slice(counted)) {
        const entry = JSON.parse(line) as {
          channel?: string;
          result?: { ok: boolean; value?: { messages?: unknown[] } };
        };
        if (entry.channel === 'messages:list' && entry.result?.ok) loaded += entry.result.value?.messages?.length ?? 0;
      }
      // The recorded traffic would otherwise hold every page twice in this process's heap.
      app.traffic.ipc.length = 0;
      counted = 0;
      return loaded;
    };
    const started = performance.now();
    while (countLoaded() < people.length * perAccount && performance.now() - started < 300_000) {
      await app.page.getByTestId('message-list-scroll').evaluate((el) => el.scrollTo(0, el.scrollHeight));
      await app.page.waitForTimeout(50);
    }
    const scrollMs = Math.round(performance.now() - started);
    const domRows = await app.page.locator('[data-message-id]').count();
    const cdp = await app.page.context().newCDPSession(app.page);
    await cdp.send('HeapProfiler.collectGarbage');
    const { usedSize } = await cdp.send('Runtime.getHeapUsage');
    collectGarbage();
    const coreHeap = process.memoryUsage().heapUsed;
    return {
      name,
      glance: {
        loaded,
        domRows,
        rendererHeapMB: +(usedSize / 1024 / 1024).toFixed(1),
        coreHeapMB: +(coreHeap / 1024 / 1024).toFixed(1),
        scrollToEndMs: scrollMs,
      },
      note:
        'goal: domRows ≤ 60, rendererHeapMB ≤ 60, coreHeapMB ≤ 150 (the bench process: core + Playwright client; ' +
        'the emulator runs in a worker with its own heap; quota budget lifted)',
    };
  } finally {
    await app.close();
    await close();
  }
}
