/**
 * What a first launch on a real desktop meets (issue 16), with the real bundled main process and the
 * stricter fake Electron (fake-electron/electron.cjs): a second launch before start-up has finished, and
 * a login item the person changed in their system settings. Needs `npm run build` first.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { consentOverHttp } from '../../../electron/google-emulator/index.js';
import { toastActionArgument, toastLaunchArgument } from '../../../electron/main/windows-toast.js';
import type {
  AccountView,
  IpcResult,
  MessageContent,
  MessagePage,
  Settings,
  TestNotificationResult,
} from '../../../electron/shared/ipc-contract.js';
import { launchMain, root, type LaunchedMain } from './fake-electron/launch.js';

interface Recorded {
  windowOptions: unknown[];
  badgeCounts: number[];
  notifications: Array<{ title: string }>;
  failedNotifications: number;
  focusedApp: number;
  openedExternal: string[];
  sent: Array<{ channel: string; payload: unknown }>;
  pageBoot: Array<IpcResult<unknown> | { error: string }>;
  errorBoxes: unknown[];
  loginItem: unknown[];
  appUserModelId: string | null;
  loadedUrls: string[];
  appMenuLabels: string[];
}

let launched: LaunchedMain | null = null;
const cleanup: string[] = [];

afterEach(async () => {
  launched?.stop();
  launched = null;
  for (const dir of cleanup.splice(0)) await rm(dir, { recursive: true, force: true });
});

async function tempDir(prefix: string) {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  cleanup.push(dir);
  return dir;
}

async function settingsOf(app: LaunchedMain): Promise<Settings> {
  const result = await app.command<IpcResult<Settings>>({ type: 'invoke', channel: 'settings:get', args: [] });
  if (!result.ok) throw new Error(`settings:get failed: ${result.error.message}`);
  return result.value;
}

/** Signs in to the demo Google as the person would in their browser (Allow, then the redirect). */
async function signIn(app: LaunchedMain): Promise<AccountView> {
  const signingIn = app.command<IpcResult<AccountView>>({ type: 'invoke', channel: 'auth:signIn', args: [{}] });
  let authUrl = '';
  await vi.waitFor(async () => {
    const state = await app.command<Recorded>({ type: 'record' });
    authUrl = state.openedExternal.find((url) => url.includes('/o/oauth2/')) ?? '';
    expect(authUrl).not.toBe('');
  }, 15_000);
  const callback = await consentOverHttp(new URL(authUrl).origin, authUrl, { action: 'allow' });
  expect((await fetch(callback)).status).toBe(200);
  const account = await signingIn;
  if (!account.ok) throw new Error(`sign-in failed: ${account.error.message}`);
  return account.value;
}

describe('macOS: the Dock badge needs notification permission', () => {
  it('asks at first start, so the unread count shows on the Dock; Glance comes to the front after sign-in', async () => {
    launched = await launchMain({
      GLANCE_USER_DATA_DIR: await tempDir('glance-mac-'),
      FAKE_ELECTRON_PLATFORM: 'darwin',
    });
    const app = launched;
    await vi.waitFor(
      async () => expect((await app.command<Recorded>({ type: 'record' })).notifications).toHaveLength(1),
      10_000,
    );
    await signIn(app);
    await vi.waitFor(async () => {
      const state = await app.command<Recorded>({ type: 'record' });
      expect(state.badgeCounts.at(-1)).toBeGreaterThan(0);
      expect(state.focusedApp).toBeGreaterThan(0);
    }, 20_000);
  });

  it('an unsigned build fails every notification: Glance listens, says what to do once, and keeps running', async () => {
    launched = await launchMain({
      GLANCE_USER_DATA_DIR: await tempDir('glance-mac-unsigned-'),
      FAKE_ELECTRON_PLATFORM: 'darwin',
      FAKE_NOTIFICATION_PERMISSION: 'unsigned',
    });
    const app = launched;
    await vi.waitFor(() => expect(app.stderr()).toMatch(/System Settings → Notifications/), 10_000);
    const state = await app.command<Recorded>({ type: 'record' });
    expect(state.failedNotifications).toBe(1);
    expect(await app.command({ type: 'window-visible' })).toBe(true);
    // "Send a test notification" in settings says it failed, and where to allow it.
    const tested = await app.command<IpcResult<TestNotificationResult>>({
      type: 'invoke',
      channel: 'notifications:test',
      args: [],
    });
    expect(tested).toMatchObject({ ok: true, value: { outcome: 'failed' } });
    expect(tested.ok && tested.value.message).toMatch(/System Settings → Notifications → Glance/);
  });

  it('"Send a test notification" reports that macOS showed it once notifications are allowed', async () => {
    launched = await launchMain({
      GLANCE_USER_DATA_DIR: await tempDir('glance-mac-test-'),
      FAKE_ELECTRON_PLATFORM: 'darwin',
      FAKE_NOTIFICATION_PERMISSION: 'granted',
    });
    const tested = await launched.command<IpcResult<TestNotificationResult>>({
      type: 'invoke',
      channel: 'notifications:test',
      args: [],
    });
    expect(tested).toMatchObject({ ok: true, value: { outcome: 'shown' } });
    const state = await launched.command<Recorded>({ type: 'record' });
    expect(state.notifications.map((n) => n.title)).toContain('Glance notifications work');
  });
});

