/**
 * The end-to-end harness: a Google emulator, the real main-process core (GlanceCore) on a temp data
 * folder, the built renderer served on 127.0.0.1, and `window.glance` bridged to the core through a
 * Playwright binding. A second browser context plays the person's system browser for sign-in.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import type { Browser, BrowserContext, Page } from '@playwright/test';
import { createGlanceCore, type GlanceCore } from '../../../electron/core/app-core.js';
import { oauthClientFor } from '../../../electron/core/demo/demo-google.js';
import { CLASSIC_QUOTA } from '../../../electron/core/gmail/quota.js';
import { memorySecretStore } from '../../../electron/core/keychain/secret-store.js';
import { memoryLogger } from '../../../electron/core/logging.js';
import { createWorkerMessageParser } from '../../../electron/core/message/worker-parser.js';
import { NetworkActivityRecorder } from '../../../electron/core/net/network-activity.js';
import { nodeFetch } from '../../../electron/core/net/node-fetch.js';
import { PendingShow, pendingShowDispatch } from '../../../electron/main/pending-show.js';
import { proxySignInDispatch } from '../../../electron/main/proxy-sign-in.js';
import { gatedDispatch, mainProcessChannels } from '../../../electron/main/startup-gate.js';
import type { Channel } from '../../../electron/shared/ipc-contract.js';
import type { SecretStore } from '../../../electron/core/ports.js';
import {
  startGoogleEmulator,
  type EmulatorOptions,
  type GoogleEmulator,
  type GoogleStep,
} from '../../../electron/google-emulator/index.js';
import { builtMessageWorker } from '../../integration/message/worker-bundle.js';
import { memoryClipboard, type MemoryClipboard } from '../../unit/core/auth/memory-clipboard.js';
import { passGooglePages } from './google-pages.js';
import { pageUrlFor, serveDirectory, type StaticServer } from './static-server.js';

const rendererDir = resolve('dist/renderer');
let bridgeScript: Promise<string> | undefined;

function bundleBridge(): Promise<string> {
  bridgeScript ??= build({
    entryPoints: [resolve('test/e2e/support/bridge-entry.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'chrome120',
  }).then((result) => result.outputFiles[0]!.text);
  return bridgeScript;
}

export interface RecordedTraffic {
  /** Every IPC result and event payload the renderer received, serialised. */
  ipc: string[];
  logs: string[];
}

export interface GlanceApp {
  page: Page;
  core: GlanceCore;
  emulator: GoogleEmulator;
  dataDir: string;
  keychain: SecretStore & { entries: Map<string, string> };
  traffic: RecordedTraffic;
  /** Pages the "system browser" opened (authorization URLs). */
  systemBrowserPages: Page[];
  /** Resolves with the next page the app opens in the system browser. */
  nextSystemBrowserPage(): Promise<Page>;
  /** URLs the app asked the OS to open (links, Open in Gmail). */
  externalUrls: string[];
  /** The system clipboard the main process uses ("Copy the sign-in link"): what it holds, and every write. */
  clipboard: MemoryClipboard;
  /**
   * Stops the core and opens a new one on the same data folder and keychain (an app restart);
   * `whileStopped` runs in between (e.g. deleting the local mail copy for a cold start).
   */
  restart(whileStopped?: () => Promise<void>): Promise<void>;
  close(): Promise<void>;
}

export interface LaunchOptions {
  browser: Browser;
  emulator?: EmulatorOptions;
  /** Reuse an emulator across restarts. */
  existingEmulator?: GoogleEmulator;
  colorScheme?: 'light' | 'dark';
  savePath?: string;
  gmailUnitsPerMinute?: number;
  /** The OS keychain as the core sees it (e.g. one that fails like a Linux desktop without a keyring). Default: `keychain`. */
  secretStore?: SecretStore;
  /**
   * Settings.listMode at first start. Default `messages`: the specs over the real core were written for one row
   * per message; conversation rows have their own specs (conversations.spec.ts, and this option).
   */
  listMode?: 'conversations' | 'messages';
  /**
   * The window's language, as the main process passes it (`?lang=` in the page address): a shipped locale
   * (`de`) or a pseudo-locale (`en-XA` bracketed, `ar-XB` right to left). Default: none, the browser's languages.
   */
  locale?: string;
}

