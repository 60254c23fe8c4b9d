/**
 * GlanceCore: the whole main-process application without Electron, as typed methods (`core.mail.list`,
 * `core.settings.get`, …). The IPC channels are one-line adapters over them (ipc-handlers.ts); the Electron
 * glue and the end-to-end tests call the same methods, or `dispatch` for what the renderer sends.
 */
import { rename } from 'node:fs/promises';
import { join } from 'node:path';
import type { AppInfo, EventName, EventPayloads, MailboxStatus, Settings } from '../shared/ipc-contract.js';
import type { CoreEventListener, GlanceCore } from './core-api.js';
import { CLIENT_SECRETS_FILE_NAME, importClientSecretsFile, type OAuthClientConfig } from './config/client-secrets.js';
import { openServices, type Services } from './core-services.js';
import {
  AttachmentNotSavedError,
  CancelledError,
  ClientConfigError,
  InvalidArgumentError,
  NotFoundError,
  toIpcError,
  WORDING,
} from './errors.js';
import type { AttachmentPart } from './message/message-content.js';
import { inThreadMessageParser, type MessageParser } from './message/message-parser.js';
import type { FetchAheadPolicy } from './gmail/fetch-ahead.js';
import type { QuotaRegime } from './gmail/quota.js';
import { createDispatch } from './ipc/dispatch.js';
import { ipcHandlers } from './ipc-handlers.js';
import type { ScryptParams } from './keychain/passphrase-store.js';
import { SecretStorage } from './keychain/secret-storage.js';
import { gmailWebUrl, normalizeExternalUrl } from './links.js';
import type { Logger } from './logging.js';
import { NetworkActivityRecorder, recordingFetch } from './net/network-activity.js';
import type {
  AppPaths,
  BrowserLauncher,
  SystemClipboard,
  Clock,
  DesktopNotifier,
  FileDialogs,
  HttpFetch,
  SecretStore,
} from './ports.js';
import { systemClock } from './ports.js';
import { SettingsStore } from './settings/settings-store.js';
import { chunksOf, writeStreamAtomic } from './storage/atomic-file.js';
import { makePrivateFolder } from './storage/private-folder.js';
import { safeFileName } from '../shared/attachment-names.js';
import { shownUnreadCount } from '../shared/unread-shown.js';

export { gmailRootFor } from './core-services.js';
export { safeFileName } from '../shared/attachment-names.js';

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
  /**
   * The network port for every request to Google (and to the demo's emulator standing in for it): Electron's
   * net.fetch in the app, net/node-fetch.ts in Node. Required, so no request can fall back to a stack that
   * ignores the person's proxy.
   */
  fetch: HttpFetch;
  /**
   * Counts every host contacted (Help → Network activity). The Electron glue passes its own and records the
   * window's requests in it too; default: a new one, fed by the fetch port only.
   */
  networkActivity?: NetworkActivityRecorder;
  /** The OS keychain, with its own time-outs (keytarSecretStore). */
  secretStore: SecretStore;
  browser: BrowserLauncher;
  /** The system clipboard ("Copy the sign-in link"); absent where there is no desktop. */
  clipboard?: SystemClipboard;
  dialogs: FileDialogs;
  /** Shows a test notification (the Electron glue's Notification); absent where there is no desktop. */
  notifier?: DesktopNotifier;
  /** Opens an allowlisted URL outside the app (Electron: shell.openExternal). */
  openExternal: (url: string) => Promise<void>;
  /** Opens a folder of this machine in the file manager (Electron: shell.openPath). */
  openFolder?: (path: string) => Promise<void>;
  logger: Logger;
  clock?: Clock;
  appVersion: string;
  platform: string;
  setLaunchAtLogin?: (enabled: boolean) => void;
  /** Native menus and dialogs follow the app's theme (Electron: nativeTheme.themeSource). */
  applyTheme?: (theme: Settings['theme']) => void;
  keychainTimeoutMs?: number;
  /** scrypt cost of a new passphrase-protected sign-in file; tests pass a cheap one. Default DEFAULT_SCRYPT. */
  passphraseScrypt?: ScryptParams;
  signInTimeoutMs?: number;
  /** Which of Google's Gmail quota tables to budget with (default: the stricter May-2026 one). */
  gmailQuotaRegime?: QuotaRegime;
  /** Gmail quota units a minute Glance allows itself per account (Google's per-user limit for the project). */
  gmailUnitsPerMinute?: number;
  /** Fetching the unread list ahead of the person (default DEFAULT_FETCH_AHEAD; pages 0 turns it off). */
  gmailFetchAhead?: FetchAheadPolicy;
  /**
   * The local store's native module built for this runtime, when it is not the one in node_modules (an
   * unpackaged Electron run: see electron/main/store-native-binding.ts). Default: node_modules'.
   */
  storeNativeBinding?: string;
  /**
   * Marks a saved attachment as downloaded from the internet (Windows Zone.Identifier, macOS quarantine),
   * so the OS warns before opening it. Failure is logged, not fatal: the file is already saved.
   */
  markDownloaded?: (path: string) => Promise<void>;
  /**
   * Where messages are parsed, to open them and to save their attachments: the app passes worker threads
   * (message/worker-parser.ts) so a large message never blocks the main process. Default: this thread
   * (tests and scripts).
   */
  messageParser?: MessageParser;
}

