/**
 * GlanceCore: the whole main-process application without Electron. It resolves the OAuth client (or starts
 * the demo mailbox), composes the auth and mail services, and implements every IPC channel. The Electron
 * glue and the end-to-end tests both drive it through `dispatch` and `onEvent`.
 */
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { AppInfo, AppMode, EventName, EventPayloads, Settings } from '../shared/ipc-contract.js';
import { AuthService } from './auth/auth-service.js';
import {
  GOOGLE_ENDPOINTS,
  importClientSecretsFile,
  resolveClientConfig,
  type OAuthClientConfig,
} from './config/client-secrets.js';
import { CancelledError, ClientConfigError, InvalidArgumentError } from './errors.js';
import { MailService } from './gmail/mail-service.js';
import type { QuotaRegime } from './gmail/quota.js';
import { createDispatch, type Dispatch, type Handlers } from './ipc/dispatch.js';
import { gmailWebUrl, normalizeExternalUrl } from './links.js';
import type { Logger } from './logging.js';
import type { AppPaths, BrowserLauncher, Clock, FileDialogs, SecretStore } from './ports.js';
import { systemClock } from './ports.js';
import { SettingsStore } from './settings/settings-store.js';
import { startDemoGoogle, type DemoGoogle } from './demo/demo-google.js';
import { writeFileAtomic } from './storage/atomic-file.js';
import { memorySecretStore } from './keychain/secret-store.js';

const GOOGLE_GMAIL_ROOT_URL = 'https://gmail.googleapis.com/';

export interface GlanceCoreOptions {
  paths: AppPaths;
  /** `GLANCE_CLIENT_SECRETS`, read by the glue, never by core. */
  clientSecretsPath?: string;
  /** A client a distributor embedded at build time. */
  embeddedClient?: { clientId: string; clientSecret?: string };
  /** Run the demo mailbox even when a client is configured (`GLANCE_DEMO=1`). */
  forceDemo?: boolean;
  /** Tests and the benchmark point Glance at their own Google emulator. */
  googleOverride?: { client: OAuthClientConfig; gmailRootUrl: string };
  /** The OS keychain, with its own time-outs (keytarSecretStore). */
  secretStore: SecretStore;
  browser: BrowserLauncher;
  dialogs: FileDialogs;
  /** Opens an allowlisted URL outside the app (Electron: shell.openExternal). */
  openExternal: (url: string) => Promise<void>;
  logger: Logger;
  clock?: Clock;
  appVersion: string;
  platform: string;
  setLaunchAtLogin?: (enabled: boolean) => void;
  keychainTimeoutMs?: number;
  signInTimeoutMs?: number;
  /** Which of Google's Gmail quota tables to budget with (default: the stricter May-2026 one). */
  gmailQuotaRegime?: QuotaRegime;
  /** Gmail quota units a minute Glance allows itself per account (Google's per-user limit for the project). */
  gmailUnitsPerMinute?: number;
  /**
   * Marks a saved attachment as downloaded from the internet (Windows Zone.Identifier, macOS quarantine),
   * so the OS warns before opening it. Failure is logged, not fatal: the file is already saved.
   */
  markDownloaded?: (path: string) => Promise<void>;
}

export type CoreEventListener = <E extends EventName>(event: E, payload: EventPayloads[E]) => void;

export interface GlanceCore {
  dispatch: Dispatch;
  onEvent(listener: CoreEventListener): () => void;
  appInfo(): AppInfo;
  /** Unread mail across signed-in accounts, for the dock badge and tray. */
  unreadTotal(): number;
  onWake(reason: 'focus' | 'resume' | 'online'): void;
  dispose(): Promise<void>;
}

/** The services for one OAuth client; rebuilt when the person chooses their own Google client. */
interface Session {
  mode: AppMode;
  clientSource: AppInfo['clientSource'];
  clientConfigError: string | undefined;
  auth: AuthService;
  mail: MailService;
  demo: DemoGoogle | null;
  unsubscribe: Array<() => void>;
  /** Accounts whose mail is syncing. */
  started: Set<string>;
  /** Unread count per account, for the badge. */
  unread: Map<string, number>;
}

