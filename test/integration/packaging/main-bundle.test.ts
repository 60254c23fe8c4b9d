/**
 * The real bundled main process (dist/main/main.cjs) started in Node with a fake Electron
 * (fake-electron/electron.cjs) — the closest this machine gets to launching the app. Everything but
 * Electron and the OS keychain is real: the core, its demo Google (the emulator, in-process), the IPC
 * registration, the sender check, security handlers, the CSP header, badge and tray, quit.
 *
 * Needs `npm run build` first (npm test does).
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { consentOverHttp } from '../../../electron/google-emulator/index.js';
import { parseCsp, PRODUCTION_CSP, serializeCsp } from '../../../electron/main/csp.js';
import type {
  AccountView,
  AppInfo,
  IpcResult,
  MessageContent,
  MessagePage,
  NetworkActivity,
} from '../../../electron/shared/ipc-contract.js';
import { GOOGLE_SESSION_PARTITION } from '../../../electron/main/network.js';
import { launchMain, type LaunchedMain } from './fake-electron/launch.js';

const appUrl = 'glance://app/index.html';

interface Recorded {
  windowOptions: Array<{ webPreferences: Record<string, unknown>; backgroundColor: string; show: boolean }>;
  loadedUrls: string[];
  sent: Array<{ channel: string; payload: unknown }>;
  openedExternal: string[];
  badgeCounts: number[];
  trayTooltips: string[];
  aboutPanel: Record<string, unknown> | null;
  appMenuLabels: string[];
  errorBoxes: unknown[];
  handlers: string[];
  sandboxEnabled: boolean;
  sessionFetches: Array<{ partition: string; url: string }>;
  privilegedSchemes: Array<{ scheme: string; privileges: Record<string, boolean> }>;
  handledSchemes: string[];
}

interface SchemeAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

let app: LaunchedMain;
let dataDir = '';
const command = <T>(message: Record<string, unknown>) => app.command<T>(message);

type SenderFrame = 'main' | 'sub' | 'foreign' | 'file-page' | 'wrong-origin';
const invoke = <T>(channel: string, args: unknown[], frame: SenderFrame = 'main') =>
  command<IpcResult<T>>({ type: 'invoke', channel, args, frame });
const recorded = () => command<Recorded>({ type: 'record' });

/** Plays the person in the system browser: "Allow" on the demo Google's consent page, then the redirect. */
async function allowConsent(authUrl: string): Promise<void> {
  const callback = await consentOverHttp(new URL(authUrl).origin, authUrl, { action: 'allow' });
  // The app's loopback listener receives the code, as if the browser followed the redirect.
  expect((await fetch(callback)).status).toBe(200);
}

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'glance-main-'));
  app = await launchMain({ GLANCE_USER_DATA_DIR: dataDir });
}, 60_000);