export async function launchGlance(options: LaunchOptions): Promise<GlanceApp> {
  const emulator = options.existingEmulator ?? (await startGoogleEmulator(options.emulator));
  const dataDir = await mkdtemp(join(tmpdir(), 'glance-e2e-'));
  // An in-memory keychain: the real OS keychain has its own tests (test/keychain).
  const keychain = memorySecretStore();
  const traffic: RecordedTraffic = { ipc: [], logs: [] };
  const externalUrls: string[] = [];
  const clipboard = memoryClipboard();
  const systemBrowser: BrowserContext = await options.browser.newContext();
  const systemBrowserPages: Page[] = [];
  const waiters: Array<(page: Page) => void> = [];
  const server: StaticServer = await serveDirectory(rendererDir);
  const appContext = await options.browser.newContext({ colorScheme: options.colorScheme ?? 'light' });
  const page = await appContext.newPage();
  const logger = memoryLogger('e2e');
  // Node's fetch port, with the proxy environment as a person's shell would set it.
  const network = nodeFetch(process.env);
  // Help → Network activity: the core counts its own requests; the page's are counted here, as the Electron
  // glue's session.webRequest does (electron/main/network.ts), leaving out the app's own page.
  const networkActivity = new NetworkActivityRecorder();
  appContext.on('request', (request) => {
    if (!request.url().startsWith(server.url)) networkActivity.record(request.url(), 'window');
  });

  // Messages parse on the worker thread the app ships (built with the app's esbuild options), as in the app.
  const workerPath = await builtMessageWorker();
  const makeCore = () =>
    createGlanceCore({
      messageParser: createWorkerMessageParser({ workerPath }),
      paths: { dataDir },
      fetch: network.fetch,
      networkActivity,
      googleOverride: { client: oauthClientFor(emulator), gmailRootUrl: emulator.endpoints.gmailRootUrl },
      secretStore: options.secretStore ?? keychain,
      // A cheap scrypt for the passphrase-protected sign-in file: these tests are about the screens.
      passphraseScrypt: { N: 2 ** 10, r: 8, p: 1 },
      browser: {
        open: async (url) => {
          const opened = await systemBrowser.newPage();
          await opened.goto(url);
          systemBrowserPages.push(opened);
          waiters.shift()?.(opened);
        },
      },
      clipboard,
      dialogs: {
        chooseClientSecretsFile: async () => null,
        chooseSavePath: async (name) => (options.savePath ? join(options.savePath, name) : null),
      },
      openExternal: async (url) => void externalUrls.push(url),
      logger,
      appVersion: '0.0.0-e2e',
      platform: 'linux',
      // The emulator charges Google's classic unit costs; budget with the same table.
      gmailQuotaRegime: CLASSIC_QUOTA,
      ...(options.gmailUnitsPerMinute !== undefined ? { gmailUnitsPerMinute: options.gmailUnitsPerMinute } : {}),
    });

  // Main → renderer events, as webContents.send would deliver them. In the app an event the core sends before an
  // answer reaches the renderer first (one ordered IPC channel; the renderer counts on it). Here the two take
  // separate routes, so each answer waits for the events sent before it: without that, a `messages:modify`
  // answer overtook the change it caused, and the archived row came back until the change arrived.
  let eventsDelivered: Promise<unknown> = Promise.resolve();
  const forwardEvents = (target: GlanceCore) =>
    target.onEvent((event, payload) => {
      traffic.ipc.push(JSON.stringify({ event, payload }));
      const delivery = page
        .evaluate(([e, p]) => window.__glanceEmit(e, p), [event, payload] as const)
        .catch(() => undefined);
      eventsDelivered = Promise.all([eventsDelivered, delivery]);
    });
  let core = await makeCore();
  let detach = forwardEvents(core);
  const listModeSet = await core.dispatch('settings:update', [{ listMode: options.listMode ?? 'messages' }]);
  if (!listModeSet.ok) throw new Error(`could not set the list mode: ${listModeSet.error.message}`);

  // Routed as the app routes it: the main process's channels to it (no proxy here: no questions; no notification
  // clicked: no message waiting).
  const dispatch = gatedDispatch(
    { get: async () => core },
    () => {},
    mainProcessChannels(
      proxySignInDispatch(() => null, logger),
      pendingShowDispatch(new PendingShow(), logger),
    ),
  );
  await page.exposeBinding('__glanceInvoke', async (_source, channel: string, args: unknown) => {
    // The page may name any channel: an unknown one reaches the core, which refuses it as the app's IPC would.
    const result = await dispatch(channel as Channel, args as unknown[]);
    traffic.ipc.push(JSON.stringify({ channel, result }));
    await eventsDelivered;
    return result;
  });
  await page.addInitScript({ content: await bundleBridge() });
  await page.goto(pageUrlFor(server.url, options.locale));

  const app: GlanceApp = {
    page,
    get core() {
      return core;
    },
    emulator,
    dataDir,
    keychain,
    traffic,
    systemBrowserPages,
    externalUrls,
    clipboard,
    nextSystemBrowserPage: () => new Promise((done) => waiters.push(done)),
    async restart(whileStopped) {
      detach();
      await core.dispose();
      await whileStopped?.();
      core = await makeCore();
      detach = forwardEvents(core);
      await page.reload();
    },
    async close() {
      detach();
      await core.dispose();
      await appContext.close();
      await systemBrowser.close();
      await server.close();
      await network.close();
      if (!options.existingEmulator) await emulator.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
  traffic.logs = logger.lines;
  return app;
}

/**
 * Signs in through the UI: clicks the app's button, then goes through Google's pages in the system browser
 * (chooser / sign-in / consent, whichever Google shows; see passGooglePages) — `email` picks the account,
 * `action` answers the consent page. Returns the Google pages seen.
 */
export async function signInThroughBrowser(
  app: GlanceApp,
  choice: { email?: string; action?: 'allow' | 'deny'; untickGmail?: boolean } = {},
): Promise<GoogleStep[]> {
  const googlePage = app.nextSystemBrowserPage();
  await app.page
    .getByRole('button', { name: /sign in/i })
    .first()
    .click();
  return passGooglePages(await googlePage, choice);
}
