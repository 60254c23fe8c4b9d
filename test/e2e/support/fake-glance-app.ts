/**
 * The built renderer in Chromium over a fake core (fake-bridge-entry.ts): for renderer behaviour that needs a
 * real browser (layout, scrolling, focus) with a mailbox the test describes exactly. The real core and the
 * Google emulator have their own harness (glance-app.ts).
 */
import { resolve } from 'node:path';
import { build } from 'esbuild';
import type { Browser, BrowserContext, Page } from '@playwright/test';
import type { FakeScenario } from './fake-bridge-entry.js';
import { pageUrlFor, serveDirectory } from './static-server.js';

let bridgeScript: Promise<string> | undefined;

function bundleFakeBridge(): Promise<string> {
  bridgeScript ??= build({
    entryPoints: [resolve('test/e2e/support/fake-bridge-entry.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'chrome120',
  }).then((result) => result.outputFiles[0]!.text);
  return bridgeScript;
}

export interface FakeGlanceApp {
  page: Page;
  /** Uncaught errors and console errors of the page so far. */
  pageErrors: string[];
  /** The arguments of every call the renderer made on `channel`, in order. */
  callsOf(channel: string): Promise<unknown[][]>;
  close(): Promise<void>;
}

export interface FakeLaunchOptions {
  colorScheme?: 'light' | 'dark';
  /**
   * The window's language, as the main process passes it (`?lang=` in the page address): a shipped locale
   * (`de`) or a pseudo-locale (`en-XA` bracketed, `ar-XB` right to left). Default: none, the browser's languages.
   */
  locale?: string;
}

export async function launchFakeGlance(
  browser: Browser,
  scenario: FakeScenario,
  options: FakeLaunchOptions = {},
): Promise<FakeGlanceApp> {
  const server = await serveDirectory(resolve('dist/renderer'));
  const context: BrowserContext = await browser.newContext({ colorScheme: options.colorScheme ?? 'light' });
  const page = await context.newPage();
  // What went wrong in the page, for the failure message (the fake's own errors land here).
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') pageErrors.push(message.text());
  });
  await page.addInitScript((value) => {
    window.__fakeScenario = value;
  }, scenario);
  await page.addInitScript({ content: await bundleFakeBridge() });
  await page.goto(pageUrlFor(server.url, options.locale));
  return {
    page,
    pageErrors,
    callsOf: (channel) =>
      page.evaluate(
        (name) => window.__fakeGlance.calls.filter((call) => call.channel === name).map((call) => call.args),
        channel,
      ),
    async close() {
      await context.close();
      await server.close();
    },
  };
}
