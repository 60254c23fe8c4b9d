/**
 * The OS keychain behind the SecretStore port. Refresh tokens live here (service `Glance`, account = the
 * Google user id), never in a file.
 *
 * keytar is archived upstream and has sharp edges: `findCredentials` can crash on a locked keyring (so it
 * is never called), and on a desktop a locked keyring pops an unlock prompt and the call waits for the
 * person. Every call therefore gets a time-out, and any failure becomes a KeychainUnavailableError the UI
 * turns into "Keychain unavailable — Retry".
 */
import type { KeychainProblem } from '../../shared/ipc-contract.js';
import { GlanceError, KeychainUnavailableError } from '../errors.js';
import type { SecretStore } from '../ports.js';
import { withTimeout } from '../timeout.js';

export const KEYCHAIN_SERVICE = 'Glance';
export const DEFAULT_KEYCHAIN_TIMEOUT_MS = 10_000;

/** The three keytar calls Glance uses. */
export interface KeytarApi {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
}

export interface KeytarSecretStoreOptions {
  timeoutMs?: number;
  /** Loads keytar; tests pass a fake. Default: a lazy dynamic import, so a missing native module is an error, not a crash at start-up. */
  loadKeytar?: () => Promise<KeytarApi>;
}

async function importKeytar(): Promise<KeytarApi> {
  const loaded = (await import('keytar')) as unknown as KeytarApi & { default?: KeytarApi };
  return loaded.default ?? loaded;
}

/** Runs a keychain call with a time-out; any rejection or time-out becomes KeychainUnavailableError. */
export function withKeychainTimeout<T>(call: () => Promise<T>, timeoutMs: number): Promise<T> {
  const guarded = (async () => {
    try {
      return await call();
    } catch (error) {
      if (error instanceof GlanceError) throw error;
      const { detail, problem } = describeKeychainFailure(error);
      throw new KeychainUnavailableError(detail, error, problem);
    }
  })();
  return withTimeout(
    guarded,
    timeoutMs,
    () =>
      new KeychainUnavailableError(
        `it did not answer within ${Math.round(timeoutMs / 1000) || 1} s — it may be locked`,
        undefined,
        'no-answer',
      ),
  );
}

/**
 * A short, secret-free reason for the UI: keytar's messages name the cause ("locked collection", "D-Bus",
 * "The name org.freedesktop.secrets was not provided by any .service files"; with a session bus address
 * that leads nowhere "Could not connect: …", without one "The given address is empty"), Node's the module
 * failure.
 */
export function describeKeychainFailure(error: unknown): { detail: string; problem: KeychainProblem } {
  const text =
    error instanceof Error ? `${error.message} ${(error as NodeJS.ErrnoException).code ?? ''}` : String(error);
  if (
    /cannot find module|keytar\.node|was compiled against|ERR_DLOPEN|MODULE_NOT_FOUND|NODE_MODULE_VERSION|libsecret-1\.so/i.test(
      text,
    )
  )
    return { detail: 'the keychain module could not be loaded', problem: 'module-failed' };
  if (/locked|dismissed|cancell?ed by the user|prompt/i.test(text))
    return { detail: 'it is locked', problem: 'locked' };
  if (
    /d-?bus|secret ?service|org\.freedesktop|DBUS_SESSION_BUS_ADDRESS|X11|could not connect|given address is empty|connection refused/i.test(
      text,
    )
  )
    return { detail: 'no Secret Service is running', problem: 'no-secret-service' };
  return { detail: 'it refused the request', problem: 'refused' };
}

/** The real keychain through keytar. Only getPassword / setPassword / deletePassword are ever called. */
export function keytarSecretStore(options: KeytarSecretStoreOptions = {}): SecretStore {
  const timeoutMs = options.timeoutMs ?? DEFAULT_KEYCHAIN_TIMEOUT_MS;
  const load = options.loadKeytar ?? importKeytar;
  let keytar: Promise<KeytarApi> | null = null;
  const api = async (): Promise<KeytarApi> => {
    keytar ??= load();
    try {
      return await keytar;
    } catch (error) {
      keytar = null; // Let Retry try loading again.
      throw error;
    }
  };
  return {
    get: (service, account) => withKeychainTimeout(async () => (await api()).getPassword(service, account), timeoutMs),
    set: (service, account, secret) =>
      withKeychainTimeout(async () => (await api()).setPassword(service, account, secret), timeoutMs),
    delete: (service, account) =>
      withKeychainTimeout(async () => (await api()).deletePassword(service, account), timeoutMs),
  };
}

/** Wraps any SecretStore (for example one injected by the Electron glue) with the same time-out and error mapping. */
export function guardedSecretStore(store: SecretStore, timeoutMs = DEFAULT_KEYCHAIN_TIMEOUT_MS): SecretStore {
  return {
    get: (service, account) => withKeychainTimeout(() => store.get(service, account), timeoutMs),
    set: (service, account, secret) => withKeychainTimeout(() => store.set(service, account, secret), timeoutMs),
    delete: (service, account) => withKeychainTimeout(() => store.delete(service, account), timeoutMs),
  };
}

/** An in-memory SecretStore for unit tests and demo mode. `entries` is exposed so tests can inspect it. */
export function memorySecretStore(initial?: Record<string, string>): SecretStore & { entries: Map<string, string> } {
  const key = (service: string, account: string) => `${service}\u0000${account}`;
  const entries = new Map<string, string>();
  for (const [account, secret] of Object.entries(initial ?? {})) entries.set(key(KEYCHAIN_SERVICE, account), secret);
  return {
    entries,
    get: async (service, account) => entries.get(key(service, account)) ?? null,
    set: async (service, account, secret) => {
      entries.set(key(service, account), secret);
    },
    delete: async (service, account) => entries.delete(key(service, account)),
  };
}
