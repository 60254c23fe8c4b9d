/**
 * The services for one OAuth client: where the client comes from (override, environment, data folder,
 * embedded, or the demo mailbox), the auth service, and the mail registry wired to it. Rebuilt when the
 * person chooses their own Google client. Mail syncs for every account that is ready and stops for the
 * others; signing one account out removes only that account's mail data.
 */
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { AccountsState, AppInfo, AppMode, EventName, EventPayloads } from '../shared/ipc-contract.js';
import { AuthService } from './auth/auth-service.js';
import {
  GOOGLE_ENDPOINTS,
  resolveClientConfig,
  type ResolvedClientConfig,
  type OAuthClientConfig,
} from './config/client-secrets.js';
import { startDemoGoogle, type DemoGoogle } from './demo/demo-google.js';
import { ClientConfigError } from './errors.js';
import { MailService } from './gmail/mail-service.js';
import { memorySecretStore } from './keychain/secret-store.js';
import type { GlanceCoreOptions } from './app-core.js';
import type { AppPaths, Clock, SecretStore } from './ports.js';

const GOOGLE_GMAIL_ROOT_URL = 'https://gmail.googleapis.com/';

/** What the services for one OAuth client need: the core's own options, plus what the core derives. */
export type ServiceOptions = Pick<
  GlanceCoreOptions,
  | 'paths'
  | 'fetch'
  | 'clientSecretsPath'
  | 'embeddedClient'
  | 'forceDemo'
  | 'googleOverride'
  | 'secretStore'
  | 'browser'
  | 'clipboard'
  | 'logger'
  | 'signInTimeoutMs'
  | 'keychainTimeoutMs'
  | 'gmailQuotaRegime'
  | 'gmailUnitsPerMinute'
  | 'gmailFetchAhead'
  | 'storeNativeBinding'
> & {
  clock: Clock;
  /** Where secrets are kept when not in the OS keychain (the passphrase-protected file), for AccountsState. */
  secretStorageState?: () => Pick<AccountsState, 'passphraseFile'>;
  pollSeconds: () => number;
  emit: <E extends EventName>(event: E, payload: EventPayloads[E]) => void;
};

export interface Services {
  mode: AppMode;
  clientSource: AppInfo['clientSource'];
  /** The configured client file that could not be used (the demo runs instead). */
  clientConfigError: ClientConfigError | undefined;
  auth: AuthService;
  mail: MailService;
  demo: DemoGoogle | null;
  close(): Promise<void>;
}

interface ResolvedGoogle {
  client: OAuthClientConfig;
  gmailRootUrl: string;
  clientSource: AppInfo['clientSource'];
  clientConfigError?: ClientConfigError;
  demo: DemoGoogle | null;
  paths: AppPaths;
  secretStore: SecretStore;
}

async function resolveGoogle(options: ServiceOptions): Promise<ResolvedGoogle> {
  const base = { paths: options.paths, secretStore: options.secretStore, demo: null };
  if (options.googleOverride) return { ...base, ...options.googleOverride, clientSource: 'env' };
  let resolution: ResolvedClientConfig = { source: 'demo' };
  let clientConfigError: ClientConfigError | undefined;
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
      clientConfigError = error;
      options.logger.warn('client secrets unusable; starting the demo mailbox', { field: error.field });
    }
  }
  if (resolution.source !== 'demo') {
    const client = resolution.config;
    return { ...base, client, gmailRootUrl: gmailRootFor(client), clientSource: resolution.source };
  }
  const demo = await startDemoGoogle();
  // The demo's Google lives only as long as this process, so its accounts and tokens must too: a
  // throwaway folder and an in-memory keychain keep the person's real keychain and accounts untouched.
  const paths = { dataDir: join(options.paths.dataDir, 'demo') };
  await rm(paths.dataDir, { recursive: true, force: true });
  return {
    client: demo.client,
    gmailRootUrl: demo.gmailRootUrl,
    clientSource: 'demo',
    ...(clientConfigError ? { clientConfigError } : {}),
    demo,
    paths,
    secretStore: memorySecretStore(),
  };
}

export async function openServices(options: ServiceOptions): Promise<Services> {
  const { logger, clock, emit } = options;
  const google = await resolveGoogle(options);
  const auth = new AuthService({
    client: google.client,
    secretStore: google.secretStore,
    browser: options.browser,
    ...(options.clipboard ? { clipboard: options.clipboard } : {}),
    paths: google.paths,
    clock,
    logger,
    fetch: options.fetch,
    ...(options.signInTimeoutMs !== undefined ? { signInTimeoutMs: options.signInTimeoutMs } : {}),
    ...(options.keychainTimeoutMs !== undefined ? { keychainTimeoutMs: options.keychainTimeoutMs } : {}),
    // The demo keeps its tokens in memory: where the real ones are kept is not its business.
    ...(options.secretStorageState && !google.demo ? { secretStorageState: options.secretStorageState } : {}),
  });
  const signedIn = () => auth.getAccountsState().accounts.map((a) => a.id);
  const mail = new MailService({
    auth: {
      getClient: (accountId) => auth.getClient(accountId),
      reportAuthFailure: (accountId, error) => auth.reportAuthFailure(accountId, error),
      accountIds: signedIn,
    },
    gmailRootUrl: google.gmailRootUrl,
    paths: google.paths,
    secretStore: google.secretStore,
    clock,
    logger,
    // A sync that finishes just after sign-out must not bring the account back (badge, tray, list).
    onChange: (change) => {
      if (signedIn().includes(change.accountId)) emit('mailbox:changed', change);
    },
    pollSeconds: options.pollSeconds,
    ...(options.gmailQuotaRegime ? { quotaRegime: options.gmailQuotaRegime } : {}),
    ...(options.gmailUnitsPerMinute !== undefined ? { unitsPerMinute: options.gmailUnitsPerMinute } : {}),
    ...(options.gmailFetchAhead ? { fetchAhead: options.gmailFetchAhead } : {}),
    ...(options.storeNativeBinding ? { storeNativeBinding: options.storeNativeBinding } : {}),
  });

  /** Accounts whose mail is syncing. */
  const started = new Set<string>();
  const followReadyAccounts = () => {
    const ready = new Set(
      auth
        .getAccountsState()
        .accounts.filter((a) => a.status === 'ready')
        .map((a) => a.id),
    );
    for (const id of ready) {
      if (started.has(id)) continue;
      started.add(id);
      // The full sync reads the account's INBOX count itself: nothing else asks for it.
      mail.startAccount(id).catch((error: unknown) => logger.warn('could not start syncing an account', { error }));
    }
    for (const id of [...started]) {
      if (ready.has(id)) continue;
      started.delete(id);
      mail.stopAccount(id);
    }
  };
  auth.onAccountRemoved(async (accountId) => {
    started.delete(accountId);
    await mail.removeAccountData(accountId);
  });
  const unsubscribe = [
    auth.onAccountsChanged((state) => {
      followReadyAccounts();
      emit('accounts:changed', state);
    }),
    auth.onSignInProgress((progress) => emit('signIn:progress', progress)),
  ];
  await auth.start();
  followReadyAccounts();

  return {
    mode: google.clientSource === 'demo' ? 'demo' : 'google',
    clientSource: google.clientSource,
    clientConfigError: google.clientConfigError,
    auth,
    mail,
    demo: google.demo,
    async close() {
      for (const off of unsubscribe) off();
      for (const id of started) mail.stopAccount(id);
      started.clear();
      await mail.dispose();
      await auth.dispose();
      await google.demo?.close();
    },
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
