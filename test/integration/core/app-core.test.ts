/**
 * GlanceCore as the Electron glue sees it: where the OAuth client comes from (environment, data folder,
 * demo), the demo mailbox's isolation from the person's keychain, and the channels that touch the OS.
 */
import { chmod, mkdtemp, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  createGlanceCore,
  gmailRootFor,
  safeFileName,
  type GlanceCore,
  type GlanceCoreOptions,
} from '../../../electron/core/app-core.js';
import { GOOGLE_ENDPOINTS } from '../../../electron/core/config/client-secrets.js';
import { memorySecretStore } from '../../../electron/core/keychain/secret-store.js';
import { memoryLogger } from '../../../electron/core/logging.js';
import { nodeFetch } from '../../../electron/core/net/node-fetch.js';
import { consentOverHttp, startGoogleEmulator, type GoogleEmulator } from '../../../electron/google-emulator/index.js';
import { ALL_ACCOUNTS } from '../../../electron/shared/ipc-contract.js';

const cores: GlanceCore[] = [];
const emulators: GoogleEmulator[] = [];

afterEach(async () => {
  await Promise.all(cores.splice(0).map((core) => core.dispose()));
  await Promise.all(emulators.splice(0).map((emulator) => emulator.close()));
});

async function makeCore(overrides: Partial<GlanceCoreOptions> = {}) {
  const dataDir = await mkdtemp(join(tmpdir(), 'glance-core-'));
  const secretStore = memorySecretStore();
  const opened: string[] = [];
  const options: GlanceCoreOptions = {
    paths: { dataDir },
    fetch: nodeFetch(process.env).fetch,
    secretStore,
    browser: { open: async (url) => void opened.push(url) },
    dialogs: { chooseClientSecretsFile: async () => null, chooseSavePath: async () => null },
    openExternal: async (url) => void opened.push(url),
    logger: memoryLogger(),
    appVersion: '9.9.9',
    platform: 'linux',
    ...overrides,
  };
  const core = await createGlanceCore(options);
  cores.push(core);
  return { core, dataDir, secretStore, opened };
}

describe('the data folder', () => {
  it('is made private (0700) at start, whatever mode it had', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'glance-core-'));
    await chmod(dataDir, 0o755);
    await makeCore({ paths: { dataDir } });
    expect((await stat(dataDir)).mode & 0o777).toBe(0o700);
  });

  it('is created private when it does not exist yet', async () => {
    const dataDir = join(await mkdtemp(join(tmpdir(), 'glance-core-')), 'Glance');
    await makeCore({ paths: { dataDir } });
    expect((await stat(dataDir)).mode & 0o777).toBe(0o700);
  });
});