export async function createGlanceCore(options: GlanceCoreOptions): Promise<GlanceCore> {
  const { logger } = options;
  const clock = options.clock ?? systemClock;
  const listeners = new Set<CoreEventListener>();
  const emit = <E extends EventName>(event: E, payload: EventPayloads[E]) => {
    for (const listener of listeners) {
      try {
        listener(event, payload);
      } catch (error) {
        logger.error(`event listener for ${event} failed`, { error });
      }
    }
  };

  const settings = await SettingsStore.open(options.paths.dataDir, logger);

  async function openSession(): Promise<Session> {
    let client: OAuthClientConfig;
    let gmailRootUrl: string;
    let clientSource: AppInfo['clientSource'];
    let clientConfigError: string | undefined;
    let demo: DemoGoogle | null = null;
    let paths = options.paths;
    // The keychain port times out on its own (keytarSecretStore); nothing here wraps it again.
    let secretStore = options.secretStore;

    if (options.googleOverride) {
      client = options.googleOverride.client;
      gmailRootUrl = options.googleOverride.gmailRootUrl;
      clientSource = 'env';
    } else {
      let resolution: Awaited<ReturnType<typeof resolveClientConfig>> = { source: 'demo' };
      if (!options.forceDemo) {
        try {
          resolution = await resolveClientConfig({
            ...(options.clientSecretsPath ? { envClientSecretsPath: options.clientSecretsPath } : {}),
            dataDir: options.paths.dataDir,
            ...(options.embeddedClient ? { embedded: options.embeddedClient } : {}),
          });
        } catch (error) {
          // A broken client file must not lock the person out of the app: say what to fix, run the demo.
          if (!(error instanceof ClientConfigError)) throw error;
          clientConfigError = error.message;
          logger.warn('client secrets unusable; starting the demo mailbox', { field: error.field });
        }
      }
      if (resolution.source === 'demo') {
        demo = await startDemoGoogle();
        // The demo's Google lives only as long as this process, so its accounts and tokens must too: a
        // throwaway folder and an in-memory keychain keep the person's real keychain and accounts untouched.
        paths = { dataDir: join(options.paths.dataDir, 'demo') };
        await rm(paths.dataDir, { recursive: true, force: true });
        secretStore = memorySecretStore();
        client = demo.client;
        gmailRootUrl = demo.gmailRootUrl;
        clientSource = 'demo';
      } else {
        client = resolution.config;
        gmailRootUrl = gmailRootFor(client);
        clientSource = resolution.source;
      }
    }

    const auth = new AuthService({
      client,
      secretStore,
      browser: options.browser,
      paths,
      clock,
      logger,
      ...(options.signInTimeoutMs !== undefined ? { signInTimeoutMs: options.signInTimeoutMs } : {}),
      ...(options.keychainTimeoutMs !== undefined ? { keychainTimeoutMs: options.keychainTimeoutMs } : {}),
    });
    const started = new Set<string>();
    const unread = new Map<string, number>();
    const isSignedIn = (accountId: string) => auth.getAccountsState().accounts.some((a) => a.id === accountId);
    const mail = new MailService({
      auth: {
        getClient: (accountId) => auth.getClient(accountId),
        reportAuthFailure: (accountId, error) => auth.reportAuthFailure(accountId, error),
        getEmail: (accountId) => {
          const account = auth.getAccountsState().accounts.find((a) => a.id === accountId);
          return account?.email ?? 'me';
        },
      },
      gmailRootUrl,
      paths,
      secretStore,
      clock,
      logger,
      emit: (event, payload) => {
        if (event === 'mailbox:changed') {
          const changed = payload as EventPayloads['mailbox:changed'];
          // A sync that finishes just after sign-out must not bring the account back into the badge.
          if (!isSignedIn(changed.accountId)) return;
          unread.set(changed.accountId, changed.unreadCount);
        }
        emit(event, payload);
      },
      settings: () => settings.get(),
      ...(options.gmailQuotaRegime ? { quotaRegime: options.gmailQuotaRegime } : {}),
      ...(options.gmailUnitsPerMinute !== undefined ? { unitsPerMinute: options.gmailUnitsPerMinute } : {}),
    });
    auth.onAccountRemoved(async (accountId) => {
      started.delete(accountId);
      unread.delete(accountId);
      await mail.removeAccountData(accountId);
    });
    const session: Session = {
      mode: clientSource === 'demo' ? 'demo' : 'google',
      clientSource,
      clientConfigError,
      auth,
      mail,
      demo,
      unsubscribe: [],
      started,
      unread,
    };
    session.unsubscribe.push(
      auth.onAccountsChanged((state) => {
        syncStartedAccounts(session);
        emit('accounts:changed', state);
      }),
      auth.onSignInProgress((progress) => emit('signIn:progress', progress)),
    );
    await auth.start();
    syncStartedAccounts(session);
    return session;
  }

  /** Mail syncs for every account that is ready, and stops for the others (signed out, needs sign-in). */
  function syncStartedAccounts({ auth, mail, started, unread }: Session) {
    const ready = new Set(
      auth
        .getAccountsState()
        .accounts.filter((a) => a.status === 'ready')
        .map((a) => a.id),
    );
    for (const id of ready) {
      if (started.has(id)) continue;
      started.add(id);
      mail
        .startAccount(id)
        // Every account counts towards the badge, not only the one on screen: learn its count once.
        .then(() => (unread.has(id) ? undefined : mail.summary(id)))
        .then((summary) => {
          if (summary && started.has(id) && !unread.has(id)) {
            unread.set(id, summary.unreadCount);
            emit('mailbox:changed', { accountId: id, unreadCount: summary.unreadCount, added: [], removedIds: [] });
          }
        })
        .catch((error: unknown) => logger.warn('could not start syncing an account', { error }));
    }
    for (const id of [...started]) {
      if (ready.has(id)) continue;
      started.delete(id);
      mail.stopAccount(id);
    }
  }

  async function closeSession(old: Session) {
    for (const off of old.unsubscribe) off();
    for (const id of old.started) old.mail.stopAccount(id);
    old.started.clear();
    old.unread.clear();
    await old.mail.dispose();
    await old.auth.dispose();
    await old.demo?.close();
  }

  let session = await openSession();

  const appInfo = (): AppInfo => {
    const info: AppInfo = {
      name: 'Glance',
      version: options.appVersion,
      platform: options.platform,
      mode: session.mode,
      clientSource: session.clientSource,
    };
    if (session.clientConfigError) info.clientConfigError = session.clientConfigError;
    return info;
  };

  const updateSettings = async (patch: Parameters<SettingsStore['update']>[0]): Promise<Settings> => {
    const before = settings.get();
    const next = await settings.update(patch);
    if (next.launchAtLogin !== before.launchAtLogin) options.setLaunchAtLogin?.(next.launchAtLogin);
    emit('settings:changed', next);
    return next;
  };

  const handlers: Handlers = {
    'app:info': () => appInfo(),
    'accounts:get': () => session.auth.getAccountsState(),
    'accounts:setActive': (accountId) => session.auth.setActive(accountId),
    'accounts:retryKeychain': () => session.auth.retryKeychain(),
    'auth:signIn': (args) => session.auth.signIn(args.loginHint ? { loginHint: args.loginHint } : {}),
    'auth:cancelSignIn': () => {
      session.auth.cancelSignIn();
      return null;
    },
    'auth:signOut': (accountId) => session.auth.signOut(accountId),
    'config:chooseClientFile': async () => {
      if (options.clientSecretsPath) {
        throw new ClientConfigError(
          'Glance is set to use the Google client in GLANCE_CLIENT_SECRETS. Remove that setting and restart Glance to use a different client.',
        );
      }
      const picked = await options.dialogs.chooseClientSecretsFile();
      if (!picked) throw new CancelledError();
      await importClientSecretsFile(picked, options.paths.dataDir);
      // Build the new services before retiring the old ones, so a failure leaves Glance working.
      const next = await openSession();
      const old = session;
      session = next;
      await closeSession(old);
      emit('accounts:changed', session.auth.getAccountsState());
      return appInfo();
    },
    'mailbox:summary': async (accountId) => {
      const summary = await session.mail.summary(accountId);
      session.unread.set(accountId, summary.unreadCount);
      return summary;
    },
    'messages:list': (args) => session.mail.list(args),
    'message:get': (accountId, messageId) => session.mail.get(accountId, messageId),
    'messages:modify': async (accountId, ids, action) => {
      await session.mail.modify(accountId, ids, action);
      return null;
    },
    'attachment:save': async ({ filename, contentBase64 }) => {
      const target = await options.dialogs.chooseSavePath(safeFileName(filename));
      if (!target) return null;
      await writeFileAtomic(target, Buffer.from(contentBase64, 'base64'), { mode: 0o644 });
      if (options.markDownloaded) {
        try {
          await options.markDownloaded(target);
        } catch (error) {
          // Only the error's code or name: its message would name the file, which comes from the mail.
          const reason =
            (error as { code?: unknown } | null)?.code ?? (error instanceof Error ? error.name : 'unknown');
          logger.warn('Could not mark a saved attachment as downloaded; the OS will not warn before opening it', {
            reason,
          });
        }
      }
      return { savedTo: target };
    },
    'sync:now': async (accountId) => {
      await session.mail.syncNow(accountId);
      return null;
    },
    'sync:state': (accountId) => session.mail.syncState(accountId),
    'settings:get': () => settings.get(),
    'settings:update': (patch) => updateSettings(patch),
    'shell:openExternal': async (url) => {
      // The rebuilt URL is what opens: a mailto link keeps only its addresses and to/cc/bcc/subject/body.
      const normalized = normalizeExternalUrl(url);
      if (normalized === null) {
        throw new InvalidArgumentError('Glance only opens web and email links.');
      }
      await options.openExternal(normalized);
      return null;
    },
    'shell:openInGmail': async (accountId, messageId) => {
      const account = session.auth.getAccountsState().accounts.find((a) => a.id === accountId);
      if (!account) throw new InvalidArgumentError('That account is not signed in to Glance.');
      await options.openExternal(gmailWebUrl(account.email, messageId));
      return null;
    },
  };

  return {
    dispatch: createDispatch(handlers, logger),
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    appInfo,
    unreadTotal: () => [...session.unread.values()].reduce((sum, n) => sum + n, 0),
    onWake: (reason) => session.mail.onWake(reason),
    dispose: () => closeSession(session),
  };
}

/**
 * Gmail lives beside the OAuth server: Google's for a Google client, the emulator's for a client secrets
 * file that points at one (`npm run emulator`).
 */
export function gmailRootFor(client: OAuthClientConfig): string {
  return client.endpoints.token === GOOGLE_ENDPOINTS.token
    ? GOOGLE_GMAIL_ROOT_URL
    : `${new URL(client.endpoints.token).origin}/`;
}

/** A file name for the save dialog: no folders, no control characters, never empty. */
export function safeFileName(name: string): string {
  const cleaned = name
    .replace(/[\\/]/g, '_')
    // eslint-disable-next-line no-control-regex -- control characters are exactly what must go
    .replace(/[\u0000-\u001f\u007f<>:"|?*]/g, '')
    .replace(/^\.+/, '')
    .trim()
    .slice(0, 200);
  return cleaned || 'attachment';
}
