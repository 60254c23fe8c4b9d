/**
 * The ports the core services are given. Electron supplies the real ones (keytar, shell.openExternal,
 * dialogs); tests supply real-but-local ones (gnome-keyring, a second browser context, temp folders).
 * No core service reads process.env or imports `electron`.
 */
import type { TestNotificationResult } from '../shared/ipc-contract.js';

/** The OS keychain. Every call may reject (locked, missing, timed out). */
export interface SecretStore {
  get(service: string, account: string): Promise<string | null>;
  set(service: string, account: string, secret: string): Promise<void>;
  /** Resolves true when an entry was deleted. */
  delete(service: string, account: string): Promise<boolean>;
}

/**
 * Sends one HTTP request through the platform's network stack, as the standard `fetch` does. Every request
 * to Google goes through the one the core is given (OAuth token endpoint, userinfo, revocation, Gmail REST
 * and batch; the demo's emulator stands in for Google): Electron's `net.fetch` in the app, so the system
 * proxy, PAC files, proxy authentication and the OS certificate store apply as in the person's browser;
 * Node's fetch honouring HTTPS_PROXY / HTTP_PROXY / NO_PROXY in tests and the bench (net/node-fetch.ts).
 * The sign-in loopback listener is not Google traffic and does not use it.
 */
export type HttpFetch = (url: string, init: RequestInit) => Promise<Response>;

/** Opens a URL in the person's default browser (Electron: shell.openExternal). */
export interface BrowserLauncher {
  open(url: string): Promise<void>;
}

/**
 * The system clipboard, from the main process (Electron: clipboard). Read only to tell whether what Glance
 * put there is still there, before taking it off again.
 */
export interface SystemClipboard {
  writeText(text: string): Promise<void>;
  readText(): Promise<string>;
  clear(): void;
}

export interface Clock {
  now(): number;
  /**
   * Milliseconds from an arbitrary start that never jumps when the wall clock is set (performance.now):
   * Google's clock is carried forward on it between answers. Default: performance.now().
   */
  monotonic?(): number;
}

export const systemClock: Clock = { now: () => Date.now(), monotonic: () => performance.now() };

/**
 * Schedules a callback; returns the function that cancels it. The one timer port of the core (sign-in
 * time-out, Gmail back-off, polling, cache saves): tests pass a manual one and never wait on real time.
 */
export interface Timers {
  schedule(callback: () => void, ms: number): () => void;
}

/** Real timers: polls, back-off waits and delayed saves (the work they lead to is awaited). */
export const realTimers: Timers = {
  schedule(callback, ms) {
    const timer = setTimeout(callback, Math.max(0, ms));
    return () => clearTimeout(timer);
  },
};

/** Real timers that never keep the process alive on their own: time-outs of a sign-in or a stuck keychain. */
export const detachedTimers: Timers = {
  schedule(callback, ms) {
    const timer = setTimeout(callback, Math.max(0, ms));
    timer.unref?.();
    return () => clearTimeout(timer);
  },
};

/** Native dialogs (Electron: dialog.showOpenDialog / showSaveDialog). Null when cancelled. */
export interface FileDialogs {
  chooseClientSecretsFile(): Promise<string | null>;
  chooseSavePath(suggestedName: string): Promise<string | null>;
}

/** Where Glance keeps its files. */
export interface AppPaths {
  /** The app's data folder (Electron: app.getPath('userData')). */
  dataDir: string;
}

/** The desktop's notifications (Electron: Notification), for "Send a test notification". */
export interface DesktopNotifier {
  test(): Promise<TestNotificationResult>;
}