describe('GlanceCore', () => {
  it('runs the demo mailbox when no client is configured, and a demo sign-in never touches the real keychain', async () => {
    const { core, secretStore, opened } = await makeCore();
    expect(core.app.info()).toMatchObject({ mode: 'demo', clientSource: 'demo', version: '9.9.9' });

    const signIn = core.dispatch('auth:signIn', [{}]);
    await vi.waitFor(() => expect(opened).toHaveLength(1));
    // The demo's consent page is our own emulator on loopback, opened in the system browser like Google's.
    const authUrl = new URL(opened[0]!);
    expect(authUrl.hostname).toBe('127.0.0.1');
    const location = await consentOverHttp(authUrl.origin, authUrl.toString());
    await fetch(location);
    const result = await signIn;
    expect(result).toMatchObject({ ok: true, value: { email: 'demo@glance.example', status: 'ready' } });
    expect(secretStore.entries.size).toBe(0);

    const page = await core.dispatch('messages:list', [
      { accountId: (result as { value: { id: string } }).value.id, scope: 'unread' },
    ]);
    expect(page).toMatchObject({ ok: true });
    expect((page as { value: { messages: unknown[] } }).value.messages.length).toBeGreaterThan(0);
  });

  it('uses GLANCE_CLIENT_SECRETS when it is valid', async () => {
    const emulator = await startGoogleEmulator();
    emulators.push(emulator);
    const file = join(await mkdtemp(join(tmpdir(), 'glance-secrets-')), 'client.json');
    await writeFile(file, JSON.stringify(emulator.clientSecretsJson('installed')));
    const { core, opened } = await makeCore({ clientSecretsPath: file });
    expect(core.app.info()).toMatchObject({ mode: 'google', clientSource: 'env' });
    expect(core.app.info().clientConfigProblem).toBeUndefined();
    // Sign in against that emulator and read mail from it too (not from Google).
    const signIn = core.dispatch('auth:signIn', [{}]);
    await vi.waitFor(() => expect(opened).toHaveLength(1));
    await fetch(await emulator.consent(opened[0]!));
    const account = await signIn;
    expect(account).toMatchObject({ ok: true, value: { email: 'alex@example.com' } });
    const accountId = (account as { value: { id: string } }).value.id;
    const page = await core.dispatch('messages:list', [{ accountId, scope: 'unread' }]);
    expect(page).toMatchObject({
      ok: true,
      value: { mailboxes: [{ accountId, unreadCount: emulator.mailbox('alex@example.com').unreadCount() }] },
    });
    expect(await core.dispatch('mailboxes:get', [])).toMatchObject({
      ok: true,
      value: [{ accountId, unreadCount: emulator.mailbox('alex@example.com').unreadCount() }],
    });
  });

  it('counts unread mail of every signed-in account for the badge, not only the one on screen', async () => {
    const emulator = await startGoogleEmulator({
      users: [
        { email: 'alex@example.com', name: 'Alex Rivera', unread: 30, read: 2 },
        { email: 'sam@example.com', name: 'Sam Okafor', unread: 12, read: 2 },
      ],
    });
    emulators.push(emulator);
    const file = join(await mkdtemp(join(tmpdir(), 'glance-secrets-')), 'client.json');
    await writeFile(file, JSON.stringify(emulator.clientSecretsJson('installed')));
    const { core, opened } = await makeCore({ clientSecretsPath: file });
    for (const email of ['alex@example.com', 'sam@example.com']) {
      const signIn = core.dispatch('auth:signIn', [{}]);
      await vi.waitFor(() => expect(opened.length).toBeGreaterThan(0));
      await fetch(await emulator.consent(opened.shift()!, { email }));
      expect(await signIn).toMatchObject({ ok: true, value: { email } });
    }
    // No renderer asks: each account's full sync reads its counts, and the core adds them up — unread
    // conversations, as the list groups them by default (some of the 42 messages share a conversation).
    const conversations = ['alex@example.com', 'sam@example.com']
      .map((email) => emulator.mailbox(email).labelCounts('INBOX').threadsUnread)
      .reduce((sum, n) => sum + n, 0);
    await vi.waitFor(() => expect(core.mail.unreadTotal()).toBe(conversations), { timeout: 10_000 });
    // "Show each message separately": the badge counts messages.
    await core.settings.update({ listMode: 'messages' });
    expect(core.mail.unreadTotal()).toBe(42);
  });

  it('signing out one of two accounts revokes and wipes only that one; the other keeps its keychain entries, cache and sync', async () => {
    const emulator = await startGoogleEmulator({
      users: [
        { email: 'alex@example.com', name: 'Alex Rivera', unread: 8, read: 2 },
        { email: 'sam@example.com', name: 'Sam Okafor', unread: 5, read: 2 },
      ],
    });
    emulators.push(emulator);
    const file = join(await mkdtemp(join(tmpdir(), 'glance-secrets-')), 'client.json');
    await writeFile(file, JSON.stringify(emulator.clientSecretsJson('installed')));
    const { core, opened, secretStore, dataDir } = await makeCore({ clientSecretsPath: file });
    const ids: string[] = [];
    for (const email of ['alex@example.com', 'sam@example.com']) {
      const signIn = core.auth.signIn({});
      await vi.waitFor(() => expect(opened.length).toBeGreaterThan(0));
      await fetch(await emulator.consent(opened.shift()!, { email }));
      ids.push((await signIn).id);
    }
    const [alex, sam] = ids as [string, string];
    await core.mail.list({ accountId: ALL_ACCOUNTS, scope: 'unread' });
    await core.mail.syncAll(); // both stores written (refresh token + store key per account)
    const entries = () => new Set([...secretStore.entries.keys()].map((key) => key.replace('\u0000', ' ')));
    expect(entries()).toEqual(
      new Set([`Glance ${alex}`, `Glance ${sam}`, `Glance Cache ${alex}`, `Glance Cache ${sam}`]),
    );

    expect(await core.auth.signOut(alex)).toEqual({ revoked: true });
    expect(entries()).toEqual(new Set([`Glance ${sam}`, `Glance Cache ${sam}`]));
    await expect(readFile(join(dataDir, 'mail', `${alex}.db`))).rejects.toMatchObject({ code: 'ENOENT' });
    expect((await readFile(join(dataDir, 'mail', `${sam}.db`))).length).toBeGreaterThan(0);
    expect(core.accounts.get().accounts.map((a) => a.id)).toEqual([sam]);
    expect(core.mail.mailboxes().map((m) => m.accountId)).toEqual([sam]);
    emulator.mailbox('sam@example.com').add({ subject: 'Still here' });
    await core.mail.syncNow(sam);
    expect(core.mail.unreadTotal()).toBe(emulator.mailbox('sam@example.com').labelCounts('INBOX').threadsUnread);
  });

  it('adding an account that is already there keeps one account', async () => {
    const emulator = await startGoogleEmulator();
    emulators.push(emulator);
    const file = join(await mkdtemp(join(tmpdir(), 'glance-secrets-')), 'client.json');
    await writeFile(file, JSON.stringify(emulator.clientSecretsJson('installed')));
    const { core, opened } = await makeCore({ clientSecretsPath: file });
    for (let i = 0; i < 2; i++) {
      const signIn = core.auth.signIn({});
      await vi.waitFor(() => expect(opened.length).toBeGreaterThan(0));
      await fetch(await emulator.consent(opened.shift()!, { email: 'alex@example.com' }));
      await signIn;
    }
    expect(core.accounts.get().accounts.map((a) => a.email)).toEqual(['alex@example.com']);
    await vi.waitFor(() => expect(core.mail.mailboxes()).toHaveLength(1));
  });

  it('refuses to switch clients while GLANCE_CLIENT_SECRETS decides, and says how to change it', async () => {
    const emulator = await startGoogleEmulator();
    emulators.push(emulator);
    const file = join(await mkdtemp(join(tmpdir(), 'glance-secrets-')), 'client.json');
    await writeFile(file, JSON.stringify(emulator.clientSecretsJson('installed')));
    const { core } = await makeCore({ clientSecretsPath: file });
    const result = await core.dispatch('config:chooseClientFile', []);
    expect(result).toMatchObject({
      ok: false,
      error: {
        code: 'CLIENT_CONFIG_INVALID',
        reason: 'set-by-environment',
        message: expect.stringContaining('GLANCE_CLIENT_SECRETS'),
      },
    });
  });

  it('falls back to the demo mailbox and says what to fix when the client secrets file is malformed', async () => {
    const file = join(await mkdtemp(join(tmpdir(), 'glance-secrets-')), 'client.json');
    await writeFile(file, JSON.stringify({ installed: { client_secret: 'x' } }));
    const { core } = await makeCore({ clientSecretsPath: file });
    const info = core.app.info();
    expect(info.mode).toBe('demo');
    expect(info.clientConfigProblem?.message).toMatch(/client_id/);
    // The problem's details, for the window to word in the person's language.
    expect(info.clientConfigProblem).toEqual({
      code: 'CLIENT_CONFIG_INVALID',
      message: info.clientConfigProblem?.message,
      reason: 'missing-field',
      field: 'installed.client_id',
      file: 'client.json',
    });
  });

  it('switches from the demo to the person’s own client chosen in a dialog', async () => {
    const emulator = await startGoogleEmulator();
    emulators.push(emulator);
    const file = join(await mkdtemp(join(tmpdir(), 'glance-secrets-')), 'picked.json');
    await writeFile(file, JSON.stringify(emulator.clientSecretsJson('installed')));
    const { core, dataDir } = await makeCore({
      dialogs: { chooseClientSecretsFile: async () => file, chooseSavePath: async () => null },
    });
    expect(core.app.info().mode).toBe('demo');
    const result = await core.dispatch('config:chooseClientFile', []);
    expect(result).toMatchObject({ ok: true, value: { mode: 'google', clientSource: 'data-folder' } });
    expect(JSON.parse(await readFile(join(dataDir, 'client_secret.json'), 'utf8'))).toEqual(
      emulator.clientSecretsJson('installed'),
    );
  });

  it('goes back to the demo mailbox and forward again: Google accounts stay signed in, only hidden meanwhile', async () => {
    const emulator = await startGoogleEmulator();
    emulators.push(emulator);
    const file = join(await mkdtemp(join(tmpdir(), 'glance-secrets-')), 'picked.json');
    await writeFile(file, JSON.stringify(emulator.clientSecretsJson('installed')));
    const { core, dataDir, secretStore, opened } = await makeCore({
      dialogs: { chooseClientSecretsFile: async () => file, chooseSavePath: async () => null },
    });
    expect(await core.dispatch('config:chooseClientFile', [])).toMatchObject({ ok: true });
    const signIn = core.auth.signIn({});
    await vi.waitFor(() => expect(opened.length).toBeGreaterThan(0));
    await fetch(await emulator.consent(opened.shift()!, { email: 'alex@example.com' }));
    await signIn;
    // The refresh token, then the account's local store key once its store opens (just after sign-in).
    await vi.waitFor(() => expect(secretStore.entries.size).toBe(2));
    const keychainBefore = new Map(secretStore.entries);
    const events: string[] = [];
    core.onEvent((event) => events.push(event));

    expect(await core.dispatch('config:useDemo', [])).toMatchObject({
      ok: true,
      value: { mode: 'demo', clientSource: 'demo' },
    });
    expect(core.accounts.get().accounts).toEqual([]);
    expect(events).toContain('accounts:changed');
    // The client file is kept beside, and nothing of the Google account was deleted.
    await expect(readFile(join(dataDir, 'client_secret.json'), 'utf8')).rejects.toMatchObject({ code: 'ENOENT' });
    expect(JSON.parse(await readFile(join(dataDir, 'client_secret.json.previous'), 'utf8'))).toEqual(
      emulator.clientSecretsJson('installed'),
    );
    expect(secretStore.entries).toEqual(keychainBefore);
    // Already the demo: nothing to go back to.
    expect(await core.dispatch('config:useDemo', [])).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });

    expect(await core.dispatch('config:chooseClientFile', [])).toMatchObject({ ok: true, value: { mode: 'google' } });
    expect(core.accounts.get().accounts).toMatchObject([{ email: 'alex@example.com', status: 'ready' }]);
  });

  it('refuses to go back to the demo while GLANCE_CLIENT_SECRETS decides', async () => {
    const emulator = await startGoogleEmulator();
    emulators.push(emulator);
    const file = join(await mkdtemp(join(tmpdir(), 'glance-secrets-')), 'client.json');
    await writeFile(file, JSON.stringify(emulator.clientSecretsJson('installed')));
    const { core } = await makeCore({ clientSecretsPath: file });
    expect(await core.dispatch('config:useDemo', [])).toMatchObject({
      ok: false,
      error: {
        code: 'CLIENT_CONFIG_INVALID',
        reason: 'set-by-environment',
        message: expect.stringContaining('GLANCE_CLIENT_SECRETS'),
      },
    });
  });

  it('has no demo to go back to when this copy comes with its own client, and says why', async () => {
    const { core } = await makeCore({ embeddedClient: { clientId: 'embedded.apps.googleusercontent.com' } });
    expect(core.app.info().clientSource).toBe('embedded');
    expect(await core.dispatch('config:useDemo', [])).toMatchObject({
      ok: false,
      error: { code: 'CLIENT_CONFIG_INVALID', reason: 'embedded-client' },
    });
  });

  it('opens the data folder through the glue, and says so when it cannot', async () => {
    const folders: string[] = [];
    const { core, dataDir } = await makeCore({ openFolder: async (path) => void folders.push(path) });
    expect(await core.dispatch('data:openFolder', [])).toEqual({ ok: true, value: null });
    expect(folders).toEqual([dataDir]);
    expect(core.app.info().dataFolder).toBe(dataDir);
    const { core: without } = await makeCore();
    expect(await without.dispatch('data:openFolder', [])).toMatchObject({
      ok: false,
      error: { code: 'INVALID_ARGUMENT' },
    });
  });

  it('reports settings reset at start-up in AppInfo until dismissed, and the next start does not', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'glance-core-'));
    await writeFile(join(dataDir, 'settings.json'), JSON.stringify({ theme: 'sepia', pollSeconds: 300 }));
    const { core } = await makeCore({ paths: { dataDir } });
    expect(core.app.info().settingsReset).toEqual({ fields: ['theme'], movedAsideAs: null });
    expect(core.settings.get()).toMatchObject({ theme: 'system', pollSeconds: 300 });
    expect(await core.dispatch('settings:dismissResetNotice', [])).toEqual({ ok: true, value: null });
    expect(core.app.info().settingsReset).toBeUndefined();
    const { core: restarted } = await makeCore({ paths: { dataDir } });
    expect(restarted.app.info().settingsReset).toBeUndefined();
  });

  it('a new check interval applies at once: Glance checks now instead of waiting out the old interval', async () => {
    const emulator = await startGoogleEmulator();
    emulators.push(emulator);
    const file = join(await mkdtemp(join(tmpdir(), 'glance-secrets-')), 'client.json');
    await writeFile(file, JSON.stringify(emulator.clientSecretsJson('installed')));
    const { core, opened } = await makeCore({ clientSecretsPath: file });
    await core.dispatch('settings:update', [{ pollSeconds: 3600 }]);
    const signIn = core.auth.signIn({});
    await vi.waitFor(() => expect(opened.length).toBeGreaterThan(0));
    await fetch(await emulator.consent(opened.shift()!, { email: 'alex@example.com' }));
    await signIn;
    const mailbox = emulator.mailbox('alex@example.com');
    const unreadConversations = () => mailbox.labelCounts('INBOX').threadsUnread;
    await vi.waitFor(() => expect(core.mail.unreadTotal()).toBe(unreadConversations()), { timeout: 5000 });
    await vi.waitFor(() => expect(core.mail.mailboxes()[0]?.sync.status).toBe('idle'));
    mailbox.add({ subject: 'Arrived after the first sync' });
    await core.dispatch('settings:update', [{ pollSeconds: 300 }]);
    await vi.waitFor(() => expect(core.mail.unreadTotal()).toBe(unreadConversations()), { timeout: 5000 });
  });

  it('gives the theme to the glue at start-up and when it changes (native menus and dialogs follow)', async () => {
    const applyTheme = vi.fn();
    const { core } = await makeCore({ applyTheme });
    expect(applyTheme.mock.calls).toEqual([['system']]);
    await core.dispatch('settings:update', [{ theme: 'dark' }]);
    await core.dispatch('settings:update', [{ pollSeconds: 120 }]);
    expect(applyTheme.mock.calls).toEqual([['system'], ['dark']]);
  });

  it('reports a cancelled client file dialog as CANCELLED', async () => {
    const { core } = await makeCore();
    expect(await core.dispatch('config:chooseClientFile', [])).toMatchObject({
      ok: false,
      error: { code: 'CANCELLED' },
    });
  });

  // attachment:save (the core reads the part from the message and writes it to the chosen file, marks it
  // downloaded, hostile names saved safely): test/integration/core/bounded-input.test.ts.

  it('opens only web and mail links outside the app', async () => {
    const { core, opened } = await makeCore();
    expect(await core.dispatch('shell:openExternal', ['https://example.com/x'])).toEqual({ ok: true, value: null });
    expect(await core.dispatch('shell:openExternal', ['javascript:alert(1)'])).toMatchObject({
      ok: false,
      error: { code: 'INVALID_ARGUMENT' },
    });
    expect(await core.dispatch('shell:openExternal', ['file:///etc/passwd'])).toMatchObject({
      ok: false,
      error: { code: 'INVALID_ARGUMENT' },
    });
    expect(opened).toEqual(['https://example.com/x']);
  });

  it('opens a mailto link without fields that would make the mail app attach a local file', async () => {
    const { core, opened } = await makeCore();
    expect(
      await core.dispatch('shell:openExternal', ['mailto:x@evil.example?attach=~/.ssh/id_rsa&Subject=Hi']),
    ).toEqual({ ok: true, value: null });
    expect(await core.dispatch('shell:openExternal', ['mailto:x@evil.example%3Fattach=/etc/passwd'])).toMatchObject({
      ok: false,
      error: { code: 'INVALID_ARGUMENT' },
    });
    expect(opened).toEqual(['mailto:x@evil.example?subject=Hi']);
  });

  it('persists settings and tells the glue about launch at login', async () => {
    const setLaunchAtLogin = vi.fn();
    const { core } = await makeCore({ setLaunchAtLogin });
    const events: string[] = [];
    core.onEvent((event) => events.push(event));
    expect(await core.dispatch('settings:update', [{ launchAtLogin: true, pollSeconds: 120 }])).toMatchObject({
      ok: true,
      value: { launchAtLogin: true, pollSeconds: 120 },
    });
    expect(setLaunchAtLogin).toHaveBeenCalledWith(true);
    expect(events).toContain('settings:changed');
  });
});

describe('gmailRootFor', () => {
  it('uses Gmail for Google’s own client and the emulator for an emulator’s client', () => {
    const google = { clientId: 'x', endpoints: { ...GOOGLE_ENDPOINTS } };
    expect(gmailRootFor(google)).toBe('https://gmail.googleapis.com/');
    const local = { clientId: 'x', endpoints: { ...GOOGLE_ENDPOINTS, token: 'http://127.0.0.1:4567/token' } };
    expect(gmailRootFor(local)).toBe('http://127.0.0.1:4567/');
  });
});

describe('safeFileName', () => {
  it.each([
    ['report.pdf', 'report.pdf'],
    ['../../etc/passwd', '_.._etc_passwd'],
    ['..', 'attachment'],
    ['a\u0000b<c>:d".txt', 'abcd.txt'],
    ['', 'attachment'],
  ])('%j → %j', (input, expected) => {
    expect(safeFileName(input)).toBe(expected);
  });
});