export type { CoreEventListener, GlanceCore } from './core-api.js';

export async function createGlanceCore(options: GlanceCoreOptions): Promise<GlanceCore> {
  const { logger } = options;
  const parser = options.messageParser ?? inThreadMessageParser;
  const clock = options.clock ?? systemClock;
  const networkActivity = options.networkActivity ?? new NetworkActivityRecorder(clock);
  const fetch = recordingFetch(options.fetch, networkActivity);
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
  await makePrivateFolder(options.paths.dataDir, logger, options.platform);
  const settingsStore = await SettingsStore.open(options.paths.dataDir, logger);
  options.applyTheme?.(settingsStore.get().theme);
  // The keychain, or the passphrase-protected file when the person chose it; auth and mail share it.
  const secrets = await SecretStorage.open(
    options.secretStore,
    options.paths.dataDir,
    logger,
    options.passphraseScrypt,
  );
  const open = () =>
    openServices({
      ...options,
      fetch,
      secretStore: secrets,
      secretStorageState: () => secrets.state(),
      clock,
      emit,
      pollSeconds: () => settingsStore.get().pollSeconds,
    });
  let services: Services = await open();

  const signedIn = () => services.auth.getAccountsState().accounts;
  const info = (): AppInfo => {
    const settingsReset = settingsStore.resetNotice();
    return {
      name: 'Glance',
      version: options.appVersion,
      platform: options.platform,
      mode: services.mode,
      clientSource: services.clientSource,
      ...(services.clientConfigError ? { clientConfigProblem: toIpcError(services.clientConfigError) } : {}),
      ...(settingsReset ? { settingsReset } : {}),
      dataFolder: options.paths.dataDir,
    };
  };
  /** Builds the new services before retiring the old ones, so a failure leaves Glance working. */
  const reopenServices = async () => {
    const next = await open();
    const old = services;
    services = next;
    await old.close();
    emit('accounts:changed', services.auth.getAccountsState());
  };
  const mailboxes = (): MailboxStatus[] => {
    const ids = new Set(signedIn().map((a) => a.id));
    return services.mail.mailboxes().filter((status) => ids.has(status.accountId));
  };

  const core: Omit<GlanceCore, 'dispatch'> = {
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    app: {
      info,
      async chooseClientFile() {
        if (options.clientSecretsPath)
          throw new ClientConfigError(WORDING.clientFromEnvironment, { reason: 'set-by-environment' });
        const picked = await options.dialogs.chooseClientSecretsFile();
        if (!picked) throw new CancelledError();
        await importClientSecretsFile(picked, options.paths.dataDir);
        await reopenServices();
        return info();
      },
      async useDemo() {
        if (services.clientSource === 'env')
          throw new ClientConfigError(WORDING.clientFromEnvironment, { reason: 'set-by-environment' });
        if (services.clientSource === 'embedded')
          throw new ClientConfigError(WORDING.embeddedClientKept, { reason: 'embedded-client' });
        if (services.clientSource === 'demo' && !services.clientConfigError)
          throw new InvalidArgumentError(WORDING.alreadyDemo);
        // Kept beside, not deleted: it may be the only copy of a file the person put here by hand.
        const clientFile = join(options.paths.dataDir, CLIENT_SECRETS_FILE_NAME);
        await rename(clientFile, `${clientFile}.previous`).catch((error: unknown) => {
          if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
        });
        // The Google accounts are not signed out: their keychain entries and local mail stay for when the
        // person chooses their client again. The demo keeps its own folder and an in-memory keychain.
        await reopenServices();
        return info();
      },
    },
    data: {
      async openFolder() {
        if (!options.openFolder) throw new InvalidArgumentError(WORDING.noDataFolderOpener);
        await options.openFolder(options.paths.dataDir);
      },
      clearLocalCopy: () => services.mail.clearLocalCopy(),
    },
    accounts: {
      get: () => services.auth.getAccountsState(),
      setActive: (accountId) => services.auth.setActive(accountId),
      retryKeychain: () => services.auth.retryKeychain(),
      // Services are rebuilt on the new store: the accounts' tokens and the mail stores' keys are read from it.
      async usePassphraseFile(passphrase) {
        await secrets.usePassphraseFile(passphrase);
        await reopenServices();
        return services.auth.getAccountsState();
      },
      async unlockPassphraseFile(passphrase) {
        await secrets.unlock(passphrase);
        await reopenServices();
        return services.auth.getAccountsState();
      },
    },
    auth: {
      signIn: (args) => services.auth.signIn(args.loginHint ? { loginHint: args.loginHint } : {}),
      cancelSignIn: () => services.auth.cancelSignIn(),
      openBrowserAgain: () => services.auth.openBrowserAgain(),
      copySignInLink: () => services.auth.copySignInLink(),
      signOut: (accountId) => services.auth.signOut(accountId),
    },
    mail: {
      list: (args) => services.mail.list(args),
      searchLocal: (args) => services.mail.searchLocal(args),
      get: async (accountId, messageId, options) =>
        parser.content(await services.mail.get(accountId, messageId), { whole: options?.whole === true }),
      modify: (accountId, ids, action) => services.mail.modify(accountId, ids, action),
      conversation: (accountId, threadId) => services.mail.conversation(accountId, threadId),
      modifyConversations: (accountId, threadIds, action) =>
        services.mail.modifyConversations(accountId, threadIds, action),
      userLabels: (accountId) => services.mail.userLabels(accountId),
      mailboxes,
      syncNow: (accountId) => services.mail.syncNow(accountId),
      async syncAll() {
        const ready = signedIn().filter((account) => account.status === 'ready');
        const results = await Promise.allSettled(ready.map((account) => services.mail.syncNow(account.id)));
        for (const result of results)
          if (result.status === 'rejected')
            logger.info('sync all: an account could not sync', { error: result.reason });
      },
      unreadTotal: () => {
        const mode = settingsStore.get().listMode;
        return mailboxes().reduce((sum, status) => sum + (shownUnreadCount(status, mode) ?? 0), 0);
      },
    },
    settings: {
      get: () => settingsStore.get(),
      async update(patch) {
        const before = settingsStore.get();
        const next = await settingsStore.update(patch);
        if (next.launchAtLogin !== before.launchAtLogin) options.setLaunchAtLogin?.(next.launchAtLogin);
        if (next.theme !== before.theme) options.applyTheme?.(next.theme);
        // The next check is already planned on the old interval (up to an hour away): check now, then keep the new one.
        if (next.pollSeconds !== before.pollSeconds) services.mail.onWake('settings');
        emit('settings:changed', next);
        return next;
      },
      dismissResetNotice: () => settingsStore.dismissResetNotice(),
    },
    files: {
      async saveAttachment(accountId, messageId, attachmentIndex) {
        const message = await services.mail.get(accountId, messageId);
        const part = await parser.attachment(message.raw, attachmentIndex);
        if (!part) throw new NotFoundError(WORDING.attachmentNotFound);
        return saveAttachment(options, part);
      },
    },
    shell: {
      async openExternal(url) {
        // The rebuilt URL is what opens: a mailto link keeps only its addresses and to/cc/bcc/subject/body.
        const normalized = normalizeExternalUrl(url);
        if (normalized === null) throw new InvalidArgumentError(WORDING.onlyWebAndEmailLinks);
        await options.openExternal(normalized);
      },
      async openInGmail(accountId, messageId) {
        const account = signedIn().find((a) => a.id === accountId);
        if (!account) throw new InvalidArgumentError(WORDING.accountNotSignedIn);
        await options.openExternal(gmailWebUrl(account.email, messageId));
      },
    },
    notifications: {
      test: async () =>
        options.notifier
          ? options.notifier.test()
          : { outcome: 'unsupported', message: WORDING.noDesktopNotifications },
    },
    network: {
      activity: () => networkActivity.report(),
    },
    onWake: (reason) => services.mail.onWake(reason),
    dispose: async () => {
      await services.close();
      await parser.close();
    },
  };
  return { ...core, dispatch: createDispatch(ipcHandlers(core), logger) };
}

/**
 * Writes one attachment's bytes (decoded by the parser, never sent to the renderer) to the file the person
 * chooses, in chunks through a write stream; a failed save leaves no half file. Private while it is written,
 * the finished file gets the mode of any new user file (0666 less the umask: 0644 with the usual 022).
 */
async function saveAttachment(
  options: GlanceCoreOptions,
  { filename, bytes }: AttachmentPart,
): Promise<{ savedTo: string } | null> {
  const target = await options.dialogs.chooseSavePath(safeFileName(filename));
  if (!target) return null;
  try {
    await writeStreamAtomic(target, chunksOf(bytes), { mode: 0o666 & ~process.umask() });
  } catch (error) {
    throw new AttachmentNotSavedError(error);
  }
  if (options.markDownloaded) {
    try {
      await options.markDownloaded(target);
    } catch (error) {
      // Only the error's code or name: its message would name the file, which comes from the mail.
      const reason = (error as { code?: unknown } | null)?.code ?? (error instanceof Error ? error.name : 'unknown');
      options.logger.warn('Could not mark a saved attachment as downloaded; the OS will not warn before opening it', {
        reason,
      });
    }
  }
  return { savedTo: target };
}