describe('Windows: a notification clicked later in the Action Center', () => {
  it('opens its message, though the Notification object is long gone', async () => {
    launched = await launchMain({
      GLANCE_USER_DATA_DIR: await tempDir('glance-win-'),
      FAKE_ELECTRON_PLATFORM: 'win32',
    });
    const app = launched;
    await app.command({ type: 'hide-window' });
    const target = { accountId: 'acct-1', messageId: 'msg-42' };
    expect(await app.command({ type: 'toast-activation', launch: toastLaunchArgument(target) })).toBeNull();
    await vi.waitFor(async () => {
      expect(await app.command({ type: 'window-visible' })).toBe(true);
      const state = await app.command<Recorded>({ type: 'record' });
      expect(state.sent).toContainEqual({ channel: 'message:show', payload: target });
    }, 10_000);
  });
});

describe('Windows: a notification clicked after Glance quit (closing the window quits there)', () => {
  it('starts Glance with a new window whose page gets the message, though no inbox listened for the event', async () => {
    const target = { accountId: 'acct-1', messageId: 'msg-42' };
    launched = await launchMain({
      GLANCE_USER_DATA_DIR: await tempDir('glance-win-cold-'),
      FAKE_ELECTRON_PLATFORM: 'win32',
      FAKE_TOAST_ACTIVATION_AT_LAUNCH: toastLaunchArgument(target),
    });
    const app = launched;
    await vi.waitFor(async () => {
      const state = await app.command<Recorded>({ type: 'record' });
      expect(state.sent).toContainEqual({ channel: 'message:show', payload: target });
    }, 10_000);
    expect(await app.command({ type: 'window-visible' })).toBe(true);
    expect((await app.command<Recorded>({ type: 'record' })).windowOptions).toHaveLength(1);
    // The event went to a page still booting (this one never listens): its inbox takes the message when it mounts.
    const take = () => app.command({ type: 'invoke', channel: 'message:takePendingShow', args: [] });
    expect(await take()).toEqual({ ok: true, value: target });
    // Taken once: a page loaded later is not offered it again.
    expect(await take()).toEqual({ ok: true, value: null });
  });
});

describe('Windows: a toast button pressed in the Action Center', () => {
  it('archives the message in its account through the core, without showing the window', async () => {
    launched = await launchMain({
      GLANCE_USER_DATA_DIR: await tempDir('glance-win-action-'),
      FAKE_ELECTRON_PLATFORM: 'win32',
    });
    const app = launched;
    const account = await signIn(app);
    const unread = async () => {
      const page = await app.command<IpcResult<MessagePage>>({
        type: 'invoke',
        channel: 'messages:list',
        args: [{ accountId: account.id, scope: 'unread' }],
      });
      if (!page.ok) throw new Error(`messages:list failed: ${page.error.message}`);
      return page.value.messages.map((m) => m.id);
    };
    const [first] = await unread();
    expect(first).toBeDefined();
    await app.command({ type: 'hide-window' });
    const target = { accountId: account.id, messageId: first! };
    const argument = toastActionArgument(target, 'archive');
    expect(await app.command({ type: 'toast-activation', launch: argument })).toBeNull();
    await vi.waitFor(async () => expect(await unread()).not.toContain(first), 15_000);
    const content = await app.command<IpcResult<MessageContent>>({
      type: 'invoke',
      channel: 'message:get',
      args: [account.id, first],
    });
    expect(content.ok && content.value.labelIds).not.toContain('INBOX');
    expect(await app.command({ type: 'window-visible' })).toBe(false);
    const state = await app.command<Recorded>({ type: 'record' });
    expect(state.sent.filter((s) => s.channel === 'message:show')).toEqual([]);
  });

  it('the running app’s AppUserModelID is the installer’s appId (toasts show from the installed app)', async () => {
    launched = await launchMain({
      GLANCE_USER_DATA_DIR: await tempDir('glance-win-aumid-'),
      FAKE_ELECTRON_PLATFORM: 'win32',
    });
    const yml = await readFile(join(root, 'electron-builder.yml'), 'utf8');
    const appId = /^appId:\s*(\S+)\s*$/m.exec(yml)?.[1];
    expect(appId).toBe('org.glance.desktop');
    const state = await launched.command<Recorded>({ type: 'record' });
    expect(state.appUserModelId).toBe(appId);
  });
});