afterAll(async () => {
  app?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('the bundled main process with a fake Electron', () => {
  it('opens one hardened window on the built page, with the preload that exists on disk', async () => {
    const state = await recorded();
    // The page learns its language from the address: the system's (the fake's default en-US) → English.
    expect(state.loadedUrls).toEqual([`${appUrl}?lang=en&system=en-US`]);
    expect(state.sandboxEnabled).toBe(true);
    expect(state.windowOptions).toHaveLength(1);
    const web = state.windowOptions[0]?.webPreferences ?? {};
    expect(web).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
      spellcheck: false,
    });
    expect(existsSync(String(web.preload))).toBe(true);
    expect(state.windowOptions[0]?.show).toBe(false);
    expect(state.appMenuLabels).toEqual(['&File', '&Edit', '&View', '&Window', '&Help']);
    expect(state.aboutPanel).toMatchObject({ applicationName: 'Glance', applicationVersion: '0.1.0' });
  });

  it('registers every contract channel and answers our page', async () => {
    const state = await recorded();
    expect(state.handlers).toContain('messages:list');
    const info = await invoke<AppInfo>('app:info', []);
    expect(info).toMatchObject({ ok: true, value: { name: 'Glance', mode: 'demo', clientSource: 'demo' } });
  });

  it('serves the page from glance://app with its CSP header, and nothing outside dist/renderer', async () => {
    const state = await recorded();
    expect(state.privilegedSchemes).toEqual([
      { scheme: 'glance', privileges: { standard: true, secure: true, corsEnabled: true, codeCache: true } },
    ]);
    expect(state.handledSchemes).toEqual(['glance']);
    const page = await command<SchemeAnswer>({ type: 'fetch-scheme', url: appUrl });
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(Object.fromEntries(parseCsp(page.headers['content-security-policy'] ?? ''))).toEqual(
      Object.fromEntries(parseCsp(serializeCsp(PRODUCTION_CSP))),
    );
    const script = /src="\.\/(assets\/[^"]+\.js)"/.exec(page.body)?.[1];
    expect(script, 'the built page names its script').toBeTruthy();
    const served = await command<SchemeAnswer>({ type: 'fetch-scheme', url: `glance://app/${script}` });
    expect(served).toMatchObject({ status: 200, headers: { 'content-type': 'text/javascript; charset=utf-8' } });
    for (const url of [
      'glance://app/../../package.json',
      'glance://app/%2e%2e/%2e%2e/package.json',
      'glance://app/..%2f..%2fpackage.json',
      'glance://app/../main/main.cjs',
      'glance://evil/index.html',
    ]) {
      const answer = await command<SchemeAnswer>({ type: 'fetch-scheme', url });
      expect(answer.status, url).toBeGreaterThanOrEqual(400);
      expect(answer.body).toBe('');
    }
  });

  it('refuses IPC from a sub frame, a foreign page, a file:// page or another origin', async () => {
    for (const frame of ['sub', 'foreign', 'file-page', 'wrong-origin'] as const) {
      const result = await invoke('app:info', [], frame);
      expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    }
  });

  it('signs in through the system browser, syncs, and shows the count on the badge and tray', async () => {
    const signIn = invoke<AccountView>('auth:signIn', [{}]);
    let authUrl = '';
    await vi.waitFor(async () => {
      authUrl = (await recorded()).openedExternal.find((url) => url.includes('/o/oauth2/')) ?? '';
      expect(authUrl).not.toBe('');
    }, 15_000);
    await allowConsent(authUrl);
    const account = await signIn;
    expect(account).toMatchObject({ ok: true, value: { status: 'ready' } });
    if (!account.ok) return;

    const page = await invoke<MessagePage>('messages:list', [
      { accountId: account.value.id, scope: 'unread', pageSize: 20 },
    ]);
    expect(page.ok && page.value.messages.length).toBeGreaterThan(0);
    // Opened through the parse worker the build puts beside main.cjs (dist/main/message-worker.cjs): had it not
    // loaded, the answer would be "This message could not be opened".
    const first = page.ok ? page.value.messages[0]! : null;
    const opened = await invoke<MessageContent>('message:get', [account.value.id, first?.id]);
    expect(opened).toMatchObject({ ok: true, value: { id: first?.id } });

    // Conversation mode is the default: the tray counts unread conversations, as Gmail does next to Inbox.
    await vi.waitFor(async () => {
      const state = await recorded();
      expect(state.sent.some((event) => event.channel === 'accounts:changed')).toBe(true);
      expect(state.badgeCounts.at(-1)).toBeGreaterThan(0);
      expect(state.trayTooltips.at(-1)).toMatch(/^Glance — [\d,]+ unread conversations?$/);
    }, 20_000);
  });

  it("sends every request to (the demo's) Google through its own session's fetch, and counts them in Network activity", async () => {
    const state = await recorded();
    const urls = state.sessionFetches.map((entry) => entry.url);
    expect(new Set(state.sessionFetches.map((entry) => entry.partition))).toEqual(new Set([GOOGLE_SESSION_PARTITION]));
    const origin = new URL(state.openedExternal.find((url) => url.includes('/o/oauth2/')) ?? '').origin;
    // The token endpoint, userinfo and Gmail (REST and batch) of the sign-in and first page above.
    expect(urls).toContain(`${origin}/token`);
    expect(urls.some((url) => url.startsWith(`${origin}/`) && url.includes('userinfo'))).toBe(true);
    expect(urls.some((url) => url.startsWith(`${origin}/gmail/v1/users/me/messages`))).toBe(true);
    expect(urls).toContain(`${origin}/batch/gmail/v1`);
    expect(urls.every((url) => url.startsWith(`${origin}/`))).toBe(true);

    await command({ type: 'send-headers', url: 'https://images.example.net/pixel.png' });
    await command({ type: 'send-headers', url: 'https://images.example.net/logo.png' });
    await command({ type: 'send-headers', url: 'file:///etc/hosts' }); // no host: not a network request
    const activity = await invoke<NetworkActivity>('network:activity', []);
    const fetchesAfter = (await recorded()).sessionFetches.length; // background sync may go on meanwhile
    expect(activity.ok).toBe(true);
    if (!activity.ok) return;
    expect(activity.value.hosts.map(({ host, via }) => ({ host, via }))).toEqual([
      { host: new URL(origin).host, via: 'glance' },
      { host: 'images.example.net', via: 'window' },
    ]);
    const google = activity.value.hosts[0]!.requests;
    expect(google).toBeGreaterThanOrEqual(state.sessionFetches.length);
    expect(google).toBeLessThanOrEqual(fetchesAfter);
    expect(activity.value.hosts[1]!.requests).toBe(2);
  });

  it('sends the CSP header on our page only', async () => {
    const ours = await command<{ responseHeaders?: Record<string, string[]> }>({
      type: 'headers',
      url: appUrl,
      resourceType: 'mainFrame',
    });
    const policy = ours.responseHeaders?.['Content-Security-Policy']?.[0] ?? '';
    expect(Object.fromEntries(parseCsp(policy))).toEqual(Object.fromEntries(parseCsp(serializeCsp(PRODUCTION_CSP))));
    expect(await command({ type: 'headers', url: 'https://example.com/', resourceType: 'mainFrame' })).toEqual({});
  });

  it('a sender’s remote image neither sends nor keeps a cookie', async () => {
    const pixel = 'https://images.example.net/pixel.png';
    expect(
      await command({
        type: 'before-send-headers',
        url: pixel,
        requestHeaders: { Cookie: 'tracker=earlier-message', Accept: 'image/*' },
      }),
    ).toEqual({ requestHeaders: { Accept: 'image/*' } });
    expect(
      await command({
        type: 'headers',
        url: pixel,
        resourceType: 'image',
        responseHeaders: { 'set-cookie': ['tracker=this-message'], 'Content-Type': ['image/png'] },
      }),
    ).toEqual({ responseHeaders: { 'Content-Type': ['image/png'] } });
    // Our own page's response is not a sender's: it keeps its policy header and nothing is taken away.
    const ours = await command<{ responseHeaders?: Record<string, string[]> }>({
      type: 'headers',
      url: appUrl,
      resourceType: 'mainFrame',
      responseHeaders: { 'Content-Type': ['text/html'] },
    });
    expect(ours.responseHeaders?.['Content-Type']).toEqual(['text/html']);
  });

  it('blocks navigation, denies permissions and new windows, opens allowlisted links outside', async () => {
    expect(await command({ type: 'navigate', event: 'will-navigate', url: 'https://evil.example.com/' })).toEqual({
      prevented: true,
    });
    expect(
      await command({ type: 'navigate', event: 'will-frame-navigate', url: 'about:srcdoc', isMainFrame: false }),
    ).toEqual({ prevented: false });
    expect(await command({ type: 'permission', permission: 'media' })).toEqual({ granted: false, checked: false });
    expect(await command({ type: 'window-open', url: 'https://example.com/from-mail' })).toEqual({ action: 'deny' });
    expect(await command({ type: 'window-open', url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    const opened = (await recorded()).openedExternal;
    expect(opened).toContain('https://example.com/from-mail');
    expect(opened).not.toContain('file:///etc/passwd');
  });

  it('never trusts a bad certificate', async () => {
    const result = await command<{ prevented: boolean; trusted: boolean[]; listeners: number }>({
      type: 'certificate-error',
      url: 'https://self-signed.example.com/',
    });
    expect(result.listeners).toBeGreaterThan(0);
    expect(result).toMatchObject({ prevented: false });
    expect(result.trusted).not.toContain(true);
  });

  it('a second launch shows the running window', async () => {
    await command({ type: 'hide-window' });
    expect(await command({ type: 'window-visible' })).toBe(false);
    await command({ type: 'second-instance' });
    await vi.waitFor(async () => expect(await command({ type: 'window-visible' })).toBe(true));
  });

  it('quits cleanly and remembers the window size', async () => {
    await command({ type: 'quit' });
    await vi.waitFor(() => expect(app.exited()).toBe(true), 15_000);
    const saved = JSON.parse(await readFile(join(dataDir, 'window-state.json'), 'utf8')) as Record<string, unknown>;
    expect(saved).toMatchObject({ width: 1100, height: 720, maximized: false });
  });
});