/** Starts the built app and waits until its page has booted (called IPC once); what it recorded then. */
async function launchUntilPageBooted(env: Record<string, string>): Promise<Recorded> {
  launched = await launchMain(env);
  const app = launched;
  await vi.waitFor(async () => {
    const state = await app.command<Recorded>({ type: 'record' });
    expect(state.pageBoot).toHaveLength(1);
  }, 15_000);
  return app.command<Recorded>({ type: 'record' });
}

describe('a second launch while Glance is still starting', () => {
  it('opens one window whose page can call IPC at once (no boot error)', async () => {
    const dataDir = await tempDir('glance-race-');
    const state = await launchUntilPageBooted({
      GLANCE_USER_DATA_DIR: dataDir,
      FAKE_ELECTRON_SECOND_INSTANCE_AT_READY: '1',
    });
    expect(state.pageBoot[0]).toMatchObject({ ok: true, value: { name: 'Glance', mode: 'demo' } });
    expect(state.windowOptions).toHaveLength(1);
    expect(state.errorBoxes).toEqual([]);
  });
});

describe('the system’s language', () => {
  it('a German system opens the window in German and builds the menus in German', async () => {
    const dataDir = await tempDir('glance-language-');
    const state = await launchUntilPageBooted({
      GLANCE_USER_DATA_DIR: dataDir,
      FAKE_ELECTRON_LANGUAGES: 'de-AT,en-US',
    });
    const page = new URL(state.loadedUrls[0] ?? '');
    expect(page.searchParams.get('lang')).toBe('de');
    expect(page.searchParams.get('system')).toBe('de-AT,en-US');
    expect(state.appMenuLabels).not.toContain('&File');
    expect(state.appMenuLabels).toContain('&Datei');
    expect(state.errorBoxes).toEqual([]);
  });
});

describe('launch at login belongs to the OS (installed app, Linux autostart)', () => {
  const PERSONS_ENTRY = '[Desktop Entry]\nType=Application\nName=Glance\nExec=/opt/Glance/glance\n';

  async function setUp(options: { setting: boolean; autostartEntry: boolean; entryText?: string }) {
    const dataDir = await tempDir('glance-login-');
    const configHome = await tempDir('glance-xdg-');
    await writeFile(join(dataDir, 'settings.json'), JSON.stringify({ launchAtLogin: options.setting }));
    const entry = join(configHome, 'autostart', 'glance.desktop');
    if (options.autostartEntry) {
      await mkdir(join(configHome, 'autostart'));
      await writeFile(entry, options.entryText ?? PERSONS_ENTRY);
    }
    launched = await launchMain({
      GLANCE_USER_DATA_DIR: dataDir,
      FAKE_ELECTRON_PACKAGED: '1',
      XDG_CONFIG_HOME: configHome,
    });
    return { entry, dataDir, app: launched };
  }

  it('the person removed Glance from autostart: it stays removed and the setting shows off', async () => {
    const { entry, app } = await setUp({ setting: true, autostartEntry: false });
    await vi.waitFor(async () => expect((await settingsOf(app)).launchAtLogin).toBe(false), 15_000);
    expect(existsSync(entry)).toBe(false);
  });

  it('the person added Glance to autostart: the entry is left as they made it and the setting shows on', async () => {
    const { entry, app } = await setUp({ setting: false, autostartEntry: true });
    await vi.waitFor(async () => expect((await settingsOf(app)).launchAtLogin).toBe(true), 15_000);
    expect(await readFile(entry, 'utf8')).toBe(PERSONS_ENTRY);
  });

  it('the person switched it off in GNOME’s startup settings: the entry stays as they left it, the setting shows off', async () => {
    const switchedOff = `${PERSONS_ENTRY}X-GNOME-Autostart-enabled=false\n`;
    const { entry, app } = await setUp({ setting: true, autostartEntry: true, entryText: switchedOff });
    await vi.waitFor(async () => expect((await settingsOf(app)).launchAtLogin).toBe(false), 15_000);
    expect(await readFile(entry, 'utf8')).toBe(switchedOff);
  });

  it('turning it on in Glance writes the autostart entry once', async () => {
    const { entry, app } = await setUp({ setting: false, autostartEntry: false });
    const updated = await app.command<IpcResult<Settings>>({
      type: 'invoke',
      channel: 'settings:update',
      args: [{ launchAtLogin: true }],
    });
    expect(updated).toMatchObject({ ok: true, value: { launchAtLogin: true } });
    await vi.waitFor(() => expect(existsSync(entry)).toBe(true), 10_000);
    expect(await readFile(entry, 'utf8')).toMatch(/^TryExec=/m);
  });
});
